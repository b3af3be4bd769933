"""Scores in sentences: the phrasings documents print, and the numbers that are not scores."""

import pytest

from ita_extract.normalizers.lists import squeeze_thai
from ita_extract.pipeline.ita.lines import Line, clean
from ita_extract.pipeline.ita.scores import sentence_scores
from tests.pipeline.helpers import extract, scores_of


def _scores(text: str, year: int = 2566) -> list[tuple]:
    text = clean(text)
    return [(s.subject.level, s.subject.tool, s.subject.tool_part, s.subject.indicator,
             s.subject.sub_indicator, s.subject.item_code, s.score, s.year_be)
            for s in sentence_scores(Line(1, 1, text, "paragraph"), squeeze_thai(text), year)]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("มีผลคะแนนเท่ากับร้อยละ ๕๐.๐๒ คะแนน", ("overall", None, None, None, None, None, 50.02, 2566)),
    ("โดยภาพรวมได้คะแนน 95.75 (ผ่านดี)", ("overall", None, None, None, None, None, 95.75, 2566)),
    ("ได้รับผลการประเมิน ITA ๘๐.๖๑ คะแนน", ("overall", None, None, None, None, None, 80.61, 2566)),
    ("คะแนนรวมทั้งสิ้น 92.51", ("overall", None, None, None, None, None, 92.51, 2566)),
    ("ได้รับคะแนนเฉลี่ยรวม 92.51 คะแนน", ("overall", None, None, None, None, None, 92.51, 2566)),
    ("ผลการประเมินอยู่ในระดับ A (92.51 คะแนน)", ("overall", None, None, None, None, None, 92.51, 2566)),
    ("ITA Score: 92.51", ("overall", None, None, None, None, None, 92.51, 2566)),
    ("จากคะแนนเต็ม 100 คะแนน หน่วยงานได้ 92.51 คะแนน", ("overall", None, None, None, None, None, 92.51, 2566)),
    ("ตัวชี้วัดที่ 1 หน่วยงานได้ 97.00", ("indicator", "IIT", None, 1, None, None, 97.0, 2566)),
    ("ตัวชี้วัดที่ 1 อยู่ในระดับ AA (97.00 คะแนน)", ("indicator", "IIT", None, 1, None, None, 97.0, 2566)),
    # a table flattened into lines by a text dump: the value right after its subject, ending the line
    ("1. การปฏิบัติหน้าที่ 97.53", ("indicator", "IIT", None, 1, None, None, 97.53, 2566)),
    ("10. การป้องกันการทุจริต 75.00 B", ("indicator", "OIT", None, 10, None, None, 75.0, 2566)),
    ("ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ คะแนน 97.44", ("indicator", "IIT", None, 1, None, None, 97.44, 2566)),
    ("ผลคะแนนของตัวชี้วัดด้าน การใช้ทรัพย์สินของราชการ มีค่าต่ำสุด เท่ากับ ๖๗.๑๖",
     ("indicator", "IIT", None, 4, None, None, 67.16, 2566)),
    ("ตัวชี้วัดที่ ๕ การแก้ปัญหาการทุจริต ได้ ๘๘.๒๐ คะแนน", ("indicator", "IIT", None, 5, None, None, 88.2, 2566)),
    ("ตัวชี้วัดด้านการปรับปรุงระบบการทำงาน ได้คะแนน ๗๙.๙๑", ("indicator", "EIT", None, 8, None, None, 79.91, 2566)),
    ("ตัวชี้วัดย่อยที่ 9.1 ข้อมูลพื้นฐาน ได้คะแนน 100", ("sub_indicator", "OIT", None, 9, "9.1", None, 100.0, 2566)),
    ("E๙ ได้คะแนน ๗๕.๕๐", ("item", "EIT", None, None, None, "e9", 75.5, 2566)),
    # an indicator's name inside an item's title is the item's (regression: o36's 0 was indicator 10's)
    ("3) o36 แผนปฏิบัติการป้องกันการทุจริต 0 คะแนน", ("item", "OIT", None, None, None, "o36", 0.0, 2566)),
    ("ข้อ i7 การใช้งบประมาณ ได้ 80.12 คะแนน", ("item", "IIT", None, None, None, "i7", 80.12, 2566)),
    # a flattened row opening with its question's word or its tool before the code (they were unread)
    ("ข้อ i9 (การใช้ทรัพย์สิน) 77.25", ("item", "IIT", None, None, None, "i9", 77.25, 2566)),
    ("IIT ข้อ i9 (การใช้ทรัพย์สิน) 77.25", ("item", "IIT", None, None, None, "i9", 77.25, 2566)),
    ("2. ข้อ e4 การเปิดเผยข้อมูล 81.00", ("item", "EIT", None, None, None, "e4", 81.0, 2566)),
    ("การป้องกันการทุจริต 75.00 คะแนน", ("indicator", "OIT", None, 10, None, None, 75.0, 2566)),
    # a tool's question by its number (a probe gave the tool the item's score: EIT 79.50, IIT 70.25)
    ("แบบวัด EIT ข้อที่ 4 ได้คะแนน 79.50 คะแนน", ("item", "EIT", None, None, None, "e4", 79.5, 2566)),
    ("แบบวัด IIT ข้อ ๑๒ ได้ 70.25", ("item", "IIT", None, None, None, "i12", 70.25, 2566)),
    ("ข้อคำถาม EIT 1 ได้คะแนน 88.00 คะแนน", ("item", "EIT", None, None, None, "e1", 88.0, 2566)),
    ("ข้อคำถาม IIT5 ได้คะแนน 93.50 คะแนน", ("item", "IIT", None, None, None, "i5", 93.5, 2566)),
    ("ข้อ ๐๑๐ ได้คะแนน ๐ คะแนน", ("item", "OIT", None, None, None, "o10", 0.0, 2566)),  # o10 in Thai digits
    ("ข้อ o12 ไม่ผ่าน (0)", ("item", "OIT", None, None, None, "o12", 0.0, 2566)),  # (0) was a list's point
    # a value with decimals after จำนวน was a count: the overall, neither read nor unread
    ("หน่วยงานได้รับคะแนน ITA ปี 2566 จำนวน 91.30 คะแนน", ("overall", None, None, None, None, None, 91.3, 2566)),
    # the tool after the question's number (a probe gave EIT the question's 83.00)
    ("ข้อคำถามที่ 3 ของแบบวัด EIT ได้ 83.00 คะแนน", ("item", "EIT", None, None, None, "e3", 83.0, 2566)),
    ("ข้อ 12 ในแบบวัด IIT ได้ 70.25", ("item", "IIT", None, None, None, "i12", 70.25, 2566)),
    ("ข้อที่ 7 ของ OIT ได้ 0 คะแนน", ("item", "OIT", None, None, None, "o7", 0.0, 2566)),
    # a sub-indicator named as an indicator with its dotted number (it was unread)
    ("ตัวชี้วัดที่ 9.1 ข้อมูลพื้นฐาน ได้ 100 คะแนน", ("sub_indicator", "OIT", None, 9, "9.1", None, 100.0, 2566)),
    # a sub-indicator followed by its indicator's name (a probe gave indicator 9 the sub-indicator's 100)
    ("ตัวชี้วัดย่อยที่ 9.1 การเปิดเผยข้อมูล 100 คะแนน", ("sub_indicator", "OIT", None, 9, "9.1", None, 100.0, 2566)),
    ("ตัวชี้วัดที่ 9.1 การเปิดเผยข้อมูล ได้ 100 คะแนน", ("sub_indicator", "OIT", None, 9, "9.1", None, 100.0, 2566)),
    ("ตัวชี้วัดย่อยที่ 10.2 การป้องกันการทุจริต ได้ 87.50",
     ("sub_indicator", "OIT", None, 10, "10.2", None, 87.5, 2566)),
    # a sub-indicator by its bare number (a probe gave OIT the sub-indicator's 100; alone it was unread)
    ("OIT 9.1 ข้อมูลพื้นฐาน ได้ 100 คะแนน", ("sub_indicator", "OIT", None, 9, "9.1", None, 100.0, 2566)),
    ("ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล 9.1 ข้อมูลพื้นฐาน 100 คะแนน",
     ("sub_indicator", "OIT", None, 9, "9.1", None, 100.0, 2566)),
    ("9.2 การบริหารงาน 95.83", ("sub_indicator", "OIT", None, 9, "9.2", None, 95.83, 2566)),
])
def test_one_score_per_phrasing(sentence: str, expected: tuple) -> None:
    assert _scores(sentence) == [expected]


