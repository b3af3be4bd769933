"""Ruled tables from line segments: the line art of a PDF page, or the dark runs of a scanned
page's pixels. Both become pdfplumber-style edges and go through pdfplumber's own table finder
(merge_edges → intersections → cells → tables; the first step re-done here on lists, the same
floats), so text and scans share one notion of a grid."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np
from pdfplumber import table as plumber_table

SNAP = 3.0  # points within which two rulings are the same line
_MIN_EDGE = 3.0
_RULE_THICKNESS = 3.0  # a path thinner than this is a ruling, not a box
_MIN_RULE_H = 18.0  # points: a dark run this long across a scan is a horizontal ruling
_MIN_RULE_V = 8.0  # points: the same downwards, when it reaches a horizontal ruling at both ends
_RULE_REACH = 3.0  # points: how near a vertical ruling's end must be to a horizontal one
_SOLID = 0.95  # share of a run's pixels that must be dark (scans lose a few)
_BOX_MIN, _BOX_MAX = 7.0, 16.0  # points: the side of a checkbox glyph (a digit loop is smaller)
_BOX_SLACK = 1.0  # points two sides of one box may miss each other by
_TICKED = 0.04  # share of a box's inside that is ink when it is ticked


@dataclass
class TableGrid:
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom (top-left origin, points)
    rows: list[list[tuple[float, float, float, float] | None]]
    texts: dict[tuple[int, int], list] = field(default_factory=dict)  # (row, column) → visual lines


def edge(orientation: str, x0: float, top: float, x1: float, bottom: float) -> dict:
    """An edge as pdfplumber's table finder reads it (merge_edges below, then its intersections)."""
    return {"orientation": orientation, "x0": x0, "x1": x1, "top": top, "bottom": bottom}


def path_edges(x0: float, top: float, x1: float, bottom: float) -> list[dict]:
    """Edges of one path's bounding box: a ruling, or the four sides of a box."""
    width, height = x1 - x0, bottom - top
    if height <= _RULE_THICKNESS and width > height:
        y = (top + bottom) / 2
        return [edge("h", x0, y, x1, y)]
    if width <= _RULE_THICKNESS and height > width:
        x = (x0 + x1) / 2
        return [edge("v", x, top, x, bottom)]
    return [edge("h", x0, top, x1, top), edge("h", x0, bottom, x1, bottom),
            edge("v", x0, top, x0, bottom), edge("v", x1, top, x1, bottom)]


def grids_from_edges(edges: list[dict]) -> list[TableGrid]:
    """The tables the edges draw (at least two columns), top to bottom."""
    if not edges:
        return []
    edges = merge_edges(edges)
    edges = [e for e in edges if (e["x1"] - e["x0"] if e["orientation"] == "h" else e["bottom"] - e["top"])
             >= _MIN_EDGE]
    intersections = plumber_table.edges_to_intersections(edges, SNAP, SNAP)
    cells = plumber_table.intersections_to_cells(intersections)
    grids = []
    for table_cells in plumber_table.cells_to_tables(cells):
        table = plumber_table.Table(None, table_cells)  # type: ignore[arg-type]
        rows = [list(row.cells) for row in table.rows]
        if rows and max(len(r) for r in rows) >= 2:
            grids.append(TableGrid(table.bbox, rows))
    return sorted(grids, key=lambda g: g.bbox[1])


def merge_edges(edges: list[dict]) -> list[dict]:
    """pdfplumber's `table.merge_edges(edges, SNAP, SNAP, SNAP, SNAP)`: rulings within SNAP of one
    another snapped to their mean, then those along one line joined, in pdfplumber's order and
    with its very float operations, but on lists instead of copying each edge's dict at each
    step (two thirds of the table finder's time on pages drawn as many small boxes). Only what
    the finder reads next is kept: orientation, x0, x1, top, bottom."""
    vertical = [[e["x0"], e["x1"], e["top"], e["bottom"]] for e in edges if e["orientation"] == "v"]
    horizontal = [[e["x0"], e["x1"], e["top"], e["bottom"]] for e in edges if e["orientation"] == "h"]
    if len(vertical) + len(horizontal) != len(edges):
        raise KeyError("an edge is neither 'h' nor 'v'")  # pdfplumber's snap_edges fails too
    snapped = [("v", e) for e in _snapped(vertical, 0, SNAP)]
    snapped += [("h", e) for e in _snapped(horizontal, 2, SNAP)]
    snapped.sort(key=_line_of)  # ("h", top) before ("v", x0), stable as pdfplumber's sort
    merged = []
    for (orientation, _), group in itertools.groupby(snapped, key=_line_of):
        low, high = (0, 1) if orientation == "h" else (2, 3)
        joined: list[list[float]] = []
        for _, e in sorted(group, key=lambda item: item[1][low]):
            if joined and e[low] <= joined[-1][high] + SNAP:
                if e[high] > joined[-1][high]:
                    assert e[high] >= joined[-1][low]  # pdfplumber's resize_object asserts it
                    joined[-1] = [*joined[-1]]
                    joined[-1][high] = e[high]
            else:
                joined.append(e)
        merged += [{"orientation": orientation, "x0": e[0], "x1": e[1], "top": e[2], "bottom": e[3]}
                   for e in joined]
    return merged


