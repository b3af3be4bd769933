"""Per-document results kept between runs, keyed by the file's SHA-256 and the code version.

`OUT/.cache/<key>/<sha[:2]>/<sha>.pickle` holds the rows one input produced; the key is the
declared parser version plus a fingerprint of the code and data tables, so a changed tree
never reuses stale rows. `OUT/.cache/index.json` remembers each path's size, mtime and hash,
so an unchanged file is not even re-read."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import shutil
from functools import cache
from pathlib import Path
from typing import Any

from pipeline import PARSER_VERSION
from pipeline.writer import sha256_file

log = logging.getLogger(__name__)

_PACKAGES = ("pipeline", "parsers", "normalizers")
_CODE_SUFFIXES = {".py", ".csv", ".json", ".txt"}
# Modules that run the batch but never shape a document's rows: editing them keeps the cache.
_ORCHESTRATION = {"pipeline/__main__.py", "pipeline/cli.py", "pipeline/run.py", "pipeline/workers.py",
                  "pipeline/cache.py", "pipeline/writer.py"}
Rows = dict[str, list[dict[str, Any]]]


@cache
def cache_key() -> str:
    """The parser version and a fingerprint of every source and data file that shapes rows."""
    return f"{PARSER_VERSION}-{code_fingerprint(Path(__file__).resolve().parents[1])[:12]}"


def code_fingerprint(root: Path) -> str:
    """SHA-256 over the row-shaping code and data tables of the project at `root`."""
    digest = hashlib.sha256()
    for package in _PACKAGES:
        for path in sorted((root / package).rglob("*")):
            relative = path.relative_to(root).as_posix()
            if path.suffix in _CODE_SUFFIXES and "__pycache__" not in path.parts \
                    and relative not in _ORCHESTRATION:
                digest.update(relative.encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


class ResultCache:
    def __init__(self, out_dir: Path, key: str | None = None) -> None:
        self.root = out_dir / ".cache"
        self.key = key or cache_key()
        self.folder = self.root / self.key

    def _path(self, sha256: str) -> Path:
        return self.folder / sha256[:2] / f"{sha256}.pickle"

    def get(self, sha256: str) -> Rows | None:
        try:
            with self._path(sha256).open("rb") as handle:
                return pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            return None  # absent, or left half-written by a killed run: extract again

    def has(self, sha256: str) -> bool:
        return self._path(sha256).is_file()

    def put(self, sha256: str, rows: Rows) -> bool:
        """Keep `rows`; False when they could not be written (a full disk), which only costs
        an extraction next time."""
        path = self._path(sha256)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tmp.open("wb") as handle:
                pickle.dump(rows, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError as exc:
            log.warning("could not cache the result of %s: %s", sha256[:16], exc)
            tmp.unlink(missing_ok=True)
            return False
        return True

    def drop_other_versions(self) -> None:
        """Results of other code versions can never be reused: free their space."""
        if self.root.is_dir():
            for folder in self.root.iterdir():
                if folder.is_dir() and folder.name != self.key:
                    shutil.rmtree(folder, ignore_errors=True)


class HashIndex:
    """path → (size, mtime_ns, sha256) of the last run, to skip hashing unchanged files."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / ".cache" / "index.json"
        try:
            self.previous: dict[str, list] = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            self.previous = {}
        self.current: dict[str, list] = {}

    def sha256(self, path: Path, relative: str) -> str:
        stat = path.stat()
        known = self.previous.get(relative)
        if known and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
            digest = known[2]
        else:
            digest = sha256_file(path)
        self.current[relative] = [stat.st_size, stat.st_mtime_ns, digest]
        return digest

    def removed(self) -> list[str]:
        return sorted(set(self.previous) - set(self.current))

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".index.json.{os.getpid()}")
        tmp.write_text(json.dumps(self.current, sort_keys=True), "utf-8")
        os.replace(tmp, self.path)
