"""One input file → its rows in every table (or one `errors` row)."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ita_extract.normalizers.thai_text import count_damaged, thai_word_ratio
from ita_extract.normalizers.units import canonical_units
from ita_extract.normalizers.years import be_to_ce
from ita_extract.parsers import ParseError, parse_file
from ita_extract.parsers.model import Document
from ita_extract.pipeline import PARSER_VERSION
from ita_extract.pipeline.batch.inputs import source_path
from ita_extract.pipeline.ita.content import Content, measure_line, read_content
from ita_extract.pipeline.ita.findings import Finding
from ita_extract.pipeline.ita.lines import Line, document_lines, page_text
from ita_extract.pipeline.ita.measures import Measure
from ita_extract.pipeline.ita.metadata import Metadata, recognise
from ita_extract.pipeline.ita.scores import Score
from ita_extract.pipeline.ita.verification.arithmetic import reconcile
from ita_extract.pipeline.ita.verification.grades import grade_for, stated_grade_agrees

log = logging.getLogger(__name__)


@dataclass
class Result:
    """Rows one input contributes, keyed by table name."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return bool(self.rows.get("errors"))

    @property
    def ran_out_of_memory(self) -> bool:
        """Its worker's heap is spent and fragmented: the next document wants a fresh one."""
        return any(error["error_type"] == "MemoryLimit" for error in self.rows.get("errors", []))


def extract_file(path: Path, raw_root: Path) -> Result:
    """Extract one file; every failure becomes an `errors` row, never an exception."""
    relative = source_path(path, raw_root)
    digest = None
    try:
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        document = parse_file(path, data)
        return Result(extract_document(document, relative, digest))
    except ParseError as exc:
        return _error(relative, digest, exc.stage, exc.error_type, str(exc))
    except OSError as exc:
        return _error(relative, digest, "read", type(exc).__name__, exc.strerror or str(exc))
    except MemoryError:
        return _error(relative, digest, "extract", "MemoryLimit",
                      "the document needs more memory than a worker may use (--max-memory-mb)")
    except Exception as exc:  # a bug on one file must not stop the batch
        log.exception("extraction failed on %s", relative)
        return _error(relative, digest, "extract", type(exc).__name__, str(exc))


def error_result(path: str, raw_root: str, digest: str | None, stage: str, error_type: str,
                 message: str) -> Result:
    """An `errors` row for `path` (absolute), decided outside the extraction itself."""
    return _error(source_path(path, raw_root), digest, stage, error_type, message)


def timeout_result(path: str, raw_root: str, digest: str | None, limit: float) -> Result:
    return error_result(path, raw_root, digest, "extract", "DocumentTimeout",
                        f"extraction took longer than the {limit:g} s limit per document")


def died_result(path: str, raw_root: str, digest: str | None, memory: int) -> Result:
    limit = f" (perhaps over its {memory / 2**20:g} MiB memory limit, --max-memory-mb)" if memory else ""
    return error_result(path, raw_root, digest, "extract", "WorkerDied",
                        f"the worker process died while extracting this file{limit}")


def _error(path: str, digest: str | None, stage: str, error_type: str, message: str) -> Result:
    """The failure as a row; the run logs it, once, whichever process decided it."""
    return Result({"errors": [{"source_path": path, "source_sha256": digest, "stage": stage,
                               "error_type": error_type, "message": message}]})


