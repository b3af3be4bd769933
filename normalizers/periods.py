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
from ita_extract.normalizers.lists import squeeze_thai
from ita_extract.normalizers.patterns import RANGE_DASH, YEAR
from ita_extract.normalizers.years import be_to_ce, to_be

Period = tuple[dt.date | None, dt.date | None]
_NONE: Period = (None, None)

_DASH = rf"\s*{RANGE_DASH}\s*"
_YEAR = rf"(?:พ\.\s*ศ\.\s*)?({YEAR}|\d{{2}})(?!\d)"  # a year, or its last two digits (ก.ย. ๖๖)
# The fiscal year's word, or the word cut short (ปีงบ, ปีงบฯ, ปี งปม.)
_FISCAL_WORD = r"ปี\s*(?:งบ(?:ประมาณ)?|งปม\.?)\s*ฯ?"
_FISCAL_YEAR = regex.compile(rf"{_FISCAL_WORD}\s*{_YEAR}(?:{_DASH}(?:{_FISCAL_WORD}\s*)?{_YEAR})?")
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


# A year printed in a timeline column's header: a month's own (`ต.ค. 67`, `ต.ค. 2567`: a calendar
# year), a group's over several columns (`พ.ศ. 2567` over October to December: a calendar year;
# `ปีงบประมาณ พ.ศ. 2568` over all twelve: a fiscal year, also as OCR leaves its word, `ประมาณ`), a
# quarter's fiscal year (`ไตรมาส 1/2568`).
_MONTH_YEAR = regex.compile(rf"(?:{_MONTH})\s*(?:พ\.\s*ศ\.\s*)?({YEAR}|\d{{2}})(?!\d)")
_GROUP_YEAR = regex.compile(rf"((?:ปี)?(?:งบ)?ประมาณ|ปีงบ)?\s*(?:พ\.\s*ศ\.\s*)?({YEAR})(?!\d)")
_SPLIT_NUMBER = regex.compile(r"(?<=\d)\s+(?=\d)")  # a year a narrow column wrapped (`256` / `7`)
_QUARTER_YEAR = regex.compile(rf"ไตรมาส(?:ที่)?\s*\d\s*/\s*({YEAR}|\d{{2}})(?!\d)")


def timeline_periods(headers: list[str], plan_year_be: int | None) -> list[Period]:
    """The period of each column of a plan's timeline (a Gantt chart's month or quarter columns,
    in order, each header as printed, the year over a group of columns included where the table
    gives it). A month's year is the one its header prints, else it runs on from the months
    beside it (printed in order), else from the plan's fiscal year; a header read as no month
    between months (OCR: `A.W.` for ก.พ.) is the month between them. A quarter is of the fiscal
    year it or its group prints, else of the plan's. Other columns stay (None, None)."""
    texts = [_SPLIT_NUMBER.sub("", squeeze_thai(thai_digits_to_arabic(header))) for header in headers]
    quarters = {k for k, text in enumerate(texts) if _QUARTERS.search(text)}
    months = {k: month for k, text in enumerate(texts) if k not in quarters
              and (found := MONTH_PATTERN.search(text)) and (month := month_number(found.group()))}
    printed = set(months)
    while more := _months_between(len(texts), months, quarters):
        months |= more
    years = _month_years(texts, months, printed, plan_year_be)
    periods = [_quarter_column(text, plan_year_be) if k in quarters else _NONE
               for k, text in enumerate(texts)]
    for k, month in months.items():
        if k in years:
            periods[k] = _day(years[k], month, None, first=True), _day(years[k], month, None, first=False)
    return periods


def _months_between(count: int, months: dict[int, int], quarters: set[int]) -> dict[int, int]:
    """Columns read as no month whose neighbours run on through them: the month they skip (a
    month on each side), or the next or the one before at the run's end (two months in step)."""
    found = {}
    for k in range(count):
        if k in months or k in quarters:
            continue
        before, after = months.get(k - 1), months.get(k + 1)
        skipped = before and after and _month_after(_month_after(before)) == after
        ends_run = before and after is None and months.get(k - 2) and _month_after(months[k - 2]) == before
        if before and (skipped or ends_run):
            found[k] = _month_after(before)
        elif after and before is None and months.get(k + 2) == _month_after(after):
            found[k] = (after + 10) % 12 + 1  # the month before
    return found


def _month_after(month: int) -> int:
    return month % 12 + 1


def _month_years(texts: list[str], months: dict[int, int], printed: set[int],
                 plan_year_be: int | None) -> dict[int, int]:
    """CE year of each month column: printed, else run on from its neighbours, else the plan's
    (for the first month printed: one inferred before it may be the previous plan's)."""
    years = {k: year for k, month in months.items()
             if (year := _printed_month_year(texts[k], month, plan_year_be))}
    order = sorted(months)
    if not years and printed and plan_year_be:
        first = min(printed)
        years[first] = _calendar_year_ce(None, months[first], plan_year_be) or 0
    if not years:
        return {}
    known = min(years)
    for k in reversed([k for k in order if k < known]):  # before the first known year: back in time
        after = min(j for j in years if j > k)
        years[k] = years[after] - (1 if months[k] > months[after] else 0)
    for k in order:
        if k not in years:
            before = max(j for j in years if j < k)
            years[k] = years[before] + (1 if months[k] < months[before] else 0)
    return years


def _printed_month_year(text: str, month: int, plan_year_be: int | None) -> int | None:
    """The CE year a month column's header prints: the month's own, else its group's. A group's
    year without its word over October to December that is the plan's own fiscal year is that
    fiscal year (`พ.ศ. 2568` over all twelve months of the plan for 2568), not a calendar year
    that would put the month in the next plan."""
    own = _MONTH_YEAR.search(text)
    if own:
        year_be = to_be(int(own.group(1)))
        return be_to_ce(year_be) if year_be else None
    group = _GROUP_YEAR.search(text)
    year_be = to_be(int(group.group(2))) if group else None
    if group is None or year_be is None:
        return None
    fiscal = bool(group.group(1)) or (year_be == plan_year_be and month >= 10)
    return be_to_ce(year_be) - (1 if fiscal and month >= 10 else 0)


def _quarter_column(text: str, plan_year_be: int | None) -> Period:
    """A quarter's column (`ไตรมาส 2`, `ไตรมาสที่ 1 (ต.ค.-ธ.ค. 67)`, `ไตรมาส 1/2568`); its months, where
    printed with their year, say it all."""
    quarter = _QUARTERS.search(text)
    if quarter is None:
        return _NONE
    months = _month_range(text, None)
    if months != _NONE:
        return months
    printed = _QUARTER_YEAR.search(text) or _FISCAL_YEAR.search(text)
    year_be = to_be(int(printed.group(1))) if printed else plan_year_be
    number = int(quarter.group(1))
    return quarter_bounds(year_be, number) if year_be and 1 <= number <= 4 else _NONE