def test_a_flattened_row_of_tools_gives_each_its_value() -> None:
    values = (("IIT", 94.56), ("EIT", 88.4), ("OIT", 87.5))
    assert _scores("IIT 94.56 EIT 88.40 OIT 87.50") == [("tool", t, None, None, None, None, v, 2566)
                                                         for t, v in values]


@pytest.mark.parametrize("sentence", [
    "i1 97.10 i2 96.40 i3 95.80",
    "คะแนนรายข้อ i1 97.10 i2 96.40 i3 95.80",
    "i1 97.10, i2 96.40, i3 95.80",  # a probe gave i1 the last value (i2, i3 read as a list of codes)
    "i1 = 97.10, i2 = 96.40, i3 = 95.80",
    "i1: 97.10 i2: 96.40 i3: 95.80",
])
def test_a_flattened_row_of_items_gives_each_its_value(sentence: str) -> None:
    values = (("i1", 97.1), ("i2", 96.4), ("i3", 95.8))
    assert _scores(sentence) == [("item", "IIT", None, None, None, c, v, 2566) for c, v in values]


def test_recalled_years_flattened_give_each_year_its_value() -> None:
    assert _scores("ผลคะแนน ITA ปี 2565 85.12 ปี 2566 89.40") == [
        ("overall", None, None, None, None, None, 85.12, 2565),
        ("overall", None, None, None, None, None, 89.4, 2566)]
    assert _scores("งบประมาณปี 2566 12.50 ล้านบาท") == []
    # regression: a year written short (ปี 65) or after ปีงบ left both values unread
    for sentence in ("ผลคะแนน ITA ปี 65 85.12 ปี 66 89.40", "ผลคะแนน ITA ปีงบ 2565 85.12 ปีงบ 2566 89.40"):
        assert _scores(sentence) == [("overall", None, None, None, None, None, 85.12, 2565),
                                     ("overall", None, None, None, None, None, 89.4, 2566)], sentence


def test_a_flattened_sub_indicator_row_named_as_one() -> None:
    assert _scores("ตัวชี้วัดย่อยที่ 9.1 ข้อมูลพื้นฐาน 100.00") == [
        ("sub_indicator", "OIT", None, 9, "9.1", None, 100.0, 2566)]


