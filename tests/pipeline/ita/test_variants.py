"""The dev documents' scores printed in other layouts (tests/variants.py): every variant gives
exactly its scores; complete hierarchies come out verified; one altered value comes out
`conflict` on exactly the rows of the rule it breaks."""

from pathlib import Path

import pandas as pd
import pytest

from ita_extract.pipeline.batch.unit import parse, process_document
from tests.pipeline.helpers import rows_of
from tests.variants import FORMS, variants

VARIANTS = variants()


def extract_variant(text: str, name: str) -> dict[str, pd.DataFrame]:
    data = text.encode("utf-8")
    rows = process_document(parse(Path(name), data), "cd" * 32)
    return {table: pd.DataFrame(values) for table, values in rows.items()}


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.name)
def test_each_variant_gives_exactly_its_scores_and_their_verification(variant) -> None:
    tables = extract_variant(variant.text, f"{variant.name}{variant.suffix}")
    assert rows_of(tables["scores"]) == variant.rows
    document = tables["documents"].iloc[0]
    assert document["score_check"] == variant.score_check
    if variant.overall_score is not None:
        assert document["overall_score"] == variant.overall_score
    assert document["n_unread"] == len(tables["unread"]) == variant.unread  # every number accounted for


def test_the_variants_cover_the_forms_and_their_breadth() -> None:
    assert len(FORMS) >= 12
    assert {v.form for v in VARIANTS} == {"md", "html", "tsv"}
    complete = [v for v in VARIANTS if v.score_check == "consistent"]
    altered = [v for v in VARIANTS if v.name.endswith("-altered")]
    assert len(complete) >= 20 and len(altered) >= 20
    assert all(v.score_check == "conflicting" for v in altered)
