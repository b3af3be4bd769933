"""A document in, a `Reading` out: the ITA room's one entry (see the package's doc)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ita_extract.parsers.model import Document
from ita_extract.pipeline.ita.accounting import Unread, unread_numbers
from ita_extract.pipeline.ita.content import Content, read_content
from ita_extract.pipeline.ita.lines import DocumentLines
from ita_extract.pipeline.ita.metadata import Metadata, read_metadata
from ita_extract.pipeline.ita.scores import Score
from ita_extract.pipeline.ita.table_views import stacked_tables
from ita_extract.pipeline.ita.verification import Verdict, verify


@dataclass(frozen=True)
class Reading:
    """Everything the ITA room read in one document."""

    lines: DocumentLines
    metadata: Metadata
    content: Content  # the findings and measures; its scores as printed, before verification
    verdict: Verdict  # the scores with their verification, the score check, the overall score
    unread: tuple[Unread, ...]  # the numbers that could be scores and are not score rows
    warnings: tuple[str, ...]  # of the document: the parser's, the metadata's, the content's, the verdict's


def read_document(document: Document) -> Reading:
    lines = DocumentLines(_unstacked(document))
    metadata = read_metadata(lines.all)
    content = read_content(lines, metadata) if metadata.is_ita else Content()
    verdict = verify(content.scores, metadata.assessment_year_be, document.ocr_pages)
    metadata, content, verdict = _of_the_year_before(lines, metadata, content, verdict, document)
    # Only an ITA document's numbers are accounted for: in any other, no number is a score.
    read = [*verdict.scores, *_repeats(content.scores, verdict.scores),
            *_misread(content.scores, verdict.scores)]
    unread = tuple(unread_numbers(lines, content.tables, read)) if metadata.is_ita else ()
    warnings = (*document.warnings, *metadata.warnings, *content.warnings, *verdict.warnings)
    return Reading(lines, metadata, content, verdict, unread, warnings)


def _of_the_year_before(lines: DocumentLines, metadata: Metadata, content: Content, verdict: Verdict,
                        document: Document) -> tuple[Metadata, Content, Verdict]:
    """A document whose title's year is the year after the assessment whose results it reads (the
    analysis of ITA 2567 made in fiscal year 2568): it states no overall of its title's year and
    one of the year before. Read again as of that year, its scores printed without a year take
    it; kept only where the arithmetic then verifies that overall (the scores belong together),
    the title's year becoming the plan year."""
    year = metadata.assessment_year_be
    own = {s.year_be for s in verdict.scores if s.level == "overall" and s.org is None}
    if not metadata.is_ita or year is None or own != {year - 1} or _overall_verified(verdict, year - 1):
        return metadata, content, verdict
    earlier = replace(metadata, assessment_year_be=year - 1, plan_year_be=metadata.plan_year_be or year)
    again = read_content(lines, earlier)
    checked = verify(again.scores, year - 1, document.ocr_pages)
    if not _overall_verified(checked, year - 1):
        return metadata, content, verdict
    return earlier, again, checked


def _overall_verified(verdict: Verdict, year: int) -> bool:
    return any(s.level == "overall" and s.org is None and s.year_be == year and s.verification == "verified"
               for s in verdict.scores)


def _unstacked(document: Document) -> Document:
    """The document with each table a grid stacked several into one (table_views.stacked_tables)."""
    pages = [replace(page, blocks=[table for block in page.blocks for table in stacked_tables(block)])
             for page in document.pages]
    if sum(len(page.blocks) for page in pages) == len(document.blocks):
        return document  # nothing stacked: the document as parsed
    return replace(document, pages=pages)


def _repeats(printed: list[Score], rows: list[Score]) -> list[Score]:
    """The scores printed again with the value of a row (one row each, the repeat confirming it):
    their numbers are read, not left unread."""
    values = {(row.key, row.score) for row in rows}
    places = {row.place for row in rows}
    return [score for score in printed if (score.key, score.score) in values and score.place not in places]


def _misread(printed: list[Score], rows: list[Score]) -> list[Score]:
    """The scores as OCR read them where the arithmetic corrected them: the number printed in
    their line is the misread one (a corrected row's own is what it should have been)."""
    places = {row.place for row in rows if row.verification == "corrected"}
    return [score for score in printed if score.place in places]
