"""PDF → document model: exact Thai text from pdfium's text page, ruled tables from the page's
line art run through pdfplumber's table finder, paragraphs in reading order.

pdfium returns characters in content-stream order, which is reading order for
the Word and LibreOffice exports agencies publish; pdfminer's x-sorted order
puts Thai marks before their base (`ข้นั`). Every character is given to the
table cell its centre falls in, or to the page's prose; a combining mark
follows its base character wherever the mark itself is drawn.
"""

from __future__ import annotations

import ctypes
import os
import unicodedata
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import replace
from functools import cache
from typing import Any

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import regex
from PIL import Image

from ita_extract.normalizers.thai_pua import PUA_TO_THAI
from ita_extract.normalizers.thai_text import repair_thai, thai_word_ratio
from ita_extract.parsers.errors import ParseError
from ita_extract.parsers.formats import PDF
from ita_extract.parsers.grids import SNAP, TableGrid, grids_from_edges, path_edges
from ita_extract.parsers.labels import NO_LABELS, NumberLabels, point_opens
from ita_extract.parsers.model import (
    Block,
    Cell,
    Document,
    Page,
    Row,
    glyph_checkboxes,
    repeats_header,
    union,
)
from ita_extract.parsers.ocr import SCALE, ScanPage, pages_per_process, read_scans
from ita_extract.parsers.tesseract import ocr_threads, tesseract_available

try:
    from ita_extract.parsers import _pdfium  # parsers/_pdfium.c, when pip could build it
except ImportError:
    _pdfium = None  # type: ignore[assignment]
from ita_extract.parsers.text import is_header_continuation, merge_header_rows, parse_text
from ita_extract.parsers.warnings import (
    BROKEN_TEXT_LAYER,
    LATIN_TEXT_LAYER,
    NEEDS_OCR,
    NO_TEXT_LAYER,
    PAGE_TOO_LARGE_TO_OCR,
    TEXT_LAYER_NOT_WORDS,
    TEXT_LAYER_OVER_SCAN,
)
from ita_extract.parsers.wrap import VisualLine, cuts_number, join_lines, line_pitch, opens_paragraph

_PAGE_NUMBER = regex.compile(r"^\s*(?:หน้า\s*)?[-–(]?\s*[0-9๐-๙]{1,4}\s*[-–)]?\s*(?:/\s*[0-9๐-๙]{1,4})?\s*$")
_DANGLING_BULLET = regex.compile(r"\s([-•])\s*$")  # `… No Gift Policy -` / `เผยแพร่บน…`
_STARTS_WORD = regex.compile(r"^\s*[\p{Thai}A-Za-z]")
_MARGIN = 0.07  # share of the page height at the top and bottom where running heads live
_SHORT_CELL_LINE = 0.5  # the same inside a table cell, where lines are short anyway
_MIN_TEXT = 20  # fewer visible characters than this is no text layer
_SCAN_IMAGE = 0.5  # images over this share of the page make it a scan
_STAMP_TEXT = 200  # on a scan, a text layer shorter than this is a stamp or header over the image
_BAD_SHARE = 0.05  # more unmappable characters than this share: a broken text layer
_MIN_THAI = 50
_MIN_WORD_RATIO = 0.5  # repaired Thai with fewer dictionary words than this is garbage (bad ToUnicode)
_THAI_PUA = frozenset(chr(code) for code in PUA_TO_THAI)
# a superset of the characters the text-layer check counts as unmappable (controls that are not spaces)
_SUSPECT_CHAR = regex.compile(r"[\x00-\x08\x0e-\x1b\ufffd\ufffe\ue000-\uf8ff]")
_GAP = 0.3  # a gap between two glyphs wider than this share of their height holds a lost space
# Inside a number (digits and its decimal point) glyph gaps are side bearings (`56.8 1`, `1 1.17`
# in Kinnari and Laksaman): only a column's width apart are two numbers two.
_DIGIT_GAP = 1.2
# Pixels a page may have when rendered for OCR: A0 at 300 dpi (~140 Mpx, 140 MB in grey) and
# no more; an oversized page (a memory bomb, or a poster) is not OCR'd, with a warning.
MAX_PAGE_PIXELS = int(os.environ.get("ITA_MAX_PAGE_PIXELS", 140_000_000))
_LONE_NUMBER = regex.compile(r"^\s*[0-9๐-๙]+(?:[.,][0-9๐-๙]+)?\s*$")
_NUMBER_CHARS = frozenset("0123456789๐๑๒๓๔๕๖๗๘๙.,")


