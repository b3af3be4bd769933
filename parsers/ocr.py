"""Pages whose text layer cannot be used, read by Tesseract (`tha+eng`) from a 300 dpi rendering.

The page is straightened (parsers.deskew) and its rulings are found in its pixels
(parsers.grids), so a scanned table is rebuilt as a table: every cell is cropped and read on
its own, and the prose between tables is read band by band — the crops of several pages in
one Tesseract process (a list of images) per page segmentation mode.

Tesseract is a system program (Debian: `tesseract-ocr tesseract-ocr-tha`). Without it, or
without its Thai data, pages that need OCR are left empty and the document says `needs_ocr`.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

from ita_extract.normalizers.ocr_text import fix_ocr_confusions, is_ocr_noise
from ita_extract.parsers.deskew import deskewed
from ita_extract.parsers.glyph_numbers import Word, may_hold_numbers, reread_line, text_height
from ita_extract.parsers.grids import ImageBox, TableGrid, grids_from_edges, image_checkboxes, image_edges
from ita_extract.parsers.labels import NO_LABELS, NumberLabels
from ita_extract.parsers.model import CHECKED_GLYPHS, UNCHECKED_GLYPHS
from ita_extract.parsers.tesseract import OCR_TEMP_PREFIX
from ita_extract.parsers.wrap import OcrLine, join_lines, line_pitch, opens_paragraph

DPI = 300
SCALE = DPI / 72  # pixels per point
LANGUAGES = "tha+eng"
_TIMEOUT = 600  # seconds per Tesseract process (a few pages; a run also limits each document)
MAX_PAGES_PER_PROCESS = 8
_DARK = 160  # grey level below which a pixel is ink
_CELL_INSET = 2.5  # points cut from each side of a cell, so its rulings are not read as text
_PAD = 12  # white pixels around each crop: Tesseract reads glyphs touching the edge badly
_TRIM_MARGIN = 12  # pixels kept around the ink: faint strokes lighter than _DARK (4 lost 5 of 002's numbers)
_MIN_INK = 30  # dark pixels below which a crop is blank
# Page segmentation: a cell is one uniform block (mode 4 drops a lone digit such as a row's
# number); prose bands are a column of lines of varying size.
_CELL_PSM, _PROSE_PSM = "6", "4"
CHECKED_BOX, UNCHECKED_BOX = CHECKED_GLYPHS[0], UNCHECKED_GLYPHS[0]  # ☑ ☐
MARK = "●"  # a solid mark OCR reads no letter in
_MARK_SIDE = (3.0, 16.0)  # points a solid mark's side spans
_MARK_ASPECT = 1.6  # width to height at most (and at least its inverse): a dash is no mark
_MARK_FILL = 0.6  # share of its box the ink fills at least
_MARK_MARGIN = 1.0  # points of white at least between a mark and its cell's (inset) edges


@dataclass
class ScanPage:
    """What OCR read of one page: its tables (cells filled) and the prose bands between them."""
    grids: list[TableGrid] = field(default_factory=list)
    bands: list[tuple[float, str]] = field(default_factory=list)  # (top in points, text)


def pages_per_process(pages: int, threads: int) -> int:
    """How many pages one Tesseract process reads: enough to spread its model loading, few
    enough to keep every thread busy and the page images held in memory bounded."""
    return max(1, min(MAX_PAGES_PER_PROCESS, -(-pages // threads)))


def read_scans(images: list[Image.Image], labels: NumberLabels = NO_LABELS) -> list[ScanPage]:
    """The tables and prose of page images rendered at DPI, each straightened first (a page
    scanned askew hides its rulings from the table finder). The cells of all the pages are read
    by one Tesseract process and their prose bands by another: a process spends 0.13 s loading
    its models, as much as the reading of a table's cells. `labels`: parsers.labels."""
    prepared = [_prepare(image) for image in images]
    cell_reads = iter(ocr_images([crop for page in prepared for _, crop, _ in page.cells], _CELL_PSM, labels))
    band_reads = iter(ocr_images([crop for page in prepared for _, crop in page.bands], _PROSE_PSM, labels))
    return [_assemble(page, cell_reads, band_reads, labels) for page in prepared]


@dataclass
class _Prepared:
    """A straightened page cut into what OCR reads: its tables' cells and the prose bands."""
    grids: list[TableGrid]
    cells: list[tuple[tuple[int, int, int], Image.Image, list[ImageBox]]]
    bands: list[tuple[float, Image.Image]]
    marks: set[tuple[int, int, int]] = field(default_factory=set)  # cells holding a solid mark alone


