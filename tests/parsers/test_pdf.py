"""PDF input: exact Thai from the text layer, ruled tables, the page quality gate, bad files."""

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from ita_extract.normalizers.thai_text import count_damaged, repair_thai
from ita_extract.parsers import pdf as pdf_parser
from ita_extract.parsers.grids import grids_from_edges
from ita_extract.parsers.pdf import character_problem, join_lines, parse_pdf, words_problem
from ita_extract.parsers.tesseract import tesseract_available
from ita_extract.pipeline.batch.unit import parse, process_document, process_file
from ita_extract.pipeline.ita.lines import DocumentLines
from tests.conftest import CORPUS

DEV = CORPUS / "dev"
THAI_PDF = CORPUS / "thai-pdf"
pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason="../shared/corpus is not beside the project")


def test_dev_pdf_text_is_exact_thai() -> None:
    document = parse_pdf((DEV / "000_872eaddf2db1f446.pdf").read_bytes())
    assert document.page_count == 6 and document.warnings == []
    lines = DocumentLines(document)
    text = "\n".join(lines.page_text(page) for page in document.pages)
    assert "เทศบาลตำบลหนองเสม็ด อำเภอเมืองตราด จังหวัดตราด" in text
    assert "ผลการประเมินอยู่ในระดับ E" in text  # a wrapped Thai line joined without a space
    assert count_damaged(text) == 0


def test_table_cut_by_page_breaks_is_one_table_with_its_rows() -> None:
    document = parse_pdf((DEV / "003_803e91d9ccdb16cf.pdf").read_bytes())
    tables = [block for block in document.blocks if block.kind == "table"]
    assert len(tables) == 1
    assert [row.cells[0].text[:3] for row in tables[0].rows] == [f"({d})" for d in "๑๒๓๔๕๖๗"]
    # The row cut after `(๕) กระบวนการ` goes on at the top of the next page.
    assert "จัดซื้อจัดจ้าง" in tables[0].rows[4].cells[0].text


def test_lines_join_without_spaces_inside_thai_words() -> None:
    assert join_lines(["ผลการ", "ประเมิน", "ITA"]) == "ผลการประเมิน ITA"
    assert join_lines(["ทุกกอง โดยส ", "านัก"]) == "ทุกกอง โดยส านัก"


def test_quality_gate_reasons() -> None:
    assert character_problem("", 0.95)[0] == "no_text_layer"
    assert character_problem("", 0.0)[0] is None  # a blank page
    assert character_problem("d':uaffinr:uiur:ei'luea'rualvr:dou fin1ilil", 1.0)[0] == "latin_text_layer"
    stamp = "สำนักงานเทศบาลตำบลนิคมคำสร้อย เลขรับ ๑๒๓๔ วันที่ ๒ ต.ค. ๒๕๖๖ เวลา ๑๐.๓๐ น."
    assert character_problem(stamp, 0.98)[0] == "text_layer_over_scan"  # a stamp over a scanned letter
    assert character_problem(stamp, 0.2)[0] is None  # a short page of its own
    assert character_problem("\x01\x04 1 \x01\x07\x08\t\x04\x05ก\x07\x08\t\x08\n\x0b\x07" * 3, 0)[0] == (
        "broken_text_layer")
    words = "ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน " * 3
    reason, thai = character_problem(words, 0.0)
    assert reason is None and words_problem(thai, [repair_thai(words)]) is None
    # Thai letters that are not words: a ToUnicode map pointing at the wrong letters
    garbled = "ฟหกดเ่าสวงผปแอิืทมใฝ " * 8
    reason, thai = character_problem(garbled, 0.0)
    assert reason is None and words_problem(thai, [repair_thai(garbled)]) == "text_layer_not_words"


def test_broken_tounicode_file_is_detected() -> None:
    path = THAI_PDF / "sao-saiyoi_strategy-2551-2555_broken-tounicode.pdf"
    page = pdfium.PdfDocument(path.read_bytes())[0]
    assert character_problem(page.get_textpage().get_text_range(), 0.0)[0] == "broken_text_layer"


