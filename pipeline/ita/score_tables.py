"""Scores read from tables of scores: name | score, rank | name | score, code + question | score |
remarks, OIT lists with category rows, comparison tables with one column per year (the year
may stand in a second header row), tool columns printed once beside their indicators, and
tables whose columns are the subjects and whose rows are years.

A row's label cell says what the score is of (label_subject); a row with a
label and no score is a category row (`9.1 ข้อมูลพื้นฐาน`, `ตัวชี้วัดที่ 9 …`)
whose indicator the items below it belong to. A value printed once for several rows
(a merged cell) counts once, for the subject its column's header names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from itertools import takewhile

import regex

from ita_extract.normalizers.codes import opens_range
from ita_extract.normalizers.digits import printed_number, thai_digits_to_arabic
from ita_extract.normalizers.lists import squeeze_thai
from ita_extract.normalizers.patterns import DIGIT, YEAR
from ita_extract.normalizers.years import to_be
from ita_extract.parsers.model import BOX_GLYPHS, Cell, Row
from ita_extract.pipeline.ita.framework import (
    find_item_codes,
    is_ita_year,
    item_by_question,
    item_indicator,
    items_of_indicator,
    tool_of_code,
    tool_of_indicator,
    tools,
)
from ita_extract.pipeline.ita.knowledge import keyed_patterns
from ita_extract.pipeline.ita.lines import DocumentLines, clean, repaired
from ita_extract.pipeline.ita.number_roles import numbers
from ita_extract.pipeline.ita.scores import POINTS, Score, is_grade
from ita_extract.pipeline.ita.subjects import Subject, find_indicators, label_subject
from ita_extract.pipeline.ita.table_views import Column, TableView, cell_text, column_role

# Columns that can name a row's subject; the deepest subject any of them names is the row's.
LABEL_ROLES = ("item_text", "indicator", "label", "title", "issue")
_DEPTH = {"overall": 0, "tool": 1, "indicator": 2, "sub_indicator": 3, "item": 4}
_AVERAGE = regex.compile(r"เฉลี่ย")
_OF_THE_WHOLE = regex.compile(r"รวม|ภาพรวม|ทั้งหมด|ITA")  # a mean of the tools that is the overall
_NUMBER_ALONE = regex.compile(rf"\s*{DIGIT}{{1,2}}\s*")
_FEW_RANGES = 2  # rows of ranges that make a table one of indicators by their items' ranges
_MISREAD_TOOL = regex.compile(r"(?=.*[A-Za-z|])[A-Za-z0-9|]{1,4}")  # what OCR may make of a tool's acronym
_BOX = regex.compile(rf"[{BOX_GLYPHS}]")
_YEAR_CELL = regex.compile(rf"^\D{{0,20}}?({YEAR})\D{{0,6}}$")
_COLUMN_SUBJECT_LEVELS = ("overall", "tool", "indicator", "sub_indicator")
# A value cell's number with what may stand glued to it: brackets, a percent sign, a unit.
_VALUE_TOKEN = regex.compile(r"(?:ร้อยละ)?[(\[]?\d[\d,]*(?:\.\d+)?[)\]]?(?:%|คะแนน)?[.,;]?[)\]]?")


@dataclass(frozen=True)
class _Panel:
    """The columns of one side of a table printed in several side-by-side copies (`ข้อ | คะแนน |
    ข้อ | คะแนน`), or of the whole table."""

    labels: list[Column]
    code: Column | None
    values: list[Column]


def table_scores(table_view: TableView, lines: DocumentLines, assessment_year: int | None) -> list[Score]:
    by_subject_column = subject_columns(table_view)
    if by_subject_column:
        return _year_row_scores(table_view, lines, by_subject_column)
    groups = _heading_groups(table_view)
    if groups is not None:
        return _heading_row_scores(groups, lines, assessment_year)
    panels = [panel for panel in map(_panel, _side_by_side(table_view.columns)) if panel.values and
              (panel.labels or panel.code)]
    context: Subject | None = None
    caption = _caption_indicator(table_view)
    of_ranges = _rows_of_ranges(table_view, panels)
    misread = _misread_tool_rows(table_view, panels)
    listed: list[Score] = []  # the items read since the last category row
    scores: list[Score] = []
    for k, row in enumerate(table_view.body()):
        for panel in panels:
            every = partial(_whole_above, listed, scores, assessment_year)
            read, category = _panel_scores(table_view, row, panel, (context, caption, every), lines,
                                           assessment_year, of_ranges=of_ranges, misread=misread.get(k))
            listed = [] if category is not context else listed
            context = category
            listed += [s for s in read if s.subject.level == "item"]
            scores.extend(read)
    if _numbered_within_indicator(scores, assessment_year):
        scores = [s for s in scores if not _bare_item(s)]
    return scores


def _bare_item(score: Score) -> bool:
    """An item whose code was printed as a number alone (`1`, `12`: no letter, Latin or not)."""
    raw = score.subject.item_code_raw or ""
    return score.subject.level == "item" and bool(raw) and _NUMBER_ALONE.fullmatch(raw) is not None


def _numbered_within_indicator(scores: list[Score], year: int | None) -> bool:
    """Whether a table's items printed by number alone are its questions numbered within their
    indicator, not item codes: one is not of its indicator in the year's map, or (the map
    unknown) its number is below the indicator's place in its tool (`1` under IIT's indicator 2:
    indicator 1 has questions of its own, numbered before)."""
    for score in filter(_bare_item, scores):
        subject = score.subject
        if subject.indicator is None or subject.tool is None or subject.item_code is None:
            continue
        mapped = items_of_indicator(year, subject.indicator)
        place = tools()[subject.tool].indicators.index(subject.indicator) + 1 \
            if subject.indicator in tools()[subject.tool].indicators else 0
        if (mapped and subject.item_code not in mapped) or int(subject.item_code[1:]) < place:
            return True
    return False


def _rows_of_ranges(table_view: TableView, panels: list[_Panel]) -> bool:
    """Whether the table lists indicators by the ranges of their items (`i1 - i6 | การปฏิบัติหน้าที่
    | 95.20`): most rows' codes are ranges. A single code in such a table is a range OCR cut short
    (`i6` for `i1 - i6`)."""
    cells = [c.index for panel in panels for c in (*panel.labels, *([panel.code] if panel.code else []))]
    rows = [" ".join(_printed(row.cells, index) for index in cells) for row in table_view.body()]
    coded = [(text, codes) for text in rows if (codes := find_item_codes(text, None))]
    ranged = sum(opens_range(text, codes) for text, codes in coded)
    return ranged >= _FEW_RANGES and 2 * ranged >= len(coded)


def _misread_tool_rows(table_view: TableView, panels: list[_Panel]) -> dict[int, Subject]:
    """The tools of rows (by their place in the body) whose label is a short Latin word OCR made
    of a tool's acronym (`NT | 89.50` among `EIT` and `OIT` rows), fitted as headings are."""
    if len(panels) != 1:
        return {}
    cells = [c.index for c in (*panels[0].labels, *([panels[0].code] if panels[0].code else []))]
    texts = [" ".join(_printed(row.cells, index) for index in cells).strip() for row in table_view.body()]
    if not any(_MISREAD_TOOL.fullmatch(_BOX.sub("", text).strip()) for text in texts):
        return {}  # no label OCR could have made of an acronym: the rows' subjects are read once, below
    named = {k: subject for k, text in enumerate(texts)
             if text and (subject := label_subject(text)) is not None}
    fitted = _with_misread_tool(named, texts) if len(named) >= 2 else named
    return {k: subject for k, subject in fitted.items() if k not in named}


