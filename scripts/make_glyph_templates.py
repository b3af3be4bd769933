"""Render the glyph templates parsers.digits reads numbers with: every Thai and Arabic digit,
and the letters and signs a digit could be mistaken for, in every upright Thai font installed
(Debian: fonts-thai-tlwg), at two sizes and three stroke weights, written to
parsers/data/glyph_templates.npz.

    python scripts/make_glyph_templates.py [--fonts /usr/share/fonts/truetype/tlwg]

The templates are data in the repository, so extraction needs no fonts; rerun this only to
change the set.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from scipy import ndimage

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from ita_extract.parsers.glyph_features import glyph_image, stacked_joined  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "parsers" / "data" / "glyph_templates.npz"
DIGITS = "๐๑๒๓๔๕๖๗๘๙0123456789"
OTHERS = ("".join(chr(c) for c in range(0x0E01, 0x0E2F)) + "ะาเแโใไๆฯ"
          + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" + "()/-%:;,.'\"[]|!?&+=<>*#@")
SIZES = (36, 56)  # pixels per em: 9 pt and 13.5 pt at 300 dpi, around a body text's digits
THRESHOLDS = (70, 128, 190)  # grey levels: thin, regular and bold strokes of a blurred rendering
_SKIP_STYLES = ("Oblique", "Italic")


def fonts(folder: Path) -> list[Path]:
    return sorted(path for path in folder.glob("*.ttf") if not any(s in path.stem for s in _SKIP_STYLES))


def rendered(font: ImageFont.FreeTypeFont, char: str, threshold: int) -> np.ndarray | None:
    """The ink of `char` as a scan's glyph finder cuts it (parsers.digits): its parts, parts
    standing over each other joined, and of those the glyph holding the most ink."""
    size = int(font.size)
    canvas = Image.new("L", (size * 3, size * 3), 255)
    ImageDraw.Draw(canvas).text((size, size // 2), char, font=font, fill=0)
    ink = np.asarray(canvas.filter(ImageFilter.GaussianBlur(0.8))) < threshold
    labels, _ = ndimage.label(ink)
    parts = [(cols.start, rows.start, cols.stop, rows.stop) for rows, cols in ndimage.find_objects(labels)]
    if not parts:
        return None
    left, top, right, bottom = max(stacked_joined(parts),
                                   key=lambda box: ink[box[1]:box[3], box[0]:box[2]].sum())
    return ink[top:bottom, left:right]


def templates(folder: Path) -> tuple[np.ndarray, np.ndarray]:
    vectors, labels = [], []
    for path in fonts(folder):
        for size in SIZES:
            font = ImageFont.truetype(str(path), size)
            for char in DIGITS + OTHERS:
                if font.getmask(char).getbbox() is None:
                    continue
                for threshold in THRESHOLDS:
                    ink = rendered(font, char, threshold)
                    if ink is not None and ink.sum() > 4:
                        vectors.append(glyph_image(ink))
                        labels.append(char)
    return np.asarray(vectors, dtype=np.uint8), np.asarray(labels)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fonts", type=Path, default=Path("/usr/share/fonts/truetype/tlwg"))
    args = parser.parse_args()
    vectors, labels = templates(args.fonts)
    if not len(labels):
        print(f"no fonts in {args.fonts}", file=sys.stderr)
        return 2
    np.savez_compressed(OUT, images=vectors, labels=labels,
                        fonts=np.asarray([path.stem for path in fonts(args.fonts)]))
    print(f"{len(labels)} templates of {len(set(labels))} glyphs from {len(fonts(args.fonts))} fonts → {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
