"""`ita-extract export`: DuckDB with lookups and views, CSV Excel reads as Thai, an xlsx workbook."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from openpyxl import load_workbook

from ita_extract.pipeline import cli
from ita_extract.pipeline.batch.options import RunOptions
from ita_extract.pipeline.batch.run import run
from ita_extract.pipeline.dataset.export import views
from ita_extract.pipeline.dataset.schema import TABLES
from tests.conftest import DEV_TEXTS

LOOKUPS = {"tools", "indicators", "sub_indicators", "items", "issue_areas", "grade_bands", "score_rules",
           "org_types", "units", "error_types", "warnings",
           "enumerations"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("raw")
    for path in DEV_TEXTS:
        shutil.copy(path, raw)
    out = tmp_path_factory.mktemp("out")
    run(raw, out, RunOptions(workers=1))
    assert cli.main(["export", "--out", str(out), "--format", "duckdb", "--format", "csv",
                     "--format", "xlsx"]) == 0
    return out


def test_duckdb_holds_tables_lookups_and_views(exported) -> None:
    con = duckdb.connect(str(exported / "ita.duckdb"), read_only=True)
    names = {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert names == set(TABLES) | LOOKUPS | set(views()) | {"export_info"}
    scores = pd.read_parquet(exported / "scores.parquet")
    assert con.execute("SELECT count(*) FROM scores").fetchall() == [(len(scores),)]
    assert con.execute("SELECT verification, count(*) FROM scores GROUP BY 1").fetchall() == \
        list(scores["verification"].value_counts().items())
    named = con.execute("SELECT indicator_name FROM scores_named WHERE indicator = 10").fetchall()
    assert named and {n for (n,) in named} == {"การป้องกันการทุจริต"}
    assert con.execute("SELECT weight FROM tools WHERE tool = 'OIT'").fetchall() == [(0.40,)]
    units = con.execute("SELECT DISTINCT unit, kind FROM measure_units WHERE unit = 'สำนักปลัด'").fetchall()
    assert units == [("สำนักปลัด", "unit")]


def test_csv_opens_with_thai_and_lists_intact(exported) -> None:
    raw = (exported / "csv" / "measures.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    with (exported / "csv" / "measures.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    measures = pd.read_parquet(exported / "measures.parquet")
    assert len(rows) == len(measures)
    for row, expected in zip(rows, measures.itertuples(), strict=True):
        assert row["title"] == (expected.title or "")
        assert json.loads(row["responsible"]) == list(expected.responsible)
        assert json.loads(row["steps"]) == list(expected.steps)
    assert any("ทุกส่วนราชการ" in row["responsible_units"] for row in rows)
    assert (exported / "csv" / "lookup_issue_areas.csv").read_text("utf-8-sig").count("\n") == 8


def test_xlsx_has_a_sheet_per_table_and_lookup(exported) -> None:
    book = load_workbook(exported / "ita.xlsx", read_only=True)
    assert set(book.sheetnames) == set(TABLES) | {f"lookup_{name}" for name in LOOKUPS} | {"export_info"}
    sheet = book["documents"]
    header, *rows = list(sheet.values)
    assert header[:2] == ("doc_id", "source_path")
    org = header.index("org_name")
    assert {row[org] for row in rows} == set(pd.read_parquet(exported / "documents.parquet")["org_name"])


def test_export_without_a_run_is_one_line(tmp_path, capsys) -> None:
    assert cli.main(["export", "--out", str(tmp_path), "--format", "csv"]) == 2
    assert capsys.readouterr().err.startswith("error: no run found in")


HOSTILE = '=HYPERLINK("http://127.0.0.1:9/x","click")'


@pytest.fixture(scope="module")
def hostile_export(tmp_path_factory) -> Path:
    """A text document whose first line is a formula, and a bullet line, exported."""
    raw = tmp_path_factory.mktemp("raw-hostile")
    (raw / "hostile.txt").write_text(f"{HOSTILE}\n-จัดทำแผนปฏิบัติการป้องกันการทุจริต\n+1 @SUM(A1)\n", "utf-8")
    out = tmp_path_factory.mktemp("out-hostile")
    run(raw, out, RunOptions(workers=1))
    assert cli.main(["export", "--out", str(out), "--format", "csv", "--format", "xlsx"]) == 0
    return out


def test_regression_a_formula_in_a_document_is_text_in_the_xlsx_export(hostile_export) -> None:
    import zipfile

    with zipfile.ZipFile(hostile_export / "ita.xlsx") as book:
        sheets = [name for name in book.namelist() if name.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in book.read(name) for name in sheets)
    for data_only in (False, True):
        pages = load_workbook(hostile_export / "ita.xlsx", data_only=data_only)["pages"]
        header = [c.value for c in pages[1]]
        text = pages.cell(row=2, column=header.index("text") + 1)
        assert text.data_type == "s" and isinstance(text.value, str) and text.value.startswith(HOSTILE)


def test_regression_csv_cells_that_open_like_a_formula_are_inert(hostile_export) -> None:
    path = hostile_export / "csv" / "pages.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        text = next(csv.DictReader(handle))["text"]
    assert text.startswith("'" + HOSTILE)  # OWASP: a leading apostrophe
    assert "-จัดทำแผน" in text  # inside a cell, the Thai bullet is as printed
    con = duckdb.connect()
    read = con.execute(f"SELECT text FROM read_csv('{path}', header=true)").fetchall()
    assert read[0][0].startswith("'=HYPERLINK")
    cells = [row for name in ("pages", "documents", "errors") for row in
             csv.reader((hostile_export / "csv" / f"{name}.csv").open(encoding="utf-8-sig", newline=""))]
    assert not [c for row in cells for c in row if c and c[0] in "=+-@\t\r"]


def test_inert_leaves_numbers_and_plain_text_alone() -> None:
    from ita_extract.pipeline.dataset.export import inert

    assert [inert(v) for v in (-1.5, 3, None, "จัดทำ", "-จัดทำ", "@x", "\tx")] == \
        [-1.5, 3, None, "จัดทำ", "'-จัดทำ", "'@x", "'\tx"]


def test_regression_report_and_export_while_a_run_holds_out_say_one_line(exported, capsys) -> None:
    from ita_extract.pipeline.dataset.store import output_lock

    with output_lock(exported):
        assert cli.main(["report", "--out", str(exported)]) == 1
        assert cli.main(["export", "--out", str(exported), "--format", "csv"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 2
    assert all(line.startswith("error: ") for line in err.strip().splitlines())


def test_regression_a_full_disk_during_export_leaves_the_last_export_and_no_partial_one(
        exported, monkeypatch, capsys) -> None:
    import errno

    from ita_extract.pipeline.dataset import export as exporting

    before = (exported / "ita.xlsx").read_bytes()

    def full_disk(path, tables, lookup):
        path.write_bytes(b"PK half a workbook")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(exporting, "_xlsx", full_disk)
    assert cli.main(["export", "--out", str(exported), "--format", "xlsx"]) == 1
    assert capsys.readouterr().err.strip().splitlines() == [
        "error: the export could not be written: No space left on device"]
    assert not (exported / ".ita.xlsx.new").exists()
    assert (exported / "ita.xlsx").read_bytes() == before


def test_regression_workbook_temporary_files_of_a_killed_export_are_removed(exported) -> None:
    import os
    import tempfile
    import time

    folder = Path(tempfile.gettempdir())
    stale, fresh = folder / "openpyxl.stale-test", folder / "openpyxl.fresh-test"
    for path in (stale, fresh):
        path.write_bytes(b"x" * 1000)
    hour_ago = time.time() - 3600
    os.utime(stale, (hour_ago, hour_ago))
    try:
        assert cli.main(["export", "--out", str(exported), "--format", "xlsx"]) == 0
        assert not stale.exists() and fresh.exists()  # another export may be writing a fresh one
    finally:
        stale.unlink(missing_ok=True)
        fresh.unlink(missing_ok=True)


def test_columns_say_what_they_hold_in_parquet_and_duckdb(exported) -> None:
    """Issue 27: neither the Parquet files nor DuckDB carried column descriptions."""
    import pyarrow.parquet as pq

    field = pq.read_schema(exported / "scores.parquet").field("verification")
    assert field.metadata[b"description"].decode().startswith("`verified`")
    con = duckdb.connect(str(exported / "ita.duckdb"), read_only=True)
    comment = con.execute("SELECT comment FROM duckdb_columns() WHERE table_name = 'scores' "
                          "AND column_name = 'score_year_be'").fetchall()
    assert comment == [(next(f.description for f in TABLES["scores"].fields if f.name == "score_year_be"),)]
    assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE comment IS NULL "
                       "AND table_name IN (SELECT unnest(?))", [list(TABLES)]).fetchall() == [(0,)]


def test_regression_an_export_never_goes_stale_silently(tmp_path) -> None:
    """After a re-run with one more file, DuckDB had 1 document and Parquet 2. Each export now
    holds its run's id, and a run brings the exports made earlier up to date."""
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(DEV_TEXTS[0], raw)
    assert cli.main(["extract", "-q", "--raw", str(raw), "--out", str(out), "--workers", "1"]) == 0
    assert cli.main(["export", "--out", str(out), "--format", "duckdb", "--format", "csv"]) == 0
    first_run = json.loads((out / "manifest.json").read_text())["run_id"]
    con = duckdb.connect(str(out / "ita.duckdb"), read_only=True)
    assert con.execute("SELECT run_id FROM export_info").fetchall() == [(first_run,)]
    con.close()
    shutil.copy(DEV_TEXTS[1], raw)
    assert cli.main(["extract", "-q", "--raw", str(raw), "--out", str(out), "--workers", "1"]) == 0
    second_run = json.loads((out / "manifest.json").read_text())["run_id"]
    con = duckdb.connect(str(out / "ita.duckdb"), read_only=True)
    assert con.execute("SELECT run_id FROM export_info").fetchall() == [(second_run,)]
    assert con.execute("SELECT count(*) FROM documents").fetchall() == [(2,)]
    with (out / "csv" / "export_info.csv").open(encoding="utf-8-sig") as handle:
        assert second_run in handle.read()
    assert not (out / "ita.xlsx").exists()  # only what was exported before is made again


