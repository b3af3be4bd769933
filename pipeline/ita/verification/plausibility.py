"""Scores that can be true of an ITA document: in 0–100, of a year ITA had, of an item its tool
has in that year's form (the framework's facts). The others are not written, and the document
says why."""

from __future__ import annotations

from ita_extract.pipeline.ita import warnings as w
from ita_extract.pipeline.ita.framework import highest_item, is_ita_year
from ita_extract.pipeline.ita.scores import Score


def plausible_item(code: str | None, tool: str | None, year_be: int | None) -> bool:
    """Whether an item number fits its tool's range for the year (unknown years pass)."""
    if not code or not tool or not year_be:
        return True
    highest = highest_item(tool, year_be)
    return highest is None or 1 <= int(code[1:]) <= highest


def plausible_scores(scores: list[Score], assessment_year: int | None) -> tuple[list[Score], list[str]]:
    """(the scores that can be true, the warnings of those that cannot or look out of place)."""
    kept: list[Score] = []
    warnings: list[str] = []
    for score in scores:
        subject = score.subject
        if not 0 <= score.score <= 100:
            warnings.append(w.SCORE_OUT_OF_RANGE)
            continue
        if score.year_be is not None and not is_ita_year(score.year_be):
            warnings.append(w.IMPLAUSIBLE_SCORE_YEAR)
            continue
        if assessment_year and score.year_be and score.year_be > assessment_year:
            # A column of a later year: the document's assessment year may be misread, the value kept.
            warnings.append(w.SCORE_YEAR_AFTER_ASSESSMENT)
        if subject.level == "item" and not plausible_item(subject.item_code, subject.tool, score.year_be):
            warnings.append(w.ITEM_OUT_OF_RANGE)
            continue
        kept.append(score)
    return kept, warnings
