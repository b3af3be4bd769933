"""Buddhist Era and Common Era years."""

from __future__ import annotations

BE_OFFSET = 543
# Plausible range for ITA-era documents; anything else is not a year we trust.
_BE_MIN, _BE_MAX = 2400, 2700
_CE_MIN, _CE_MAX = _BE_MIN - BE_OFFSET, _BE_MAX - BE_OFFSET


def be_to_ce(year_be: int) -> int:
    return year_be - BE_OFFSET


def ce_to_be(year_ce: int) -> int:
    return year_ce + BE_OFFSET


def to_be(year: int, *, two_digit_century_be: int = 2500) -> int | None:
    """A printed year as a Buddhist Era year.

    Four-digit BE years pass through, CE years (1857–2157) are converted, and
    two-digit years ("๖๕" in "ต.ค. ๖๕") are read as BE years of the 2500s.
    Returns None for numbers that cannot be a year.
    """
    if 0 <= year < 100:
        return two_digit_century_be + year
    if _BE_MIN <= year <= _BE_MAX:
        return year
    if _CE_MIN <= year <= _CE_MAX:
        return ce_to_be(year)
    return None
