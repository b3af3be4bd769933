"""What a run reads below the raw folder, and how each file is named in the tables.

Only regular files are inputs: a FIFO, a socket or a device would block the run or never end,
so they are skipped with their reason before anything reads them. A symlink is followed only
when its target lies inside the raw folder (a link to a folder there is not walked twice: its
files are read where they lie), unless `follow_symlinks`; a folder that cannot be listed is
recorded, never dropped silently. File names are kept whatever their bytes: `source_path`
shows a byte that is not UTF-8 as `\\xNN`, a control character (a newline, an escape, a bidi
override) as `\\uXXXX` and a backslash as `\\\\`, so the printed name is one line, safe on a
console, and maps back to exactly one name on disk.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

import regex

from ita_extract.parsers.formats import KINDS, UNSUPPORTED, format_of

DEFAULT_MAX_MB = {kind.name: kind.default_max_mb for kind in KINDS}  # read by default, per kind of input
_KINDS = {stat.S_IFIFO: "a FIFO", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a character device",
          stat.S_IFBLK: "a block device"}


@dataclass
class Discovered:
    inputs: list[Path] = field(default_factory=list)
    skipped: dict[Path, str] = field(default_factory=dict)  # path → why it is not read
    unreadable_folders: dict[Path, str] = field(default_factory=dict)  # folder → the OS's error


def source_path(path: Path | str, root: Path | str) -> str:
    """`path` relative to `root` (to its folder when the root is one file), forward slashes,
    every name losslessly printable."""
    base = Path(root)
    relative = Path(path).relative_to(base.parent if base.is_file() else base).as_posix()
    out = []
    for char in os.fsencode(relative).decode("utf-8", "surrogateescape"):
        if "\udc80" <= char <= "\udcff":
            out.append(f"\\x{ord(char) - 0xDC00:02x}")
        else:
            out.append("\\\\" if char == "\\" else char)
    return printable("".join(out))


# Characters a terminal or a log acts on instead of showing: C0 and C1 controls (a newline forges
# a log line, ESC clears the screen or sets the title), DEL, and the bidirectional controls that
# reorder what is shown.
_CONTROL = regex.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` with every control character shown as `\\uXXXX`: safe on a console and one line in
    a log. Lossless where backslashes are already doubled (source_path's names)."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


DEFAULT_MAX_DEPTH = 64  # folders below the raw folder a run walks into
OUTPUT_FOLDER = "the output folder (--out), never read as input"


def discover(raw_root: Path, *, follow_symlinks: bool = False, output: Path | None = None,
             max_depth: int = DEFAULT_MAX_DEPTH) -> Discovered:
    """Inputs below `raw_root` in a stable order, and everything not read with its reason; a
    file as `raw_root` is the one input. The `output` folder, where it lies below, is skipped
    (a run never reads its own tables and report back); so are folders deeper than
    `max_depth`. The walk keeps its own stack: a tree thousands of folders deep cannot exhaust
    Python's."""
    found = Discovered()
    if raw_root.is_file():
        _classify(raw_root, found)
        return found
    root = Path(os.path.realpath(raw_root))
    never = Path(os.path.realpath(output)) if output is not None else None
    walked = {str(root)}
    stack: list[tuple[Path, int]] = [(raw_root, 0)]
    while stack:
        folder, depth = stack.pop()
        below = _entries(folder, root, found, follow_symlinks, walked)
        for path in reversed(below):  # the stack pops them back in name order
            if never is not None and Path(os.path.realpath(path)) == never:
                found.skipped[path] = OUTPUT_FOLDER
            elif depth + 1 > max_depth:
                found.skipped[path] = f"a folder deeper than {max_depth} levels (--max-depth)"
            else:
                stack.append((path, depth + 1))
    found.inputs.sort(key=str)
    return found


def _entries(folder: Path, root: Path, found: Discovered, follow: bool, walked: set[str]) -> list[Path]:
    """The files of `folder` classified into `found`; its folders to walk, in name order."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        found.unreadable_folders[folder] = exc.strerror or type(exc).__name__
        return []
    folders = []
    for entry in entries:
        if entry.name.startswith("."):  # hidden files and folders (an output's .cache) are not inputs
            continue
        path = Path(entry.path)
        if entry.is_symlink():
            target = Path(os.path.realpath(path))
            inside = target == root or root in target.parents
            if not inside and not follow:
                found.skipped[path] = "a symlink to outside the raw folder (--follow-symlinks reads it)"
                continue
            if target.is_dir():
                if inside or str(target) in walked:
                    found.skipped[path] = "a symlink to a folder already read"
                else:
                    walked.add(str(target))
                    folders.append(path)
                continue
        elif entry.is_dir(follow_symlinks=False):
            folders.append(path)
            continue
        _classify(path, found)
    return folders


def _classify(path: Path, found: Discovered) -> None:
    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = stat.S_IFREG  # a dangling link inside the folder: reading it gives its errors row
    if not stat.S_ISREG(mode):
        found.skipped[path] = f"not a regular file ({_KINDS.get(stat.S_IFMT(mode), 'a special file')})"
    elif format_of(path) is not None:
        found.inputs.append(path)
    else:
        found.skipped[path] = UNSUPPORTED
