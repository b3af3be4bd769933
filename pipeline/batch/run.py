"""A run over a raw folder: discover inputs, reuse what the cache holds, extract the rest in
parallel, write the dataset once, as a whole, under a lock."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import sys
import threading
import uuid
from collections.abc import Generator, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from tqdm import tqdm
from tqdm.contrib.logging import logging_redirect_tqdm

from ita_extract import __version__
from ita_extract.parsers.formats import format_of
from ita_extract.parsers.tesseract import tesseract_available
from ita_extract.parsers.warnings import NEEDS_OCR
from ita_extract.pipeline.batch.cache import HashIndex, ResultCache
from ita_extract.pipeline.batch.inputs import (
    UNSUPPORTED,
    Discovered,
    discover,
    printable,
    source_path,
)
from ita_extract.pipeline.batch.leftovers import remove_stale
from ita_extract.pipeline.batch.options import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    RunOptions,
)
from ita_extract.pipeline.batch.results import MEMORY_LIMIT, Result
from ita_extract.pipeline.batch.workers import Task, refuse_nested_run, run_dask, run_local
from ita_extract.pipeline.dataset.checksums import sha256_file
from ita_extract.pipeline.dataset.contract import CONTRACT_VERSION
from ita_extract.pipeline.dataset.errors import error_row
from ita_extract.pipeline.dataset.report import write_report
from ita_extract.pipeline.dataset.store import (
    OutputFolderError,
    keep_dataset,
    output_lock,
    outputs_intact,
    previous_manifest,
    recover,
)
from ita_extract.pipeline.dataset.validation import Row, Rows, SchemaError, Tables, validated
from ita_extract.pipeline.dataset.writer import write_documents

log = logging.getLogger(__name__)

# Failures that may pass on a quieter machine or with more memory: tried once more on the next
# run, once per code version (a cache marker), then carried over like any failure.
RETRIED_ONCE = frozenset({"DocumentTimeout", "WorkerDied", MEMORY_LIMIT})
CACHE_ENTRY_UNUSABLE = "CacheEntryUnusable"


@dataclass
class CompletedRun:
    """What `run` returns: the manifest it wrote, and the exit code it stands for."""

    manifest: dict[str, Any]

    @property
    def exit_code(self) -> int:
        return EXIT_SOME_FAILED if self.manifest["inputs"]["failed"] else EXIT_OK


def run(raw_root: Path, out_dir: Path, options: RunOptions | None = None) -> CompletedRun:
    """Extract every input below `raw_root` into `out_dir`; raises OutputLocked when another
    run holds `out_dir`."""
    options = options or RunOptions()
    refuse_nested_run()
    problem = raw_inside_output(raw_root, out_dir)
    if problem:
        raise OutputFolderError(problem)
    remove_stale()
    with output_lock(out_dir):
        recover(out_dir)
        return _run(raw_root.resolve(), out_dir, options)


def raw_inside_output(raw_root: Path, out_dir: Path) -> str | None:
    """Why the raw folder cannot be read into `out_dir` (it is the output folder or lies inside
    it: a run would read its own tables back), else None. The output folder inside the raw
    folder is fine: the walk skips it."""
    raw, out = Path(os.path.realpath(raw_root)), Path(os.path.realpath(out_dir))
    if raw == out or out in raw.parents:
        return f"the raw folder {raw_root} lies inside the output folder {out_dir}: choose another --out"
    return None


@dataclass
class _Inputs:
    """What a run found below the raw root, each readable file hashed."""
    root: Path
    files: list[Path]
    discovered: Discovered
    index: HashIndex
    paths_of: dict[str, list[str]] = field(default_factory=dict)  # sha256 → paths, first kept
    real_path: dict[str, Path] = field(default_factory=dict)  # source_path → the file on disk
    unreadable: list[Row] = field(default_factory=list)  # errors rows of files and folders not read

    @classmethod
    def read(cls, raw_root: Path, out_dir: Path, options: RunOptions) -> _Inputs:
        discovered = discover(raw_root, follow_symlinks=options.follow_symlinks, output=out_dir,
                              max_depth=options.max_depth)
        found = cls(raw_root, discovered.inputs, discovered, HashIndex(out_dir, trusted=not options.force))
        for folder, reason in discovered.unreadable_folders.items():
            found.fail(folder, "UnreadableFolder", f"the folder cannot be listed: {reason}")
        for path in found.files:
            relative = source_path(path, raw_root)
            found.real_path[relative] = path
            if _too_large(path, options, found):
                continue
            try:
                digest = found.index.sha256(path, relative, lambda p: _hash_within(p, options.time_limit))
                found.paths_of.setdefault(digest, []).append(relative)
            except ReadTimeout as exc:
                found.fail(path, "ReadTimeout", str(exc))
            except OSError as exc:
                found.fail(path, type(exc).__name__, exc.strerror or str(exc))
        return found

    def fail(self, path: Path, error_type: str, message: str) -> None:
        """An errors row for a file or folder the run cannot read, logged once."""
        row = {**error_row("read", error_type, message), "source_path": source_path(path, self.root)}
        _log_error(row["source_path"], row)
        self.unreadable.append(row)

    def fingerprint(self, code_key: str) -> str:
        """What the tables are a function of: every path with its bytes' hash, and the code."""
        digest = hashlib.sha256(f"{code_key}\n{CONTRACT_VERSION}\n".encode())
        listed = sorted((path, sha) for sha, paths in self.paths_of.items() for path in paths)
        listed += sorted((row["source_path"], "unreadable") for row in self.unreadable)
        for path, sha in listed:
            digest.update(f"{path}\t{sha}\n".encode())
        return digest.hexdigest()

    def counts(self) -> dict[str, Any]:
        return {
            "seen": len(self.files),
            "duplicates": {paths[0]: paths[1:] for paths in self.paths_of.values() if len(paths) > 1},
            "removed": self.index.removed(),
            "skipped_unsupported": [source_path(p, self.root) for p, why in self.discovered.skipped.items()
                                    if why == UNSUPPORTED],
            "skipped": {source_path(p, self.root): why for p, why in self.discovered.skipped.items()
                        if why != UNSUPPORTED},
            "unreadable_folders": {source_path(p, self.root): why
                                   for p, why in self.discovered.unreadable_folders.items()},
        }


