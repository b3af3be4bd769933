"""Temporary folders a killed process leaves behind, removed by the next run.

A worker killed at the time limit never runs its clean-up, and a run killed with -9 leaves
multiprocessing's `pymp-*` folder (the forkserver's socket). Each such folder is made
recognisable as ours: OCR folders are named `ita-ocr-<worker pid>-*` (parsers.ocr), and the
run marks its `pymp-*` folder with a file holding its pid. A folder is removed once the
process that made it is gone: right after a worker is killed, and at the start of every run.
Folders of other programs, and of runs still alive, are never touched."""

from __future__ import annotations

import logging
import multiprocessing.util
import os
import re
import shutil
import tempfile
from pathlib import Path

from ita_extract.parsers.tesseract import OCR_TEMP_PREFIX

MARK = "ita-extract.pid"
_OCR_FOLDER = re.compile(rf"{re.escape(OCR_TEMP_PREFIX)}(\d+)-.+")
log = logging.getLogger(__name__)


def alive(pid: int) -> bool:
    """Whether `pid` runs; a zombie (killed, not yet reaped: a container's init may never reap
    it) counts as gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0] not in (b"Z", b"X")
    except FileNotFoundError:
        return False
    except (OSError, IndexError):
        pass  # no /proc: ask the kernel
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def remove_worker_folders(pid: int) -> None:
    """The OCR folders of a worker that was just killed."""
    for folder in Path(tempfile.gettempdir()).glob(f"{OCR_TEMP_PREFIX}{pid}-*"):
        shutil.rmtree(folder, ignore_errors=True)


def mark_multiprocessing_folder() -> None:
    """Put this process's pid in multiprocessing's `pymp-*` folder, so a later run can tell it
    is ours and remove it if this run is killed."""
    mark = Path(multiprocessing.util.get_temp_dir()) / MARK
    if not mark.exists():
        mark.write_text(str(os.getpid()), "ascii")


def remove_stale() -> list[Path]:
    """Remove our temporary folders whose process is gone; returns what was removed."""
    removed = []
    for folder in Path(tempfile.gettempdir()).iterdir():
        if _stale(folder):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    if removed:
        log.info("removed %d temporary folder(s) left by killed runs", len(removed))
    return removed


def _stale(folder: Path) -> bool:
    if folder.is_symlink() or not folder.is_dir():
        return False
    match = _OCR_FOLDER.fullmatch(folder.name)
    if match:
        return not alive(int(match[1]))
    if folder.name.startswith("pymp-"):
        try:
            pid = int((folder / MARK).read_text("ascii"))
        except (OSError, ValueError):
            return False  # not ours, or not marked
        return pid != os.getpid() and not alive(pid)
    return False
