"""Tables by meaning: each column's role from its header (table_columns.csv), the table's kind.

A measures table has at least two of steps / responsible / timeframe /
follow-up / result / status columns (a report on measures: มาตรการ | ผลการดำเนินการ | สถานะ);
a scores table has a score column or one column
per year; other tables are read only for their findings and sentences.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

import regex

from ita_extract.normalizers.digits import parse_number, thai_digits_to_arabic
from ita_extract.normalizers.lists import squeeze_thai
from ita_extract.normalizers.ocr_text import without_stray_latin
from ita_extract.normalizers.patterns import YEAR
from ita_extract.normalizers.years import to_be
from ita_extract.parsers.model import BOX_GLYPHS, Block, Cell, Row
from ita_extract.pipeline.ita.framework import header_year_offset
from ita_extract.pipeline.ita.knowledge import first_keyed_match, first_keyed_slip
from ita_extract.pipeline.ita.lines import clean, repaired
from ita_extract.pipeline.ita.subjects import label_subject, tool_in

STATUS_CHOICE = "status_choice"  # the role of a column headed by one status
TIMELINE = "timeline"  # a month or quarter column of a plan's Gantt chart
MEASURE_ROLES = frozenset({"steps", "responsible", "timeframe", "follow_up", "result", "status",
                           STATUS_CHOICE, TIMELINE})
# Columns printed once for several rows (merged cells) that apply to the rows below.
FILL_DOWN_ROLES = ("responsible", "timeframe", "follow_up")
# Columns that say which row a line belongs to; a row with none of them continues the row above.
IDENTITY_ROLES = ("seq", "title", "issue", "indicator", "recommendation", "finding", "item_text", "code",
                  "label")
# A cell's checkboxes are in Cell.checkboxes: from a box glyph on, a line is their labels.
_FROM_FIRST_BOX = regex.compile(rf"\s*[{BOX_GLYPHS}].*$")
_CAPTION_BLOCKS = 2
_HEADER_LINES_IN_BODY = 2
_HEADER_CELL_MAX = 40
_GAP_HEADER_MAX = 12  # characters of a month header OCR garbled (`fel. 68`): a longer one is another column
_NON_YEAR_NUMBER = regex.compile(rf"(?<![\d.])(?!{YEAR}(?!\d))\d+(?:\.\d+)?")
_CAPTION_MAX = 300
_COUNTED, _COUNTED_SHARE = 3, 0.8  # rows, and share of them, a column of running numbers counts
_FRACTION = regex.compile(r"\d[.,]\d")
_LONE_SCORE = regex.compile(r"\(?\d{1,3}\.\d{1,2}\)?\s*%?")  # a value with decimals alone in its cell
_LONE_NUMBER = regex.compile(r"\(?\d{1,3}(?:\.\d{1,2})?\)?\s*%?")
_LONE_CODE = regex.compile(r"[A-Za-z]\s?\d{1,2}|[0-9]\d{1,2}")  # an item's code alone (E1, i12, o010)


@dataclass(frozen=True)
class Column:
    index: int
    role: str | None
    header: str
    year_be: int | None = None
    year_offset: int | None = None  # a year column headed by words (ปีที่ผ่านมา: -1): from the assessment year

    def year(self, assessment_year: int | None) -> int | None:
        """The year of the column's values: its own, else the assessment year (moved by its offset)."""
        if self.year_be is not None:
            return self.year_be
        if assessment_year is not None and self.year_offset is not None:
            return assessment_year + self.year_offset
        return assessment_year


@dataclass
class TableView:
    block: Block
    columns: list[Column]
    caption: str = ""
    tool: str | None = None  # the tool the caption names
    kind: str = "other"
    header_in_body: int = 0  # leading body rows that are further lines of the header
    headerless: bool = False  # its first row, taken for a header, is a row of values

    def roles(self) -> set[str]:
        return {c.role for c in self.columns if c.role}

    def columns_of(self, role: str) -> list[Column]:
        return [c for c in self.columns if c.role == role]

    def body(self) -> Iterator[Row]:
        if self.headerless:
            yield from (*self.block.header, *self.block.rows)
            return
        header_roles = [self._row_roles(r) for r in self.block.header]
        for row in self.block.rows[self.header_in_body:]:
            if header_roles and self._row_roles(row) in header_roles:
                continue  # a header printed again after a page break
            yield row

    def _row_roles(self, row: Row) -> tuple:
        return tuple(column_role(squeeze_thai(clean(c.text)))[0] for c in row.cells)


