"""Per-document results kept between runs, keyed by the file's SHA-256 and the code version.

`OUT/.cache/<key>/<sha[:2]>/<sha>.json` holds the rows one input produced, as data (JSON,
dates tagged), under a first line with the SHA-256 of the rest: nothing in the cache is ever
run as code, and an entry that is damaged or foreign (its checksum) is a miss, extracted again;
one edited with a valid checksum is refused where every document's rows are checked against
the contract, on their way to the writer. The key is the version plus a fingerprint of the code
and data that make rows (batch.fingerprint), so a changed tree never reuses stale rows.
`OUT/.cache/index.json` remembers each path's size, mtime and hash, so an unchanged file is
not even re-read.

Durability in groups: an entry is written to a temporary name and renamed into place, so a
killed run never leaves a half-written one (and the kernel keeps what was written: a kill loses
nothing written), and the file system is synced once per `SYNC_EVERY` entries or `SYNC_SECONDS`,
and when the run's extraction ends, instead of once per entry (2 ms a document here, more on a
disk). A power cut loses at most the entries since the last sync; one it truncates fails its
checksum, a miss, extracted again."""

from __future__ import annotations

import ctypes
import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ita_extract.pipeline.batch.fingerprint import (
    cache_key,
    modules_making_rows,
    package_root,
    sources_digest,
)
from ita_extract.pipeline.dataset.checksums import sha256_file
from ita_extract.pipeline.dataset.validation import Rows

log = logging.getLogger(__name__)





