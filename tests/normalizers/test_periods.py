import datetime as dt

import pytest

from ita_extract.normalizers.periods import fiscal_year_bounds, parse_period

D = dt.date


def test_fiscal_year_2566() -> None:
    assert fiscal_year_bounds(2566) == (D(2022, 10, 1), D(2023, 9, 30))


@pytest.mark.parametrize(
    ("raw", "plan", "period"),
    [
        # printed in the dev corpus
        ("ปีงบประมาณ 2566", None, (D(2022, 10, 1), D(2023, 9, 30))),
        ("ไตรมาส ๑", 2566, (D(2022, 10, 1), D(2022, 12, 31))),
        ("ไตรมาส ๑-๔", 2566, (D(2022, 10, 1), D(2023, 9, 30))),
        # other phrasings of the same kinds
        ("ปีงบประมาณ พ.ศ. ๒๕๖๕", None, (D(2021, 10, 1), D(2022, 9, 30))),
        ("ไตรมาสที่ 2", 2567, (D(2024, 1, 1), D(2024, 3, 31))),
        ("ไตรมาสที่ 3 - 4 ปีงบประมาณ 2568", None, (D(2025, 4, 1), D(2025, 9, 30))),
        ("ต.ค. ๖๕ – ก.ย. ๖๖", None, (D(2022, 10, 1), D(2023, 9, 30))),
        ("มกราคม - มีนาคม ๒๕๖๙", None, (D(2026, 1, 1), D(2026, 3, 31))),
        ("ตุลาคม 2565 ถึง กันยายน 2566", None, (D(2022, 10, 1), D(2023, 9, 30))),
        ("พฤศจิกายน - ธันวาคม", 2566, (D(2022, 11, 1), D(2022, 12, 31))),
        ("1 ต.ค. 65 - 31 มี.ค. 66", None, (D(2022, 10, 1), D(2023, 3, 31))),
        ("เมษายน 2566", None, (D(2023, 4, 1), D(2023, 4, 30))),
        ("ตลอดปีงบประมาณ", 2566, (D(2022, 10, 1), D(2023, 9, 30))),
        ("กุมภาพันธ์ 2567", None, (D(2024, 2, 1), D(2024, 2, 29))),
        # regression: a range of fiscal years ended with its first
        ("ปีงบประมาณ พ.ศ. 2567-2568", None, (D(2023, 10, 1), D(2025, 9, 30))),
        ("ปีงบประมาณ 2566 – 2568", None, (D(2022, 10, 1), D(2025, 9, 30))),
        ("ปีงบประมาณ 66-67", None, (D(2022, 10, 1), D(2024, 9, 30))),
        ("ปีงบประมาณ 2567 ถึง ปีงบประมาณ 2568", None, (D(2023, 10, 1), D(2025, 9, 30))),
        ("ปีงบประมาณ 2567 - 10 รายการ", None, (D(2023, 10, 1), D(2024, 9, 30))),  # no range
        # a day names its day, not its month
        ("15 มกราคม 2567", None, (D(2024, 1, 15), D(2024, 1, 15))),
        # regression: a deadline ends the period and says nothing of its start (ภายในเดือนมีนาคม
        # was March 1 to 31); a start says nothing of its end
        ("ภายในเดือนมีนาคม 2567", None, (None, D(2024, 3, 31))),
        ("ภายในวันที่ 31 มีนาคม 2567", None, (None, D(2024, 3, 31))),
        ("ก่อนสิ้นเดือนมีนาคม 2567", None, (None, D(2024, 3, 31))),
        ("ภายในไตรมาสที่ 2", 2567, (None, D(2024, 3, 31))),
        ("ตั้งแต่เดือนมกราคม 2567 เป็นต้นไป", None, (D(2024, 1, 1), None)),
        ("ภายในปีงบประมาณ 2567", None, (D(2023, 10, 1), D(2024, 9, 30))),  # the year it is carried out in
        ("ภายใน มกราคม - มีนาคม 2567", None, (D(2024, 1, 1), D(2024, 3, 31))),  # a range says both
    ],
)
def test_parse_period(raw: str, plan: int | None, period) -> None:
    assert parse_period(raw, plan) == period


@pytest.mark.parametrize(
    ("raw", "plan"),
    [("ไตรมาส 1", None), ("ตลอดปี", None), ("ตามความเหมาะสม", 2566), ("", 2566), ("ไตรมาส 5", 2566)],
)
def test_unresolvable_timeframes_stay_null(raw: str, plan: int | None) -> None:
    assert parse_period(raw, plan) == (None, None)
