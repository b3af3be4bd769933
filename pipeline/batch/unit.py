"""The unit of work every executor runs: one input file → its rows in every table, or one
`errors` row. A failure never escapes as an exception: a bad file must not stop the batch.
Rows name no file (the run names each document once, dataset.rows)."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from ita_extract.parsers import ParseError, parse_file
from ita_extract.parsers.model import Document
from ita_extract.pipeline.dataset.rows import document_rows, error_row
from ita_extract.pipeline.dataset.validation import Rows
from ita_extract.pipeline.ita import read_document
from ita_extract.pipeline.ita.framework import NUMBER_LABELS

log = logging.getLogger(__name__)
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


def process_file(path: Path) -> Result:
    """Read, recognise and tabulate one file; every failure becomes an `errors` row."""
    digest = None
    try:
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        return Result(process_document(parse(path, data), digest))
    except ParseError as exc:
        return failure(exc.stage, exc.error_type, str(exc), digest)
    except OSError as exc:
        return failure("read", type(exc).__name__, exc.strerror or str(exc), digest)
    except MemoryError:
        return failure("extract", MEMORY_LIMIT,
                       "the document needs more memory than a worker may use (--max-memory-mb)", digest)
    except Exception as exc:  # a bug on one file must not stop the batch
        log.exception("extraction failed on %s", path)
        return failure("extract", type(exc).__name__, str(exc), digest)


def parse(path: Path, data: bytes) -> Document:
    """The document `data` holds, read as an ITA document (its item codes are labels)."""
    return parse_file(path, data, NUMBER_LABELS)


def process_document(document: Document, sha256: str) -> Rows:
    """The rows of a parsed document whose bytes hash to `sha256`."""
    return document_rows(document, read_document(document), sha256)


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