class ResultCache:
    def __init__(self, out_dir: Path, key: str | None = None) -> None:
        self.root = out_dir / ".cache"
        _real_folder(self.root)
        self.key = key or cache_key(self._modules_making_rows())
        self.folder = self.root / self.key
        _real_folder(self.folder)
        self._unsynced = 0  # entries written since the last sync
        self._synced_at = time.monotonic()

    def _modules_making_rows(self) -> tuple[str, ...] | None:
        """The modules that make rows, as remembered for the package's present sources
        (`modules.memo`); None (search them) when they changed or the memo cannot be used, and
        then what the search finds is remembered for the next run."""
        memo, sources = self.root / MODULES_MEMO, sources_digest()
        try:
            saved = json.loads(read_regular(memo, MAX_MEMO_BYTES))
            names = saved.get("modules") if saved.get("sources") == sources else None
            if isinstance(names, list) and names and all(isinstance(n, str) and n.startswith("ita_extract")
                                                         for n in names):
                return tuple(names)
        except (OSError, ValueError, AttributeError, RecursionError):
            pass  # none yet, or not ours: searched again
        found = tuple(modules_making_rows(package_root()))
        tmp = memo.with_name(f".{MODULES_MEMO}.{os.getpid()}")
        try:
            self.root.mkdir(exist_ok=True)  # in OUT, when OUT is there
            tmp.write_text(json.dumps({"sources": sources, "modules": found}), "utf-8")
            os.replace(tmp, memo)
        except OSError:
            tmp.unlink(missing_ok=True)
        return found

    def _path(self, sha256: str) -> Path:
        return self.folder / sha256[:2] / f"{sha256}.json"

    def _payload(self, sha256: str) -> bytes | None:
        """The entry's bytes when its checksum holds; None when absent, damaged, or not a
        regular file of a sane size (a FIFO, a link to /dev/zero)."""
        path = self._path(sha256)
        try:
            if path.parent.is_symlink():  # planted: what it leads to is not ours
                raise OSError(f"{path.parent.name} is a symlink")
            data = read_regular(path, MAX_ENTRY_BYTES)
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("cache entry of %s cannot be read (%s): extracted again", sha256[:16], exc)
            return None
        digest, _, payload = data.partition(b"\n")
        if digest != hashlib.sha256(payload).hexdigest().encode():
            log.warning("cache entry of %s is damaged or foreign: extracted again", sha256[:16])
            return None
        return payload

    def get(self, sha256: str) -> Rows | None:
        """The rows kept for `sha256`; None (a miss, extracted again in a worker) when they are
        not there, damaged, not data (nested past any sane depth: `[` × 200,000), or rows of
        another document. Whether they fit the contract is checked where every document's rows
        are, on their way to the writer."""
        payload = self._payload(sha256)
        if payload is None:
            return None
        try:
            rows = loads_rows(payload)
            _own_rows(rows, sha256)
        except (ValueError, TypeError, KeyError, RecursionError) as exc:
            log.warning("cache entry of %s does not hold its rows (%s): extracted again", sha256[:16],
                        type(exc).__name__ if isinstance(exc, RecursionError) else exc)
            return None
        return rows

    def has(self, sha256: str) -> bool:
        """Whether the entry holds this document's rows (get), so a run plans its extraction
        in a worker, under the limits, when it does not."""
        return self.get(sha256) is not None

    def drop(self, sha256: str) -> None:
        """Forget an entry the writer refused: the next run extracts the document again."""
        self._path(sha256).unlink(missing_ok=True)

    def remove_leftovers(self) -> int:
        """Temporary entries of killed runs (`.<sha>.json.<pid>`): the run holds the output
        lock, so no other writer is busy with one. Returns how many went."""
        if not self.folder.is_dir() or self.folder.is_symlink():
            return 0
        gone = 0
        for leftover in self.folder.glob("*/.*.json.*"):
            leftover.unlink(missing_ok=True)
            gone += 1
        return gone

    def put(self, sha256: str, rows: Rows) -> bool:
        """Keep `rows`; False when they could not be written (a full disk), which only costs
        an extraction next time."""
        path = self._path(sha256)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        try:
            for folder in (self.root, self.folder, path.parent):  # never through a planted link
                if folder.is_symlink():
                    raise OSError(f"{folder} is a symlink (planted): not followed")
                folder.mkdir(exist_ok=True)
            payload = dumps_rows(rows)
            with tmp.open("wb") as handle:
                handle.write(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
            os.replace(tmp, path)
        except OSError as exc:
            log.warning("could not cache the result of %s: %s", sha256[:16], exc)
            tmp.unlink(missing_ok=True)
            return False
        self._unsynced += 1
        if self._unsynced >= SYNC_EVERY or time.monotonic() - self._synced_at >= SYNC_SECONDS:
            self.sync()
        return True

    def sync(self) -> None:
        """Make the entries written since the last sync durable (see the module's doc)."""
        if self._unsynced:
            sync_file_system(self.root)
        self._unsynced = 0
        self._synced_at = time.monotonic()

    def mark_retry(self, sha256: str, pending: bool) -> None:
        """Mark (or unmark) the entry as a failure to try once more on the next run."""
        marker = self._path(sha256).with_suffix(_RETRY)
        try:
            if pending:
                marker.touch()
            else:
                marker.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("could not mark the result of %s for a retry: %s", sha256[:16], exc)

    def pending_retries(self) -> set[str]:
        """The documents whose failure this code version tries once more (mark_retry)."""
        if not self.folder.is_dir():
            return set()
        return {marker.stem for marker in self.folder.glob(f"*/*{_RETRY}")}

    def count(self) -> int:
        """Documents whose results this code version keeps."""
        return sum(1 for _ in self.folder.glob("*/*.json")) if self.folder.is_dir() else 0

    def drop_other_versions(self) -> None:
        """Results of other code versions can never be reused: free their space."""
        if self.root.is_dir() and not self.root.is_symlink():
            for folder in self.root.iterdir():
                if folder.is_dir() and not folder.is_symlink() and folder.name != self.key:
                    shutil.rmtree(folder, ignore_errors=True)


_RETRY = ".retry"
MAX_ENTRY_BYTES = 1 << 30  # a cache entry larger than this is not read (a link to /dev/zero)
MAX_INDEX_BYTES = 256 << 20
MAX_MEMO_BYTES = 1 << 20
SYNC_EVERY = 64  # entries written between two syncs at the most
SYNC_SECONDS = 1.0  # and seconds
MODULES_MEMO = "modules.memo"  # JSON; not `.json`, the suffix of entries


def sync_file_system(folder: Path) -> None:
    """Flush the file system holding `folder` to its disk: Linux's syncfs, which leaves other
    file systems alone; elsewhere (or when it fails) sync, which flushes them all."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            if getattr(libc, "syncfs", None) is not None and libc.syncfs(fd) == 0:
                return
        finally:
            os.close(fd)
    except OSError:
        pass
    os.sync()


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of `path` when it is a regular file of at most `limit` bytes, opened without
    following a link and without blocking (a FIFO planted in OUT would hang the run)."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(f"{path.name} is not a regular file")
        if info.st_size > limit:
            raise OSError(f"{path.name} is larger than {limit >> 20} MiB")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise OSError(f"{path.name} grew past {limit >> 20} MiB while read")
    return data


def _own_rows(rows: Any, sha256: str) -> None:
    """Raise ValueError unless `rows` are tables of row dicts, each row that names a document
    (its doc_id, or an errors row's source_sha256) naming this one: an entry holding another
    document's rows was copied or forged, and would put that document's rows under this path."""
    if not isinstance(rows, dict):
        raise ValueError("not a dict of tables")
    for table, table_rows in rows.items():
        if not isinstance(table_rows, list) or not all(isinstance(r, dict) for r in table_rows):
            raise ValueError(f"{table} is not a list of rows")
        if any(r.get("doc_id", sha256[:16]) != sha256[:16] or r.get("source_sha256", sha256) != sha256
               for r in table_rows):
            raise ValueError(f"{table} holds rows of another document")


def _real_folder(root: Path) -> None:
    """The cache folder is ours to write and prune: a symlink planted in its place (to a
    user's home, say) is removed, never followed, so pruning never reaches beyond OUT."""
    if root.is_symlink():
        log.error("%s is a symlink; removed, the cache is kept in a real folder", root)
        root.unlink()


def dumps_rows(rows: Rows) -> bytes:
    """Rows as JSON (dates tagged): data only, read back by `loads_rows` exactly."""
    return json.dumps(rows, default=_encode, ensure_ascii=False, sort_keys=True).encode()


def loads_rows(data: bytes) -> Any:
    return json.loads(data, object_hook=_decode)


def _encode(value: Any) -> Any:
    if isinstance(value, dt.date):
        return {"__date__": value.isoformat()}
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _decode(value: dict) -> Any:
    return dt.date.fromisoformat(value["__date__"]) if set(value) == {"__date__"} else value


class HashIndex:
    """path → (size, mtime_ns, sha256) of the last run, to skip hashing unchanged files."""

    def __init__(self, out_dir: Path, trusted: bool = True) -> None:
        """`trusted`: whether size and mtime may stand for the bytes (not with --force, which
        reads every file again: a file can be edited without changing either)."""
        self.path = out_dir / ".cache" / "index.json"
        self.previous: dict[str, list] = {}
        self.current: dict[str, list] = {}
        if not trusted:
            return
        try:
            found = json.loads(read_regular(self.path, MAX_INDEX_BYTES))
            self.previous = found if isinstance(found, dict) else {}
        except FileNotFoundError:
            self.previous = {}
        except (OSError, ValueError, RecursionError) as exc:
            log.warning("the hash index cannot be used (%s): files are hashed again",
                        type(exc).__name__ if isinstance(exc, RecursionError) else exc)
            self.previous = {}

    def sha256(self, path: Path, relative: str, hash_file: Callable[[Path], str] = sha256_file) -> str:
        """The file's SHA-256, from the index when its size and mtime are unchanged, else
        computed by `hash_file` (the run bounds it in time)."""
        stat = path.stat()
        known = self.previous.get(relative)
        if isinstance(known, list) and len(known) == 3 and isinstance(known[2], str) \
                and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
            digest = known[2]
        else:
            digest = hash_file(path)
        self.current[relative] = [stat.st_size, stat.st_mtime_ns, digest]
        return digest

    def removed(self) -> list[str]:
        return sorted(set(self.previous) - set(self.current))

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".index.json.{os.getpid()}")
        tmp.write_text(json.dumps(self.current, sort_keys=True), "utf-8")
        os.replace(tmp, self.path)
