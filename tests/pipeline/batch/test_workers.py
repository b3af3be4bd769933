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
    from ita_extract.pipeline.batch.run import RunOptions, run
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
