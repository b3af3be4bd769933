"""Temporary folders of killed workers and runs: removed after a time-out and at the next
start, never those of other programs or of live runs."""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import pytest

from ita_extract.parsers.ocr import tesseract_available
from ita_extract.pipeline.batch.leftovers import MARK, remove_stale
from tests.conftest import ROOT

SCAN = ROOT.parent / "shared" / "corpus" / "dev" / "002_21007bcb3eecaeca.scan.pdf"
needs_scan = pytest.mark.skipif(not SCAN.is_file(), reason="../shared/corpus/dev is not beside the project")
needs_ocr = pytest.mark.skipif(not tesseract_available(), reason="no tesseract-ocr with Thai data")


def _dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_only_our_folders_of_dead_processes_are_removed(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead, live = _dead_pid(), os.getppid()
    names = [f"ita-ocr-{dead}-abc", f"ita-ocr-{live}-abc", "pymp-dead", "pymp-live", "pymp-other", "mine"]
    for name in names:
        (tmp_path / name).mkdir()
    (tmp_path / "pymp-dead" / MARK).write_text(str(dead))
    (tmp_path / "pymp-live" / MARK).write_text(str(live))
    removed = remove_stale()
    assert sorted(p.name for p in removed) == sorted([f"ita-ocr-{dead}-abc", "pymp-dead"])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f"ita-ocr-{live}-abc", "pymp-live", "pymp-other", "mine"])


def _cli(raw, out, tmp, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHAINLP_OFFLINE": "1", "TMPDIR": str(tmp)}
    command = [sys.executable, "-m", "ita_extract", "extract", "--raw", str(raw), "--out", str(out), "-q",
               "--workers", "1", *args]
    return subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _watch(process: subprocess.Popen, tmp, until_ocr: bool = False) -> bool:
    """Whether an OCR folder appeared in `tmp` while `process` ran (or, with `until_ocr`,
    return as soon as one does)."""
    seen = False
    deadline = time.monotonic() + 300
    while process.poll() is None and time.monotonic() < deadline:
        seen = seen or any(p.name.startswith("ita-ocr-") for p in tmp.iterdir())
        if seen and until_ocr:
            return True
        time.sleep(0.05)
    return seen


@pytest.fixture
def scan_raw(tmp_path):
    raw, tmp = tmp_path / "raw", tmp_path / "tmp"
    raw.mkdir()
    tmp.mkdir()
    shutil.copy(SCAN, raw / "scan.pdf")
    return raw, tmp


@needs_scan
@needs_ocr
def test_an_ocr_time_out_leaves_no_crops_behind(scan_raw, tmp_path) -> None:
    raw, tmp = scan_raw
    run = _cli(raw, tmp_path / "out", tmp, "--time-limit", "6")
    assert _watch(run, tmp)  # OCR was under way when the limit struck
    assert run.wait(timeout=60) == 3
    assert list(tmp.iterdir()) == []  # no crops, and multiprocessing's folder gone at exit


@needs_scan
@needs_ocr
def test_folders_left_by_kill_9_are_removed_by_the_next_run(scan_raw, tmp_path) -> None:
    raw, tmp = scan_raw
    victim = _cli(raw, tmp_path / "out", tmp)
    assert _watch(victim, tmp, until_ocr=True)
    os.killpg(victim.pid, signal.SIGKILL)
    victim.wait(timeout=30)
    time.sleep(1)  # the worker dies with the run (PDEATHSIG)
    left = [p.name for p in tmp.iterdir()]
    assert any(n.startswith("pymp-") for n in left) and any(n.startswith("ita-ocr-") for n in left), left
    (raw / "scan.pdf").unlink()
    assert _cli(raw, tmp_path / "out", tmp).wait(timeout=120) == 0
    assert list(tmp.iterdir()) == []