class EncryptedPDF(ParseError):
    error_type = "EncryptedPDF"


class CorruptPDF(ParseError):
    error_type = "CorruptPDF"


class NotAPDF(ParseError):
    error_type = "NotAPDF"


class EmptyPDF(ParseError):
    error_type = "EmptyPDF"


_ONE_BYTE = ctypes.create_string_buffer(b"x")


def fresh_pdfium() -> None:
    """pdfium as it is when first loaded, for the next document. pdfium keeps font state
    between documents: a damaged or missing font is substituted from a cache that earlier
    documents filled, so a PDF's characters, and so its text, would depend on which documents the
    process read before it (fuzz mutant 48 read after mutant 38 gave other character boxes).
    Re-initialising the library empties that cache in 0.1 ms, where a fresh process per PDF cost
    15 ms. Every pdfium object of the process must be closed first: the run's workers call it
    between documents (pipeline.batch.workers), never a library user's process.

    pdfium's last error outlives the library, and some failed loads set none (a fuzzed PDF read
    after an encrypted one said it needed a password): a load of one byte sets it to a format
    error, so such a failure always reads as a damaged PDF."""
    pdfium_raw.FPDF_DestroyLibrary()
    pdfium_raw.FPDF_InitLibraryWithConfig(pdfium_raw.FPDF_LIBRARY_CONFIG(
        version=2, m_pUserFontPaths=None, m_pIsolate=None, m_v8EmbedderSlot=0))  # as pypdfium2 does
    if pdfium_raw.FPDF_LoadMemDocument64(_ONE_BYTE, 1, None):
        raise RuntimeError("pdfium opened a one-byte document")


def page_image(data: bytes, page: int, scale: float = 2.0) -> Image.Image:
    """Page `page` (1-based) of the PDF in `data`, drawn at `scale` pixels per point."""
    pdf = pdfium.PdfDocument(data)
    try:
        if not 1 <= page <= len(pdf):
            raise ValueError(f"the PDF has {len(pdf)} page(s), not a page {page}")
        return pdf[page - 1].render(scale=scale).to_pil().convert("RGB")
    finally:
        pdf.close()


def parse_pdf(data: bytes, labels: NumberLabels = NO_LABELS) -> Document:
    """The document a PDF holds; `labels` are the letters its genre prints before numbers
    (parsers.labels)."""
    if b"%PDF-" not in data[:1024]:
        raise NotAPDF("the file does not start like a PDF", stage="read")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise EncryptedPDF("the PDF needs a password to open", stage="read") from exc
        if regex.search(rb"/Count\s+0(?!\d)", data) and not regex.search(rb"/Type\s*/Page(?![a-zA-Z])", data):
            raise EmptyPDF("the PDF has no pages", stage="parse") from exc
        raise CorruptPDF(f"pdfium cannot open the PDF: {message}", stage="read") from exc
    try:
        if len(pdf) == 0:
            raise EmptyPDF("the PDF has no pages", stage="parse")
        warnings: list[str] = []
        laid_out = _pages(pdf, warnings, labels)
    finally:
        pdf.close()
    pages = [page for page, _ in laid_out]
    _drop_running_lines(laid_out)
    document = Document(PDF.name, pages, page_count=len(pages), warnings=sorted(set(warnings)))
    join_continued_tables(document, labels)
    return document


def _pages(pdf: pdfium.PdfDocument, warnings: list[str],
           labels: NumberLabels) -> list[tuple[Page, list[VisualLine]]]:
    """Every page laid out; pages that need OCR are read by Tesseract in worker threads, a few
    pages a process, while the next pages render (pdfium itself stays on this thread: it is not
    thread-safe)."""
    threads = ocr_threads()
    per_process = pages_per_process(len(pdf), threads)
    laid_out: list[tuple[Page, list[VisualLine]]] = []
    reading: list[tuple[list[int], Future[list[ScanPage]]]] = []
    batch: dict[int, Image.Image] = {}
    with ThreadPoolExecutor(threads) as pool:
        for index in range(len(pdf)):
            page, margins, image = _page(pdf, index, warnings, labels)
            laid_out.append((page, margins))
            if image is not None:
                batch[index] = image
            if batch and (len(batch) >= per_process or index == len(pdf) - 1):
                busy = [future for _, future in reading if not future.done()]
                if len(busy) >= threads:  # bound the rendered images held in memory
                    wait(busy, return_when=FIRST_COMPLETED)
                reading.append((list(batch), pool.submit(read_scans, list(batch.values()), labels)))
                batch = {}
        for indices, future in reading:
            for index, scan in zip(indices, future.result(), strict=True):
                _fill_scanned_page(laid_out[index][0], scan, labels)
    return laid_out


