"""The contract's row shapes: what the ITA room read in a document, as the rows of every table,
and what went wrong with a file, as an errors row. A row names no file: the run gives each
document the path it keeps for it (the first of the paths its bytes stand under), once."""

from __future__ import annotations

from ita_extract import __version__
from ita_extract.normalizers.thai_text import count_damaged, thai_word_ratio
from ita_extract.normalizers.units import canonical_units
from ita_extract.normalizers.years import be_to_ce
from ita_extract.parsers.formats import PDF
from ita_extract.parsers.model import Document, Page
from ita_extract.pipeline.dataset.validation import Row, Rows
from ita_extract.pipeline.ita.accounting import Unread
from ita_extract.pipeline.ita.content import measure_line
from ita_extract.pipeline.ita.findings import Finding
from ita_extract.pipeline.ita.lines import Line
from ita_extract.pipeline.ita.measures import Measure
from ita_extract.pipeline.ita.metadata import Metadata
from ita_extract.pipeline.ita.organisation import Organisation
from ita_extract.pipeline.ita.reading import Reading
from ita_extract.pipeline.ita.scores import POINTS, Score
from ita_extract.pipeline.ita.verification.grades import grade_for


def document_rows(document: Document, reading: Reading, sha256: str) -> Rows:
    """Every table's rows for one read document (`sha256`: its bytes' hash). Its organisation,
    and each one a results list in it lists, is an `organisations` row of its own: the writer
    merges those of every document. A tool's weighted points are checked, never score rows."""
    doc_id = sha256[:16]
    meta, verdict = reading.metadata, reading.verdict
    on_pages = document.source_format == PDF.name
    org_id = {"org_id": meta.organisation.org_id if meta.organisation else None}
    scores = [_score_row(doc_id, score, meta, on_pages) for score in verdict.scores if score.level != POINTS]
    org = {**org_id, "org_name": meta.org_name}
    findings = [{**_finding_row(doc_id, k, finding, meta, on_pages), **org}
                for k, finding in enumerate(reading.content.findings, 1)]
    measures = [{**_measure_row(doc_id, k, measure, reading, on_pages), **org}
                for k, measure in enumerate(reading.content.measures, 1)]
    doc_row = {**_document_row(doc_id, sha256, document, reading), **org_id}
    unread = [_unread_row(doc_id, number, on_pages) for number in reading.unread]
    doc_row.update(n_scores=len(scores), n_findings=len(findings), n_measures=len(measures),
                   n_unread=len(unread))
    pages = [_page_row(doc_id, page, reading) for page in reading.lines.document.pages]  # tables unstacked
    listed = {score.org.org_id: score.org for score in verdict.scores if score.org is not None}
    own = [meta.organisation] if meta.organisation else []
    organisations = [_organisation_row(org) for org in (*own, *listed.values())]
    return {"documents": [doc_row], "pages": pages, "scores": scores, "findings": findings,
            "measures": measures, "unread": unread, "organisations": organisations}


def _organisation_row(org: Organisation) -> Row:
    """One document's view of its organisation; the writer merges every document's."""
    return {"org_id": org.org_id, "org_name": org.org_name, "org_type": org.org_type,
            "district": org.where_district, "province": org.where_province,
            "name_variants": list(org.variants), "n_documents": 1}


def _unread_row(doc_id: str, number: Unread, on_pages: bool) -> Row:
    return {"doc_id": doc_id, "page": number.page if on_pages else None, "line": number.line,
            "number": number.number, "context": number.context}


def _page_row(doc_id: str, page: Page, reading: Reading) -> Row:
    text = reading.lines.page_text(page)
    return {
        "doc_id": doc_id,
        "page": page.number,
        "text": text,
        "text_source": page.text_source,
        "damaged_before": count_damaged(page.raw_text),
        "damaged_after": count_damaged(text),
        "thai_word_ratio": thai_word_ratio(text),
    }


def _bbox(line: Line) -> list[float] | None:
    """Where the row's line or table row is printed: [x0, top, x1, bottom] in points from the
    page's top-left corner, as the PDF parser placed it (text and OCR'd pages: None)."""
    return [round(value, 1) for value in line.box] if line.box else None


