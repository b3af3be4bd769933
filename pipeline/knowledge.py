"""Keyword tables, cue lists and bands kept as data in `pipeline/data/*.csv`."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import regex

DATA_DIR = Path(__file__).parent / "data"


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of `pipeline/data/<name>.csv` as dicts, in file order; a row with more or fewer
    fields than the header (an unquoted comma in a regex such as `.{0,60}`) fails loudly."""
    with (DATA_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = tuple(reader)
    for number, row in enumerate(rows, start=2):
        if None in row or None in row.values():
            raise ValueError(f"pipeline/data/{name}.csv line {number}: not {len(reader.fieldnames or [])} "
                             "fields; quote a field that holds a comma")
    return rows


@cache
def patterns(name: str, column: str = "pattern") -> tuple[regex.Pattern, ...]:
    return tuple(regex.compile(row[column]) for row in table(name))


@cache
def keyed_patterns(name: str, key: str, column: str = "pattern") -> tuple[tuple[str, regex.Pattern], ...]:
    return tuple((row[key], regex.compile(row[column])) for row in table(name))
