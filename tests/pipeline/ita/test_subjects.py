"""What a sentence or a table label is about, and item codes decided by their context."""

import pytest

from ita_extract.pipeline.ita.framework import item_indicator
from ita_extract.pipeline.ita.subjects import issue_area, label_subject, question_codes


@pytest.mark.parametrize(("label", "tool", "expected"), [
    ("ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่", None, ("indicator", 1, None, None)),
    ("การแก้ปัญหาการทุจริต", None, ("indicator", 5, None, None)),
    ("การปรับปรุงการทำงาน", None, ("indicator", 8, None, None)),
    ("การเปิดเผยข้อมูล", None, ("indicator", 9, None, None)),
    ("การเปิดเผยข้อมูลสาธารณะ (OIT)", None, ("tool", None, None, None)),
    ("ตัวชี้วัดย่อยที่ ๑๐.๒ มาตรการภายในเพื่อป้องกันการทุจริต", None, ("sub_indicator", 10, "10.2", None)),
    ("i๑ เจ้าหน้าที่ปฏิบัติงาน", None, ("item", None, None, "i1")),
    ("๓๗ ท่านทราบข้อมูลงบประมาณ", "IIT", ("item", None, None, "i7")),
    ("๐๑๐ นโยบายคุ้มครองข้อมูลส่วนบุคคล", None, ("item", None, None, "o10")),
    # A lone number before an indicator's name is a rank, not an item code.
    ("1 การปฏิบัติหน้าที่", "IIT", ("indicator", 1, None, None)),
    ("คะแนนรวม", None, ("overall", None, None, None)),
    ("ค่าเฉลี่ยของหน่วยงานทั้งหมด", None, None),
])
def test_label_subject(label: str, tool, expected) -> None:
    subject = label_subject(label, tool)
    got = None if subject is None else (subject.level, subject.indicator, subject.sub_indicator,
                                        subject.item_code)
    assert got == expected


def test_lost_letters_are_decided_by_question_wording_then_neighbours() -> None:
    cell = ("๓๗ ท่าน ทราบ ข้อมูล เกี่ยว กับ งบประมาณของหน่วยงานหรือของ ส่วนงานที่ท่านปฏิบัติหน้าที่ มากน้อย เพียงใด "
            "๓๘ ท่าน เคย เข้า ไป มี ส่วน ร่วม ใน กระบวนการงบประมาณ มากน้อย เพียงใด")
    assert question_codes(cell, None) == (["i7", "i8"], [])
    assert question_codes("e๖ หน่วยงานมีช่องทาง ๗ หน่วยงานเผยแพร่ข้อมูล", None) == (["e6", "e7"], [])


def test_an_undecidable_code_is_left_out_with_a_warning() -> None:
    assert question_codes("๑๒ การดำเนินงานในภาพรวม", None) == ([], ["item_code_letter_undecided"])
    assert question_codes("๑๒ การดำเนินงานในภาพรวม", "IIT") == (["i2"], [])


def test_issue_area_by_wording_with_damaged_spacing() -> None:
    assert issue_area("(๕) กระบวนการ สร้างความโปร่งใส ในการ ใช้ งบประมาณและ การจัดซื้อจัดจ้าง") == 5
    assert issue_area("๒. การให้บริการและระบบ E - Service") == 2
    assert issue_area("มาตรการการเผยแพร่ข้อมูลข่าวสาร") is None


def test_item_map_is_used_only_for_the_years_it_covers() -> None:
    assert item_indicator(2564, "i19") == (4, None)
    assert item_indicator(2566, "i19") == (None, None)


@pytest.mark.parametrize(("cell", "tool", "codes"), [
    ("O๑๐ ข้อมูลเชิงสถิติการให้บริการ", None, ["o10"]),
    ("o ๓๖ แผนปฏิบัติการป้องกันการทุจริต\no ๓๗ รายงานการกำกับติดตาม", None, ["o36", "o37"]),
    ("E ๑๒ หน่วยงานมีการปรับปรุงคุณภาพการปฏิบัติงาน", None, ["e12"]),
    ("๐๑๐ ข้อมูลเชิงสถิติ", None, ["o10"]),
    ("e๔ e๕ e๖ เจ้าหน้าที่ให้บริการแก่ท่าน", None, ["e4", "e5", "e6"]),
    ("I๒๗, I๒๘ ท่านรู้แนวปฏิบัติ", None, ["i27", "i28"]),
    ("๓๗ ๓๘ บุคลากรในหน่วยงานของท่าน", None, ["i7", "i8"]),  # a ๓ for the i, decided by the IIT wording
    ("1 ๒ บุคลากรในหน่วยงานของท่านปฏิบัติงาน", None, ["i2"]),
    ("๑. หน่วยงานของท่านมีการเปิดเผยข้อมูล", None, []),
])
def test_item_codes_of_a_measures_cell_in_the_forms_documents_print(cell: str, tool, codes) -> None:
    assert question_codes(cell, tool)[0] == codes


def test_a_question_whose_marks_ocr_lost_still_names_its_tool() -> None:
    """Regression: 003's scan reads ส่วนงานที่ท่าน as ส่วนงานทีท่าน; its code ๓๗ (i7) stayed undecided."""
    from ita_extract.pipeline.ita.subjects import question_tool

    assert question_tool("ท่าน ทราบข้อมูล เกียว กับงบประมาณของหน่วยงานหรือของ ส่วนงานทีท่านปฏิบัติหน้าที") == "IIT"
    assert question_tool("ท่านทราบข้อมูลเกี่ยวกับงบประมาณของส่วนงานที่ท่านปฏิบัติหน้าที่") == "IIT"
    assert question_tool("การเดินทางมาติดต่อ") is None


@pytest.mark.parametrize(
    ("label", "indicator"),
    [
        ("8. การปรับปรุงระบบการท้างาน", 8),  # OCR: ทำ read as ท้า (a tone mark for the nikhahit)
        ("การปฏิบติหน้าที", 1),  # marks lost
        ("ประสิทธิภาพการสือสาร", 7),
        ("การใช้ทรัพย์สินของราซการ", None),  # a letter misread is no mark: left unread
        # numbered as the indicator it nearly names: the number is a second witness (a probe's
        # scan left both rows of a comparison table unread)
        ("1. การปฏิบัติม มหน้าที่", 1), ("4. การใช้ ev   Ca ทรัพย์สินของราชการ", 4),
        ("4. การใช้ทรัพย์สินของราซการ", 4), ("๔. การใช้ทรัพย์สินของราซการ", 4),
        ("3. การจัดซื้อจัดจ้าง", None), ("1. การปฏิบัติงานตามแผน", None),
        ("6. การใช้ทรัพย์สินของราซการ", None),  # the number names another indicator
    ],
)
def test_an_indicator_named_in_a_label_whose_marks_ocr_changed(label: str, indicator: int | None) -> None:
    found = label_subject(label)
    assert (found.indicator if found else None) == indicator
