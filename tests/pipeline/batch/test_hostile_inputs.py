"""Hostile and careless raw folders (issue 11): each case a regression test named after it.
Every case stands beside a good file, which must still be extracted."""

import logging
import os
import shutil
import threading
from pathlib import Path

import pandas as pd
import pytest

from ita_extract.pipeline.batch.inputs import OUTPUT_FOLDER, discover, source_path
from ita_extract.pipeline.batch.options import EXIT_SOME_FAILED, RunOptions
from ita_extract.pipeline.batch.run import run
from tests.conftest import RAW

pytestmark = pytest.mark.slow

GOOD = "002_21007bcb3eecaeca.txt"


@pytest.fixture
def raw(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    shutil.copy(RAW / GOOD, folder / "good.txt")
    return folder


def _run(raw, tmp_path, **options):
    out = tmp_path / "out"
    summary = run(raw, out, RunOptions(workers=1, **options))
    tables = {name: pd.read_parquet(out / f"{name}.parquet") for name in ("documents", "errors")}
    assert "good.txt" in set(tables["documents"]["source_path"])
    return summary, tables


def test_a_fifo_named_like_an_input_is_skipped_not_read(raw, tmp_path) -> None:
    os.mkfifo(raw / "a.txt")  # reading it would block the run for ever
    summary, _ = _run(raw, tmp_path)
    assert summary.manifest["inputs"]["skipped"] == {"a.txt": "not a regular file (a FIFO)"}
    assert summary.exit_code == 0


def test_a_file_whose_reading_hangs_is_a_read_timeout_row(raw, tmp_path, monkeypatch) -> None:
    """A regular file on a hung share blocks its first read: hashing it happens before any
    document's time limit, so it is bounded by the same limit itself."""
    from ita_extract.pipeline.batch import run as pipeline_run

    released = threading.Event()
    honest = pipeline_run.sha256_file

    def hashing(path):
        if path.name == "hung.txt":
            released.wait()  # a read that does not return (until the run is over)
        return honest(path)

    shutil.copy(RAW / GOOD, raw / "hung.txt")
    (raw / "hung.txt").write_text("another document, so its hash is not the good file's", "utf-8")
    monkeypatch.setattr(pipeline_run, "sha256_file", hashing)
    try:  # the hash never returns while the run lasts: only the time limit ends its wait
        summary, tables = _run(raw, tmp_path, time_limit=2)
    finally:
        released.set()
    error = tables["errors"].set_index("source_path").loc["hung.txt"]
    assert (error["error_type"], error["stage"]) == ("ReadTimeout", "read")
    assert summary.exit_code == EXIT_SOME_FAILED


def test_a_symlink_to_dev_zero_is_not_followed(raw, tmp_path) -> None:
    (raw / "z.pdf").symlink_to("/dev/zero")
    summary, _ = _run(raw, tmp_path)
    assert "outside the raw folder" in summary.manifest["inputs"]["skipped"]["z.pdf"]
    summary, _ = _run(raw, tmp_path, follow_symlinks=True)  # followed, it is still no regular file
    assert summary.manifest["inputs"]["skipped"]["z.pdf"] == "not a regular file (a character device)"


def test_a_symlink_out_of_the_raw_folder_is_not_read(raw, tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("รหัสผ่าน ITA คุณธรรมและความโปร่งใส ผลการประเมิน ได้คะแนน ๙๙.๙๙", "utf-8")
    (raw / "x.txt").symlink_to(secret)
    summary, tables = _run(raw, tmp_path)
    assert "x.txt" not in set(tables["documents"]["source_path"])
    assert "x.txt" in summary.manifest["inputs"]["skipped"]
    _, tables = _run(raw, tmp_path, follow_symlinks=True)
    assert "x.txt" in set(tables["documents"]["source_path"])


def test_a_symlink_to_a_folder_is_not_walked_twice_and_says_so(raw, tmp_path) -> None:
    (raw / "sub").mkdir()
    shutil.copy(RAW / "000_872eaddf2db1f446.txt", raw / "sub" / "inner.txt")
    (raw / "again").symlink_to(raw / "sub")
    found = discover(raw)
    assert [p.name for p in found.inputs] == ["good.txt", "inner.txt"]
    assert found.skipped == {raw / "again": "a symlink to a folder already read"}


def test_an_unreadable_folder_is_an_error_row_not_dropped(raw, tmp_path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every folder; unreadable folders are tested as a normal user")
    (raw / "locked").mkdir()
    (raw / "locked").chmod(0)
    try:
        summary, tables = _run(raw, tmp_path)
    finally:
        (raw / "locked").chmod(0o755)
    assert "locked" in summary.manifest["inputs"]["unreadable_folders"]
    assert summary.exit_code == EXIT_SOME_FAILED


def test_an_unlistable_folder_is_recorded(raw, monkeypatch) -> None:
    """The same case for root, who can list any folder: the OS refusal simulated."""
    (raw / "locked").mkdir()
    real_scandir = os.scandir

    def refusing(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    assert discover(raw).unreadable_folders == {raw / "locked": "Permission denied"}


def test_a_file_name_that_is_not_utf8_is_kept_escaped_and_the_run_goes_on(raw, tmp_path) -> None:
    name = "รายงาน".encode("cp874") + b".txt"  # Thai in cp874 bytes, as old Windows shares hold
    shutil.copy(os.fsencode(RAW / "000_872eaddf2db1f446.txt"), os.path.join(os.fsencode(raw), name))
    summary, tables = _run(raw, tmp_path)
    assert summary.exit_code == 0
    # c3 d2 are not UTF-8 and are escaped; c2 a7 and d2 b9 happen to be UTF-8 (§, ҹ) and stay
    assert "\\xc3\\xd2§ҹ.txt" in set(tables["documents"]["source_path"])


@pytest.mark.parametrize(("name", "printed"), [
    (b"plain.txt", "plain.txt"),
    (b"back\\slash.txt", "back\\\\slash.txt"),
    ("ไทย.txt".encode(), "ไทย.txt"),
    (b"\xc3.txt", "\\xc3.txt"),
])
def test_source_paths_map_back_to_exactly_one_name(tmp_path, name: bytes, printed: str) -> None:
    path = os.fsdecode(os.path.join(os.fsencode(tmp_path), name))
    assert source_path(path, tmp_path) == printed


def test_an_html_table_with_huge_spans_is_laid_out_at_its_real_size() -> None:
    from ita_extract.parsers.html import MAX_COLSPAN, parse_html
    blocks = parse_html('<table><tr><td rowspan="100000" colspan="100000">x</td></tr>'
                        '<tr><td>y</td></tr></table>')
    table = next(b for b in blocks if b.kind == "table")
    rows = [*table.header, *table.rows]
    assert len(rows) == 2 and max(len(r.cells) for r in rows) == MAX_COLSPAN + 1  # and y beside them


def test_a_page_too_large_to_render_is_not_ocrd(tmp_path) -> None:
    """A 2 kB PDF whose one scanned page is 200 × 200 inches: at 300 dpi it would take 3.6 Gpx."""
    from ita_extract.pipeline.batch.unit import process_file
    from tests.hostile import poster_pdf

    (tmp_path / "poster.pdf").write_bytes(poster_pdf())
    rows = process_file(tmp_path / "poster.pdf").rows
    assert "page_too_large_to_ocr" in rows["documents"][0]["warnings"]


def test_an_input_over_its_size_limit_is_an_error_row_unread(raw, tmp_path) -> None:
    (raw / "huge.txt").write_bytes(b"x" * (2 * 2**20))
    summary, tables = _run(raw, tmp_path, max_mb={"text": 1, "pdf": 512})
    error = tables["errors"].set_index("source_path").loc["huge.txt"]
    assert (error["error_type"], error["stage"]) == ("InputTooLarge", "read")
    assert "--max-text-mb" in error["message"]
    assert summary.exit_code == EXIT_SOME_FAILED


@pytest.mark.parametrize(("raised", "error_type", "stage"), [
    ("pdfium", "DamagedPDF", "parse"),
    ("unicode", "UndecodableText", "decode"),
])
def test_library_errors_past_opening_are_known_errors_not_crashes(tmp_path, monkeypatch, raised, error_type,
                                                                  stage) -> None:
    import pypdfium2 as pdfium

    import ita_extract.parsers.registry as registry
    from ita_extract.pipeline.batch.unit import process_file

    def failing(data, labels):
        if raised == "pdfium":
            raise pdfium.PdfiumError("Failed to load page.")
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

    monkeypatch.setitem(registry._READERS, "pdf", failing)
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4")
    error = process_file(tmp_path / "bad.pdf").rows["errors"][0]
    assert (error["error_type"], error["stage"]) == (error_type, stage)


def test_a_memory_bomb_nobody_foresaw_is_an_errors_row_under_the_workers_limit(raw, tmp_path, caplog) -> None:
    """With the size limits lifted, a 120 MB text dump needs far more than the worker may use:
    the OS refuses the memory, the document becomes an errors row, the good file is extracted.
    (A worker holds about 300 MB of address space before its first document and needs about
    450 MB for the good file, depending on which thread's malloc arena it lands in: a 400 MB
    limit failed it on some runs, so 800.)"""
    line = "ผลการประเมิน ITA ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่ ได้คะแนน ๙๗.๔๔ คะแนน\n"
    (raw / "bomb.txt").write_text(line * (120 * 2**20 // len(line.encode())), "utf-8")
    with caplog.at_level(logging.WARNING):
        summary, tables = _run(raw, tmp_path, max_mb={"text": 0, "pdf": 0}, memory_mb=800)
    error = tables["errors"].set_index("source_path").loc["bomb.txt"]
    assert error["error_type"] in ("MemoryLimit", "WorkerDied")
    assert summary.exit_code == EXIT_SOME_FAILED
    said = [r.getMessage() for r in caplog.records if "bomb.txt" in r.getMessage()]
    assert len(said) == 1, said  # the worker-died (or memory) warning, once


def test_force_reads_a_file_edited_without_changing_its_size_or_mtime(raw, tmp_path) -> None:
    _run(raw, tmp_path)
    path = raw / "good.txt"
    stat = path.stat()
    path.write_bytes(path.read_bytes().replace(b"95.75", b"95.76"))  # same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    summary, tables = _run(raw, tmp_path, force=True)
    assert summary.exit_code == 0
    assert tables["documents"].set_index("source_path").loc["good.txt", "overall_score"] == 95.76


def test_a_damaged_pdf_reads_the_same_whatever_the_worker_read_before_it(tmp_path) -> None:
    """Fuzz mutant 48 (a damaged 003) read after mutant 38 gave other character boxes than
    read alone: pdfium substitutes its damaged font from a cache mutant 38 had filled. A
    worker starts each document from a fresh pdfium, so the tables no longer depend on the order."""
    from tests.hostile import mutant_pdfs

    mutants = mutant_pdfs(49)
    for folder, names in (("both", (38, 48)), ("alone", (48,))):
        (tmp_path / folder).mkdir()
        for n in names:
            (tmp_path / folder / f"mutant-{n:02d}.pdf").write_bytes(mutants[n])
        run(tmp_path / folder, tmp_path / f"{folder}-out", RunOptions(workers=1))
    alone = pd.read_parquet(tmp_path / "alone-out" / "pages.parquet")
    both = pd.read_parquet(tmp_path / "both-out" / "pages.parquet")
    both = both[both["doc_id"].isin(set(alone["doc_id"]))].reset_index(drop=True)
    pd.testing.assert_frame_equal(both, alone)


def test_regression_the_output_folder_inside_the_raw_folder_is_never_read(raw, tmp_path) -> None:
    """`--raw R --out R/out`: each re-run read its own report.html back (documents 1 → 2 → 3)."""
    out = raw / "out"
    for _ in range(3):
        summary = run(raw, out, RunOptions(workers=1))
        documents = pd.read_parquet(out / "documents.parquet")
        assert list(documents["source_path"]) == ["good.txt"]
        assert summary.manifest["inputs"]["skipped"] == {"out": OUTPUT_FOLDER}


def test_regression_a_raw_folder_inside_the_output_folder_is_refused(tmp_path) -> None:
    from ita_extract.pipeline import cli
    from ita_extract.pipeline.dataset.store import OutputFolderError

    out = tmp_path / "out"
    (out / "raw").mkdir(parents=True)
    shutil.copy(RAW / GOOD, out / "raw" / "good.txt")
    for raw_root in (out / "raw", out):
        with pytest.raises(OutputFolderError, match="lies inside the output folder"):
            run(raw_root, out, RunOptions(workers=1))
        assert cli.main(["extract", "-q", "--raw", str(raw_root), "--out", str(out)]) == 2
    assert not (out / "documents.parquet").exists()


def test_regression_a_raw_tree_1200_folders_deep_is_walked_to_its_depth_limit(raw, tmp_path) -> None:
    """It failed the whole run with RecursionError; 500 levels worked."""
    deep = raw
    for _ in range(1200):  # one level at a time: Path.mkdir(parents=True) recurses itself
        deep = deep / "d"
        deep.mkdir()
    try:
        _walked_to_its_depth_limit(raw, tmp_path, deep)
    finally:  # removed here: pytest's own clean-up of old temporary folders recurses, and fails
        _remove_chain(raw / "d")


def _remove_chain(top: Path) -> None:
    chain = [top]
    while (chain[-1] / "d").is_dir():
        chain.append(chain[-1] / "d")
    for folder in reversed(chain):
        for child in folder.iterdir():
            child.unlink()
        folder.rmdir()


def _walked_to_its_depth_limit(raw: Path, tmp_path: Path, deep: Path) -> None:
    (deep / "bottom.txt").write_text("ITA", "utf-8")
    shallow = raw / "d" / "d" / "shallow.txt"
    shutil.copy(RAW / GOOD, shallow)
    shallow.write_text(shallow.read_text("utf-8") + "\nสำเนา\n", "utf-8")  # another document
    found = discover(raw)
    assert raw / "good.txt" in found.inputs and shallow in found.inputs
    assert [why for why in found.skipped.values()] == ["a folder deeper than 64 levels (--max-depth)"]
    everything = discover(raw, max_depth=2000)
    assert deep / "bottom.txt" in everything.inputs and not everything.skipped
    summary, _ = _run(raw, tmp_path, max_depth=3)
    assert list(summary.manifest["inputs"]["skipped"].values()) == \
        ["a folder deeper than 3 levels (--max-depth)"]


@pytest.mark.parametrize("name", ["clear\x1b[2J\x1b]0;owned\x07.pdf", "forged\nERROR everything failed.pdf",
                                  "bidi\u202efdp.exe.pdf", "c1\x85.pdf"])
def test_regression_terminal_escapes_and_newlines_in_file_names_are_shown_not_obeyed(
        raw, tmp_path, name, capsys) -> None:
    """Names reached the console and --log-file raw: they could clear the screen, set the
    terminal title or forge an `ERROR` line in a cron log."""
    from ita_extract.pipeline import cli

    (raw / name).write_bytes(b"%PDF-1.4 broken")  # a failing input: its name is logged
    log_file = tmp_path / "run.log"
    out = tmp_path / "out"
    assert cli.main(["extract", "--raw", str(raw), "--out", str(out), "--log-file", str(log_file),
                     "--workers", "1"]) == EXIT_SOME_FAILED
    printed = capsys.readouterr()
    logged = log_file.read_text("utf-8")
    for text in (printed.out, printed.err, logged):
        assert not {"\x1b", "\x07", "\x85", "\u202e"} & set(text)
    assert all(line[:4].isdigit() for line in logged.splitlines())  # one record per line, each dated
    assert printed.err and all(line.split()[0] in ("WARNING", "ERROR") for line in printed.err.splitlines())
    shown = pd.read_parquet(out / "errors.parquet")["source_path"].tolist()
    assert len(shown) == 1 and "\\u" in shown[0] and shown[0].isprintable()
