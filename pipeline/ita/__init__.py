"""The ITA room: what an ITA document says, recognised in its document model (pages, blocks,
tables, cells) and checked by the ITA arithmetic. It knows no files and no runs: a document in,
a `Reading` out.

- recognition: the lines (lines.py), metadata.py, number_roles.py, subjects.py, the scores of
  prose (scores.py) and of tables (score_tables.py, table_views.py), measures.py, findings.py,
  gathered by content.py; accounting.py, the numbers no reader took;
- verification/: plausibility, OCR confirmation, the arithmetic, grades and the overall score;
- framework.py: the ITA facts (tools, indicators, items, years), read from knowledge/, the CSV
  tables behind one accessor; warnings.py: what the room says about a document.
"""

from __future__ import annotations

from dataclasses import dataclass

from ita_extract.parsers.model import Document
from ita_extract.pipeline.ita.accounting import Unread, unread_numbers
from ita_extract.pipeline.ita.content import Content, read_content
from ita_extract.pipeline.ita.lines import DocumentLines
from ita_extract.pipeline.ita.metadata import Metadata, read_metadata
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
    lines = DocumentLines(document)
    metadata = read_metadata(lines.all)
    content = read_content(lines, metadata) if metadata.is_ita else Content()
    verdict = verify(content.scores, metadata.assessment_year_be, document.ocr_pages)
    # Only an ITA document's numbers are accounted for: in any other, no number is a score.
    unread = tuple(unread_numbers(lines, content.tables, verdict.scores)) if metadata.is_ita else ()
    warnings = (*document.warnings, *metadata.warnings, *content.warnings, *verdict.warnings)
    return Reading(lines, metadata, content, verdict, unread, warnings)
