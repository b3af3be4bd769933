"""The unit of work every executor runs: one input file → its rows in every table, or one
`errors` row (batch.results). A failure never escapes as an exception: a bad file must not stop
the batch. Rows name no file (the run names each document once, dataset.rows)."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from ita_extract.parsers.errors import ParseError
from ita_extract.parsers.model import Document
from ita_extract.parsers.registry import parse_file
from ita_extract.pipeline.batch.results import MEMORY_LIMIT, Result, failure
from ita_extract.pipeline.dataset.rows import document_rows
from ita_extract.pipeline.dataset.validation import Rows
from ita_extract.pipeline.ita.framework import NUMBER_LABELS
from ita_extract.pipeline.ita.reading import read_document

log = logging.getLogger(__name__)


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
