"""Known Tesseract misreadings of Thai ITA documents, and lines that are only OCR noise.

Applied to what OCR read (never to a text layer): the confusions are those of Tesseract's
Thai model on these documents, kept in data/ocr_confusions.csv with the reason for each."""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

import regex

from ita_extract.normalizers.csv_rows import read_rows
from ita_extract.normalizers.thai_text import THAI_LETTER

_TABLE = Path(__file__).with_name("data") / "ocr_confusions.csv"
_DIGITS = Path(__file__).with_name("data") / "ocr_digit_confusions.csv"
_THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_SHORT = 2  # characters (marks not counted) in a token that is a stray glyph
_NOISE_TOKENS = 3  # a line of three glyphs alone (`a   4 4`: the marks over a line read apart) is noise
_NOISE_SHARE = 0.75
_NUMBER = regex.compile(r"^[0-9๐-๙][0-9๐-๙.,]+$")
_THAI_WORD = regex.compile(f"[{THAI_LETTER}]{{6,}}")  # six Thai letters and marks running


@cache
def _confusions() -> tuple[tuple[regex.Pattern, str], ...]:
    return tuple((regex.compile(row["pattern"]), row["replacement"]) for row in read_rows(_TABLE))


def fix_ocr_confusions(text: str) -> str:
    """`text` with the known misreadings put right (`on. กลุ่ม…` → `๓. กลุ่ม…`)."""
    for pattern, replacement in _confusions():
        text = pattern.sub(replacement, text)
    return text


@cache
def _digit_confusions() -> dict[str, tuple[str, ...]]:
    """Arabic digit read → the digits Tesseract is known to read as it (the table is in Thai)."""
    meant: dict[str, list[str]] = {}
    for row in read_rows(_DIGITS):
        read, true = (str(_THAI_DIGITS.index(row[column])) for column in ("read", "meant"))
        meant.setdefault(read, []).append(true)
    return {read: tuple(options) for read, options in meant.items()}


def misreadings_undone(printed: str) -> list[str]:
    """Every number one known digit confusion away from `printed` (Arabic digits, as read):
    the values it may have been before Tesseract misread one of its digits."""
    confusions = _digit_confusions()
    return [printed[:i] + meant + printed[i + 1:]
            for i, digit in enumerate(printed) for meant in confusions.get(digit, ())]


def is_ocr_noise(line: str) -> bool:
    """Whether a line is made of stray glyphs (marks and specks read one by one), such as
    `๐   za   a   1    a   1   ๐ «๕ส`, rather than words or numbers; not a line holding a
    Thai word, however garbled the rest (`My aN ๒ การใช้งบ` for ตัวชี้วัดที่ ๒ การใช้งบ…)."""
    tokens = line.split()
    if len(tokens) < _NOISE_TOKENS or _THAI_WORD.search(line):
        return False
    short = sum(1 for token in tokens if _letters(token) <= _SHORT and not _NUMBER.match(token))
    return short >= _NOISE_SHARE * len(tokens)


def _letters(token: str) -> int:
    return sum(1 for char in token if not unicodedata.category(char).startswith("M"))


# Words of one or two lowercase Latin letters standing alone beside a Thai word or before a year: what OCR
# makes of marks, specks and short words (`ai น้อยทีสุด`, `การปฏิบัติ we หน้าที่`, ปี read `i 2566`),
# never a word of a Thai header or sentence.
_STRAY_LATIN = regex.compile(
    r"(?:(?<=\p{Thai})\s+|^\s*)(?:[a-z]{1,2}\s+)*[a-z]{1,2}(?=\s+(?:\p{Thai}|\d{4}(?!\d)))\s*"
    r"|(?<=\p{Thai})\s+(?:[a-z]{1,2}\s+)*[a-z]{1,2}\s*$")


def without_stray_latin(text: str) -> str:
    """`text` without the lone Latin letters OCR strews between Thai words."""
    return _STRAY_LATIN.sub(lambda m: " " if m.start() and m.end() < len(text) else "", text).strip()