def _prepare(image: Image.Image) -> _Prepared:
    image, _ = deskewed(image)
    gray = np.asarray(image.convert("L"))
    dark = gray < _DARK
    grids = grids_from_edges(image_edges(dark, SCALE))
    bands = []
    for top, bottom in _bands(grids, gray.shape[0] / SCALE):
        pixels = _pixels((0, top, gray.shape[1] / SCALE, bottom), 0, gray.shape)
        if pixels and _inked(dark, pixels):
            bands.append((top, image.crop(pixels)))
    cells = _cell_crops(image, dark, grids)
    return _Prepared(grids, cells, bands, _marked_cells(dark, cells, grids))


def _assemble(page: _Prepared, cell_reads: Iterator[OcrText], band_reads: Iterator[OcrText],
              labels: NumberLabels) -> ScanPage:
    for (g, r, c), _, boxes in page.cells:
        lines = [line for line in _clean_lines(_with_checkboxes(next(cell_reads), boxes)) if line.strip()]
        if not lines and (g, r, c) in page.marks:
            lines = [MARK]  # OCR reads no letter in a solid dot; the plan's month it ticks must not vanish
        page.grids[g].texts[(r, c)] = lines
    return ScanPage(page.grids, [(top, _paragraphs(next(band_reads), labels)) for top, _ in page.bands])


def _cell_crops(image: Image.Image, dark: np.ndarray,
                grids: list[TableGrid]) -> list[tuple[tuple[int, int, int], Image.Image, list[ImageBox]]]:
    """((grid, row, column), the cell's image without its checkboxes, the checkboxes) of every
    cell with ink in it."""
    cells = []
    for g, grid in enumerate(grids):
        for r, row in enumerate(grid.rows):
            for c, box in enumerate(row):
                pixels = _pixels(box, _CELL_INSET, dark.shape) if box else None
                if pixels and _inked(dark, pixels):
                    x0, top, x1, bottom = pixels
                    crop, boxes = _without_checkboxes(image.crop(pixels), dark[top:bottom, x0:x1])
                    cells.append(((g, r, c), crop, boxes))
    return cells


def _marked_cells(dark: np.ndarray, cells: list[tuple[tuple[int, int, int], Image.Image, list[ImageBox]]],
                  grids: list[TableGrid]) -> set[tuple[int, int, int]]:
    """The inked cells whose ink is one solid dot or square alone (●, ■: a plan's month ticked)."""
    marked = set()
    for (g, r, c), _, _ in cells:
        box = grids[g].rows[r][c]
        pixels = _pixels(box, _CELL_INSET, dark.shape) if box else None
        if pixels and _solid_mark(dark[pixels[1]:pixels[3], pixels[0]:pixels[2]]):
            marked.add((g, r, c))
    return marked


def _solid_mark(ink: np.ndarray) -> bool:
    """Whether the ink is one solid, roughly square blot of a mark's size with white around it in
    its cell: a digit or a letter fills much less of its box (a `1` 0.37, Thai letters under
    0.5; a disc 0.78); a dark patch of a picture a grid was found in fills its cell to the edges."""
    ys, xs = np.nonzero(ink)
    if len(ys) < _MIN_INK:
        return False
    margin = _MARK_MARGIN * SCALE
    if min(ys.min(), xs.min(), ink.shape[0] - 1 - ys.max(), ink.shape[1] - 1 - xs.max()) < margin:
        return False
    height, width = int(ys.max() - ys.min()) + 1, int(xs.max() - xs.min()) + 1
    low, high = _MARK_SIDE[0] * SCALE, _MARK_SIDE[1] * SCALE
    return (low <= height <= high and low <= width <= high
            and 1 / _MARK_ASPECT <= width / height <= _MARK_ASPECT and len(ys) >= _MARK_FILL * height * width)


def _without_checkboxes(crop: Image.Image, dark: np.ndarray) -> tuple[Image.Image, list[ImageBox]]:
    """The crop with its checkbox glyphs painted out (OCR reads them as `[ๆ`, `O`), and the boxes."""
    boxes = image_checkboxes(dark, SCALE)
    if boxes:
        crop = crop.copy()
        for box in boxes:
            crop.paste(255, (box.x0 - 1, box.top - 1, box.x1 + 2, box.bottom + 2))
    return crop, boxes


def _with_checkboxes(read: OcrText, boxes: list[ImageBox]) -> str:
    """The OCR'd text with each checkbox put back as ☑/☐ before the line it stands on."""
    lines = [line for line in read.text.split("\n") if line.strip()]
    if not boxes or len(lines) != len(read.lines):
        return "\n".join(lines)
    placed: list[tuple[float, str]] = [((top + bottom) / 2, text)
                                       for text, (top, bottom) in zip(lines, read.lines, strict=True)]
    for box in boxes:
        glyph = CHECKED_BOX if box.checked else UNCHECKED_BOX
        middle = (box.top + box.bottom) / 2
        on = next((k for k, (top, bottom) in enumerate(read.lines) if top <= middle <= bottom), None)
        if on is None:
            placed.append((middle, glyph))
        else:
            placed[on] = (placed[on][0], f"{glyph} {placed[on][1]}")
    return "\n".join(text for _, text in sorted(placed, key=lambda item: item[0]))


