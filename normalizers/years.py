"""Buddhist Era and Common Era years."""

from __future__ import annotations

from ita_extract.normalizers.patterns import BE_OFFSET, BE_YEARS, CE_YEARS

__all__ = ["BE_OFFSET", "be_to_ce", "ce_to_be", "to_be"]


def be_to_ce(year_be: int) -> int:
    return year_be - BE_OFFSET


def ce_to_be(year_ce: int) -> int:
    return year_ce + BE_OFFSET


def to_be(year: int, *, two_digit_century_be: int = 2500) -> int | None:
    """A printed year as a Buddhist Era year.

    Four-digit BE years pass through, CE years are converted (the ranges of
    normalizers.patterns), and two-digit years ("๖๕" in "ต.ค. ๖๕") are read as
    BE years of the 2500s. Returns None for numbers that cannot be a year.
    """
    if 0 <= year < 100:
        return two_digit_century_be + year
    if year in BE_YEARS:
        return year
    if year in CE_YEARS:
        return ce_to_be(year)
    return None
