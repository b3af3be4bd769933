"""What values can be true of an ITA document, as data (`pipeline/data/plausibility.csv`):
the years ITA has had, a score's year against the assessment year, item numbers per tool."""

from __future__ import annotations

import datetime as dt
from functools import cache

from ita_extract.normalizers.years import BE_OFFSET
from ita_extract.pipeline.ita.knowledge import rows


def _value(check: str) -> int:
    return next(int(row["value"]) for row in rows("plausibility") if row["check"] == check)


@cache
def ita_years() -> range:
    """Fiscal years (BE) that can be ITA years: from the first ITA to the year after the run's."""
    today = dt.date.today()
    fiscal_be = today.year + BE_OFFSET + (1 if today.month >= 10 else 0)
    return range(_value("first_ita_year"), fiscal_be + _value("years_after_run") + 1)


def is_ita_year(year_be: int | None) -> bool:
    return year_be is not None and year_be in ita_years()


def plausible_score_year(year_be: int, assessment_year: int | None) -> bool:
    """A score can belong to an ITA year up to the document's assessment year, never after it."""
    return is_ita_year(year_be) and (assessment_year is None or year_be <= assessment_year)


def plausible_item(code: str | None, tool: str | None, year_be: int | None) -> bool:
    """Whether an item number fits its tool's range for the year (unknown years pass)."""
    if not code or not tool or not year_be:
        return True
    number = int(code[1:])
    for row in rows("plausibility"):
        if row["check"] == "item_max" and row["tool"] == tool \
                and int(row["year_from"]) <= year_be <= int(row["year_to"]):
            return 1 <= number <= int(row["value"])
    return True
