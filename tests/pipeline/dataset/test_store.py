"""The output folder: run folders switched in whole, links through `current`, recovery after a
kill, pruning, the lock, and planted links that must send nothing outside OUT."""

import json
import os
import shutil
import threading
from pathlib import Path

import pytest

from ita_extract.pipeline.dataset import store
from ita_extract.pipeline.dataset.checksums import sha256_file
from ita_extract.pipeline.dataset.schema import TABLES
from ita_extract.pipeline.dataset.store import OutputLocked, output_lock, published_names, recover
from ita_extract.pipeline.dataset.validation import validated
from ita_extract.pipeline.dataset.writer import write_documents


def write(out: Path, rows: dict, manifest: dict, **options) -> dict:
    """One document's rows, validated as the run validates them, written as a run."""
    return write_documents(out, [validated(rows)], lambda: manifest, **options)


class _Killed(BaseException):
    """Stands for kill -9 at one step of the commit: nothing after it runs."""


def _kill_at(monkeypatch, step: str) -> None:
    """Kill at the commit's call of `step` (the start of a write links the tables once too)."""
    owner, name = (store.os, "rename") if step == "rename" else (store, step)
    original, calls = getattr(owner, name), []
    spared = 1 if step == "_link_tables" else 0

    def killed(*args, **kwargs):
        calls.append(args)
        if len(calls) <= spared:
            return original(*args, **kwargs)
        raise _Killed(step)
    monkeypatch.setattr(owner, name, killed)


def _one_run(out) -> str:
    """The run_id every published file belongs to; fails when the files come from two runs."""
    manifest = json.loads((out / "manifest.json").read_text())
    for name, output in manifest["outputs"].items():
        assert sha256_file(out / name) == output["sha256"], f"{name} is not from run {manifest['run_id']}"
    return manifest["run_id"]


@pytest.mark.parametrize(("step", "seen_after"), [
    ("_durable", "good"), ("rename", "good"), ("_switch", "good"), ("_link_tables", "new"), ("_prune", "new"),
], ids=["before the manifest", "before the rename", "before the switch", "after the switch",
        "before old runs are removed"])
def test_a_kill_during_the_final_moves_never_shows_tables_of_two_runs(
        tmp_path, monkeypatch, step, seen_after) -> None:
    write(tmp_path, {"errors": [_error_row("old")]}, {"run_id": "good"})
    with monkeypatch.context() as patched:
        _kill_at(patched, step)
        with pytest.raises(_Killed):
            write(tmp_path, {"errors": [_error_row("new"), _error_row("newer")]}, {"run_id": "new"})
    assert _one_run(tmp_path) == seen_after  # what a reader sees before the next run
    recover(tmp_path)
    assert _one_run(tmp_path) == seen_after
    runs = sorted(p.name for p in (tmp_path / "runs").iterdir())
    assert runs == (["run-000001"] if seen_after == "good" else ["run-000001", "run-000002"])
    write(tmp_path, {}, {"run_id": "next"})
    assert _one_run(tmp_path) == "next"


def _error_row(message: str) -> dict:
    return {"source_path": "a", "stage": "read", "error_type": "X", "message": message}


def test_only_the_current_and_the_previous_runs_are_kept(tmp_path) -> None:
    for n in range(4):
        write(tmp_path, {}, {"run_id": f"r{n}"})
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == ["run-000003", "run-000004"]
    assert os.readlink(tmp_path / "current") == "runs/run-000004"
    assert os.readlink(tmp_path / "scores.parquet") == "current/scores.parquet"
    assert json.loads((tmp_path / "manifest.json").read_text())["run_folder"] == "runs/run-000004"
    write(tmp_path, {}, {"run_id": "r4"}, keep_runs=1)
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == ["run-000005"]


