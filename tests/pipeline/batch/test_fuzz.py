"""Issue 11's hostile raw folder in one run: 50 seeded mutants of the dev PDFs and one file of
each hostile case (tests/hostile.py) beside good files, and a tampered OUT. The run must end
with exit 3 (no document needs a time limit to end), every good document extracted as if
alone, every other file an errors row or a skipped entry, the process tree under 2.5 GiB
throughout (peak printed), nothing read outside the raw folder and nothing moved or written
outside OUT (a planted journal, lock link and cache link included). Then every cache file is
replaced by a pickle that would run code: the next run runs nothing and writes the same
tables."""

import json
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from ita_extract.pipeline.batch.options import EXIT_SOME_FAILED, RunOptions
from ita_extract.pipeline.batch.run import run
from ita_extract.pipeline.dataset.schema import TABLES
from tests.conftest import DEV_TEXTS, ROOT
from tests.hostile import DOCUMENT, EITHER, ERROR, SECRET, SKIPPED, build

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="needs Linux's /proc")]
TREE_LIMIT = int(2.5 * 2**30)
# Seconds the whole folder may take before the run is taken to hang (it takes about 30 s idle).
# No document needs the time limit to end, so the run has none: a document timed out on a loaded
# machine would be retried by the next run and change what that run must do.
RUN_LIMIT = 1800
PAGE = os.sysconf("SC_PAGE_SIZE")


