"""`ita_extract.extract`: the tables of a file or folder, for notebooks."""

from __future__ import annotations

import json
import shutil

import pyarrow as pa
import pyarrow.compute  # noqa: F401  (pa.compute)
import pytest

import ita_extract
from tests.conftest import DEV_TEXTS


def test_a_file_gives_pandas_tables_with_nullable_integers() -> None:
    tables = ita_extract.extract(DEV_TEXTS[0])
    assert set(tables) == {"documents", "pages", "scores", "findings", "measures", "errors", "unread",
                           "organisations", "panel"}
    scores = tables["scores"]
    assert str(scores["indicator"].dtype) == "Int8" and str(scores["page"].dtype) == "Int32"
    assert tables["documents"]["org_name"].tolist() == ["เทศบาลตำบลหนองเสม็ด"]
    assert sorted(scores["score"]) == [11.17, 50.02, 62.56, 67.16]


def test_a_folder_kept_in_out_is_reused_the_second_time(tmp_path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    for text in DEV_TEXTS:
        shutil.copy(text, raw / text.name)
    first = ita_extract.extract(raw, tmp_path / "out", backend="arrow")
    assert isinstance(first["measures"], pa.Table) and first["documents"].num_rows == len(DEV_TEXTS)
    assert (tmp_path / "out" / "report.html").exists()
    assert _inputs(tmp_path / "out")["extracted"] == len(DEV_TEXTS)
    (raw / "copy.txt").write_text(DEV_TEXTS[0].read_text("utf-8") + "\nฉบับสำเนา\n", "utf-8")
    second = ita_extract.extract(raw, tmp_path / "out", backend="arrow")  # one new file, the rest cached
    counts = _inputs(tmp_path / "out")
    assert (counts["extracted"], counts["reused"]) == (1, len(DEV_TEXTS))
    kept = second["scores"].filter(pa.compute.is_in(second["scores"]["doc_id"], first["documents"]["doc_id"]))
    assert kept.equals(first["scores"])
    ita_extract.extract(raw, tmp_path / "out", backend="arrow", force=True)
    assert _inputs(tmp_path / "out")["extracted"] == len(DEV_TEXTS) + 1  # force: nothing reused


def _inputs(out) -> dict:
    """The counts of inputs the last run in `out` recorded in its manifest."""
    return json.loads((out / "manifest.json").read_text("utf-8"))["inputs"]


def test_a_missing_path_is_an_error() -> None:
    with pytest.raises(FileNotFoundError):
        ita_extract.extract("no/such/folder")
