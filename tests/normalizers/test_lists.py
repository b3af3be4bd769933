"""Numbered points, bullets and units inside one cell."""

import pytest

from ita_extract.normalizers.lists import split_points, split_units, squeeze_thai

HEADS = ["ทุก", "กอง", "สำนัก", "ฝ่าย", "งาน", "นิติกร", "นิติการ", "ผู้บริหาร", "เจ้าหน้าที่", "ประชาสัมพันธ์"]
FILLERS = ["เป็นผู้รับผิดชอบ", "ผู้รับผิดชอบ", "โดย"]


@pytest.mark.parametrize(("printed", "points"), [
    ("๑. จัดทำข้อตกลง ๒. จัดทำประกาศ", ["จัดทำข้อตกลง", "จัดทำประกาศ"]),
    ("1.ติดตาม 2.เจ้าหน้าที่พัฒนา 3. ปรับปรุง", ["ติดตาม", "เจ้าหน้าที่พัฒนา", "ปรับปรุง"]),
    ("1) จัดทำประกาศ 2) เผยแพร่", ["จัดทำประกาศ", "เผยแพร่"]),
    ("(1) ก (2) ข", ["ก", "ข"]),
    ("1. จัดทำประมวล 2. เผยแพร่ -รณรงค์ปลูกจิตสำนึก", ["จัดทำประมวล", "เผยแพร่", "รณรงค์ปลูกจิตสำนึก"]),
    ("-จัดทำประกาศ No Gift Policy -เผยแพร่", ["จัดทำประกาศ No Gift Policy", "เผยแพร่"]),
    ("• ประกาศนโยบาย • รณรงค์", ["ประกาศนโยบาย", "รณรงค์"]),
    ("- รายงานความก้าวหน้า ณ สิ้นปี", ["รายงานความก้าวหน้า ณ สิ้นปี"]),
    # Numbers that do not continue the count never split a point.
    ("ทุก 6 เดือน คะแนน 97.44 พ.ศ. 2566 E - Service", ["ทุก 6 เดือน คะแนน 97.44 พ.ศ. 2566 E - Service"]),
    ("1. ลดขั้นตอน 3. ไม่ใช่ข้อถัดไป", ["ลดขั้นตอน 3. ไม่ใช่ข้อถัดไป"]),
])
def test_split_points(printed: str, points: list[str]) -> None:
    assert split_points(printed) == points


def test_unnumbered_lines_continue_the_point_before_them() -> None:
    assert split_points(["มีเว็บไซต์ โดย", "๑. ส่งหนังสือ", "๒. ปรับปรุงคู่มือ", "หรือมาตรฐาน"]) == [
        "มีเว็บไซต์ โดย", "ส่งหนังสือ", "ปรับปรุงคู่มือ หรือมาตรฐาน"]


@pytest.mark.parametrize(("printed", "units"), [
    ("ทุกกอง โดยสำนักปลัดเทศบาลเป็นผู้รับผิดชอบ", ["ทุกกอง", "สำนักปลัดเทศบาล"]),
    ("ทุกกอง โดยสำนัก ปลัดเทศบาลเป็น ผู้รับผิดชอบ", ["ทุกกอง", "สำนักปลัดเทศบาล"]),
    ("ทุกกอง กองคลัง เป็นผู้รับผิดชอบ", ["ทุกกอง", "กองคลัง"]),
    ("ประชาสัมพันธ์ ทุกส่วน ราชการ", ["ประชาสัมพันธ์", "ทุกส่วนราชการ"]),
    ("ผู้บริหาร นิติการ ทุกส่วนราชการ", ["ผู้บริหาร", "นิติการ", "ทุกส่วนราชการ"]),
    ("ทุกส่วนราชการ\nเจ้าหน้าที่ประชาสัมพันธ์", ["ทุกส่วนราชการ", "เจ้าหน้าที่ประชาสัมพันธ์"]),
    ("สำนักปลัด, กองคลัง และกองช่าง", ["สำนักปลัด", "กองคลัง", "กองช่าง"]),
    ("ฝ่ายอำนวยการ", ["ฝ่ายอำนวยการ"]),
])
def test_split_units(printed: str, units: list[str]) -> None:
    assert split_units(printed, HEADS, FILLERS) == units


WHOLES = ["ทุกส่วนราชการ", "ทุกกอง"]


@pytest.mark.parametrize(("printed", "units"), [
    # 002_21007bcb3eecaeca.pdf: two one-line paragraphs of a cell, glued by the PDF's text layer
    ("ทุกส่วนราชการเจ้าหน้าที่ประชาสัมพันธ์", ["ทุกส่วนราชการ", "เจ้าหน้าที่ประชาสัมพันธ์"]),
    ("เจ้าหน้าที่ประชาสัมพันธ์ทุกส่วนราชการ", ["เจ้าหน้าที่ประชาสัมพันธ์", "ทุกส่วนราชการ"]),
    ("ทุกกองสำนักปลัด", ["ทุกกอง", "สำนักปลัด"]),
    ("สำนักปลัดเทศบาล", ["สำนักปลัดเทศบาล"]),  # a head inside one unit's name is no seam
])
def test_glued_units_are_split_only_at_a_whole_unit(printed: str, units: list[str]) -> None:
    assert split_units(printed, HEADS, FILLERS, WHOLES) == units


def test_squeeze_thai_keeps_spaces_around_latin_and_digits() -> None:
    assert squeeze_thai("ร า ช ก า ร ระบบ E - Service ปี 2566") == "ราชการระบบ E - Service ปี 2566"