class ReadTimeout(Exception):
    """Reading a file to hash it took longer than the time limit."""


def _hash_within(path: Path, seconds: float) -> str:
    """The file's SHA-256, given up after `seconds`: a file on a hung share, or one that never
    ends, must not hold the run before any time limit applies. The reading thread is a daemon,
    so one stuck for good does not keep the process from exiting."""
    if not seconds:
        return sha256_file(path)
    box: list[str | BaseException] = []

    def read() -> None:
        try:
            box.append(sha256_file(path))
        except BaseException as exc:  # handed to the caller's thread
            box.append(exc)

    thread = threading.Thread(target=read, name="hash", daemon=True)
    thread.start()
    thread.join(seconds)
    if not box:
        raise ReadTimeout(f"reading it took longer than the {seconds:g} s time limit (--time-limit): a file "
                          "on a hung share, or one that never ends")
    if isinstance(box[0], BaseException):
        raise box[0]
    return box[0]


def _too_large(path: Path, options: RunOptions, found: _Inputs) -> bool:
    """An input over the size limit of its kind becomes an errors row, unread."""
    found_format = format_of(path)
    if found_format is None:
        return False
    kind = found_format.kind.name
    limit = options.max_mb.get(kind, 0)
    try:
        size = path.stat().st_size
    except OSError:
        return False  # reading it will say what is wrong
    if not limit or size <= limit * 2**20:
        return False
    found.fail(path, "InputTooLarge", f"{size / 2**20:.1f} MiB, over the {limit:g} MiB limit for {kind} "
               f"inputs (--max-{kind}-mb)")
    return True


