"""Pages whose text layer cannot be used, read by Tesseract (`tha+eng`) from a 300 dpi rendering.

The page's rulings are found in its pixels (parsers.grids), so a scanned table is rebuilt
as a table: every cell is cropped and read on its own, and the prose between tables is read
band by band — all the crops of a page in one Tesseract process (a list of images).

Tesseract is a system program (Debian: `tesseract-ocr tesseract-ocr-tha`). Without it, or
without its Thai data, pages that need OCR are left empty and the document says `needs_ocr`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

from normalizers.ocr_text import fix_ocr_confusions, is_ocr_noise
from parsers.grids import TableGrid, grids_from_edges, image_edges

DPI = 300
SCALE = DPI / 72  # pixels per point
LANGUAGES = "tha+eng"
_TIMEOUT = 600  # seconds per page
_DARK = 160  # grey level below which a pixel is ink
_CELL_INSET = 2.5  # points cut from each side of a cell, so its rulings are not read as text
_PAD = 12  # white pixels around each crop: Tesseract reads glyphs touching the edge badly
_MIN_INK = 30  # dark pixels below which a crop is blank
# Page segmentation: a cell is one uniform block (mode 4 drops a lone digit such as a row's
# number); prose bands are a column of lines of varying size.
_CELL_PSM, _PROSE_PSM = "6", "4"


@dataclass
class ScanPage:
    """What OCR read of one page: its tables (cells filled) and the prose bands between them."""
    grids: list[TableGrid] = field(default_factory=list)
    bands: list[tuple[float, str]] = field(default_factory=list)  # (top in points, text)


@cache
def tesseract_available() -> bool:
    """Whether Tesseract and its Thai data are installed."""
    binary = shutil.which("tesseract")
    if binary is None:
        return False
    try:
        listed = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    languages = set(listed.stdout.split()) | set(listed.stderr.split())
    return {"tha", "eng"} <= languages


def ocr_threads() -> int:
    """Pages OCR'd at once within one document: ITA_OCR_THREADS, else the machine's cores."""
    value = os.environ.get("ITA_OCR_THREADS", "")
    return max(1, int(value)) if value.isdigit() else max(1, os.cpu_count() or 1)


def read_scan(image: Image.Image) -> ScanPage:
    """The tables and prose of a page image rendered at DPI."""
    gray = np.asarray(image.convert("L"))
    dark = gray < _DARK
    grids = grids_from_edges(image_edges(dark, SCALE))
    cells: list[Image.Image] = []
    cell_keys: list[tuple[int, int, int]] = []
    for g, grid in enumerate(grids):
        for r, row in enumerate(grid.rows):
            for c, box in enumerate(row):
                pixels = _pixels(box, _CELL_INSET, gray.shape) if box else None
                if pixels and _inked(dark, pixels):
                    cells.append(image.crop(pixels))
                    cell_keys.append((g, r, c))
    bands: list[Image.Image] = []
    band_tops: list[float] = []
    for top, bottom in _bands(grids, gray.shape[0] / SCALE):
        pixels = _pixels((0, top, gray.shape[1] / SCALE, bottom), 0, gray.shape)
        if pixels and _inked(dark, pixels):
            bands.append(image.crop(pixels))
            band_tops.append(top)
    for (g, r, c), text in zip(cell_keys, ocr_images(cells, _CELL_PSM), strict=True):
        grids[g].texts[(r, c)] = [line for line in _clean_lines(text) if line.strip()]
    band_texts = ["\n".join(_clean_lines(text)) for text in ocr_images(bands, _PROSE_PSM)]
    return ScanPage(grids, list(zip(band_tops, band_texts, strict=True)))


def _clean_lines(text: str) -> list[str]:
    """OCR'd lines without noise lines and with the known misreadings put right."""
    return [fix_ocr_confusions(line) for line in text.split("\n") if not is_ocr_noise(line)]


def ocr_images(images: list[Image.Image], psm: str) -> list[str]:
    """The text Tesseract reads in each image, all read by one Tesseract process."""
    if not images:
        return []
    with tempfile.TemporaryDirectory(prefix="ita-ocr-") as folder:
        paths = []
        for i, image in enumerate(images):
            path = Path(folder) / f"{i:04d}.png"
            ImageOps.expand(image, border=_PAD, fill=255).save(path)
            paths.append(str(path))
        listing = Path(folder) / "images.txt"
        listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
        done = subprocess.run(
            ["tesseract", str(listing), "stdout", "-l", LANGUAGES, "--dpi", str(DPI), "--psm", psm],
            capture_output=True, text=True, timeout=_TIMEOUT, check=False,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
    if done.returncode != 0:
        raise RuntimeError(f"tesseract failed: {done.stderr.strip()[:200]}")
    texts = done.stdout.split("\f")
    if len(texts) < len(images):
        raise RuntimeError(f"tesseract read {len(texts)} of {len(images)} images")
    return texts[:len(images)]


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