def test_a_flattened_item_row_gives_its_question_s_value() -> None:
    """`i2 <its question, longer than a subject's reach> 93.40`: an item's code opens the line."""
    question = ("บุคลากรในหน่วยงานของท่าน ปฏิบัติงาน/ให้บริการ แก่ผู้มาติดต่อทั่ว ๆ ไป กับผู้มาติดต่อที่รู้จัก"
                "เป็นการส่วนตัวอย่างเท่าเทียมกัน มากน้อยเพียงใด")
    assert _scores(f"i2 {question} 93.40", 2564) == [("item", "IIT", None, 1, None, "i2", 93.4, 2564)]
    assert _scores(f"2. i2 {question} 93.40", 2564) == [("item", "IIT", None, 1, None, "i2", 93.4, 2564)]
    assert _scores(f"i2 {question} เพิ่มขึ้น 2.41", 2564) == []
    assert _scores(f"ดังนั้น i2 {question} 93.40", 2564) == []  # the code does not open the line


@pytest.mark.parametrize("sentence", [
    # regression: an indicator's name inside a compound (a plan of budget use, a manual of asset use)
    # took the number after it as indicator 2's or 4's score
    "ผลการเบิกจ่ายตามแผนการใช้งบประมาณ ได้ร้อยละ 85.50",
    "เบิกจ่ายตามแผนการใช้งบประมาณ 85 คะแนน",
    "คู่มือการใช้ทรัพย์สินของราชการ ได้คะแนน 80.00",
    "จัดทำรายงานการใช้ทรัพย์สินของราชการ ร้อยละ 100",
    # an OIT item's title whose code a scan lost (o12 OCR'd 012): a probe gave indicator 2 the 0
    "012 รายงานผลการใช้จ่ายงบประมาณ (0 คะแนน)",
    "สรุปผลการใช้ทรัพย์สินของราชการ ได้ 100 คะแนน",
    "รายงานการกำกับติดตามการใช้จ่ายงบประมาณ ประจำปี 0 คะแนน",
])
def test_an_indicators_name_inside_a_compound_is_not_the_indicator(sentence: str) -> None:
    assert _scores(sentence) == []


def test_an_indicators_name_after_an_aspect_word_is_still_the_indicator() -> None:
    assert _scores("ด้านการใช้ทรัพย์สินของราชการ ได้คะแนน 80.00") == [
        ("indicator", "IIT", None, 4, None, None, 80.0, 2566)]
    assert _scores("มาตรการ: การใช้ทรัพย์สินของราชการ 80.00") == [
        ("indicator", "IIT", None, 4, None, None, 80.0, 2566)]


@pytest.mark.parametrize(("sentence", "expected"), [
    # regression: the year inside the question became the score's year
    ("i9 หน่วยงานของท่าน ใช้จ่ายงบประมาณ ในปี 2565 คุ้มค่า 85.12", [("i9", 85.12, 2566)]),
    ("o12 รายงานผลการดำเนินงานประจำปี 2565 100.00", [("o12", 100.0, 2566)]),
    ("ข้อ i7 แผนการใช้จ่ายงบประมาณประจำปี 2565 ได้ 80.12 คะแนน", [("i7", 80.12, 2566)]),
    # years with values of their own, one after another: each value its year
    ("i10 ท่านรู้เกี่ยวกับการใช้จ่ายงบประมาณ ปี 2565 90.00 ปี 2566 92.50", [("i10", 90.0, 2565), ("i10", 92.5, 2566)]),
    # a year before the item is not in its question
    ("ผลคะแนนปี 2565 ข้อ i7 ได้ 80.12 คะแนน", [("i7", 80.12, 2565)]),
])
def test_a_year_in_an_items_question_is_not_its_scores_year(sentence: str, expected: list) -> None:
    assert [(s[5], s[6], s[7]) for s in _scores(sentence)] == expected


@pytest.mark.parametrize("sentence", [
    "การใช้อำนาจ 2.41 (เพิ่มขึ้น)",  # words after the value say what it is
    "ตัวชี้วัดที่ 3 การใช้อำนาจ 1.5 เท่า",
    "IIT 30 EIT 30 OIT 40",  # whole numbers after the acronyms: the weights
    # survey figures and gaps beside a subject (a probe gave EIT 65.40, indicator 3 4.60, i5 95.24)
    "ด้าน EIT ผู้รับบริการส่วนใหญ่ (ร้อยละ 65.40) เป็นประชาชนในพื้นที่",
    "คะแนนตัวชี้วัดที่ 3 สูงกว่าค่าเฉลี่ยของหน่วยงานระดับเดียวกัน (91.20) อยู่ 4.60 คะแนน",
    "ตัวชี้วัดที่ 3 ต่ำกว่าปีก่อนอยู่ 1.25 คะแนน",
    # a whole 100 before a value with decimals: a full marks' or weights' column flattened into the
    # line (an OCR dump of a table gave the overall 100)
    "คะแนนรวม 100 90.59",
    "คะแนนรวม | 100 | 90.59",
    # a tool's items that scored nothing (the o12 OCR'd 012): not the tool's (OIT 0.00)
    "OIT ข้อที่ไม่ได้คะแนน ได้แก่ 012 รายงานผลการใช้จ่ายงบประมาณ (0 คะแนน)",
    "OIT ข้อทิไม่ได้คะแนน ได้แก่ 012 รายงานผลการใช้จ่ายงบประมาณ (0 คะแนน)",  # ที่ as an OCR tool read it
    "IIT ข้อที่ได้คะแนนต่ำ ได้แก่ ข้อที่เกี่ยวกับการใช้ทรัพย์สิน 70.25 คะแนน",
    "ข้อ i5 มีผู้ตอบว่าไม่เคยพบเห็นร้อยละ 95.24",
    "i5 ผู้ตอบระบุว่าไม่เคยพบเห็น ร้อยละ 95.24",
])
def test_a_number_beside_a_subject_that_is_not_its_score(sentence: str) -> None:
    assert _scores(sentence) == []