def _page(pdf: pdfium.PdfDocument, index: int, warnings: list[str],
          labels: NumberLabels) -> tuple[Page, list[VisualLine], Image.Image | None]:
    """The page, its prose lines inside the page's margins (for running heads), and its
    rendering when it must be OCR'd."""
    page = pdf[index]
    width, height = page.get_size()
    textpage = page.get_textpage()
    raw_text = textpage.get_text_range()
    number = index + 1
    objects = PageObjects.of(page)
    reason, thai = character_problem(raw_text, objects.image_share(width * height))
    lines: list[VisualLine] = []
    image = None
    if reason is None:
        grids = grids_from_edges(objects.edges(height))
        lines = _assign_chars(textpage, raw_text, height, grids)
        result = Page(number, raw_text.replace("\r\n", "\n"), text_source="text_layer")
        result.blocks = _blocks(lines, grids, number, width, labels)
        if thai >= _MIN_THAI:  # enough Thai to judge by its words: repaired once, handed on
            texts = block_strings(result.blocks)
            repaired = [repair_thai(text) for text in texts]
            result.repaired = dict(zip(texts, repaired, strict=True))
            reason = words_problem(thai, repaired)
        if reason:
            lines = []
    if reason:
        warnings.append(reason)
        result = Page(number, "", text_source="ocr")
        if width * height * SCALE ** 2 > MAX_PAGE_PIXELS:
            warnings.append(PAGE_TOO_LARGE_TO_OCR)  # a 200-inch page would take tens of GB
            result.text_source = "text_layer"
        elif tesseract_available():
            image = page.render(scale=SCALE, grayscale=True).to_pil().copy()
        else:
            warnings.append(NEEDS_OCR)
            result.text_source = "text_layer"
    textpage.close()
    page.close()
    margins = [line for line in lines if line.bottom < _MARGIN * height or line.top > (1 - _MARGIN) * height]
    return result, margins, image


def character_problem(text: str, image_share: float) -> tuple[str | None, int]:
    """Why a page's text layer (`text`, with the page's images covering `image_share` of
    it) cannot be used and the page must be OCR'd, by its characters alone (None: it can); and
    the Thai characters counted, for the word check that follows (`words_problem`)."""
    visible = len("".join(text.split()))  # str.split() cuts at exactly the chars isspace() knows
    if visible < _MIN_TEXT:
        return (NO_TEXT_LAYER if image_share > _SCAN_IMAGE else None), 0
    # Most pages have no suspect character at all: the one-by-one count only when one is there
    bad = 0 if not _SUSPECT_CHAR.search(text) else sum(
        1 for c in text if not c.isspace() and (c in "\ufffd\ufffe" or ord(c) < 32
                                                or ("\ue000" <= c <= "\uf8ff" and c not in _THAI_PUA)))
    if bad > _BAD_SHARE * visible:
        return BROKEN_TEXT_LAYER, 0
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    thai = int(np.count_nonzero((codes >= 0x0E00) & (codes <= 0x0E7F)))  # no Thai character is a space
    if thai == 0 and image_share > _SCAN_IMAGE:
        return LATIN_TEXT_LAYER, thai
    if visible < _STAMP_TEXT and image_share > _SCAN_IMAGE:
        return TEXT_LAYER_OVER_SCAN, thai
    return None, thai


def words_problem(thai: int, repaired: list[str]) -> str | None:
    """`text_layer_not_words` when a page with enough Thai characters (`thai`) lays out into
    texts that are mostly not dictionary words once repaired (`repaired`: a broken ToUnicode map
    that maps to the wrong Thai letters), else None."""
    if thai < _MIN_THAI:
        return None
    ratio = thai_word_ratio("\n".join(repaired))
    return TEXT_LAYER_NOT_WORDS if ratio is not None and ratio < _MIN_WORD_RATIO else None


def block_strings(blocks: list[Block]) -> list[str]:
    """The texts a page laid out into: each paragraph line, each cell with its line breaks as
    spaces."""
    texts = []
    for block in blocks:
        if block.kind == "table":
            rows = (*block.header, *block.rows)
            texts += [cell.text.replace("\n", " ") for row in rows for cell in row.cells]
        else:
            texts += block.lines
    return texts


