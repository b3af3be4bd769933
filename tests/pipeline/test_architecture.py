"""The house's rules, checked on the code itself (docs/architecture.md draws them):

- imports run one way: top (command line, library) → batch → dataset → ita → parsers →
  normalizers; a module never imports from a room above its own;
- within the ITA room, recognition never imports its verification (verification takes
  recognised scores; the room's entry, `ita/__init__`, composes the two);
- parsers know no ITA codes: no item-code shape, no tool names.
"""

import ast
from pathlib import Path

import pytest
import regex

from ita_extract.pipeline.batch.fingerprint import module_file, package_root

LAYERS = {  # lowest first; a module belongs to the longest prefix that names it
    "ita_extract.normalizers": 0,
    "ita_extract.parsers": 1,
    "ita_extract.pipeline.ita": 2,
    "ita_extract.pipeline.dataset": 3,
    "ita_extract.pipeline.batch": 4,
    "ita_extract.pipeline.cli": 5,
    "ita_extract.pipeline.entry": 5,
    "ita_extract.pipeline.library": 5,
    "ita_extract.__main__": 5,
}
ROOT = package_root()


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(("ita_extract", *(parts[:-1] if parts[-1] == "__init__" else parts)))
        found[name] = path
    return found


MODULES = _modules()


def _imports(path: Path) -> set[str]:
    """Every ita_extract module a file imports, anywhere in it, resolved to a module."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {_module(name) for name in names if name.startswith("ita_extract")}


def _module(name: str) -> str:
    while name not in MODULES and module_file(ROOT, name) is None and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


def _layer(name: str) -> int | None:
    prefixes = [p for p in LAYERS if name == p or name.startswith(p + ".")]
    return LAYERS[max(prefixes, key=len)] if prefixes else None


def test_every_module_is_in_a_room() -> None:
    outside = {name for name in MODULES if _layer(name) is None} - {"ita_extract", "ita_extract.pipeline"}
    assert not outside


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_run_one_way(name: str) -> None:
    own = _layer(name)
    if own is None:  # the package root (its version, and `extract` for notebooks) and pipeline/'s doc
        return
    upward = {imported for imported in _imports(MODULES[name]) if (_layer(imported) or 0) > own}
    assert not upward, f"{name} imports from a room above its own: {sorted(upward)}"


def test_recognition_never_imports_its_verification() -> None:
    verification = "ita_extract.pipeline.ita.verification"
    entry = "ita_extract.pipeline.ita.reading"  # the room's one entry: recognition, then verification
    recognition = [n for n in MODULES if n.startswith("ita_extract.pipeline.ita.")
                   and not n.startswith(verification) and n != entry]
    for name in recognition:
        wrong = {m for m in _imports(MODULES[name]) if m.startswith(verification)}
        assert not wrong, f"{name} imports {sorted(wrong)}"


_ITA_IN_CODE = regex.compile(r"\[[iIeEoO]{6}\]|\b(?:IIT|EIT|OIT)\b|[\"'](?:ieo|ieoIEO)[\"']")


def _code_without_docs(path: Path) -> str:
    """The file's code with its comments and docstrings blanked (they may name the genre)."""
    lines = path.read_text("utf-8").splitlines()
    for node in ast.walk(ast.parse("\n".join(lines))):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(getattr(body[0], "value", None), ast.Constant):
            for k in range(body[0].lineno - 1, body[0].end_lineno or body[0].lineno):
                lines[k] = ""
    return "\n".join(line.split("#")[0] for line in lines)


def test_parsers_know_no_ita_codes() -> None:
    for path in sorted((ROOT / "parsers").glob("*.py")):
        found = _ITA_IN_CODE.search(_code_without_docs(path))
        assert found is None, f"{path.name} knows ITA codes: {found.group() if found else ''}"


def test_the_ita_code_check_finds_a_code_shape(tmp_path) -> None:
    module = tmp_path / "m.py"
    module.write_text('"""Docs may say IIT."""\nLETTERS = frozenset("ieoIEO")  # IIT\n', "utf-8")
    found = _ITA_IN_CODE.search(_code_without_docs(module))
    assert found is not None and found.group() == '"ieoIEO"'


def test_a_module_importing_upward_is_caught(tmp_path) -> None:
    """The direction check, on a module that breaks it (so the test above can fail)."""
    module = tmp_path / "m.py"
    module.write_text("from ita_extract.pipeline.dataset.report import render\n", "utf-8")
    assert (_layer(min(_imports(module))) or 0) > LAYERS["ita_extract.pipeline.ita"]


def test_tests_never_import_the_benchmarks() -> None:
    """bench/ may use the tests' fixtures; a test that imported a benchmark would break with it."""
    tests = Path(__file__).resolve().parents[1]
    for path in sorted(tests.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n == "bench" or n.startswith("bench.") for n in names), path
