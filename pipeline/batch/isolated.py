"""Extraction in a child process of its own, for executors whose workers we do not own (Dask).

A Dask worker is a long-lived process shared by many tasks: it cannot take an address-space
limit for one document, and a thread stuck in C code cannot be stopped. So each of its
threads keeps one child (`python -m ita_extract.pipeline.batch.isolated`) in its own process
group, which loads the libraries and then bounds its own address space, as a local worker does. Tasks go to it
as JSON lines on stdin; rows come back as JSON lines (dates tagged, as in the cache). Past the
time limit the child is killed with its group (Tesseract included) and started afresh on the
next task; a child that dies (the OS refusing memory) becomes a `WorkerDied` row.
"""

from __future__ import annotations

import json
import os
import resource
import selectors
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

from ita_extract.pipeline.batch.cache import dumps_rows, loads_rows
from ita_extract.pipeline.batch.leftovers import remove_worker_folders
from ita_extract.pipeline.batch.results import Result, timed_out, worker_died


class ChildProcess:
    """One child process at a time, extracting one document at a time."""

    def __init__(self, memory: int = 0) -> None:
        self.memory = memory
        self.process: subprocess.Popen | None = None

    def process_file(self, path: str, sha256: str, time_limit: float) -> Result:
        process = self._child()
        assert process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write(json.dumps({"path": path}).encode() + b"\n")
            process.stdin.flush()
            line = _read_line(process.stdout, time.monotonic() + time_limit if time_limit else None)
        except BrokenPipeError:
            line = b""
        if line is None:
            self.stop()
            return timed_out(sha256, time_limit)
        if not line:
            self.stop()
            return worker_died(sha256, self.memory)
        result = Result(loads_rows(line))
        if result.ran_out_of_memory:
            self.stop()
        return result

    def _child(self) -> subprocess.Popen:
        if self.process is None or self.process.poll() is not None:
            env = {**os.environ, "PYTHAINLP_OFFLINE": "1"}
            self.process = subprocess.Popen(
                [sys.executable, "-m", "ita_extract.pipeline.batch.isolated", str(self.memory)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, start_new_session=True)
        return self.process

    def stop(self) -> None:
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()
        remove_worker_folders(self.process.pid)
        self.process = None


def _read_line(stream: IO[bytes], deadline: float | None) -> bytes | None:
    """One line from `stream`; b"" when it ends first, None when the deadline passes first."""
    fd = stream.fileno()
    chunks: list[bytes] = []
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while True:
            wait = None if deadline is None else deadline - time.monotonic()
            if wait is not None and wait <= 0:
                return None
            if not selector.select(wait):
                continue
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return b""
            chunks.append(chunk)
            if chunk.endswith(b"\n"):
                return b"".join(chunks)


_per_thread = threading.local()


def process_in_child(path: str, sha256: str, time_limit: float, memory: int) -> Result:
    """The unit of work in this thread's child process (started on first use, and again after a kill)."""
    child = getattr(_per_thread, "child", None)
    if child is None or child.memory != memory:
        if child is not None:
            child.stop()
        child = _per_thread.child = ChildProcess(memory)
    return child.process_file(path, sha256, time_limit)


def _serve(memory: int) -> None:
    """The child: bound its own address space, keep fd 1 for the protocol (C libraries that
    print go to stderr instead), then answer one task per line until stdin ends."""
    protocol = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    # Warm, as the local workers are (the limit is for documents); the run itself loads none of it.
    import ita_extract.pipeline.batch.preload  # noqa: F401
    from ita_extract.parsers.pdf import fresh_pdfium
    from ita_extract.pipeline.batch.unit import process_file

    if memory:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    for line in sys.stdin.buffer:
        path = Path(json.loads(line)["path"])
        fresh_pdfium()  # each document reads as in a fresh process (see pipeline.batch.workers._serve)
        protocol.write(dumps_rows(process_file(path).rows) + b"\n")
        protocol.flush()


if __name__ == "__main__":
    _serve(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
