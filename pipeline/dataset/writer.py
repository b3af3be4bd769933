"""The single writer of data/processed: a run's tables, streamed into a new run folder of the
store and committed with the manifest. It takes only tables the validation made (rows checked
once, on their way here), so every file it writes holds the contract's schema."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ita_extract.pipeline.dataset.checksums import sha256_file
from ita_extract.pipeline.dataset.derived import Signatures, derived_rows
from ita_extract.pipeline.dataset.lookups import PREFIX as LOOKUP_PREFIX
from ita_extract.pipeline.dataset.lookups import lookup_tables
from ita_extract.pipeline.dataset.schema import DOCUMENTS, TABLES, Table
from ita_extract.pipeline.dataset.store import DEFAULT_KEEP_RUNS, Finish, commit, new_run_folder
from ita_extract.pipeline.dataset.validation import SchemaError, validated

# A streamed table writes a row group when its buffer holds this many rows or about this many
# bytes of values (a page's text can be tens of kilobytes): memory stays flat over any archive.
_ROW_GROUP_ROWS, _ROW_GROUP_BYTES = 10_000, 8 * 2**20


def write_documents(out_dir: Path, chunks: Iterable[Mapping[str, pa.Table]],
                    manifest: Callable[[], dict[str, Any]],
                    keep_runs: int = DEFAULT_KEEP_RUNS, finish: Finish | None = None) -> dict[str, Any]:
    """Write every table of the contract (empty ones too) from `chunks` of validated tables
    (a document's, say), then manifest.json; returns the manifest.

    Tables sorted by doc_id first are streamed: each chunk's table is appended, so the chunks
    must come in doc_id order and memory holds one row group, not the dataset. The others
    (one row per file) are held and sorted whole. The derived tables (organisations, the panel)
    and the documents' editions are made last, from the run's other tables (dataset.derived).
    `manifest` is called once every chunk is written, so it can count what went by."""
    staging = new_run_folder(out_dir)
    writers = {name: _TableWriter(table, staging / f"{name}.parquet") for name, table in TABLES.items()}
    signatures = Signatures()
    seen_organisations: list[pa.Table] = []  # each document's own organisations row
    try:
        for chunk in chunks:
            signatures.observe(chunk)
            for name, table in chunk.items():
                if TABLES[name].derived:
                    writers[name].check(table)
                    seen_organisations.append(table)
                else:
                    writers[name].add(table)
        outputs = {w.path.name: w.close() for w in writers.values() if w.streamed}
        _derive(writers, staging, signatures, seen_organisations)
        outputs.update({w.path.name: w.close() for w in writers.values() if not w.streamed})
        outputs.update(_write_lookups(staging))
    except BaseException:
        for writer in writers.values():
            writer.abandon()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return commit(out_dir, staging, {**manifest(), "outputs": outputs}, keep_runs, finish)


def _write_lookups(staging: Path) -> dict[str, Any]:
    """The code tables beside the data (dataset.lookups), with their checksums."""
    written = {}
    for name, table in lookup_tables().items():
        path = staging / f"{LOOKUP_PREFIX}{name}.parquet"
        pq.write_table(table, path)
        with path.open("rb") as f:
            os.fsync(f.fileno())
        written[path.name] = {"rows": table.num_rows, "sha256": sha256_file(path)}
    return written


def _derive(writers: dict[str, _TableWriter], staging: Path, signatures: Signatures,
            seen_organisations: list[pa.Table]) -> None:
    """The editions of the held documents, and the derived tables, from the run's tables."""
    documents = writers["documents"].held()
    scores = pq.read_table(staging / "scores.parquet")
    pages = pq.read_table(staging / "pages.parquet", columns=["doc_id", "page", "text_source"])
    edition_of, derived = derived_rows(documents, seen_organisations, scores, pages, signatures)
    (run_column,) = DOCUMENTS.run_columns
    column = documents.schema.get_field_index(run_column)
    doc_ids = documents.column("doc_id").to_pylist()
    editions = pa.array([edition_of[doc_id] for doc_id in doc_ids], pa.string())
    writers["documents"].hold(documents.set_column(column, documents.schema.field(column), editions))
    for name, table in validated(derived).items():
        writers[name].add(table)


class _TableWriter:
    def __init__(self, table: Table, path: Path) -> None:
        self.table, self.path = table, path
        self.schema = table.arrow_schema()
        self.streamed = table.sort_keys[0] == "doc_id"
        self.buffer: list[pa.Table] = []
        self.buffered_rows = self.buffered_bytes = 0
        self.writer: pq.ParquetWriter | None = None
        self.rows = 0
        self.last_doc = ""

    def check(self, table: pa.Table) -> None:
        if not table.schema.equals(self.schema, check_metadata=True):
            raise SchemaError(f"{self.table.name}: a table not made by the validation ({table.schema})")

    def add(self, table: pa.Table) -> None:
        self.check(table)
        if not table.num_rows:
            return
        if self.streamed:
            first, last = table.column("doc_id")[0].as_py(), table.column("doc_id")[-1].as_py()
            if first < self.last_doc:
                raise SchemaError(f"{self.table.name}: rows of doc_id={first} came after "
                                  f"doc_id={self.last_doc}; chunks must come in doc_id order")
            self.last_doc = last
        self.buffer.append(table)
        self.buffered_rows += table.num_rows
        self.buffered_bytes += table.nbytes
        if self.streamed and self._full():
            self._flush()

    def _full(self) -> bool:
        return self.buffered_rows >= _ROW_GROUP_ROWS or self.buffered_bytes >= _ROW_GROUP_BYTES

    def _flush(self) -> None:
        table = pa.concat_tables(self.buffer) if self.buffer else self.schema.empty_table()
        if not self.streamed:  # held whole: sorted once, by the table's keys, nulls last
            table = table.sort_by([(key, "ascending") for key in self.table.sort_keys])  # nulls last
        if self.writer is None:
            self.writer = pq.ParquetWriter(self.path, self.schema)
        self.writer.write_table(table)
        self.rows += table.num_rows
        self.buffer, self.buffered_rows, self.buffered_bytes = [], 0, 0

    def held(self) -> pa.Table:
        """The rows of a table held whole, as one table (not yet sorted)."""
        return pa.concat_tables(self.buffer) if self.buffer else self.schema.empty_table()

    def hold(self, table: pa.Table) -> None:
        """Hold `table` in place of every row held so far."""
        self.check(table)
        self.buffer, self.buffered_rows = [table], table.num_rows

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
