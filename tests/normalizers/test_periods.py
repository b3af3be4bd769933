import datetime as dt

import pytest

from ita_extract.normalizers.periods import fiscal_year_bounds, parse_period, timeline_periods

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
        # the word cut short (ปีงบฯ, ปีงบ, ปี งปม.): a fiscal year still
        ("ปีงบฯ 67", None, (D(2023, 10, 1), D(2024, 9, 30))),
        ("ปีงบ 2567", None, (D(2023, 10, 1), D(2024, 9, 30))),
        ("ปีงบประมาณฯ 2567", None, (D(2023, 10, 1), D(2024, 9, 30))),
        ("ปี งปม. 2567", None, (D(2023, 10, 1), D(2024, 9, 30))),
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


_FY_MONTHS = ["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย."]


def _month_starts(periods: list) -> list:
    return [start for start, _ in periods]


@pytest.mark.parametrize(
    ("headers", "plan"),
    [
        # a plan's month columns as Gantt charts print them, each form of the same fiscal year 2568
        (_FY_MONTHS, 2568),  # no year printed: the plan's fiscal year
        # a year over each group of months
        (["พ.ศ. 2567 ต.ค.", "พ.ย.", "ธ.ค.", "พ.ศ. 2568 ม.ค.", *_FY_MONTHS[4:]], None),
        (["พ.ศ. 2567 ต.ค.", "พ.ศ. 2567 พ.ย.", "พ.ศ. 2567 ธ.ค.", *("พ.ศ. 2568 " + m for m in _FY_MONTHS[3:])],
         None),  # the group's year copied into each column of a merged cell
        (["ต.ค. 67", "พ.ย. 67", "ธ.ค. 67", "ม.ค. 68", *_FY_MONTHS[4:]], None),  # month and short year
        (["ปีงบประมาณ พ.ศ. 2568 ต.ค.", *_FY_MONTHS[1:]], None),  # a fiscal year over all twelve
        (["ตุลาคม", "พฤศจิกายน", "ธันวาคม", "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม",
          "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน"], 2568),  # names in full
        (["ตค", "พย", "ธค", "มค", "กพ", "มีค", "เมย", "พค", "มิย", "กค", "สค", "กย"], 2568),  # no dots
        (["ต.ค.", "พ.ย.", "ธ.ค.", "2568 ม.ค.", *_FY_MONTHS[4:]], 2566),  # a printed year beats the plan's
    ],
)
def test_timeline_months_of_fiscal_year_2568(headers: list[str], plan: int | None) -> None:
    periods = timeline_periods(headers, plan)
    assert _month_starts(periods) == [D(2024, 10, 1), D(2024, 11, 1), D(2024, 12, 1)] + [
        D(2025, month, 1) for month in range(1, 10)]
    assert periods[4][1] == D(2025, 2, 28)


def test_timeline_quarters() -> None:
    assert timeline_periods(["ไตรมาส 1", "ไตรมาส 2", "ไตรมาส 3", "ไตรมาส 4"], 2568) == [
        (D(2024, 10, 1), D(2024, 12, 31)), (D(2025, 1, 1), D(2025, 3, 31)),
        (D(2025, 4, 1), D(2025, 6, 30)), (D(2025, 7, 1), D(2025, 9, 30))]
    # with its months named, and a year of its own
    assert timeline_periods(["ไตรมาสที่ ๑ (ต.ค.-ธ.ค. ๖๗)", "ไตรมาสที่ ๒ (ม.ค.-มี.ค. ๖๘)"], None) == [
        (D(2024, 10, 1), D(2024, 12, 31)), (D(2025, 1, 1), D(2025, 3, 31))]
    assert timeline_periods(["ไตรมาส 1/2568", "ไตรมาส 2/2568"], None)[1] == (D(2025, 1, 1), D(2025, 3, 31))


def test_timeline_calendar_year_plan_runs_on() -> None:
    """A plan's months from January run on in order: December is the same year's."""
    periods = timeline_periods(["ม.ค. 68", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.",
                                "ต.ค.", "พ.ย.", "ธ.ค."], None)
    assert periods[0][0] == D(2025, 1, 1) and periods[-1] == (D(2025, 12, 1), D(2025, 12, 31))


def test_timeline_without_a_year_stays_unresolved() -> None:
    assert timeline_periods(["ต.ค.", "พ.ย."], None) == [(None, None), (None, None)]
    assert timeline_periods(["หมายเหตุ"], 2568) == [(None, None)]


@pytest.mark.parametrize(
    ("headers", "plan"),
    [
        # a year over all twelve months that is the plan's fiscal year, without its word
        (["พ.ศ. 2568 ต.ค.", *_FY_MONTHS[1:]], 2568),
        # a narrow column wrapped the group's year (256 / 7), and split a month's word (เ / ม.ย.)
        (["พ.ศ. 256 7 ต. ค.", "พ. ย.", "ธ. ค.", "พ.ศ. 256 8 ม. ค.", "ก.พ.", "มี. ค.", "เ ม. ย.", "พ. ค.",
          "มิ. ย.", "ก. ค.", "ส. ค.", "ก. ย."], None),
        # OCR: the group's word garbled (Tou ประมาณ), months misread (A.W. for ก.พ., fel. for ก.ย.,
        # a stray mark in ก.ุค.): a month's own year beats its group's, the months between run on
        (["Tou ประมาณพ.ศ. 256 8 ต.ค. 67", "พ.ย. 67", "ธ.ค. 67", "ม.ค. 68", "A.W. 68", "มี.ค. 68", "เม.ย. 68",
          "พ.ค. 68", "มิ.ย. 68", "ก.ุค. 68", "ส.ค. 68", "fel. 68"], None),
        (["A.W.", *_FY_MONTHS[1:]], 2568),
    ],
)
def test_timeline_months_as_pdfs_and_ocr_print_them(headers: list[str], plan: int | None) -> None:
    test_timeline_months_of_fiscal_year_2568(headers, plan)


def test_timeline_column_between_months_that_do_not_run_on_stays_unread() -> None:
    """A column read as no month is the month between its neighbours only where they run on
    through it, or at a run's end where the two months before it are in step."""
    assert timeline_periods(["ต.ค.", "xx", "ม.ค."], 2568)[1] == (None, None)
    assert timeline_periods(["ต.ค.", "ธ.ค.", "xx"], 2568)[2] == (None, None)
    assert timeline_periods(["xx", "ต.ค."], 2568)[0] == (None, None)


def test_a_month_inferred_before_the_first_printed_is_the_previous_plans() -> None:
    """The plan's fiscal year anchors the first month printed, not one inferred before it."""
    periods = timeline_periods(["xx", *_FY_MONTHS], 2568)
    assert periods[0] == (D(2024, 9, 1), D(2024, 9, 30)) and periods[1][0] == D(2024, 10, 1)
