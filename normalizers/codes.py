"""Item codes (`i1`, `e4`, `o10`) from the garbled forms documents print.

Printed codes lose or disguise their letter: Thai digits (`i๑`), upper case
(`E๗`), spaces (`e ๑๒`), a zero for the o (`๐๑๐`, `0 5`), a `1`, `๑` or `๓`
for the i (`1๒`, `๓๗`). The tool a code stands under settles what a missing
or disguised letter is; without it such a code is left undecided.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ita_extract.normalizers.digits import thai_digits_to_arabic

TOOL_LETTERS = {"IIT": "i", "EIT": "e", "OIT": "o"}
TOOL_OF_LETTER = {letter: tool for tool, letter in TOOL_LETTERS.items()}
# Highest item number any year's form has used, per letter (IIT 30, EIT 15, OIT 43).
MAX_ITEM = {"i": 30, "e": 15, "o": 43}
# Glyphs OCR and typists put where a lowercase letter belongs.
LETTER_LOOKALIKES = {
    "i": "iIl|!1๑๓",
    "e": "eE",
    "o": "oO0๐",
}
_CODE = regex.compile(r"^\s*(?P<head>[A-Za-z|!]?)\s*(?P<digits>[0-9๐-๙](?:\s?[0-9๐-๙]){0,2})\s*$")


@dataclass(frozen=True)
class ItemCode:
    code: str | None
    raw: str
    warning: str | None = None


def normalize_item_code(raw: str, tool: str | None = None) -> ItemCode:
    """The canonical code of a printed code; `tool` (IIT/EIT/OIT) is the context it stands in."""
    match = _CODE.match(raw)
    if match is None:
        return ItemCode(None, raw, "not_an_item_code")
    head, digits = match.group("head"), regex.sub(r"\s", "", match.group("digits"))
    context = TOOL_LETTERS.get(tool or "")
    letter, number = _split(head, digits, context)
    if letter is None:
        return ItemCode(None, raw, "item_code_letter_undecided")
    value = int(thai_digits_to_arabic(number)) if number else 0
    if not 1 <= value <= MAX_ITEM[letter]:
        return ItemCode(None, raw, "item_code_out_of_range")
    return ItemCode(f"{letter}{value}", raw)


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
_LETTERED = regex.compile(r"(?<![A-Za-z])[iIeEoO]\s?[0-9๐-๙]{1,2}(?![0-9๐-๙]|\.[0-9๐-๙])")
# A code whose letter is lost or disguised (`๓๗`, `1๒`, `๐๑๐`, `0 5`), opening a question's text.
# (`1 ๒`, `0 5`: a text layer spaces a code's glyphs)
_BARE = regex.compile(r"(?:(?<=^)|(?<=[\s(]))(?:[0-9๐-๙]\s?[0-9๐-๙]{1,2}|[0-9๐-๙]{1,3}|[l|]\s?[0-9๐-๙]{1,2})"
                      r"(?=\s*\p{Thai})")


@dataclass(frozen=True)
class FoundCode:
    start: int
    end: int
    item: ItemCode


def find_item_codes(text: str, tool: str | None = None, *, bare: bool = False) -> list[FoundCode]:
    """Item codes printed in `text`, in order.

    Codes with a letter are found anywhere. With `bare`, numbers that open a
    question's text (in a column of item questions) are read as codes too,
    their letter decided by `tool`; undecidable ones come back with a null code.
    """
    found = [FoundCode(m.start(), m.end(), normalize_item_code(m.group(), tool))
             for m in _LETTERED.finditer(text)]
    if bare:
        taken = [(f.start, f.end) for f in found]
        for m in _BARE.finditer(text):
            if not any(s <= m.start() < e for s, e in taken):
                found.append(FoundCode(m.start(), m.end(), normalize_item_code(m.group(), tool)))
    return sorted(found, key=lambda f: f.start)


def tool_of_codes(codes: list[str]) -> str | None:
    """The one tool every code belongs to, or None when they are of several tools or none."""
    letters = {code[0] for code in codes}
    return TOOL_OF_LETTER[letters.pop()] if len(letters) == 1 else None
