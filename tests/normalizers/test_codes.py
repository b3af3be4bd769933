"""Garbled item codes → canonical codes; item_code_raw keeps the printed form."""

import pytest

from ita_extract.normalizers.codes import normalize_item_code

CASES = [
    # (printed, tool context, canonical)
    ("i1", None, "i1"),
    ("i๑", None, "i1"),
    ("I1", None, "i1"),
    ("i๒", None, "i2"),
    ("i๑๙", None, "i19"),
    ("i๒๑", None, "i21"),
    ("i๑๔", None, "i14"),
    ("i๒๗", None, "i27"),
    ("i 30", None, "i30"),
    ("I๑๒", "IIT", "i12"),
    ("l5", "IIT", "i5"),
    ("|7", "IIT", "i7"),
    ("1๒", "IIT", "i2"),
    ("๑๒", "IIT", "i2"),
    ("๓๗", "IIT", "i7"),
    ("๓๘", "IIT", "i8"),
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
    ("e๙", "EIT", "e9"),
    ("๙", "EIT", "e9"),
    ("14", "EIT", "e14"),
    ("o1", None, "o1"),
    ("o10", None, "o10"),
    ("O10", None, "o10"),
    ("O๓๖", None, "o36"),
    ("o๔๓", None, "o43"),
    ("๐๑๐", None, "o10"),
    ("๐๑", None, "o1"),
    ("0 5", None, "o5"),
    ("05", None, "o5"),
    ("0๔๒", "OIT", "o42"),
    ("๒๘", "OIT", "o28"),
    ("7", "OIT", "o7"),
    ("i๓", "IIT", "i3"),
    # a printed letter wins over the block's tool: area tables mix i and e codes
    ("e5", "IIT", "e5"),
]


@pytest.mark.parametrize(("raw", "tool", "code"), CASES)
def test_garbled_forms(raw: str, tool: str | None, code: str) -> None:
    result = normalize_item_code(raw, tool)
    assert (result.code, result.raw, result.warning) == (code, raw, None)


def test_the_table_covers_at_least_40_forms() -> None:
    assert len({raw for raw, _, _ in CASES}) >= 40


@pytest.mark.parametrize(
    ("raw", "tool", "warning"),
    [
        ("๑๒", None, "item_code_letter_undecided"),
        ("7", None, "item_code_letter_undecided"),
        ("e๔๐", None, "item_code_out_of_range"),
        ("i๓๕", None, "item_code_out_of_range"),
        ("ข้อ", None, "not_an_item_code"),
    ],
)
def test_undecidable_codes_are_left_null_with_a_warning(raw, tool, warning) -> None:
    assert normalize_item_code(raw, tool).code is None
    assert normalize_item_code(raw, tool).warning == warning
