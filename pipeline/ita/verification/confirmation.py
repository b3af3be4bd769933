"""Numbers read by OCR need a second witness: a score is confirmed when it is in range and printed
again with the same value in another place, or, for the overall score, when the grade printed
beside it fits it; after the arithmetic, a score it verifies as read is confirmed too."""

from __future__ import annotations

from collections.abc import Collection

from ita_extract.pipeline.ita.scores import Score
from ita_extract.pipeline.ita.verification.grades import grade_for, stated_grade_agrees


def confirmed(score: Score, scores: list[Score]) -> bool:
    if not 0 <= score.score <= 100:
        return False
    if score.grade_stated and stated_grade_agrees(score.grade_stated, score.score) \
            and score.grade_stated == grade_for(score.score):
        return True
    return any(other is not score and (other.owner, other.key) == (score.owner, score.key)
               and other.score == score.score and other.line.text != score.line.text for other in scores)


def ocr_numbers_confirmed(scores: list[Score], checked: list[Score], ocr_pages: Collection[int]) -> bool:
    """Whether every score read from an OCR'd page (`scores`, as read) is confirmed: see `confirmed`,
    or `verified` by the arithmetic (`checked`; a corrected digit was read wrong, so it is not)."""
    vouched = {_reading(score) for score in checked if score.verification == "verified"}
    return all(confirmed(score, scores) or _reading(score) in vouched
               for score in scores if score.line.page in ocr_pages)


def _reading(score: Score) -> tuple:
    return score.owner, score.key, score.score, score.line.page, score.line.line