def test_scan_without_tesseract_is_recorded_as_needing_ocr(monkeypatch) -> None:
    monkeypatch.setattr(pdf_parser, "tesseract_available", lambda: False)
    document = parse_pdf((DEV / "000_872eaddf2db1f446.scan.pdf").read_bytes())
    assert document.warnings == ["needs_ocr", "no_text_layer"]
    assert all(not page.blocks for page in document.pages)


def _zero_pages() -> bytes:
    pypdf = pytest.importorskip("pypdf")
    buffer = io.BytesIO()
    pypdf.PdfWriter().write(buffer)
    return buffer.getvalue()


def _encrypted(user_password: str) -> bytes:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=io.BytesIO((DEV / "000_872eaddf2db1f446.pdf").read_bytes()))
    writer.encrypt(user_password=user_password, owner_password="owner-secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "data", "error_type"), [
    ("not-a-pdf.pdf", lambda: "ผลการประเมิน ITA ไม่ใช่ PDF".encode(), "NotAPDF"),
    ("empty.pdf", lambda: b"", "EmptyInput"),  # a failed download: said as such, not "not a PDF"
    ("corrupt.pdf", lambda: b"%PDF-1.7\n" + bytes(range(256)) * 20, "CorruptPDF"),
    ("truncated.pdf", lambda: (DEV / "000_872eaddf2db1f446.pdf").read_bytes()[:4000], "CorruptPDF"),
    ("zero-pages.pdf", _zero_pages, "EmptyPDF"),
])
def test_bad_pdfs_become_error_rows(tmp_path, name: str, data, error_type: str) -> None:
    (tmp_path / name).write_bytes(data())
    result = process_file(tmp_path / name)
    assert result.failed
    assert result.rows["errors"][0]["error_type"] == error_type
    assert result.rows["errors"][0]["message"]


def test_user_password_gives_an_error_row_and_an_empty_one_opens(tmp_path) -> None:
    (tmp_path / "locked.pdf").write_bytes(_encrypted("secret"))
    (tmp_path / "owner-only.pdf").write_bytes(_encrypted(""))
    locked = process_file(tmp_path / "locked.pdf")
    assert locked.rows["errors"][0]["error_type"] == "EncryptedPDF"
    opened = process_file(tmp_path / "owner-only.pdf")
    assert not opened.failed
    assert opened.rows["documents"][0]["overall_score"] == 50.02


def _objects_by_wrappers(page: pdfium.PdfPage) -> tuple[list[tuple], float]:
    """What the reader found with pypdfium2's object wrappers, before it walked the C API."""
    raw = pdfium.raw
    paths = [obj.get_bounds() for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=4)]
    images = [obj.get_bounds() for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2)]
    return paths, sum(max(0.0, (r - left) * (t - b)) for left, b, r, t in images)


@pytest.mark.parametrize("path", sorted(p for folder in ("dev", "real", "thai-pdf")
                                        for p in (CORPUS / folder).glob("*.pdf")), ids=lambda p: p.name)
def test_one_walk_through_the_c_api_finds_what_the_wrappers_found(path) -> None:
    """Line art (forms to depth 4, in document order) and the images' area (depth 2) are those
    the two walks through the Python wrappers give: tables and scan detection cannot change."""
    document = pdfium.PdfDocument(path.read_bytes())
    try:
        for page in list(document)[:20]:
            paths, area = _objects_by_wrappers(page)
            found = pdf_parser.PageObjects.of(page)
            assert [tuple(map(float, p)) for p in found.paths] == [tuple(map(float, p)) for p in paths]
            assert found.image_area == pytest.approx(area, rel=1e-12)
    finally:
        document.close()


@pytest.mark.parametrize("path", sorted(p for folder in ("dev", "real", "thai-pdf")
                                        for p in (CORPUS / folder).glob("*.pdf")), ids=lambda p: p.name)
