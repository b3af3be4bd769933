"""Measures printed as records rather than in a table: `มาตรการที่ 1 <title>` and under it
labelled fields (`ผู้รับผิดชอบ สำนักปลัด`, `ระยะเวลา …`, `ผลการดำเนินการ …`, `สถานะ …`), a field a
line, or run together on one line where a PDF joined them. Each record becomes a one-row table
whose header is its labels, read by the measures table reader: one reader of measures, one map
of header words to roles (table_columns.csv). The words that open a field are data
(knowledge/record_fields.csv)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex

from ita_extract.parsers.model import Block, Cell, Row
from ita_extract.pipeline.ita.framework import RECORD_WORD, record_labels
from ita_extract.pipeline.ita.lines import DocumentLines, Line
from ita_extract.pipeline.ita.table_views import MEASURE_ROLES, column_role

# Where a record starts: `มาตรการที่ 1 …`, glued to the text before it or not (a PDF joins a
# heading's last line to it), or a numbered point naming a measure, project or activity (`1.
# มาตรการ…`, `2) โครงการ…`). A sentence naming a measure (ตามมาตรการที่ 1) is no record, having
# no fields under it.
_START = regex.compile(rf"(?|{RECORD_WORD}\s*ที่?\s*(\d{{1,2}})\s*[.:)]?\s+"
                       rf"|(?:^|(?<=\s))(\d{{1,2}})[.)]\s*(?={RECORD_WORD}|โครงการ|กิจกรรม))")
_MIN_FIELDS = 2  # fields with a measure's role (responsible, timeframe, result …) a record needs


@dataclass
class _Record:
    number: str
    title: str
    first: Line
    fields: list[tuple[str, str]] = field(default_factory=list)  # (label as printed, value)
    texts: list[str] = field(default_factory=list)  # what it was read from

    def add(self, text: str) -> None:
        """Text that goes on the last field (a wrapped line), or the title."""
        if self.fields:
            label, value = self.fields[-1]
            self.fields[-1] = (label, f"{value} {text}".strip())
        else:
            self.title = f"{self.title} {text}".strip()


@cache
def _field_label() -> regex.Pattern:
    """A field's label: at a line's start, glued to its value or not (the Thai repair may take the
    space after it for damage); inside a line, after a space and before a space or a colon."""
    words = "|".join(map(regex.escape, record_labels()))
    return regex.compile(rf"(?:^(?:{words})|(?<=\s)(?:{words})(?=\s*[:：]|\s))\s*[:：]?\s*")


def measure_records(lines: DocumentLines) -> list[tuple[Block, Line]]:
    """Each record of labelled fields as a one-row table block, with the line it was read from."""
    records: list[_Record] = []
    current: _Record | None = None
    for block in lines.document.blocks:
        if block.kind == "table":
            current = None
            continue
        for k, line in enumerate(lines.of_block(block)):
            current = _read_line(line, current, records, continues=k > 0)
    return [table for record in records if (table := _as_table(record)) is not None]


@dataclass(frozen=True)
class _Anchor:
    start: int
    end: int
    label: str | None  # a field's label as printed; None where a record starts
    number: str | None = None  # a record's number (มาตรการที่ 1)


def _anchors(text: str) -> list[_Anchor]:
    found = [_Anchor(m.start(), m.end(), None, m.group(1)) for m in _START.finditer(text)]
    found += [_Anchor(m.start(), m.end(), m.group().strip(" :：")) for m in _field_label().finditer(text)
              if not any(a.start <= m.start() < a.end for a in found)]
    return sorted(found, key=lambda a: a.start)


def _read_line(line: Line, current: _Record | None, records: list[_Record], *,
               continues: bool) -> _Record | None:
    """The record `line` leaves open: a record's start opens one, a field label adds a field to the
    open one, other text continues it only within its block (a block of other text closes it)."""
    text = line.text
    anchors = _anchors(text)
    bounds = [a.start for a in anchors] + [len(text)]
    leading = text[:bounds[0]].strip()
    if leading and current is not None:
        if continues:
            current.add(leading)
        else:
            current = None
    own = 0 if leading and current is not None else bounds[0]  # where the open record's text starts
    for k, anchor in enumerate(anchors):
        value = text[anchor.end:bounds[k + 1]].strip()
        if anchor.label is None:
            if current is not None and own < anchor.start:
                current.texts.append(text[own:anchor.start].strip())
            current, own = _Record(anchor.number or "", value, line), anchor.start
            records.append(current)
        elif current is not None:
            current.fields.append((anchor.label, value))
    if current is not None and own < len(text):
        current.texts.append(text[own:].strip())
    return current


def _as_table(record: _Record) -> tuple[Block, Line] | None:
    labels = [label for label, _ in record.fields]
    if sum(column_role(label)[0] in MEASURE_ROLES for label in labels) < _MIN_FIELDS:
        return None
    first = record.first
    header = Row([Cell(["ที่"]), Cell(["มาตรการ"]), *(Cell([label]) for label in labels)], first.line,
                 first.page)
    values = [Cell([value] if value else []) for _, value in record.fields]
    row = Row([Cell([record.number]), Cell([record.title]), *values], first.line, first.page, first.box)
    block = Block("table", first.page, first.line, first.line, header=[header], rows=[row])
    text = "\n".join(record.texts)
    return block, Line(first.page, first.line, text, "paragraph", first.box)
