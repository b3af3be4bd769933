"""Every number a document prints is accounted for: it is a score row, it has a role that is not
a score (a year, a date, a list marker, a pass mark …: number_roles), or it is left unread and
said so. A number no reader took is a lead to a layout the readers do not know yet, never a
silent loss.

Only what could be a score is listed: a number from 0 to 100 that no rule gives another role.
In a table, a column's header may give its numbers a role (knowledge/column_numbers.csv): the
running number under `ลำดับ`, a difference under `ผลต่าง`, a quarter under `ระยะเวลา`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache

import regex

from ita_extract.normalizers.lists import squeeze_thai
from ita_extract.parsers.model import Block
from ita_extract.pipeline.ita.knowledge import rows
from ita_extract.pipeline.ita.lines import DocumentLines, Line
from ita_extract.pipeline.ita.number_roles import DECIMAL_COMMA, Number, numbers
from ita_extract.pipeline.ita.scores import POINTS, Score
from ita_extract.pipeline.ita.table_views import TableView

# What only a score row accounts for (a tool's weighted points: a points row, checked, not written);
# `earlier`: the value a score rose from, no reader's; a decimal comma (`89,45`): no reader's either
SCORE_LIKE_ROLES = frozenset({"score", "other", "earlier", POINTS, DECIMAL_COMMA})
SCORE_RANGE = (0.0, 100.0)
_ALONE = regex.compile(r"\s*[(\[]?\s*\d+(?:\.\d+)?\s*[.)\]]?\s*")  # a cell holding one number


@dataclass(frozen=True)
class Unread:
    """A number that could be a score and that no reader accounted for."""

    page: int
    line: int
    number: str  # as printed (Arabic digits)
    context: str  # the line or table row it stands in


@dataclass(frozen=True)
class _ColumnNumbers:
    role: str
    whole_cell: bool  # only a number standing alone in its cell takes the role
    number: regex.Pattern | None  # only a number of this form does (an indicator's is 1 to 10)

    def takes(self, number: Number, text: str) -> bool:
        return (not self.whole_cell or bool(_ALONE.fullmatch(text))) \
            and (self.number is None or bool(self.number.fullmatch(number.text)))


@cache
def _column_numbers() -> dict[str, _ColumnNumbers]:
    return {row["column"]: _ColumnNumbers(row["number_role"], row["scope"] == "cell",
                                          regex.compile(row["number"]) if row["number"] else None)
            for row in rows("column_numbers")}


def unread_numbers(lines: DocumentLines, tables: Mapping[int, TableView],
                   scores: Iterable[Score]) -> list[Unread]:
    """The score-like numbers of a document that are not score rows, in document order.
    `tables`: the view of each table block read (by the block's id); `scores`: the score rows."""
    taken = Counter((s.line.page, s.line.line, s.printed or f"{s.score:g}") for s in scores)
    unread: list[Unread] = []
    for block in lines.document.blocks:
        view = tables.get(id(block))
        for line, cells in _printed_cells(lines, block):
            for number in _candidates(cells, view):
                key = (line.page, line.line, number.text)
                if taken[key]:
                    taken[key] -= 1
                else:
                    unread.append(Unread(line.page, line.line, number.text, line.text))
    return unread


def _printed_cells(lines: DocumentLines, block: Block) -> Iterator[tuple[Line, list[tuple[int, str]]]]:
    """Each line of a block with its cells as (column, text): a paragraph's line is one cell; a
    table row leaves out the places a merged cell covers beyond its first (printed once)."""
    if block.kind != "table":
        for line in lines.of_block(block):
            yield line, [(0, line.text)]
        return
    for row in (*block.header, *block.rows):
        line = lines.of_row(row)
        texts = line.text.split("\t")
        yield line, [(k, texts[k]) for k, cell in enumerate(row.cells) if k < len(texts) and not cell.spanned]


def _candidates(cells: list[tuple[int, str]], view: TableView | None) -> Iterator[Number]:
    """The numbers of a line's cells that only a score row can account for."""
    for index, cell in cells:
        text = squeeze_thai(cell)
        column = _column_role(view, index)
        for number in numbers(text):
            if number.role not in SCORE_LIKE_ROLES or not _in_range(number):
                continue
            if column and column.takes(number, text):
                continue  # the column gives it a role that is not a score
            yield number


def _column_role(view: TableView | None, index: int) -> _ColumnNumbers | None:
    if view is None or index >= len(view.columns):
        return None
    role = view.columns[index].role
    return _column_numbers().get(role) if role else None


def _in_range(number: Number) -> bool:
    return SCORE_RANGE[0] <= number.value <= SCORE_RANGE[1]
