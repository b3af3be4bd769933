"""Temporary folders of killed workers and runs: removed after a time-out and at the next
start, never those of other programs or of live runs. The OCR that is under way when the
worker is killed is a stand-in Tesseract that never finishes (tests/stand_ins.py)."""

import os
import signal
import subprocess
import sys
import tempfile
import time

import pytest

from ita_extract.pipeline.batch.leftovers import MARK, remove_stale
from tests.conftest import ROOT
from tests.stand_ins import hanging_tesseract, scanned_page, started, wait_for

pytestmark = pytest.mark.slow

# Seconds a worker may take over the page: far more than reading a one-page scan up to its OCR
# takes on a loaded machine; past it, the stand-in Tesseract is killed mid-read.
TIME_LIMIT = "20"


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
    env = {**hanging_tesseract(tmp.parent / "bin"), "TMPDIR": str(tmp)}
    command = [sys.executable, "-m", "ita_extract", "extract", "--raw", str(raw), "--out", str(out), "-q",
               "--workers", "1", *args]
    return subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.fixture
def scan_raw(tmp_path):
    raw, tmp = tmp_path / "raw", tmp_path / "tmp"
    raw.mkdir()
    tmp.mkdir()
    scanned_page(raw / "scan.pdf")
    return raw, tmp


def test_an_ocr_time_out_leaves_no_crops_behind(scan_raw, tmp_path) -> None:
    raw, tmp = scan_raw
    run = _cli(raw, tmp_path / "out", tmp, "--time-limit", TIME_LIMIT)
    assert wait_for(started(tmp_path / "bin"))  # OCR under way, its crops in tmp
    assert any(p.name.startswith("ita-ocr-") for p in tmp.iterdir())
    assert run.wait(timeout=600) == 3
    assert list(tmp.iterdir()) == []  # no crops, and multiprocessing's folder gone at exit


def test_folders_left_by_kill_9_are_removed_by_the_next_run(scan_raw, tmp_path) -> None:
    raw, tmp = scan_raw
    victim = _cli(raw, tmp_path / "out", tmp)
    assert wait_for(started(tmp_path / "bin"))
    os.killpg(victim.pid, signal.SIGKILL)
    victim.wait(timeout=60)
    # The worker dies with the run (PDEATHSIG), its folders stay: wait for it to be gone.
    assert wait_for_exit(tmp)
    left = [p.name for p in tmp.iterdir()]
    assert any(n.startswith("pymp-") for n in left) and any(n.startswith("ita-ocr-") for n in left), left
    (raw / "scan.pdf").unlink()
    assert _cli(raw, tmp_path / "out", tmp).wait(timeout=600) == 0
    assert list(tmp.iterdir()) == []


def wait_for_exit(tmp, give_up: float = 600) -> bool:
    """Whether every process that made an OCR folder in `tmp` is gone (polled)."""
    from ita_extract.pipeline.batch.leftovers import alive

    deadline = time.monotonic() + give_up
    while time.monotonic() < deadline:
        pids = [int(p.name.split("-")[2]) for p in tmp.iterdir() if p.name.startswith("ita-ocr-")]
        if not any(alive(pid) for pid in pids):
            return True
        time.sleep(0.05)
    return False
