"""The document model every parser produces: pages of blocks, tables of rows of cells.

Text is kept as the source printed it (only decoded and NFC-normalised);
repair is the normalizers' job, so provenance stays faithful to the input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Literal

import regex

BlockKind = Literal["heading", "paragraph", "list", "table"]


# A rectangle on a page: x0, top, x1, bottom in points from the page's top-left corner.
Box = tuple[float, float, float, float]


def union(boxes: list[Box]) -> Box | None:
    """The smallest box holding every box (None for none)."""
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
            max(b[3] for b in boxes))


@dataclass
class Checkbox:
    checked: bool
    label: str


# Box glyphs that OCR and conversion tools print for form checkboxes.
CHECKED_GLYPHS = "☑☒■✓✔"
UNCHECKED_GLYPHS = "☐□"
BOX_GLYPHS = CHECKED_GLYPHS + UNCHECKED_GLYPHS
_GLYPH_BOX = regex.compile(rf"([{BOX_GLYPHS}])\s*([^{BOX_GLYPHS}]*)")


def glyph_checkboxes(line: str) -> list[Checkbox]:
    """Checkboxes printed as glyphs (`☑ ดำเนินการแล้วเสร็จ ☐ ยังไม่ได้ดำเนินการ`), each with its label."""
    return [Checkbox(m.group(1) in CHECKED_GLYPHS, m.group(2).strip()) for m in _GLYPH_BOX.finditer(line)]


@dataclass
class Cell:
    lines: list[str]
    checkboxes: list[Checkbox] = field(default_factory=list)
    spanned: bool = False  # a place a merged cell covers beyond its first (the text repeats it)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def is_empty(self) -> bool:
        return not any(line.strip() for line in self.lines) and not self.checkboxes

    def extend(self, other: Cell) -> None:
        self.lines.extend(line for line in other.lines if line.strip())
        self.checkboxes.extend(other.checkboxes)


@dataclass
class Row:
    cells: list[Cell]
    line: int  # 1-based source line of the row's first line
    page: int = 1
    box: Box | None = None  # where a PDF's text layer prints it (None for text and OCR'd pages)

    @property
    def texts(self) -> list[str]:
        return [cell.text for cell in self.cells]


# A header read again by OCR: most characters alike, no label shorter than this misread at all.
_HEADER_ALIKE = 0.8
_CELL_ALIKE = 0.6
_SHORT_LABEL = 4
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def repeats_header(row: Row, header: Row) -> bool:
    """Whether `row` is `header` printed again (after a page break), allowing for how OCR reads
    the same words twice: spaces, a dropped or stray mark, a garbled word. The same cells must be
    filled, their numbers (years) the same, and short labels exactly alike."""
    if len(row.cells) != len(header.cells):
        return False
    pairs = [(_comparable(a.text), _comparable(b.text)) for a, b in zip(row.cells, header.cells, strict=True)]
    if not any(b for _, b in pairs) or any(bool(a) != bool(b) for a, b in pairs):
        return False
    if any(_digits(a) != _digits(b) for a, b in pairs):
        return False
    if any(a != b and (len(b) < _SHORT_LABEL or _alike(a, b) < _CELL_ALIKE) for a, b in pairs):
        return False
    return _alike("|".join(a for a, _ in pairs), "|".join(b for _, b in pairs)) >= _HEADER_ALIKE


def _comparable(text: str) -> str:
    return "".join(text.split()).replace("\u0e4d\u0e32", "\u0e33")  # NIKHAHIT + SARA AA is SARA AM


def _digits(text: str) -> str:
    return "".join(regex.findall(r"\d", text.translate(_THAI_DIGITS)))


def _alike(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


@dataclass
class Block:
    kind: BlockKind
    page: int
    line_start: int
    line_end: int
    lines: list[str] = field(default_factory=list)  # heading, paragraph and list text
    level: int = 0  # heading level (1-6)
    header: list[Row] = field(default_factory=list)  # table header rows
    rows: list[Row] = field(default_factory=list)  # table body rows
    columns: list[float] = field(default_factory=list)  # left edge of each column, when laid out on a page
    header_guessed: bool = False  # the first row taken for the header, no separator row saying so
    box: Box | None = None  # where a PDF's text layer prints its lines (prose blocks)

    @property
    def text(self) -> str:
        if self.kind == "table":
            rows = [*self.header, *self.rows]
            return "\n".join("\t".join(c.replace("\n", " ") for c in r.texts) for r in rows)
        return "\n".join(self.lines)


@dataclass
class Page:
    number: int  # 1-based
    raw_text: str
    blocks: list[Block] = field(default_factory=list)
    text_source: str = "plain_text"
    # The Thai repairs a parser already made of this page's texts (a paragraph line, a cell's text
    # with its line breaks as spaces) to judge its text layer: {text as printed: repaired}, handed
    # on so that a reader need not make them again. The texts themselves stay as printed.
    repaired: dict[str, str] = field(default_factory=dict)


@dataclass
class Document:
    source_format: str  # the name of its kind of input (parsers.formats)
    pages: list[Page]
    encoding: str | None = None
    page_count: int | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def blocks(self) -> list[Block]:
        return [block for page in self.pages for block in page.blocks]

    @property
    def raw_text(self) -> str:
        return "\n\f".join(page.raw_text for page in self.pages)

    @property
    def ocr_pages(self) -> frozenset[int]:
        """The numbers of the pages read by OCR."""
        return frozenset(page.number for page in self.pages if page.text_source == "ocr")