def _tree_rss(root: int) -> int:
    """Resident bytes of `root` and every process below it."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as stat:
                    parents[int(entry)] = int(stat.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, grew = {root}, True
    while grew:
        below = {pid for pid, parent in parents.items() if parent in tree} - tree
        grew = bool(below)
        tree |= below
    total = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/statm", "rb") as statm:
                total += int(statm.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
    return total


def _opened(fifo: Path) -> bool:
    """Whether some process holds the FIFO open for reading right now."""
    try:
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:  # ENXIO: nobody reads it
        return False
    os.close(fd)
    return True


def _outside_out(folder: Path, out: Path) -> dict[str, tuple]:
    """Every entry below `folder` but outside OUT, with what a move or write would change."""
    seen = {}
    for path in folder.rglob("*"):
        if out in path.parents or path == out:
            continue
        stat = path.lstat()
        seen[str(path)] = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
    return seen


def _extract(raw: Path, out: Path, folder: Path, canary: Path) -> dict:
    env = {**os.environ, "PYTHAINLP_OFFLINE": "1"}
    command = [sys.executable, "-m", "ita_extract", "extract", "--raw", str(raw), "--out", str(out), "-q",
               "--workers", "2", "--max-memory-mb", "1024", "--time-limit", "0"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)
    peak, canary_opened, started = 0, False, time.monotonic()
    while process.poll() is None and time.monotonic() - started < RUN_LIMIT:
        peak = max(peak, _tree_rss(process.pid))
        canary_opened = canary_opened or _opened(canary)
        time.sleep(0.05)
    if process.poll() is None:
        os.killpg(process.pid, 9)
    _, stderr = process.communicate()
    tables = {name: pd.read_parquet(out / f"{name}.parquet", dtype_backend="pyarrow") for name in TABLES}
    return {"exit": process.returncode, "stderr": stderr.decode(), "peak": peak,
            "canary_opened": canary_opened, "seconds": time.monotonic() - started, "tables": tables,
            "manifest": json.loads((out / "manifest.json").read_text("utf-8"))}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    built = build(folder)
    out = folder / "out"
    (out / ".staging").mkdir(parents=True)  # a planted journal of the older layout
    (folder / "victim.txt").write_text("keep me", "utf-8")
    (out / ".staging" / "COMMIT").write_text('["../../victim.txt", "../victim.txt"]', "utf-8")
    (out / ".lock").symlink_to(folder / "victim.txt")  # writing the pid through it would truncate it
    (folder / "home" / "thesis").mkdir(parents=True)  # pruning a planted cache link would delete it
    (out / ".cache").symlink_to(folder / "home", target_is_directory=True)
    before = _outside_out(folder, out)
    result = _extract(built.raw, out, folder, built.canary_fifo)
    print(f"\nhostile folder of {len(built.fates)} entries: exit {result['exit']} in "
          f"{result['seconds']:.0f} s, process tree peak {result['peak'] / 2**20:.0f} MiB "
          f"(limit {TREE_LIMIT / 2**20:.0f} MiB)")
    return built, folder, out, before, result


def test_the_run_ends_with_exit_3_and_the_tree_under_its_memory_bound(hostile) -> None:
    _, _, _, _, result = hostile
    assert result["exit"] == EXIT_SOME_FAILED, result["stderr"][-2000:]  # -9: it hung, and was killed
    assert 0 < result["peak"] < TREE_LIMIT


def test_every_entry_meets_its_fate_and_nothing_else_appears(hostile) -> None:
    built, _, _, _, result = hostile
    documents = set(result["tables"]["documents"]["source_path"])
    errors = set(result["tables"]["errors"]["source_path"])
    skipped = set(result["manifest"]["inputs"]["skipped"])
    where = {DOCUMENT: documents, ERROR: errors, SKIPPED: skipped}
    for name, fate in built.fates.items():
        found = [kind for kind, names in where.items() if name in names]
        expected = [DOCUMENT, ERROR] if fate == EITHER else [fate]
        assert len(found) == 1 and found[0] in expected, (name, fate, found)
    assert documents | errors | skipped <= set(built.fates)
    assert len(documents & errors) == 0


def test_good_documents_are_extracted_as_if_alone(hostile, tmp_path) -> None:
    built, _, _, _, result = hostile
    alone = tmp_path / "alone"
    alone.mkdir()
    for name in built.good:
        (alone / name).write_bytes((built.raw / name).read_bytes())
    run(alone, tmp_path / "out", RunOptions(workers=1))
    for table in ("documents", "scores", "findings", "measures", "pages"):
        expected = pd.read_parquet(tmp_path / "out" / f"{table}.parquet", dtype_backend="pyarrow")
        got = result["tables"][table]
        got = got[got["doc_id"].isin(set(expected["doc_id"]))].reset_index(drop=True)
        # A run column (the edition) depends on what else the run holds: a damaged copy that
        # still prints the same document joins its edition.
        own = [c for c in expected.columns if c not in TABLES[table].run_columns]
        pd.testing.assert_frame_equal(got[own], expected[own], check_dtype=True)


def test_nothing_outside_the_raw_folder_is_read(hostile) -> None:
    _, _, _, _, result = hostile
    assert not result["canary_opened"]  # the FIFO a symlink points at, outside RAW
    text = "\n".join(result["tables"]["pages"]["text"])
    assert SECRET not in text and "root:x:0:0" not in text


def test_nothing_outside_out_is_moved_or_written(hostile) -> None:
    _, folder, out, before, _ = hostile
    assert (folder / "victim.txt").read_text("utf-8") == "keep me"
    assert _outside_out(folder, out) == before
    assert not (out / ".staging").exists()
    assert (folder / "home" / "thesis").is_dir()


class _RunsCode:
    """A pickle that creates `marker` when loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return open, (str(self.marker), "w")


