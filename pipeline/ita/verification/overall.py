"""The document's overall score: which of the overall scores printed for its assessment year the
documents row takes, and what the grade printed beside it says. A query: it writes nothing."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from ita_extract.pipeline.ita import warnings as w
from ita_extract.pipeline.ita.scores import Score
from ita_extract.pipeline.ita.verification.grades import stated_grade_agrees

# Which overall score the document row takes when several are printed for the assessment year.
_TRUST = {"verified": 0, "corrected": 1, "unverified": 2, "conflict": 3}


@dataclass(frozen=True)
class Overall:
    score: float | None = None
    grade_stated: str | None = None
    warnings: tuple[str, ...] = ()


def overall_score(scores: list[Score], assessment_year: int | None, ocr_pages: Collection[int]) -> Overall:
    """The document's own organisation's overall score of the assessment year, never a `conflict`
    one when a verified one exists, with the grade printed beside it (checked against the
    bands). Read by OCR, it is none at all when the arithmetic or the grade printed beside it
    contradicts it: the digits are then the likelier misreading."""
    candidates = [s for s in scores if s.level == "overall" and s.year_be in (assessment_year, None)
                  and s.owner is None]  # a results list's other organisations are not the document's
    if not candidates:
        return Overall()
    score = min(candidates, key=lambda s: _TRUST[s.verification])
    agrees = not score.grade_stated or stated_grade_agrees(score.grade_stated, score.score)
    warnings = () if agrees else (w.GRADE_MISMATCH,)
    if score.line.page in ocr_pages and (score.verification == "conflict" or not agrees):
        return Overall(None, score.grade_stated, (*warnings, w.OCR_OVERALL_CONTRADICTED))
    return Overall(score.score, score.grade_stated, warnings)
