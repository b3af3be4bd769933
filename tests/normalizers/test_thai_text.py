"""Thai repair on strings taken from the dev corpus and the real PDFs' text layers."""

import pytest

from ita_extract.normalizers.thai_text import count_damaged, display_width, repair_thai, thai_word_ratio


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        # lost nikhahit: SARA AM printed as a space before SARA AA (003, real/ memos)
        ("ทุกกอง โดยส านัก ปลัดเทศบาลเป็น ผู้รับผิดชอบ", "ทุกกอง โดยสำนัก ปลัดเทศบาลเป็น ผู้รับผิดชอบ"),
        ("ส านักงาน", "สำนักงาน"),
        ("อ าเภอ", "อำเภอ"),
        ("ค าน า", "คำนำ"),
        ("ด าเนินการ", "ดำเนินการ"),
        ("น้ า", "น้ำ"),
        # SARA AM followed by a stray SARA AA (pdfminer)
        ("ตำาบล", "ตำบล"),
        ("กำาหนด", "กำหนด"),
        # SARA AM decomposed into NIKHAHIT + SARA AA, with and without a tone mark between
        ("ก\u0e4d\u0e32หนด", "กำหนด"),
        ("น\u0e4d\u0e49\u0e32", "น้ำ"),
        # tone mark typed before its vowel
        ("ท\u0e48\u0e35", "ที่"),
        ("เพ\u0e48\u0e37\u0e2d", "เพื่อ"),
        # two tone marks in a row (002: "แก้้อย่างสม่ำเสมอ")
        ("แก้้อย่างสม่ำเสมอ", "แก้อย่างสม่ำเสมอ"),
        # spaces inside words (003)
        ("ร า ช ก า ร", "ราชการ"),
        ("สำห รั บ เจ้าหน้าที่", "สำหรับ เจ้าหน้าที่"),
        ("ติด ตั้งไว้", "ติดตั้งไว้"),
        ("ข้อค้น พบ", "ข้อค้นพบ"),
        # a mark orphaned after a space
        ("ก ั บ", "กับ"),
        # a space before a decimal point (pdfium on a Word PDF's kerning): 94 .12 is 94.12
        ("ได้คะแนน ๙๔ .๑๒ คะแนน", "ได้คะแนน ๙๔.๑๒ คะแนน"),
        ("คะแนนรวม 87 .60 คะแนน", "คะแนนรวม 87.60 คะแนน"),
    ],
)
def test_repairs_known_damage(damaged: str, repaired: str) -> None:
    assert repair_thai(damaged) == repaired
    assert count_damaged(repaired) == 0


@pytest.mark.parametrize(
    "clean",
    [
        "เทศบาลตำบลหนองเสม็ด อำเภอเมืองตราด จังหวัดตราด",
        "ผู้บริหาร ความแสดงเจตจำนง หรือคำมั่นสัญญาว่า จะปฏิบัติงานด้วยความซื่อสัตย์ สุจริต",
        "ทุกกอง /สำนัก",
        "ช่องทางอื่น ๆ ตามความเหมาะสม",
        "ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ คะแนน 97.44",
        "No Gift Policy",
        "มาตรการที่ 3 . การป้องกันการทุจริต",
        "ไฟล์ .pdf จำนวน 2 ไฟล์",
    ],
)
def test_real_word_group_spaces_stay(clean: str) -> None:
    assert repair_thai(clean) == clean


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("ส านัก", 1),
        ("ตำาบล", 1),
        ("ท\u0e48\u0e35", 1),
        ("ก\u0e4d\u0e32", 1),
        ("แก้้", 1),
        ("\u0e34abc", 1),
        ("x \u0e31", 1),
        ("\uf70a", 1),
        ("สำนักงาน ที่ทำการ", 0),
    ],
)
def test_count_damaged_follows_the_contract(text: str, count: int) -> None:
    assert count_damaged(text) == count


def test_word_ratio_rises_with_repair() -> None:
    damaged = "มีผู้ รับบริการหรือผู้มา ตี ต่ อ ร า ช ก า ร กั บหน่วยงาน"
    repaired, as_printed = thai_word_ratio(repair_thai(damaged)), thai_word_ratio(damaged)
    assert repaired is not None and as_printed is not None and repaired > as_printed
    assert thai_word_ratio("hello 123") is None


def test_without_marks_keeps_what_ocr_keeps_of_a_word() -> None:
    from ita_extract.normalizers.thai_text import without_marks

    assert without_marks("ข้อคำถาม") == without_marks("ขอคาถาม") == "ขอคาถาม"
    assert without_marks("ดําเนิน") == without_marks("ดำเนิน")  # SARA AM split or whole


def test_a_pattern_without_marks_matches_the_text_without_marks() -> None:
    import regex

    from ita_extract.normalizers.thai_text import pattern_without_marks, without_marks

    seq = regex.compile(pattern_without_marks(r"^(?:ลำดับ|ที่?|ลำดับที่?)$"))
    assert seq.search(without_marks("ที"))  # ที่ with its MAI EK lost
    assert not seq.search("")  # the mark's quantifier goes with it: ที่? does not become ท?
    assert regex.search(pattern_without_marks(r"^(?:ข้อ|รหัส)$"), "ขอ")


def test_text_without_marks_keeps_where_each_character_came_from() -> None:
    from ita_extract.normalizers.thai_text import without_marks, without_marks_mapped

    text = "ภาพรวมปิทิีแล้ว 88.20"
    bare, origin = without_marks_mapped(text)
    assert bare == without_marks(text) == "ภาพรวมปทแลว 88.20"
    assert [text[k] for k in origin] == [c for c in text if c not in "\u0e34\u0e35\u0e49"]


def test_display_width_counts_no_position_for_marks_above_and_below() -> None:
    assert display_width("ทต.บ้านโพธิ์") == 9  # ้ ิ ์ take none
    assert display_width("การปฏิบัติหน้าที่") == 11  # 17 characters, 6 of them marks
    assert display_width("96.55") == 5
    assert display_width("ก\u200bข") == 2  # a zero-width space neither
