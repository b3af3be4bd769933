"""The documents row of each dev dump equals its golden file (values read from the document)."""

import datetime as dt
import json
import math

import pandas as pd
import pytest

from tests.conftest import DEV_TEXTS, GOLDEN


def _plain(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NaT or value is pd.NA or value is None:
        return None
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value


@pytest.mark.parametrize("path", DEV_TEXTS, ids=lambda p: p.stem)
def test_documents_row_matches_golden(documents: pd.DataFrame, path) -> None:
    expected = json.loads((GOLDEN / f"{path.stem}.documents.json").read_text("utf-8"))
    row = documents.loc[path.name]
    actual = {column: _plain(row[column]) for column in expected}
    assert actual == expected


def test_doc_id_is_the_sha256_prefix(documents: pd.DataFrame) -> None:
    for _, row in documents.iterrows():
        assert row["doc_id"] == row["source_sha256"][:16]
        assert len(row["source_sha256"]) == 64
