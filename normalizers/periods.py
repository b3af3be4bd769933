"""Timeframes as printed (`ปีงบประมาณ 2566`, `ไตรมาส 1-4`, `ต.ค. 65 – ก.ย. 66`) → dates.

Fiscal year N (BE) runs from 1 October of N−1 to 30 September of N; its
quarters are Oct–Dec, Jan–Mar, Apr–Jun, Jul–Sep. A timeframe without a year of
its own is resolved in the plan year when one is given, and left unresolved
otherwise.
"""

from __future__ import annotations

import calendar
import datetime as dt

import regex

from ita_extract.normalizers.dates import MONTH_PATTERN, month_number
from ita_extract.normalizers.digits import thai_digits_to_arabic
from ita_extract.normalizers.patterns import YEAR
from ita_extract.normalizers.years import be_to_ce, to_be

Period = tuple[dt.date | None, dt.date | None]
_NONE: Period = (None, None)

_DASH = r"\s*(?:-|–|—|ถึง|จนถึง)\s*"
_YEAR = rf"(?:พ\.\s*ศ\.\s*)?({YEAR}|\d{{2}})(?!\d)"  # a year, or its last two digits (ก.ย. ๖๖)
_FISCAL_YEAR = regex.compile(rf"ปีงบประมาณ\s*{_YEAR}(?:{_DASH}(?:ปีงบประมาณ\s*)?{_YEAR})?")
_MAX_FISCAL_SPAN = 5  # years a plan's range of fiscal years spans at most
_WHOLE_YEAR = regex.compile(r"ตลอด\s*ปี(?:งบประมาณ)?|ทั้ง\s*ปี(?:งบประมาณ)?")
_QUARTERS = regex.compile(rf"ไตรมาส(?:ที่)?\s*(\d)(?:{_DASH}(?:ไตรมาส(?:ที่)?\s*)?(\d))?")
_MONTH = MONTH_PATTERN.pattern
_DAY = r"(?:(\d{1,2})\s*)?"
_MONTH_RANGE = regex.compile(
    rf"{_DAY}({_MONTH})\s*(?:{_YEAR})?{_DASH}{_DAY}({_MONTH})\s*(?:{_YEAR})?"
)
_ONE_MONTH = regex.compile(rf"{_DAY}({_MONTH})\s*{_YEAR}")
_DEADLINE = regex.compile(rf"\s*(?:ภายใน|ก่อน|ไม่เกิน|จนถึง)\s*(?:วันที่|สิ้น)?\s*(?:เดือน)?\s*(?=\d|{_MONTH}|ไตรมาส)")
_ONWARD = regex.compile(r"เป็นต้นไป")


def fiscal_year_bounds(year_be: int) -> tuple[dt.date, dt.date]:
    year_ce = be_to_ce(year_be)
    return dt.date(year_ce - 1, 10, 1), dt.date(year_ce, 9, 30)


def quarter_bounds(year_be: int, quarter: int) -> tuple[dt.date, dt.date]:
    start_month = (10, 1, 4, 7)[quarter - 1]
    year_ce = be_to_ce(year_be) - (1 if quarter == 1 else 0)
    end_month = start_month + 2
    return (dt.date(year_ce, start_month, 1),
            dt.date(year_ce, end_month, calendar.monthrange(year_ce, end_month)[1]))


def parse_period(raw: str | None, plan_year_be: int | None = None) -> Period:
    """(start, end) of a printed timeframe, or (None, None) when it cannot be resolved."""
    if not raw:
        return _NONE
    text = thai_digits_to_arabic(raw)
    for parse in (_month_range, _quarters, _one_month, _fiscal_year, _whole_year):
        period = parse(text, plan_year_be)
        if period != _NONE:
            return _open_ended(text, period) if parse in (_quarters, _one_month) else period
    return _NONE


