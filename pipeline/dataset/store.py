"""The output folder: each run in a folder of its own, switched in whole, under a lock.

Each run writes its tables and manifest.json into a folder of its own, `OUT/runs/run-NNNNNN/`
(built as `runs/.new-*` and renamed once durable), then switches the symlink `OUT/current` to
it with one rename. `OUT/<table>.parquet` and `OUT/manifest.json` are fixed relative links
through `current`, so a reader that resolves `OUT/current` once sees the tables of one run,
however many runs finish meanwhile. Killed at any moment, the previous run stays current and
whole; the next run clears what the killed one left. The previous run's folder is kept (for
readers still in it), older ones are removed. A lock on `OUT/.lock` keeps a second run out.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import logging
import os
import re
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ita_extract.pipeline.dataset.checksums import sha256_file
from ita_extract.pipeline.dataset.layout import CURRENT as CURRENT
from ita_extract.pipeline.dataset.layout import DEFAULT_KEEP_RUNS as DEFAULT_KEEP_RUNS
from ita_extract.pipeline.dataset.layout import MANIFEST as MANIFEST
from ita_extract.pipeline.dataset.layout import REPORT as REPORT
from ita_extract.pipeline.dataset.layout import REPORT_PAGES as REPORT_PAGES
from ita_extract.pipeline.dataset.layout import RUNS as RUNS
from ita_extract.pipeline.dataset.lookups import PREFIX as LOOKUP_PREFIX
from ita_extract.pipeline.dataset.lookups import lookup_names
from ita_extract.pipeline.dataset.schema import TABLES

Finish = Callable[[Path, dict[str, Any]], None]  # (staged run folder, its manifest) → more files in it
_NEW, _RUN_NAME = ".new-", re.compile(r"run-(\d{6,})")
_LEGACY_STAGING = ".staging"  # where the flat layout staged its tables; its journal is never replayed
log = logging.getLogger(__name__)


class OutputLocked(RuntimeError):
    """Another run holds the output folder."""


@contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Hold `out_dir/.lock` for a run; a second run on the same folder is refused at once.

    flock is released by the kernel when the process dies, so a killed run leaves no stale
    lock behind."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / ".lock"
    if path.is_symlink():  # planted: writing the pid through it would truncate another file
        log.error("%s is a symlink; removed, the lock is a plain file", path)
        path.unlink()
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    with open(fd, "a+", encoding="utf-8") as handle:
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


class OutputFolderError(RuntimeError):
    """OUT holds something in a place the writer needs (a real folder named `current`, say)."""


def published_names() -> list[str]:
    """The files (and the report's folder of pages) a reader finds in OUT: each a link through
    `current`."""
    return [*output_names(), MANIFEST, REPORT, REPORT_PAGES]


def output_names() -> list[str]:
    """The Parquet files of a run: every table, and every lookup (dataset.lookups)."""
    lookups = [f"{LOOKUP_PREFIX}{name}.parquet" for name in lookup_names()]
    return [f"{name}.parquet" for name in TABLES] + lookups


def current_run(out_dir: Path) -> Path | None:
    """The folder of the run `OUT/current` points at, or None (no run yet, or a link this
    writer did not make)."""
    link = out_dir / CURRENT
    if not link.is_symlink():
        return None
    match = re.fullmatch(rf"{RUNS}/({_RUN_NAME.pattern})", os.readlink(link))
    folder = out_dir / RUNS / match[1] if match else None
    return folder if folder is not None and folder.is_dir() and not folder.is_symlink() else None


class NoRun(RuntimeError):
    """OUT holds no run to read (nothing extracted there yet)."""


def run_tables(out_dir: Path) -> Path:
    """The folder holding the tables a reader of OUT should take: the current run's, or OUT
    itself when it is a plain folder of tables (copied elsewhere, say)."""
    folder = current_run(out_dir)
    if folder is not None:
        return folder
    if all((out_dir / f"{name}.parquet").is_file() for name in TABLES):
        return out_dir
    raise NoRun(f"no run found in {out_dir} (no {CURRENT} link): run `ita-extract extract` first")


def recover(out_dir: Path) -> None:
    """Clear what a killed run left (a run folder never switched to, a half-made link) and
    make the published links point through `current` again. An older version's staging
    folder is thrown away unread: a journal in it, planted or not, moves nothing."""
    _remove(out_dir / _LEGACY_STAGING)
    _remove(out_dir / f".{CURRENT}.new")
    runs = _runs_folder(out_dir)
    current = current_run(out_dir)
    newest = (_run_number(current.name) if current else None) or -1
    for entry in sorted(runs.iterdir()):
        number = _run_number(entry.name)
        if entry.name.startswith(_NEW) or entry.is_symlink() or (number is not None and number > newest):
            _remove(entry)
    if current:
        _link_tables(out_dir)


def _run_number(name: str) -> int | None:
    match = _RUN_NAME.fullmatch(name)
    return int(match[1]) if match else None


def _runs_folder(out_dir: Path) -> Path:
    runs = out_dir / RUNS
    if runs.is_symlink():  # the writer never makes one: a planted link would send runs elsewhere
        log.error("%s is a symlink; removed, the runs are kept in a real folder", runs)
        runs.unlink()
    try:
        runs.mkdir(exist_ok=True)
    except FileExistsError:
        raise OutputFolderError(f"{runs} is a file; the runs folder goes there: move it away") from None
    return runs


def _remove(path: Path) -> None:
    """Remove a file, a link (never what it points at) or a folder below OUT."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


def new_run_folder(out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    recover(out_dir)
    folder = _runs_folder(out_dir) / f"{_NEW}{uuid.uuid4().hex}"
    folder.mkdir()
    return folder


def _next_run_name(out_dir: Path) -> str:
    numbers = [_run_number(p.name) for p in (out_dir / RUNS).iterdir()]
    return f"run-{max([n for n in numbers if n is not None], default=0) + 1:06d}"


def commit(out_dir: Path, staged: Path, manifest: dict[str, Any], keep_runs: int,
            finish: Finish | None = None) -> dict[str, Any]:
    """Make the staged run durable, rename it into place and switch `current` to it."""
    name = _next_run_name(out_dir)
    manifest = {**manifest, "run_folder": f"{RUNS}/{name}"}
    text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    _durable(staged / MANIFEST, lambda path: path.write_text(text, "utf-8"))
    if finish is not None:  # e.g. report.html, made from the staged tables, switched with them
        finish(staged, manifest)
    _fsync_dir(staged)
    os.rename(staged, out_dir / RUNS / name)
    _fsync_dir(out_dir / RUNS)
    _switch(out_dir, f"{RUNS}/{name}")
    _link_tables(out_dir)
    _prune(out_dir, keep_runs)
    return manifest


def _replace_with_link(link: Path, target: str) -> None:
    """Point `link` at `target` with one rename, whatever stood there (a file of an older
    layout, a planted link); a real folder in the way is refused."""
    if link.is_symlink() and os.readlink(link) == target:
        return
    if link.is_dir() and not link.is_symlink():
        raise OutputFolderError(f"{link} is a folder; the writer keeps a link there: move it away")
    temporary = link.with_name(f".{link.name}.new")
    _remove(temporary)
    os.symlink(target, temporary)
    os.replace(temporary, link)


def _switch(out_dir: Path, target: str) -> None:
    _replace_with_link(out_dir / CURRENT, target)
    _fsync_dir(out_dir)


def _link_tables(out_dir: Path) -> None:
    for name in published_names():
        _replace_with_link(out_dir / name, f"{CURRENT}/{name}")
    _fsync_dir(out_dir)


def _prune(out_dir: Path, keep_runs: int) -> None:
    """Keep the current run and the `keep_runs - 1` before it (runs are numbered in the order
    they were made, and none newer than the current one survives `recover`); remove older ones."""
    current = current_run(out_dir)
    numbered = {p: n for p in (out_dir / RUNS).iterdir()
                if (n := _run_number(p.name)) is not None and p.is_dir() and not p.is_symlink()}
    runs = sorted(numbered, key=numbered.__getitem__, reverse=True)
    kept = {current, *runs[:max(keep_runs, 1)]} if current else set(runs)
    for folder in runs:
        if folder not in kept:
            shutil.rmtree(folder)


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


def keep_dataset(out_dir: Path, manifest: dict[str, Any], outputs: dict[str, Any],
                 keep_runs: int = DEFAULT_KEEP_RUNS, finish: Finish | None = None) -> dict[str, Any]:
    """Record a run whose tables would be byte for byte those already written: a new run
    folder holding hard links to the current tables and the new manifest.json."""
    current = current_run(out_dir)
    staging = new_run_folder(out_dir)
    for name in outputs:
        source = (current or out_dir) / name
        try:
            os.link(source, staging / name)
        except OSError:  # a file system without hard links
            shutil.copyfile(source, staging / name)
    return commit(out_dir, staging, {**manifest, "outputs": outputs}, keep_runs, finish)


def previous_manifest(out_dir: Path) -> dict[str, Any]:
    """The manifest of the last run, or {} when there is none or it cannot be read."""
    try:
        return json.loads((out_dir / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}


def outputs_intact(out_dir: Path, outputs: dict[str, Any]) -> bool:
    """Whether every table file is on disk with the checksum the manifest gives it."""
    expected = set(output_names())
    return set(outputs) == expected and all(
        (out_dir / name).is_file() and sha256_file(out_dir / name) == output.get("sha256")
        for name, output in outputs.items())
