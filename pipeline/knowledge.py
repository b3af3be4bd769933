"""Keyword tables, cue lists and bands kept as data in `pipeline/data/*.csv`."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import regex

from ita_extract.normalizers.tables import read_table

DATA_DIR = Path(__file__).parent / "data"


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of `pipeline/data/<name>.csv` as dicts, in file order (misshapen rows fail loudly)."""
    return read_table(DATA_DIR / f"{name}.csv")


@cache
def patterns(name: str, column: str = "pattern") -> tuple[regex.Pattern, ...]:
    return tuple(regex.compile(row[column]) for row in table(name))


@cache
def keyed_patterns(name: str, key: str, column: str = "pattern") -> tuple[tuple[str, regex.Pattern], ...]:
    return tuple((row[key], regex.compile(row[column])) for row in table(name))
