"""`ita-extract show DOC PAGE`: a page of a PDF the dataset was read from, drawn with a box
around every line and table row its scores (red), measures (blue) and findings (green) were read
from, as the tables' `bbox` columns place them. The report cites each source by page and line;
this shows it on the page."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyarrow.parquet as pq
from PIL import ImageDraw

from ita_extract.parsers.pdf import page_image
from ita_extract.pipeline.dataset.layout import MANIFEST
from ita_extract.pipeline.dataset.store import run_tables

COLOURS = {"scores": (207, 34, 46), "measures": (5, 80, 174), "findings": (26, 127, 55)}
SCALE = 2.0  # pixels per point: 144 dpi


class CannotShow(ValueError):
    """The page cannot be shown: no such document or page, not a PDF, the file gone or changed."""


def show(out_dir: Path, doc_id: str, page: int, target: Path) -> int:
    """Write the page with its boxes to `target` (PNG); returns how many boxes were drawn."""
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
    drawn = 0
    for table, colour in COLOURS.items():
        rows = pq.read_table(folder / f"{table}.parquet", columns=["doc_id", "page", "bbox"]).to_pylist()
        for row in rows:
            if row["doc_id"] == document["doc_id"] and row["page"] == page and row["bbox"]:
                x0, top, x1, bottom = (value * SCALE for value in row["bbox"])
                draw.rectangle((x0 - 2, top - 2, x1 + 2, bottom + 2), outline=colour, width=3)
                drawn += 1
    image.save(target, "PNG")
    return drawn


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