@pytest.mark.parametrize(("sentence", "expected"), [
    # a target named with its subject before the value (a probe gave indicator 8 the target 85.00)
    ("ค่าเป้าหมายตัวชี้วัดที่ 8 คือ 85.00 คะแนน ผลที่ได้ 82.10 คะแนน",
     [("indicator", "EIT", None, 8, None, None, 82.1, 2566)]),
    ("เป้าหมาย EIT 90.00 คะแนน ผลการประเมิน 85.33 คะแนน",
     [("tool", "EIT", None, None, None, None, 85.33, 2566)]),
])
def test_a_target_named_with_its_subject_is_not_its_score(sentence: str, expected: list) -> None:
    assert _scores(sentence) == expected


def test_tools_by_name_and_by_acronym_with_their_parts() -> None:
    assert _scores("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT) ได้คะแนน ๙๐.๑๒ คะแนน "
                   "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT) ได้คะแนน ๘๘.๐๐ คะแนน") == [
        ("tool", "IIT", None, None, None, None, 90.12, 2566),
        ("tool", "EIT", None, None, None, None, 88.0, 2566)]
    assert _scores("EIT ส่วนที่ ๑ ได้คะแนน ๘๕.๕ และ EIT ส่วนที่ ๒ ได้คะแนน ๘๑.๒") == [
        ("tool", "EIT", 1, None, None, None, 85.5, 2566), ("tool", "EIT", 2, None, None, None, 81.2, 2566)]


def test_recalled_years_keep_their_own_year() -> None:
    assert _scores("ผลการประเมิน ITA ย้อนหลัง ๓ ปี ได้แก่ ปีงบประมาณ พ.ศ. ๒๕๖๕ (๙๙.๑๕ คะแนน) "
                   "ปีงบประมาณ พ.ศ. ๒๕๖๔ (๙๕.๕๐ คะแนน)") == [
        ("overall", None, None, None, None, None, 99.15, 2565),
        ("overall", None, None, None, None, None, 95.5, 2564)]


def test_a_plan_year_after_the_assessment_is_not_a_score_year() -> None:
    scores = _scores("ผลการประเมินคุณธรรมและความโปร่งใส ประจำปี ๒๕๖๔ เพื่อปรับปรุงในปี ๒๕๖๕ "
                     "มีผลคะแนนเท่ากับ ๕๐.๐๒", year=2564)
    assert scores == [("overall", None, None, None, None, None, 50.02, 2564)]


@pytest.mark.parametrize("sentence", [
    "ตัวชี้วัดใดได้คะแนนน้อยกว่าร้อยละ ๘๕ จึงเห็นควรกำหนดแนวทาง",
    "มีตัวชี้วัดที่ได้คะแนนต่ำกว่าร้อยละ 85 จำนวน 3 ตัวชี้วัด",
    "รายงานผลการรับของขวัญ ของกำนัล ทุกๆ 6 เดือน",
    "ผ่านเกณฑ์การประเมินที่ร้อยละ 85 ขึ้นไป",
    "(1) ตัวชี้วัดที่ 3 การใช้อำนาจ",
    "ประมวลจริยธรรมพนักงานส่วนท้องถิ่น พ.ศ.๒๕๖๖ ได้ ๑๒ หน่วยงาน",
])
def test_numbers_that_are_not_scores(sentence: str) -> None:
    assert _scores(sentence) == []


def test_an_indicator_recalled_with_two_values_is_flagged() -> None:
    tables = extract("ตัวชี้วัดที่ ๒ การใช้งบประมาณ ได้คะแนน ๘๐.๑๐\n\n"
                     "สรุปว่าตัวชี้วัดที่ ๒ การใช้งบประมาณ ได้คะแนน ๘๑.๑๐\n\n"
                     "ตัวชี้วัดที่ ๓ การใช้อำนาจ ได้คะแนน ๙๐.๐๐ และตัวชี้วัดที่ ๓ การใช้อำนาจ ได้คะแนน ๙๐.๐๐\n")
    assert "conflicting_scores" in tables["documents"]["warnings"][0]
    assert sorted(tables["scores"]["score"]) == [80.1, 81.1, 90.0]


def test_scores_outside_0_to_100_are_flagged_not_written() -> None:
    tables = extract("ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่ ได้คะแนน ๑๕๐.๐๐\n\nตัวชี้วัดที่ ๒ การใช้งบประมาณ ได้คะแนน ๙๐\n")
    assert scores_of(tables, "indicator") == {2: 90.0}
    assert "score_out_of_range" in tables["documents"]["warnings"][0]


def test_grade_band_is_checked_against_the_stated_grade() -> None:
    tables = extract("ผลการประเมิน ITA ได้คะแนน ๘๐.๖๑ คะแนน อยู่ในระดับ AA\n")
    row = tables["documents"].iloc[0]
    assert (row["overall_score"], row["grade"], row["grade_stated"]) == (80.61, "B", "AA")
    assert "grade_mismatch" in row["warnings"]


