"""Garbled item codes → canonical codes; item_code_raw keeps the printed form."""

import pytest

from ita_extract.normalizers.codes import find_item_codes, normalize_item_code, opens_range, opens_with_code

# The highest item number of each letter (the framework's ranges; passed in, as the ITA room does).
HIGHEST = {"i": 30, "e": 15, "o": 43}

CASES = [
    # (printed, the context's letter, canonical)
    ("i1", None, "i1"),
    ("i๑", None, "i1"),
    ("I1", None, "i1"),
    ("i๒", None, "i2"),
    ("i๑๙", None, "i19"),
    ("i๒๑", None, "i21"),
    ("i๑๔", None, "i14"),
    ("i๒๗", None, "i27"),
    ("i 30", None, "i30"),
    ("I๑๒", "i", "i12"),
    ("l5", "i", "i5"),
    ("|7", "i", "i7"),
    ("1๒", "i", "i2"),
    ("๑๒", "i", "i2"),
    ("๓๗", "i", "i7"),
    ("๓๘", "i", "i8"),
    ("e1", None, "e1"),
    ("e๑", None, "e1"),
    ("e๒", None, "e2"),
    ("E๗", None, "e7"),
    ("E7", None, "e7"),
    ("e ๑๒", None, "e12"),
    ("e๑๑", None, "e11"),
    ("e๖", None, "e6"),
    ("e๘", None, "e8"),
    ("E 15", None, "e15"),
    ("e๙", "e", "e9"),
    ("๙", "e", "e9"),
    ("14", "e", "e14"),
    ("o1", None, "o1"),
    ("o10", None, "o10"),
    ("O10", None, "o10"),
    ("O๓๖", None, "o36"),
    ("o๔๓", None, "o43"),
    ("๐๑๐", None, "o10"),
    ("๐๑", None, "o1"),
    ("0 5", None, "o5"),
    ("05", None, "o5"),
    ("0๔๒", "o", "o42"),
    ("๒๘", "o", "o28"),
    ("7", "o", "o7"),
    ("i๓", "i", "i3"),
    # a printed letter wins over the block's tool: area tables mix i and e codes
    ("e5", "i", "e5"),
    # a hyphen or a dot between the letter and the number (regression: a probe's `i-1`, `i.2`
    # left their rows unread)
    ("i-1", None, "i1"),
    ("i.2", None, "i2"),
    ("E-๗", None, "e7"),
    ("o.10", None, "o10"),
]


@pytest.mark.parametrize(("raw", "letter", "code"), CASES)
def test_garbled_forms(raw: str, letter: str | None, code: str) -> None:
    result = normalize_item_code(raw, letter, HIGHEST)
    assert (result.code, result.raw, result.warning) == (code, raw, None)


def test_the_table_covers_at_least_40_forms() -> None:
    assert len({raw for raw, _, _ in CASES}) >= 40


@pytest.mark.parametrize(
    ("raw", "letter", "warning"),
    [
        ("๑๒", None, "item_code_letter_undecided"),
        ("7", None, "item_code_letter_undecided"),
        ("e๔๐", None, "item_code_out_of_range"),
        ("i๓๕", None, "item_code_out_of_range"),
        ("ข้อ", None, "not_an_item_code"),
    ],
)
def test_undecidable_codes_are_left_null_with_a_warning(raw, letter, warning) -> None:
    assert normalize_item_code(raw, letter, HIGHEST).code is None
    assert normalize_item_code(raw, letter, HIGHEST).warning == warning


def test_the_highest_number_is_the_callers() -> None:
    assert normalize_item_code("e๑๖", None, HIGHEST).warning == "item_code_out_of_range"
    assert normalize_item_code("e๑๖", None, {**HIGHEST, "e": 20}).code == "e16"


def test_codes_in_running_text_and_bare_codes_opening_questions() -> None:
    text = "ข้อ i๑๒ และ E ๗ (e1.5 is a score) ๓๗ ผู้บริหาร"
    assert [f.item.code for f in find_item_codes(text, None, HIGHEST)] == ["i12", "e7"]
    assert [f.item.code for f in find_item_codes(text, "i", HIGHEST, bare=True)] == ["i12", "e7", "i7"]


