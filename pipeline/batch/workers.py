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
from collections.abc import Callable, Generator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from ita_extract.pipeline.batch.isolated import process_in_child
from ita_extract.pipeline.batch.leftovers import mark_multiprocessing_folder, remove_worker_folders
from ita_extract.pipeline.batch.results import Result, timed_out, worker_died
from ita_extract.pipeline.batch.server import start_server

_CHILD_ENV = "ITA_OCR_THREADS"
# A worker serves this many documents, then a fresh fork of the server takes over: whatever a
# long run leaves in a worker's heap (fragmentation, caches of past documents) stays bounded.
DOCUMENTS_PER_WORKER = 200
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
    context = start_server()
    mark_multiprocessing_folder()
    memory = int(tasks[0].memory_mb * 2**20)
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
                    if worker.served >= DOCUMENTS_PER_WORKER and queue:
                        worker.replace()
                    yield task, result
                elif worker.task is not None and worker.overdue():
                    yield worker.task, timed_out(worker.task.sha256, worker.task.time_limit)
                    worker.replace()
    finally:
        for worker in pool:
            worker.stop()


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


def _next_deadline(busy: list[_Worker]) -> float | None:
    deadlines = [w.deadline for w in busy if w.deadline]
    return max(0.0, min(deadlines) - time.monotonic()) if deadlines else None


class _Worker:
    def __init__(self, context: Any, workers: int, memory: int = 0) -> None:
        self.context, self.workers, self.memory = context, workers, memory
        self.task: Task | None = None
        self.deadline = 0.0
        self.served = 0  # documents this process has extracted
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
        self.served += 1
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
        self.served = 0
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

    Each document starts from a fresh pdfium (parsers.pdf.fresh_pdfium): pdfium keeps font
    state between documents, so a PDF's text would otherwise depend on which documents the
    worker read before it, and the tables on the worker count. (A fresh fork of the server per PDF
    did that before, at 15 ms a PDF.)"""
    os.setpgrp()
    _die_with_parent()
    if memory:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    os.environ.setdefault(_CHILD_ENV, ocr_threads)
    # Errors reach the parent as errors rows, which it logs; here only crashes are worth a line.
    logging.basicConfig(level=logging.ERROR, format="%(levelname)s worker %(process)d %(message)s")
    # Preloaded by the server; the run itself needs none of it.
    from ita_extract.parsers.pdf import fresh_pdfium
    from ita_extract.pipeline.batch.unit import process_file

    while True:
        try:
            task = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if task is None:
            return
        fresh_pdfium()
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
