"""The ITA content of a recognised document: its scores, findings and measures, in document order."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ita_extract.parsers.model import Block, Document
from ita_extract.pipeline.ita.findings import Finding, prose_findings, table_findings
from ita_extract.pipeline.ita.lines import Line, block_lines, row_text
from ita_extract.pipeline.ita.measures import Measure, table_measures
from ita_extract.pipeline.ita.metadata import Metadata
from ita_extract.pipeline.ita.score_tables import subject_columns, table_scores
from ita_extract.pipeline.ita.scores import Score, prose_scores
from ita_extract.pipeline.ita.subjects import item_indicator
from ita_extract.pipeline.ita.table_views import row_views, view
from ita_extract.pipeline.ita.verification.grades import grade_for, stated_grade_agrees
from ita_extract.pipeline.ita.verification.plausibility import is_ita_year, plausible_item


@dataclass
class Content:
    scores: list[Score] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_content(document: Document, meta: Metadata) -> Content:
    content = Content()
    blocks = document.blocks
    prose = dict((id(block), found) for block, found in prose_findings(blocks))
    for index, block in enumerate(blocks):
        if block.kind != "table":
            content.findings.extend(prose[id(block)])
            content.scores.extend(prose_scores(block_lines(block), meta.assessment_year_be))
            continue
        _read_table(content, block, blocks[:index], meta)
    ocr_pages = {page.number for page in document.pages if page.text_source == "ocr"}
    if ocr_pages and not all(_confirmed(score, content.scores) for score in content.scores
                             if score.line.page in ocr_pages):
        content.warnings.append("ocr_numbers_unverified")
    content.scores = _checked_scores(content, meta.assessment_year_be)
    return content


def _confirmed(score: Score, scores: list[Score]) -> bool:
    """An OCR'd number is confirmed in range and by a second mention of the same value, or,
    for the overall score, by the grade printed beside it."""
    if not 0 <= score.score <= 100:
        return False
    if score.grade_stated and stated_grade_agrees(score.grade_stated, score.score) \
            and score.grade_stated == grade_for(score.score):
        return True
    return any(other is not score and other.key == score.key and other.score == score.score
               and other.line.text != score.line.text for other in scores)


def _read_table(content: Content, block: Block, before: list[Block], meta: Metadata) -> None:
    table_view = view(block, before)
    if table_view.kind == "scores" or (table_view.kind == "other" and subject_columns(table_view)):
        content.scores.extend(table_scores(table_view, meta.assessment_year_be))
        return
    rows = row_views(table_view)
    measures = table_measures(rows, table_view, meta.assessment_year_be, meta.plan_year_be)
    for measure in measures:
        line = measure_line(measure)
        content.findings.extend(table_findings(measure, line))
        content.warnings.extend(measure.warnings)
    if table_view.kind == "measures":
        content.measures.extend(measures)
    content.scores.extend(prose_scores(block_lines(block), meta.assessment_year_be))


def measure_line(measure: Measure) -> Line:
    first = measure.row.source_rows[0]
    text = "\n".join(row_text(row) for row in measure.row.source_rows)
    return Line(first.page, first.line, text, "table")


def _checked_scores(content: Content, assessment_year: int | None) -> list[Score]:
    """Scores that can be true: in range, of a year ITA had, of an item its tool has."""
    kept: list[Score] = []
    for score in content.scores:
        subject = score.subject
        if not 0 <= score.score <= 100:
            content.warnings.append("score_out_of_range")
            continue
        if score.year_be is not None and not is_ita_year(score.year_be):
            content.warnings.append("implausible_score_year")
            continue
        if assessment_year and score.year_be and score.year_be > assessment_year:
            # A column of a later year: the document's assessment year may be misread, the value kept.
            content.warnings.append("score_year_after_assessment")
        if subject.level == "item" and not plausible_item(subject.item_code, subject.tool, score.year_be):
            content.warnings.append("item_out_of_range")
            continue
        if subject.level == "item" and subject.indicator is None:
            indicator, sub = item_indicator(assessment_year, subject.item_code)
            score.subject = replace(subject, indicator=indicator, sub_indicator=subject.sub_indicator or sub)
        kept.append(score)
    return kept
