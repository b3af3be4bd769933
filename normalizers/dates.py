"""Thai dates ("๕ มกราคม ๒๕๖๙", "5 ม.ค. 69") as `datetime.date`."""

from __future__ import annotations

import datetime as dt

import regex

from ita_extract.normalizers.digits import thai_digits_to_arabic
from ita_extract.normalizers.patterns import MONTH, MONTHS
from ita_extract.normalizers.years import be_to_ce, to_be

MONTH_PATTERN = regex.compile(f"(?:{MONTH})")
_DATE = regex.compile(
    rf"(?<!\d)(\d{{1,2}})\s*({MONTH})\s*(?:พ\.\s*ศ\.\s*)?(\d{{4}}|\d{{2}})(?!\d)"
)


def month_number(name: str) -> int | None:
    """Month number of a Thai month name or abbreviation, tolerant of dots and spaces."""
    key = regex.sub(r"\s+", "", name)
    if key in MONTHS:
        return MONTHS[key]
    return MONTHS.get(key.replace(".", ""))


def parse_thai_date(text: str) -> dt.date | None:
    """The first day-month-year date in `text`; Buddhist Era years become CE dates."""
    match = _DATE.search(thai_digits_to_arabic(text))
    if match is None:
        return None
    day, month_name, year_text = match.groups()
    month = month_number(month_name)
    year_be = to_be(int(year_text))
    if month is None or year_be is None:
        return None
    try:
        return dt.date(be_to_ce(year_be), month, int(day))
    except ValueError:
        return None


def find_thai_dates(text: str) -> list[tuple[int, dt.date]]:
    """Every date in `text` with its character offset."""
    found = []
    converted = thai_digits_to_arabic(text)
    for match in _DATE.finditer(converted):
        parsed = parse_thai_date(match.group())
        if parsed is not None:
            found.append((match.start(), parsed))
    return found
