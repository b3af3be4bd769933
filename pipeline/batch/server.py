"""The worker server: multiprocessing's forkserver, a process that imports and warms the
extraction code once (pipeline.batch.preload) and forks a worker from that state in
milliseconds. Light on purpose: the command line starts the server first thing (`start_server`),
so its second of imports runs beside the command's own imports, the walk of the raw folder and
the hashing of the inputs, instead of after them."""

from __future__ import annotations

import multiprocessing
import os
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing import forkserver, spawn
from multiprocessing.context import ForkServerContext

PRELOAD = "ita_extract.pipeline.batch.preload"
_MAIN_SCRIPT_ENV = "ITA_EXTRACT_MAIN_SCRIPT"


def start_server() -> ForkServerContext:
    """The forkserver context, its server started (once per process) with the preload and the
    script the run was started from."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([PRELOAD])
    with main_script_for_server():
        forkserver.ensure_running()
    return context


def worth_starting_early() -> bool:
    """Whether the server's start-up can run beside the command's: a second core to run on."""
    try:
        return len(os.sched_getaffinity(0)) > 1
    except AttributeError:  # not Linux
        return (os.cpu_count() or 1) > 1


@contextmanager
def main_script_for_server() -> Iterator[None]:
    """Tell the worker server, while it starts, which script the run was started from, so that
    it imports it once (pipeline.batch.preload) and no worker imports it again.

    Each process the forkserver forks imports the parent's main script before its first task
    (70 ms for the CLI's, which imports the whole dataset room), and a worker is replaced after
    every PDF. Python's own `set_forkserver_preload(["__main__"])` does not reach the server in
    the Pythons we support (python/cpython#126631, fixed upstream in 2025), so the path goes by
    the environment, which the server inherits when it starts; it is taken out again once the
    server is running."""
    main_path = spawn.get_preparation_data("ignore").get("init_main_from_path")
    if main_path:
        os.environ[_MAIN_SCRIPT_ENV] = main_path
    try:
        yield
    finally:
        os.environ.pop(_MAIN_SCRIPT_ENV, None)


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