def _line_of(item: tuple[str, list[float]]) -> tuple[str, float]:
    orientation, e = item
    return orientation, (e[2] if orientation == "h" else e[0])


def _snapped(edges: list[list[float]], key: int, tolerance: float) -> list[list[float]]:
    """pdfplumber's snap_objects: edges clustered by their coordinate `key` (values chained while
    each is within `tolerance` of the last), each moved by its cluster's mean minus its own."""
    if not edges:
        return []
    values = sorted({e[key] for e in edges})
    cluster_of: dict[float, int] = {}
    cluster, last = 0, values[0]
    for value in values:
        if not value <= last + tolerance:
            cluster += 1
        cluster_of[value] = cluster
        last = value
    ordered = sorted(edges, key=lambda e: cluster_of[e[key]])
    moved = []
    for _, grouped in itertools.groupby(ordered, key=lambda e: cluster_of[e[key]]):
        members = list(grouped)
        mean = sum(e[key] for e in members) / len(members)
        for e in members:
            shift = mean - e[key]
            if key == 0:  # a vertical ruling moves sideways: x0 and x1
                moved.append([e[0] + shift, e[1] + shift, e[2], e[3]])
            else:  # a horizontal one up or down: top and bottom
                moved.append([e[0], e[1], e[2] + shift, e[3] + shift])
    return moved


def image_edges(dark: np.ndarray, scale: float) -> list[dict]:
    """Rulings drawn in a page image (True = dark pixel, `scale` pixels per point), in points.

    A horizontal ruling is a long dark run. Glyph stems make short vertical runs, so a vertical
    run counts only when both its ends meet a horizontal ruling, as a table's column lines do."""
    horizontal = _segments(dark, round(_MIN_RULE_H * scale))
    reach = _RULE_REACH * scale
    edges = [edge("h", x0 / scale, (top + bottom) / 2 / scale, x1 / scale, (top + bottom) / 2 / scale)
             for top, bottom, x0, x1 in horizontal]
    if not horizontal:
        return edges
    # A column line must reach a ruling at both ends: only the rows the rulings span are searched.
    first = max(0, int(min(s[0] for s in horizontal) - reach))
    last = min(dark.shape[0], int(max(s[1] for s in horizontal) + reach) + 1)
    vertical = [(x0, x1, top + first, bottom + first) for x0, x1, top, bottom
                in _segments(np.ascontiguousarray(dark[first:last].T), round(_MIN_RULE_V * scale))]
    if not vertical:
        return edges
    rules = np.asarray(horizontal, dtype=np.float64)
    stems = np.asarray(vertical, dtype=np.float64)
    middles = (stems[:, 0] + stems[:, 1]) / 2
    ends_met = _meets(rules, middles, stems[:, 2], reach) & _meets(rules, middles, stems[:, 3], reach)
    for (_, _, top, bottom), x in zip(stems[ends_met], middles[ends_met], strict=True):
        edges.append(edge("v", x / scale, top / scale, x / scale, bottom / scale))
    return edges


def _meets(rules: np.ndarray, xs: np.ndarray, ys: np.ndarray, reach: float) -> np.ndarray:
    """For each point (x, y), whether a horizontal ruling (top, bottom, x0, x1) passes within
    `reach` of it."""
    top, bottom, x0, x1 = (rules[:, k][None, :] for k in range(4))
    x, y = xs[:, None], ys[:, None]
    near = (top - reach <= y) & (y <= bottom + reach) & (x0 - reach <= x) & (x <= x1 + reach)
    return np.asarray(near.any(axis=1))