class PageObjects:
    """What the page's objects tell, from one walk through pdfium's C API (the Python wrappers
    build an object per page object, which was 40 % of a born-digital page's time): the bounds
    of its line art (to find ruled tables) and the area of its images (to find scans).

    Paths count down to form depth 4 and images to depth 2, as the wrappers' `max_depth` did;
    a path whose bounds pdfium cannot give fails the page only when its tables are wanted."""

    _PATH_DEPTH, _IMAGE_DEPTH = 4, 2

    def __init__(self) -> None:
        self.paths: list[tuple[float, float, float, float]] = []  # left, bottom, right, top
        self.image_area = 0.0  # every image's area summed: a scan may come in strips
        self.failure: str | None = None

    @classmethod
    def of(cls, page: pdfium.PdfPage, native: bool = True) -> PageObjects:
        """The walk in C when parsers/_pdfium.c is built (`native=False` forces the Python one)."""
        found = cls()
        if native and _pdfium is not None:
            paths, found.image_area, found.failure, error = _pdfium.page_objects(
                _OBJECT_FUNCTIONS, _address(page.raw), _OBJECT_KINDS, cls._PATH_DEPTH, cls._IMAGE_DEPTH)
            if error:
                raise pdfium.PdfiumError(error)
            found.paths = paths
            return found
        bounds = [ctypes.c_float() for _ in range(4)]
        found._walk(page.raw, 0, bounds, [ctypes.byref(b) for b in bounds])
        return found

    def _walk(self, parent, level: int, bounds: list, refs: list) -> None:
        if level:
            count, get = pdfium_raw.FPDFFormObj_CountObjects(parent), pdfium_raw.FPDFFormObj_GetObject
        else:
            count, get = pdfium_raw.FPDFPage_CountObjects(parent), pdfium_raw.FPDFPage_GetObject
        if count < 0:
            raise pdfium.PdfiumError("Failed to get number of pageobjects.")
        for index in range(count):
            obj = get(parent, index)
            if not obj:
                raise pdfium.PdfiumError("Failed to get pageobject.")
            kind = pdfium_raw.FPDFPageObj_GetType(obj)
            if kind == pdfium_raw.FPDF_PAGEOBJ_PATH or (kind == pdfium_raw.FPDF_PAGEOBJ_IMAGE
                                                         and level < self._IMAGE_DEPTH):
                if not pdfium_raw.FPDFPageObj_GetBounds(obj, *refs):
                    if kind == pdfium_raw.FPDF_PAGEOBJ_IMAGE:
                        raise pdfium.PdfiumError("Failed to locate pageobject.")
                    self.failure = self.failure or "Failed to locate pageobject."
                    continue
                left, bottom, right, top = (b.value for b in bounds)
                if kind == pdfium_raw.FPDF_PAGEOBJ_PATH:
                    self.paths.append((left, bottom, right, top))
                else:
                    self.image_area += max(0.0, (right - left) * (top - bottom))
            if kind == pdfium_raw.FPDF_PAGEOBJ_FORM and level < self._PATH_DEPTH - 1:
                self._walk(obj, level + 1, bounds, refs)

    def image_share(self, area: float) -> float:
        """The share of the page its images cover (overlaps counted twice, so at most 1)."""
        return min(1.0, self.image_area / area) if area else 0.0

    def edges(self, height: float) -> list:
        """The ruling edges of the page's line art, top-down coordinates."""
        if self.failure:
            raise pdfium.PdfiumError(self.failure)
        edges = []
        for left, bottom, right, top in self.paths:
            edges.extend(path_edges(left, height - top, right, height - bottom))
        return edges


def _fill_scanned_page(page: Page, scan: ScanPage, labels: NumberLabels) -> None:
    """The blocks and text of an OCR'd page, tables and prose bands in reading order."""
    placed: list[tuple[float, list[Block]]] = []
    for top, text in scan.bands:
        # A paragraph that is only a number, outside any table, is the page's number (`๑2`)
        blocks = [replace(block, page=page.number) for block in parse_text(text).pages[0].blocks
                  if block.kind == "table" or not _PAGE_NUMBER.match(block.text)]
        for block in blocks:
            for row in (*block.header, *block.rows):
                row.page = page.number
        placed.append((top, blocks))
    # A scan's grid is measured on the straightened image, not the page: its rows get no box.
    placed += [(grid.bbox[1], [_table_block(grid, page.number, 0, labels, on_page=False)])
               for grid in scan.grids]
    placed.sort(key=lambda item: item[0])
    page.blocks = [block for _, blocks in placed for block in blocks]
    line = 1  # an OCR'd page's lines are numbered as they are read: each paragraph line, each row
    for block in page.blocks:
        rows = [*block.header, *block.rows]
        for offset, row in enumerate(rows):
            row.line = line + offset
        block.line_start = line
        line += len(rows) if block.kind == "table" else max(len(block.lines), 1)
        block.line_end = line - 1
    page.raw_text = "\n\n".join(block.text for block in page.blocks)


