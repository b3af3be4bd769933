"""The command line, run as a user runs it: a subprocess."""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from ita_extract.pipeline.cli import version_line
from tests.conftest import CORPUS, DEV_TEXTS, ROOT
from tests.stand_ins import hanging_tesseract, scanned_page, started, wait_for

LOOKUP_FILES = {f"lookup_{name}.parquet" for name in (
    "tools", "indicators", "sub_indicators", "items", "issue_areas", "grade_bands", "score_rules",
    "org_types", "units", "error_types", "warnings", "enumerations")}
OUTPUTS = {"documents.parquet", "pages.parquet", "scores.parquet", "findings.parquet", "measures.parquet",
           "errors.parquet", "unread.parquet", "organisations.parquet", "panel.parquet", "manifest.json",
           "report.html", "report"} | LOOKUP_FILES


def _cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHAINLP_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "ita_extract", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("command", [[], ["extract"], ["schema"], ["report"], ["export"]])
def test_every_command_has_help(command: list[str]) -> None:
    result = _cli(*command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: ita-extract {' '.join(command)}".rstrip())


def test_version_names_code_contract_and_cache() -> None:
    result = _cli("--version")
    assert result.returncode == 0
    assert re.fullmatch(r"ita-extract \d+\.\d+\.\d+ \(contract 3, cache \d+\.\d+\.\d+-[0-9a-f]{12}, "
                        r"C extensions\)\n", result.stdout)


# What only the workers need: the run's own process (arguments, inputs, cache, writer, report)
# loads none of it, so it starts while the worker server loads it beside it (pipeline.batch.server).
_WORKERS_ONLY = ("pypdfium2", "pdfplumber", "scipy", "pythainlp", "PIL", "ita_extract.parsers.pdf",
                 "ita_extract.parsers.ocr", "ita_extract.pipeline.batch.unit",
                 "ita_extract.pipeline.ita.reading")


def _loaded_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running `code` (which prints nothing)."""
    code += "\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"
    return set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                              check=True).stdout.split())


def _workers_only(loaded: set[str]) -> list[str]:
    return sorted(m for m in loaded if m.split(".")[0] in _WORKERS_ONLY or m in _WORKERS_ONLY)


def test_the_command_line_loads_nothing_only_workers_need(tmp_path) -> None:
    """Issue 28: the run's own process loaded pdfium, scipy and the ITA room (0.27 s) before its
    workers loaded them again; `--help` loaded the whole pipeline (0.23 s, now 0.06 s)."""
    described = _loaded_after("from ita_extract.pipeline.cli import _parser\n_parser().format_help()")
    assert "ita_extract.pipeline.cli" in described
    assert not {"pyarrow", "ita_extract.pipeline.batch.run"} & described
    assert _workers_only(described) == []
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(DEV_TEXTS[0], raw)
    ran = _loaded_after(f"from ita_extract.pipeline.cli import main\n"
                        f"main(['extract', '-q', '--raw', {str(raw)!r}, '--out', {str(tmp_path / 'out')!r}])")
    assert "ita_extract.pipeline.batch.run" in ran and (tmp_path / "out" / "scores.parquet").exists()
    assert _workers_only(ran) == []


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


def test_extract_writes_every_output(tmp_path) -> None:
    result = _cli("extract", "--raw", str(ROOT / "data" / "raw"), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert {p.name for p in tmp_path.iterdir() if not p.name.startswith(".")} == OUTPUTS | {"current", "runs"}
    assert {p.name for p in (tmp_path / "current").iterdir()} == OUTPUTS
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["inputs"]["seen"] == len(DEV_TEXTS) == manifest["inputs"]["extracted"]
    assert manifest["outputs"]["documents.parquet"]["rows"] == len(DEV_TEXTS)
    assert len(manifest["outputs"]["pages.parquet"]["sha256"]) == 64
    assert manifest["contract_version"] == "3"


def test_schema_prints_the_dictionary() -> None:
    result = _cli("schema")
    assert result.returncode == 0
    assert result.stdout == (ROOT / "docs" / "data-dictionary.md").read_text("utf-8")


def test_same_input_same_output(tmp_path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        assert _cli("extract", "--out", str(out), "-q").returncode == 0
    for name in OUTPUTS - {"manifest.json", "report.html", "report"}:  # the first two say when it finished
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    pages = sorted(p.name for p in (first / "report").iterdir())
    assert pages == sorted(p.name for p in (second / "report").iterdir()) and len(pages) > 2
    for name in pages:  # an organisation's page says nothing of the run
        assert (first / "report" / name).read_bytes() == (second / "report" / name).read_bytes(), name


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


def _one_line_error(result: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_out_that_is_a_file_is_a_usage_error(tmp_path) -> None:
    """Regression: `--out` naming a file ended in a FileExistsError traceback."""
    out = tmp_path / "tables.parquet"
    out.write_bytes(b"x")
    result = _cli("extract", "--raw", str(DEV_TEXTS[0]), "--out", str(out))
    assert result.returncode == 2
    assert _one_line_error(result) == f"error: --out must be a folder; {out} is a file"


def test_scheduler_without_dask_is_a_usage_error(tmp_path, monkeypatch, capsys) -> None:
    """Regression: --scheduler without the dask extra ended in an ImportError traceback."""
    import importlib.util

    from ita_extract.pipeline import cli
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "distributed"
                        else real(name, *a))
    code = cli.main(["extract", "--raw", str(DEV_TEXTS[0]), "--out", str(tmp_path), "--scheduler", "tcp://x:1"])
    assert code == 2
    assert capsys.readouterr().err == "error: --scheduler needs Dask: pip install 'ita-extract[dask]'\n"


def test_a_locked_output_folder_is_said_once(tmp_path) -> None:
    """Regression: the lock message was printed twice (once printed, once logged)."""
    import fcntl
    with (tmp_path / ".lock").open("a+") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        handle.write("pid 1 on a test")
        handle.flush()
        result = _cli("extract", "--raw", str(DEV_TEXTS[0]), "--out", str(tmp_path))
    assert result.returncode == 1
    assert _one_line_error(result).startswith(f"error: another ita-extract run is writing {tmp_path}")


@pytest.mark.slow
@pytest.mark.parametrize(("sent", "code", "word"), [(signal.SIGINT, 130, "interrupted"),
                                                     (signal.SIGTERM, 143, "terminated")])
def test_ctrl_c_and_sigterm_exit_with_one_line_and_keep_what_was_extracted(tmp_path, sent, code,
                                                                           word) -> None:
    """Interrupted while a scan is being read (by a stand-in Tesseract that never finishes, so
    the run is still going for certain), with the text documents before it extracted. SIGTERM
    (what cron, systemd and `timeout` send) is a regression: it ended with -15 and two
    BrokenPipeError tracebacks, 35 lines even with -q."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for index in range(5):
        (raw / f"{index:02d}.txt").write_text(DEV_TEXTS[index % len(DEV_TEXTS)].read_text("utf-8")
                                              + f"\n{index}\n", "utf-8")
    scanned_page(raw / "zz-scan.pdf")  # read last, by the one worker
    out, stand_in = tmp_path / "out", tmp_path / "bin"
    process = subprocess.Popen([sys.executable, "-m", "ita_extract", "extract", "-q", "--raw", str(raw),
                                "--out", str(out), "--workers", "1"], env=hanging_tesseract(stand_in),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert wait_for(started(stand_in))
    process.send_signal(sent)
    stdout, stderr = process.communicate(timeout=600)
    assert process.returncode == code, stderr
    kept = len(list((out / ".cache").glob("*/*/*.json")))
    assert kept == 5
    assert stderr.splitlines() == [f"error: {word}; 5 documents kept in the cache (the next run reuses them)"]
    (raw / "zz-scan.pdf").unlink()
    again = _cli("extract", "--raw", str(raw), "--out", str(out), "--workers", "1")
    assert again.returncode == 0, again.stderr
    assert "0 extracted, 5 reused from the cache" in again.stdout


def test_the_end_summary_counts_by_kind(tmp_path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_bytes(DEV_TEXTS[0].read_bytes())
    (raw / "empty.txt").write_bytes(b"")
    (raw / "recipe.txt").write_text("ต้มยำกุ้ง\nกุ้ง ๕ ตัว ข่า ตะไคร้ ใบมะกรูด น้ำปลา มะนาว\n" * 5, "utf-8")
    (raw / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (raw / "z-copy.txt").write_bytes(DEV_TEXTS[0].read_bytes())  # the same bytes again: read once
    result = _cli("extract", "--raw", str(raw), "--out", str(tmp_path / "out"), "--workers", "1")
    assert result.returncode == 3
    lines = result.stdout.splitlines()
    # Regression: the counts left duplicates out and did not add up to the inputs seen.
    assert lines[0] == "4 inputs: 1 ITA documents, 1 not ITA, 1 failed, 1 duplicates, 1 skipped"
    assert "failed: EmptyInput 1" in lines
    assert "skipped: no parser for this kind of file 1" in lines
    # Regression: the warnings line named no file.
    assert any(line.startswith("warnings: ") and "not_ita_document 1 (recipe.txt)" in line for line in lines)
    assert lines[-1] == f"report: {tmp_path / 'out' / 'report.html'}"


@pytest.mark.parametrize("files", [(), ("notes.docx", "budget.xlsx")])
def test_a_folder_with_nothing_to_read_says_so(tmp_path, files) -> None:
    """Regression: an empty folder, or one of .docx/.xlsx files only, exited 0 with no word."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in files:
        (raw / name).write_bytes(b"PK\x03\x04")
    result = _cli("extract", "--raw", str(raw), "--out", str(tmp_path / "out"), "--workers", "1")
    assert result.returncode == 0
    assert result.stdout.splitlines()[1].startswith("nothing was read: the folder holds no PDF")


@pytest.mark.parametrize("change", ["nothing", "a new file"])
def test_failures_carried_over_from_the_cache_are_logged_again(tmp_path, change) -> None:
    """Regression: a cron re-run over a folder holding one failed file exited 3 with an empty
    log: the failure came from the cache (or the unchanged tables) and was not logged."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_bytes(DEV_TEXTS[0].read_bytes())
    (raw / "binary.txt").write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "out"
    assert _cli("extract", "--raw", str(raw), "--out", str(out), "-q").returncode == 3
    if change == "a new file":
        (raw / "second.txt").write_bytes(DEV_TEXTS[1].read_bytes())
    log = tmp_path / "cron.log"
    again = _cli("extract", "--raw", str(raw), "--out", str(out), "-q", "--log-file", str(log))
    assert again.returncode == 3 and again.stdout == ""
    logged = log.read_text("utf-8")
    assert "binary.txt" in logged and "BinaryInput" in logged and "carried over from an earlier run" in logged


def test_the_progress_bar_names_the_file_and_keeps_warnings_off_it(capsys) -> None:
    """Regression: a hand-written bar whose ETA jumped, with warnings glued onto it."""
    import logging
    from types import SimpleNamespace

    from ita_extract.pipeline.batch.run import _progress
    log = logging.getLogger("ita_extract.test_progress")
    handler = logging.StreamHandler()  # the console handler the CLI installs on the root logger
    logging.getLogger().addHandler(handler)
    try:
        results = [(SimpleNamespace(path=f"/raw/report-{n}.pdf"), n) for n in range(3)]
        for task, _ in _progress(iter(results), len(results), enabled=True):  # type: ignore[arg-type]
            if task.path.endswith("1.pdf"):
                log.warning("a warning about %s", task.path)
    finally:
        logging.getLogger().removeHandler(handler)
    err = capsys.readouterr().err
    assert "3/3" in err and "report-2.pdf" in err
    # the bar is cleared, the warning printed on a line of its own, the bar drawn again below it
    assert "\ra warning about /raw/report-1.pdf\n" in err and "]a warning" not in err


def test_version_says_when_the_c_extensions_are_missing(monkeypatch, tmp_path) -> None:
    """The compiled modules are looked for beside the package's sources: where they are not
    (here, a package path without them), the line says so."""
    import ita_extract

    monkeypatch.setattr(ita_extract, "__path__", [str(tmp_path)])
    assert version_line().endswith(", no C extensions: slower)")
    monkeypatch.undo()
    assert version_line().endswith(", C extensions)")


def test_export_and_report_name_the_dataset_they_read(tmp_path) -> None:
    """Issue 27: `export --out` named the dataset read, not where the export goes; `--dataset`
    says so (`--out` still works)."""
    out = tmp_path / "data"
    assert _cli("extract", "-q", "--raw", str(ROOT / "data" / "raw"), "--out", str(out)).returncode == 0
    done = _cli("export", "--dataset", str(out), "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert (out / "csv" / "scores.csv").exists()
    assert _cli("report", "--dataset", str(out)).returncode == 0
    assert _cli("export", "--out", str(out), "--format", "sqlite").returncode == 0


def test_version_loads_no_pipeline() -> None:
    """Issue 28: `ita-extract --version` took 1.4 s loading the whole pipeline. It is answered
    from a few small modules: the command line, the parsers and the ITA room stay unloaded."""
    code = ("import sys\nfrom ita_extract.pipeline.entry import main\nmain(['--version'])\n"
            "print(sorted(m for m in ('ita_extract.pipeline.cli', 'ita_extract.parsers.pdf', "
            "'ita_extract.pipeline.ita', 'pyarrow') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    version, loaded = done.stdout.strip().splitlines()
    assert version == _cli("--version").stdout.strip()
    assert loaded == "[]"


@pytest.mark.skipif(not (CORPUS / "dev").is_dir(), reason="../shared/corpus/dev is not beside the project")
def test_show_draws_a_page_with_its_sources_boxed_and_refuses_a_changed_file(tmp_path) -> None:
    """Issue 27: the report gave a page and a printed line, but no way to see them on the page."""
    from PIL import Image

    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    pdf = raw / "report.pdf"
    shutil.copy(CORPUS / "dev" / "002_21007bcb3eecaeca.pdf", pdf)
    shutil.copy(DEV_TEXTS[0], raw)
    assert _cli("extract", "-q", "--raw", str(raw), "--out", str(out)).returncode == 0
    documents = pd.read_parquet(out / "documents.parquet").set_index("source_path")
    doc = documents.loc["report.pdf", "doc_id"]
    shown = _cli("show", doc[:8], "1", "--dataset", str(out), "--to", str(tmp_path / "p1.png"))
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == f"{tmp_path / 'p1.png'}: page 1, 2 box(es)\n"  # the overall's sentence, a measure
    with Image.open(tmp_path / "p1.png") as image:
        assert image.size == (1584, 1224)  # a landscape Letter page at 144 dpi
        pixels = image.convert("RGB").tobytes()
    red = sum(1 for k in range(0, len(pixels), 3)
              if pixels[k] > 180 and pixels[k + 1] < 80 and pixels[k + 2] < 80)
    assert red > 1000  # the score's box
    overall = pd.read_parquet(out / "scores.parquet").query("doc_id == @doc and level == 'overall'").iloc[0]
    cut = _cli("show", doc, str(overall["page"]), "--line", str(overall["line"]), "--dataset", str(out),
               "--to", str(tmp_path / "overall.png"))
    assert cut.returncode == 0 and cut.stdout.endswith(": page 1, 1 box(es)\n"), cut.stderr
    with Image.open(tmp_path / "overall.png") as image:  # the band around the sentence, full width
        top, bottom = overall["bbox"][1], overall["bbox"][3]
        assert image.size == (1584, int(min(612, bottom + 36) * 2) - int(max(0, top - 36) * 2))
    nothing = _cli("show", doc, "1", "--line", "999", "--dataset", str(out))
    assert nothing.returncode == 2 and "from line 999" in nothing.stderr
    text = documents.loc[DEV_TEXTS[0].name, "doc_id"]
    assert "not a PDF" in _cli("show", text, "1", "--dataset", str(out)).stderr
    beyond = _cli("show", doc, "99", "--dataset", str(out))
    assert beyond.returncode == 2 and beyond.stderr == "error: the PDF has 22 page(s), not a page 99\n"
    pdf.write_bytes(pdf.read_bytes() + b"\n%changed\n")
    changed = _cli("show", doc, "1", "--dataset", str(out))
    assert changed.returncode == 2 and "has changed since it was extracted" in changed.stderr
