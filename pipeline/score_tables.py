"""Scores read from tables of scores: name | score, rank | name | score, code + question | score |
remarks, OIT lists with category rows, and comparison tables with one column per year.

A row's label cell says what the score is of (label_subject); a row with a
label and no score is a category row (`9.1 ข้อมูลพื้นฐาน`, `ตัวชี้วัดที่ 9 …`)
whose indicator the items below it belong to.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from normalizers.digits import parse_number, thai_digits_to_arabic
from pipeline.lines import Line, clean, repaired, row_text
from pipeline.scores import Score
from pipeline.subjects import Subject, item_indicator, label_subject
from pipeline.tables import TableView, cell_text

LABEL_ROLES = ("label", "indicator", "item_text", "title", "issue")
_AVERAGE = regex.compile(r"เฉลี่ย")
_CELL_NUMBER = regex.compile(r"\d[\d,]*(?:\.\d+)?")


def table_scores(table_view: TableView, assessment_year: int | None) -> list[Score]:
    label_column = next((c for role in LABEL_ROLES for c in table_view.columns_of(role)), None)
    code_column = next(iter(table_view.columns_of("code")), None)
    value_columns = [*table_view.columns_of("score"), *table_view.columns_of("year")]
    if label_column is None or not value_columns:
        return []
    context: Subject | None = None
    scores: list[Score] = []
    for row in table_view.body():
        cells = row.cells
        label = _printed(cells, label_column.index)
        code = _printed(cells, code_column.index) if code_column else ""
        subject = label_subject(f"{code} {label}".strip(), _tool(table_view, context))
        values = [(column, _printed_number(cell_text(cells[column.index])))
                  for column in value_columns if column.index < len(cells)]
        values = [(column, printed) for column, printed in values if printed is not None]
        if subject and subject.level in ("tool", "indicator", "sub_indicator"):
            context = subject  # the category the rows below are listed under
        if not values:
            continue
        if subject is None and _AVERAGE.search(label) and context is not None:
            subject = context
        if subject is None:
            continue
        subject = _within_context(subject, context, assessment_year)
        line = Line(row.page, row.line, row_text(row), "table")
        subject = replace(subject, label=clean(subject.label or label) or None)
        group = _group(table_view, context)
        scores.extend(Score(subject, float(printed), line, column.year_be or assessment_year, printed=printed,
                            place=f"{row.page}:{row.line}:{column.index}", group=group)
                      for column, printed in values)
    return scores


def _group(table_view: TableView, context: Subject | None) -> str | None:
    """Rows listed under one category row of one table: the items its score is the mean of."""
    if context is None:
        return None
    return (f"{table_view.block.page}:{table_view.block.line_start}:{context.level}:{context.tool}:"
            f"{context.indicator}:{context.sub_indicator}")


def _printed_number(text: str) -> str | None:
    """The first number of a cell as printed (Arabic digits, no thousands commas)."""
    value = parse_number(text)
    if value is None:
        return None
    match = _CELL_NUMBER.search(thai_digits_to_arabic(text))
    return match.group().replace(",", "") if match else f"{value:g}"


def _printed(cells, index: int) -> str:
    if index >= len(cells):
        return ""
    return " ".join(repaired(line).strip() for line in cells[index].lines if line.strip())


def _tool(table_view: TableView, context: Subject | None) -> str | None:
    return (context.tool if context else None) or table_view.tool


def _within_context(subject: Subject, context: Subject | None, year: int | None) -> Subject:
    """An item takes the indicator of the category it is listed under, else the year's map."""
    if subject.sub_indicator:
        subject = replace(subject, sub_indicator=thai_digits_to_arabic(subject.sub_indicator))
    if subject.level != "item":
        return subject
    indicator, sub = item_indicator(year, subject.item_code)
    if context is not None and context.tool == subject.tool:
        indicator = context.indicator or indicator
        sub = thai_digits_to_arabic(context.sub_indicator) if context.sub_indicator else sub
    return replace(subject, indicator=indicator, sub_indicator=sub)