def _run(raw_root: Path, out_dir: Path, options: RunOptions) -> CompletedRun:
    started = _now()
    found = _Inputs.read(raw_root, out_dir, options)
    cache = ResultCache(out_dir)
    fingerprint = found.fingerprint(cache.key)
    header = {"started_at": started, "raw_root": str(raw_root), "cache_key": cache.key,
              "executor": options.scheduler or f"local, {options.worker_count} workers",
              "inputs_fingerprint": fingerprint}
    previous = previous_manifest(out_dir)
    if _unchanged_since(previous, out_dir, fingerprint, options):  # the same tables: keep them
        inputs = {**previous["inputs"], **found.counts(), "extracted": 0, "reused": len(found.paths_of)}
        _log_carried_failures(out_dir, {row["source_path"] for row in found.unreadable})
        kept = keep_dataset(out_dir, _manifest(header, inputs), previous["outputs"], options.keep_runs,
                            finish=write_report)
        found.index.save()
        return CompletedRun(kept)
    if cache.remove_leftovers():
        log.info("removed temporary cache entries left by a killed run")
    retries = cache.pending_retries()
    tasks = _tasks(found, cache, options, _ocr_now_possible(previous), retries)
    if tasks:
        _load_the_writers_imports_while_workers_read()
    in_memory: dict[str, Rows] = {}  # results the cache could not keep (a full disk)
    timed_out: list[str] = []
    to_retry: list[str] = []
    failed_now = 0
    # Closed here, not when garbage is collected: Ctrl-C or SIGTERM stops the workers at once.
    running = Running()
    try:
        with closing(_process(tasks, options, running)) as results, \
                closing(_progress(results, len(tasks), options.progress, running)) as progress:
            for task, result in progress:
                timed_out_now = _take(task, result, found, cache, retries, in_memory, to_retry)
                failed_now += result.error is not None
                timed_out += [found.paths_of[task.sha256][0]] if timed_out_now else []
    finally:
        cache.sync()  # what a stopped run extracted is kept, durable
    for path, why in found.discovered.skipped.items():
        log.info("skipped %s: %s", source_path(path, raw_root), why)
    written = _Written()

    def manifest() -> dict[str, Any]:
        return _manifest(header, {
            **found.counts(),
            "extracted": len(tasks) - failed_now,
            "reused": len(found.paths_of) - len(tasks),
            "failed": written.errors,
            "timed_out": sorted(timed_out),
            "to_retry": sorted(to_retry + written.to_retry),  # tried again on the next run
            NEEDS_OCR: sorted(written.needs_ocr),  # files whose documents carry the warning
        })

    fresh = {task.sha256 for task in tasks}
    documents = _documents(found, cache, in_memory, written, fresh)
    summary = write_documents(out_dir, documents, manifest, options.keep_runs, finish=write_report)
    found.index.save()
    cache.drop_other_versions()
    return CompletedRun(summary)


def _load_the_writers_imports_while_workers_read() -> None:
    """Turning rows into Arrow arrays loads pandas (pyarrow asks whether each list is a pandas
    object: 0.1–0.2 s), and this process waits on the worker server and the workers before it
    writes anything: the import is made in that wait, in a thread (pyarrow's check is locked)."""
    threading.Thread(target=pa.array, args=([],), name="ita-writer-imports", daemon=True).start()


def _take(task: Task, result: Result, found: _Inputs, cache: ResultCache, retries: set[str],
          in_memory: dict[str, Rows], to_retry: list[str]) -> bool:
    """Log, cache and mark a finished document's result; whether it timed out."""
    name = found.paths_of[task.sha256][0]
    error_type = _log_failure(result, name)
    if not cache.put(task.sha256, result.rows):
        in_memory[task.sha256] = result.rows
    first_try = error_type in RETRIED_ONCE and task.sha256 not in retries
    cache.mark_retry(task.sha256, first_try)
    to_retry += [name] if first_try else []
    return error_type == "DocumentTimeout"