@dataclass
class RowView:
    """One body row's cleaned cell texts by role."""

    row: Row
    table: TableView
    cells: dict[str, list[Cell]] = field(default_factory=dict)
    source_rows: list[Row] = field(default_factory=list)  # the printed rows merged into this one

    def text(self, role: str, sep: str = " ") -> str:
        return sep.join(t for cell in self.cells.get(role, []) if (t := cell_text(cell, sep)))

    def printed(self, role: str, sep: str = " ") -> str:
        """Repaired text with digits as printed (for reading printed codes)."""
        return sep.join(repaired(line) for cell in self.cells.get(role, []) for line in unboxed(cell.lines))

    def lines(self, role: str) -> list[str]:
        return [clean(line) for cell in self.cells.get(role, []) for line in unboxed(cell.lines)]

    def has(self, role: str) -> bool:
        return any(not c.is_empty for c in self.cells.get(role, []))


def cell_text(cell: Cell, sep: str = " ") -> str:
    lines = [clean(line).strip() for line in unboxed(cell.lines)]
    return sep.join(line for line in lines if line)


def unboxed(lines: list[str]) -> list[str]:
    """A cell's lines without their checkboxes (`จุดให้บริการ ☑ ดำเนินการแล้วเสร็จ` is `จุดให้บริการ`;
    the boxes are the cell's checkboxes), blank lines left out."""
    kept = (_FROM_FIRST_BOX.sub("", line) for line in lines)
    return [line for line in kept if line.strip()]


def column_role(header: str) -> tuple[str | None, int | None]:
    """(role, year) of a squeezed header text; the first matching row of table_columns.csv wins,
    as printed, else with the marks above and below the line set aside on both sides (OCR
    loses them: ขอคาถาม for ข้อคำถาม)."""
    found = first_keyed_match("table_columns", "role", header)
    if found is None:
        return None, None
    role, match = found
    return role, to_be(int(match.group(1))) if role == "year" else None


def view(block: Block, before: list[Block]) -> TableView:
    """The table `block` with its column roles, caption (the short blocks before it) and kind.

    The header may go on over the first body rows (years under a grouped `ระดับคะแนน`): a
    column takes its role and year from every header line above it."""
    width = max((len(r.cells) for r in (*block.header, *block.rows)), default=0)
    if _headerless(block):
        caption = _caption(before)
        result = TableView(block, _columns_by_content([*block.header, *block.rows], width), caption,
                           tool_in(caption) if caption else None, headerless=True)
        result.kind = _kind(result.roles())
        return result
    in_body = 0
    while in_body < min(_HEADER_LINES_IN_BODY, len(block.rows)) and block.header and \
            _continues_header(block.rows[in_body]):
        in_body += 1
    header_rows = [*block.header, *block.rows[:in_body]]
    columns = []
    for index in range(width):
        lines = [line for r in header_rows if index < len(r.cells)
                 for line in r.cells[index].lines if line.strip()]
        role, year = header_role(lines)
        if _status_header(squeeze_thai(clean(" ".join(lines)))):
            role = STATUS_CHOICE
        offset = header_year_offset(squeeze_thai(clean(" ".join(lines)))) if role != "year" else None
        if offset is not None:
            role = "year"  # ปีที่ผ่านมา | คะแนนปีนี้: a year's column, named in words
        if role is None and _counts_rows(block.rows[in_body:], index):
            role = "seq"  # a running number whatever its header (OCR read ที่ as `ai ท`)
        columns.append(Column(index, role, " ".join(lines), year, offset))
    body = block.rows[in_body:]
    columns = _scale_means(_shares_of_counts(_timeline_gaps(columns), body), body)
    caption = _caption(before)
    result = TableView(block, columns, caption, tool_in(caption) if caption else None,
                       header_in_body=in_body)
    result.kind = _kind(result.roles())
    return result


SHARE = "share"  # the per cent of a count printed beside it
_SHARE_SLACK = 0.01  # per cent each rounded share may add to its column's 100
_SCALE_TOP = 5.0  # the top of the rating scales items are answered on
_PERCENT_HEADER = regex.compile(r"\(?\s*(?:ร้อยละ|%|เปอร์เซ็นต์)\s*\)?")


def _shares_of_counts(columns: list[Column], rows: list[Row]) -> list[Column]:
    """A column headed by per cent alone beside a count (`แบบวัด | จำนวน (คน) | ร้อยละ`) whose
    values add up to 100 (a total row's 100 aside) is the count's share, never a score (the
    shares of respondents were read as the tools' scores). Per cents that add up to more are
    scores (an item's score beside its respondents)."""
    if not any(c.role == "count" for c in columns):
        return columns
    return [replace(c, role=SHARE) if _PERCENT_HEADER.fullmatch(squeeze_thai(clean(c.header)))
            and _adds_up_to_100(rows, c.index) else c for c in columns]


