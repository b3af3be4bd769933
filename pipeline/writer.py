"""The single writer of data/processed: schema enforced, files replaced atomically."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schema import TABLES, Table


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


def _fits(value: Any, field) -> bool:
    try:
        pa.array([value], type=field.arrow().type)
        return True
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError):
        return False


def _replace_atomically(path: Path, write) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        write(tmp)
        with tmp.open("rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def write_dataset(out_dir: Path, rows: dict[str, list[dict[str, Any]]],
                  manifest: dict[str, Any]) -> dict[str, Any]:
    """Write every contract table (empty ones too) and then manifest.json; returns the manifest."""
    out_dir.mkdir(parents=True, exist_ok=True)
    unknown = set(rows) - set(TABLES)
    if unknown:
        raise SchemaError(f"no such table(s) in the contract: {sorted(unknown)}")
    arrow_tables = {name: to_arrow(table, rows.get(name, [])) for name, table in TABLES.items()}
    outputs = {}
    for name, arrow in arrow_tables.items():
        path = out_dir / f"{name}.parquet"
        _replace_atomically(path, lambda tmp, a=arrow: pq.write_table(a, tmp))
        outputs[path.name] = {"rows": arrow.num_rows, "sha256": sha256_file(path)}
    manifest = {**manifest, "outputs": outputs}
    text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    _replace_atomically(out_dir / "manifest.json", lambda tmp: tmp.write_text(text, "utf-8"))
    return manifest
