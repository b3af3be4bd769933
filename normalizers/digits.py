"""Thai digits and printed numbers."""

from __future__ import annotations

import regex

_THAI_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# A number, with thousands commas; never the digits around a comma that is not one (`9,22`: OCR
# read a point as a comma, or a list `1,2`), nor those before a point glued to a letter or sign
# (`81.ฮซ่อ`: OCR took the Thai digits of ๘๑.๔๖ for letters), nor after an `@` (a digit OCR
# misread): which number that is, the text does not say.
_NUMBER = regex.compile(r"(?<![\d.,@])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]|\.[^\d\s])"
                        r"|(?<![\d.,@])\d+(?:\.\d+)?(?!\d|,\d|\.[^\d\s])")


_THAI_DIGIT = regex.compile("[๐-๙]")


def thai_digits_to_arabic(text: str) -> str:
    """Replace every Thai digit (๐–๙) with its Arabic digit."""
    # str.translate looks every character up in a dict: first ask whether there is one to replace
    return text.translate(_THAI_TO_ARABIC) if _THAI_DIGIT.search(text) else text


def parse_number(text: str) -> float | None:
    """The first number printed in `text` (Thai or Arabic digits, thousands commas), or None."""
    printed = printed_number(text)
    return float(printed) if printed is not None else None


def printed_number(text: str) -> str | None:
    """The first number printed in `text` as printed (Arabic digits, no thousands commas: its
    decimals bound its rounding), or None."""
    match = _NUMBER.search(thai_digits_to_arabic(text))
    return match.group().replace(",", "") if match else None