@dataclass
class OcrText:
    """What Tesseract read in one image: its text, and the top and bottom (pixels of the image)
    of each of its non-blank lines, in the same order."""
    text: str
    lines: list[tuple[int, int]] = field(default_factory=list)
    extents: list[tuple[int, int]] = field(default_factory=list)  # left and right of each line


def _paragraphs(read: OcrText, labels: NumberLabels = NO_LABELS) -> str:
    """The band's text with each paragraph's visual lines joined into one line (a sentence
    wrapped at a line's end must be read whole: its cue on one line, its score on the next),
    paragraphs apart by a blank line; where a paragraph ends is decided as for a text layer
    (parsers.wrap.opens_paragraph)."""
    rows = [row for row in read.text.split("\n") if row.strip()]
    if not rows or len(rows) != len(read.lines) or len(read.extents) != len(rows):
        return "\n".join(_clean_lines(read.text))
    every = [OcrLine(row, top, bottom, left, right)
             for row, (top, bottom), (left, right) in zip(rows, read.lines, read.extents, strict=True)]
    lines = [(line, cleaned) for line in every if (cleaned := _clean(line.text)) is not None]
    if not lines:
        return ""
    left, right = min(line.x0 for line in every), max(line.x1 for line in every)
    # The median of all steps, OCR's stray lines of marks (`ey 1 ๐ ev`) among them; or, shorter,
    # the steps below full lines measured without them (a page of one-line paragraphs with space
    # below each has no other: the median is the step between paragraphs, parsers.wrap.line_pitch).
    pitch = min(line_pitch(every), line_pitch([line for line, _ in lines], left, right))
    paragraphs: list[list[str]] = []
    previous = None
    for line, cleaned in lines:
        if previous is None or opens_paragraph(previous, line, left, right, pitch, labels):
            paragraphs.append([])
        paragraphs[-1].append(cleaned)
        previous = line
    return "\n\n".join(join_lines(paragraph) for paragraph in paragraphs)


def _clean(line: str) -> str | None:
    """The OCR'd line with the known misreadings put right; None for a noise line."""
    return None if is_ocr_noise(line) else fix_ocr_confusions(line)


def _clean_lines(text: str) -> list[str]:
    """OCR'd lines without noise lines and with the known misreadings put right."""
    return [cleaned for line in text.split("\n") if (cleaned := _clean(line)) is not None]


REREAD_NUMBERS = True  # off only to measure what the second reading of numbers brings (bench-ocr)


