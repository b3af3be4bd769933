"""The ITA content of a recognised document: its scores (its own, and those of the organisations
a results list lists), findings and measures as printed, in document order. What can be trusted
of the scores is the verification's business."""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ita_extract.normalizers.lists import squeeze_thai
from ita_extract.parsers.formats import TEXT
from ita_extract.parsers.model import Block, Document, union
from ita_extract.pipeline.ita import warnings as w
from ita_extract.pipeline.ita.findings import FINDING_ROLES, Finding, prose_findings, table_findings
from ita_extract.pipeline.ita.formulas import formula_scores
from ita_extract.pipeline.ita.lines import DocumentLines, Line
from ita_extract.pipeline.ita.measure_records import measure_records
from ita_extract.pipeline.ita.measures import Measure, table_measures
from ita_extract.pipeline.ita.metadata import Metadata
from ita_extract.pipeline.ita.organisation import Organisation, last_organisation_named, same_organisation
from ita_extract.pipeline.ita.results_lists import results_list, results_list_scores
from ita_extract.pipeline.ita.score_tables import columns_are_subjects, table_scores
from ita_extract.pipeline.ita.scores import Score, names_over_values, prose_scores
from ita_extract.pipeline.ita.table_views import TableView, row_views, view


@dataclass
class Content:
    scores: list[Score] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    tables: dict[int, TableView] = field(default_factory=dict)  # the view of each table block, by id


def read_content(lines: DocumentLines, meta: Metadata) -> Content:
    content = Content()
    blocks = lines.document.blocks
    prose = prose_findings(lines)
    charts = names_over_values(lines.all, meta.assessment_year_be)
    charts += formula_scores(lines.all, meta.assessment_year_be)
    paired = {(s.line.page, s.line.line) for s in charts}  # their sentences are a chart's or a formula's
    for index, block in enumerate(blocks):
        if block.kind != "table":
            content.findings.extend(prose[id(block)])
            content.scores.extend(s for s in prose_scores(lines.of_block(block), meta.assessment_year_be)
                                  if not _another_organisations(s, meta.organisation)
                                  and (s.line.page, s.line.line) not in paired)
            continue
        _read_table(content, block, blocks[:index], lines, meta)
    _read_records(content, lines, meta)
    content.scores.extend(charts)
    if meta.doc_type in _MEASURES_DOCUMENTS and not content.measures:
        content.warnings.append(w.MEASURES_UNREAD)
    return content


_MEASURES_DOCUMENTS = ("measures", "measures_report")


def _read_records(content: Content, lines: DocumentLines, meta: Metadata) -> None:
    """Measures printed as records of labelled fields (measure_records), read as one-row tables."""
    for block, line in measure_records(lines):
        table_view = view(block, [])
        for measure in table_measures(row_views(table_view), table_view, meta.assessment_year_be,
                                      meta.plan_year_be):
            measure.source = line
            content.findings.extend(table_findings(measure, line))
            content.warnings.extend(measure.warnings)
            content.measures.append(measure)


_NAME_REACH = 60  # characters before an overall cue where the organisation it scores is named
_DIGIT = regex.compile(r"[0-9๐-๙]")


def _another_organisations(score: Score, own: Organisation | None) -> bool:
    """An overall score a sentence gives another organisation (`เทศบาลตำบลหนองไผ่ ได้คะแนน 91.35`,
    a neighbour compared): the organisation named last before its value is not the document's."""
    if own is None or score.subject.level != "overall":
        return False
    text = squeeze_thai(score.line.text)
    value = _DIGIT.search(text, score.subject.end)
    named = last_organisation_named(text[max(0, score.subject.start - _NAME_REACH):
                                         value.start() if value else len(text)])
    return named is not None and not same_organisation(named, own)


def _read_table(content: Content, block: Block, before: list[Block], lines: DocumentLines,
                meta: Metadata) -> None:
    table_view = content.tables[id(block)] = view(block, before)
    listing = results_list(table_view)
    if listing is not None:
        scores, warnings = results_list_scores(listing, table_view, lines, meta.assessment_year_be,
                                               meta.organisation, meta.province)
        content.scores.extend(scores)
        content.warnings.extend(warnings)
        return
    lines_apart = _laid_out_with_spaces(block, lines.document)
    if table_view.kind == "scores" or (table_view.kind == "other" and columns_are_subjects(table_view)):
        content.scores.extend(table_scores(table_view, lines, meta.assessment_year_be))
        if table_view.roles() & set(FINDING_ROLES) and not lines_apart:  # ตัวชี้วัด | คะแนน | ข้อค้นพบ
            for measure in _table_rows(table_view, meta):
                content.findings.extend(table_findings(measure, measure_line(measure, lines)))
        return
    measures = [] if lines_apart else _table_rows(table_view, meta)
    for measure in measures:
        content.findings.extend(table_findings(measure, measure_line(measure, lines)))
        content.warnings.extend(measure.warnings)
    if table_view.kind == "measures":
        content.measures.extend(measures)
    content.scores.extend(prose_scores(lines.of_block(block), meta.assessment_year_be))


def _laid_out_with_spaces(block: Block, document: Document) -> bool:
    """Whether a table is a layout dump's (columns aligned with spaces in a text dump): its rows
    may be the visual lines of wrapped cells, which no rule puts back into records. Its scores are
    read (a score and its label share a line, and the arithmetic checks them); its measures and
    findings are not (a measures document then says measures_unread)."""
    return document.source_format == TEXT.name and bool(block.columns)


def _table_rows(table_view: TableView, meta: Metadata) -> list[Measure]:
    """A table's rows as the measures reader reads them (a measure's row, or a row of findings)."""
    return table_measures(row_views(table_view), table_view, meta.assessment_year_be, meta.plan_year_be)


def measure_line(measure: Measure, lines: DocumentLines) -> Line:
    """The printed rows a measure was read from, as one line (a row per line), at the first's place."""
    if measure.source is not None:
        return measure.source
    first = measure.row.source_rows[0]
    text = "\n".join(lines.of_row(row).text for row in measure.row.source_rows)
    box = union([row.box for row in measure.row.source_rows if row.box and row.page == first.page])
    return Line(first.page, first.line, text, "table", box)
