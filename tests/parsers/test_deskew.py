"""Pages scanned askew are straightened before their rulings are looked for (issue 12)."""

import pypdfium2 as pdfium
import pytest
from PIL import Image

from ita_extract.parsers.deskew import deskewed, skew_angle
from tests.hostile import DEV_PDFS


@pytest.fixture(scope="module")
def page() -> Image.Image:
    """A page of the 002 report (prose and a ruled table) as a 300 dpi scan would show it."""
    pdf = pdfium.PdfDocument(DEV_PDFS[1].read_bytes())
    return pdf[1].render(scale=300 / 72).to_pil().convert("L")


@pytest.mark.parametrize("tilt", [-3.0, -1.5, -1.0, 0.7, 1.0, 2.0, 3.0])
def test_the_tilt_of_a_page_is_found_to_a_tenth_of_a_degree(page, tilt: float) -> None:
    tilted = page.rotate(tilt, resample=Image.Resampling.BICUBIC, fillcolor=255)
    assert skew_angle(tilted) == pytest.approx(-tilt, abs=0.1)


def test_a_straight_page_is_left_as_it_is(page) -> None:
    image, angle = deskewed(page)
    assert angle == 0.0 and image is page


def test_a_blank_page_has_no_tilt() -> None:
    assert skew_angle(Image.new("L", (2480, 3508), 255)) == 0.0
