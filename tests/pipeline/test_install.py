"""An installed copy: one top-level package, `ita_extract`, that works from any folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import DEV_TEXTS, ROOT

pytestmark = pytest.mark.slow

SOURCES = ["pyproject.toml", "setup.py", "README.md", "pipeline", "parsers", "normalizers", "src"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel `pip install .` would install, built offline from a copy of the sources."""
    tree = tmp_path_factory.mktemp("tree")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tree / name, ignore=shutil.ignore_patterns("__pycache__", "*.so"))
        else:
            shutil.copy(source, tree / name)
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                            "-q", "-w", str(tree / "dist"), str(tree)],
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    assert "Warning" not in built.stdout + built.stderr  # e.g. a data folder missing from the packages
    return next((tree / "dist").glob("*.whl"))


def test_the_wheel_has_one_top_level_package(wheel) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert tops == {"ita_extract"}
    assert "ita_extract/pipeline/ita/knowledge/issue_areas.csv" in names
    assert "ita_extract/parsers/data/glyph_templates.npz" in names
    # the C extensions, compiled for this Python (a compiler is at hand wherever the tests run)
    assert any(n.startswith("ita_extract/normalizers/_newmm.") and n.endswith(".so") for n in names)
    assert any(n.startswith("ita_extract/parsers/_pdfium.") and n.endswith(".so") for n in names)
    entry_points = zipfile.ZipFile(wheel).read(
        next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "ita-extract = ita_extract.pipeline.entry:main" in entry_points


def test_the_installed_copy_runs_beside_an_analysts_own_pipeline_folder(wheel, tmp_path) -> None:
    """Regression: the import names were `pipeline`, `parsers` and `normalizers`, so an analyst's
    project with its own `pipeline/` ran the wrong code."""
    target = tmp_path / "site"
    installed = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                                str(target), str(wheel)], capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr
    project = tmp_path / "analysis"
    for name in ("pipeline", "parsers", "normalizers"):
        (project / name).mkdir(parents=True)
        (project / name / "__init__.py").write_text("raise ImportError('the analyst’s own package')\n")
    env = {**os.environ, "PYTHONPATH": str(target), "PYTHAINLP_OFFLINE": "1"}
    where = subprocess.run([sys.executable, "-c", "import ita_extract.pipeline.cli as c; print(c.__file__)"],
                           cwd=project, env=env, capture_output=True, text=True)
    assert where.stdout.strip().startswith(str(target)), where.stderr
    version = subprocess.run([sys.executable, "-m", "ita_extract", "--version"], cwd=project, env=env,
                             capture_output=True, text=True)
    assert version.returncode == 0, version.stderr
    assert version.stdout.startswith("ita-extract 0.1.0 (contract 3, cache 0.1.0-")
    assert version.stdout.rstrip().endswith(", C extensions)")  # compiled into the wheel and loaded
    raw = project / "raw"
    raw.mkdir()
    shutil.copy(DEV_TEXTS[0], raw)
    extracted = subprocess.run([sys.executable, "-m", "ita_extract", "extract", "--raw", "raw", "--out",
                                "out", "-q", "--workers", "1"], cwd=project, env=env,
                               capture_output=True, text=True, timeout=600)
    assert extracted.returncode == 0, extracted.stderr
    assert (project / "out" / "documents.parquet").exists()
