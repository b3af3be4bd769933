"""The cache holds data, never code (issue 11): a planted pickle runs nothing, a damaged or
edited entry is extracted again with a warning, never a failed run or a wrong row."""

import datetime as dt
import pickle
import shutil

import pandas as pd
import pytest

from ita_extract.pipeline.batch.cache import ResultCache
from ita_extract.pipeline.batch.run import RunOptions, run
from tests.conftest import RAW

ROWS = {"documents": [{"doc_id": "a" * 16, "source_path": "x.txt", "source_sha256": "a" * 64,
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
    rows = {"scores": [{"doc_id": "a" * 16, "level": "overall", "score": 50.02,
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
    applied to the cache folder in between; the manifest goes, so the tables must be rebuilt."""
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(RAW / "002_21007bcb3eecaeca.txt", raw / "good.txt")
    run(raw, out, RunOptions(workers=1))
    first = pd.read_parquet(out / "scores.parquet")
    tamper(out / ".cache")
    (out / "manifest.json").unlink()
    summary = run(raw, out, RunOptions(workers=1))
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


def test_an_entry_edited_with_a_valid_checksum_is_extracted_again_in_the_run(tmp_path) -> None:
    def edit(cache):
        for entry in cache.rglob("*.json"):
            if entry.name != "index.json":
                entry.write_bytes(_resigned(entry.read_bytes().replace(b"95.75", b"999.0")))

    summary, first, second = _tampered_rerun(tmp_path, edit)
    assert summary.exit_code == 0
    pd.testing.assert_frame_equal(second, first)


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
    assert cache.put("bb" + "0" * 62, ROWS) and cache.get("bb" + "0" * 62) == ROWS