# -- characters -------------------------------------------------------------------------------------

def _assign_chars(textpage: pdfium.PdfTextPage, text: str, height: float, grids: list[TableGrid],
                  native: bool = True) -> list[VisualLine]:
    """Prose lines of the page; table characters go to their grid's cells. `text` is the text
    page's whole text; in C when parsers/_pdfium.c is built (`native=False` forces Python)."""
    count = textpage.count_chars()
    if len(text) != count:  # characters outside the BMP: read them one by one
        text = "".join(textpage.get_text_range(i, 1) or " " for i in range(count))
    # pdfium gives a hyphen that ends a line as U+FFFE (`E-` / `Service` reads `E\ufffeService`):
    # it was printed, so it is a hyphen (one character for one: the boxes keep their places).
    text = text.replace("\ufffe", "-")
    boxes, centres, has_box = _char_boxes(textpage, text, height, native)
    ids, keys = _cell_ids(centres, has_box, grids)
    if native and _pdfium is not None:
        prose, cells = _pdfium.assign(text, boxes, has_box, ids.tobytes(), len(keys), _GAP, _DIGIT_GAP)
        for key, lines in cells:
            g, r, c = keys[key]
            grids[g].texts[(r, c)] = lines
        return [VisualLine(*line) for line in prose]
    box_rows = np.frombuffer(boxes, dtype=np.float64).reshape(-1, 4).tolist()
    box_list = [tuple(row) if has else None for row, has in zip(box_rows, has_box, strict=True)]
    return _assign_chars_python(text, box_list, [keys[k] if k >= 0 else None for k in ids.tolist()], grids)


def _assign_chars_python(text: str, boxes: list[tuple | None], cells: list[tuple[int, int, int] | None],
                         grids: list[TableGrid]) -> list[VisualLine]:
    prose: list[tuple[str, tuple | None]] = []
    cell_buffers: dict[tuple[int, int, int], list[tuple[str, tuple | None]]] = {}
    target: tuple | None = None  # None = prose, else (grid, row, column)
    previous_box: dict[tuple | None, tuple] = {}
    for i, char in enumerate(text):
        if char in "\r\n":
            _newline(prose if target is None else cell_buffers.setdefault(target, []))
            previous_box.pop(target, None)
            continue
        box = boxes[i]
        if box is not None:
            target = cells[i]
        buffer = prose if target is None else cell_buffers.setdefault(target, [])
        if box and char != " ":
            last = previous_box.get(target)
            # A gap the width of a glyph with no space character: the text layer dropped one
            # (a lost SARA AM leaves `ส านัก`); the Thai repair decides what it was.
            gap = _DIGIT_GAP if _in_number(buffer, char) else _GAP
            # Inside a number or between two Latin letters, the taller glyph: the decimal point of
            # `54.85`, the `n` of `Instagram` after its `I`.
            latin = bool(buffer) and _is_latin_letter(buffer[-1][0]) and _is_latin_letter(char)
            taller = latin or gap == _DIGIT_GAP
            tall = max(box[3] - box[1], last[3] - last[1]) if last and taller else box[3] - box[1]
            if last and box[0] - last[2] > 0 and box[0] - last[2] > gap * tall \
                    and buffer and buffer[-1][0] != " " and abs(box[1] - last[1]) < box[3] - box[1]:
                buffer.append((" ", None))
            previous_box[target] = box
        buffer.append((char, box))
    for (g, r, c), chars in cell_buffers.items():
        grids[g].texts[(r, c)] = _lines(chars)
    return _prose_lines(prose)


def _is_latin_letter(char: str) -> bool:
    return "A" <= char <= "Z" or "a" <= char <= "z"


@cache
def _is_mark(char: str) -> bool:
    return unicodedata.category(char).startswith("M")


def extension_built() -> bool:
    """Whether parsers/_pdfium.c was built (else the ctypes twins run: same rows, slower)."""
    return _pdfium is not None


