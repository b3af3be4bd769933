"""`ita_extract.extract`: the tables of a file or folder, for notebooks."""

from __future__ import annotations

import json
import shutil

import pyarrow as pa
import pyarrow.compute  # noqa: F401  (pa.compute)
import pytest

import ita_extract
from tests.conftest import DEV_TEXTS


def test_a_file_gives_pandas_tables_with_nullable_integers() -> None:
    tables = ita_extract.extract(DEV_TEXTS[0])
    assert set(tables) == {"documents", "pages", "scores", "findings", "measures", "errors", "unread",
                           "organisations", "panel"}
    scores = tables["scores"]
    assert str(scores["indicator"].dtype) == "Int8" and str(scores["page"].dtype) == "Int32"
    assert tables["documents"]["org_name"].tolist() == ["เทศบาลตำบลหนองเสม็ด"]
    assert sorted(scores["score"]) == [11.17, 50.02, 62.56, 67.16]


def test_a_folder_kept_in_out_is_reused_the_second_time(tmp_path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    for text in DEV_TEXTS:
        shutil.copy(text, raw / text.name)
    first = ita_extract.extract(raw, tmp_path / "out", backend="arrow")
    assert isinstance(first["measures"], pa.Table) and first["documents"].num_rows == len(DEV_TEXTS)
    assert (tmp_path / "out" / "report.html").exists()
    assert _inputs(tmp_path / "out")["extracted"] == len(DEV_TEXTS)
    (raw / "copy.txt").write_text(DEV_TEXTS[0].read_text("utf-8") + "\nฉบับสำเนา\n", "utf-8")
    second = ita_extract.extract(raw, tmp_path / "out", backend="arrow")  # one new file, the rest cached
    counts = _inputs(tmp_path / "out")
    assert (counts["extracted"], counts["reused"]) == (1, len(DEV_TEXTS))
    kept = second["scores"].filter(pa.compute.is_in(second["scores"]["doc_id"], first["documents"]["doc_id"]))
    assert kept.equals(first["scores"])
    ita_extract.extract(raw, tmp_path / "out", backend="arrow", force=True)
    assert _inputs(tmp_path / "out")["extracted"] == len(DEV_TEXTS) + 1  # force: nothing reused


def _inputs(out) -> dict:
    """The counts of inputs the last run in `out` recorded in its manifest."""
    return json.loads((out / "manifest.json").read_text("utf-8"))["inputs"]


def test_a_missing_path_is_an_error() -> None:
    with pytest.raises(FileNotFoundError):
        ita_extract.extract("no/such/folder")


@pytest.mark.slow
def test_regression_a_plain_script_without_a_main_guard_gets_its_tables(tmp_path) -> None:
    """Every document came back WorkerDied: each worker imported the script again, which
    started a run of its own. The worker server now stands in for a script it cannot import."""
    import os
    import subprocess
    import sys

    script = tmp_path / "plain.py"
    script.write_text("import json, ita_extract\n"
                      f"tables = ita_extract.extract({str(DEV_TEXTS[0])!r})\n"
                      "print(json.dumps([len(tables['documents']), len(tables['scores']),"
                      " tables['errors']['error_type'].tolist()]))\n", "utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300,
                          cwd=tmp_path, env={**os.environ, "PYTHAINLP_OFFLINE": "1"})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [1, 4, []]


def test_a_run_started_while_a_worker_imports_the_script_fails_at_once(tmp_path) -> None:
    import multiprocessing

    from ita_extract.pipeline.batch.workers import NestedRun

    current = multiprocessing.current_process()
    current._inheriting = True  # type: ignore[attr-defined]  # as while spawn.prepare imports __main__
    try:
        with pytest.raises(NestedRun, match="__main__"):
            ita_extract.extract(DEV_TEXTS[0], tmp_path / "out")
    finally:
        del current._inheriting  # type: ignore[attr-defined]
    assert not (tmp_path / "out").exists()


def test_load_gives_back_a_runs_tables_and_lookups_without_extracting(tmp_path) -> None:
    from ita_extract.pipeline.dataset.store import NoRun

    raw = tmp_path / "raw"
    raw.mkdir()
    for text in DEV_TEXTS:
        shutil.copy(text, raw / text.name)
    extracted = ita_extract.extract(raw, tmp_path / "out")
    for text in DEV_TEXTS:
        (raw / text.name).unlink()  # nothing left to extract: load only reads
    loaded = ita_extract.load(tmp_path / "out", lookups=True)
    assert loaded["scores"].equals(extracted["scores"])
    assert loaded["items"].query("year_be == 2564 and item_code == 'i1'")["question"].str.startswith(
        "บุคลากรในหน่วยงานของท่าน").all()
    assert loaded["indicators"].set_index("indicator").loc[7, "name"] == "ประสิทธิภาพการสื่อสาร"
    with pytest.raises(NoRun):
        ita_extract.load(tmp_path / "nothing-here")


def test_dates_arrive_as_dates_in_pandas(tmp_path) -> None:
    """Regression: date columns came back as `object` (Python dates), and `.dt` failed."""
    measures = ita_extract.extract(DEV_TEXTS[1])["measures"]
    assert str(measures["period_start"].dtype).startswith("datetime64")
    assert measures["period_start"].dt.year.dropna().astype(int).between(2020, 2030).all()