def test_the_c_loops_give_what_the_ctypes_loops_give(path) -> None:
    """parsers/_pdfium.c walks the page objects and fetches the character boxes as the Python
    twins do through ctypes, float for float (the twins run where no C compiler was found)."""
    assert pdf_parser._pdfium is not None  # built here, so the tests and `make bench` see it
    document = pdfium.PdfDocument(path.read_bytes())
    try:
        for page in list(document)[:20]:
            native, python = pdf_parser.PageObjects.of(page), pdf_parser.PageObjects.of(page, native=False)
            assert (native.paths, native.image_area, native.failure) == (
                python.paths, python.image_area, python.failure)
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            height = page.get_height()
            native_boxes = pdf_parser._char_boxes(textpage, text, height)
            assert native_boxes == pdf_parser._char_boxes(textpage, text, height, native=False)  # bit for bit
            laid_out = []
            for native_loop in (True, False):
                grids = grids_from_edges(python.edges(height))
                lines = pdf_parser._assign_chars(textpage, text, height, grids, native=native_loop)
                laid_out.append((lines, [(grid.bbox, grid.texts) for grid in grids]))
            assert laid_out[0] == laid_out[1]
            # the cells' insertion order too: a table reads its cells in it
            native_order, python_order = ([list(texts) for _, texts in cells] for _, cells in laid_out)
            assert native_order == python_order
    finally:
        document.close()


def test_the_c_assignment_equals_the_python_loop_on_random_pages() -> None:
    """Random characters (Thai, digits, separators, spaces, CR/LF, marks), boxes on and off lines
    and cells, gaps near both thresholds: the C loop's prose lines and cell lines are the Python
    loop's, in the same order."""
    import random
    from types import SimpleNamespace

    import numpy as np

    rng = random.Random(14)
    inserted = 0  # pages where the lost-space rule added a space
    alphabet = list("กขคงสานัก ๑๒3.,\r\n a") + ["\u0e31", "\u0e48", "\u0e33", " "]
    for _ in range(300):
        n = rng.randint(0, 120)
        text = "".join(rng.choice(alphabet) for _ in range(n))
        keys = [(g, r, c) for g in range(2) for r in range(2) for c in range(2)][: rng.randint(0, 8)]
        boxes = np.zeros((n, 4))
        has_box, ids = bytearray(n), np.full(n, -1, dtype=np.int32)
        x, y = 10.0, 100.0
        for i, char in enumerate(text):
            if char in "\r\n" or rng.random() < 0.15:
                continue
            x += rng.choice([0.0, 2.0, 5.9, 6.0, 6.1, 13.0, 30.0])
            y += rng.choice([0.0, 0.0, 0.0, 5.0, 25.0])
            boxes[i] = (x, y, x + rng.choice([0.0, 4.0, 6.0]), y + rng.choice([10.0, 20.0]))
            has_box[i] = 1
            if keys and rng.random() < 0.4:
                ids[i] = rng.randrange(len(keys))
        grids_c = [SimpleNamespace(texts={}) for _ in range(2)]
        grids_py = [SimpleNamespace(texts={}) for _ in range(2)]
        prose, cells = pdf_parser._pdfium.assign(text, boxes.tobytes(), bytes(has_box), ids.tobytes(),
                                                 len(keys), pdf_parser._GAP, pdf_parser._DIGIT_GAP)
        inserted += sum(line[0].count(" ") for line in prose) > text.count(" ")  # only by insertion
        for key, lines in cells:
            g, r, c = keys[key]
            grids_c[g].texts[(r, c)] = lines
        box_list = [tuple(row) if has else None for row, has in zip(boxes.tolist(), has_box, strict=True)]
        cell_list = [keys[k] if k >= 0 else None for k in ids.tolist()]
        expected = pdf_parser._assign_chars_python(text, box_list, cell_list, grids_py)  # type: ignore[arg-type]
        assert [pdf_parser.VisualLine(*line) for line in prose] == expected, text
        assert [list(g.texts.items()) for g in grids_c] == [list(g.texts.items()) for g in grids_py], text
    assert inserted > 20