def _address(handle: Any) -> int:
    address = ctypes.cast(handle, ctypes.c_void_p).value
    if address is None:
        raise pdfium.PdfiumError("a null handle")
    return address


_OBJECT_FUNCTIONS = tuple(_address(getattr(pdfium_raw, name)) for name in (
    "FPDFPage_CountObjects", "FPDFPage_GetObject", "FPDFFormObj_CountObjects", "FPDFFormObj_GetObject",
    "FPDFPageObj_GetType", "FPDFPageObj_GetBounds"))
_OBJECT_KINDS = (pdfium_raw.FPDF_PAGEOBJ_PATH, pdfium_raw.FPDF_PAGEOBJ_IMAGE, pdfium_raw.FPDF_PAGEOBJ_FORM)
_GET_CHAR_BOX = _address(pdfium_raw.FPDFText_GetCharBox)


def _char_boxes(textpage: pdfium.PdfTextPage, text: str, height: float,
                native: bool = True) -> tuple[bytes, bytes, bytes]:
    """Each character's box (left, top, right, bottom; top-down) and its centre (x, y top-down),
    as flat float64 buffers, and whether it has one (one byte per character): a line break, a
    combining mark (it stays with its base, wherever it is drawn) and a glyph without extent have
    none. One loop in C when parsers/_pdfium.c is built (`native=False` forces the Python one)."""
    if native and _pdfium is not None:
        skip = "".join(char for char in set(text) if char in "\r\n" or _is_mark(char))
        boxes, centres, has_box, failed = _pdfium.char_boxes(
            _GET_CHAR_BOX, _address(textpage.raw), text, skip, height)
        if failed >= 0:
            raise pdfium.PdfiumError("Failed to get charbox.")
        return boxes, centres, has_box
    # Through the C API with one set of out-parameters (the wrapper allocates four per character)
    values = [ctypes.c_double() for _ in range(4)]
    left, right, bottom, top = values
    refs = [ctypes.byref(v) for v in values]
    get_box, raw = pdfium_raw.FPDFText_GetCharBox, textpage.raw
    box_array = np.zeros((len(text), 4), dtype=np.float64)
    centre_array = np.zeros((len(text), 2), dtype=np.float64)
    flags = bytearray(len(text))
    for i, char in enumerate(text):
        if char in "\r\n" or _is_mark(char):
            continue
        if not get_box(raw, i, *refs):  # yes, left right bottom top
            raise pdfium.PdfiumError("Failed to get charbox.")
        x0, x1, y0, y1 = left.value, right.value, bottom.value, top.value
        if x1 > x0 or y1 > y0:
            box_array[i] = (x0, height - y1, x1, height - y0)
            centre_array[i] = ((x0 + x1) / 2, height - (y1 + y0) / 2)
            flags[i] = 1
    return box_array.tobytes(), centre_array.tobytes(), bytes(flags)


def _cell_ids(centres: bytes, has_box: bytes,
              grids: list[TableGrid]) -> tuple[np.ndarray, list[tuple[int, int, int]]]:
    """The cell each character's centre falls in, all characters at once: the first grid whose bounds
    hold the centre decides (a centre on its rulings but in no cell is prose), and within it the
    first cell, as a search per character did. Returns an index into the (grid, row, column) keys
    per character (-1: prose), and the keys."""
    found = np.full(len(has_box), -1, dtype=np.int32)
    keys: list[tuple[int, int, int]] = []
    if not grids:
        return found, keys
    index = np.flatnonzero(np.frombuffer(has_box, dtype=np.uint8))
    if not len(index):
        return found, keys
    points = np.frombuffer(centres, dtype=np.float64).reshape(-1, 2)[index]
    x, y = points[:, 0], points[:, 1]
    open_ = np.ones(len(index), dtype=bool)  # not yet claimed by a grid
    for g, grid in enumerate(grids):
        x0, top, x1, bottom = grid.bbox
        inside = open_ & (x0 <= x) & (x < x1) & (top <= y) & (y < bottom)
        if not inside.any():
            continue
        open_ &= ~inside
        for r, row in enumerate(grid.rows):
            for c, cell in enumerate(row):
                if not cell:
                    continue
                hit = inside & (cell[0] <= x) & (x < cell[2]) & (cell[1] <= y) & (y < cell[3])
                if hit.any():
                    inside &= ~hit
                    found[index[hit]] = len(keys)
                    keys.append((g, r, c))
    return found, keys


def _in_number(buffer: list[tuple[str, tuple | None]], char: str) -> bool:
    return bool(buffer) and buffer[-1][0] in _NUMBER_CHARS and char in _NUMBER_CHARS