def _every_item_of(items: list[Score], year: int | None) -> Subject | None:
    """The indicator whose every item (in the year's map) `items` are: an average printed under
    them is that indicator's score; under some of its items only, theirs, no indicator's."""
    owners = {(s.subject.tool, s.subject.indicator) for s in items}
    if len(owners) != 1:
        return None
    tool, indicator = owners.pop()
    codes = items_of_indicator(year, indicator)
    if indicator is None or not codes or {s.subject.item_code for s in items} != set(codes):
        return None
    return Subject("indicator", 0, 0, tool=tool, indicator=indicator)


def _caption_indicator(table_view: TableView) -> Subject | None:
    """The one indicator a table's caption names (`… EIT ตัวชี้วัดที่ 6 คุณภาพการดำเนินงาน`): the
    indicator of its items where no category row says, never a group whose mean it is (the table
    may list some of its items only)."""
    found = {(s.tool, s.indicator) for s in find_indicators(squeeze_thai(table_view.caption), need_word=True)}
    if len(found) != 1:
        return None
    tool, indicator = found.pop()
    return Subject("indicator", 0, 0, tool=tool, indicator=indicator)


def _side_by_side(columns: list[Column]) -> list[list[Column]]:
    """The table's columns as panels: copies of one set of roles side by side where the header
    repeats them (two items a row), else one panel of every column."""
    roles = [c.role for c in columns]
    width = len(columns)
    for period in range(2, width // 2 + 1):
        if width % period == 0 and all(roles[k] == roles[k % period] for k in range(width)) \
                and {"score", "year"} & set(roles[:period]) and any(roles[:period]):
            return [columns[k:k + period] for k in range(0, width, period)]
    return [columns]


def _panel(columns: list[Column]) -> _Panel:
    labels = [c for role in LABEL_ROLES for c in columns if c.role == role]
    code = next((c for c in columns if c.role == "code"), None)
    values = [c for role in ("score", "year", POINTS) for c in columns if c.role == role]
    if not labels and code is not None:  # the code cell is the row's only label (`i๑`, `คะแนนเฉลี่ย`)
        return _Panel([code], None, values)
    if not labels and code is None and values and columns[0].role is None:
        labels = [columns[0]]  # a first column whose header says nothing (`ปีงบประมาณ`, none) holds the labels
    return _Panel(labels, code, values)


def _panel_scores(table_view: TableView, row: Row, panel: _Panel,
                  contexts: tuple[Subject | None, Subject | None, Callable[[], Subject | _Rows | None]],
                  lines: DocumentLines,
                  assessment_year: int | None, *, of_ranges: bool = False,
                  misread: Subject | None = None) -> tuple[list[Score], Subject | None]:
    """The scores one panel of a row prints, and the category the rows below are listed under
    (`contexts`: the category above, the caption's indicator, and what the rows above list every
    part of, asked for a mean's row alone; `misread`: the tool a misread label was fitted to)."""
    context, caption, every = contexts
    cells = row.cells
    code = _printed(cells, panel.code.index) if panel.code else ""
    subject, label = _row_subject(cells, panel.labels, code, _tool(table_view, context), assessment_year)
    subject = subject or misread
    if of_ranges and subject is not None and subject.level == "item":
        subject = _indicator_named(cells, panel.labels)  # a range cut short: the row's indicator, or none
    values = [(column, printed) for column in panel.values
              if (printed := cell_number(cells, column.index)) is not None]
    if subject and subject.level in ("tool", "indicator", "sub_indicator"):
        context = subject  # the category the rows below are listed under
    elif subject is not None and (beside := _category_beside(cells, panel.labels, subject)):
        context = beside  # an indicator in a merged cell beside its items
    if not values:
        return [], context
    if subject is None and _AVERAGE.search(label):
        subject = _averaged(label, context, every())
    if subject is None:
        return [], context
    subject = _within_context(subject, context, caption, assessment_year)
    line = lines.of_row(row)
    subject = replace(subject, label=clean(subject.label or label) or None)
    group = _group(table_view, context)
    scores = []
    for column, printed in values:
        owner = _column_subject(column, subject)
        if owner is not None:
            listed = owner is subject or _same_subject(owner, context)
            own = [*(c.index for c in panel.labels), *([panel.code.index] if panel.code else []),
                   column.index]
            scores.append(Score(owner, float(printed), line, column.year(assessment_year),
                                printed=printed, place=f"{row.page}:{row.line}:{column.index}",
                                group=group if listed else None, source=line.cells(own)))
    return scores, context


def _whole_above(listed: list[Score], scores: list[Score], year: int | None) -> Subject | _Rows | None:
    """What the rows above a mean's row list every part of: the items since the last category row,
    else the last run of rows of one level. Worked out only for a mean's row."""
    return _every_item_of(listed, year) if listed or not scores else _mean_of_rows(scores)


def _averaged(label: str, context: Subject | None, every: Subject | _Rows | None) -> Subject | None:
    """Whose score a row of a mean (`คะแนนเฉลี่ย`) is: the subject whose every part the rows above
    list (an indicator's items; a tool's indicators; the tools, whose mean is the overall only
    where the label says it is the whole's, `คะแนนเฉลี่ยรวม`), else the category the items above
    are listed under. Under rows of values that are not all of one subject's parts: no one's (it
    was the last row's, indicator 5 under indicators 1 to 5)."""
    if isinstance(every, _Rows):
        whole = every.whole
        said = whole is not None and (whole.level != "overall" or _OF_THE_WHOLE.search(label) is not None)
        return whole if said else None
    return context or every


@dataclass(frozen=True)
class _Rows:
    """The rows of values read above a mean's row, and the subject they are every part of."""

    whole: Subject | None


def _mean_of_rows(scores: list[Score]) -> _Rows:
    """What the last run of rows of one level above (no items) are every part of: a tool's
    indicators or its two parts (EIT's), its tool; the three tools, the overall."""
    level = scores[-1].level
    run = list(takewhile(lambda s: s.level == level, reversed(scores)))
    if level == "tool" and {s.subject.tool for s in run if s.subject.tool_part is None} == set(tools()):
        return _Rows(Subject("overall", 0, 0))
    parts = {(s.subject.tool, s.subject.tool_part) for s in run}
    if level == "tool" and len({tool for tool, _ in parts}) == 1 and {part for _, part in parts} == {1, 2}:
        return _Rows(Subject("tool", 0, 0, tool=run[0].subject.tool))
    owners = {s.subject.tool for s in run}
    if level == "indicator" and len(owners) == 1 and (tool := owners.pop()) is not None \
            and {s.subject.indicator for s in run} == set(tools()[tool].indicators):
        return _Rows(Subject("tool", 0, 0, tool=tool))
    return _Rows(None)


def _indicator_named(cells: list[Cell], columns: list[Column]) -> Subject | None:
    """The indicator a row's label cells name on their own, if one does."""
    for column in columns:
        found = label_subject(_printed(cells, column.index)) if column.index < len(cells) else None
        if found is not None and found.level == "indicator":
            return found
    return None


def _row_subject(cells: list[Cell], columns: list[Column], code: str,
                 tool: str | None, year: int | None = None) -> tuple[Subject | None, str]:
    """The deepest subject the row's label cells name (a merged tool cell beside an indicator's
    name leaves the row the indicator's), with the label it was read from. A question printed
    without its code is the item whose question it is in the year's form, where it is known."""
    best: Subject | None = None
    best_label = ""
    for column in columns:
        if column.index >= len(cells) or cells[column.index].spanned:
            continue
        label = _printed(cells, column.index)
        asked = item_by_question(year, label) if label and not code and column.role == "item_text" else None
        if asked:
            found: Subject | None = Subject("item", 0, 0, tool=tool_of_code(asked), item_code=asked,
                                            label=label)
        elif column.role == "indicator" and _NUMBER_ALONE.fullmatch(label):
            found = label_subject(f"ตัวชี้วัดที่ {label}")  # an indicator's number, never an item's code
        else:
            found = label_subject(f"{code} {label}".strip(), tool) if label or code else None
            if code and (found is None or found.level != "item"):  # the code read alone (`๐๑๒` | Q&A)
                alone = label_subject(code, tool)
                found = replace(alone, label=label or None) if alone and alone.level == "item" else found
        if found and (best is None or _DEPTH[found.level] > _DEPTH[best.level]):
            best, best_label = found, label
        best_label = best_label or label
    return best, best_label


def _category_beside(cells: list[Cell], columns: list[Column], subject: Subject) -> Subject | None:
    """The indicator (or sub-indicator) an indicator column of an item's row names: a merged cell
    beside the items it covers (the copies of a merged cell repeat its text). A question that
    names an indicator's theme (`แผนปฏิบัติการป้องกันการทุจริต`) is not one."""
    if subject.level != "item":
        return None
    for column in (c for c in columns if c.role == "indicator"):
        label = _printed(cells, column.index)
        found = label_subject(label, subject.tool) if label else None
        if found is not None and found.level in ("indicator", "sub_indicator") and \
                (found.tool in (None, subject.tool)):
            return replace(found, tool=found.tool or subject.tool)
    return None


def _same_subject(owner: Subject, context: Subject | None) -> bool:
    return context is not None and (owner.level, owner.tool, owner.indicator, owner.sub_indicator) == (
        context.level, context.tool or owner.tool, context.indicator, context.sub_indicator)


def _column_subject(column: Column, subject: Subject) -> Subject | None:
    """Whose score a value column holds: the row's subject, or its indicator, tool or the overall
    where the column's header says so (`คะแนนเครื่องมือ` beside indicator rows, `คะแนนตัวชี้วัด`
    beside items)."""
    if column.role == POINTS:  # a tool's weighted points; a total row's are the overall score
        if subject.level == "tool":
            return replace(subject, level=POINTS)
        return subject if subject.level == "overall" else None
    header = squeeze_thai(clean(column.header))
    levels = keyed_patterns("score_column_levels", "level")
    level = next((lv for lv, pattern in levels if pattern.search(header)), None)
    if level is None or level == subject.level or subject.level == "overall":
        return subject
    if level == "overall":
        return Subject("overall", 0, 0)
    if level == "indicator":
        if subject.level in ("item", "sub_indicator") and subject.indicator is not None:
            return Subject("indicator", 0, 0, tool=subject.tool or tool_of_indicator(subject.indicator),
                           indicator=subject.indicator)
        return subject if subject.level != "tool" else None
    tool = subject.tool or tool_of_indicator(subject.indicator)
    return Subject("tool", 0, 0, tool=tool) if tool and subject.level != "overall" else None


def subject_columns(table_view: TableView) -> list[tuple[Column, Subject]]:
    """Columns headed by what their values are of, when the rows are years (one row per year)."""
    headers = [clean(column.header) for column in table_view.columns]
    named = {}
    for index, header in enumerate(headers):
        subject = label_subject(header) if header and not _YEAR_CELL.match(header) else None
        if subject is not None and subject.level in _COLUMN_SUBJECT_LEVELS:
            named[index] = replace(subject, label=clean(subject.label or "") or None)
    named = _with_misread_tool(named, headers) if len(named) >= 2 else named
    found = [(table_view.columns[index], subject) for index, subject in sorted(named.items())]
    first = min((c.index for c in table_view.columns if c.index not in {k.index for k, _ in found}),
                default=None)
    rows = list(table_view.body())
    if len(found) < 2 or first is None or not rows:
        return []
    years = [_YEAR_CELL.match(cell_text(r.cells[first])) if first < len(r.cells) else None for r in rows]
    return found if all(years) else []


def _year_row_scores(table_view: TableView, lines: DocumentLines,
                     columns: list[tuple[Column, Subject]]) -> list[Score]:
    first = min(c.index for c in table_view.columns if c.index not in {k.index for k, _ in columns})
    scores = []
    for row in table_view.body():
        printed_year = _YEAR_CELL.match(cell_text(row.cells[first]))
        year = to_be(int(printed_year.group(1))) if printed_year else None  # subject_columns saw one
        if not is_ita_year(year):
            continue
        line = lines.of_row(row)
        for column, subject in columns:
            printed = cell_number(row.cells, column.index)
            if printed is not None:
                scores.append(Score(subject, float(printed), line, year, printed=printed,
                                    place=f"{row.page}:{row.line}:{column.index}",
                                    source=line.cells([first, column.index])))
    return scores


def _heading_row_scores(groups: list[_Headed], lines: DocumentLines,
                        assessment_year: int | None) -> list[Score]:
    """Tables whose columns are the subjects and whose rows are not years: a row of headings
    (`IIT | EIT | OIT | คะแนนรวม`, or five indicator names, and further down the next tool's
    names) over rows of values. A value row is of the year its label prints; the one value row
    under its headings with no year is the document's, unless its label makes its values
    something else (`ค่าเป้าหมาย`, `ค่าเฉลี่ยระดับประเทศ`). Nothing is read (the table is left to
    the other readers) unless every row is a heading row or a value row under one."""
    scores: list[Score] = []
    for group in groups:
        named = group.subjects
        yearless = [r for r in group.rows if _row_year(r.cells, named) is None
                    and _a_score_label(_row_label(r.cells, named))]
        for row in group.rows:
            year = _row_year(row.cells, named)
            if year is not None or yearless == [row]:
                scores += _row_values(row, group, year or assessment_year, lines)
    return scores


def columns_are_subjects(table_view: TableView) -> bool:
    """Whether a table's columns are what its values are of: its rows years, or values under
    rows of headings."""
    return bool(subject_columns(table_view)) or _heading_groups(table_view) is not None


@dataclass(frozen=True)
class _Headed:
    """A row of headings naming subjects (by column) and the rows of values under it."""

    heading: Row
    subjects: dict[int, Subject]
    rows: list[Row]


def _heading_groups(table_view: TableView) -> list[_Headed] | None:
    """Each row of headings with the value rows under it; None unless every row is one or the
    other and the first is a heading row."""
    groups: list[_Headed] = []
    for row in [*table_view.block.header, *table_view.block.rows]:
        named = _heading_subjects(row.cells)
        if named:
            groups.append(_Headed(row, named, []))
        elif groups and _grades(row.cells, groups[-1].subjects):
            continue  # the grades of the values above (`ระดับ | C | C | C`): no values of their own
        elif not groups or not _values_under(row.cells, groups[-1].subjects):
            return None
        else:
            groups[-1].rows.append(row)
    return groups if any(group.rows for group in groups) else None


def _heading_subjects(cells: list[Cell]) -> dict[int, Subject]:
    """The subjects a row of headings names, by column: two or more, no cell a value."""
    named = {}
    for index, cell in enumerate(cells):
        text = cell_text(cell)
        subject = label_subject(text) if text and not _YEAR_CELL.match(text) else None
        if subject is not None and subject.level in _COLUMN_SUBJECT_LEVELS:
            named[index] = replace(subject, label=clean(subject.label or "") or None)
        elif cell_number(cells, index) is not None:
            return {}
    texts = [" ".join(clean(line) for line in cell.lines) for cell in cells]  # box glyphs kept
    return _with_misread_tool(named, texts) if len(named) >= 2 else {}


def _with_misread_tool(named: dict[int, Subject], texts: list[str]) -> dict[int, Subject]:
    """Headings naming some tools beside short Latin words OCR made of the others (`NT | EIT |
    OIT` for IIT; `IT | ☑ IT | OIT`, EI taken for a ticked box): those words are the tools left,
    one each, where the tools' order (IIT, EIT, OIT) puts them. The arithmetic checks the fit."""
    printed = {index: s.tool for index, s in named.items() if s.level == "tool" and s.tool_part is None}
    words = sorted(index for index, text in enumerate(texts)
                   if index not in named and _MISREAD_TOOL.fullmatch(_BOX.sub("", text).strip()))
    missing = [t for t in tools() if t not in printed.values()]
    if not printed or not words or len(words) != len(missing):
        return named
    fitted = dict(zip(words, missing, strict=True))
    order = [{**printed, **fitted}[index] for index in sorted([*printed, *fitted])]
    if order != [t for t in tools() if t in order]:
        return named
    return {**named, **{index: Subject("tool", 0, 0, tool=tool) for index, tool in fitted.items()}}


def _values_under(cells: list[Cell], headings: dict[int, Subject]) -> bool:
    """Whether a row prints values under its headings (a number under one at least, no names)."""
    under = [index for index in headings if index < len(cells) and cell_text(cells[index])]
    return bool(under) and all(cell_number(cells, index) is not None for index in under)


def _grades(cells: list[Cell], headings: dict[int, Subject]) -> bool:
    """Whether a row prints grades under its headings, and nothing else, or is labelled so
    (`ระดับ | Cc | C | เซ`: OCR garbles letters)."""
    under = [cell_text(cells[index]) for index in headings if index < len(cells) and cell_text(cells[index])]
    label = squeeze_thai(_row_label(cells, headings))
    labelled = bool(label) and column_role(label)[0] == "grade"
    return bool(under) and (labelled or all(is_grade(text) for text in under))


def _row_label(cells: list[Cell], headings: dict[int, Subject]) -> str:
    """The row's label: its cells left of the headings."""
    return " ".join(cell_text(cell) for cell in cells[:min(headings)])


def _row_year(cells: list[Cell], headings: dict[int, Subject]) -> int | None:
    printed = _YEAR_CELL.match(_row_label(cells, headings).strip())
    year = to_be(int(printed.group(1))) if printed else None
    return year if is_ita_year(year) else None


def _a_score_label(label: str) -> bool:
    """Whether values labelled `label` may be scores: no role other than a score for a value
    printed after it (a target, a benchmark, a difference, a full mark are not)."""
    text = squeeze_thai(label).strip()
    if not text:
        return True
    last = numbers(f"{thai_digits_to_arabic(text)} 90.00")[-1]
    return last.role in ("score", "other")


def _row_values(row: Row, group: _Headed, year: int | None, lines: DocumentLines) -> list[Score]:
    """The values of one row under its headings; each score's source is its heading, the row's
    label and the value."""
    line = lines.of_row(row)
    label = list(range(min(group.subjects)))
    scores = []
    for index, subject in group.subjects.items():
        printed = cell_number(row.cells, index)
        if printed is not None and year is not None:
            heading = cell_text(group.heading.cells[index])
            source = "\t".join(t for t in (heading, line.cells([*label, index])) if t)
            scores.append(Score(subject, float(printed), line, year, printed=printed,
                                place=f"{row.page}:{row.line}:{index}", source=source))
    return scores


def _printed(cells: list[Cell], index: int) -> str:
    if index >= len(cells):
        return ""
    return " ".join(repaired(line).strip() for line in cells[index].lines if line.strip())


def _tool(table_view: TableView, context: Subject | None) -> str | None:
    return (context.tool if context else None) or table_view.tool


def _within_context(subject: Subject, context: Subject | None, caption: Subject | None,
                    year: int | None) -> Subject:
    """An item takes the indicator of the category it is listed under, else the year's map, else
    the one its table's caption names."""
    if subject.sub_indicator:
        subject = replace(subject, sub_indicator=thai_digits_to_arabic(subject.sub_indicator))
    if subject.level != "item":
        return subject
    indicator, sub = item_indicator(year, subject.item_code)
    if context is not None and context.tool == subject.tool:
        indicator = context.indicator or indicator
        sub = thai_digits_to_arabic(context.sub_indicator) if context.sub_indicator else sub
    elif indicator is None and caption is not None and caption.tool == subject.tool:
        indicator = caption.indicator
    return replace(subject, indicator=indicator, sub_indicator=sub)


def _group(table_view: TableView, context: Subject | None) -> str | None:
    """Rows listed under one category row of one table: the items its score is the mean of."""
    if context is None:
        return None
    return (f"{table_view.block.page}:{table_view.block.line_start}:{context.level}:{context.tool}:"
            f"{context.indicator}:{context.sub_indicator}")


def cell_number(cells: list[Cell], index: int) -> str | None:
    """The number a value cell prints, unless the cell is a place a merged cell only covers, or
    its first number is glued to letters or signs (`35.ซ่1`: OCR took Thai digits for letters;
    the 1 is no value)."""
    if index >= len(cells) or cells[index].spanned:
        return None
    text = thai_digits_to_arabic(cell_text(cells[index]))
    token = next((t for t in text.split() if any(c.isdigit() for c in t)), None)
    return printed_number(text) if token is not None and _VALUE_TOKEN.fullmatch(token) else None
