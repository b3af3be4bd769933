"""What the ITA room knows about the genre, kept as data: keyword tables, cue lists, bands,
rules and catalogs, one CSV file each in this folder, read through this one accessor. A
pattern names the shapes of normalizers.patterns in braces (`{year}`) instead of repeating
their regular expressions."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import regex

from ita_extract.normalizers.csv_rows import read_rows
from ita_extract.normalizers.patterns import compiled
from ita_extract.normalizers.thai_text import pattern_without_marks, without_marks

FOLDER = Path(__file__).parent


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    """Rows of `<name>.csv` in this folder as dicts, in file order (misshapen rows fail loudly)."""
    return read_rows(FOLDER / f"{name}.csv")


@cache
def patterns(name: str, column: str = "pattern") -> tuple[regex.Pattern, ...]:
    return tuple(compiled(row[column]) for row in rows(name))


@cache
def keyed_patterns(name: str, key: str, column: str = "pattern") -> tuple[tuple[str, regex.Pattern], ...]:
    return tuple((row[key], compiled(row[column])) for row in rows(name))


@cache
def _keyed_patterns_without_marks(name: str, key: str) -> tuple[tuple[str, regex.Pattern], ...]:
    return tuple((row[key], compiled(pattern_without_marks(row["pattern"]))) for row in rows(name))


def first_keyed_match(name: str, key: str, text: str) -> tuple[str, regex.Match] | None:
    """The key and match of the first row of `<name>.csv` whose pattern `text` matches as
    printed or with the marks above and below the line set aside on both sides: what OCR keeps
    of a word (ขอคาถาม for ข้อคำถาม, ส่วนงานทีท่าน for ส่วนงานที่ท่าน). The rows' order decides, not
    the marks: `คะแนนถ่วงนำหนัก` is a column of points (its row first), not of scores (คะแนน)."""
    bare = None
    unmarked_rows = _keyed_patterns_without_marks(name, key)
    for (value, printed), (_, unmarked) in zip(keyed_patterns(name, key), unmarked_rows, strict=True):
        if found := printed.search(text):
            return value, found
        bare = without_marks(text) if bare is None else bare
        if found := unmarked.search(bare):
            return value, found
    return None


# Letters (marks aside) a pattern's plain word needs before OCR may be allowed one slip in it: a
# short word with one letter changed is too often another word (ติดตาม / ติดตั้ง).
_SLIP_LEAST = 8


def first_keyed_slip(name: str, key: str, text: str) -> str | None:
    """The key of the first row of `<name>.csv` one of whose plain words (a whole alternative of
    its pattern, Thai letters only, at least _SLIP_LEAST of them) `text` holds with at most one
    letter added, lost or misread, marks set aside on both sides: what OCR makes of a long word
    (ข้อเสศนอแนะ for ข้อเสนอแนะ). For the few words a header uses, after first_keyed_match failed."""
    bare = without_marks(text)
    return next((value for value, word in _keyed_slipped_words(name, key) if word.search(bare)), None)


@cache
def _keyed_slipped_words(name: str, key: str) -> tuple[tuple[str, regex.Pattern], ...]:
    found = []
    for row in rows(name):
        for alternative in _alternatives(row["pattern"]):
            word = without_marks(alternative.strip("^$"))
            if regex.fullmatch(rf"\p{{Thai}}{{{_SLIP_LEAST},}}", word):
                found.append((row[key], regex.compile(rf"(?e)(?:{word}){{e<=1}}")))
    return tuple(found)


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression's source (`a|b(c|d)` → a, b(c|d))."""
    parts, depth, start, escaped = [], 0, 0, False
    for k, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:k])
            start = k + 1
    return [*parts, pattern[start:]]


def _first_match(patterns: tuple[tuple[str, regex.Pattern], ...],
                 text: str) -> tuple[str, regex.Match] | None:
    return next(((value, found) for value, pattern in patterns if (found := pattern.search(text))), None)
