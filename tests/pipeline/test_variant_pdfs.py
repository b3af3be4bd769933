"""The layout variants as Word-made PDFs (tests/variants_pdf, made by `make variants` through
../shared/tools/render_corpus.py): each gives exactly the rows of its text, tables broken
across pages included; and the item tables rendered as scans too, read by OCR, exactly the
rows of their texts as well."""

import json
from pathlib import Path

import pandas as pd
import pytest

from ita_extract.parsers.tesseract import tesseract_available
from ita_extract.pipeline.batch.unit import parse, process_document
from tests.pipeline.helpers import rows_of
from tests.render_variants import OUT, text_sha256
from tests.variants import variants

pytestmark = pytest.mark.slow

RENDERED = [v for v in variants() if v.renderable]
SCANNED = [v for v in RENDERED if v.scanned]
MANIFEST = json.loads((OUT / "manifest.json").read_text())


def test_every_renderable_variant_has_a_pdf_of_its_current_text() -> None:
    stale = [v.name for v in RENDERED if MANIFEST.get(v.name) != text_sha256(v.text)]
    assert not stale, f"PDFs older than their texts (run `make variants`): {stale}"
    assert len(RENDERED) >= 40


def test_every_item_table_layout_is_scanned_too() -> None:
    items = {v.name.split("-", 1)[1] for v in RENDERED if "items_" in v.name and "altered" not in v.name}
    assert {v.name.split("-", 1)[1] for v in SCANNED if "items_" in v.name} == items
    assert all((OUT / f"{v.name}.scan.pdf").exists() for v in SCANNED)


@pytest.mark.parametrize("variant", RENDERED, ids=lambda v: v.name)
def test_each_variant_pdf_gives_exactly_its_scores(variant) -> None:
    _assert_gives_exactly_its_scores(variant, OUT / f"{variant.name}.pdf")


@pytest.mark.skipif(not tesseract_available(), reason="tesseract-ocr with Thai data is not installed")
@pytest.mark.parametrize("variant", SCANNED, ids=lambda v: v.name)
def test_each_scanned_variant_gives_exactly_its_scores(variant) -> None:
    # Kinnari's Thai digits, which Tesseract reads as letters (๙๙.๔๔ as `ฒัฒ.@๕๕`), are read
    # again by their glyphs; the marks it sets on lines of their own (`vy ๐` over ข้อคำถาม) are dropped.
    _assert_gives_exactly_its_scores(variant, OUT / f"{variant.name}.scan.pdf")


def _assert_gives_exactly_its_scores(variant, path: Path) -> None:
    rows = process_document(parse(Path(path.name), path.read_bytes()), "ef" * 32)
    scores = pd.DataFrame(rows["scores"])
    assert rows_of(scores) == variant.rows
    document = rows["documents"][0]
    assert document["score_check"] == variant.score_check
    if variant.overall_score is not None:
        assert document["overall_score"] == variant.overall_score
    assert scores["page"].notna().all()
    assert document["n_unread"] == len(rows["unread"]) == variant.unread  # every number accounted for
