"""The cache key follows the code that makes a document's rows, found by its imports, and
nothing else: recognition, parsers, normalizers and knowledge tables change it; the report,
the exports and the run do not."""

import ast
import shutil
from pathlib import Path

import pytest

from ita_extract.pipeline.batch.fingerprint import (
    code_fingerprint,
    module_level_imports,
    modules_making_rows,
    package_root,
)


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    """A copy of the installed package (files, not the links of an editable install)."""
    copy = tmp_path_factory.mktemp("tree") / "ita_extract"
    shutil.copytree(package_root(), copy, symlinks=False, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def _edited(tree: Path, relative: str, tmp_path: Path) -> str:
    """The fingerprint of a copy of `tree` with a line added to `relative`."""
    copy = tmp_path / "ita_extract"
    shutil.copytree(tree, copy)
    with (copy / relative).open("a", encoding="utf-8") as handle:
        handle.write("\n# an edit\n" if relative.endswith(".py") else "analysis,สรุปผลการประเมิน\n")
    return code_fingerprint(copy)


def test_a_copy_has_the_installed_fingerprint(tree) -> None:
    assert code_fingerprint(tree) == code_fingerprint()


@pytest.mark.parametrize("relative", [
    "pipeline/ita/subjects.py", "pipeline/ita/verification/arithmetic.py",
    "pipeline/ita/knowledge/doc_types.csv", "pipeline/dataset/rows.py", "pipeline/dataset/schema.py",
    "pipeline/batch/unit.py", "parsers/pdf.py",
    "parsers/data/glyph_templates.npz", "normalizers/thai_text.py", "normalizers/data/ocr_confusions.csv",
    "__init__.py"])
def test_a_change_in_what_makes_rows_changes_the_key(tree, tmp_path, relative: str) -> None:
    assert _edited(tree, relative, tmp_path) != code_fingerprint(tree)


@pytest.mark.parametrize("relative", [
    "pipeline/dataset/report.py", "pipeline/dataset/export.py", "pipeline/dataset/writer.py",
    "pipeline/dataset/store.py", "pipeline/batch/run.py", "pipeline/batch/cache.py",
    "pipeline/batch/workers.py", "pipeline/cli.py", "pipeline/library.py"])
def test_a_change_in_the_report_export_or_run_keeps_the_key(tree, tmp_path, relative: str) -> None:
    assert _edited(tree, relative, tmp_path) == code_fingerprint(tree)


def test_the_modules_making_rows_are_found_by_their_imports() -> None:
    found = set(modules_making_rows(package_root()))
    assert {"ita_extract.pipeline.ita.content", "ita_extract.pipeline.ita.verification.arithmetic",
            "ita_extract.parsers.glyph_numbers", "ita_extract.normalizers.newmm"} <= found
    assert not found & {"ita_extract.pipeline.dataset.report", "ita_extract.pipeline.batch.run",
                        "ita_extract.pipeline.cli", "ita_extract.pipeline.library"}


def test_no_module_making_rows_imports_our_code_in_a_function_body() -> None:
    """What a function imports when it runs would not be in the key: row-making code imports
    at module level. The package root's `extract` (the top floor, for notebooks) is the one
    lazy import, and it makes no rows."""
    root = package_root()
    for name, path in modules_making_rows(root).items():
        tree = ast.parse(path.read_text("utf-8"))
        functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
        inside = [node for function in functions for node in ast.walk(function)]
        lazy = {node.module for node in inside
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("ita_extract")}
        lazy |= {alias.name for node in inside if isinstance(node, ast.Import)
                 for alias in node.names if alias.name.startswith("ita_extract")}
        allowed = {"ita_extract.pipeline.library"} if name == "ita_extract" else set()
        assert lazy <= allowed, f"{name} imports {lazy - allowed} in a function"


def test_imports_in_a_module_level_try_count(tmp_path) -> None:
    module = tmp_path / "m.py"
    module.write_text("try:\n    from ita_extract.parsers import _pdfium\nexcept ImportError:\n    pass\n"
                      "def f():\n    from ita_extract.pipeline import cli\n", "utf-8")
    assert module_level_imports(module) == {"ita_extract.parsers", "ita_extract.parsers._pdfium"}