MIXED = Path(__file__).resolve().parents[1] / "fixtures" / "mixed_pages.pdf"


@pytest.mark.skipif(not tesseract_available(), reason="needs tesseract-ocr with Thai data")
def test_pages_are_decided_one_by_one_a_stamp_over_a_scan_and_a_scan_in_strips_are_ocrd() -> None:
    """Regression (issue 25): a scanned PDF whose first page's text layer held only a stamp over
    the image, and whose image pages came in strips, was read as a text layer throughout and
    gave no score. scripts/make_mixed_pages_pdf.py builds the shape from the dev document 002."""
    data = MIXED.read_bytes()
    document = parse_pdf(data)
    assert [page.text_source for page in document.pages] == ["ocr", "ocr", "text_layer"]
    assert {"text_layer_over_scan", "no_text_layer"} <= set(document.warnings)
    rows = process_document(parse(MIXED, data), "ab" * 32)
    (row,) = rows["documents"]
    assert row["text_source"] == "mixed"
    assert (row["org_name"], row["assessment_year_be"], row["overall_score"]) == (
        "เทศบาลตำบลนิคมคำสร้อย", 2566, 95.75)
    assert [(s["level"], s["score"], s["page"]) for s in rows["scores"]] == [("overall", 95.75, 1)]


def test_latin_words_hyphens_and_decimal_points_keep_their_letters_together() -> None:
    """Regressions: a space inside a Latin word where a capital's side bearing meets an x-height
    letter (`I nstagram`); a line-end hyphen given by pdfium as U+FFFE (`E\\ufffeService`)."""
    text_000 = _document_text(DEV / "000_872eaddf2db1f446.pdf")
    assert "Instagram" in text_000 and "Integrity" in text_000 and "I nstagram" not in text_000
    assert "E-Service" in _document_text(DEV / "003_803e91d9ccdb16cf.pdf")


def _document_text(path: Path) -> str:
    document = parse_pdf(path.read_bytes())
    lines = DocumentLines(document)
    return "\n".join(lines.page_text(page) for page in document.pages)


def test_regression_a_damaged_pdf_read_after_another_reads_as_alone_once_pdfium_is_fresh() -> None:
    """Fuzz mutant 48 (a damaged 003) read after mutant 38 gave other characters than read
    alone: pdfium substituted its damaged font from a cache mutant 38 had filled. Workers
    call fresh_pdfium before each document instead of forking a process per PDF."""
    from tests.hostile import mutant_pdfs

    mutants = mutant_pdfs(49)

    def text_of(n: int) -> str:
        document = parse_pdf(mutants[n])
        return "\n".join(DocumentLines(document).page_text(page) for page in document.pages)

    pdf_parser.fresh_pdfium()
    alone = text_of(48)
    pdf_parser.fresh_pdfium()
    text_of(38)
    leaked = text_of(48)
    pdf_parser.fresh_pdfium()
    text_of(38)
    pdf_parser.fresh_pdfium()
    assert text_of(48) == alone
    assert leaked != alone  # the leak this guards against (pdfium 159); the reset above is what mends it


def test_regression_a_damaged_pdf_read_after_an_encrypted_one_is_not_said_to_need_a_password() -> None:
    """Fuzz mutant 17 fails to load without pdfium setting an error; read after an encrypted
    PDF it inherited "Incorrect password" and became EncryptedPDF (CorruptPDF read first)."""
    from tests.hostile import DEV_PDFS, encrypted_pdf, mutant_pdfs

    damaged = mutant_pdfs(18)[17]
    with pytest.raises(pdf_parser.EncryptedPDF):
        pdf_parser.fresh_pdfium()
        parse_pdf(encrypted_pdf(DEV_PDFS[0]))
    pdf_parser.fresh_pdfium()
    with pytest.raises(pdf_parser.CorruptPDF):
        parse_pdf(damaged)
