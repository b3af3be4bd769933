"""Item codes (`i1`, `e4`, `o10`) from the garbled forms documents print.

Printed codes lose or disguise their letter: Thai digits (`i๑`), upper case
(`E๗`), spaces (`e ๑๒`), a zero for the o (`๐๑๐`, `0 5`), a `1`, `๑` or `๓`
for the i (`1๒`, `๓๗`). The letter of the context a code stands in (its
tool's, which the caller knows) settles what a missing or disguised letter is;
without it such a code is left undecided. The highest number each letter's
codes reach is the caller's too (the framework's item ranges).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import regex

from ita_extract.normalizers.digits import thai_digits_to_arabic
from ita_extract.normalizers.patterns import CODE_LETTERS, DIGIT, ITEM_CODE, RANGE_DASH

# Why a printed code has no canonical form (carried into documents.warnings by the caller).
NOT_AN_ITEM_CODE = "not_an_item_code"
ITEM_CODE_LETTER_UNDECIDED = "item_code_letter_undecided"
ITEM_CODE_OUT_OF_RANGE = "item_code_out_of_range"
WARNINGS = (NOT_AN_ITEM_CODE, ITEM_CODE_LETTER_UNDECIDED, ITEM_CODE_OUT_OF_RANGE)

# Glyphs OCR and typists put where a lowercase letter belongs.
LETTER_LOOKALIKES = {
    "i": "iIl|!1๑๓",
    "e": "eE",
    "o": "oO0๐",
}
assert set(LETTER_LOOKALIKES) == set(CODE_LETTERS)
_CODE = regex.compile(rf"^\s*(?P<head>[A-Za-z|!]?)(?:(?<=[A-Za-z])[-.])?"  # `i-1`, `i.2`
                      rf"\s*(?P<digits>{DIGIT}(?:\s?{DIGIT}){{0,2}})\s*$")


@dataclass(frozen=True)
class ItemCode:
    code: str | None
    raw: str
    warning: str | None = None


def normalize_item_code(raw: str, letter: str | None, highest: Mapping[str, int]) -> ItemCode:
    """The canonical code of a printed code; `letter` is the code letter of the context it stands
    in (None: unknown), `highest` the highest number each letter's codes reach."""
    match = _CODE.match(raw)
    if match is None:
        return ItemCode(None, raw, NOT_AN_ITEM_CODE)
    head, digits = match.group("head"), regex.sub(r"\s", "", match.group("digits"))
    found, number = _split(head, digits, letter)
    if found is None:
        return ItemCode(None, raw, ITEM_CODE_LETTER_UNDECIDED)
    value = int(thai_digits_to_arabic(number)) if number else 0
    if not 1 <= value <= highest[found]:
        return ItemCode(None, raw, ITEM_CODE_OUT_OF_RANGE)
    return ItemCode(f"{found}{value}", raw)


def _split(head: str, digits: str, context: str | None) -> tuple[str | None, str]:
    """(letter, number digits) of a code printed as `head` + `digits`."""
    if head:
        letter = next((k for k, glyphs in LETTER_LOOKALIKES.items() if head in glyphs), None)
        return letter, digits
    first, rest = digits[0], digits[1:]
    # A leading zero is an o: item numbers never start with 0.
    if first in "0๐" and rest:
        return "o", rest
    if context == "i" and first in LETTER_LOOKALIKES["i"] and rest:
        return "i", rest
    return context, digits


# A code with its letter (`i๑`, `E๗`, `e ๑๒`, `o10`): never a letter inside a word.
_LETTERED = regex.compile(rf"(?<![A-Za-z]){ITEM_CODE}(?!{DIGIT}|\.{DIGIT})")
# A code whose letter is lost or disguised (`๓๗`, `1๒`, `๐๑๐`, `0 5`), opening a question's text.
# (`1 ๒`, `0 5`: a text layer spaces a code's glyphs)
# It ends where the question's words begin, the next code does (`๓๗ ๓๘`) or the cell does: never
# inside a number (`๐๑๒` is o12, not o1 before the Thai digit ๒). Never after a Latin word: that
# is its letter (read with it) or OCR noise (`accu 1` inside a scanned question).
_BARE = regex.compile(rf"(?:(?<=^)|(?<=[\s(]))(?<![A-Za-z]\s*)"
                      rf"(?:{DIGIT}\s?{DIGIT}{{1,2}}|{DIGIT}{{1,3}}|[l|]\s?{DIGIT}{{1,2}})"
                      rf"(?=\s*(?:(?![๐-๙])\p{{Thai}}|$)|\s+{DIGIT})")
