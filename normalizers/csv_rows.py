"""The CSV data tables the project keeps its knowledge in, read one way everywhere."""

from __future__ import annotations

import csv
from pathlib import Path


def read_rows(path: Path) -> tuple[dict[str, str], ...]:
    """Rows of the CSV at `path` as dicts, in file order; a row with more or fewer fields than
    the header (an unquoted comma in a regex such as `.{0,60}`) fails loudly."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = tuple(reader)
    for number, row in enumerate(rows, start=2):
        if None in row or None in row.values():
            raise ValueError(f"{path.parent.name}/{path.name} line {number}: not "
                             f"{len(reader.fieldnames or [])} fields; quote a field that holds a comma")
    return rows
