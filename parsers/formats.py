"""The inputs the parsers read, declared once: each kind of input with the largest file of it a
run reads by default, and each file suffix with its kind and the reader that turns it into a
document. `documents.source_format` is the kind's name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

UNSUPPORTED = "no parser for this kind of file"  # why a file of another suffix is skipped


@dataclass(frozen=True)
class Kind:
    name: str  # documents.source_format
    # The largest input read by default (MiB): a 300-page text dump is a few MB and parsing costs
    # about 20 times a text's size in memory; scanned PDFs run to hundreds of MB.
    default_max_mb: float


PDF = Kind("pdf", 512)
TEXT = Kind("text", 16)
KINDS = (PDF, TEXT)


@dataclass(frozen=True)
class Format:
    suffix: str
    kind: Kind
    reader: str  # which reader of parsers.registry turns it into a document


FORMATS = {f.suffix: f for f in (
    Format(".pdf", PDF, "pdf"),
    Format(".txt", TEXT, "dump"),
    Format(".md", TEXT, "dump"),
    Format(".markdown", TEXT, "dump"),
    Format(".html", TEXT, "html"),
    Format(".htm", TEXT, "html"),
)}


def format_of(path: Path | str) -> Format | None:
    """The format a file's suffix says it is in (any case), or None."""
    return FORMATS.get(Path(path).suffix.lower())


def is_pdf(path: Path | str) -> bool:
    found = format_of(path)
    return found is not None and found.kind is PDF
