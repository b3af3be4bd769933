"""Results lists: announcements of ITA results that list many organisations, one row each
(rank | organisation | [district] | IIT | EIT | OIT | total | level).

- A list is a table with an organisation column (table_columns.csv `organisation`) most of whose
  cells name an organisation, and a total (`คะแนนรวม`, `คะแนน ITA`) or at least two tool columns.
- Every score of a row is its organisation's (`Score.org`); the organisation the document is
  addressed to or about is the document's own (`org` None). The list's province (its province
  column, its caption, else the document's) places the names the gazetteer does not put elsewhere.
- Tool columns hold the tools' 0–100 scores or their weighted points (out of 30, 30 and 40, adding
  up to the total). Which: the headers say so where they print the weights (`IIT (30)`), else the
  rows do (the sum holds and the weighting does not, or the other way round), else a value above
  a tool's weight cannot be points. Where nothing tells, the tool columns are not read: their
  numbers stay in `unread`, and the document says why. Points are scores of level `points`:
  checked by the points_sum rule, never score rows.
- The level column is each total's printed grade, checked against the bands (verification).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ita_extract.normalizers.digits import thai_digits_to_arabic
from ita_extract.normalizers.lists import squeeze_thai
from ita_extract.parsers.model import Row
from ita_extract.pipeline.ita import warnings as w
from ita_extract.pipeline.ita.framework import tools
from ita_extract.pipeline.ita.knowledge import rows
from ita_extract.pipeline.ita.lines import DocumentLines, clean
from ita_extract.pipeline.ita.organisation import Organisation, organisation_named, stated_province
from ita_extract.pipeline.ita.score_tables import cell_number
from ita_extract.pipeline.ita.scores import POINTS, Score
from ita_extract.pipeline.ita.subjects import Subject, label_subject
from ita_extract.pipeline.ita.table_views import Column, TableView, cell_text

TOOL_SCORE = "tool"
_HEADER_NUMBER = regex.compile(r"(?<![\d.])(\d{2,3})(?![\d.])")
_NOT_VALUES = ("organisation", "seq", "grade", "district", "province")
# A tool's header as OCR may print it: IIT, EIT, OIT with letters lost or misread (`IT`, `☑ IT`, `0IT`).
_TOOL_LIKE = regex.compile(r"(?<![A-Za-z])[A-Z0]{0,2}\s*I?T(?![A-Za-z])")


@dataclass(frozen=True)
class ResultsList:
    organisation: Column
    overall: Column | None
    tools: dict[str, Column]  # by tool name, in the framework's order
    grade: Column | None
    province: Column | None


def results_list(table_view: TableView) -> ResultsList | None:
    """The table as a results list, or None when it is not one."""
    organisation = next(iter(table_view.columns_of("organisation")), None)
    overall, by_tool = _value_columns(table_view, organisation)
    if overall is None and len(by_tool) < 2:
        return None
    body = list(table_view.body())  # after the cheap tests: most tables are no list
    organisation = organisation or _naming_column(table_view, body)
    if organisation is None or not _names_most(organisation, body):
        return None
    return ResultsList(organisation, overall, {t: by_tool[t] for t in tools() if t in by_tool},
                       next(iter(table_view.columns_of("grade")), None),
                       next(iter(table_view.columns_of("province")), None))


def _value_columns(table_view: TableView,
                   organisation: Column | None) -> tuple[Column | None, dict[str, Column]]:
    """The total's column and each tool's, as their headers name them."""
    overall: Column | None = None
    by_tool: dict[str, Column] = {}
    for column in table_view.columns:
        if column.role in _NOT_VALUES or column is organisation or not column.header.strip():
            continue
        subject = label_subject(clean(column.header))
        if subject is not None and subject.level == "tool" and subject.tool and subject.tool_part is None:
            by_tool.setdefault(subject.tool, column)
        elif subject is not None and subject.level == "overall" and overall is None:
            overall = column
    by_tool = by_tool if len(by_tool) == len(tools()) else _tools_in_order(table_view, by_tool)
    if overall is None and (organisation is not None or by_tool):  # a lone `คะแนน` beside them is the total
        plain = [c for c in table_view.columns_of("score") if c not in by_tool.values()]
        overall = plain[0] if len(plain) == 1 else None
    return overall, by_tool


def _names_most(column: Column, body: list[Row]) -> bool:
    """Whether most of the column's cells name an organisation."""
    named = sum(organisation_named(_text(row, column)) is not None for row in body)
    return bool(body) and 2 * named >= len(body)


def _naming_column(table_view: TableView, body: list[Row]) -> Column | None:
    """A column without a role whose cells name organisations (its header misread by OCR:
    `ชือหน่วยงาน`, or a header the table does not print)."""
    return next((c for c in table_view.columns if c.role is None and _names_most(c, body)), None)


def _tools_in_order(table_view: TableView, named: dict[str, Column]) -> dict[str, Column]:
    """The tool columns where OCR garbled some of their headers (`IT`, `☑ IT` for IIT and EIT):
    as many columns headed like a tool as there are tools, in the framework's order, each one
    whose header is read standing at its tool's place; else only those read."""
    headed = [c for c in table_view.columns if _TOOL_LIKE.search(clean(c.header))]
    if len(headed) != len(tools()):
        return named
    in_order = dict(zip(tools(), headed, strict=True))
    return in_order if all(in_order[t] is c for t, c in named.items()) else named


