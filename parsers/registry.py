"""Which reader turns which file into a document (the formats are declared in parsers.formats)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

from ita_extract.parsers.encoding import decode_text
from ita_extract.parsers.errors import EmptyInput, ParseError, UnsupportedFormat
from ita_extract.parsers.formats import FORMATS, TEXT, format_of
from ita_extract.parsers.html import parse_html
from ita_extract.parsers.labels import NO_LABELS, NumberLabels
from ita_extract.parsers.model import Document, Page
from ita_extract.parsers.pdf import parse_pdf
from ita_extract.parsers.text import parse_text
from ita_extract.parsers.warnings import DECODED_AS_TIS620


def _read_text_dump(data: bytes, labels: NumberLabels) -> Document:
    text, encoding = decode_text(data)
    return _decoded(parse_text(text, encoding), encoding)


def _read_html(data: bytes, labels: NumberLabels) -> Document:
    text, encoding = decode_text(data)
    return _decoded(Document(TEXT.name, [Page(1, text, parse_html(text))], encoding=encoding), encoding)


def _decoded(document: Document, encoding: str) -> Document:
    if encoding == "cp874":  # the bytes were not Unicode: say how they were read
        document.warnings.append(DECODED_AS_TIS620)
    return document


_READERS: dict[str, Callable[[bytes, NumberLabels], Document]] = {
    "pdf": parse_pdf,
    "dump": _read_text_dump,
    "html": _read_html,
}
assert {f.reader for f in FORMATS.values()} == set(_READERS)


def supported_suffixes() -> tuple[str, ...]:
    return tuple(FORMATS)


def parse_file(path: Path, data: bytes, labels: NumberLabels = NO_LABELS) -> Document:
    """The document `data` holds, read as its suffix says; `labels` are the letters the genre
    prints before numbers (parsers.labels)."""
    found = format_of(path)
    if found is None:
        raise UnsupportedFormat(f"no parser for '{path.suffix}' files")
    if not data:  # whatever its name says it is
        raise EmptyInput("the file is empty (0 bytes)")
    try:
        return _READERS[found.reader](data, labels)
    except pdfium.PdfiumError as exc:  # damage pdfium finds past opening (a page, a stream)
        raise ParseError(f"the PDF is damaged: {exc}", error_type="DamagedPDF") from exc
    except UnicodeDecodeError as exc:
        raise ParseError(f"the text cannot be decoded ({exc.reason} at byte {exc.start})",
                         error_type="UndecodableText", stage="decode") from exc


__all__ = ["ParseError", "parse_file", "supported_suffixes"]