def test_a_reader_that_resolves_current_never_sees_tables_of_two_runs(tmp_path) -> None:
    write(tmp_path, {}, {"run_id": "r0"})
    stop = threading.Event()
    seen: list[str] = []
    mixed: list[str] = []

    def reader() -> None:
        while not stop.is_set():
            snapshot = (tmp_path / "current").resolve()
            try:
                manifest = json.loads((snapshot / "manifest.json").read_text())
                sums = {name: sha256_file(snapshot / name) for name in manifest["outputs"]}
            except FileNotFoundError:  # removed two runs later: documented, not a mix
                continue
            ok = all(sums[name] == out["sha256"] for name, out in manifest["outputs"].items())
            (seen if ok else mixed).append(manifest["run_id"])

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for n in range(1, 16):
            write(tmp_path, {"errors": [_error_row(str(i)) for i in range(n)]}, {"run_id": f"r{n}"},
                          keep_runs=3)
    finally:
        stop.set()
        thread.join()
    assert not mixed
    assert len(set(seen)) > 3  # the reader saw several runs go by, each whole


def test_a_dataset_of_the_older_flat_layout_becomes_links_through_current(tmp_path) -> None:
    for name in TABLES:
        (tmp_path / f"{name}.parquet").write_bytes(b"an older version's table")
    (tmp_path / "manifest.json").write_text('{"run_id": "flat"}')
    write(tmp_path, {}, {"run_id": "linked"})
    assert _one_run(tmp_path) == "linked"
    assert all((tmp_path / name).is_symlink() for name in published_names())


@pytest.mark.parametrize("journal", ['["../../victim.txt", "manifest.json"]', '["/etc/passwd"]',
                                     "not json", '{"manifest.json": 1}'],
                         ids=["a path out of OUT", "an absolute path", "a damaged journal", "not a list"])
def test_a_tampered_commit_journal_moves_nothing_outside_the_dataset(tmp_path, journal: str) -> None:
    """An older version's `.staging/COMMIT` (or a planted one) is thrown away unread."""
    out = tmp_path / "out"
    write(out, {}, {"run_id": "good"})
    staging = out / ".staging"
    staging.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (staging / "manifest.json").write_text('{"run_id": "staged"}')
    (staging / "COMMIT").write_text(journal)
    recover(out)
    assert victim.read_text() == "keep me"
    assert not (out / ".staging").exists()
    assert {p.name for p in out.iterdir()} == {*published_names(), "runs", "current"}
    assert _one_run(out) == "good"


def test_planted_links_in_out_send_nothing_outside_it(tmp_path) -> None:
    out, victim = tmp_path / "out", tmp_path / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("keep me")
    write(out, {}, {"run_id": "good"})
    (out / "runs" / "run-000009").symlink_to(victim)  # would be pruned: a link is only unlinked
    (out / "current").unlink()
    (out / "current").symlink_to(victim)
    write(out, {}, {"run_id": "next"})
    shutil.rmtree(out / "runs")
    (out / "runs").symlink_to(victim)
    write(out, {}, {"run_id": "last"})
    assert [p.name for p in victim.iterdir()] == ["keep.txt"]
    assert (victim / "keep.txt").read_text() == "keep me"
    assert _one_run(out) == "last" and not (out / "runs").is_symlink()


def test_the_lock_refuses_a_second_holder_and_frees_on_exit(tmp_path) -> None:
    refused = pytest.raises(OutputLocked, match="another ita-extract run is writing")
    with output_lock(tmp_path), refused, output_lock(tmp_path):
        pass
    with output_lock(tmp_path):  # released: the next run gets it
        pass


def test_a_lock_file_planted_as_a_symlink_truncates_nothing(tmp_path) -> None:
    victim = tmp_path / "bashrc"
    victim.write_text("keep me")
    out = tmp_path / "out"
    out.mkdir()
    (out / ".lock").symlink_to(victim)
    with output_lock(out):
        pass
    assert victim.read_text() == "keep me"
    assert not (out / ".lock").is_symlink()
