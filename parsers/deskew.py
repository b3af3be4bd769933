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
_WIDTH = 800  # pixels of the reduced image the angle is measured on
_DARK = 160


def skew_angle(image: Image.Image) -> float:
    """The angle (degrees, counter-clockwise positive as PIL rotates) that straightens `image`."""
    gray = image.convert("L")
    scale = min(1.0, _WIDTH / gray.width)
    size = (max(1, round(gray.width * scale)), max(1, round(gray.height * scale)))
    small = gray.resize(size, Image.BILINEAR)
    ink = Image.fromarray(((np.asarray(small) < _DARK) * 255).astype(np.uint8))
    if not np.asarray(ink).any():
        return 0.0
    best = _best(ink, np.arange(-MAX_ANGLE, MAX_ANGLE + _COARSE / 2, _COARSE))
    return _best(ink, np.arange(best - _COARSE, best + _COARSE + _FINE / 2, _FINE))


def _best(ink: Image.Image, angles: np.ndarray) -> float:
    return float(max(angles, key=lambda angle: _sharpness(ink, float(angle))))


def _sharpness(ink: Image.Image, angle: float) -> float:
    rows = np.asarray(ink.rotate(angle, resample=Image.BILINEAR), dtype=np.float64).sum(axis=1)
    return float(np.square(np.diff(rows)).sum())


def deskewed(image: Image.Image) -> tuple[Image.Image, float]:
    """`image` straightened (white where the rotation uncovers the page), and the angle used."""
    angle = round(skew_angle(image), 2)
    if abs(angle) < _MIN_ANGLE:
        return image, 0.0
    fill = 255 if image.mode == "L" else (255, 255, 255)
    return image.rotate(angle, resample=Image.BICUBIC, fillcolor=fill), angle