def extract_document(document: Document, source_path: str, sha256: str) -> dict[str, list]:
    doc_id = sha256[:16]
    lines = document_lines(document)
    meta = recognise(lines)
    if document.encoding == "cp874":
        meta.warnings.append("decoded_as_tis620")
    meta.warnings.extend(document.warnings)
    pages = [_page_row(doc_id, page, document) for page in document.pages]
    content = read_content(document, meta) if meta.doc_type != "unknown" else Content()
    meta.warnings.extend(content.warnings)
    ocr_pages = [page.number for page in document.pages if page.text_source == "ocr"]
    reconciled = reconcile(content.scores, ocr_pages)
    content.scores = reconciled.scores
    meta.warnings.extend(reconciled.warnings)
    overall = _overall(content.scores, meta, ocr_pages)
    scores = [_score_row(doc_id, score, meta, document) for score in content.scores]
    findings = [_finding_row(doc_id, k, finding, meta, document)
                for k, finding in enumerate(content.findings, 1)]
    measures = [_measure_row(doc_id, k, measure, meta, document)
                for k, measure in enumerate(content.measures, 1)]
    doc_row = _document_row(doc_id, source_path, sha256, document, meta, overall)
    doc_row.update(n_scores=len(scores), n_findings=len(findings), n_measures=len(measures),
                   score_check=reconciled.score_check)
    return {"documents": [doc_row], "pages": pages, "scores": scores, "findings": findings,
            "measures": measures}


def _page_row(doc_id: str, page, document: Document) -> dict[str, Any]:
    text = page_text(page)
    ratio = thai_word_ratio(text)
    return {
        "doc_id": doc_id,
        "page": page.number,
        "text": text,
        "text_source": page.text_source,
        "damaged_before": count_damaged(page.raw_text),
        "damaged_after": count_damaged(text),
        "thai_word_ratio": ratio,
    }


def _provenance_page(line: Line, document: Document) -> int | None:
    return line.page if document.source_format == "pdf" else None


# Which overall score the document row takes when several are printed for the assessment year.
_TRUST = {"verified": 0, "corrected": 1, "unverified": 2, "conflict": 3}


def _overall(scores: list[Score], meta: Metadata, ocr_pages: list[int]) -> float | None:
    """The overall score of the assessment year, never a `conflict` one when a verified one exists;
    its printed grade is checked against the bands. Read by OCR, it is none at all when the
    arithmetic or the grade printed beside it contradicts it."""
    candidates = [s for s in scores if s.level == "overall" and s.year_be in (meta.assessment_year_be, None)]
    if not candidates:
        return None
    score = min(candidates, key=lambda s: _TRUST[s.verification])
    agrees = not score.grade_stated or stated_grade_agrees(score.grade_stated, score.score)
    if score.grade_stated:
        meta.grade_stated = score.grade_stated
        if not agrees:
            meta.warnings.append("grade_mismatch")
    if score.line.page in ocr_pages and (score.verification == "conflict" or not agrees):
        # read by OCR and contradicted: the digits are the likelier misreading, so no value
        meta.warnings.append("ocr_overall_contradicted")
        return None
    return score.score


def _score_row(doc_id: str, score: Score, meta: Metadata, document: Document) -> dict[str, Any]:
    subject = score.subject
    return {
        "doc_id": doc_id,
        "org_name": meta.org_name,
        "province": meta.province,
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
        "page": _provenance_page(score.line, document),
        "source_text": score.line.text,
        "verification": score.verification,
    }


def _finding_row(doc_id: str, ordinal: int, finding: Finding, meta: Metadata,
                 document: Document) -> dict[str, Any]:
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
        "page": _provenance_page(finding.line, document),
        "source_text": finding.line.text,
    }


def _measure_row(doc_id: str, ordinal: int, measure: Measure, meta: Metadata,
                 document: Document) -> dict[str, Any]:
    line = measure_line(measure)
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
        "page": _provenance_page(line, document),
        "source_text": line.text,
    }


def _document_row(doc_id: str, source_path: str, sha256: str, document: Document,
                  meta: Metadata, overall: float | None) -> dict[str, Any]:
    text_source = {page.text_source for page in document.pages}
    return {
        "doc_id": doc_id,
        "source_path": source_path,
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
        "grade_stated": meta.grade_stated,
        "warnings": sorted(set(meta.warnings)),
        "parser_version": PARSER_VERSION,
    }