def _tasks(found: _Inputs, cache: ResultCache, options: RunOptions, redo: set[str],
           retries: set[str]) -> list[Task]:
    """A task for every file the cache cannot answer for (all of them with --force), whose
    failure is to be tried once more (`retries`), or that OCR can now read (`redo`)."""
    return [Task(str(found.real_path[paths[0]]), sha, options.time_limit, options.worker_memory_mb)
            for sha, paths in found.paths_of.items()
            if options.force or sha in retries or not cache.has(sha) or redo.intersection(paths)]


def _log_failure(result: Result, name: str) -> str | None:
    """The error type of a failed result (of the input named `name`), logged; None for a success."""
    if result.error is None:
        return None
    _log_error(name, result.error)
    return result.error["error_type"]


def _log_error(path: str, error: dict[str, Any], carried: bool = False) -> None:
    """One line per failed input; a failure kept from an earlier run says so."""
    note = "; carried over from an earlier run" if carried else ""
    log.warning("%s: %s (%s%s)", path, error["message"], error["error_type"], note)


@dataclass
class _Written:
    """What went into the tables, counted as it streams by."""
    errors: int = 0
    needs_ocr: list[str] = field(default_factory=list)
    to_retry: list[str] = field(default_factory=list)  # cache entries refused: extracted next run


def _log_carried_failures(out_dir: Path, logged: set[str]) -> None:
    """Failures kept from an earlier run are logged again: a cron log must say every run that
    some inputs failed, not only the run that first met them."""
    try:
        errors = pq.read_table(out_dir / "errors.parquet").to_pylist()
    except (OSError, ValueError):
        return
    for error in errors:
        if error["source_path"] not in logged:
            _log_error(error["source_path"], error, carried=True)


def _documents(found: _Inputs, cache: ResultCache, in_memory: dict[str, Rows],
               written: _Written, fresh: set[str]) -> Iterator[Tables]:
    """Each document's tables in doc_id order (the order the tables are sorted in), under the
    first of its paths, read back from the cache one at a time and checked against the
    contract on their way to the writer; then the unreadable files. A failure read from the
    cache is logged again (this run's own were logged as they came)."""
    for sha in sorted(found.paths_of):
        first = found.paths_of[sha][0]
        rows = in_memory.get(sha) or cache.get(sha)
        tables = _checked(rows, first) if rows is not None else None
        if tables is None:  # rows that do not fit the contract: never extracted here, unbounded
            cache.drop(sha)
            rows = {"errors": [error_row("cache", CACHE_ENTRY_UNUSABLE, "its cached result does not fit "
                                         "the contract; it is extracted again on the next run", sha)]}
            _log_error(first, rows["errors"][0])
            written.to_retry.append(first)
            tables = validated(_named(rows, first))
        elif sha not in fresh and rows is not None:
            for error in rows.get("errors", []):
                _log_error(first, error, carried=True)
        written.errors += _count(tables, "errors")
        if _count(tables, "documents"):
            written.needs_ocr += [first for warnings in tables["documents"].column("warnings").to_pylist()
                                  if NEEDS_OCR in (warnings or [])]
        yield tables
    written.errors += len(found.unreadable)
    yield validated({"errors": found.unreadable})


def _named(rows: Rows, source_path: str) -> Rows:
    """The rows with the file's name: the first of the paths its bytes stand under."""
    return {table: [{**row, "source_path": source_path} for row in table_rows]
            if table in ("documents", "errors") else table_rows for table, table_rows in rows.items()}


def _checked(rows: Rows, source_path: str) -> Tables | None:
    """The rows as the contract's tables; None when they do not fit it (an edited cache entry)."""
    try:
        return validated(_named(rows, source_path))
    except (SchemaError, TypeError, AttributeError) as exc:
        log.warning("%s: its cached rows do not fit the contract (%s)", source_path, exc)
        return None