def test_xlsx_sheets_have_real_dates_a_frozen_header_filters_and_fitted_widths(exported) -> None:
    """Issue 27: dates were text, no frozen header or autofilter, every column width 13."""
    import datetime as dt

    book = load_workbook(exported / "ita.xlsx")
    documents = book["documents"]
    assert documents.freeze_panes == "A2" and documents.auto_filter.ref.startswith("A1:")
    measures = book["measures"]
    columns = [c.value for c in measures[1]]
    starts = [measures.cell(row=r, column=columns.index("period_start") + 1).value
              for r in range(2, measures.max_row + 1)]
    assert any(isinstance(v, dt.datetime) for v in starts)
    assert not any(isinstance(v, str) for v in starts)
    header = [c.value for c in documents[1]]
    widths = {header[k]: documents.column_dimensions[chr(ord("A") + k)].width for k in range(len(header))
              if k < 26}
    assert widths["org_name"] > widths["doc_type"] and len(set(widths.values())) > 3


def test_sqlite_export_opens_with_the_tables_and_lookups(tmp_path) -> None:
    """Issue 27: a SQLite export, so datasette opens the dataset."""
    import sqlite3

    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    for path in DEV_TEXTS:
        shutil.copy(path, raw)
    run(raw, out, RunOptions(workers=1))
    assert cli.main(["export", "--out", str(out), "--format", "sqlite"]) == 0
    con = sqlite3.connect(out / "ita.sqlite")
    names = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert names == set(TABLES) | LOOKUPS | {"export_info"}
    scores = pd.read_parquet(out / "scores.parquet")
    assert con.execute("SELECT count(*) FROM scores").fetchone() == (len(scores),)
    overall = con.execute("SELECT score FROM scores WHERE level = 'overall' ORDER BY score").fetchall()
    assert [s for (s,) in overall] == sorted(scores.query("level == 'overall'")["score"])
    (units,) = con.execute("SELECT responsible_units FROM measures WHERE responsible_units != '[]' "
                           "LIMIT 1").fetchone()
    assert isinstance(json.loads(units), list)