@pytest.mark.parametrize(("line", "opens"), [("i๑๒ ผู้บริหาร", True), ("  E 4. การ", True), ("o10", True),
                                             ("ice ๑๒", False), ("i123", False), ("ข้อ i1", False)])
def test_a_line_opening_with_a_code(line: str, opens: bool) -> None:
    assert opens_with_code(line) is opens


@pytest.mark.parametrize(("text", "codes"), [
    ("มาตรการป้องกันการรับสินบน (i13-i18)", ["i13", "i14", "i15", "i16", "i17", "i18"]),
    ("i13 - 18", ["i13", "i14", "i15", "i16", "i17", "i18"]),  # the second end without its letter
    ("i๑๓–๑๕", ["i13", "i14", "i15"]),
    ("o1 ถึง o3 และ o36", ["o1", "o2", "o3", "o36"]),
    ("e4, e5", ["e4", "e5"]),  # a list, not a range
    ("i18-i13", ["i18", "i13"]),  # no range runs backwards
    ("e4 - 2566", ["e4"]),  # a year after a dash ends no range
    ("i3 - 5.00 คะแนน", ["i3"]),  # nor does a score
])
def test_a_range_of_codes_names_every_item_it_spans(text: str, codes: list[str]) -> None:
    """Regression: `(i13-i18)` linked a measure to i13 and i18 alone."""
    from ita_extract.normalizers.codes import with_ranges

    assert with_ranges(text, find_item_codes(text, None, {"i": 30, "e": 15, "o": 43})) == codes


@pytest.mark.parametrize(("text", "codes"), [
    ("๐๑๒", ["o12"]),  # regression: read o1, the Thai digit ๒ taken for the question's first letter
    ("๐๑๐", ["o10"]),  # regression: read o1
    ("๐๑๒ การประชาสัมพันธ์", ["o12"]),
    ("๐๑๒ Q&A", []),  # no Thai word after it: not a question's code
])
def test_a_bare_code_never_ends_inside_a_number(text: str, codes: list[str]) -> None:
    found = find_item_codes(text, "o", {"i": 30, "e": 15, "o": 43}, bare=True)
    assert [f.item.code for f in found] == codes


@pytest.mark.parametrize(("text", "codes"), [
    # regression (dev 003 as a scan): OCR noise `accu 1` inside e11's question gave the measure e1 too
    ("e๑๑ การปฏิบัติหรือการให้บริการของเจ้าจ  accu    1 หน้าที่ที่ดีขึ้น", ["e11"]),
    ("มาก y  1 น้อยเพียงใด", []),
    # a bare code after a question that ends on a Thai word, or after another code, is still one
    ("e๑๑ มากน้อยเพียงใด ๑๒ วิธีการขั้นตอน", ["e11", "e12"]),
    ("๑๑ ๑๒ วิธีการ", ["e11", "e12"]),
])
def test_a_bare_code_never_follows_a_latin_word(text: str, codes: list[str]) -> None:
    """A code whose letter is lost never stands after Latin letters: those are its letter (read
    with it) or OCR noise."""
    found = find_item_codes(text, "e", {"i": 30, "e": 15, "o": 43}, bare=True)
    assert [f.item.code for f in found] == codes


@pytest.mark.parametrize(("text", "opens"), [
    ("i1 - i6 การปฏิบัติหน้าที่", True), ("i7-12", True), ("o1 ถึง o33", True), ("i๑๓–i๑๘", True),
    ("i1 การปฏิบัติหน้าที่", False), ("i1 - 95.20", False), ("i12 ได้คะแนน 80.25", False),
])
def test_a_code_that_opens_a_range_is_told_apart(text: str, opens: bool) -> None:
    assert opens_range(text, find_item_codes(text, None, HIGHEST)) is opens


@pytest.mark.parametrize(("text", "codes"), [
    ("i-1 ปฏิบัติงานตามมาตรฐาน", ["i1"]),
    ("ข้อ i.2 และ e-3", ["i2", "e3"]),
    ("E-Service 2 ช่องทาง", []),  # a word after the hyphen
    ("o.5 คะแนน", ["o5"]),
    ("ร้อยละ 0.5", []),  # a decimal, no letter
])
def test_a_code_with_a_hyphen_or_a_dot(text: str, codes: list[str]) -> None:
    assert [f.item.code for f in find_item_codes(text, None, HIGHEST)] == codes
