"""Batch runs: cache reuse, changed/removed/duplicate files, time limits, the output lock,
kill -9 in the middle of a run, worker counts and a Dask cluster giving the same output.

A document runs past its time limit for certain, not by timing: it is a scan read by a
stand-in Tesseract that never finishes (tests/stand_ins.py), and the documents beside it come
from the cache of an earlier run, so the limit applies to that one document alone."""

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from ita_extract.pipeline.batch.options import EXIT_OK, EXIT_RUN_FAILED, EXIT_SOME_FAILED, RunOptions
from ita_extract.pipeline.batch.run import run
from ita_extract.pipeline.dataset.store import output_lock
from tests.conftest import DEV_TEXTS, ROOT
from tests.stand_ins import hanging_tesseract, scanned_page, started, wait_for

OUTPUT_FILES = ["documents.parquet", "pages.parquet", "scores.parquet", "findings.parquet",
                "measures.parquet", "errors.parquet"]


@pytest.fixture
def raw(tmp_path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    for text in DEV_TEXTS:
        shutil.copy(text, folder / text.name)
    return folder


def _checksums(out: Path) -> dict[str, str]:
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    return {name: manifest["outputs"][name]["sha256"] for name in OUTPUT_FILES}


def _documents(out: Path) -> pd.DataFrame:
    return pd.read_parquet(out / "documents.parquet").set_index("source_path")


def _hanging_scan(folder: Path) -> Path:
    """A scan that, read by the stand-in Tesseract, never finishes."""
    return scanned_page(folder / "zz-scan.pdf")


def test_unchanged_rerun_reuses_every_document_and_writes_identical_outputs(raw, tmp_path) -> None:
    out = tmp_path / "out"
    first = run(raw, out).manifest
    second = run(raw, out).manifest
    assert first["inputs"]["extracted"] == 3 and first["inputs"]["reused"] == 0
    assert second["inputs"]["extracted"] == 0 and second["inputs"]["reused"] == 3
    assert {k: v["sha256"] for k, v in first["outputs"].items()} == \
        {k: v["sha256"] for k, v in second["outputs"].items()}


def test_a_changed_file_is_extracted_again(raw, tmp_path) -> None:
    out = tmp_path / "out"
    run(raw, out)
    changed = raw / "002_21007bcb3eecaeca.txt"
    changed.write_text(changed.read_text("utf-8").replace("95.75", "93.75"), encoding="utf-8")
    manifest = run(raw, out).manifest
    assert (manifest["inputs"]["extracted"], manifest["inputs"]["reused"]) == (1, 2)
    assert _documents(out).loc[changed.name, "overall_score"] == 93.75


def test_a_removed_file_drops_out_of_the_outputs(raw, tmp_path) -> None:
    out = tmp_path / "out"
    run(raw, out)
    (raw / "003_803e91d9ccdb16cf.txt").unlink()
    manifest = run(raw, out).manifest
    assert manifest["inputs"]["removed"] == ["003_803e91d9ccdb16cf.txt"]
    assert sorted(_documents(out).index) == ["000_872eaddf2db1f446.txt", "002_21007bcb3eecaeca.txt"]
    measures = pd.read_parquet(out / "measures.parquet")
    assert not measures["doc_id"].str.startswith("803e91d9").any()


def test_the_same_bytes_under_two_paths_are_extracted_once_and_both_paths_recorded(raw, tmp_path) -> None:
    (raw / "mirror").mkdir()
    shutil.copy(raw / "000_872eaddf2db1f446.txt", raw / "mirror" / "copy-of-000.txt")
    manifest = run(raw, tmp_path / "out").manifest
    assert manifest["inputs"]["seen"] == 4 and manifest["inputs"]["extracted"] == 3
    assert manifest["inputs"]["duplicates"] == {"000_872eaddf2db1f446.txt": ["mirror/copy-of-000.txt"]}
    assert len(_documents(tmp_path / "out")) == 3


def test_force_and_a_new_code_version_extract_everything_again(raw, tmp_path, monkeypatch) -> None:
    out = tmp_path / "out"
    run(raw, out)
    assert run(raw, out, RunOptions(force=True)).manifest["inputs"]["extracted"] == 3
    old_key = json.loads((out / "manifest.json").read_text("utf-8"))["cache_key"]
    monkeypatch.setattr("ita_extract.pipeline.batch.cache.cache_key", lambda *_: "9.9.9-next")
    manifest = run(raw, out).manifest
    assert manifest["inputs"]["extracted"] == 3 and manifest["cache_key"] == "9.9.9-next"
    assert not (out / ".cache" / old_key).exists()  # results nobody can reuse are dropped


@pytest.mark.slow
def test_a_document_over_the_time_limit_becomes_an_errors_row(raw, tmp_path) -> None:
    out = tmp_path / "out"
    run(raw, out)  # the good documents, cached
    _hanging_scan(raw)
    done = _cli("--raw", str(raw), "--out", str(out), "--workers", "2", "--time-limit", "2",
                env=hanging_tesseract(tmp_path / "bin"))
    done.communicate(timeout=600)
    assert done.returncode == EXIT_SOME_FAILED
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["inputs"]["timed_out"] == ["zz-scan.pdf"] and manifest["inputs"]["reused"] == 3
    errors = pd.read_parquet(out / "errors.parquet")
    assert errors["error_type"].tolist() == ["DocumentTimeout"]
    assert len(_documents(out)) == 3  # the other documents are all there


def _cli(*args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.Popen:
    env = env or {**os.environ, "PYTHAINLP_OFFLINE": "1"}
    return subprocess.Popen([sys.executable, "-m", "ita_extract", "extract", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


@pytest.mark.slow
def test_a_second_concurrent_run_on_the_same_output_is_refused(raw, tmp_path) -> None:
    out = tmp_path / "out"
    with output_lock(out):
        second = _cli("--raw", str(raw), "--out", str(out))
        _, stderr = second.communicate(timeout=120)
    assert second.returncode == EXIT_RUN_FAILED
    assert stderr.count("another ita-extract run is writing") == 1
    assert not (out / "documents.parquet").exists()


@pytest.mark.slow
def test_kill_9_mid_run_leaves_the_previous_outputs_intact_and_the_next_run_completes(raw, tmp_path) -> None:
    out = tmp_path / "out"
    run(raw, out)
    before = {name: (out / name).read_bytes() for name in [*OUTPUT_FILES, "manifest.json"]}
    _hanging_scan(raw)
    (raw / "000_872eaddf2db1f446.txt").unlink()  # so the killed run would have changed outputs
    stand_in = tmp_path / "bin"
    victim = _cli("--raw", str(raw), "--out", str(out), "-q", env=hanging_tesseract(stand_in),
                  start_new_session=True)
    assert wait_for(started(stand_in))  # mid-extraction: the scan is being read
    os.killpg(victim.pid, signal.SIGKILL)
    victim.wait(timeout=60)
    assert {name: (out / name).read_bytes() for name in before} == before
    assert len(_documents(out)) == 3
    (raw / "zz-scan.pdf").unlink()
    summary = run(raw, out)
    assert summary.exit_code == EXIT_OK
    assert sorted(_documents(out).index) == ["002_21007bcb3eecaeca.txt", "003_803e91d9ccdb16cf.txt"]


def test_worker_count_does_not_change_a_single_byte(raw, tmp_path) -> None:
    one = run(raw, tmp_path / "one", RunOptions(workers=1)).manifest
    two = run(raw, tmp_path / "two", RunOptions(workers=2)).manifest
    assert _checksums(tmp_path / "one") == _checksums(tmp_path / "two")
    assert one["executor"] == "local, 1 workers" and two["executor"] == "local, 2 workers"


@pytest.mark.slow
def test_a_dask_local_cluster_gives_the_same_outputs_as_local_workers(raw, tmp_path, monkeypatch) -> None:
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    run(raw, tmp_path / "local")
    # The cluster's workers, and the child processes they extract in, see the stand-in Tesseract.
    monkeypatch.setenv("PATH", hanging_tesseract(tmp_path / "bin")["PATH"])
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        manifest = run(raw, tmp_path / "dask", RunOptions(scheduler=cluster.scheduler_address)).manifest
        assert _checksums(tmp_path / "dask") == _checksums(tmp_path / "local")
        _hanging_scan(raw)  # killed in its worker thread's child process, the batch goes on
        options = RunOptions(scheduler=cluster.scheduler_address, time_limit=2)
        limited = run(raw, tmp_path / "dask", options).manifest
    assert manifest["executor"].startswith("tcp://")
    assert manifest["inputs"]["extracted"] == 3
    assert limited["inputs"]["timed_out"] == ["zz-scan.pdf"] and limited["inputs"]["reused"] == 3


def test_damaged_outputs_are_rebuilt_from_the_cache_on_an_unchanged_rerun(raw, tmp_path) -> None:
    out = tmp_path / "out"
    run(raw, out)
    good = (out / "scores.parquet").read_bytes()
    (out / "scores.parquet").write_bytes(b"truncated")
    manifest = run(raw, out).manifest
    assert (manifest["inputs"]["extracted"], manifest["inputs"]["reused"]) == (0, 3)
    assert (out / "scores.parquet").read_bytes() == good


@pytest.mark.parametrize("kind", ["WorkerDied", "MemoryLimit", "DocumentTimeout"])
def test_regression_a_failure_that_may_pass_is_tried_once_more_on_the_next_run(raw, tmp_path, monkeypatch,
                                                                              kind) -> None:
    """A WorkerDied row stuck: the next run said "carried over" and never tried again."""
    from ita_extract.pipeline.batch import run as batch_run
    from ita_extract.pipeline.batch.results import failure

    honest, tried = batch_run._process, []
    dies = {"000_872eaddf2db1f446.txt"}

    def flaky(tasks, options, *rest):
        for task, result in honest(tasks, options, *rest):
            tried.append(Path(task.path).name)
            dead = Path(task.path).name in dies
            yield task, failure("extract", kind, "stand-in", task.sha256) if dead else result

    monkeypatch.setattr(batch_run, "_process", flaky)
    out = tmp_path / "out"
    first = run(raw, out, RunOptions(workers=1)).manifest["inputs"]
    assert first["to_retry"] == ["000_872eaddf2db1f446.txt"] and len(tried) == 3
    second = run(raw, out, RunOptions(workers=1)).manifest["inputs"]  # tried once more: fails again
    assert tried[3:] == ["000_872eaddf2db1f446.txt"] and second["to_retry"] == []
    third = run(raw, out, RunOptions(workers=1)).manifest["inputs"]  # once per code version: carried
    assert len(tried) == 4 and third["failed"] == 1
    dies.clear()
    run(raw, out, RunOptions(workers=1, force=True))
    assert len(_documents(out)) == 3 and pd.read_parquet(out / "errors.parquet").empty


def test_regression_a_failure_that_passes_on_its_retry_is_a_document(raw, tmp_path, monkeypatch) -> None:
    from ita_extract.pipeline.batch import run as batch_run
    from ita_extract.pipeline.batch.results import worker_died

    honest, calls = batch_run._process, []

    def once(tasks, options, *rest):
        calls.append(len(tasks))
        for task, result in honest(tasks, options, *rest):
            dead = len(calls) == 1 and task.path.endswith("000_872eaddf2db1f446.txt")
            yield task, worker_died(task.sha256, 0) if dead else result

    monkeypatch.setattr(batch_run, "_process", once)
    out = tmp_path / "out"
    assert run(raw, out, RunOptions(workers=1)).exit_code == EXIT_SOME_FAILED
    assert run(raw, out, RunOptions(workers=1)).exit_code == EXIT_OK
    assert calls == [3, 1] and len(_documents(out)) == 3


def test_regression_the_default_memory_limit_keeps_the_workers_under_half_the_machine() -> None:
    """With 4096 MiB a worker and a worker a core, one hostile text took the tree to 8 GiB."""
    from ita_extract.pipeline.batch.options import MEMORY_MB_BOUNDS, default_memory_mb

    total_mb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**20
    low, high = MEMORY_MB_BOUNDS
    for workers in (1, 2, 8, 64):
        each = default_memory_mb(workers)
        assert low <= each <= high
        assert each * workers <= total_mb / 2 + 1 or each == low  # half of RAM, unless at the floor
    assert RunOptions(workers=2).worker_memory_mb == default_memory_mb(2)
    assert RunOptions(workers=2, memory_mb=0).worker_memory_mb == 0  # 0: no limit, as asked
