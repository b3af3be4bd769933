"""Measures: one row per measure, activity or improvement guideline of a measures table."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex

from ita_extract.normalizers.lists import split_points, split_units, squeeze_thai
from ita_extract.normalizers.periods import Period, parse_period, timeline_periods
from ita_extract.parsers.model import CHECKED_GLYPHS, Cell
from ita_extract.pipeline.ita.framework import item_indicator, tool_of_codes, tool_of_indicator
from ita_extract.pipeline.ita.knowledge import keyed_patterns, rows
from ita_extract.pipeline.ita.lines import Line, clean
from ita_extract.pipeline.ita.subjects import find_indicators, issue_area, label_subject, question_codes
from ita_extract.pipeline.ita.table_views import STATUS_CHOICE, TIMELINE, RowView, TableView, cell_text

_SEQ = regex.compile(r"^\s*\(?(\d{1,3})\s*[.)]?\s*$")
# OCR adds a mark inside the brackets: `(๕@)`, `(๗/)`.
_AREA_NUMBER = regex.compile(r"^\s*(?:ประเด็น(?:ที่)?\s*)?\(?([1-7])\s*(?:[@/|'`]\s*)?[.)]?\s*")
_SCORE_SUFFIX = regex.compile(r"\s*(?:คะแนน|ได้)\s*[\d.]+\s*(?:คะแนน)?\s*$")


@dataclass
class Measure:
    row: RowView
    seq: int | None = None
    issue_area: int | None = None
    tool: str | None = None
    indicator: int | None = None
    item_codes: list[str] = field(default_factory=list)
    title: str | None = None
    steps: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    timeframe_raw: str | None = None
    period: tuple = (None, None)
    follow_up: str | None = None
    status: str | None = None
    result: str | None = None
    warnings: list[str] = field(default_factory=list)
    source: Line | None = None  # what a measure printed as a record was read from (else its rows)


@dataclass
class Context:
    """What category rows and captions say about the rows below them."""

    issue_area: int | None = None
    tool: str | None = None
    indicator: int | None = None


@cache
def _unit_words() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    words = rows("responsible_words")

    def of(kind: str) -> tuple[str, ...]:
        return tuple(r["word"] for r in words if r["kind"] == kind)
    return of("head"), of("filler"), of("whole")


def table_measures(rows: list[RowView], table_view: TableView, assessment_year: int | None,
                   plan_year: int | None) -> list[Measure]:
    context = Context(tool=table_view.tool)
    measures = []
    for row in rows:
        if _is_category_row(row):
            _update_context(context, row)
            continue
        measure = _measure(row, table_view, context, assessment_year, plan_year)
        if measure.title or measure.steps:
            measures.append(measure)
    return measures


def _is_category_row(row: RowView) -> bool:
    filled = [c for c in row.row.cells if not c.is_empty]
    return len(row.row.cells) >= 3 and len(filled) == 1 and filled[0] is row.row.cells[0]


def _update_context(context: Context, row: RowView) -> None:
    text = cell_text(row.row.cells[0])
    area = issue_area(text)
    subject = label_subject(text)
    if area:
        context.issue_area = area
    if subject and subject.level in ("tool", "indicator"):
        context.tool = subject.tool
        context.indicator = subject.indicator


def _measure(row: RowView, table_view: TableView, context: Context, assessment_year: int | None,
             plan_year: int | None) -> Measure:
    measure = Measure(row, tool=context.tool, indicator=context.indicator, issue_area=context.issue_area)
    seq = _SEQ.match(row.text("seq"))
    measure.seq = int(seq.group(1)) if seq else None
    _read_subject(measure, row)
    _read_codes(measure, row, table_view, assessment_year)
    _read_cited_indicator(measure, row)
    measure.title = _title(row)
    measure.steps = split_points(row.lines("steps"))
    measure.responsible = split_units(row.text("responsible", "\n"), *_unit_words())
    measure.timeframe_raw = row.text("timeframe") or None
    measure.period = parse_period(measure.timeframe_raw, plan_year)
    if measure.timeframe_raw is None:
        measure.timeframe_raw, measure.period = _timeline(row, plan_year)
    measure.follow_up = row.text("follow_up", "\n") or None
    measure.status = _status(row)
    measure.result = row.text("result", "\n") or None
    return measure


def _read_subject(measure: Measure, row: RowView) -> None:
    if row.has("issue"):
        text = row.text("issue")
        number = _AREA_NUMBER.match(text)
        measure.issue_area = issue_area(text) or (int(number.group(1)) if number else measure.issue_area)
    if row.has("indicator"):
        subject = label_subject(row.text("indicator"))
        if subject and subject.indicator:
            measure.indicator, measure.tool = subject.indicator, subject.tool
        elif subject and subject.level == "tool":
            measure.tool = subject.tool


def _read_codes(measure: Measure, row: RowView, table_view: TableView, assessment_year: int | None) -> None:
    codes, warnings = question_codes(row.printed("item_text", "\n"), measure.tool or table_view.tool)
    for role in ("title", "issue", "recommendation", "finding", "indicator", "target"):
        more, _ = question_codes(row.printed(role), None)
        codes.extend(c for c in more if c[0].isalpha() and c not in codes)
    measure.item_codes, measure.warnings = codes, warnings
    if measure.tool is None:
        measure.tool = tool_of_codes(codes)
    if measure.indicator is None and codes:
        indicators = {item_indicator(assessment_year, code)[0] for code in codes}
        if len(indicators) == 1 and None not in indicators:
            measure.indicator = indicators.pop()
            measure.tool = tool_of_indicator(measure.indicator)


def _read_cited_indicator(measure: Measure, row: RowView) -> None:
    """A measure tied to no indicator yet whose row cites exactly one (`เผยแพร่ข้อมูลตามตัวชี้วัดที่ 9`,
    a target `คะแนนตัวชี้วัดที่ 9 ไม่น้อยกว่า 90`) is tied to it, where its tool agrees."""
    if measure.indicator is not None:
        return
    cited = {s.indicator for role in _CITING_ROLES
             for s in find_indicators(squeeze_thai(row.text(role)), need_word=True) if s.indicator}
    if len(cited) != 1:
        return
    indicator = cited.pop()
    if measure.tool in (None, tool_of_indicator(indicator)):
        measure.indicator, measure.tool = indicator, tool_of_indicator(indicator)


# Where a row cites the indicator it serves (the weakness it answers, `ประเด็นที่ต้องพัฒนา`, too)
_CITING_ROLES = ("title", "issue", "finding", "recommendation", "steps", "target")


def _title(row: RowView) -> str | None:
    for role in ("title", "issue", "indicator", "recommendation", "finding"):
        text = row.text(role)
        if text:
            if role == "issue":
                text = _AREA_NUMBER.sub("", text, count=1)
            if role in ("recommendation", "finding"):
                text = " ".join(split_points(row.lines(role)))
            if role == "indicator":
                text = _SCORE_SUFFIX.sub("", text)
            return clean(text).strip() or None
    return None


# A tick as reports print one in a status column or a plan's month: a checked box, a tick (OCR
# reads ✓ as /, v or J), a slash, a cross, a dot, an arrow over the months, and Wingdings' tick,
# crossed and ticked boxes as a text layer gives them (private use U+F0FC–U+F0FE) or a dump without
# the font (ü, ý, þ).
_TICK = regex.compile(rf"\s*[{CHECKED_GLYPHS}√/vVJxX✗✘●◆★↔⟷←→\uf0fc-\uf0feüýþ]\s*")


def _ticked(cell: Cell) -> bool:
    """A cell holding ticks alone (one, or one per row merged into it: a report's plan and
    result rows, `แผน` / `ผล`), or a checked box."""
    marks = " ".join(cell.lines).split()
    ticks = bool(marks) and all(_TICK.fullmatch(mark) for mark in marks)
    return ticks or any(box.checked for box in cell.checkboxes)


def _ticked_columns(row: RowView) -> list[str]:
    """The headers of the status columns the row ticks."""
    columns = row.table.columns_of(STATUS_CHOICE)
    cells = row.cells.get(STATUS_CHOICE, [])
    return [column.header for column, cell in zip(columns, cells, strict=False) if _ticked(cell)]


def _timeline(row: RowView, plan_year: int | None) -> tuple[str | None, Period]:
    """What a row ticks in a plan's month or quarter columns (a Gantt chart): the ticked columns'
    headers as printed, and the period from the first ticked one's start to the last's end."""
    columns = row.table.columns_of(TIMELINE)
    ticked = [k for k, cell in enumerate(row.cells.get(TIMELINE, [])[:len(columns)]) if _ticked(cell)]
    if not ticked:
        return None, (None, None)
    every = timeline_periods([c.header for c in columns], plan_year)
    periods = [every[k] for k in ticked]
    raw = ", ".join(clean(columns[k].header) for k in ticked)
    if any(start is None or end is None for start, end in periods):
        return raw, (None, None)
    return raw, (min(start for start, _ in periods if start), max(end for _, end in periods if end))


def _status(row: RowView) -> str | None:
    cells = [*row.row.cells, *(cell for cells in row.cells.values() for cell in cells)]
    ticked = [box.label for cell in cells for box in cell.checkboxes if box.checked and box.label]
    if not ticked:
        ticked = _ticked_columns(row)
    if not ticked and row.has("status"):
        ticked = [row.text("status")]
    for label in ticked:
        for status, pattern in keyed_patterns("status_labels", "status"):
            if pattern.search(clean(label)):
                return status
    return None
