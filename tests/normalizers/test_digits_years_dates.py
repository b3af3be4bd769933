import datetime as dt

import pytest

from ita_extract.normalizers.dates import month_number, parse_thai_date
from ita_extract.normalizers.digits import parse_number, thai_digits_to_arabic
from ita_extract.normalizers.years import be_to_ce, ce_to_be, to_be


def test_thai_digits() -> None:
    assert thai_digits_to_arabic("ร้อยละ ๕๐.๐๒ คะแนน") == "ร้อยละ 50.02 คะแนน"
    assert thai_digits_to_arabic("i๑๙") == "i19"
    assert thai_digits_to_arabic("พ.ศ. ๒๕๖๖") == "พ.ศ. 2566"


@pytest.mark.parametrize(
    ("text", "number"),
    [("๖๗.๑๖", 67.16), ("คะแนน 95.75 (ผ่านดี)", 95.75), ("1,234.5 บาท", 1234.5), ("ไม่มี", None),
     # regression: OCR read 19.22 as `[9,22`; the cell gave the value 9 and the printed form 922
     ("[9,22", None), ("9,22 คะแนน 80", 80.0), ("12,50", None), ("1,234", 1234.0),
     # regression: OCR read ๘๑.๔๖ as `81.ฮซ่อ`, which gave the value 81
     ("81.ฮซ่อ", None), ("565.@55", None), ("95.44.", 95.44), ("ได้ 81. ", 81.0)],
)
def test_parse_number(text: str, number: float | None) -> None:
    assert parse_number(text) == number


def test_years() -> None:
    assert be_to_ce(2566) == 2023
    assert ce_to_be(2023) == 2566
    assert to_be(2564) == 2564
    assert to_be(2021) == 2564
    assert to_be(65) == 2565
    assert to_be(12345) is None


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("วันที่ ๕ มกราคม ๒๕๖๙", dt.date(2026, 1, 5)),
        ("ประกาศ ณ วันที่ 30 กันยายน พ.ศ. 2565", dt.date(2022, 9, 30)),
        ("1 ต.ค. 65", dt.date(2022, 10, 1)),
        ("๑๕ ก.พ. ๒๕๖๖", dt.date(2023, 2, 15)),
        ("31 กุมภาพันธ์ 2566", None),
        ("ไม่มีวันที่", None),
    ],
)
def test_parse_thai_date(text: str, date: dt.date | None) -> None:
    assert parse_thai_date(text) == date


def test_month_abbreviations_tolerate_missing_dots() -> None:
    assert month_number("ต.ค.") == month_number("ตค") == 10
    assert month_number("ก.ย.") == 9
