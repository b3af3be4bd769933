"""The shape of one glyph as a vector, the same for a glyph cut from a scan and for a template
rendered from a font (parsers.digits compares the two)."""

from __future__ import annotations

import numpy as np
from PIL import Image

SIDE = 16  # the glyph is scaled into SIDE × SIDE pixels


def glyph_image(ink: np.ndarray) -> np.ndarray:
    """The glyph's ink (a boolean array cut to its bounding box) centred in a square, so its
    proportions count, scaled to SIDE × SIDE grey levels (uint8, 255 = ink), flattened."""
    height, width = ink.shape
    side = max(height, width)
    square = np.zeros((side, side), dtype=np.uint8)
    top, left = (side - height) // 2, (side - width) // 2
    square[top:top + height, left:left + width] = ink * 255
    small = Image.fromarray(square).resize((SIDE, SIDE), Image.Resampling.BOX)
    return np.asarray(small, dtype=np.uint8).ravel()


def unit_rows(images: np.ndarray) -> np.ndarray:
    """Each row of glyph images as a float vector of unit length (so a dot product is the
    cosine of the angle between two shapes)."""
    vectors = np.asarray(images, dtype=np.float32).reshape(len(images), -1)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


Box = tuple[int, int, int, int]  # left, top, right, bottom


def stacked_joined(parts: list[Box]) -> list[Box]:
    """The parts of ink, left to right, with parts standing over each other joined into one
    glyph (the dot of an `i`, a glyph a scan broke across): their columns overlap by more than
    60 % of the narrower one."""
    glyphs: list[Box] = []
    for part in sorted(parts):
        last = glyphs[-1] if glyphs else None
        overlap = min(last[2], part[2]) - max(last[0], part[0]) if last else 0
        if last and overlap > 0.6 * min(last[2] - last[0], part[2] - part[0]):
            glyphs[-1] = (min(last[0], part[0]), min(last[1], part[1]), max(last[2], part[2]),
                          max(last[3], part[3]))
        else:
            glyphs.append(part)
    return glyphs
