"""An `errors` row: a file that could not be processed. Apart from dataset.rows (which knows the
ITA room's reading) so that the run, which makes such rows too, does not load the ITA room."""

from __future__ import annotations

from ita_extract.pipeline.dataset.validation import Row


def error_row(stage: str, error_type: str, message: str, sha256: str | None = None) -> Row:
    """A file that could not be processed: where it failed, how, and what went wrong."""
    return {"source_sha256": sha256, "stage": stage, "error_type": error_type, "message": message}
