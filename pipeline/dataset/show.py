"""`ita-extract show DOC PAGE [--line LINE]`: a page of a PDF the dataset was read from, drawn
with a box around every line and table row its scores (red), measures (blue) and findings
(green) were read from, as the tables' `bbox` columns place them; with a line, only that line's
rows, and the picture cut down to the band of the page around them. The report cites each
source by page and line; this shows it on the page."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyarrow.parquet as pq
from PIL import ImageDraw

from ita_extract.parsers.pdf import page_image
from ita_extract.pipeline.dataset.layout import MANIFEST
from ita_extract.pipeline.dataset.store import run_tables

# Drawn in this order: a score's box on top where a measure's row holds it too.
COLOURS = {"measures": (5, 80, 174), "findings": (26, 127, 55), "scores": (207, 34, 46)}
SCALE = 2.0  # pixels per point: 144 dpi
MARGIN = 36.0  # points of the page kept above and below a line's rows (half an inch)


class CannotShow(ValueError):
    """The page cannot be shown: no such document or page, not a PDF, the file gone or changed."""


def show(out_dir: Path, doc_id: str, page: int, target: Path, line: int | None = None) -> int:
    """Write the page with its boxes to `target` (PNG), or with `line` only that line's boxes
    and the band of the page around them; returns how many boxes were drawn."""
    folder = run_tables(out_dir)
    manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
    documents = [d for d in pq.read_table(folder / "documents.parquet").to_pylist()
                 if d["doc_id"].startswith(doc_id)]
    if len(documents) != 1:
        raise CannotShow(f"{'no' if not documents else 'more than one'} document whose doc_id starts "
                         f"with {doc_id!r}")
    document = documents[0]
    if document["source_format"] != "pdf":
        raise CannotShow(f"{document['source_path']} is not a PDF: its rows are placed by line, "
                         "not on a page")
    data = _source(manifest, document)
    image = page_image(data, page, SCALE)
    draw = ImageDraw.Draw(image)
    boxes = []
    for table, colour in COLOURS.items():
        columns = ["doc_id", "page", "line", "bbox"]
        rows = pq.read_table(folder / f"{table}.parquet", columns=columns).to_pylist()
        boxes += [(row["bbox"], colour) for row in rows if row["doc_id"] == document["doc_id"]
                  and row["page"] == page and row["bbox"] and line in (None, row["line"])]
    if line is not None and not boxes:
        raise CannotShow(f"no score, measure or finding of page {page} was read from line {line}")
    for box, colour in boxes:
        x0, top, x1, bottom = (value * SCALE for value in box)
        draw.rectangle((x0 - 2, top - 2, x1 + 2, bottom + 2), outline=colour, width=3)
    if line is not None:  # the band of the page around the line's rows, full width
        top = max(0.0, min(box[1] for box, _ in boxes) - MARGIN) * SCALE
        bottom = min(image.height, (max(box[3] for box, _ in boxes) + MARGIN) * SCALE)
        image = image.crop((0, int(top), image.width, int(bottom)))
    image.save(target, "PNG")
    return len(boxes)


def _source(manifest: dict, document: dict) -> bytes:
    """The bytes the document was read from, found again under the run's raw folder; refused
    when they are no longer those bytes (a picture of another file would mislead)."""
    root = Path(manifest.get("raw_root", ""))
    base = root.parent if root.is_file() else root
    path = base / document["source_path"]
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CannotShow(f"{path} cannot be read ({exc.strerror or exc}): the raw folder has moved?") from exc
    if hashlib.sha256(data).hexdigest() != document["source_sha256"]:
        raise CannotShow(f"{path} has changed since it was extracted: run `ita-extract extract` again")
    return data
