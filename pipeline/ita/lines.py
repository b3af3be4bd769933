"""The document as repaired lines with page and line provenance."""

from __future__ import annotations

from dataclasses import dataclass

from ita_extract.normalizers.digits import thai_digits_to_arabic
from ita_extract.normalizers.thai_text import repair_thai
from ita_extract.parsers.model import Block, Document, Page, Row


@dataclass(frozen=True)
class Line:
    page: int
    line: int
    text: str  # repaired Thai, Arabic digits
    kind: str  # the block kind it came from


def repaired(text: str) -> str:
    """Repaired Thai with the digits as printed: the form printed codes are read from
    (`repair_thai` keeps its own cache)."""
    return repair_thai(text)


def clean(text: str) -> str:
    """Repaired Thai with Arabic digits: the form of every text column."""
    return thai_digits_to_arabic(repaired(text))


def row_text(row: Row) -> str:
    return "\t".join(clean(cell.text.replace("\n", " ")) for cell in row.cells)


def block_lines(block: Block) -> list[Line]:
    if block.kind == "table":
        return [Line(row.page, row.line, row_text(row), "table")
                for row in (*block.header, *block.rows)]
    return [Line(block.page, block.line_start + k, clean(text), block.kind)
            for k, text in enumerate(block.lines)]


def document_lines(document: Document) -> list[Line]:
    return [line for block in document.blocks for line in block_lines(block)]


def page_text(page: Page) -> str:
    """Repaired page text in reading order; table rows as tab-separated lines."""
    return "\n".join(line.text for block in page.blocks for line in block_lines(block))