def test_a_generic_cue_qualified_after_it_inside_a_sentence_is_not_the_overall() -> None:
    """Regression (a scan): `ตัวชี้วัดที่ได้คะแนนสูงสุด ได้แก่ การปฏิบัติหน้าที (98.21 คะแนน)`, the
    indicator's name unread by OCR, gave the overall 98.21: `สูงสุด` after `ได้คะแนน` was never seen
    where the cue did not open the text."""
    assert _scores("ตัวชี้วัดที่ได้คะแนนสูงสุด ได้แก่ การปฏิบัติหน้าที (98.21 คะแนน)") == []
    assert _scores("หน่วยงานได้คะแนนความพึงพอใจ 95.00") == []
    assert _scores("หน่วยงานได้คะแนน 90.00") == [("overall", None, None, None, None, None, 90.0, 2566)]


def test_another_organisations_score_is_not_the_documents() -> None:
    """Regression: neighbours compared in prose (`เทศบาลตำบลหนองไผ่ ได้คะแนน 91.35 คะแนน`) gave the
    document two more overall scores; they are left unread (another organisation's, not a
    results list's row), the document's own stays, however its name is printed."""
    rows = extract("เทศบาลตำบลหนองบัว ได้คะแนน 88.20 คะแนน อยู่ในระดับ A\n\n"
                   "เมื่อเปรียบเทียบกับองค์กรปกครองส่วนท้องถิ่นใกล้เคียง\n\n"
                   "เทศบาลตำบลหนองไผ่ ได้คะแนน 91.35 คะแนน\n\n"
                   "ผลการประเมินของ อบต.บ้านเลื่อม ได้ 79.10 คะแนน\n\n"
                   "เมื่อเทียบกับเทศบาลตำบลหนองไผ่แล้ว ทต.หนองบัว ได้คะแนนในปีที่ผ่านมา 85.00 คะแนน\n",
                   title="การวิเคราะห์ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2566\n"
                         "เทศบาลตำบลหนองบัว อำเภอเมืองอุดรธานี จังหวัดอุดรธานี\n\n")
    assert rows["scores"]["score"].tolist() == [88.2, 85.0]
    assert sorted(rows["unread"]["number"]) == ["79.10", "91.35"]


def test_the_documents_own_name_with_an_ocr_slip_keeps_its_score() -> None:
    """Regression (a scan): the title read `เทศบาลตำบลจวังนำเย็น`, the sentence `เทศบาลตำบลวังนำเย็น`;
    the overall was dropped as another organisation's."""
    rows = extract("ค่าคะแนน ITA ของเทศบาลตำบลวังนำเย็น ปีงบประมาณ พ.ศ. 2566 คือ 88.71 คะแนน\n",
                   title="การวิเคราะห์ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2566\n"
                         "เทศบาลตำบลจวังนำเย็น อำเภอวังน้ำเย็น จังหวัดสระแก้ว\n\n")
    assert rows["scores"]["score"].tolist() == [88.71]


_CHART = ("แผนภูมิแสดงคะแนนรายตัวชี้วัด\n"
          "การปฏิบัติหน้าที่ การใช้งบประมาณ การใช้อำนาจ การใช้ทรัพย์สินของราชการ การแก้ไขปัญหาการทุจริต\n"
          "96.80 90.21 94.50 89.64 85.35\n"
          "คุณภาพการดำเนินงาน ประสิทธิภาพการสื่อสาร การปรับปรุงระบบการทำงาน\n92.10 88.77 86.40\n"
          "การเปิดเผยข้อมูล การป้องกันการทุจริต\n95.00 87.50\n\nคะแนนรวม 90.62 ระดับ A\n")


@pytest.mark.parametrize("body", [_CHART, _CHART.replace("\n9", "\n\n9").replace("\nค", "\n\nค")],
                         ids=["lines-of-one-paragraph", "paragraphs-of-their-own"])
def test_a_charts_names_on_one_line_and_its_values_on_the_next(body: str) -> None:
    """Regression (a probe): a bar chart's text, its labels on one line and its values on the
    next, left every indicator unread."""
    rows = extract(body)
    assert scores_of(rows, "indicator") == {1: 96.8, 2: 90.21, 3: 94.5, 4: 89.64, 5: 85.35, 6: 92.1, 7: 88.77,
                                            8: 86.4, 9: 95.0, 10: 87.5}
    assert set(rows["scores"]["verification"]) == {"verified"}
    assert rows["unread"].empty


def test_names_and_their_values_joined_on_one_line_pair_in_order() -> None:
    """Regression: `IIT EIT OIT 91.45 88.32 96.50` (a PDF joined a chart's two lines) gave OIT
    91.45, the value after its name; the values go with the names in order."""
    rows = extract("IIT EIT OIT 91.45 91.05 96.50\n\nคุณภาพการดำเนินงาน ประสิทธิภาพการสื่อสาร "
                   "การปรับปรุงระบบการทำงาน 89.31 92.29 91.55\n")
    assert scores_of(rows, "tool") == {"IIT": 91.45, "EIT": 91.05, "OIT": 96.5}
    assert scores_of(rows, "indicator") == {6: 89.31, 7: 92.29, 8: 91.55}
    assert "conflict" not in set(rows["scores"]["verification"])


@pytest.mark.parametrize("body", [
    "การปฏิบัติหน้าที่ การใช้งบประมาณ การใช้อำนาจ\n96.80 90.21\n",  # fewer values than names
    "การปฏิบัติหน้าที่ และ การใช้งบประมาณ ได้คะแนนดังนี้\n96.80 90.21\n",  # other words beside the names
], ids=["counts-differ", "not-names-alone"])
def test_names_and_values_that_do_not_pair_one_to_one_stay_unread(body: str) -> None:
    rows = extract(body)
    assert rows["scores"].empty
    assert "96.80" in rows["unread"]["number"].tolist()