def _page_of(line: Line, on_pages: bool) -> int | None:
    return line.page if on_pages else None


def _score_row(doc_id: str, score: Score, meta: Metadata, on_pages: bool) -> Row:
    """A score of the document's own organisation, or of one a results list lists (score.org)."""
    subject = score.subject
    org = score.org or meta.organisation
    return {
        "doc_id": doc_id,
        "org_id": org.org_id if org else None,
        "org_name": score.org.org_name if score.org else meta.org_name,
        "province": score.org.where_province if score.org else meta.province,
        "assessment_year_be": meta.assessment_year_be,
        "score_year_be": score.year_be,
        "level": subject.level,
        "tool": subject.tool,
        "tool_part": subject.tool_part,
        "indicator": subject.indicator,
        "sub_indicator": subject.sub_indicator,
        "item_code": subject.item_code,
        "item_code_raw": subject.item_code_raw,
        "label": subject.label,
        "score": score.score,
        "page": _page_of(score.line, on_pages),
        "line": score.line.line,
        "bbox": _bbox(score.line),
        "source_text": score.source or score.line.text,
        "verification": score.verification,
    }


def _finding_row(doc_id: str, ordinal: int, finding: Finding, meta: Metadata, on_pages: bool) -> Row:
    return {
        "doc_id": doc_id,
        "assessment_year_be": meta.assessment_year_be,
        "finding_id": f"{doc_id}-f{ordinal:04d}",
        "kind": finding.kind,
        "issue_area": finding.issue_area,
        "tool": finding.tool,
        "indicator": finding.indicator,
        "sub_indicator": finding.sub_indicator,
        "item_codes": finding.item_codes,
        "text": finding.text,
        "page": _page_of(finding.line, on_pages),
        "line": finding.line.line,
        "bbox": _bbox(finding.line),
        "source_text": finding.line.text,
    }


def _measure_row(doc_id: str, ordinal: int, measure: Measure, reading: Reading, on_pages: bool) -> Row:
    line = measure_line(measure, reading.lines)
    meta = reading.metadata
    return {
        "doc_id": doc_id,
        "assessment_year_be": meta.assessment_year_be,
        "plan_year_be": meta.plan_year_be,
        "measure_id": f"{doc_id}-m{ordinal:04d}",
        "seq": measure.seq,
        "issue_area": measure.issue_area,
        "tool": measure.tool,
        "indicator": measure.indicator,
        "item_codes": measure.item_codes,
        "title": measure.title,
        "steps": measure.steps,
        "responsible": measure.responsible,
        "responsible_units": canonical_units(measure.responsible),
        "timeframe_raw": measure.timeframe_raw,
        "period_start": measure.period[0],
        "period_end": measure.period[1],
        "follow_up": measure.follow_up,
        "status": measure.status,
        "result": measure.result,
        "page": _page_of(line, on_pages),
        "line": line.line,
        "bbox": _bbox(line),
        "source_text": line.text,
    }


def _document_row(doc_id: str, sha256: str, document: Document, reading: Reading) -> Row:
    meta, verdict = reading.metadata, reading.verdict
    text_source = {page.text_source for page in document.pages}
    overall = verdict.overall.score
    return {
        "doc_id": doc_id,
        "source_sha256": sha256,
        "source_format": document.source_format,
        "text_source": text_source.pop() if len(text_source) == 1 else "mixed",
        "page_count": document.page_count,
        "org_name": meta.org_name,
        "org_type": meta.org_type,
        "district": meta.district,
        "province": meta.province,
        "doc_type": meta.doc_type,
        "assessment_year_be": meta.assessment_year_be,
        "assessment_year_ce": be_to_ce(meta.assessment_year_be) if meta.assessment_year_be else None,
        "plan_year_be": meta.plan_year_be,
        "issued_date": meta.issued_date,
        "overall_score": overall,
        "grade": grade_for(overall),
        "grade_stated": verdict.overall.grade_stated,
        "warnings": sorted(set(reading.warnings)),
        "score_check": verdict.score_check,
        "parser_version": __version__,
    }
