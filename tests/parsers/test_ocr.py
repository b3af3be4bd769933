"""The OCR'd text of a prose band put back into paragraphs (parsers.ocr._paragraphs); pages read
several to a Tesseract process."""

import numpy as np
import pypdfium2 as pdfium
import pytest

from ita_extract.parsers.ocr import (
    MAX_PAGES_PER_PROCESS,
    OcrText,
    _paragraphs,
    _solid_mark,
    pages_per_process,
    read_scans,
)
from ita_extract.parsers.tesseract import tesseract_available
from tests.conftest import CORPUS


def _read(rows: list[tuple[str, int, int]], pitch: int = 50) -> OcrText:
    """Lines of text with their right edges and line numbers (tops are line × pitch)."""
    return OcrText("\n".join(text for text, _, _ in rows),
                   [(line * pitch, line * pitch + 40) for _, _, line in rows],
                   [(100, right) for _, right, _ in rows])


def test_a_sentence_wrapped_at_the_lines_end_is_one_line() -> None:
    read = _read([("ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของเทศบาลตำบล", 2000, 0),
                  ("หนองเสม็ดประจำปี ๒๕๖๔ มีผลคะแนนเท่ากับร้อยละ ๕๐.๐๒ คะแนน", 1990, 1),
                  ("ผลการประเมินอยู่ในระดับ E", 900, 2)])
    assert _paragraphs(read) == ("ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของเทศบาลตำบล"
                                 "หนองเสม็ดประจำปี ๒๕๖๔ มีผลคะแนนเท่ากับร้อยละ ๕๐.๐๒ คะแนน"
                                 "ผลการประเมินอยู่ในระดับ E")


def test_a_short_line_a_numbered_point_and_a_gap_each_end_a_paragraph() -> None:
    read = _read([("เทศบาลตำบลหนองเสม็ด อำเภอเมืองตราด", 900, 0),
                  ("ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของเทศบาล", 2000, 1),
                  ("ตำบลหนองเสม็ด", 600, 2),
                  ("๑. การประเมินแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)", 2000, 3),
                  ("ด้าน IIT พบว่า", 2000, 6)])
    assert _paragraphs(read).split("\n\n") == [
        "เทศบาลตำบลหนองเสม็ด อำเภอเมืองตราด",
        "ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของเทศบาลตำบลหนองเสม็ด",
        "๑. การประเมินแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)",
        "ด้าน IIT พบว่า"]


def test_a_page_of_one_line_paragraphs_with_space_below_each_keeps_them_apart() -> None:
    """Regression (a probe's scan): every paragraph one line with space below it, so the median of
    all steps was the step between paragraphs, and a point long enough not to end short glued the
    heading below it to itself (`…75.00 คะแนนข้อเสนอแนะเพื่อการพัฒนา`: the recommendations read
    as weaknesses). The title's wrap gives the pitch within a paragraph, as on a text layer."""
    rows = [("รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน", 0, 2000),
            ("ของหน่วยงานภาครัฐ ประจำปี 2567", 57, 1500), ("องค์การบริหารส่วนตำบลหนองแวง", 140, 1700),
            ("1. ตัวชี้วัดที่ 7 ประสิทธิภาพการสื่อสาร ได้ 78.25 คะแนน ต่ำกว่าเกณฑ์", 225, 1850),
            ("2. ข้อ e12 การรับฟังความคิดเห็นของประชาชน ได้ 75.00 คะแนน", 310, 1750),
            ("ข้อเสนอแนะเพื่อการพัฒนา", 395, 700), ("1. ควรเพิ่มช่องทางการสื่อสาร", 480, 1400)]
    read = OcrText("\n".join(text for text, _, _ in rows), [(top, top + 40) for _, top, _ in rows],
                   [(100, right) for _, _, right in rows])
    assert _paragraphs(read).split("\n\n") == [
        "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ประจำปี 2567",
        *(text for text, _, _ in rows[2:])]


def test_lines_tesseract_boxed_otherwise_are_left_as_read() -> None:
    read = OcrText("หนึ่ง\nสอง", [(0, 40)], [(0, 100)])  # two lines of text, one box
    assert _paragraphs(read) == "หนึ่ง\nสอง"


@pytest.mark.slow
def test_pages_read_by_one_tesseract_process_read_as_each_alone() -> None:
    """read_scans reads the cells of several pages in one process, their bands in another: each
    page's tables and prose must be what reading the page alone gives."""
    scan = CORPUS / "dev" / "000_872eaddf2db1f446.scan.pdf"
    if not scan.is_file() or not tesseract_available():
        pytest.skip("needs ../shared/corpus/dev and tesseract-ocr with Thai data")
    pdf = pdfium.PdfDocument(scan.read_bytes())
    images = [pdf[k].render(scale=300 / 72, grayscale=True).to_pil() for k in (0, 1)]
    together = read_scans(images)
    assert len(together) == 2 and together[0].bands and together[1].grids
    for image, read in zip(images, together, strict=True):
        alone = read_scans([image])[0]
        assert read.bands == alone.bands
        assert [grid.texts for grid in read.grids] == [grid.texts for grid in alone.grids]


def test_a_process_reads_a_few_pages_and_every_thread_gets_some() -> None:
    assert pages_per_process(1, 2) == 1
    assert pages_per_process(3, 2) == 2
    assert pages_per_process(15, 1) == MAX_PAGES_PER_PROCESS
    assert pages_per_process(15, 8) == 2
    assert pages_per_process(100, 2) == MAX_PAGES_PER_PROCESS
    assert pages_per_process(0, 2) == 1


def _cell(height: int = 120, width: int = 120) -> np.ndarray:
    return np.zeros((height, width), dtype=bool)


def test_a_solid_dot_alone_in_its_cell_is_a_mark() -> None:
    """A Gantt chart's ● (Tesseract reads no letter in it): a disc about 11 points across."""
    cell = _cell()
    ys, xs = np.ogrid[:120, :120]
    cell[(ys - 60) ** 2 + (xs - 60) ** 2 <= 22 ** 2] = True
    assert _solid_mark(cell)
    square = _cell()
    square[40:80, 45:85] = True  # ■
    assert _solid_mark(square)


def test_letters_dashes_and_dark_patches_are_no_marks() -> None:
    one = _cell()
    one[35:80, 55:62] = True  # a `1`: thin
    one[35:40, 48:62] = True
    assert not _solid_mark(one)
    dash = _cell()
    dash[58:64, 30:90] = True  # `-`: a dash, not square
    assert not _solid_mark(dash)
    patch = _cell(40, 50)
    patch[:, :] = True  # a dark part of a picture a grid was found in: ink to the cell's edges
    assert not _solid_mark(patch)
    ring = _cell()
    ys, xs = np.ogrid[:120, :120]
    ring[((ys - 60) ** 2 + (xs - 60) ** 2 <= 22 ** 2) & ((ys - 60) ** 2 + (xs - 60) ** 2 >= 17 ** 2)] = True
    assert not _solid_mark(ring)  # an `O` or an empty circle
