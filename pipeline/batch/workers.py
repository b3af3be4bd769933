"""Where documents are extracted: worker processes on this machine, or a Dask cluster.

Both run the same unit of work (batch.unit.process_file), one document per call, and yield
results as they finish (the run sorts rows afterwards, so order never shows in the output).
A document that runs past the time limit becomes a `DocumentTimeout` errors row: its worker
is killed with its process group (Tesseract included) and replaced. On Dask, each worker
thread extracts in a child process of its own (`pipeline.batch.isolated`), so the same time and
memory limits hold there."""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import resource
import signal
import sys
import time
import types
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import spawn
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from ita_extract.parsers.formats import is_pdf
from ita_extract.pipeline.batch.isolated import process_in_child
from ita_extract.pipeline.batch.leftovers import mark_multiprocessing_folder, remove_worker_folders
from ita_extract.pipeline.batch.unit import Result, process_file, timed_out, worker_died

_CHILD_ENV = "ITA_OCR_THREADS"
_MAIN_SCRIPT_ENV = "ITA_EXTRACT_MAIN_SCRIPT"
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Task:
    path: str  # absolute
    sha256: str
    time_limit: float  # seconds; 0 = none
    memory_mb: float = 0  # address space a worker may use (RLIMIT_AS); 0 = none


def run_local(tasks: list[Task], workers: int,
              started: Callable[[Task], None] | None = None) -> Generator[tuple[Task, Result], None, None]:
    """Results of `tasks` from `workers` processes, one document at a time each; `started` is
    told of each task as a worker takes it (the progress bar shows what is being read)."""
    if not tasks:
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["ita_extract.pipeline.batch.preload"])
    mark_multiprocessing_folder()
    memory = int(tasks[0].memory_mb * 2**20)
    with main_script_for_server():
        pool = [_Worker(context, workers, memory) for _ in range(min(workers, len(tasks)))]
    queue = list(reversed(tasks))
    try:
        while queue or any(w.task for w in pool):
            for worker in pool:
                if worker.task is None and queue:
                    task = queue.pop()
                    if started is not None:
                        started(task)
                    worker.start(task)
            busy = [w for w in pool if w.task is not None]
            ready = wait([w.conn for w in busy], timeout=_next_deadline(busy))
            for worker in busy:
                if worker.conn in ready:
                    task, result = worker.finish()
                    if is_pdf(task.path) and queue:
                        worker.replace()  # pdfium keeps font state between documents (see _serve)
                    yield task, result
                elif worker.task is not None and worker.overdue():
                    yield worker.task, timed_out(worker.task.sha256, worker.task.time_limit)
                    worker.replace()
    finally:
        for worker in pool:
            worker.stop()


@contextmanager
def main_script_for_server() -> Iterator[None]:
    """Tell the worker server, while it starts, which script the run was started from, so that
    it imports it once (pipeline.batch.preload) and no worker imports it again.

    Each process the forkserver forks imports the parent's main script before its first task
    (70 ms for the CLI's, which imports the whole dataset room), and a worker is replaced after
    every PDF. Python's own `set_forkserver_preload(["__main__"])` does not reach the server in
    the Pythons we support (python/cpython#126631, fixed upstream in 2025), so the path goes by
    the environment, which the server inherits when it starts; it is taken out again once the
    workers are running."""
    main_path = spawn.get_preparation_data("ignore").get("init_main_from_path")
    if main_path:
        os.environ[_MAIN_SCRIPT_ENV] = main_path
    try:
        yield
    finally:
        os.environ.pop(_MAIN_SCRIPT_ENV, None)


class NestedRun(RuntimeError):
    """A run started while a worker imports the script the run was started from: the script
    calls ita_extract at its top level, without `if __name__ == "__main__":`."""


def refuse_nested_run() -> None:
    """Raise NestedRun when called while this process imports the parent's script (what
    multiprocessing marks `_inheriting`): the run would start workers of its own, each of them
    importing the script again."""
    if getattr(multiprocessing.current_process(), "_inheriting", False):
        raise NestedRun("a run was started while a worker imported the script that started it: "
                        "put the call under `if __name__ == \"__main__\":`")