@pytest.mark.parametrize(("line", "code", "value"), [
    ("(i3) 95.00", "i3", 95.0), ("ข้อ 4 (i4) ได้ 95.40 คะแนน", "i4", 95.4), ("i1 = 96.10", "i1", 96.1),
    ("i2 : 94.30", "i2", 94.3),
])
def test_an_item_line_with_its_code_in_brackets_or_beside_a_sign(line: str, code: str, value: float) -> None:
    """Regression (a probe): a code alone in brackets opening its line was taken for a list of
    codes (`(i13 - i18)`), its value unread."""
    rows = extract(line + "\n")
    assert scores_of(rows, "item") == {code: value}


def test_a_bracketed_code_after_an_indicator_is_what_it_covers_not_the_subject() -> None:
    rows = extract("ตัวชี้วัดที่ ๓ การใช้อำนาจ (i๑๓) ได้คะแนน ๙๙.๔๕\n")
    assert scores_of(rows, "indicator") == {3: 99.45}
    assert "item" not in set(rows["scores"]["level"])


def test_every_year_named_by_words_reads_its_own_example() -> None:
    from ita_extract.pipeline.ita.knowledge import rows
    from ita_extract.pipeline.ita.scores import _years_in_words

    for row in rows("relative_years"):
        found = _years_in_words(squeeze_thai(row["example"]), 2566)
        assert str(2566 + int(row["offset"])) in [n.text for n in found], row["example"]



def test_a_score_cards_name_on_one_line_over_its_value() -> None:
    """Regression (a probe): an agency's score card (`IIT` / `คะแนน 91.45` / `ระดับ A`, and
    `คะแนนรวม` / `92.53`) left every score unread."""
    rows = extract("IIT\nคะแนน 91.45\nระดับ A\n\nEIT\nคะแนน 88.32\n\nOIT\nคะแนน 96.50\n\n"
                   "คะแนนรวม\n92.53\nระดับ A\n")
    assert scores_of(rows, "tool") == {"IIT": 91.45, "EIT": 88.32, "OIT": 96.5}
    assert scores_of(rows, "overall") == {2566: 92.53}
    assert set(rows["scores"]["verification"]) == {"verified"}
    assert rows["unread"].empty


def test_a_heading_over_a_sentence_with_its_own_subject_is_no_card() -> None:
    rows = extract("ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่\nคะแนนภาพรวม 91.45\n")
    assert "indicator" not in set(rows["scores"]["level"])


@pytest.mark.parametrize(("sentence", "expected"), [
    # Regression: the values of a list of subjects printed `respectively` went to the last subject
    # (OIT 93.10) or to the first alone; each subject now takes its value in order
    ("แบบวัด IIT EIT และ OIT ได้คะแนน 93.10 89.87 และ 100.00 ตามลำดับ",
     [("tool", "IIT", 93.1), ("tool", "EIT", 89.87), ("tool", "OIT", 100.0)]),
    ("ตัวชี้วัดที่ 6, 7 และ 8 ได้คะแนน 90.12, 91.00 และ 88.50 คะแนน ตามลำดับ",
     [("indicator", 6, 90.12), ("indicator", 7, 91.0), ("indicator", 8, 88.5)]),
    ("คะแนนตัวชี้วัดที่ 2 และตัวชี้วัดที่ 3 คือ 92.40 และ 97.10 ตามลำดับ",
     [("indicator", 2, 92.4), ("indicator", 3, 97.1)]),
    ("การใช้อำนาจ และการใช้ทรัพย์สินของราชการ ได้คะแนน 99.10 คะแนน และ 95.00 คะแนน",
     [("indicator", 3, 99.1), ("indicator", 4, 95.0)]),
    # one value said to be every subject's
    ("ตัวชี้วัดที่ 9 และ 10 ได้คะแนน 100 คะแนนเท่ากัน", [("indicator", 9, 100.0), ("indicator", 10, 100.0)]),
    # a range or a list with fewer values than subjects: whose value is which, the text does not say
    ("ตัวชี้วัดที่ 1-5 ได้คะแนนเฉลี่ย 93.10 คะแนน", []),
    ("IIT และ EIT ได้คะแนน 93.10", []),
    ("ตัวชี้วัดที่ 6, 7 และ 8 ได้คะแนน 90.12 และ 91.00", []),
    # OCR garbled และ (wae): still a list; a subject alone before three values or more is a
    # list's last, its first words garbled
    ("แบบวัด IIT EIT wae OIT ได้คะแนน 93.10 89.87 และ 100.00 ตามลำดับ",
     [("tool", "IIT", 93.1), ("tool", "EIT", 89.87), ("tool", "OIT", 100.0)]),
    ("แบบวัด IIT ฮฮฮ ฮฮฮ OIT ได้คะแนน 93.10 89.87 และ 100.00 ตามลำดับ", []),
    # a comparison table's row flattened by a text dump, its years' header lost: whose year each
    # value is the line does not say (the first was read as this year's)
    ("ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ 90.00 92.50 97.44", []),
    ("IIT 90.00 93.10", []),  # two values with only space between: the same (IIT took 90.00)
    ("IIT ได้ 93.10 และ 90.00 ในปีที่แล้ว", [("tool", "IIT", 93.1)]),
    ("คะแนน IIT/EIT/OIT เท่ากับ 93.10/89.87/100.00",
     [("tool", "IIT", 93.1), ("tool", "EIT", 89.87), ("tool", "OIT", 100.0)]),
    ("คะแนน IIT, EIT, OIT = 93.10, 89.87, 100.00",
     [("tool", "IIT", 93.1), ("tool", "EIT", 89.87), ("tool", "OIT", 100.0)]),
    # the value a score fell to
    ("คะแนน IIT ลดลงจาก 95.10 เหลือ 93.20", [("tool", "IIT", 93.2)]),
    # item codes and sub-indicators listed (i3 took the first value: 95.00)
    ("ข้อ i1, i2 และ i3 ได้คะแนน 95.00, 90.00 และ 85.00 ตามลำดับ",
     [("item", "i1", 95.0), ("item", "i2", 90.0), ("item", "i3", 85.0)]),
    ("ข้อ i1 i2 และ i3 ได้คะแนน 95.00, 90.00 และ 85.00 ตามลำดับ",
     [("item", "i1", 95.0), ("item", "i2", 90.0), ("item", "i3", 85.0)]),
    ("e1 และ e2 ได้คะแนน 95.00 และ 90.00", [("item", "e1", 95.0), ("item", "e2", 90.0)]),
    ("ข้อ i5 และข้อ i6 ได้คะแนน 80.00", []),
    ("ตัวชี้วัดย่อยที่ 9.1, 9.2 และ 9.3 ได้ 100 คะแนนเท่ากัน",
     [("sub_indicator", "9.1", 100.0), ("sub_indicator", "9.2", 100.0), ("sub_indicator", "9.3", 100.0)]),
    # codes in brackets or a range say what the subject before them covers
    ("ตัวชี้วัดที่ 1 (i1, i2, i3) ได้คะแนน 95.00", [("indicator", 1, 95.0)]),
    ("ตัวชี้วัดที่ 1 (i1 - i6) ได้คะแนน 95.00", [("indicator", 1, 95.0)]),
    ("แบบวัด IIT (i1 - i30) ได้คะแนน 93.21", [("tool", "IIT", 93.21)]),
    # a range of items outside brackets with one value: the items' mean, no one item's and not
    # the tool's before it (a probe gave e5 88.12, and EIT 88.12)
    ("EIT ข้อ e1 ถึง e5 ได้ 88.12 คะแนน", []),
    ("แบบวัด EIT ข้อ e1 - e5 เฉลี่ย 88.12 คะแนน", []),
    ("ข้อ i1 - i3 ได้คะแนน 95.00, 90.00 และ 85.00 ตามลำดับ",
     [("item", "i1", 95.0), ("item", "i2", 90.0), ("item", "i3", 85.0)]),
    ("ข้อ o1 ถึง o3 ได้ 100 คะแนนเท่ากัน", [("item", "o1", 100.0), ("item", "o2", 100.0), ("item", "o3", 100.0)]),
    # not a list: each subject followed by its own value
    ("ตัวชี้วัดที่ 6 ได้ 90.12 และตัวชี้วัดที่ 7 ได้ 91.00",
     [("indicator", 6, 90.12), ("indicator", 7, 91.0)]),
])
def test_values_of_a_list_of_subjects_go_respectively(sentence: str, expected: list[tuple]) -> None:
    named = {"tool": lambda row: row[1], "indicator": lambda row: row[3], "sub_indicator": lambda row: row[4],
             "item": lambda row: row[5]}
    found = [(row[0], named[row[0]](row), row[6]) for row in _scores(sentence)]
    assert found == expected