def _lines(chars: list[tuple[str, tuple | None]]) -> list[tuple[str, float]]:
    """(text, right edge) of each visual line of a cell."""
    lines: list[tuple[str, float]] = []
    current: list[str] = []
    right = 0.0
    for char, box in [*chars, ("\n", None)]:
        if char == "\n":
            if current:
                lines.append(("".join(current), right))
            current, right = [], 0.0
            continue
        current.append(char)
        if box:
            right = max(right, box[2])
    return lines


def _newline(buffer: list) -> None:
    if buffer and buffer[-1][0] != "\n":
        buffer.append(("\n", None))


def _prose_lines(prose: list[tuple[str, tuple | None]]) -> list[VisualLine]:
    lines: list[VisualLine] = []
    chars: list[str] = []
    boxes: list[tuple] = []
    for char, box in [*prose, ("\n", None)]:
        if char == "\n":
            text = "".join(chars).strip()
            if text and boxes:
                lines.append(VisualLine(text, min(b[1] for b in boxes), max(b[3] for b in boxes),
                                   min(b[0] for b in boxes), max(b[2] for b in boxes)))
            chars, boxes = [], []
            continue
        chars.append(char)
        if box:
            boxes.append(box)
    return lines


# -- blocks -----------------------------------------------------------------------------------------

def _blocks(lines: list[VisualLine], grids: list[TableGrid], page: int, width: float,
            labels: NumberLabels) -> list[Block]:
    items: list[tuple[float, VisualLine | TableGrid]] = [(line.top, line) for line in lines]
    items += [(grid.bbox[1], grid) for grid in grids]
    items.sort(key=lambda item: item[0])
    blocks: list[Block] = []
    paragraph: list[VisualLine] = []
    left_edge = min((line.x0 for line in lines), default=0)
    # The text's right edge: its longest line's end, or a table's, or the left margin mirrored
    # (a page of short lines says nothing of its width).
    right_edge = max([*(line.x1 for line in lines), *(grid.bbox[2] for grid in grids), width - left_edge])
    pitch = line_pitch(lines, left_edge, right_edge)
    ordinal = 0
    for _, item in items:
        if isinstance(item, TableGrid):
            ordinal = _flush(blocks, paragraph, page, ordinal, labels)
            paragraph = []
            table = _table_block(item, page, ordinal + 1, labels)
            blocks.append(table)
            ordinal = table.line_end
            continue
        if paragraph and opens_paragraph(paragraph[-1], item, left_edge, right_edge, pitch, labels):
            ordinal = _flush(blocks, paragraph, page, ordinal, labels)
            paragraph = []
        paragraph.append(item)
    _flush(blocks, paragraph, page, ordinal, labels)
    return blocks


def _flush(blocks: list[Block], paragraph: list[VisualLine], page: int, ordinal: int,
           labels: NumberLabels) -> int:
    if not paragraph:
        return ordinal
    text = join_lines([line.text for line in paragraph])
    ordinal += 1
    box = union([(line.x0, line.top, line.x1, line.bottom) for line in paragraph])
    blocks.append(Block("list" if point_opens(labels).match(text) else "paragraph", page, ordinal, ordinal,
                        lines=[text], box=box))
    return ordinal


def cell_lines(lines: list[str] | list[tuple[str, float]], left: float = 0.0, right: float = 0.0,
               labels: NumberLabels = NO_LABELS) -> list[str]:
    """A cell's visual lines joined into its paragraphs; numbered points and boxes stay separate,
    and so does a line after one that stops short of the cell's right side."""
    out: list[str] = []
    ends_short = False
    for item in lines:
        raw, line_right = item if isinstance(item, tuple) else (item, 0.0)
        line = raw.strip()
        if not line or all(unicodedata.category(ch).startswith("M") for ch in line):
            continue
        dangling = _DANGLING_BULLET.search(out[-1]) if out and _STARTS_WORD.match(line) else None
        if dangling:  # Word wrapped a bullet's dash onto the line before: it opens this line
            out[-1] = out[-1][:dangling.start()]
            out.append(f"{dangling.group(1)}{line}" + (" " if raw[-1:].isspace() else ""))
        elif out and (cuts_number(out[-1], line) or not ends_short and not point_opens(labels).match(line)):
            out[-1] = join_lines([out[-1], raw])
        else:
            out.append(line + (" " if raw[-1:].isspace() else ""))
        ends_short = right > left and line_right > 0 and \
            line_right < left + _SHORT_CELL_LINE * (right - left)
    return [line.rstrip() for line in out]


