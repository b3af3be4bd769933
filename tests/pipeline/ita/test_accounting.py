"""Number accounting: every number of an ITA document is a score row, has a role that is not a
score, or is an `unread` row with its page, line and context. Each case prints, beside a score
that is read, numbers in the forms the genre prints them: the distractors must be accounted for
by their role, the scores nobody read must be listed."""

from pathlib import Path

import pytest

from ita_extract.pipeline.batch.unit import parse, process_document

HEAD = ("รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖\nเทศบาลตำบลหนองเสม็ด อำเภอเมืองตราด จังหวัดตราด\n\n")


def _rows(body: str, name: str = "doc.md") -> dict[str, list[dict]]:
    return process_document(parse(Path(name), (HEAD + body).encode("utf-8")), "ab" * 32)


def _unread(body: str) -> list[tuple[int, str]]:
    rows = _rows(body)
    assert rows["documents"][0]["n_unread"] == len(rows["unread"])
    return [(row["line"], row["number"]) for row in rows["unread"]]


ACCOUNTED = [
    # years, dates, times, a pass mark, a difference, a share, a count, a band, a page, a quarter
    "ผลการประเมินปี ๒๕๖๖ ได้คะแนน ๙๕.๗๕ คะแนน ประกาศ ณ วันที่ ๕ มกราคม ๒๕๖๗ เวลา ๑๐.๓๐ น.",
    "ได้คะแนน ๙๕.๗๕ คะแนน ผ่านเกณฑ์ ๘๕ คะแนน สูงกว่าปีที่ผ่านมา ๒.๔๑ คะแนน",
    "ได้คะแนน ๙๕.๗๕ คะแนน จากการสำรวจร้อยละ ๘๐ ของผู้รับบริการ จำนวน ๓ ตัวชี้วัด",
    "ได้คะแนน ๙๕.๗๕ คะแนน อยู่ในระดับ AA (๙๕-๑๐๐)",
    "หน้า ๒\n\nได้คะแนน ๙๕.๗๕ คะแนน",
    # a table: the running number, a quarter, and the score read from its column
    "| ลำดับ | ตัวชี้วัด | คะแนน | ระยะเวลา |\n|---|---|---|---|\n"
    "| ๑ | ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่ | ๙๕.๗๕ | ไตรมาส ๒ |\n",
    # an analysis area's number and a measure's numbered sub-point
    "| ประเด็น | มาตรการ | คะแนน |\n|---|---|---|\n| ประเด็นที่ ๑ การปฏิบัติหน้าที่ | ๑.๑ มาตรการให้บริการ | ๙๕.๗๕ |\n",
    # a count of ranks
    "ข้อคำถามที่ได้คะแนนต่ำสุด ๓ อันดับ ได้แก่ e๑๐ ได้คะแนน ๙๕.๗๕ คะแนน\n",
    # a target the measures were set against
    "ได้คะแนน ๙๕.๗๕ คะแนน สูงกว่าค่าเป้าหมายที่กำหนดไว้ร้อยละ ๘๕\n",
    # a difference column and a target column hold no scores
    "| ตัวชี้วัด | ปี ๒๕๖๕ | ปี ๒๕๖๖ | ผลต่าง | เป้าหมาย |\n|---|---|---|---|---|\n"
    "| ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่ | ๙๓.๓๔ | ๙๕.๗๕ | ๒.๔๑ | ๙๐ |\n",
    # regression (a probe): a measure's progress alone in its column is a share done, not unread
    "ผลการประเมิน ITA ได้คะแนน ๙๕.๗๕ คะแนน\n\n| มาตรการ | ผลการดำเนินการ | ความก้าวหน้า (ร้อยละ) | สถานะ |\n"
    "|---|---|---|---|\n| มาตรการป้องกันการรับสินบน | ประกาศนโยบายแล้ว | ๗๕.๕๐ | อยู่ระหว่างดำเนินการ |\n",
]


@pytest.mark.parametrize("body", ACCOUNTED)
def test_numbers_with_a_role_are_accounted_for(body: str) -> None:
    rows = _rows(body)
    assert rows["scores"], "the case must read its score"
    assert rows["unread"] == []


def test_a_score_nobody_read_is_listed_with_its_line_and_context() -> None:
    body = "ได้คะแนน ๙๕.๗๕ คะแนน\n\nซึ่งเมื่อพิจารณาแล้ว ๗๗.๒๕ ยังต้องปรับปรุง\n"
    rows = _rows(body)
    assert [(r["line"], r["number"]) for r in rows["unread"]] == [(6, "77.25")]
    assert rows["unread"][0]["context"] == "ซึ่งเมื่อพิจารณาแล้ว 77.25 ยังต้องปรับปรุง"
    assert rows["unread"][0]["page"] is None  # a text dump has no pages to speak of


