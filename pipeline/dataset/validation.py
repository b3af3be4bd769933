"""Rows checked against the contract, once, on their way to the writer: the columns of their
table, the types of their columns, the listed values of enumerated columns and warnings, and
the bounds of scores. The check turns a document's rows into Arrow tables of the contract's
schema, which is all the writer accepts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pyarrow as pa

from ita_extract.pipeline.dataset.schema import TABLES, Field, Table, enumerations, known_warning

Row = dict[str, Any]
Rows = dict[str, list[Row]]
Tables = dict[str, pa.Table]


class SchemaError(ValueError):
    """A row that does not fit the contract; the message names table, column and document."""


def _sort_key(table: Table):
    def key(row: dict[str, Any]) -> tuple:
        return tuple((row.get(k) is None, row.get(k) if row.get(k) is not None else "")
                     for k in table.sort_keys)
    return key


def to_arrow(table: Table, rows: list[dict[str, Any]]) -> pa.Table:
    """Rows as an Arrow table of the contract's schema; unknown or ill-typed values fail loudly."""
    columns = set(table.columns)
    for row in rows:
        extra = set(row) - columns
        if extra:
            raise SchemaError(f"{table.name}: unknown column(s) {sorted(extra)} "
                              f"(doc_id={row.get('doc_id')}, source={row.get('source_path')})")
    _check_values(table, rows)
    rows = sorted(rows, key=_sort_key(table))
    arrays = []
    for field in table.fields:
        values = [row.get(field.name) for row in rows]
        try:
            array = pa.array(values, type=field.arrow().type)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError) as exc:
            bad = next((r for r in rows if not _fits(r.get(field.name), field)), rows[0])
            raise SchemaError(f"{table.name}.{field.name}: {exc} (doc_id={bad.get('doc_id')}, "
                              f"page={bad.get('page')}, value={bad.get(field.name)!r})") from exc
        if not field.nullable and array.null_count:
            bad = next(r for r in rows if r.get(field.name) is None)
            raise SchemaError(f"{table.name}.{field.name}: null in a required column "
                              f"(doc_id={bad.get('doc_id')}, source={bad.get('source_path')})")
        arrays.append(array)
    return pa.Table.from_arrays(arrays, schema=table.arrow_schema())


def _check_values(table: Table, rows: list[dict[str, Any]]) -> None:
    """Enumerated columns hold only their listed values, warnings only listed warnings."""
    allowed = enumerations()
    for row in rows:
        for field in table.fields:
            value = row.get(field.name)
            if value is None:
                continue
            if field.bounds and isinstance(value, int | float) and not _within(value, field.bounds):
                raise SchemaError(f"{table.name}.{field.name}: {value!r} is outside {field.bounds} "
                                  f"(doc_id={row.get('doc_id')})")
            listed = allowed.get(f"{table.name}.{field.name}", allowed.get(field.name))
            if listed is not None and (not isinstance(value, str) or value not in listed):
                raise SchemaError(f"{table.name}.{field.name}: {value!r} is not one of "
                                  f"{sorted(listed)} (doc_id={row.get('doc_id')}, "
                                  f"source={row.get('source_path')})")
            if field.name == "warnings" and isinstance(value, list):
                unknown = [w for w in value if not isinstance(w, str) or not known_warning(w)]
                if unknown:
                    raise SchemaError(f"{table.name}.warnings: {unknown} not in the warnings table "
                                      f"(pipeline/dataset/data/warnings.csv; doc_id={row.get('doc_id')}, "
                                      f"source={row.get('source_path')})")


def _within(value: float, bounds: tuple[float, float]) -> bool:
    return bounds[0] <= value <= bounds[1]


def _fits(value: Any, field: Field) -> bool:
    try:
        pa.array([value], type=field.arrow().type)
        return True
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError):
        return False


def validated(rows: Mapping[str, Any]) -> Tables:
    """A document's rows ({table: [row, …]}) as Arrow tables of the contract, each table sorted
    by its keys; anything that does not fit (an unknown table or column, a wrong type, an
    unlisted value, a score outside its bounds, rows that are not rows) is a SchemaError."""
    if not isinstance(rows, Mapping):
        raise SchemaError(f"not a document's tables but a {type(rows).__name__}")
    unknown = set(rows) - set(TABLES)
    if unknown:
        raise SchemaError(f"no such table(s) in the contract: {sorted(map(str, unknown))}")
    tables = {}
    for name, table_rows in rows.items():
        if not isinstance(table_rows, list) or not all(isinstance(row, dict) for row in table_rows):
            raise SchemaError(f"{name}: not a list of rows")
        tables[name] = to_arrow(TABLES[name], table_rows)
    return tables