def _open_ended(text: str, period: Period) -> Period:
    """A month, day or quarter printed as a deadline (`ภายในเดือนมีนาคม 2567`, `ภายในวันที่ 31 มี.ค.`,
    `ก่อนสิ้นไตรมาสที่ 2`) ends the period and says nothing of its start; printed as a start
    (`ตั้งแต่เดือนมกราคม 2567 เป็นต้นไป`), it starts it and says nothing of its end."""
    if _DEADLINE.match(text):
        return None, period[1]
    if _ONWARD.search(text):
        return period[0], None
    return period


def _fiscal_year(text: str, plan_year_be: int | None) -> Period:
    """A fiscal year, or a range of them (`ปีงบประมาณ 2567-2568`: from the first's start to the
    last's end)."""
    years = [year for m in _FISCAL_YEAR.finditer(text) for year in _fiscal_years(*m.groups())]
    if not years:
        return _NONE
    return fiscal_year_bounds(min(years))[0], fiscal_year_bounds(max(years))[1]


def _fiscal_years(first: str, last: str | None) -> list[int]:
    """The years a printed fiscal year or range names; a range's end only a few years on
    (`ปีงบประมาณ 2567 - 10 รายการ` is 2567 alone)."""
    start = to_be(int(first))
    end = to_be(int(last)) if last else None
    if start is None:
        return []
    return [start, end] if end is not None and start < end <= start + _MAX_FISCAL_SPAN else [start]


def _whole_year(text: str, plan_year_be: int | None) -> Period:
    if plan_year_be and _WHOLE_YEAR.search(text):
        return fiscal_year_bounds(plan_year_be)
    return _NONE


def _quarters(text: str, plan_year_be: int | None) -> Period:
    match = _QUARTERS.search(text)
    if match is None:
        return _NONE
    first = int(match.group(1))
    last = int(match.group(2) or first)
    printed = _FISCAL_YEAR.search(text)
    year_be = to_be(int(printed.group(1))) if printed else plan_year_be
    if not (year_be and 1 <= first <= last <= 4):
        return _NONE
    return quarter_bounds(year_be, first)[0], quarter_bounds(year_be, last)[1]


def _month_range(text: str, plan_year_be: int | None) -> Period:
    match = _MONTH_RANGE.search(text)
    if match is None:
        return _NONE
    day1, month1, year1, day2, month2, year2 = match.groups()
    m1, m2 = month_number(month1), month_number(month2)
    if m1 is None or m2 is None:
        return _NONE
    y2 = _calendar_year_ce(year2, m2, plan_year_be) if year2 else None
    y1 = _calendar_year_ce(year1, m1, plan_year_be) if year1 else None
    if y2 is None and y1 is not None:
        y2 = y1 + (1 if m2 < m1 else 0)
    if y1 is None and y2 is not None:
        y1 = y2 - (1 if m1 > m2 else 0)
    if y1 is None:
        y1 = _calendar_year_ce(None, m1, plan_year_be)
        y2 = _calendar_year_ce(None, m2, plan_year_be)
    if y1 is None or y2 is None:
        return _NONE
    return _day(y1, m1, day1, first=True), _day(y2, m2, day2, first=False)


def _one_month(text: str, plan_year_be: int | None) -> Period:
    match = _ONE_MONTH.search(text)
    if match is None:
        return _NONE
    day, printed_month, printed_year = match.groups()
    month = month_number(printed_month)
    year = _calendar_year_ce(printed_year, month, plan_year_be) if month else None
    if month is None or year is None:
        return _NONE
    return _day(year, month, day, first=True), _day(year, month, day, first=False)  # a day is its day


def _calendar_year_ce(printed: str | None, month: int, plan_year_be: int | None) -> int | None:
    """CE calendar year of a month: the printed year, or the plan fiscal year's."""
    if printed:
        year_be = to_be(int(printed))
        return be_to_ce(year_be) if year_be else None
    if plan_year_be is None:
        return None
    return be_to_ce(plan_year_be) - (1 if month >= 10 else 0)


def _day(year: int, month: int, day: str | None, *, first: bool) -> dt.date | None:
    if day:
        try:
            return dt.date(year, month, int(day))
        except ValueError:
            return None
    return dt.date(year, month, 1 if first else calendar.monthrange(year, month)[1])
