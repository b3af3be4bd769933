"""Which parser reads which file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from parsers.encoding import decode_text
from parsers.errors import ParseError, UnsupportedFormat
from parsers.html import parse_html
from parsers.model import Document, Page
from parsers.pdf import parse_pdf
from parsers.text import parse_text


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
    return parser(data)


__all__ = ["ParseError", "parse_file", "supported_suffixes"]