# A line that opens with a code (`i๑๒ …`, `e 4. …`): a point of its own.
_LEADING = regex.compile(rf"^\s*{ITEM_CODE}(?!{DIGIT})")


@dataclass(frozen=True)
class FoundCode:
    start: int
    end: int
    item: ItemCode


def find_item_codes(text: str, letter: str | None, highest: Mapping[str, int], *,
                    bare: bool = False) -> list[FoundCode]:
    """Item codes printed in `text`, in order.

    Codes with a letter are found anywhere. With `bare`, numbers that open a
    question's text (in a column of item questions) are read as codes too,
    their letter decided by the context's `letter`; undecidable ones come back
    with a null code.
    """
    found = [FoundCode(m.start(), m.end(), normalize_item_code(m.group(), letter, highest))
             for m in _LETTERED.finditer(text)]
    if bare:
        taken = [(f.start, f.end) for f in found]
        for m in _BARE.finditer(text):
            if not any(s <= m.start() < e for s, e in taken):
                found.append(FoundCode(m.start(), m.end(), normalize_item_code(m.group(), letter, highest)))
    return sorted(found, key=lambda f: f.start)


def opens_with_code(text: str) -> bool:
    """Whether `text` begins with a lettered code (a point that names its item)."""
    return _LEADING.match(text) is not None


# Between the two ends of a range of codes (`i13-i18`, `o1 ถึง o33`, `e1 – e5`), and a range's
# end printed without its letter (`i13-18`).
_RANGE_SIGN = rf"\s*(?:{RANGE_DASH}|to)\s*"
_RANGE_BETWEEN = regex.compile(_RANGE_SIGN)
_BARE_RANGE_END = regex.compile(rf"{_RANGE_SIGN}(\d{{1,2}})(?![\d.])")
_MAX_RANGE = 60  # no form has more items of one letter


def with_ranges(text: str, found: list[FoundCode]) -> list[str]:
    """The codes of `found` (in order, once each), every code a printed range spans put between
    its ends: `(i13-i18)` and `i13 - 18` name i13, i14 … i18, not two items."""
    arabic = thai_digits_to_arabic(text)
    codes: list[str] = []
    for k, f in enumerate(found):
        code = f.item.code
        if code is None:
            continue
        before = found[k - 1].item.code if k else None
        if before and before[0] == code[0] and _RANGE_BETWEEN.fullmatch(text, found[k - 1].end, f.start):
            codes += codes_between(before, int(code[1:]))
        codes.append(code)
        end = _BARE_RANGE_END.match(arabic, f.end)
        if end and end.end() <= (found[k + 1].start if k + 1 < len(found) else len(text)):
            last = int(end.group(1))
            codes += [*codes_between(code, last), f"{code[0]}{last}"] if _spans(code, last) else []
    return list(dict.fromkeys(codes))


def opens_range(text: str, found: list[FoundCode]) -> bool:
    """Whether the first code of `found` opens a printed range (`i1 - i6`, `i1-6`, `o1 ถึง o33`):
    it names the items up to the range's end, never itself alone."""
    if not found or found[0].item.code is None:
        return False
    after = found[1] if len(found) > 1 else None
    if after is not None and _RANGE_BETWEEN.fullmatch(text, found[0].end, after.start):
        return True
    end = _BARE_RANGE_END.match(thai_digits_to_arabic(text), found[0].end)
    return bool(end and _spans(found[0].item.code, int(end.group(1))))


def _spans(low: str, high: int) -> bool:
    """Whether a range can run from the code `low` to the number `high` of its letter."""
    return int(low[1:]) < high <= int(low[1:]) + _MAX_RANGE


def codes_between(low: str, high: int) -> list[str]:
    """The codes of `low`'s letter strictly between it and `high`, where a range can span them."""
    return [f"{low[0]}{n}" for n in range(int(low[1:]) + 1, high)] if _spans(low, high) else []
