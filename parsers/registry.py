"""Which parser reads which file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

from ita_extract.parsers.encoding import decode_text
from ita_extract.parsers.errors import EmptyInput, ParseError, UnsupportedFormat
from ita_extract.parsers.html import parse_html
from ita_extract.parsers.model import Document, Page
from ita_extract.parsers.pdf import parse_pdf
from ita_extract.parsers.text import parse_text


def _read_text_dump(data: bytes) -> Document:
    text, encoding = decode_text(data)
    return parse_text(text, encoding)


def _read_html(data: bytes) -> Document:
    text, encoding = decode_text(data)
    page = Page(1, text, parse_html(text))
    return Document("text", [page], encoding=encoding)


PARSERS: dict[str, Callable[[bytes], Document]] = {
    ".pdf": parse_pdf,
    ".txt": _read_text_dump,
    ".md": _read_text_dump,
    ".markdown": _read_text_dump,
    ".html": _read_html,
    ".htm": _read_html,
}


def supported_suffixes() -> tuple[str, ...]:
    return tuple(PARSERS)


def parse_file(path: Path, data: bytes) -> Document:
    parser = PARSERS.get(path.suffix.lower())
    if parser is None:
        raise UnsupportedFormat(f"no parser for '{path.suffix}' files")
    if not data:  # whatever its name says it is
        raise EmptyInput("the file is empty (0 bytes)")
    try:
        return parser(data)
    except pdfium.PdfiumError as exc:  # damage pdfium finds past opening (a page, a stream)
        raise ParseError(f"the PDF is damaged: {exc}", error_type="DamagedPDF") from exc
    except UnicodeDecodeError as exc:
        raise ParseError(f"the text cannot be decoded ({exc.reason} at byte {exc.start})",
                         error_type="UndecodableText", stage="decode") from exc


__all__ = ["ParseError", "parse_file", "supported_suffixes"]