def import_main_script() -> None:
    """In the worker server: import the script named by main_script_for_server as __mp_main__,
    as the forkserver itself does for a preloaded "__main__" where that works. A script that
    cannot be imported again (one that calls ita_extract.extract() at its top level, with no
    main guard) is stood in for by an empty module: the workers need nothing of it, and would
    each fail importing it (every document a WorkerDied row)."""
    path = os.environ.pop(_MAIN_SCRIPT_ENV, None)
    if not path:
        return
    current = multiprocessing.current_process()
    current._inheriting = True  # type: ignore[attr-defined]  # what spawn.prepare sets, too
    try:
        spawn.import_main_path(path)
    except BaseException:  # noqa: BLE001 - the script's own failure, or its SystemExit
        stand_in = types.ModuleType("__mp_main__")
        stand_in.__file__ = path
        sys.modules["__main__"] = sys.modules["__mp_main__"] = stand_in
    finally:
        del current._inheriting  # type: ignore[attr-defined]


def _next_deadline(busy: list[_Worker]) -> float | None:
    deadlines = [w.deadline for w in busy if w.deadline]
    return max(0.0, min(deadlines) - time.monotonic()) if deadlines else None


class _Worker:
    def __init__(self, context: Any, workers: int, memory: int = 0) -> None:
        self.context, self.workers, self.memory = context, workers, memory
        self.task: Task | None = None
        self.deadline = 0.0
        self._spawn()

    def _spawn(self) -> None:
        self.conn, child = self.context.Pipe()
        threads = os.environ.get(_CHILD_ENV) or str(max(1, (os.cpu_count() or 1) // self.workers))
        self.process = self.context.Process(target=_serve, args=(child, threads, self.memory), daemon=True)
        self.process.start()
        child.close()

    def start(self, task: Task) -> None:
        self.task = task
        self.deadline = time.monotonic() + task.time_limit if task.time_limit else 0.0
        self.conn.send(task)

    def finish(self) -> tuple[Task, Result]:
        task, self.task = self.task, None
        assert task is not None
        try:
            result = self.conn.recv()
        except (EOFError, OSError):  # the worker died (out of memory, a crash in C code)
            result = worker_died(task.sha256, self.memory)
            self.replace()
            return task, result
        if result.ran_out_of_memory:
            self.replace()
        return task, result

    def overdue(self) -> bool:
        return bool(self.deadline) and time.monotonic() >= self.deadline

    def replace(self) -> None:
        self._kill()
        self.task = None
        self._spawn()

    def _kill(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            self.process.kill()
        self.process.join()
        self.conn.close()
        remove_worker_folders(self.process.pid)  # killed mid-OCR, it never cleaned up

    def stop(self) -> None:
        if self.process.is_alive():
            if self.task is None:
                try:
                    self.conn.send(None)
                    self.process.join(timeout=5)
                except OSError:
                    pass
            if self.process.is_alive():
                self._kill()


def _serve(conn: Connection, ocr_threads: str, memory: int = 0) -> None:
    """A worker process: its own process group (so a kill reaches Tesseract too), its address
    space bounded by the OS (so a bomb nobody foresaw fails this document, not the machine).

    After a PDF the run replaces the worker with a fresh fork of the preloaded server: pdfium
    keeps font state between documents (a damaged or missing font is substituted from a
    cache that earlier documents filled), so a PDF's characters, and so its text, would depend
    on which documents the worker read before it, and the tables on the worker count."""
    os.setpgrp()
    _die_with_parent()
    if memory:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    os.environ.setdefault(_CHILD_ENV, ocr_threads)
    # Errors reach the parent as errors rows, which it logs; here only crashes are worth a line.
    logging.basicConfig(level=logging.ERROR, format="%(levelname)s worker %(process)d %(message)s")
    while True:
        try:
            task = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if task is None:
            return
        conn.send(process_file(Path(task.path)))


def _die_with_parent() -> None:
    """Linux: be killed when the worker server dies, which it does when the run dies (even by
    kill -9), so no orphan keeps extracting for a run that is gone."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() == 1:  # the server died before the line above: nobody to work for
            os._exit(1)


def run_dask(tasks: list[Task], address: str) -> Generator[tuple[Task, Result], None, None]:
    """Results of `tasks` from the Dask distributed scheduler at `address`."""
    from distributed import Client, as_completed  # optional: pip install 'ita-extract[dask]'

    if not tasks:
        return
    with Client(address) as client:
        futures = {client.submit(process_within_limits, task, pure=False): task for task in tasks}
        for future in as_completed(futures):
            yield futures[future], future.result()


def process_within_limits(task: Task) -> Result:
    """The unit of work in a child process of this Dask worker thread, under the memory limit and
    killed at the time limit (a Dask worker itself takes neither)."""
    memory = int(task.memory_mb * 2**20)
    return process_in_child(task.path, task.sha256, task.time_limit, memory)