def _table_block(grid: TableGrid, page: int, ordinal: int, labels: NumberLabels,
                 on_page: bool = True) -> Block:
    rows = []
    for r, row in enumerate(grid.rows):
        cells = []
        for c, box in enumerate(row):
            left, right = (box[0], box[2]) if box else (0.0, 0.0)
            lines = cell_lines(grid.texts.get((r, c), []), left, right, labels)
            cells.append(Cell(lines, [box for line in lines for box in glyph_checkboxes(line)]))
        # each printed row a line of its own, printed where its cells are
        rows.append(Row(cells, ordinal + r, page, union([box for box in row if box]) if on_page else None))
    header, body = rows[:1], rows[1:]
    while body and header and is_header_continuation(body[0], header[0]):
        header = [merge_header_rows([*header, body.pop(0)])]
    columns = [float(round(cell[0])) for cell in grid.rows[0] if cell] if grid.rows else []
    return Block("table", page, ordinal, ordinal + max(len(rows) - 1, 0), header=header, rows=body,
                 columns=columns)


# -- across pages -----------------------------------------------------------------------------------

def _drop_running_lines(laid_out: list[tuple[Page, list[VisualLine]]]) -> None:
    """Page numbers and lines repeated in the top or bottom margin of most pages."""
    counts: dict[str, int] = {}
    for _, margins in laid_out:
        for text in {line.text for line in margins}:
            counts[text] = counts.get(text, 0) + 1
    repeated = {text for text, n in counts.items() if len(laid_out) >= 3 and n >= len(laid_out) / 2}
    for page, margins in laid_out:
        drop = {line.text for line in margins if line.text in repeated or _PAGE_NUMBER.match(line.text)}
        if drop:
            page.blocks = [b for b in page.blocks if b.kind == "table" or b.text not in drop]


def join_continued_tables(document: Document, labels: NumberLabels = NO_LABELS) -> None:
    """A table that goes on where the previous one stopped, with the same columns, is one table:
    repeated header rows are dropped and a row cut by the page break is merged back."""
    previous: Block | None = None
    for page in document.pages:
        kept = []
        for block in page.blocks:
            if block.kind != "table":
                previous = None
                kept.append(block)
                continue
            if previous is not None and _same_columns(previous, block):
                _absorb(previous, block, labels, cut=block.page != _last_page(previous))
                continue
            previous = block
            kept.append(block)
        page.blocks = kept


def _last_page(block: Block) -> int:
    return block.rows[-1].page if block.rows else block.page


def _same_columns(a: Block, b: Block) -> bool:
    return bool(a.columns) and len(a.columns) == len(b.columns) and all(
        abs(x - y) <= SNAP for x, y in zip(a.columns, b.columns, strict=True))


def _absorb(table: Block, continuation: Block, labels: NumberLabels, *, cut: bool) -> None:
    rows = [*continuation.header, *continuation.rows]
    while rows and any(repeats_header(rows[0], header) for header in table.header):
        rows.pop(0)
    last = table.rows[-1] if table.rows else (table.header[-1] if table.header else None)
    if cut and rows and last is not None and not _opens_row(rows[0], table, last, labels):
        for target, cell in zip(last.cells, rows.pop(0).cells, strict=False):
            target.lines = cell_lines([*target.lines, *cell.lines], labels=labels) if target.lines \
                else list(cell.lines)
            target.checkboxes.extend(cell.checkboxes)
    table.rows.extend(rows)
    table.line_end = continuation.line_end


def _opens_row(row: Row, table: Block, last: Row, labels: NumberLabels) -> bool:
    """Whether a row at the top of a page starts a new row rather than finishing the cut one:
    its first cell opens with a number, a code or the word the table's rows start with; or it
    prints a number where the row above already printed one (a number never wraps: an
    average row, `| | คะแนนเฉลี่ย | 97.44 |`, is not the rest of the row above)."""
    if any(_LONE_NUMBER.match(a.text) and _LONE_NUMBER.match(b.text)
           for a, b in zip(last.cells, row.cells, strict=False)):
        return True
    first = row.cells[0].text.strip() if row.cells else ""
    if not first:
        return False
    if point_opens(labels).match(first) or regex.match(r"^\(?[0-9๐-๙]", first):
        return True
    starts = {r.cells[0].text.split()[0] for r in table.rows if r.cells and r.cells[0].text.split()}
    return first.split()[0] in starts
