"""Responsible units and roles under canonical names (normalizers/data/responsible_units.csv).

The same unit is printed many ways (`สำนักปลัด`, `สำนักปลัดเทศบาล`, `สำนักปลัด อบต.`, `สำนักปลัด 5`
with a stray footnote number); an analyst groups by one name. A role (นิติกร) stays a role: it is
not the unit it works in (งานนิติการ). A printed name the table does not know is kept as printed
(footnote numbers dropped), never guessed into a unit.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import regex

_TABLE = Path(__file__).with_name("data") / "responsible_units.csv"
_NOISE = regex.compile(r"[\s\d๐-๙().,:;*\-–]+$")  # a trailing footnote number or bullet


@cache
def unit_table() -> tuple[dict[str, str], ...]:
    """Rows of (unit, kind, pattern): kind `unit`, `role` or `all` (every unit of the organisation)."""
    with _TABLE.open(encoding="utf-8") as handle:
        return tuple(csv.DictReader(handle))


@cache
def _patterns() -> tuple[tuple[str, regex.Pattern], ...]:
    return tuple((row["unit"], regex.compile(row["pattern"])) for row in unit_table())


def canonical_unit(printed: str) -> str:
    """The canonical name of one printed unit or role; the printed text (cleaned) when unknown."""
    text = _NOISE.sub("", printed.strip())
    squeezed = regex.sub(r"\s+", "", text)
    for unit, pattern in _patterns():
        if pattern.fullmatch(squeezed):
            return unit
    return regex.sub(r"\s+", " ", text) or printed.strip()


def canonical_units(printed: list[str] | None) -> list[str] | None:
    """Each printed unit under its canonical name, in printed order, each once."""
    if printed is None:
        return None
    units: list[str] = []
    for name in printed:
        unit = canonical_unit(name)
        if unit and unit not in units:
            units.append(unit)
    return units