def _scale_means(columns: list[Column], rows: list[Row]) -> list[Column]:
    """A score column whose every value is a fraction of at most _SCALE_TOP (4.52, 3.90) holds
    means on a rating scale whatever its header says (`คะแนนเฉลี่ย`): no 0–100 score is that low
    throughout."""
    return [replace(c, role="scale") if c.role == "score" and _on_a_scale(_column_values(rows, c.index))
            else c for c in columns]


def _on_a_scale(values: list[float]) -> bool:
    return len(values) > 1 and all(0 <= v <= _SCALE_TOP for v in values) and any(v % 1 for v in values)


def _column_values(rows: list[Row], index: int) -> list[float]:
    return [v for row in rows if index < len(row.cells)
            and (v := parse_number(thai_digits_to_arabic(cell_text(row.cells[index])))) is not None]


def _adds_up_to_100(rows: list[Row], index: int) -> bool:
    values = _column_values(rows, index)
    parts = values[:-1] if len(values) > 1 and abs(values[-1] - 100) < 0.01 else values
    return len(parts) > 1 and abs(sum(parts) - 100) <= _SHARE_SLACK * len(parts)


def _timeline_gaps(columns: list[Column]) -> list[Column]:
    """Columns of a plan's timeline whose header was read as no month (OCR: `A.W.` for ก.พ.,
    `fel.` for ก.ย.): one between two months, or a short one at the end of a run of two or more.
    periods.timeline_periods decides which month each is, or none."""
    columns = list(columns)

    def timeline(k: int) -> bool:
        return 0 <= k < len(columns) and columns[k].role == TIMELINE
    for k, column in enumerate(columns):
        if column.role is not None:
            continue
        short = 0 < len(squeeze_thai(column.header).strip()) <= _GAP_HEADER_MAX  # no header is no month
        if (timeline(k - 1) and timeline(k + 1)) or (short and (timeline(k - 1) and timeline(k - 2)
                                                                 or timeline(k + 1) and timeline(k + 2))):
            columns[k] = replace(column, role=TIMELINE)
    return columns


def header_role(lines: list[str]) -> tuple[str | None, int | None]:
    """(role, year) of a column from its header lines: a month or quarter on any line makes it a
    column of the plan's timeline; else a year on any line makes it that year's column of values;
    else the role of the whole header, else of its first line that has one, else the role of a
    long header word read with one OCR slip."""
    texts = [squeeze_thai(clean(without_stray_latin(line))) for line in lines]
    per_line = [column_role(text) for text in texts]
    if any(role == TIMELINE for role, _ in per_line):
        return TIMELINE, None  # a month under its year (`พ.ศ. 2567` over `ต.ค.`) is the plan's month
    year = next(((role, y) for role, y in per_line if role == "year"), None)
    if year:
        return year
    whole = column_role(squeeze_thai(" ".join(texts)))  # a word the column wrapped (เ / ม.ย.)
    found = whole if whole[0] else next((r for r in per_line if r[0]), (None, None))
    return found if found[0] else (first_keyed_slip("table_columns", "role", " ".join(texts)), None)


def _status_header(header: str) -> bool:
    """A column headed by one status (`ดำเนินการแล้ว | อยู่ระหว่างดำเนินการ | ยังไม่ดำเนินการ`):
    a tick under it is the row's status."""
    found = first_keyed_match("status_labels", "status", header)
    return found is not None and found[1].group() == header


def _counts_rows(rows: list[Row], index: int) -> bool:
    """Whether a column counts the rows (1, 2, 3 …): at least _COUNTED rows, most cells their
    row's number, and none a number that is not a whole one."""
    texts = [thai_digits_to_arabic(cell_text(row.cells[index])) if index < len(row.cells) else ""
             for row in rows]
    if len(texts) < _COUNTED or any(_FRACTION.search(t) for t in texts):
        return False
    counted = sum(t == str(k) for k, t in enumerate(texts, 1))
    return counted >= _COUNTED_SHARE * len(texts)


def _headerless(block: Block) -> bool:
    """A table printed without a header (`E1 | question | 90.10` on its first row): its first row,
    taken for the header, holds a score alone in a cell and no header word (a question's long
    text may hold one, ตามขั้นตอนที่กำหนด; a subject's name is a label: ตัวชี้วัดที่ 6 …)."""
    if not block.header:
        return False
    cells = block.header[0].cells
    texts = [squeeze_thai(clean(c.text)).strip() for c in cells]
    words = [t for t in texts if t and len(t) <= _HEADER_CELL_MAX and label_subject(t) is None]
    return any(_LONE_SCORE.fullmatch(t) for t in texts) and not any(column_role(t)[0] for t in words)