def results_list_scores(listing: ResultsList, table_view: TableView, lines: DocumentLines,
                        year: int | None, own: Organisation | None,
                        province: str | None) -> tuple[list[Score], list[str]]:
    """The scores of every organisation the list lists, and the warnings of the list."""
    province = stated_province(table_view.caption) or province
    body = [(row, org) for row in table_view.body()
            for named, org in [_listed(row, listing, own, province)] if named]
    unit = _tool_unit(listing, [row for row, _ in body])
    scores: list[Score] = []
    for row, org in body:
        scores.extend(_row_scores(row, listing, unit, lines, year, org))
    warnings = [w.RESULTS_LIST_TOOLS_UNREAD] if listing.tools and unit is None else []
    return scores, warnings


def _text(row: Row, column: Column | None) -> str:
    if column is None or column.index >= len(row.cells):
        return ""
    return cell_text(row.cells[column.index])


def _listed(row: Row, listing: ResultsList, own: Organisation | None,
            province: str | None) -> tuple[bool, Organisation | None]:
    """(whether the row names an organisation, the organisation: None for the document's own)."""
    where = stated_province("จังหวัด" + _text(row, listing.province)) if listing.province else None
    org = organisation_named(_text(row, listing.organisation), where or province)
    if org is None:
        return False, None
    if own is not None and (org.org_id == own.org_id or (
            org.org_type, org.core) == (own.org_type, own.core) and
            org.where_province in (None, own.where_province)):
        return True, None
    return True, org


def _row_scores(row: Row, listing: ResultsList, unit: str | None, lines: DocumentLines,
                year: int | None, org: Organisation | None) -> Iterator[Score]:
    line = lines.of_row(row)
    grade = _grade(_text(row, listing.grade))
    columns: list[tuple[Column, Subject]] = []
    if listing.overall is not None:
        columns.append((listing.overall, Subject("overall", 0, 0)))
    if unit is not None:
        columns += [(column, Subject(unit, 0, 0, tool=tool)) for tool, column in listing.tools.items()]
    for column, subject in columns:
        printed = cell_number(row.cells, column.index)
        if printed is None:
            continue
        yield Score(subject, float(printed), line, column.year(year),
                    grade if subject.level == "overall" else None, printed,
                    f"{row.page}:{row.line}:{column.index}", org=org)


def _grade(text: str) -> str | None:
    """A level cell's grade or Thai label, as the bands name it."""
    label = squeeze_thai(text).strip()
    return label if label in {band["label"] for band in rows("grade_bands")} else None


# -- scores or points ----------------------------------------------------------------------------

def _tool_unit(listing: ResultsList, body: list[Row]) -> str | None:
    """`tool` (0–100 scores) or `points` (weighted), as the headers, the sums or the bounds tell;
    None when nothing does."""
    hinted = {unit for column in listing.tools.values() if (unit := _header_unit(column)) is not None}
    if len(hinted) == 1:
        return hinted.pop()
    votes: Counter[str] = Counter()
    for row in body:
        printed = {tool: cell_number(row.cells, column.index) for tool, column in listing.tools.items()}
        total = cell_number(row.cells, listing.overall.index) if listing.overall else None
        if total is None or None in printed.values() or len(printed) != len(tools()):
            continue
        values = {tool: p for tool, p in printed.items() if p is not None}
        votes[POINTS] += _adds_up(values, total, {t: 1.0 for t in values})
        votes[TOOL_SCORE] += _adds_up(values, total, {t: tools()[t].weight for t in values})
    if votes[POINTS] != votes[TOOL_SCORE]:
        return POINTS if votes[POINTS] > votes[TOOL_SCORE] else TOOL_SCORE
    above = any(float(p) > 100 * tools()[tool].weight
                for row in body for tool, column in listing.tools.items()
                if (p := cell_number(row.cells, column.index)) is not None)
    return TOOL_SCORE if above else None


def _header_unit(column: Column) -> str | None:
    """What a tool column's header says its values are out of: its weight (points) or 100."""
    out_of = {int(n) for n in _HEADER_NUMBER.findall(thai_digits_to_arabic(column.header))}
    weights = {round(100 * t.weight) for t in tools().values()}
    if out_of & weights:
        return POINTS
    return TOOL_SCORE if 100 in out_of else None


def _adds_up(values: dict[str, str], total: str, weights: dict[str, float]) -> bool:
    """Whether Σ weight × value is the total, to the rounding of every printed value."""
    computed = sum(weights[t] * float(v) for t, v in values.items())
    slack = sum(weights[t] * _half_unit(v) for t, v in values.items()) + _half_unit(total) + 1e-9
    return abs(computed - float(total)) <= slack


def _half_unit(printed: str) -> float:
    decimals = len(printed.split(".")[1]) if "." in printed else 0
    return 0.5 * 10 ** -decimals
