import pytest

from ita_extract.normalizers.ocr_text import (
    fix_ocr_confusions,
    is_ocr_noise,
    misreadings_undone,
    without_stray_latin,
)


def test_list_number_three_read_as_on_is_put_right() -> None:
    # 000_872eaddf2db1f446.scan.pdf, page 4: the third point of a cell.
    assert fix_ocr_confusions("on. กลุ่มองค์กรชุมชน มีส่วนร่วม") == "๓. กลุ่มองค์กรชุมชน มีส่วนร่วม"
    assert fix_ocr_confusions("carried on. The next") == "carried on. The next"


def test_budget_year_word_with_a_wrong_vowel_is_put_right() -> None:
    assert fix_ocr_confusions("ปิงบประมาณ 2566") == "ปีงบประมาณ 2566"
    assert fix_ocr_confusions("ประจําปงบประมาณ") == "ประจําปีงบประมาณ"
    assert fix_ocr_confusions("ตารางแสดงผล (017) ประจำปี") == "ตารางแสดงผล (OIT) ประจำปี"
    # 003_803e91d9ccdb16cf.scan.pdf: the header of the analysis-area column
    assert fix_ocr_confusions("ประเดิน") == "ประเด็น" and fix_ocr_confusions("การเดินทาง") == "การเดินทาง"


def test_lines_of_stray_glyphs_are_noise_and_words_are_not() -> None:
    assert is_ocr_noise("๐   za        a   1    a                             1                1  ๐ «๕ส")
    assert not is_ocr_noise("1. จัดทำคู่มือการใช้ทรัพย์สินของทางราชการ")
    assert not is_ocr_noise("95.75 92.87 100.00 89.31")
    assert is_ocr_noise("a               4 4")  # the marks over คำ and น้ำ read on a line of their own
    assert not is_ocr_noise("IIT 94.78 AA")
    assert not is_ocr_noise("ทุกกอง / สำนัก")
    # regression: the row ตัวชี้วัดที่ ๒ การใช้งบประมาณ of a scanned item table was lost whole
    assert not is_ocr_noise("My aN ๒ การใช้งบ")


def test_misreadings_undone_swap_one_known_digit_at_a_time() -> None:
    # ๖ read as ๒ or ๐, ๔ or ๘ read as ๕ (normalizers/data/ocr_digit_confusions.csv)
    assert set(misreadings_undone("22.52")) >= {"62.52", "26.52", "22.56", "22.42", "22.82"}
    assert "66.56" not in misreadings_undone("22.52")  # never two digits of one value
    assert set(misreadings_undone("55")) == {"45", "85", "75", "95", "54", "58", "57", "59"}
    assert misreadings_undone("1.7") == []  # no digit Tesseract is known to misread


@pytest.mark.parametrize(("text", "kept"), [
    ("ai น้อยทีสุด", "น้อยทีสุด"),  # regression: a scanned header's noise lost its column's role
    ("คะแนน we", "คะแนน"),
    ("i 2566", "2566"),  # regression: a scanned year column's ปี read as `i`
    ("e 12 ข้อ", "e 12 ข้อ"),  # not a year: a spaced code stays
    ("ตัวชี้วัดที่ ๑ การปฏิบัติ we หน้าที่", "ตัวชี้วัดที่ ๑ การปฏิบัติ หน้าที่"),
    ("ITA 2566", "ITA 2566"),  # capitals are words
    ("e1 การปฏิบัติ", "e1 การปฏิบัติ"),  # a code
    ("No Gift Policy", "No Gift Policy"),
    ("การเผยแพร่ทาง Line", "การเผยแพร่ทาง Line"),
    ("ช่องทาง www", "ช่องทาง www"),
    ("ay v คะแนนทีได้", "คะแนนทีได้"),  # regression: two stray words lost a scanned header's role
    ("คะแนน ay v", "คะแนน"),
    ("a 54 เพมขน/ลดลง", "a 54 เพมขน/ลดลง"),  # a number between: not only letters
])
def test_stray_latin_letters_between_thai_words_are_left_out(text: str, kept: str) -> None:
    assert without_stray_latin(text) == kept


@pytest.mark.parametrize(("read", "meant"), [
    # regression: a scanned table's headings over their scores, every mark above the line lost
    ("ตวชวดท 7", "ตัวชี้วัดที่ 7"), ("ตวชวด", "ตัวชี้วัด"), ("ตัวชี้วัดท ๘", "ตัวชี้วัดที่ ๘"),
    # regression: indicator names of a scanned comparison table, each row left unread
    ("2. การไซช้งบประมาณ", "2. การใช้งบประมาณ"), ("3. การไข้อำนาจ", "3. การใช้อำนาจ"),
    ("4. การไซข้ทรัพย์สินของราชการ", "4. การใช้ทรัพย์สินของราชการ"), ("3. การไข้อํานาจ", "3. การใช้อํานาจ"),
    ("4. การไซข้", "4. การใช้"),  # a cell's line that ends before ทรัพย์สิน…
    ("1. การปฏิบัติหน้าที", "1. การปฏิบัติหน้าที่"), ("7. ประสิทธิภาพการสือสาร", "7. ประสิทธิภาพการสื่อสาร"),
    ("สือสาร", "สื่อสาร"),  # a cell's second line (ประสิทธิภาพการ / สือสาร): regression, its value unread
    # the words as printed stay
    ("การใช้งบประมาณ", "การใช้งบประมาณ"), ("หน้าที่", "หน้าที่"), ("เป็นไข้หวัด", "เป็นไข้หวัด"),
    ("หนังสือสั่งการ", "หนังสือสั่งการ"), ("ระบบหนังสือสารบรรณ", "ระบบหนังสือสารบรรณ"),
])
def test_indicator_words_ocr_misreads_are_put_right(read: str, meant: str) -> None:
    assert fix_ocr_confusions(read) == meant


@pytest.mark.parametrize(("read", "meant"), [
    # regressions (probes' scans): a code column's i1 read `il`, e4 read `อ4`; each row was lost
    ("il", "i1"), ("el", "e1"), ("i|", "i1"), ("iI", "i1"), ("อ4", "e4"), ("อ12 ให้บริการ", "e12 ให้บริการ"),
    # as printed they stay
    ("i1", "i1"), ("email", "email"), ("ข้อ4", "ข้อ4"), ("อ.4", "อ.4"), ("il5", "il5"), ("อ1234", "อ1234"),
    ("ilk", "ilk"),
])
def test_item_codes_ocr_misreads_are_put_right(read: str, meant: str) -> None:
    assert fix_ocr_confusions(read) == meant
