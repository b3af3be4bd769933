"""Worker processes: forked from one preloaded server, they start warm."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import CORPUS, DEV_TEXTS, ROOT

CALLING_SCRIPT = """
import os, sys
from pathlib import Path
with open(os.environ["IMPORT_LOG"], "a") as log:
    log.write(f"{os.getpid()} {__name__}\\n")
if __name__ == "__main__":
    from ita_extract.pipeline.batch.options import RunOptions
    from ita_extract.pipeline.batch.run import run
    run(Path(sys.argv[1]), Path(sys.argv[2]), RunOptions(workers=2))
"""


def test_workers_do_not_import_the_calling_script_again(tmp_path: Path) -> None:
    """Regression: every worker, and every fresh worker after a PDF, re-ran the script the run
    was started from (70 ms each for the CLI's) because Python's forkserver does not preload
    `__main__` (python/cpython#126631). Now the server imports it once, for all workers."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for text in DEV_TEXTS:
        shutil.copy(text, raw)
    for pdf in sorted((CORPUS / "dev").glob("*[0-9a-f].pdf"))[:2]:
        shutil.copy(pdf, raw)
    script, log = tmp_path / "calling_script.py", tmp_path / "imports.log"
    script.write_text(CALLING_SCRIPT, encoding="utf-8")
    env = {**os.environ, "IMPORT_LOG": str(log), "PYTHAINLP_OFFLINE": "1"}
    subprocess.run([sys.executable, str(script), str(raw), str(tmp_path / "out")],
                   check=True, env=env, cwd=ROOT, timeout=600)
    imports = [line.split()[1] for line in log.read_text().splitlines()]
    assert (tmp_path / "out" / "documents.parquet").exists()
    assert imports.count("__main__") == 1
    assert imports.count("__mp_main__") == 1  # the server's; no worker's


def test_each_task_is_reported_as_a_worker_takes_it() -> None:
    """Issue 27: the progress bar showed the file last finished, not the one being read."""
    from ita_extract.pipeline.batch.workers import Task, run_local

    tasks = [Task(str(path), f"{k:064d}", 0) for k, path in enumerate(DEV_TEXTS)]
    started: list[Task] = []
    finished = []
    for task, _ in run_local(tasks, 1, started.append):
        assert task in started  # reported before its result
        finished.append(task)
    assert sorted(started, key=str) == sorted(tasks, key=str) == sorted(finished, key=str)


def test_the_progress_bar_names_the_files_being_read_and_its_ticker_stops(monkeypatch) -> None:
    import io
    import threading

    from ita_extract.pipeline.batch import run as batch_run
    from ita_extract.pipeline.batch.workers import Task

    screen = io.StringIO()
    monkeypatch.setattr(batch_run.sys, "stderr", screen)
    running = batch_run.Running()
    names = ("a.pdf", "long-scan.pdf", "c.txt")
    tasks = [Task(f"/raw/{name}", f"{k:064d}", 0) for k, name in enumerate(names)]

    def results():
        running.started(tasks[0])
        running.started(tasks[1])
        yield tasks[0], None
        running.started(tasks[2])
        yield tasks[2], None
        yield tasks[1], None

    shown = [running.text() for _ in batch_run._progress(results(), len(tasks), True, running)]
    assert shown == ["reading long-scan.pdf", "reading long-scan.pdf", ""]  # while it is OCR'd
    assert "3/3" in screen.getvalue()
    assert not [t for t in threading.enumerate() if t.name == "ita-progress"]  # the ticker stopped


def test_a_worker_serves_many_documents_then_a_fresh_fork_takes_over(tmp_path: Path, monkeypatch) -> None:
    """A worker reads PDFs one after another (pdfium made fresh before each), and is replaced
    after DOCUMENTS_PER_WORKER documents so a long run's heap stays bounded; the tables are
    those of a run whose workers never change."""
    import pandas as pd

    from ita_extract.pipeline.batch import workers
    from ita_extract.pipeline.batch.options import RunOptions
    from ita_extract.pipeline.batch.run import run

    raw = tmp_path / "raw"
    raw.mkdir()
    for text in DEV_TEXTS:
        shutil.copy(text, raw)
    for pdf in sorted((CORPUS / "dev").glob("*[0-9a-f].pdf")):
        shutil.copy(pdf, raw)
    run(raw, tmp_path / "steady", RunOptions(workers=1))
    spawned: list[int] = []
    spawn = workers._Worker._spawn

    def counted(self: workers._Worker) -> None:
        spawn(self)
        spawned.append(self.process.pid)

    monkeypatch.setattr(workers._Worker, "_spawn", counted)
    monkeypatch.setattr(workers, "DOCUMENTS_PER_WORKER", 2)
    run(raw, tmp_path / "recycled", RunOptions(workers=1))
    documents = len(DEV_TEXTS) + len(list((CORPUS / "dev").glob("*[0-9a-f].pdf")))
    assert len(set(spawned)) == -(-documents // 2)  # one worker per two documents
    for table in ("documents", "scores", "measures", "findings", "pages"):
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "recycled" / f"{table}.parquet"),
                                      pd.read_parquet(tmp_path / "steady" / f"{table}.parquet"))
