"""The single writer of data/processed: schema enforced, the dataset replaced as a whole.

A run writes every table and manifest.json into `OUT/.staging/`, makes them durable, then
writes `.staging/COMMIT` and moves the files into place. Killed before COMMIT, the previous
dataset is untouched (the staging folder is thrown away by the next run); killed after it,
the next run finishes the moves. A lock on `OUT/.lock` keeps a second run out meanwhile.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import logging
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schema import TABLES, Table, enumerations, known_warning

MANIFEST = "manifest.json"
_STAGING, _COMMIT = ".staging", "COMMIT"
log = logging.getLogger(__name__)
# A streamed table writes a row group when its buffer holds this many rows or about this many
# bytes of values (a page's text can be tens of kilobytes): memory stays flat over any archive.
_ROW_GROUP_ROWS, _ROW_GROUP_BYTES = 10_000, 8 * 2**20


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
            if field.name in allowed and value not in allowed[field.name]:
                raise SchemaError(f"{table.name}.{field.name}: {value!r} is not one of "
                                  f"{sorted(allowed[field.name])} (doc_id={row.get('doc_id')}, "
                                  f"source={row.get('source_path')})")
            if field.name == "warnings":
                unknown = [w for w in value if not known_warning(w)]
                if unknown:
                    raise SchemaError(f"{table.name}.warnings: {unknown} not in pipeline/data/warnings.csv "
                                      f"(doc_id={row.get('doc_id')}, source={row.get('source_path')})")


def _fits(value: Any, field) -> bool:
    try:
        pa.array([value], type=field.arrow().type)
        return True
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError):
        return False


class OutputLocked(RuntimeError):
    """Another run holds the output folder."""


@contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Hold `out_dir/.lock` for a run; a second run on the same folder is refused at once.

    flock is released by the kernel when the process dies, so a killed run leaves no stale
    lock behind."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / ".lock"
    with path.open("a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise OutputLocked(f"another ita-extract run is writing {out_dir} ({holder}); "
                               "wait for it to finish or use another --out folder") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} since {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def recover(out_dir: Path) -> None:
    """Finish a commit a killed run had started, or throw away its unfinished staging."""
    staging = out_dir / _STAGING
    if not staging.is_dir():
        return
    commit = staging / _COMMIT
    if commit.is_file():
        for name in _journal(commit):
            source = staging / name
            if source.is_file() and not source.is_symlink():
                os.replace(source, out_dir / name)
        _fsync_dir(out_dir)
    shutil.rmtree(staging)


def _journal(commit: Path) -> list[str]:
    """The files a commit journal may move: only the dataset's own names, each a plain name in
    OUT; anything else (`../../victim.txt`, a damaged journal) is refused and logged."""
    allowed = {f"{name}.parquet" for name in TABLES} | {MANIFEST}
    try:
        names = json.loads(commit.read_text("utf-8"))
    except (ValueError, OSError) as exc:
        log.error("%s is damaged (%s): the staged run is discarded, the previous dataset kept", commit, exc)
        return []
    if not isinstance(names, list):
        log.error("%s is not a list of files: the staged run is discarded", commit)
        return []
    refused = [name for name in names if name not in allowed]
    for name in refused:
        log.error("%s names %r, which is not a file of the dataset: refused", commit, name)
    return [name for name in names if name in allowed]


def _durable(path: Path, write) -> None:
    write(path)
    with path.open("rb") as f:
        os.fsync(f.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def write_dataset(out_dir: Path, rows: dict[str, list[dict[str, Any]]],
                  manifest: dict[str, Any]) -> dict[str, Any]:
    """Write every contract table (empty ones too) and then manifest.json; returns the manifest."""
    return write_documents(out_dir, [rows], lambda: manifest)


def write_documents(out_dir: Path, chunks: Iterable[dict[str, list[dict[str, Any]]]],
                    manifest: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """Write the tables from `chunks` of rows (a document's rows, say), then manifest.json.

    Tables sorted by doc_id first are streamed: each chunk is sorted and appended, so the
    chunks must come in doc_id order and memory holds one row group, not the dataset. The
    others (one row per file) are held and sorted whole. `manifest` is called once every
    chunk is written, so it can count what went by."""
    staging = _staging(out_dir)
    writers = {name: _TableWriter(table, staging / f"{name}.parquet") for name, table in TABLES.items()}
    try:
        for chunk in chunks:
            unknown = set(chunk) - set(TABLES)
            if unknown:
                raise SchemaError(f"no such table(s) in the contract: {sorted(unknown)}")
            for name, rows in chunk.items():
                writers[name].add(rows)
        outputs = {writer.path.name: writer.close() for writer in writers.values()}
    except BaseException:
        for writer in writers.values():
            writer.abandon()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    final = {**manifest(), "outputs": outputs}
    _commit(out_dir, staging, final)
    return final


def _approximate_size(row: dict[str, Any]) -> int:
    return sum(len(value) if isinstance(value, str) else 16 for value in row.values())


class _TableWriter:
    def __init__(self, table: Table, path: Path) -> None:
        self.table, self.path = table, path
        self.streamed = table.sort_keys[0] == "doc_id"
        self.buffer: list[dict[str, Any]] = []
        self.writer: pq.ParquetWriter | None = None
        self.rows = 0
        self.buffered_bytes = 0
        self.last_doc = ""

    def add(self, rows: list[dict[str, Any]]) -> None:
        if not self.streamed:
            self.buffer.extend(rows)
            return
        rows = sorted(rows, key=_sort_key(self.table))
        if rows:
            if (rows[0].get("doc_id") or "") < self.last_doc:
                raise SchemaError(f"{self.table.name}: rows of doc_id={rows[0].get('doc_id')} came after "
                                  f"doc_id={self.last_doc}; chunks must come in doc_id order")
            self.last_doc = rows[-1].get("doc_id") or ""
        self.buffer.extend(rows)
        self.buffered_bytes += sum(map(_approximate_size, rows))
        if len(self.buffer) >= _ROW_GROUP_ROWS or self.buffered_bytes >= _ROW_GROUP_BYTES:
            self._flush()

    def _flush(self) -> None:
        arrow = to_arrow(self.table, self.buffer)
        if self.writer is None:
            self.writer = pq.ParquetWriter(self.path, self.table.arrow_schema())
        self.writer.write_table(arrow)
        self.rows += arrow.num_rows
        self.buffer, self.buffered_bytes = [], 0

    def close(self) -> dict[str, Any]:
        if self.buffer or self.writer is None:
            self._flush()
        assert self.writer is not None
        self.writer.close()
        with self.path.open("rb") as f:
            os.fsync(f.fileno())
        return {"rows": self.rows, "sha256": sha256_file(self.path)}

    def abandon(self) -> None:
        if self.writer is not None:
            self.writer.close()


def keep_dataset(out_dir: Path, manifest: dict[str, Any], outputs: dict[str, Any]) -> dict[str, Any]:
    """Record a run whose tables would be byte for byte those already written: only
    manifest.json is replaced."""
    manifest = {**manifest, "outputs": outputs}
    _commit(out_dir, _staging(out_dir), manifest)
    return manifest


def previous_manifest(out_dir: Path) -> dict[str, Any]:
    """The manifest of the last run, or {} when there is none or it cannot be read."""
    try:
        return json.loads((out_dir / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}


def outputs_intact(out_dir: Path, outputs: dict[str, Any]) -> bool:
    """Whether every table file is on disk with the checksum the manifest gives it."""
    expected = {f"{name}.parquet" for name in TABLES}
    return set(outputs) == expected and all(
        (out_dir / name).is_file() and sha256_file(out_dir / name) == output.get("sha256")
        for name, output in outputs.items())


def _staging(out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    recover(out_dir)
    staging = out_dir / _STAGING
    staging.mkdir()
    return staging


def _commit(out_dir: Path, staging: Path, manifest: dict[str, Any]) -> None:
    text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    _durable(staging / MANIFEST, lambda tmp: tmp.write_text(text, "utf-8"))
    names = sorted(path.name for path in staging.iterdir())
    _durable(staging / _COMMIT, lambda tmp: tmp.write_text(json.dumps(names), "utf-8"))
    _fsync_dir(staging)
    recover(out_dir)  # the commit itself: every file moved into place
