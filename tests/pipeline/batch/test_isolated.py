"""The child process a Dask worker thread extracts in: same rows as in-process, killed at the
time limit, bounded in memory, started afresh after either."""

import pytest

from ita_extract.pipeline.batch.isolated import ChildProcess
from ita_extract.pipeline.batch.unit import process_file
from tests.conftest import DEV_TEXTS
from tests.stand_ins import hanging_tesseract, scanned_page

pytestmark = pytest.mark.slow


@pytest.fixture
def extractor():
    child = ChildProcess(memory=1024 * 2**20)
    yield child
    child.stop()


def _extract(child: ChildProcess, path, time_limit: float = 120):
    return child.process_file(str(path), "0" * 64, time_limit)


def test_rows_from_the_child_equal_rows_extracted_in_process(extractor) -> None:
    for text in DEV_TEXTS:
        assert _extract(extractor, text).rows == process_file(text).rows


def test_a_document_over_the_time_limit_kills_the_child_and_the_next_is_read(tmp_path, monkeypatch) -> None:
    stand_in = tmp_path / "bin"
    monkeypatch.setenv("PATH", hanging_tesseract(stand_in)["PATH"])  # the child reads scans for ever
    extractor = ChildProcess(memory=1024 * 2**20)
    try:
        _extract(extractor, DEV_TEXTS[0])
        child = extractor.process
        assert child is not None
        error = _extract(extractor, scanned_page(tmp_path / "scan.pdf"), time_limit=2).rows["errors"][0]
        assert error["error_type"] == "DocumentTimeout"
        assert child.poll() is not None  # killed, not left running (its Tesseract with it)
        assert "documents" in _extract(extractor, DEV_TEXTS[0]).rows
    finally:
        extractor.stop()


def test_a_memory_bomb_in_the_child_is_an_errors_row_under_its_limit(tmp_path) -> None:
    line = "ผลการประเมิน ITA ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่ ได้คะแนน ๙๗.๔๔ คะแนน\n"
    bomb = tmp_path / "bomb.txt"
    bomb.write_text(line * (120 * 2**20 // len(line.encode())), "utf-8")
    child = ChildProcess(memory=800 * 2**20)
    try:
        error = _extract(child, bomb).rows["errors"][0]
        assert error["error_type"] in ("MemoryLimit", "WorkerDied")
        assert "documents" in _extract(child, DEV_TEXTS[0]).rows
    finally:
        child.stop()


def test_a_damaged_pdf_reads_the_same_whatever_the_child_read_before_it(extractor, tmp_path) -> None:
    """Each document starts from a fresh pdfium in the warm child: its font state never carries
    over (fuzz mutant 48 read after mutant 38 gave other text)."""
    from tests.hostile import mutant_pdfs

    mutants = mutant_pdfs(49)
    for n in (38, 48):
        (tmp_path / f"mutant-{n}.pdf").write_bytes(mutants[n])
    alone = ChildProcess(memory=1024 * 2**20)
    try:
        expected = _extract(alone, tmp_path / "mutant-48.pdf").rows
    finally:
        alone.stop()
    _extract(extractor, tmp_path / "mutant-38.pdf")
    assert _extract(extractor, tmp_path / "mutant-48.pdf").rows == expected