def ocr_images(images: list[Image.Image], psm: str, labels: NumberLabels = NO_LABELS) -> list[OcrText]:
    """What Tesseract reads in each image, all read by one Tesseract process, with every
    number it found read again glyph by glyph (parsers.glyph_numbers)."""
    if not images:
        return []
    trimmed = [_trimmed(image) for image in images]
    padded = [ImageOps.expand(image, border=_PAD, fill=255) for image, _ in trimmed]
    # The pid in the name lets the run remove the folder when it kills this worker mid-OCR.
    with tempfile.TemporaryDirectory(prefix=f"{OCR_TEMP_PREFIX}{os.getpid()}-") as folder:
        paths = []
        for i, image in enumerate(padded):
            # PNM, not PNG: the same pixels to Tesseract without a compression to pay for.
            path = Path(folder) / f"{i:04d}.pnm"
            image.save(path, format="PPM")
            paths.append(str(path))
        listing = Path(folder) / "images.txt"
        listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
        base = Path(folder) / "read"
        done = subprocess.run(
            ["tesseract", str(listing), str(base), "-l", LANGUAGES, "--dpi", str(DPI), "--psm", psm,
             "txt", "tsv"],
            capture_output=True, text=True, timeout=_TIMEOUT, check=False,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
        if done.returncode != 0:
            raise RuntimeError(f"tesseract failed: {done.stderr.strip()[:200]}")
        texts = base.with_suffix(".txt").read_text("utf-8").split("\f")
        lines = _tsv_lines(base.with_suffix(".tsv").read_text("utf-8"), len(images))
    if len(texts) < len(images):
        raise RuntimeError(f"tesseract read {len(texts)} of {len(images)} images")
    return [_read(text, image_lines, image, offset, labels)
            for text, image_lines, image, (_, offset) in zip(texts, lines, padded, trimmed, strict=False)]


def _read(text: str, lines: list[TsvLine], image: Image.Image, offset: tuple[int, int],
          labels: NumberLabels) -> OcrText:
    """One image's reading with its numbers read again, and the boxes of the lines it kept: a
    line of marks alone the second reading drops loses its box too, or the boxes would no longer
    be the text's lines one for one (and the paragraphs would be lost: parsers.wrap)."""
    if REREAD_NUMBERS:
        text, lines = _reread_numbers(text, lines, image, labels)
    dx, dy = offset
    return OcrText(text, [(line.top - _PAD + dy, line.bottom - _PAD + dy) for line in lines],
                   [(line.left - _PAD + dx, line.right - _PAD + dx) for line in lines])


def _trimmed(image: Image.Image) -> tuple[Image.Image, tuple[int, int]]:
    """The image cut to its ink and a margin, and where the cut starts: Tesseract's time grows
    with the pixels it binarises, and a prose band is mostly white page (a third the pixels)."""
    dark = np.asarray(image if image.mode == "L" else image.convert("L")) < _DARK
    rows, columns = np.nonzero(dark.any(axis=1))[0], np.nonzero(dark.any(axis=0))[0]
    if not len(rows):
        return image, (0, 0)
    x0, top = max(0, int(columns[0]) - _TRIM_MARGIN), max(0, int(rows[0]) - _TRIM_MARGIN)
    x1 = min(image.width, int(columns[-1]) + 1 + _TRIM_MARGIN)
    bottom = min(image.height, int(rows[-1]) + 1 + _TRIM_MARGIN)
    return image.crop((x0, top, x1, bottom)), (x0, top)


@dataclass(frozen=True)
class TsvLine:
    """One line of Tesseract's TSV holding some text: its box (pixels of the padded image) and
    its words."""
    top: int
    bottom: int
    left: int
    right: int
    words: list[Word]


def _reread_numbers(text: str, lines: list[TsvLine], image: Image.Image,
                    labels: NumberLabels) -> tuple[str, list[TsvLine]]:
    """`text` with the numbers of each line read again from `image`, and the lines still holding
    text; unchanged where its non-blank lines are not the TSV's lines one for one."""
    if not any(may_hold_numbers(line.words, labels) for line in lines):
        return text, lines
    rows = text.split("\n")
    filled = [k for k, row in enumerate(rows) if row.strip()]
    if len(filled) != len(lines):
        return text, lines
    dark = np.asarray(image.convert("L")) < _DARK
    height = text_height(dark)
    for k, line in zip(filled, lines, strict=True):
        rows[k] = reread_line(rows[k], line.words, dark, height, labels)
    return "\n".join(rows), [line for k, line in zip(filled, lines, strict=True) if rows[k].strip()]


def _tsv_lines(tsv: str, images: int) -> list[list[TsvLine]]:
    """Per image, each line holding some text, in reading order: its top and bottom and its
    words."""
    lines: dict[tuple[int, str, str, str], tuple[int, int, int, int]] = {}
    words: dict[tuple[int, str, str, str], list[Word]] = {}
    for row in tsv.splitlines()[1:]:
        fields = row.split("\t")
        if len(fields) < 12 or fields[0] not in ("4", "5"):
            continue
        key = (int(fields[1]), fields[2], fields[3], fields[4])
        left, top, width, height = (int(value) for value in fields[6:10])
        if fields[0] == "4":
            lines[key] = (top, top + height, left, left + width)
        elif fields[11].strip():
            words.setdefault(key, []).append(Word(fields[11].strip(), left, top, width, height))
    found: list[list[TsvLine]] = [[] for _ in range(images)]
    for key, (top, bottom, left, right) in lines.items():  # the TSV lists lines in reading order
        if key in words and 1 <= key[0] <= images:
            found[key[0] - 1].append(TsvLine(top, bottom, left, right, words[key]))
    return found


def _inked(dark: np.ndarray, pixels: tuple[int, int, int, int]) -> bool:
    x0, top, x1, bottom = pixels
    return int(dark[top:bottom, x0:x1].sum()) >= _MIN_INK


def _pixels(box: tuple[float, float, float, float], inset: float,
            shape: tuple[int, ...]) -> tuple[int, int, int, int] | None:
    x0, top, x1, bottom = ((v + d) * SCALE for v, d in zip(box, (inset, inset, -inset, -inset), strict=True))
    x0, top = max(0, round(x0)), max(0, round(top))
    x1, bottom = min(shape[1], round(x1)), min(shape[0], round(bottom))
    return (x0, top, x1, bottom) if x1 - x0 > 4 and bottom - top > 4 else None


def _bands(grids: list[TableGrid], height: float) -> list[tuple[float, float]]:
    """The stretches of the page (top, bottom in points) above, between and below its tables."""
    bands, top = [], 0.0
    for grid in grids:
        if grid.bbox[1] > top:
            bands.append((top, grid.bbox[1]))
        top = max(top, grid.bbox[3])
    bands.append((top, height))
    return bands
