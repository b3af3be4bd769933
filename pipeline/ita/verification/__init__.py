"""What can be trusted of the scores a document prints: those that cannot be true are set aside
(plausibility), OCR'd numbers need a second witness (confirmation), the rest check each other by
the ITA arithmetic, and the overall score of the document is chosen among them. Pure: it takes
the scores as read and returns new ones with their verification.

The scores of each organisation a results list lists are checked among themselves, apart from
the document's own: two organisations' totals are never competing values of one score."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

from ita_extract.pipeline.ita import warnings as w
from ita_extract.pipeline.ita.scores import Score
from ita_extract.pipeline.ita.verification.arithmetic import Reconciled, reconcile
from ita_extract.pipeline.ita.verification.confirmation import ocr_numbers_confirmed
from ita_extract.pipeline.ita.verification.grades import stated_grade_agrees
from ita_extract.pipeline.ita.verification.overall import Overall, overall_score
from ita_extract.pipeline.ita.verification.plausibility import plausible_scores


@dataclass(frozen=True)
class Verdict:
    scores: list[Score]  # each with its verification
    score_check: str | None
    overall: Overall
    warnings: tuple[str, ...]


def verify(scores: list[Score], assessment_year: int | None, ocr_pages: Collection[int]) -> Verdict:
    kept, implausible = plausible_scores(scores, assessment_year)
    reconciled = _per_organisation(kept, ocr_pages)
    warnings: list[str] = []
    if ocr_pages and not ocr_numbers_confirmed(scores, reconciled.scores, ocr_pages):
        warnings.append(w.OCR_NUMBERS_UNVERIFIED)
    overall = overall_score(reconciled.scores, assessment_year, ocr_pages)
    return Verdict(reconciled.scores, reconciled.score_check, overall,
                   (*warnings, *implausible, *reconciled.warnings, *overall.warnings))


# The document's score_check: the worst of its organisations'.
_CHECKS = ("conflicting", "consistent", "unchecked")


def _per_organisation(scores: list[Score], ocr_pages: Collection[int]) -> Reconciled:
    """The arithmetic of each organisation's scores apart (the document's own first), and the
    grades a results list prints beside its organisations' totals against the bands."""
    owners: dict[str | None, list[Score]] = {None: []}
    for score in scores:
        owners.setdefault(score.owner, []).append(score)
    verdicts: list[Score] = []
    warnings: list[str] = []
    checks: list[str] = []
    for owner, group in owners.items():
        if not group:
            continue
        result = reconcile(group, ocr_pages)
        listed = owner is not None
        verdicts.extend(_listed_grade_checked(s) if listed else s for s in result.scores)
        warnings.extend(result.warnings)
        checks.extend([result.score_check] if result.score_check else [])
    if any(s.owner and s.grade_stated and not stated_grade_agrees(s.grade_stated, s.score) for s in verdicts):
        warnings.append(w.LISTED_GRADE_MISMATCH)
    check = next((c for c in _CHECKS if c in checks), None)
    return Reconciled(verdicts, check, list(dict.fromkeys(warnings)))


def _listed_grade_checked(score: Score) -> Score:
    """A listed organisation's total whose printed grade is not its band is `conflict`, unless
    the arithmetic confirms the total (the grade is then the misprint)."""
    if score.level != "overall" or not score.grade_stated or score.verification == "verified":
        return score
    if stated_grade_agrees(score.grade_stated, score.score):
        return score
    return replace(score, verification="conflict")
