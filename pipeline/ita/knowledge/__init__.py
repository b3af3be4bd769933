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
    printed, else with the marks above and below the line set aside on both sides: what OCR keeps
    of a word (ขอคาถาม for ข้อคำถาม, ส่วนงานทีท่าน for ส่วนงานที่ท่าน)."""
    found = _first_match(keyed_patterns(name, key), text)
    return found if found is not None else _first_match(_keyed_patterns_without_marks(name, key),
                                                         without_marks(text))


def _first_match(patterns: tuple[tuple[str, regex.Pattern], ...],
                 text: str) -> tuple[str, regex.Match] | None:
    return next(((value, found) for value, pattern in patterns if (found := pattern.search(text))), None)
