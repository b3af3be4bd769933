"""Straighten a scanned page before its rulings are looked for.

A page fed askew through a scanner tilts its text lines and rulings by a degree or two: the
horizontal rulings no longer lie on one pixel row, so the table finder sees no grid, and
Tesseract's lines run into each other. The tilt is the angle at which the ink's row profile
is sharpest (text lines and rulings each fall on as few rows as possible): tried on a reduced
image over ±MAX_ANGLE degrees, coarse then fine, and undone on the full image.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

MAX_ANGLE = 5.0  # degrees; a page tilted more was not fed through a scanner by accident
_COARSE, _FINE = 0.5, 0.05  # degrees between the angles tried
_MIN_ANGLE = 0.15  # degrees below which straightening would only blur the page
_WIDTH = 1600  # pixels of the reduced image the angle is measured on
_COARSE_POINTS = 40_000  # ink pixels the coarse search counts
_DARK = 160


def skew_angle(image: Image.Image) -> float:
    """The angle (degrees, counter-clockwise positive as PIL rotates) that straightens `image`."""
    gray = image.convert("L")
    scale = min(1.0, _WIDTH / gray.width)
    size = (max(1, round(gray.width * scale)), max(1, round(gray.height * scale)))
    # Nearest-pixel reduction: only where the ink lies counts, and a bilinear one takes twice as
    # long for the same angles (the dev scans turned by ±1–3°).
    ink_rows, ink_columns = np.nonzero(np.asarray(gray.resize(size, Image.Resampling.NEAREST)) < _DARK)
    if not len(ink_rows):
        return 0.0
    # Turning the page by a degree or two moves each ink pixel up or down in proportion to its
    # distance from the middle column (a shear): the row profile of every angle tried is one
    # count of the shifted rows, not one rotation of the image.
    rows, columns = ink_rows.astype(np.float64), ink_columns.astype(np.float64) - size[0] / 2
    # The coarse search needs only a share of the ink: a profile's peaks are lines of text.
    step = max(1, len(rows) // _COARSE_POINTS)
    best = _best(rows[::step], columns[::step], np.arange(-MAX_ANGLE, MAX_ANGLE + _COARSE / 2, _COARSE))
    return _best(rows, columns, np.arange(best - _COARSE, best + _COARSE + _FINE / 2, _FINE))


def _best(rows: np.ndarray, columns: np.ndarray, angles: np.ndarray) -> float:
    return float(max(angles, key=lambda angle: _sharpness(rows, columns, float(angle))))


def _sharpness(rows: np.ndarray, columns: np.ndarray, angle: float) -> float:
    shifted = rows - columns * np.tan(np.radians(angle))
    profile = np.bincount(np.round(shifted - shifted.min()).astype(np.int64)).astype(np.float64)
    return float(np.square(np.diff(profile)).sum())


def deskewed(image: Image.Image) -> tuple[Image.Image, float]:
    """`image` straightened (white where the rotation uncovers the page), and the angle used."""
    angle = round(skew_angle(image), 2)
    if abs(angle) < _MIN_ANGLE:
        return image, 0.0
    fill = 255 if image.mode == "L" else (255, 255, 255)
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=fill), angle
