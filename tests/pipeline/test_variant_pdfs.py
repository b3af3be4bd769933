"""The layout variants as Word-made PDFs (tests/variants_pdf, made by `make variants` through
../shared/tools/render_corpus.py): each gives exactly the rows of its text, tables broken
across pages included."""

import json
from pathlib import Path

import pandas as pd
import pytest

from ita_extract.pipeline.batch.unit import parse, process_document
from tests.pipeline.helpers import rows_of
from tests.render_variants import OUT, text_sha256
from tests.variants import variants

pytestmark = pytest.mark.slow

RENDERED = [v for v in variants() if v.renderable]
MANIFEST = json.loads((OUT / "manifest.json").read_text())


def test_every_renderable_variant_has_a_pdf_of_its_current_text() -> None:
    stale = [v.name for v in RENDERED if MANIFEST.get(v.name) != text_sha256(v.text)]
    assert not stale, f"PDFs older than their texts (run `make variants`): {stale}"
    assert len(RENDERED) >= 40


@pytest.mark.parametrize("variant", RENDERED, ids=lambda v: v.name)
def test_each_variant_pdf_gives_exactly_its_scores(variant) -> None:
    path = OUT / f"{variant.name}.pdf"
    data = path.read_bytes()
    rows = process_document(parse(Path(path.name), data), "ef" * 32)
    scores = pd.DataFrame(rows["scores"])
    assert rows_of(scores) == variant.rows
    document = rows["documents"][0]
    assert document["score_check"] == variant.score_check
    if variant.overall_score is not None:
        assert document["overall_score"] == variant.overall_score
    assert scores["page"].notna().all()
    assert document["n_unread"] == len(rows["unread"]) == variant.unread  # every number accounted for
