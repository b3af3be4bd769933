"""Rulings found in a page image become the same grids as a PDF's line art."""

import random

import numpy as np
import pypdfium2 as pdfium
import pytest
from pdfplumber import table as plumber_table

from ita_extract.parsers.grids import SNAP, grids_from_edges, image_checkboxes, image_edges, merge_edges
from ita_extract.parsers.pdf import PageObjects
from tests.conftest import CORPUS

SCALE = 300 / 72  # pixels per point at 300 dpi


def _page_with_table() -> np.ndarray:
    """A 2 × 3 ruled table 3 px thick, and a glyph-like stem inside one cell."""
    dark = np.zeros((1200, 1000), dtype=bool)
    for y in (200, 400, 600):
        dark[y:y + 3, 100:900] = True
    for x in (100, 500, 899):
        dark[200:603, x:x + 3] = True
    dark[250:330, 300:304] = True  # a stem 80 px tall: longer than the shortest vertical ruling
    return dark


def test_a_scanned_ruled_table_is_found_with_its_cells() -> None:
    grids = grids_from_edges(image_edges(_page_with_table(), SCALE))
    assert len(grids) == 1
    assert [len(row) for row in grids[0].rows] == [2, 2]
    x0, top, x1, bottom = grids[0].bbox
    assert abs(x0 - 100 / SCALE) < 1 and abs(bottom - 601 / SCALE) < 1


def test_a_glyph_stem_is_not_a_ruling() -> None:
    vertical = [e for e in image_edges(_page_with_table(), SCALE) if e["orientation"] == "v"]
    assert sorted(round(e["x0"] * SCALE) for e in vertical) == [101, 501, 900]


def test_a_page_without_rulings_has_no_grid() -> None:
    dark = np.zeros((500, 500), dtype=bool)
    dark[100:140, 100:110] = True
    assert grids_from_edges(image_edges(dark, SCALE)) == []


def _box(dark: np.ndarray, x: int, y: int, side: int, ticked: bool) -> None:
    dark[y:y + 3, x:x + side] = dark[y + side - 3:y + side, x:x + side] = True
    dark[y:y + side, x:x + 3] = dark[y:y + side, x + side - 3:x + side] = True
    if ticked:
        for k in range(8, side - 8):
            dark[y + k, x + k:x + k + 3] = True


def test_checkbox_glyphs_are_found_ticked_or_not_and_digit_loops_are_not() -> None:
    dark = np.zeros((400, 400), dtype=bool)
    _box(dark, 20, 20, 43, ticked=True)   # ☑ at 300 dpi, as in 002_21007bcb3eecaeca.scan.pdf
    _box(dark, 20, 120, 43, ticked=False)  # ☐
    _box(dark, 200, 120, 24, ticked=False)  # the loop of a `6`: too small for a box
    boxes = image_checkboxes(dark, SCALE)
    assert [b.checked for b in boxes] == [True, False]
    assert all(abs(b.x0 - 20) <= 1 and abs(b.top - top) <= 1 for b, top in zip(boxes, (20, 120), strict=True))


# `(EI` of `(EIT)` in a serif face at 300 dpi, from a Word-made PDF's scan (Kinnari): the E's bars
# and the I's stem beside them were taken for a ticked box, painted out, and OCR read `(IT)`.
_E_BESIDE_I = (
    "............................................................",
    "............................................................",
    "........############################........############....",
    "##.....#############################.......##############...",
    "##......#############################.......############....",
    "..........########............#######.........########......",
    "..........#######...............#####.........########......",
    "..........#######................###..........#######.......",
    "..........#######.................##..........#######.......",
    "..........#######.................##..........#######.......",
    "..........#######..................#..........#######.......",
    "..........#######.............................#######.......",
    "..........#######.............................#######.......",
    "..........#######.............................#######.......",
    "..........#######.............................#######.......",
    "..........#######.............................#######.......",
    "..........#######..............###............#######.......",
    "..........#######.............####............#######.......",
    "..........#######............#####............#######.......",
    "..........########################.............######.......",
    "..........########################.............######.......",
    "..........########################.............######.......",
    "..........#########....###########.............######.......",
    "..........#######.............####............#######.......",
    "..........#######.............####............#######.......",
    "..........#######..............###............#######.......",
    "..........#######.............................#######.......",
    "..........#######..............................######.......",
    "..........#######..............................######.......",
    "..........#######.............................#######.......",
    "..........#######.............................#######.......",
    "..........#######.............................#######.......",
    "..........#######....................##.......#######.......",
    "..........#######...................###.......#######.......",
    "..........#######...................###........######.......",
    "..........#######..................####.......#######.......",
    "..........#######.................#####.......########......",
    "..........#######..............#######........########......",
    ".........#############################........#########.....",
    "......################################....################..",
    "......###############################.....################..",
    "............................................................",
    "............................................................",
)


def test_a_letter_e_beside_a_stem_is_not_a_checkbox() -> None:
    dark = np.zeros((120, 120), dtype=bool)
    dark[30:30 + len(_E_BESIDE_I), 20:80] = np.array([[c == "#" for c in row] for row in _E_BESIDE_I])
    assert image_checkboxes(dark, SCALE) == []


def _pdfplumber_edge(orientation: str, x0: float, top: float, x1: float, bottom: float) -> dict:
    """An edge with every key pdfplumber's own objects carry (its merge_edges updates them all)."""
    return {"orientation": orientation, "x0": x0, "x1": x1, "top": top, "bottom": bottom,
            "width": x1 - x0, "height": bottom - top, "object_type": "line", "doctop": top,
            "y0": -bottom, "y1": -top}


def _lines(edges: list[dict]) -> list[tuple]:
    return [(e["orientation"], e["x0"], e["x1"], e["top"], e["bottom"]) for e in edges]


def _random_edges(rng) -> list[dict]:
    """Rulings on a few lines with jitter below and above the snap tolerance, overlapping or not."""
    edges = []
    for _ in range(rng.randint(1, 60)):
        at = rng.choice([0, 0.5, 1.7, 2.9999, 3.0, 100.1]) * rng.randint(0, 5) + rng.random() * rng.choice(
            [0, 0.1, 4])
        start, end = sorted([rng.random() * 30, rng.random() * 30])
        edges.append(_pdfplumber_edge("h", start, at, end, at) if rng.random() < 0.5
                     else _pdfplumber_edge("v", at, start, at, end))
    return edges


def test_merge_edges_gives_pdfplumbers_floats_and_order() -> None:
    rng = random.Random(2566)
    for _ in range(2000):
        edges = _random_edges(rng)
        assert _lines(merge_edges(edges)) == _lines(plumber_table.merge_edges(edges, SNAP, SNAP, SNAP, SNAP))


@pytest.mark.skipif(not (CORPUS / "dev").is_dir(), reason="../shared/corpus is not beside the project")
def test_merge_edges_gives_pdfplumbers_on_every_dev_and_real_page() -> None:
    pages_with_rulings = 0
    for path in sorted(p for folder in ("dev", "real", "thai-pdf") for p in (CORPUS / folder).glob("*.pdf")):
        document = pdfium.PdfDocument(path.read_bytes())
        for page in document:
            edges = [_pdfplumber_edge(**e) for e in PageObjects.of(page).edges(page.get_height())]
            if edges:
                pages_with_rulings += 1
                assert _lines(merge_edges(edges)) == _lines(
                    plumber_table.merge_edges(edges, SNAP, SNAP, SNAP, SNAP)), (path.name, page)
        document.close()
    assert pages_with_rulings > 100
