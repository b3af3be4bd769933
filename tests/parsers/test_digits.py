"""Numbers on OCR'd images read a second time by their glyphs' shapes (parsers.digits).

The page tests read real pages of the dev scans (../shared/corpus/dev), each a misreading
Tesseract's Thai model makes there, asserted against the text twin's wording; the unit tests
feed the span logic the words and glyphs it is given in those cases."""

from functools import cache

import numpy as np
import pytest

from ita_extract.parsers.glyph_features import glyph_image, stacked_joined
from ita_extract.parsers.glyph_numbers import DIGITS, Glyph, Word, _span_of, classify, reread_line
from ita_extract.parsers.tesseract import tesseract_available
from tests.conftest import CORPUS

DEV = CORPUS / "dev"
_needs_scans = pytest.mark.skipif(not DEV.is_dir() or not tesseract_available(),
                                  reason="needs ../shared/corpus/dev and tesseract-ocr with Thai data")


def scans(test):
    """A test that OCRs a dev scan: slow, and only where the scans and Tesseract are."""
    return pytest.mark.slow(_needs_scans(test))


@cache
def _page_texts(stem: str, index: int) -> list[str]:
    import pypdfium2 as pdfium

    from ita_extract.parsers.ocr import read_scans
    from ita_extract.pipeline.ita.framework import NUMBER_LABELS  # the genre's labels: item codes

    pdf = pdfium.PdfDocument((DEV / f"{stem}.scan.pdf").read_bytes())
    scan = read_scans([pdf[index].render(scale=300 / 72).to_pil()], NUMBER_LABELS)[0]
    return [text for _, text in scan.bands] + [line for grid in scan.grids
                                               for lines in grid.texts.values() for line in lines]


def _page(stem: str, index: int) -> str:
    return "\n".join(_page_texts(stem, index))


@scans
def test_a_six_tesseract_splits_into_zero_and_two_is_read_as_six() -> None:
    # Tesseract reads ๒๕๖๖ as `๒๕๐๒๐`, and where the scan ran ๕ and ๖ together as `๒๕๐๒๐` again
    page = _page("003_803e91d9ccdb16cf", 0)
    assert page.count("พ.ศ. ๒๕๖๖") == 2
    assert "๒๕๐" not in page


@scans
def test_a_four_read_as_five_is_read_as_four() -> None:
    assert "ไตรมาส ๑-๔" in _page("003_803e91d9ccdb16cf", 1)


@scans
@pytest.mark.parametrize(("index", "code"), [(2, "e๑๒ วิธีการ"), (4, "e๖ หน่วยงาน"), (6, "i๑๙ ท่านรู้")])
def test_an_item_code_tesseract_misread_is_put_back(index: int, code: str) -> None:
    # read as `6๑๒` (e as 6), `eb` (๖ as b) and `iow` (๑๙ as ow)
    assert code in _page("003_803e91d9ccdb16cf", index)


@scans
def test_a_bracketed_digit_read_as_a_letter_is_read_as_the_digit() -> None:
    # the seventh analysis area, `(๗) กลไก…`, read as `(ซ)`
    assert "(๗) กลไก" in _page("003_803e91d9ccdb16cf", 13)


@scans
def test_a_vowel_mark_set_on_a_line_of_its_own_is_not_read_as_a_digit() -> None:
    # the ั of สำนักปลัด in a cell, read as ๕ on a line of its own (then `สำนักปลัด 5`)
    texts = _page_texts("003_803e91d9ccdb16cf", 0)
    assert not [text for text in texts if text.strip() in {"๕", "๘", "5", "8"}]


@scans
def test_a_decimal_point_after_the_short_thai_zero_is_kept() -> None:
    page = _page("000_872eaddf2db1f446", 0)
    assert "ร้อยละ ๕๐.๐๒" in page and "ประจําปี ๒๕๖๔" in page.replace("ประจำ", "ประจํา")


def test_the_templates_tell_the_thai_digits_apart() -> None:
    from ita_extract.parsers.glyph_numbers import _templates

    vectors, labels = _templates()
    for digit in "๐๑๒๓๔๕๖๗๘๙0123456789":
        assert (labels == digit).sum() >= 20, digit  # every font and weight
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_a_blot_is_not_a_digit() -> None:
    assert classify([np.ones((30, 30), dtype=bool)])[0] not in DIGITS  # a full stop, at best


