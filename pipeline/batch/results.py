"""What the unit of work (batch.unit) gives back for one file: its rows in every table, or one
`errors` row. Apart from the unit itself so that the run, which reads results and makes the
errors rows of documents its workers never finished, does not load the parsers and the ITA room."""

from __future__ import annotations

from dataclasses import dataclass, field

from ita_extract.pipeline.dataset.errors import error_row
from ita_extract.pipeline.dataset.validation import Rows

MEMORY_LIMIT = "MemoryLimit"


@dataclass
class Result:
    """Rows one input contributes, keyed by table name."""

    rows: Rows = field(default_factory=dict)

    @property
    def error(self) -> dict | None:
        errors = self.rows.get("errors")
        return errors[0] if errors else None

    @property
    def failed(self) -> bool:
        return self.error is not None

    @property
    def ran_out_of_memory(self) -> bool:
        """Its worker's heap is spent and fragmented: the next document wants a fresh one."""
        return self.error is not None and self.error["error_type"] == MEMORY_LIMIT


def failure(stage: str, error_type: str, message: str, sha256: str | None = None) -> Result:
    """A failure as a result; the run logs it, once, whichever process decided it."""
    return Result({"errors": [error_row(stage, error_type, message, sha256)]})


def timed_out(sha256: str | None, limit: float) -> Result:
    return failure("extract", "DocumentTimeout",
                   f"extraction took longer than the {limit:g} s limit per document", sha256)


def worker_died(sha256: str | None, memory: int) -> Result:
    limit = f" (perhaps over its {memory / 2**20:g} MiB memory limit, --max-memory-mb)" if memory else ""
    return failure("extract", "WorkerDied",
                   f"the worker process died while extracting this file{limit}", sha256)
