"""The cache holds data, never code (issue 11): a planted pickle runs nothing, a damaged or
edited entry is extracted again with a warning, never a failed run or a wrong row."""

import datetime as dt
import os
import pickle
import shutil
from pathlib import Path

import pandas as pd
import pytest

from ita_extract.pipeline.batch.cache import ResultCache
from ita_extract.pipeline.batch.options import RunOptions
from ita_extract.pipeline.batch.run import run
from tests.conftest import RAW

ROWS = {"documents": [{"doc_id": "ab" * 8, "source_path": "x.txt", "source_sha256": "ab" * 32,
                       "source_format": "text", "doc_type": "analysis", "issued_date": dt.date(2026, 1, 5),
                       "n_scores": 0, "n_findings": 0, "n_measures": 0, "parser_version": "1",
                       "warnings": ["grade_mismatch"]}]}


class Planted:
    """Unpickling this would create a file: the proof that code ran."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def test_rows_come_back_as_they_were_put(tmp_path) -> None:
    cache = ResultCache(tmp_path, key="k")
    assert cache.put("ab" * 32, ROWS)
    assert cache.has("ab" * 32) and cache.get("ab" * 32) == ROWS


@pytest.mark.parametrize("damage", ["truncated", "flipped byte", "foreign file"])
def test_a_damaged_entry_is_a_miss(tmp_path, damage: str) -> None:
    """An entry whose checksum fails is a miss; one re-signed after an edit reads back and is
    refused by the run's validation (test_an_entry_edited_with_a_valid_checksum_…)."""
    cache = ResultCache(tmp_path, key="k")
    rows = {"scores": [{"doc_id": "cd" * 8, "level": "overall", "score": 50.02,
                        "verification": "unverified"}]}
    cache.put("cd" * 32, rows)
    path = next(cache.folder.rglob("*.json"))
    data = path.read_bytes()
    path.write_bytes({"truncated": data[: len(data) // 2], "flipped byte": data.replace(b"50.02", b"50.03"),
                      "edited score": _resigned(data.replace(b"50.02", b"999")),
                      "foreign file": b"\x80\x04junk"}[damage])
    assert cache.get("cd" * 32) is None


def _resigned(data: bytes) -> bytes:
    """An edit whose checksum was recomputed: the rows must still be validated like fresh ones."""
    import hashlib
    payload = data.split(b"\n", 1)[1]
    return hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


def _tampered_rerun(tmp_path, tamper):
    """(summary of a second run, scores of the first, scores of the second) with `tamper`
    applied to the cache folder in between; a file joins the raw folder, so the tables are
    rebuilt from the cache. (Regression: the test removed the manifest link, the run still
    found the previous manifest and kept its tables, and the tampered entry was never read.)"""
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(RAW / "002_21007bcb3eecaeca.txt", raw / "good.txt")
    run(raw, out, RunOptions(workers=1))
    first = pd.read_parquet(out / "scores.parquet")
    tamper(out / ".cache")
    (raw / "recipe.txt").write_text("ต้มยำกุ้ง: กุ้ง ข่า ตะไคร้ ใบมะกรูด น้ำปลา มะนาว\n", "utf-8")  # not ITA
    summary = run(raw, out, RunOptions(workers=1))
    assert summary.manifest["inputs"]["reused"] + summary.manifest["inputs"]["extracted"] == 2
    return summary, first, pd.read_parquet(out / "scores.parquet")


def test_planted_pickles_run_nothing_and_the_tables_are_the_same(tmp_path) -> None:
    marker = tmp_path / "code-ran"

    def plant(cache):
        for entry in [*cache.rglob("*.json"), *cache.rglob("*.pickle")]:
            entry.write_bytes(pickle.dumps(Planted(marker)))
            entry.with_suffix(".pickle").write_bytes(pickle.dumps(Planted(marker)))

    summary, first, second = _tampered_rerun(tmp_path, plant)
    assert not marker.exists()
    assert summary.exit_code == 0
    pd.testing.assert_frame_equal(second, first)


def test_an_entry_edited_with_a_valid_checksum_is_an_errors_row_then_extracted_again(tmp_path) -> None:
    def edit(cache):
        for entry in cache.rglob("*.json"):
            if entry.name != "index.json":
                entry.write_bytes(_resigned(entry.read_bytes().replace(b"95.75", b"999.0")))

    raw, out = tmp_path / "raw", tmp_path / "out"
    summary, first, second = _tampered_rerun(tmp_path, edit)
    # Never read unchecked and never extracted here, unbounded: an errors row, the entry dropped.
    errors = pd.read_parquet(out / "errors.parquet")
    assert errors.set_index("source_path")["error_type"].to_dict() == {"good.txt": "CacheEntryUnusable"}
    assert 999.0 not in set(second["score"])
    again = run(raw, out, RunOptions(workers=1))  # extracted in a worker, under the limits
    assert again.manifest["inputs"]["extracted"] == 1
    pd.testing.assert_frame_equal(pd.read_parquet(out / "scores.parquet"), first)


def test_a_cache_folder_planted_as_a_symlink_is_never_followed(tmp_path) -> None:
    """`OUT/.cache` pointing at a user's folder: pruning other code versions' results would
    delete its subfolders. The link is removed and a real cache made in OUT."""
    victim = tmp_path / "home"
    (victim / "thesis").mkdir(parents=True)
    (victim / "thesis" / "chapter1.md").write_text("keep me")
    out = tmp_path / "out"
    out.mkdir()
    (out / ".cache").symlink_to(victim, target_is_directory=True)
    summary = run(RAW, out, RunOptions(workers=1))
    assert summary.exit_code == 0
    assert [p.name for p in victim.iterdir()] == ["thesis"]
    assert (victim / "thesis" / "chapter1.md").read_text() == "keep me"
    assert (out / ".cache").is_dir() and not (out / ".cache").is_symlink()


def test_a_cache_subfolder_planted_as_a_symlink_gets_no_entries(tmp_path) -> None:
    victim = tmp_path / "elsewhere"
    victim.mkdir()
    cache = ResultCache(tmp_path / "out", key="k")
    cache.folder.mkdir(parents=True)
    (cache.folder / "aa").symlink_to(victim, target_is_directory=True)
    assert not cache.put("aa" + "0" * 62, ROWS)
    assert list(victim.iterdir()) == []
    rows = {"documents": [{**ROWS["documents"][0], "doc_id": "bb" + "0" * 14,
                           "source_sha256": "bb" + "0" * 62}]}
    assert cache.put("bb" + "0" * 62, rows) and cache.get("bb" + "0" * 62) == rows


def _entries(cache: Path) -> list[Path]:
    return [p for p in cache.rglob("*.json") if p.name != "index.json"]


def _signed(payload: bytes) -> bytes:
    import hashlib
    return hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


@pytest.mark.parametrize("tamper", ["deeply nested", "another document's rows", "a FIFO",
                                    "index linked to /dev/zero", "index nested", "key folder linked out"])
def test_regression_a_tampered_cache_never_fails_hangs_or_leaves_out(tmp_path, tamper: str) -> None:
    """Each of these failed every run (RecursionError, SchemaError), read 2 GiB in 1.8 s, hung
    for ever, or made folders outside OUT. Now: a miss, extracted again in a worker."""
    import json
    import os

    victim = tmp_path / "elsewhere"
    victim.mkdir()

    def spoil(cache: Path) -> None:
        entry = _entries(cache)[0]
        if tamper == "deeply nested":
            entry.write_bytes(_signed(b"[" * 200_000))
        elif tamper == "another document's rows":
            other = json.loads(entry.read_bytes().split(b"\n", 1)[1])
            for rows in other.values():
                for row in rows:
                    if "doc_id" in row:
                        row["doc_id"] = "f" * 16
            entry.write_bytes(_signed(json.dumps(other).encode()))
        elif tamper == "a FIFO":
            entry.unlink()
            os.mkfifo(entry)
        elif tamper == "index linked to /dev/zero":
            (cache / "index.json").unlink()
            (cache / "index.json").symlink_to("/dev/zero")
        elif tamper == "index nested":
            (cache / "index.json").write_text("[" * 200_000)
        else:
            key = entry.parent.parent
            shutil.rmtree(key)
            key.symlink_to(victim, target_is_directory=True)

    summary, first, second = _tampered_rerun(tmp_path, spoil)
    assert summary.exit_code == 0
    pd.testing.assert_frame_equal(second, first)
    assert list(victim.iterdir()) == []


def test_regression_temporary_entries_of_a_killed_run_are_removed(tmp_path) -> None:
    def killed_mid_write(cache: Path) -> None:
        entry = _entries(cache)[0]
        (entry.parent / f".{entry.name}.99999").write_bytes(b"half an entry")

    _tampered_rerun(tmp_path, killed_mid_write)
    assert not list((tmp_path / "out" / ".cache").rglob(".*.json.*"))


def test_regression_an_entry_holding_another_documents_errors_row_is_a_miss(tmp_path) -> None:
    """Errors rows carry no doc_id: a copied entry put another file's error under this path
    (a valid PDF came out `the file does not start like a PDF`, with the other file's hash)."""
    cache = ResultCache(tmp_path, key="k")
    error = {"source_sha256": "ee" * 32, "stage": "read", "error_type": "NotAPDF", "message": "x"}
    cache.put("ab" * 32, {"errors": [error]})
    assert cache.get("ab" * 32) is None
    cache.put("ee" * 32, {"errors": [error]})
    assert cache.get("ee" * 32) == {"errors": [error]}


def test_the_modules_making_rows_are_remembered_for_the_same_sources(tmp_path, monkeypatch) -> None:
    """The search for the modules making rows (60 ms of the command's start-up) runs once for
    the package's sources; the key is the same with the memo, without it, and with a memo that
    is not ours."""
    from ita_extract.pipeline.batch import cache as cache_module
    from ita_extract.pipeline.batch.fingerprint import code_fingerprint

    expected = code_fingerprint()[:12]
    assert ResultCache(tmp_path).key.endswith(expected)
    memo = tmp_path / ".cache" / "modules.memo"
    assert "ita_extract.pipeline.batch.unit" in memo.read_text("utf-8")

    def no_search(*_):
        raise AssertionError("searched again")

    with monkeypatch.context() as patched:
        patched.setattr(cache_module, "modules_making_rows", no_search)
        cache_module.cache_key.cache_clear()
        assert ResultCache(tmp_path).key.endswith(expected)
    for planted in ('{"sources": "other", "modules": ["ita_extract"]}', "[1, 2]", "{", '{"modules": 3}'):
        memo.write_text(planted, "utf-8")
        cache_module.cache_key.cache_clear()
        assert ResultCache(tmp_path).key.endswith(expected)
    memo.unlink()
    os.mkfifo(memo)  # never opened for a blocking read
    cache_module.cache_key.cache_clear()
    assert ResultCache(tmp_path).key.endswith(expected)


def test_entries_are_synced_in_groups_and_when_the_extraction_ends(tmp_path, monkeypatch) -> None:
    """One sync of the file system per SYNC_EVERY entries (and at the end), not one per entry."""
    from ita_extract.pipeline.batch import cache as cache_module

    synced: list[Path] = []
    monkeypatch.setattr(cache_module, "sync_file_system", synced.append)
    monkeypatch.setattr(cache_module, "SYNC_EVERY", 2)
    monkeypatch.setattr(cache_module, "SYNC_SECONDS", 1e9)  # by count only, whatever the machine's speed
    cache = ResultCache(tmp_path)
    for n in range(3):
        assert cache.put(f"{n:02d}" * 32, {"documents": []})
    assert len(synced) == 1
    cache.sync()
    cache.sync()  # nothing new: no sync
    assert len(synced) == 2 and synced[0] == tmp_path / ".cache"
    assert all(cache.get(f"{n:02d}" * 32) == {"documents": []} for n in range(3))
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("000_872eaddf2db1f446.txt", "002_21007bcb3eecaeca.txt", "003_803e91d9ccdb16cf.txt"):
        shutil.copy(RAW / name, raw / name)
    monkeypatch.setattr(cache_module, "SYNC_EVERY", 64)
    run(raw, tmp_path / "out", RunOptions(workers=1))
    assert len(synced) == 3  # the run's three entries, synced once when the extraction ended
