"""The code a document's rows are a function of, found rather than listed: the unit of work
(batch.unit), every module it imports, directly or not, with the packages that hold them, and
those packages' data (knowledge tables, dictionaries, glyph templates, built extensions). A
change to any of them changes the cache key; the report, the exports, the run, the cache and
the command line are not among them, so editing them keeps the cache.

What importing a module runs is what counts: its module-level imports (those in a module-level
`try` too) and its packages' `__init__`. A module that makes rows imports what it uses at module
level (tests/pipeline/batch/test_fingerprint.py holds every such module to it), so nothing that
shapes a row hides from the key in a function body.
"""

from __future__ import annotations

import ast
import hashlib
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import ita_extract

PACKAGE = "ita_extract"
UNIT_OF_WORK = "ita_extract.pipeline.batch.unit"
_SKIPPED = {".pyc", ".pyi"}


def package_root() -> Path:
    """The folder of the installed `ita_extract` package (the link tree of an editable install)."""
    return Path(ita_extract.__file__).parent


def module_file(root: Path, name: str) -> Path | None:
    """The source of module `name` (`ita_extract.a.b`) below the package folder `root`."""
    base = root.joinpath(*name.split(".")[1:])
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def module_level_imports(path: Path) -> set[str]:
    """The `ita_extract` modules (or names in them) a module imports when it is imported."""
    found: set[str] = set()
    for node in _module_level(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name == PACKAGE or name.startswith(PACKAGE + ".")}


def _module_level(tree: ast.AST) -> Iterator[ast.AST]:
    """The statements that run when a module is imported: all but function and class bodies."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            continue
        yield node
        yield from _module_level(node)


def modules_making_rows(root: Path, start: str = UNIT_OF_WORK) -> dict[str, Path]:
    """Every module importing `start` runs, by name: its imports, theirs, and their packages."""
    found: dict[str, Path] = {}
    waiting = [start]
    while waiting:
        name = waiting.pop()
        parts = name.split(".")
        for depth in range(1, len(parts) + 1):  # importing a.b.c runs a, a.b and a.b.c
            module = ".".join(parts[:depth])
            path = module_file(root, module) if module not in found else None
            if path is not None:
                found[module] = path
                waiting.extend(module_level_imports(path))
    return dict(sorted(found.items()))


def data_files(root: Path, modules: dict[str, Path]) -> list[Path]:
    """The files beside the modules' code: everything in their packages' folders (and in
    sub-folders that are no package of their own) that is not Python source."""
    folders = {path.parent for path in modules.values()}
    found = []
    for folder in sorted(folders):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix not in {".py", *_SKIPPED} and "__pycache__" not in path.parts \
                    and _owner(path, root) == folder:
                found.append(path)
    return found


def _owner(path: Path, root: Path) -> Path:
    """The package folder a file belongs to: the nearest folder above it holding an __init__.py."""
    folder = path.parent
    while folder != root and not (folder / "__init__.py").is_file():
        folder = folder.parent
    return folder


def sources_digest(root: Path | None = None) -> str:
    """SHA-256 over every Python source of the package: all that the search for the modules
    making rows reads, so a search's answer holds as long as this digest does."""
    root = root or package_root()
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        if "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def code_fingerprint(root: Path | None = None, names: Iterable[str] | None = None) -> str:
    """SHA-256 over the code and data that make a document's rows (see the module's doc).
    `names`: the modules making rows, where a search of the same sources found them already
    (searching parses some 70 modules: 60 ms of the command's start-up)."""
    root = root or package_root()
    modules = (_files_of(root, names) if names else None) or modules_making_rows(root)
    digest = hashlib.sha256()
    for path in [*modules.values(), *data_files(root, modules)]:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _files_of(root: Path, names: Iterable[str]) -> dict[str, Path] | None:
    """The source of each named module; None where one is gone (the names are searched again)."""
    found = {name: module_file(root, name) for name in names}
    return {name: path for name, path in found.items() if path is not None} if all(found.values()) else None


@cache
def cache_key(names: tuple[str, ...] | None = None) -> str:
    """The version and a fingerprint of the code and data that make a document's rows (`names`:
    see code_fingerprint)."""
    return f"{ita_extract.__version__}-{code_fingerprint(names=names)[:12]}"
