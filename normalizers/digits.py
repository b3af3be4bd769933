"""Thai digits and printed numbers."""

from __future__ import annotations

import regex

_THAI_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_NUMBER = regex.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.])\d+(?:\.\d+)?")


_THAI_DIGIT = regex.compile("[๐-๙]")


def thai_digits_to_arabic(text: str) -> str:
    """Replace every Thai digit (๐–๙) with its Arabic digit."""
    # str.translate looks every character up in a dict: first ask whether there is one to replace
    return text.translate(_THAI_TO_ARABIC) if _THAI_DIGIT.search(text) else text


def parse_number(text: str) -> float | None:
    """The first number printed in `text` (Thai or Arabic digits, thousands commas), or None."""
    match = _NUMBER.search(thai_digits_to_arabic(text))
    if match is None:
        return None
    return float(match.group().replace(",", ""))