def test_parts_standing_over_each_other_are_one_glyph_parts_side_by_side_are_not() -> None:
    dot, stem, other = (10, 0, 16, 6), (10, 10, 16, 40), (30, 10, 50, 40)
    assert stacked_joined([other, stem, dot]) == [(10, 0, 16, 40), other]


def test_a_glyph_image_keeps_its_proportions() -> None:
    tall, square = glyph_image(np.ones((40, 10), dtype=bool)), glyph_image(np.ones((20, 20), dtype=bool))
    assert tall.reshape(16, 16)[:, 0].sum() == 0 and square.reshape(16, 16)[:, 0].sum() > 0


# -- which stretch of Tesseract's line a run of digit glyphs replaces ------------------------------

def _run(labels: str, left: int = 100, width: int = 30, height: int = 36) -> list[Glyph]:
    return [Glyph(left + k * (width + 4), 0, left + k * (width + 4) + width, height, label)
            for k, label in enumerate(labels)]


def test_a_list_marker_keeps_its_full_stop() -> None:
    run = _run("๑")
    words = [Word("๑.", 100, 0, 45, 36)]
    assert _span_of(run, words, [(0, 2)], "๑.", words) == (0, 1)


def test_a_bracketed_number_keeps_its_brackets() -> None:
    run = _run("๕", left=120)
    words = [Word("(๔)", 100, 0, 70, 36)]
    assert _span_of(run, words, [(0, 3)], "(๔)", words) == (1, 2)


def test_a_decimal_point_tesseract_read_and_the_glyphs_lack_keeps_tesseracts_reading() -> None:
    run = _run("๘๕๕")  # the point not found among the glyphs
    words = [Word("๘๕.๕", 100, 0, 100, 36)]
    assert _span_of(run, words, [(0, 4)], "๘๕.๕", words) is None


def test_a_word_without_a_digit_is_never_replaced() -> None:
    run = _run("๑")
    words = [Word("ด", 100, 0, 30, 36)]
    assert _span_of(run, words, [(0, 1)], "ด", []) is None


def test_letters_of_a_word_reaching_past_the_number_stay() -> None:
    run = _run("๑", left=130)
    words = [Word("ข้อ๑", 60, 0, 100, 36)]
    assert _span_of(run, words, [(0, 4)], "ข้อ๑", words) == (3, 4)


def test_a_line_whose_words_are_not_its_text_is_left_alone() -> None:
    dark = np.zeros((60, 300), dtype=bool)
    assert reread_line("๒๕๐๕", [Word("๑", 0, 0, 10, 10)], dark) == "๒๕๐๕"


def test_a_point_between_digits_tesseract_read_as_letters_is_the_numbers_point() -> None:
    # regression: ๙๙.๔๔ read `ฒัฒ.@๕๕`; the point stands between letters and signs
    run = _run("๙๙.๔๔")
    words = [Word("ฒัฒ.@๕๕", 100, 0, 170, 36)]
    assert _span_of(run, words, [(0, 7)], "ฒัฒ.@๕๕", words) == (0, 7)


def test_a_word_shaped_like_a_decimal_number_may_hide_one() -> None:
    from ita_extract.parsers.labels import hidden_number

    found = hidden_number()
    assert found.search("Vo.we") and found.search("we). ve")  # ๙๖.๔๔ and ๙๗.๙๔ as Tesseract read them
    assert not found.search("พ.ศ. ๒๕๖๖ ม.ค.")


def test_a_line_of_marks_with_an_ascender_reaching_into_it_is_dropped() -> None:
    from ita_extract.parsers.glyph_numbers import _marks_only

    dark = np.zeros((60, 400), dtype=bool)
    marks = [Glyph(20 + 40 * k, 0, 32 + 40 * k, h) for k, h in enumerate((14, 27, 15, 27, 48, 14, 15))]
    assert _marks_only(marks, 34.0, dark)  # the marks over ตัวชี้วัดที่ ๑ การปฏิบัติ
    letters = [Glyph(20 + 40 * k, 0, 50 + 40 * k, h) for k, h in enumerate((35, 14, 36, 35, 27, 36))]
    assert not _marks_only(letters, 34.0, dark)