def test_the_values_of_a_list_nobody_takes_are_unread() -> None:
    tables = extract("ตัวชี้วัดที่ 1-5 ได้คะแนนเฉลี่ย 93.10 คะแนน\n")
    assert tables["scores"].empty
    assert tables["unread"]["number"].tolist() == ["93.10"]


@pytest.mark.parametrize(("sentence", "expected"), [
    # Regression: a list of years then a list of values gave the first value the last year
    # (the overall of 2565 read as 2567's)
    ("ผลการประเมินปี 2565, 2566 และ 2567 ได้คะแนน 85.12, 88.40 และ 92.48 ตามลำดับ",
     [("overall", None, 85.12, 2565), ("overall", None, 88.4, 2566), ("overall", None, 92.48, 2567)]),
    ("คะแนน ITA ปี 2566 และ 2567 คือ 88.40 และ 92.48",
     [("overall", None, 88.4, 2566), ("overall", None, 92.48, 2567)]),
    ("ตัวชี้วัดที่ 1 ปี 2566 และ 2567 ได้ 90.00 และ 95.00 ตามลำดับ",
     [("indicator", 1, 90.0, 2566), ("indicator", 1, 95.0, 2567)]),
    ("ผลคะแนนปีงบประมาณ 2566-2567 เท่ากับ 88.40 และ 92.48",
     [("overall", None, 88.4, 2566), ("overall", None, 92.48, 2567)]),
    # two years, one value: whose year it is the sentence does not say
    ("ผลการประเมินปี 2566 และ 2567 ได้คะแนน 92.48", []),
    # each year with its own value, as before
    ("ผลการประเมิน ITA ปี 2565 85.12 ปี 2566 89.40",
     [("overall", None, 85.12, 2565), ("overall", None, 89.4, 2566)]),
])
def test_values_of_a_list_of_years_go_respectively(sentence: str, expected: list[tuple]) -> None:
    found = [(level, indicator, score, year)
             for level, _, _, indicator, _, _, score, year in _scores(sentence, 2567)]
    assert found == expected


@pytest.mark.parametrize("sentence", [
    "ผู้ตอบแบบวัด EIT มีความพึงพอใจร้อยละ 90.12",
    "ผู้ตอบแบบวัด IIT เห็นด้วยร้อยละ 88.40",
    "ผู้รับบริการ EIT พึงพอใจมากที่สุดคิดเป็นร้อยละ 45.10",
])
def test_a_share_of_respondents_satisfied_is_no_tools_score(sentence: str) -> None:
    """Regression: the share of a tool's respondents satisfied was read as the tool's score."""
    assert _scores(sentence) == []


