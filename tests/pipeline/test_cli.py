"""The command line, run as a user runs it: a subprocess."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import DEV_TEXTS, ROOT

OUTPUTS = {"documents.parquet", "pages.parquet", "scores.parquet", "findings.parquet",
           "measures.parquet", "errors.parquet", "manifest.json"}


def _cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHAINLP_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("command", [[], ["extract"], ["schema"]])
def test_every_command_has_help(command: list[str]) -> None:
    result = _cli(*command, "--help")
    assert result.returncode == 0
    assert "usage:" in result.stdout


def test_usage_errors_exit_2(tmp_path) -> None:
    assert _cli().returncode == 2
    assert _cli("extract", "--bogus").returncode == 2
    missing = _cli("extract", "--raw", str(tmp_path / "nope"), "--out", str(tmp_path / "o"))
    assert missing.returncode == 2
    assert "raw input not found" in missing.stderr


def test_one_file_as_raw_is_the_one_input(tmp_path) -> None:
    document = DEV_TEXTS[0]
    result = _cli("extract", "--raw", str(document), "--out", str(tmp_path), "-q")
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["inputs"]["seen"] == 1 == manifest["inputs"]["extracted"]
    documents = pd.read_parquet(tmp_path / "documents.parquet")
    assert documents["source_path"].tolist() == [document.name]


def test_extract_writes_all_seven_outputs(tmp_path) -> None:
    result = _cli("extract", "--raw", str(ROOT / "data" / "raw"), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert {p.name for p in tmp_path.iterdir() if not p.name.startswith(".")} == OUTPUTS | {"current", "runs"}
    assert {p.name for p in (tmp_path / "current").iterdir()} == OUTPUTS
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["inputs"]["seen"] == len(DEV_TEXTS) == manifest["inputs"]["extracted"]
    assert manifest["outputs"]["documents.parquet"]["rows"] == len(DEV_TEXTS)
    assert len(manifest["outputs"]["pages.parquet"]["sha256"]) == 64
    assert manifest["contract_version"] == "2"


def test_schema_prints_the_dictionary() -> None:
    result = _cli("schema")
    assert result.returncode == 0
    assert result.stdout == (ROOT / "docs" / "data-dictionary.md").read_text("utf-8")


def test_same_input_same_output(tmp_path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        assert _cli("extract", "--out", str(out), "-q").returncode == 0
    for name in OUTPUTS - {"manifest.json"}:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_quiet_run_with_a_log_file_for_cron(tmp_path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_bytes(DEV_TEXTS[0].read_bytes())
    (raw / "empty.txt").write_bytes(b"")
    log = tmp_path / "ita.log"
    result = _cli("extract", "--raw", str(raw), "--out", str(tmp_path / "out"), "-q", "--workers", "1",
                  "--log-file", str(log))
    assert result.returncode == 3 and result.stdout == ""
    logged = log.read_text("utf-8")
    assert "empty.txt" in logged and "EmptyInput" in logged
