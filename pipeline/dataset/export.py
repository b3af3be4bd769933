"""Exports of a run's tables for the tools analysts open: DuckDB (tables, lookups, views), CSV
that Excel reads as Thai (UTF-8 with a BOM, list columns as JSON arrays) and an xlsx workbook.

Every export reads the tables of one run (`OUT/current`, resolved once) and is written beside
it under a temporary name, then renamed: a reader never opens half an export."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import regex

from ita_extract.normalizers.thai_text import ABOVE_BELOW
from ita_extract.pipeline.dataset.contract import CONTRACT_VERSION
from ita_extract.pipeline.dataset.export_catalog import FORMATS as FORMATS
from ita_extract.pipeline.dataset.export_catalog import views as views
from ita_extract.pipeline.dataset.lookups import lookup_tables
from ita_extract.pipeline.dataset.schema import TABLES
from ita_extract.pipeline.dataset.store import run_tables

DUCKDB_FILE, CSV_FOLDER, XLSX_FILE, SQLITE_FILE = "ita.duckdb", "csv", "ita.xlsx", "ita.sqlite"
TARGETS = {"duckdb": DUCKDB_FILE, "csv": CSV_FOLDER, "xlsx": XLSX_FILE, "sqlite": SQLITE_FILE}
_FORMULA_OPENERS = frozenset("=+-@\t\r")
_EXPORTS = ".exports.json"  # OUT: the run each export was made from
_STALE_AFTER = 600  # seconds: an openpyxl temporary file older than this, open nowhere, is left over
_XLSX_CELL_LIMIT = 32_767  # Excel refuses longer cells; a page's text can be longer


def lookups() -> dict[str, pa.Table]:
    """The lookup tables (dataset.lookups): names and meanings of the codes the tables use."""
    return lookup_tables()


def export(out_dir: Path, fmt: str) -> Path:
    """Write the export of `fmt` into `out_dir` from the current run; returns its path. The export
    holds the run it was made from (`export_info`: run_id, contract version), and OUT remembers
    it (`.exports.json`), so a later run can bring it up to date (stale_exports)."""
    folder = run_tables(out_dir)
    run_id = json.loads((folder / "manifest.json").read_text("utf-8"))["run_id"]
    tables = {name: pq.read_table(folder / f"{name}.parquet") for name in TABLES}
    info = {"export_info": pa.Table.from_pylist([{"run_id": run_id, "contract_version": CONTRACT_VERSION}])}
    writer = {"duckdb": _duckdb, "csv": _csv, "xlsx": _xlsx, "sqlite": _sqlite}[fmt]
    target = out_dir / TARGETS[fmt]
    temporary = target.with_name(f".{target.name}.new")
    _remove(temporary)  # what a killed export left
    _remove_stale_workbook_files()
    try:
        writer(temporary, {**tables, **info}, lookups())
    except BaseException:  # a full disk, Ctrl-C: nothing partial stays beside the last good export
        _remove(temporary)
        raise
    _remove(target)
    os.replace(temporary, target)
    _remember(out_dir, fmt, run_id)
    return target


def stale_exports(out_dir: Path) -> list[str]:
    """The formats exported into `out_dir` from a run that is no longer the current one."""
    folder = run_tables(out_dir)
    run_id = json.loads((folder / "manifest.json").read_text("utf-8"))["run_id"]
    made = _exports_made(out_dir)
    return [fmt for fmt in FORMATS
            if fmt in made and made[fmt] != run_id and (out_dir / TARGETS[fmt]).exists()]


def _exports_made(out_dir: Path) -> dict[str, str]:
    try:
        found = json.loads((out_dir / _EXPORTS).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, str)} \
        if isinstance(found, dict) else {}


def _remember(out_dir: Path, fmt: str, run_id: str) -> None:
    made = {**_exports_made(out_dir), fmt: run_id}
    temporary = out_dir / f"{_EXPORTS}.new"
    temporary.write_text(json.dumps(made, sort_keys=True), "utf-8")
    os.replace(temporary, out_dir / _EXPORTS)


def _remove_stale_workbook_files() -> None:
    """openpyxl's write-only sheets are temporary files (`openpyxl.*` in the temporary folder) that
    a killed export never removes (24 MiB for 803 documents): those untouched for a while and
    held open by no process are removed."""
    folder = Path(tempfile.gettempdir())
    for leftover in folder.glob("openpyxl.*"):
        try:
            if leftover.is_file() and not leftover.is_symlink() and _unused(leftover):
                leftover.unlink()
        except OSError:
            continue


def _unused(path: Path) -> bool:
    """Whether `path` was left behind: untouched for _STALE_AFTER seconds and, where Linux's /proc
    tells, open in no process (another export may be writing it)."""
    if path.stat().st_mtime > time.time() - _STALE_AFTER:
        return False
    proc = Path("/proc")
    if not proc.is_dir():
        return True
    target = str(path.resolve())
    for fd in proc.glob("[0-9]*/fd/*"):
        try:
            if os.readlink(fd) == target:
                return False
        except OSError:
            continue
    return True


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def _duckdb(path: Path, tables: dict[str, pa.Table], lookup: dict[str, pa.Table]) -> None:
    import duckdb

    con = duckdb.connect(str(path))
    try:
        for name, table in {**tables, **lookup}.items():
            con.register("incoming", table)
            con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM incoming')
            con.unregister("incoming")
        for name, view in views().items():
            con.execute(f'CREATE VIEW "{name}" AS {view.sql}')
        _comments(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()


def _sqlite(path: Path, tables: dict[str, pa.Table], lookup: dict[str, pa.Table]) -> None:
    """A SQLite database, so datasette (or any SQLite tool) opens the dataset: every table and
    lookup, lists as JSON arrays, dates as ISO text. The views are DuckDB's SQL: not made here."""
    import sqlite3

    con = sqlite3.connect(path)
    try:
        for name, table in {**tables, **lookup}.items():
            columns = ", ".join(f'"{f.name}" {_sqlite_type(f.type)}' for f in table.schema)
            con.execute(f'CREATE TABLE "{name}" ({columns})')
            marks = ", ".join("?" for _ in table.schema)
            con.executemany(f'INSERT INTO "{name}" VALUES ({marks})', _rows(table))
        con.commit()
    finally:
        con.close()