@pytest.mark.parametrize(("sentence", "expected"), [
    # the overall in phrasings whose value was unread
    ("คะแนนที่ได้ 92.48 อยู่ในระดับผ่าน", [92.48]),
    ("มีผลการประเมินอยู่ที่ 92.48", [92.48]),
    ("คะแนนผลการประเมิน (ITA) 92.48 คะแนน ระดับผลการประเมิน A", [92.48]),
    # a satisfaction survey's result is not the assessment's
    ("ความพึงพอใจ มีผลการประเมินอยู่ที่ 85.00", []),
    ("ผลการสำรวจความพึงพอใจ ได้คะแนน 85.00", []),
])
def test_more_phrasings_of_the_overall(sentence: str, expected: list[float]) -> None:
    assert [row[6] for row in _scores(sentence) if row[0] == "overall"] == expected


@pytest.mark.parametrize("sentence", [
    "IIT ได้คะแนน 4.52 จาก 5 คะแนน",
    "ตัวชี้วัดที่ 1 ได้ 4.52 คะแนน (เต็ม 5 คะแนน)",
    "ตัวชี้วัดที่ 1 มีค่าเฉลี่ย 4.52 คะแนน",
    "ข้อ i1 ได้คะแนนเฉลี่ย 4.52 จากคะแนนเต็ม 5",
])
def test_a_mean_on_a_rating_scale_is_no_score(sentence: str) -> None:
    """Regression: a mean out of 5 (`4.52 จาก 5 คะแนน`) was read as a 0–100 score."""
    assert _scores(sentence) == []


def test_a_score_out_of_100_is_still_read() -> None:
    assert [row[6] for row in _scores("หน่วยงานได้ 95.75 จากคะแนนเต็ม 100")] == [95.75]


@pytest.mark.parametrize("sentence", [
    # Regression: the second part named alone after the first (`… ส่วนที่ 2 ความพึงพอใจ … 89.64`) was
    # the overall (89.64); the first part's value before the second's subject was unread
    "EIT ส่วนที่ 1 การรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก ได้คะแนน 91.20 ส่วนที่ 2 ความพึงพอใจของผู้รับบริการ "
    "ได้คะแนน 89.64",
    "EIT (ส่วนที่ 1) 91.20 EIT (ส่วนที่ 2) 89.64",
    "EIT ส่วนที่ 1 ได้ 91.20 และส่วนที่ 2 ได้ 89.64",
])
def test_the_two_parts_of_eit_in_one_sentence(sentence: str) -> None:
    assert [(row[0], row[1], row[2], row[6]) for row in _scores(sentence)] == [
        ("tool", "EIT", 1, 91.2), ("tool", "EIT", 2, 89.64)]


WEIGHTED_PROSE = ("แบบวัด IIT ได้ 93.21 คะแนน คิดเป็นคะแนนถ่วงน้ำหนัก 27.96 คะแนน\n\n"
                  "แบบวัด EIT ได้ 80.22 คะแนน คิดเป็นคะแนนถ่วงน้ำหนัก 24.07 คะแนน\n\n"
                  "แบบวัด OIT ได้ 97.50 คะแนน คิดเป็นคะแนนถ่วงน้ำหนัก 39.00 คะแนน\n\n"
                  "รวมคะแนน ITA 91.03 คะแนน\n\n")


# the points' word after the value (a probe gave IIT 28.32, the points, beside its 94.40)
_POINTS_AFTER = WEIGHTED_PROSE.replace("คิดเป็นคะแนนถ่วงน้ำหนัก 27.96 คะแนน", "คิดเป็น 27.96 คะแนนถ่วงน้ำหนัก")


@pytest.mark.parametrize("prose", [WEIGHTED_PROSE, _POINTS_AFTER])
def test_a_tools_weighted_points_in_prose_are_checked_and_never_written(prose: str) -> None:
    """Regression (a probe): `คะแนน IIT คิดเป็น 27.96 คะแนน จากน้ำหนัก 30` gave IIT 27.96. A
    tool's points (its score × its weight) feed the points_sum rule; no scores row holds them."""
    tables = extract(prose)
    assert scores_of(tables, "tool") == {"IIT": 93.21, "EIT": 80.22, "OIT": 97.5}
    assert scores_of(tables, "overall") == {2566: 91.03}
    assert set(tables["scores"]["verification"]) == {"verified"}
    assert tables["unread"].empty


def test_points_printed_alone_verify_the_overall_score() -> None:
    body = "คะแนน IIT 27.96/30 EIT 24.07/30 OIT 39.00/40\n\nรวมคะแนน ITA 91.03 คะแนน\n\n"
    tables = extract(body)
    assert list(tables["scores"]["level"]) == ["overall"]
    assert tables["scores"].iloc[0]["verification"] == "verified"
    assert tables["unread"].empty


@pytest.mark.parametrize("sentence", ["ข้อคำถาม EIT 1 ได้คะแนน 88.00 คะแนน", "ข้อคำถาม IIT5 ได้คะแนน 93.50 คะแนน",
                                      "แบบวัด EIT ข้อที่ 4 ได้คะแนน 79.50 คะแนน"])
def test_a_tools_question_by_its_number_leaves_nothing_unread(sentence: str) -> None:
    tables = extract(sentence + "\n")
    assert list(tables["scores"]["level"]) == ["item"]
    assert tables["unread"].empty
