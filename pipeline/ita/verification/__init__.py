"""What can be trusted of the scores a document prints: those that cannot be true are set aside
(plausibility), OCR'd numbers need a second witness (confirmation), the rest check each other by
the ITA arithmetic, and the overall score of the document is chosen among them. Pure: it takes
the scores as read and returns new ones with their verification."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from ita_extract.pipeline.ita import warnings as w
from ita_extract.pipeline.ita.scores import Score
from ita_extract.pipeline.ita.verification.arithmetic import reconcile
from ita_extract.pipeline.ita.verification.confirmation import ocr_numbers_confirmed
from ita_extract.pipeline.ita.verification.overall import Overall, overall_score
from ita_extract.pipeline.ita.verification.plausibility import plausible_scores


@dataclass(frozen=True)
class Verdict:
    scores: list[Score]  # each with its verification
    score_check: str | None
    overall: Overall
    warnings: tuple[str, ...]


def verify(scores: list[Score], assessment_year: int | None, ocr_pages: Collection[int]) -> Verdict:
    warnings: list[str] = []
    if ocr_pages and not ocr_numbers_confirmed(scores, ocr_pages):
        warnings.append(w.OCR_NUMBERS_UNVERIFIED)
    kept, implausible = plausible_scores(scores, assessment_year)
    reconciled = reconcile(kept, ocr_pages)
    overall = overall_score(reconciled.scores, assessment_year, ocr_pages)
    return Verdict(reconciled.scores, reconciled.score_check, overall,
                   (*warnings, *implausible, *reconciled.warnings, *overall.warnings))