def _count(tables: Tables, name: str) -> int:
    return tables[name].num_rows if name in tables else 0


def _manifest(header: dict[str, Any], inputs: dict[str, Any]) -> dict[str, Any]:
    return {"run_id": uuid.uuid4().hex, **header, "finished_at": _now(),
            "parser_version": __version__, "contract_version": CONTRACT_VERSION, "inputs": inputs}


def _unchanged_since(previous: dict[str, Any], out_dir: Path, fingerprint: str, options: RunOptions) -> bool:
    """Whether the last run's tables are exactly what this run would write: same inputs, same
    code, nothing to retry (time-outs, dead workers, memory limits) or now possible (OCR),
    files intact."""
    inputs = previous.get("inputs", {})
    return not options.force and previous.get("inputs_fingerprint") == fingerprint \
        and not inputs.get("to_retry") and not _ocr_now_possible(previous) \
        and outputs_intact(out_dir, previous.get("outputs", {}))


def _ocr_now_possible(previous: dict[str, Any]) -> set[str]:
    """Files the last run recorded as needing OCR, when Tesseract is now installed."""
    needs_ocr = previous.get("inputs", {}).get(NEEDS_OCR) or []
    return set(needs_ocr) if needs_ocr and tesseract_available() else set()


def _process(tasks: list[Task], options: RunOptions,
             running: Running | None = None) -> Generator[tuple[Task, Result], None, None]:
    if options.scheduler:
        return run_dask(tasks, options.scheduler)
    return run_local(tasks, options.worker_count, running.started if running else None)


class Running:
    """The documents being read now, as the workers take them (run_local's `started`), for the
    progress bar: a long OCR shows its file, not the file that finished before it."""

    def __init__(self) -> None:
        self._names: dict[str, None] = {}
        self._lock = threading.Lock()
        self.reported = False  # whether any start was reported (Dask reports none)

    def started(self, task: Task) -> None:
        with self._lock:
            self.reported = True
            self._names[printable(Path(task.path).name[-40:])] = None

    def finished(self, task: Task) -> None:
        with self._lock:
            self._names.pop(printable(Path(task.path).name[-40:]), None)

    def text(self) -> str:
        with self._lock:
            names = list(self._names)
        more = f" +{len(names) - _SHOWN_RUNNING}" if len(names) > _SHOWN_RUNNING else ""
        return ("reading " + ", ".join(names[:_SHOWN_RUNNING]) + more) if names else ""


_SHOWN_RUNNING = 2
_REFRESH_SECONDS = 1.0  # the bar's elapsed time and rate move at least this often


def _progress(results: Iterable[tuple[Task, Result]], total: int, enabled: bool,
              running: Running | None = None) -> Generator[tuple[Task, Result], None, None]:
    """Pass results through under a progress bar on stderr (documents, rate, ETA, the files
    being read); log lines are printed above the bar, not glued onto it. A thread refreshes the
    bar every second, so its clock moves while a long scan is OCR'd."""
    if not enabled or not total:
        yield from results
        return
    running = running or Running()
    with logging_redirect_tqdm(), tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True,
                                       smoothing=0.05, mininterval=0.5) as bar:
        stop = threading.Event()
        ticker = threading.Thread(target=_tick, args=(bar, running, stop), name="ita-progress", daemon=True)
        ticker.start()
        try:
            for task, result in results:
                running.finished(task)
                shown = running.text() if running.reported else printable(Path(task.path).name[-40:])
                bar.set_postfix_str(shown, refresh=False)
                bar.update()
                yield task, result
        finally:
            stop.set()
            ticker.join()


def _tick(bar: Any, running: Running, stop: threading.Event) -> None:
    while not stop.wait(_REFRESH_SECONDS):
        if running.reported:
            bar.set_postfix_str(running.text(), refresh=False)
        bar.refresh()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