def test_an_unread_table_cell_names_its_row() -> None:
    body = ("| รายการ | ค่า |\n|---|---|\n| การเผยแพร่ข้อมูล | ๖๒.๕๖ |\n")
    rows = _rows(body)
    assert [r["number"] for r in rows["unread"]] == ["62.56"]
    assert rows["unread"][0]["context"] == "การเผยแพร่ข้อมูล\t62.56"


@pytest.mark.parametrize("again", [
    "ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต ได้คะแนน ๗๕.๐๐ คะแนน\n",  # the same value in prose
    "| ตัวชี้วัด | ผลคะแนน |\n|---|---|\n| ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต | ๗๕.๐๐ |\n",  # in another table
])
def test_a_score_printed_again_with_its_value_confirms_it_and_is_read(again: str) -> None:
    """Regression: the repeat was merged into the first row (verifying it) but its number was
    listed unread, as if no reader had taken it."""
    rows = _rows("| ตัวชี้วัด | คะแนน |\n|---|---|\n| ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต | ๗๕.๐๐ |\n\n" + again)
    scores = [(r["indicator"], r["score"], r["verification"]) for r in rows["scores"]]
    assert scores == [(10, 75.0, "verified")]
    assert rows["unread"] == []


def test_a_number_printed_twice_on_a_line_and_read_once_leaves_one_unread() -> None:
    assert _unread("คะแนนรวม ๙๕.๗๕ คะแนน และ ๙๕.๗๕\n") == [(4, "95.75")]


def test_the_score_of_a_subject_that_does_not_exist_is_unread() -> None:
    """There is no indicator 13 and no item i99: their values are not score rows, and are listed."""
    rows = _rows("ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่ ได้คะแนน ๑๐๐.๐๐ คะแนน และ ตัวชี้วัดที่ ๑๓ ได้คะแนน ๘๐.๐๐\n\n"
                 "ข้อ i๙๙ ได้คะแนน ๗๐.๐๐\n")
    assert [r["score"] for r in rows["scores"]] == [100.0]
    assert [(r["line"], r["number"]) for r in rows["unread"]] == [(4, "80.00"), (6, "70.00")]


def test_numbers_beyond_a_score_are_not_listed() -> None:
    assert _unread("ได้คะแนน ๙๕.๗๕ คะแนน งบประมาณ ๑๕๐ บาท รหัส ๓๐๑๒๔\n") == []


def test_a_document_that_is_not_ita_lists_nothing() -> None:
    rows = process_document(parse(Path("memo.txt"), "บันทึกข้อความ ประชุม ๔๕.๕ นาที\n".encode()), "cd" * 32)
    assert rows["unread"] == [] and rows["documents"][0]["n_unread"] == 0


def test_a_decimal_comma_is_listed_unread_never_read_nor_dropped() -> None:
    """Regression: `89,45` (a point OCR read as a comma, or a decimal comma) was neither read nor
    listed: the number vanished. Which number it is the text does not say, so it is unread; a
    thousands comma (`1,234`) and a list of item numbers (`ข้อ 12,13`) are no such number."""
    assert _unread("ผลการประเมินภาพรวมได้คะแนน ๘๙,๔๕ คะแนน\n\n"
                   "| ตัวชี้วัด | คะแนน |\n|---|---|\n| ๑. การปฏิบัติหน้าที่ | 95,10 |\n") == [
        (4, "89,45"), (8, "95,10")]
    assert _unread("ได้คะแนน ๙๕.๗๕ คะแนน จากผู้ตอบ 1,234 คน ข้อ 12,13 ได้คะแนนต่ำ\n") == []


@pytest.mark.parametrize(
    "contents",
    [
        "| เรื่อง | หน้า |\n|---|---|\n| ส่วนที่ ๑ บทนำ | ๑ |\n| ผลคะแนน IIT | ๔ |\n"
        "| ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล | ๙ |\n",
        "สารบัญ\n\nผลคะแนนภาพรวม ITA .................................. ๓\n\n"
        "ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต ……………… 11\n\nผลคะแนน EIT . . . . . . . . . . 6\n",
    ],
)
def test_a_table_of_contents_page_numbers_are_pages(contents: str) -> None:
    """Regression: a contents' page numbers (`ผลคะแนน IIT …… 4`, a `หน้า` column) were listed unread."""
    rows = _rows(contents + "\nผลการประเมินได้คะแนนภาพรวม ๙๒.๔๘ คะแนน\n")
    assert [(s["level"], s["score"]) for s in rows["scores"]] == [("overall", 92.48)]
    assert rows["unread"] == []


def test_a_measures_budget_column_holds_amounts() -> None:
    """Regression: a budget of 50 baht in a measures table's `งบประมาณ (บาท)` column was unread."""
    rows = _rows("ได้คะแนน ๙๕.๗๕ คะแนน\n\n| ที่ | โครงการ | งบประมาณ (บาท) | ผู้รับผิดชอบ |\n|---|---|---|---|\n"
                 "| 1 | โครงการอบรมคุณธรรม | 50 | สำนักปลัด |\n| 2 | กิจกรรมสำรวจ | 20,000 | กองคลัง |\n")
    assert rows["unread"] == []