def test_a_cache_of_planted_pickles_runs_nothing_and_gives_the_same_tables(hostile) -> None:
    """Unchanged, the run keeps its tables; with one new file, every planted entry is a miss
    and its document is extracted again, to the same rows."""
    built, folder, out, _, first = hostile
    marker = folder / "code-ran"
    planted = pickle.dumps(_RunsCode(marker))
    entries = [path for path in (out / ".cache").rglob("*") if path.is_file()]
    assert len(entries) > 40
    for path in entries:
        path.write_bytes(planted)
    unchanged = _extract(built.raw, out, folder, built.canary_fifo)
    (built.raw / "fresh.txt").write_text(DEV_TEXTS[1].read_text("utf-8") + "\nฉบับแก้ไข\n", "utf-8")
    grown = _extract(built.raw, out, folder, built.canary_fifo)
    assert not marker.exists()
    assert unchanged["exit"] == grown["exit"] == EXIT_SOME_FAILED
    assert unchanged["manifest"]["inputs"]["extracted"] == 0
    assert grown["manifest"]["inputs"]["extracted"] == first["manifest"]["inputs"]["extracted"] + 1
    documents = grown["tables"]["documents"].set_index("source_path")
    fresh = set(documents.loc[["fresh.txt"], "doc_id"])
    # fresh.txt is a re-typed copy of a document already there: one more file of its edition.
    assert documents.loc["fresh.txt", "edition_id"] == documents.loc[DEV_TEXTS[1].name, "edition_id"]
    for name in TABLES:
        pd.testing.assert_frame_equal(unchanged["tables"][name], first["tables"][name])
        pd.testing.assert_frame_equal(_without(grown["tables"][name], fresh), first["tables"][name])


def _without(table: pd.DataFrame, new: set[str]) -> pd.DataFrame:
    """A table of a run that read more files, without the rows and document ids of `new`."""
    if "doc_id" in table:
        table = table[~table["doc_id"].isin(new)].reset_index(drop=True)
    if "doc_ids" in table:
        kept = [[d for d in ids if d not in new] for ids in table["doc_ids"]]
        table = table.assign(doc_ids=pd.Series(kept, dtype=table["doc_ids"].dtype))
    return table


def test_a_tampered_cache_ends_bounded_with_the_same_rows(hostile) -> None:
    """The cache-tampering round (issue 26): entries nested past any depth, entries holding
    another document's rows under a valid checksum, FIFOs as entries, temporary entries of a
    killed run, and the hash index a link to /dev/zero. The next run (with one new file) ends in
    bounded time and memory, and every document's rows are those of the clean run."""
    import hashlib

    built, folder, out, _, first = hostile
    cache = out / ".cache"
    entries = sorted(p for p in cache.rglob("*.json") if p.is_file() and p.name != "index.json")
    assert len(entries) > 40
    original = {entry: entry.read_bytes() for entry in entries}
    for k, entry in enumerate(entries):
        if k % 4 == 0:
            payload = b"[" * 200_000
            entry.write_bytes(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
        elif k % 4 == 1:
            entry.write_bytes(original[entries[(k + 1) % len(entries)]])  # another document's rows
        elif k % 4 == 2:
            entry.unlink()
            os.mkfifo(entry)
        else:
            (entry.parent / f".{entry.name}.4242").write_bytes(b"half an entry")
    (cache / "index.json").unlink(missing_ok=True)
    (cache / "index.json").symlink_to("/dev/zero")
    (built.raw / "fresher.txt").write_text(DEV_TEXTS[0].read_text("utf-8") + "\nฉบับที่สาม\n", "utf-8")
    tampered = _extract(built.raw, out, folder, built.canary_fifo)
    print(f"\ntampered cache: exit {tampered['exit']} in {tampered['seconds']:.0f} s, "
          f"process tree peak {tampered['peak'] / 2**20:.0f} MiB")
    assert tampered["exit"] == EXIT_SOME_FAILED and tampered["seconds"] < RUN_LIMIT
    assert tampered["peak"] < TREE_LIMIT
    assert not list(cache.rglob(".*.json.*"))
    documents = tampered["tables"]["documents"].set_index("source_path")
    new = set(documents.loc[[p for p in ("fresh.txt", "fresher.txt") if p in documents.index], "doc_id"])
    for name in TABLES:
        pd.testing.assert_frame_equal(_without(tampered["tables"][name], new), first["tables"][name])
