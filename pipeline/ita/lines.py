"""The document as repaired lines with page and line provenance, built once per document: every
reader of the ITA room (metadata, scores, findings, measures) and the pages table take their
lines from one `DocumentLines`."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ita_extract.normalizers.digits import thai_digits_to_arabic
from ita_extract.normalizers.thai_text import repair_thai
from ita_extract.parsers.model import Block, Box, Document, Page, Row


@dataclass(frozen=True)
class Line:
    page: int
    line: int
    text: str  # repaired Thai, Arabic digits
    kind: str  # the block kind it came from
    box: Box | None = None  # where a PDF's text layer prints it (the parser's Row.box, Block.box)

    def cells(self, indices: list[int]) -> str | None:
        """Some cells of a table row's line, tab-separated: those a score was read from (its label,
        code and value; the row's other cells, a measure's long text beside an indicator's score,
        say, are the row's, not the score's: 1.7 KB a score row at 5,000 documents). None when
        none of them holds text."""
        texts = self.text.split("\t")
        wanted = sorted({i for i in indices if 0 <= i < len(texts)})
        return "\t".join(texts[i] for i in wanted if texts[i].strip()) or None


def repaired(text: str) -> str:
    """Repaired Thai with the digits as printed: the form printed codes are read from."""
    return repair_thai(text)


def clean(text: str) -> str:
    """Repaired Thai with Arabic digits: the form of every text column."""
    return thai_digits_to_arabic(repaired(text))


_SPACES = regex.compile(r" {2,}")


class DocumentLines:
    """Every line of a document, repaired once: a paragraph's or heading's lines, and one line
    per table row (its cells tab-separated), each with its page and line. A repair the parser
    already made of a text (`Page.repaired`) is taken, not made again."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._repaired = {page.number: page.repaired for page in document.pages if page.repaired}
        self._of_block: dict[int, tuple[Line, ...]] = {}
        self._of_row: dict[int, Line] = {}
        for block in document.blocks:
            self._of_block[id(block)] = self._read(block)
        self.all: tuple[Line, ...] = tuple(line for block in document.blocks
                                           for line in self._of_block[id(block)])

    def _read(self, block: Block) -> tuple[Line, ...]:
        if block.kind != "table":
            # runs of spaces a layout dump aligned a line's parts with say no more than one space
            texts = [_SPACES.sub(" ", self._clean(text, block.page)) for text in block.lines]
            return tuple(Line(block.page, block.line_start + k, text, block.kind, block.box)
                         for k, text in enumerate(texts))
        lines = []
        for row in (*block.header, *block.rows):
            text = "\t".join(self._clean(cell.text.replace("\n", " "), row.page) for cell in row.cells)
            line = self._of_row[id(row)] = Line(row.page, row.line, text, "table", row.box)
            lines.append(line)
        return tuple(lines)

    def _clean(self, text: str, page: int) -> str:
        known = self._repaired.get(page)
        repaired = known.get(text) if known else None
        return thai_digits_to_arabic(repaired if repaired is not None else repair_thai(text))

    def of_block(self, block: Block) -> tuple[Line, ...]:
        return self._of_block[id(block)]

    def of_row(self, row: Row) -> Line:
        return self._of_row[id(row)]

    def page_text(self, page: Page) -> str:
        """The page's repaired text in reading order; table rows as tab-separated lines."""
        return "\n".join(line.text for block in page.blocks for line in self._of_block[id(block)])