def _segments(dark: np.ndarray, length: int) -> list[tuple[int, int, int, int]]:
    """(first row, last row, start, end) of runs along axis 1 at least `length` long, runs on
    neighbouring rows that overlap taken as one thick segment."""
    if length < 2 or dark.shape[1] < length:
        return []
    solid = _solid_windows(dark, length)
    open_segments: list[list[int]] = []  # segments reaching the previous row, left to right
    done: list[tuple[int, int, int, int]] = []

    def closed(segment: list[int]) -> tuple[int, int, int, int]:
        return segment[0], segment[1], segment[2], segment[3]

    for row, starts, ends in _runs(solid, length):
        previous = [s for s in open_segments if s[1] == row - 1]
        done.extend(closed(s) for s in open_segments if s[1] != row - 1)
        taken = [False] * len(previous)
        still_open = []
        j = 0
        for start, end in zip(starts, ends, strict=True):
            # runs and segments both go left to right: the first segment still unmatched that
            # overlaps this run continues downwards into it
            while j < len(previous) and (taken[j] or previous[j][3] < start):
                if not taken[j]:
                    done.append(closed(previous[j]))
                    taken[j] = True
                j += 1
            k = j
            while k < len(previous) and taken[k]:
                k += 1
            if k < len(previous) and previous[k][2] <= end:
                match = previous[k]
                taken[k] = True
                still_open.append([match[0], row, min(match[2], start), max(match[3], end)])
            else:
                still_open.append([row, row, start, end])
        done.extend(closed(s) for s, used in zip(previous, taken, strict=True) if not used)
        open_segments = still_open
    done.extend(closed(s) for s in open_segments)
    return sorted(done)


def _solid_windows(dark: np.ndarray, length: int) -> np.ndarray:
    """Whether each window of `length` pixels along axis 1 is dark enough to be a ruling. Only
    rows with that many dark pixels in all are summed (a third to a half of a page's rows)."""
    need = _SOLID * length
    solid = np.zeros((dark.shape[0], dark.shape[1] - length + 1), dtype=bool)
    rows = np.nonzero(np.count_nonzero(dark, axis=1) >= need)[0]
    if len(rows):
        sums = np.zeros((len(rows), dark.shape[1] + 1), dtype=np.int16 if dark.shape[1] < 2**15 else np.int32)
        np.cumsum(dark[rows], axis=1, out=sums[:, 1:])
        solid[rows] = (sums[:, length:] - sums[:, :-length]) >= need
    return solid


def _runs(solid: np.ndarray, length: int) -> list[tuple[int, list[int], list[int]]]:
    """(row, starts, ends) of the dark runs of every row holding one, all rows at once."""
    rows = np.nonzero(solid.any(axis=1))[0]
    if not len(rows):
        return []
    padded = np.zeros((len(rows), solid.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = solid[rows]
    steps = np.diff(padded, axis=1)
    start_rows, starts = np.nonzero(steps == 1)
    _, ends = np.nonzero(steps == -1)
    cuts = np.searchsorted(start_rows, np.arange(1, len(rows))).tolist()
    pieces = zip(rows.tolist(), np.split(starts, cuts), np.split(ends, cuts), strict=True)
    return [(row, first.tolist(), (last - 1 + length).tolist()) for row, first, last in pieces]


@dataclass(frozen=True)
class ImageBox:
    """A checkbox glyph (☐ or ☑) found in an image, in pixels."""
    x0: int
    top: int
    x1: int
    bottom: int
    checked: bool


def image_checkboxes(dark: np.ndarray, scale: float) -> list[ImageBox]:
    """Small square outlines (7–16 points a side) in an image, ticked when ink fills some of
    their inside: the ☐/☑ glyphs forms print before a status, which OCR reads as `[ๆ` or `O`."""
    low, high = round(_BOX_MIN * scale), round(_BOX_MAX * scale)
    horizontal = [s for s in _segments(dark, low) if s[3] - s[2] <= high]
    vertical = [s for s in _segments(dark.T, low) if s[3] - s[2] <= high]
    slack = max(2, round(_BOX_SLACK * scale))
    boxes = []
    for top_edge in horizontal:
        for bottom_edge in horizontal:
            width = top_edge[3] - top_edge[2]
            if not (abs(bottom_edge[2] - top_edge[2]) <= slack and abs(bottom_edge[3] - top_edge[3]) <= slack
                    and abs((bottom_edge[1] - top_edge[0]) - width) <= 2 * slack):
                continue
            top, bottom, x0, x1 = top_edge[0], bottom_edge[1], top_edge[2], top_edge[3]
            if _has_side(vertical, x0, top, bottom, slack) and _has_side(vertical, x1, top, bottom, slack):
                border = top_edge[1] - top_edge[0] + 1 + slack
                inside = dark[top + border:bottom - border, x0 + border:x1 - border]
                checked = inside.size > 0 and float(inside.mean()) > _TICKED
                boxes.append(ImageBox(x0, top, x1, bottom, checked))
    return boxes


def _has_side(vertical: list[tuple[int, int, int, int]], x: int, top: int, bottom: int, slack: int) -> bool:
    """Whether a vertical stroke closes the box at `x`, where its top and bottom edges end: the
    stroke must reach that end (a letter's stem standing beside an E's bars is no side of a box)."""
    return any(first - slack <= x <= last + slack and start <= top + slack and end >= bottom - slack
               for first, last, start, end in vertical)
