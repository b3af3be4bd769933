"""Build tests/fixtures/mixed_pages.pdf: the shapes of a real scanned municipal PDF whose pages
must be decided one by one (issue 25), made from the dev document 002 (text, PDF and scan):

1. a scanned page (a full-page image of page 1 of the dev scan: the title and the overall
   score) with a short Thai text layer over it, as an e-saraban stamp leaves: read by OCR;
2. a scanned page in four horizontal strips (page 2 of the dev scan), no text layer: OCR;
3. a born-digital page (page 3 of the dev PDF): its text layer.

    python scripts/make_mixed_pages_pdf.py [--font /usr/share/fonts/truetype/tlwg/Garuda.ttf]

Needs a Thai TrueType font for the stamp (Debian: fonts-thai-tlwg); the PDF is committed.
"""

from __future__ import annotations

import argparse
import ctypes
import io
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpus" / "dev"
OUT = ROOT / "tests" / "fixtures" / "mixed_pages.pdf"
STAMP = "เทศบาลตำบลนิคมคำสร้อย เลขรับ ๑๒๓๔ วันที่ ๒ ตุลาคม ๒๕๖๖ เวลา ๑๐.๓๐ น."
DPI_SCALE = 200 / 72
STRIPS = 4


def _scan_image(page_index: int) -> Image.Image:
    scan = pdfium.PdfDocument(DEV / "002_21007bcb3eecaeca.scan.pdf")
    try:
        return scan[page_index].render(scale=DPI_SCALE, grayscale=True).to_pil().convert("L")
    finally:
        scan.close()


def _jpeg(image: Image.Image) -> io.BytesIO:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=55)
    buffer.seek(0)
    return buffer


def _place_image(pdf: pdfium.PdfDocument, page: pdfium.PdfPage, image: Image.Image,
                 box: tuple[float, float, float, float]) -> None:
    left, bottom, width, height = box
    obj = pdfium.PdfImage.new(pdf)
    obj.load_jpeg(_jpeg(image), inline=False)
    obj.set_matrix(pdfium.PdfMatrix().scale(width, height).translate(left, bottom))
    page.insert_obj(obj)


def _place_text(pdf: pdfium.PdfDocument, page: pdfium.PdfPage, font_path: Path, text: str,
                at: tuple[float, float]) -> None:
    data = font_path.read_bytes()
    buffer = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
    font = pdfium_raw.FPDFText_LoadFont(pdf.raw, buffer, len(data), pdfium_raw.FPDF_FONT_TRUETYPE, True)
    obj = pdfium_raw.FPDFPageObj_CreateTextObj(pdf.raw, font, 11.0)
    wide = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
    pdfium_raw.FPDFText_SetText(obj, ctypes.cast(wide, ctypes.POINTER(pdfium_raw.FPDF_WCHAR)))
    pdfium_raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, *at)
    pdfium_raw.FPDFPage_InsertObject(page.raw, obj)


def build(font_path: Path) -> bytes:
    pdf = pdfium.PdfDocument.new()
    width, height = 792.0, 612.0
    stamped = pdf.new_page(width, height)
    _place_image(pdf, stamped, _scan_image(0), (0, 0, width, height))
    _place_text(pdf, stamped, font_path, STAMP, (width - 420, height - 20))
    stamped.gen_content()
    strips = pdf.new_page(width, height)
    image = _scan_image(1)
    step = image.height // STRIPS
    for k in range(STRIPS):
        top = k * step
        bottom = image.height if k == STRIPS - 1 else top + step
        piece = image.crop((0, top, image.width, bottom))
        share = (bottom - top) / image.height
        _place_image(pdf, strips, piece, (0, height * (1 - bottom / image.height), width, height * share))
    strips.gen_content()
    born_digital = pdfium.PdfDocument(DEV / "002_21007bcb3eecaeca.pdf")
    pdf.import_pages(born_digital, [2])
    out = io.BytesIO()
    pdf.save(out)
    pdf.close()
    born_digital.close()
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--font", type=Path, default=Path("/usr/share/fonts/truetype/tlwg/Garuda.ttf"))
    args = parser.parse_args()
    OUT.write_bytes(build(args.font))
    print(f"{OUT.relative_to(ROOT)}: {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