def _columns_by_content(rows: list[Row], width: int) -> list[Column]:
    """Roles of a headerless table's columns from what they hold: running numbers, codes alone,
    scores alone (one with decimals at least), else labels."""
    columns = []
    for index in range(width):
        texts = [t for row in rows if index < len(row.cells) and (t := cell_text(row.cells[index]))]
        role: str | None = "label" if texts else None
        if _counts_rows(rows, index):
            role = "seq"
        elif texts and all(_LONE_CODE.fullmatch(t) for t in texts):
            role = "code"
        elif texts and all(map(_LONE_NUMBER.fullmatch, texts)) and any(map(_FRACTION.search, texts)):
            role = "score"
        columns.append(Column(index, role, ""))
    return columns


def stacked_tables(block: Block) -> list[Block]:
    """A table block as the tables stacked in it: a PDF's grid may hold two tables printed one
    right below the other, the second's header a row of the first (`ข้อที่ | ประเด็นคำถาม | คะแนน`
    rows, then `ตัวชี้วัด | ชื่อตัวชี้วัด | คะแนน` and its rows). A body row of header labels with
    other roles than the header's, after a row of values and before another row, opens the next
    table; a header printed again (the same roles: a page break) does not."""
    if block.kind != "table" or not block.header or len(block.rows) < 3:
        return [block]
    first = [_roles(row) for row in block.header]
    for k in range(1, len(block.rows) - 1):
        row = block.rows[k]
        if not _continues_header(row):
            continue
        roles = _roles(row)
        if len({r for r in roles if r}) < 2 or roles in first:
            continue
        if any(_NON_YEAR_NUMBER.search(clean(c.text)) for c in block.rows[k - 1].cells):
            top = replace(block, rows=block.rows[:k], line_end=block.rows[k - 1].line)
            return [top, *stacked_tables(replace(block, header=[row], rows=block.rows[k + 1:],
                                                 line_start=row.line))]
    return [block]


def _roles(row: Row) -> tuple:
    return tuple(column_role(squeeze_thai(clean(c.text)))[0] for c in row.cells if not c.spanned)


def _continues_header(row: Row) -> bool:
    """A body row that is another header line: short labels with a role (years, คะแนน …) or
    copies of a merged header cell, and no number but years."""
    texts = [clean(c.text).strip() for c in row.cells if not c.is_empty]
    own = [c for c in row.cells if not c.is_empty and not c.spanned]
    if not own or any(len(t) > _HEADER_CELL_MAX or _NON_YEAR_NUMBER.search(t) for t in texts):
        return False
    return all(column_role(squeeze_thai(clean(c.text)))[0] for c in own)


def _caption(before: list[Block]) -> str:
    texts: list[str] = []
    for block in reversed(before[-_CAPTION_BLOCKS:]):
        if block.kind == "table" or len(block.text) > _CAPTION_MAX:
            break
        texts.insert(0, block.text)
    return "\n".join(clean(t) for t in texts)


def _kind(roles: set[str]) -> str:
    if len(roles & MEASURE_ROLES) >= 2:
        return "measures"
    if roles & {"score", "year"}:
        return "scores"
    return "other"


def row_views(table_view: TableView) -> list[RowView]:
    """Body rows by role, continuation rows merged up and merged cells filled down."""
    views: list[RowView] = []
    for row in table_view.body():
        current = RowView(row, table_view, source_rows=[row])
        for column in table_view.columns:
            if column.role and column.index < len(row.cells):
                current.cells.setdefault(column.role, []).append(row.cells[column.index])
        if views and _continues(current, table_view):
            _merge(views[-1], current)
            continue
        views.append(current)
    _fill_down(views)
    return views


def _continues(current: RowView, table_view: TableView) -> bool:
    identity = [r for r in IDENTITY_ROLES if r in table_view.roles()]
    return bool(identity) and not any(current.has(r) for r in identity) and any(
        current.has(r) for r in table_view.roles())


def _merge(previous: RowView, current: RowView) -> None:
    previous.source_rows.extend(current.source_rows)
    for role, cells in current.cells.items():
        targets = previous.cells.setdefault(role, [])
        for k, cell in enumerate(cells):
            if k < len(targets):
                merged = Cell(list(targets[k].lines), list(targets[k].checkboxes))
                merged.extend(cell)
                targets[k] = merged
            else:
                targets.append(cell)


def _fill_down(views: list[RowView]) -> None:
    for role in FILL_DOWN_ROLES:
        last: list[Cell] | None = None
        for current in views:
            if current.has(role):
                last = current.cells[role]
            elif last is not None and role in current.cells:
                current.cells[role] = last
