"""`ita_extract.extract`: the tables of a file or folder, for notebooks."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest

import ita_extract
from tests.conftest import DEV_TEXTS


def test_a_file_gives_pandas_tables_with_nullable_integers() -> None:
    tables = ita_extract.extract(DEV_TEXTS[0])
    assert set(tables) == {"documents", "pages", "scores", "findings", "measures", "errors"}
    scores = tables["scores"]
    assert str(scores["indicator"].dtype) == "Int8" and str(scores["page"].dtype) == "Int32"
    assert tables["documents"]["org_name"].tolist() == ["เทศบาลตำบลหนองเสม็ด"]
    assert sorted(scores["score"]) == [11.17, 50.02, 62.56, 67.16]


def test_a_folder_kept_in_out_is_reused_the_second_time(tmp_path) -> None:
    first = ita_extract.extract(DEV_TEXTS[0].parent, tmp_path, backend="arrow")
    assert isinstance(first["measures"], pa.Table) and first["documents"].num_rows == len(DEV_TEXTS)
    assert (tmp_path / "report.html").exists()
    assert _inputs(tmp_path)["extracted"] == len(DEV_TEXTS)
    second = ita_extract.extract(DEV_TEXTS[0].parent, tmp_path, backend="arrow", force=False)
    assert (_inputs(tmp_path)["extracted"], _inputs(tmp_path)["reused"]) == (0, len(DEV_TEXTS))
    assert second["scores"].equals(first["scores"])
    ita_extract.extract(DEV_TEXTS[0].parent, tmp_path, backend="arrow", force=True)
    assert _inputs(tmp_path)["extracted"] == len(DEV_TEXTS)  # force: nothing reused


def _inputs(out) -> dict:
    """The counts of inputs the last run in `out` recorded in its manifest."""
    return json.loads((out / "manifest.json").read_text("utf-8"))["inputs"]


def test_a_missing_path_is_an_error() -> None:
    with pytest.raises(FileNotFoundError):
        ita_extract.extract("no/such/folder")