def _sqlite_type(arrow: pa.DataType) -> str:
    if pa.types.is_integer(arrow) or pa.types.is_boolean(arrow):
        return "INTEGER"
    if pa.types.is_floating(arrow):
        return "REAL"
    return "TEXT"


def _comments(con: Any) -> None:
    """Every table's and column's meaning (the schema's) as DuckDB comments, so `duckdb_columns()`
    and the tools built on it show them; the views' meanings too."""
    for table in TABLES.values():
        con.execute(f'COMMENT ON TABLE "{table.name}" IS {_literal(table.description)}')
        for field in table.fields:
            con.execute(f'COMMENT ON COLUMN "{table.name}"."{field.name}" IS {_literal(field.description)}')
    for name, view in views().items():
        con.execute(f'COMMENT ON VIEW "{name}" IS {_literal(view.description)}')


def _literal(text: str) -> str:
    """A SQL string literal (COMMENT ON takes no parameters): quotes doubled."""
    return "'" + text.replace("'", "''") + "'"


def _cell(value: Any, dates_as_text: bool = True) -> Any:
    """A value for a CSV or sheet cell: lists as JSON arrays, dates as ISO text (in a CSV) or as
    dates (in a sheet, where they are real dates)."""
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if dates_as_text and isinstance(value, dt.date):
        return value.isoformat()
    return value


def _rows(table: pa.Table, dates_as_text: bool = True) -> Iterator[list[Any]]:
    for batch in table.to_batches(max_chunksize=10_000):
        for row in batch.to_pylist():
            yield [_cell(v, dates_as_text) for v in row.values()]


# Thai vowel and tone marks above and below a letter take no width of their own.
_ZERO_WIDTH = regex.compile(f"[{ABOVE_BELOW}]")
_WIDTH_SAMPLE, _WIDTH_BOUNDS = 200, (8, 60)


def _column_widths(table: pa.Table) -> list[float]:
    """Sheet column widths that fit a column's header and its first rows' text, counting the
    characters a Thai line shows (marks above and below take no width), within bounds."""
    widths = [float(len(name)) for name in table.column_names]
    for row in _rows(table.slice(0, _WIDTH_SAMPLE)):
        for k, value in enumerate(row):
            if value is not None:
                shown = len(_ZERO_WIDTH.sub("", str(value).split("\n", 1)[0]))
                widths[k] = max(widths[k], float(shown))
    low, high = _WIDTH_BOUNDS
    return [min(high, max(low, w * 1.1 + 2)) for w in widths]


def inert(value: Any) -> Any:
    """A CSV cell a spreadsheet never runs: text opening with `=`, `+`, `-`, `@`, a tab or a
    carriage return (a formula to Excel and LibreOffice: `=HYPERLINK(…)`, DDE) gets a leading
    apostrophe, as OWASP advises against CSV injection. A Thai bullet stays readable
    (`'-จัดทำแผน`); numbers are not text and stay as they are."""
    if isinstance(value, str) and value[:1] in _FORMULA_OPENERS:
        return "'" + value
    return value


def _csv(folder: Path, tables: dict[str, pa.Table], lookup: dict[str, pa.Table]) -> None:
    folder.mkdir(parents=True)
    for name, table in {**tables, **{f"lookup_{k}": v for k, v in lookup.items()}}.items():
        with (folder / f"{name}.csv").open("w", encoding="utf-8-sig", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(table.column_names)
            out.writerows([inert(value) for value in row] for row in _rows(table))


def _xlsx(path: Path, tables: dict[str, pa.Table], lookup: dict[str, pa.Table]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.utils import get_column_letter

    def clean(sheet: Any, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if len(value) > _XLSX_CELL_LIMIT:  # the full text is in the Parquet and CSV files
            value = value[:_XLSX_CELL_LIMIT - 1] + "…"
        # openpyxl stores any text opening with `=` as a formula: text is always a string value.
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell

    book = Workbook(write_only=True)
    for name, table in {**tables, **{f"lookup_{k}": v for k, v in lookup.items()}}.items():
        sheet = book.create_sheet(name[:31])
        # Set before the first row (a write-only sheet writes them first): a frozen header, a
        # filter on every column, widths fitted to the text.
        sheet.freeze_panes = "A2"
        last = get_column_letter(max(1, table.num_columns))
        sheet.auto_filter.ref = f"A1:{last}{table.num_rows + 1}"
        for k, width in enumerate(_column_widths(table), 1):
            sheet.column_dimensions[get_column_letter(k)].width = width
        sheet.append(table.column_names)
        for row in _rows(table, dates_as_text=False):
            sheet.append([clean(sheet, v) for v in row])
    book.save(path)
