"""The single writer: the contract's tables, streamed from validated chunks, committed as a run;
and the validation every row passes once on its way there."""

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from ita_extract.pipeline.dataset.lookups import lookup_names
from ita_extract.pipeline.dataset.schema import TABLES
from ita_extract.pipeline.dataset.validation import SchemaError, validated
from ita_extract.pipeline.dataset.writer import write_documents
from tests.conftest import DEV_TEXTS

LOOKUPS = lookup_names()


def write(out: Path, rows: dict, manifest: dict, **options) -> dict:
    """One document's rows, validated as the run validates them, written as a run."""
    return write_documents(out, [validated(rows)], lambda: manifest, **options)


def test_empty_tables_still_carry_the_schema(tmp_path) -> None:
    manifest = write(tmp_path, {}, {"run_id": "x"})
    for name, table in TABLES.items():
        written = pq.read_table(tmp_path / f"{name}.parquet")
        assert written.num_rows == 0
        assert written.schema.equals(table.arrow_schema())
    on_disk = json.loads((tmp_path / "manifest.json").read_text())
    assert on_disk == manifest
    assert set(on_disk["outputs"]) == {f"{n}.parquet" for n in TABLES} | {
        f"lookup_{n}.parquet" for n in LOOKUPS}
    for name in LOOKUPS:  # the code tables beside the data, each row with its source
        lookup = pq.read_table(tmp_path / f"lookup_{name}.parquet")
        assert lookup.num_rows > 0 and lookup.column("source").null_count == 0
    assert [p.name for p in (tmp_path / "runs").iterdir()] == ["run-000001"]  # nothing half-made left


def test_pandas_reads_nullable_integers_as_nullable_integers(tmp_path) -> None:
    """Regression: pandas read `page`, `indicator`, `seq` as float64 (a null made them NaN)."""
    import pandas as pd
    rows = [{"doc_id": "a" * 16, "level": "indicator", "indicator": 4, "score": 67.16, "page": None,
             "verification": "unverified"},
            {"doc_id": "a" * 16, "level": "overall", "indicator": None, "score": 50.02, "page": 3,
             "verification": "unverified"}]
    write(tmp_path, {"scores": rows}, {"run_id": "x"})
    scores = pd.read_parquet(tmp_path / "scores.parquet")
    assert {c: str(scores[c].dtype) for c in ("indicator", "page", "score_year_be", "score")} == \
        {"indicator": "Int8", "page": "Int32", "score_year_be": "Int16", "score": "float64"}
    assert scores["page"].isna().tolist() == [True, False] and scores["page"].iloc[1] == 3
    documents = pd.read_parquet(tmp_path / "documents.parquet")
    assert str(documents["n_scores"].dtype) == "int32"  # never null: a plain integer


def test_unknown_column_fails_naming_table_and_document(tmp_path) -> None:
    with pytest.raises(SchemaError, match=r"errors: unknown column.*bogus"):
        write(tmp_path, {"errors": [{"source_path": "a", "stage": "read",
                                             "error_type": "X", "message": "m", "bogus": 1}]}, {})


def test_ill_typed_value_fails_naming_the_column(tmp_path) -> None:
    row = {"doc_id": "abc", "page": "one", "text": "", "text_source": "plain_text"}
    with pytest.raises(SchemaError, match=r"pages\.page.*doc_id=abc"):
        write(tmp_path, {"pages": [row]}, {})


def test_required_column_null_fails(tmp_path) -> None:
    with pytest.raises(SchemaError, match=r"errors\.message: null"):
        write(tmp_path, {"errors": [{"source_path": "a", "stage": "read",
                                             "error_type": "X", "message": None}]}, {})


def test_failed_write_keeps_the_previous_dataset(tmp_path) -> None:
    write(tmp_path, {"errors": [{"source_path": "a", "stage": "read",
                                         "error_type": "X", "message": "m"}]}, {})
    with pytest.raises(SchemaError):
        write(tmp_path, {"errors": [{"source_path": None, "stage": "read",
                                             "error_type": "X", "message": "m"}]}, {})
    assert pq.read_table(tmp_path / "errors.parquet").num_rows == 1


def _document_rows(doc: int) -> dict:
    doc_id = f"{doc:016x}"
    return {"documents": [{"doc_id": doc_id, "source_path": f"z{doc}.txt", "source_sha256": doc_id * 4,
                           "source_format": "text", "text_source": "plain_text", "doc_type": "unknown",
                           "n_scores": 0, "n_findings": 0, "n_measures": 0, "n_unread": 0,
                           "parser_version": "t"}],
            "pages": [{"doc_id": doc_id, "page": p, "text": "ข้อความ" * 50, "text_source": "plain_text"}
                      for p in (2, 1)]}


def test_streamed_chunks_give_the_same_tables_as_one_batch(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr("ita_extract.pipeline.dataset.writer._ROW_GROUP_ROWS", 3)  # many row groups
    docs = [_document_rows(doc) for doc in range(10)]
    write_documents(tmp_path / "streamed", [validated(doc) for doc in docs], lambda: {})
    whole = {name: [row for doc in docs for row in doc[name]] for name in ("documents", "pages")}
    write(tmp_path / "whole", whole, {})
    for name in ("documents", "pages"):
        streamed = pq.read_table(tmp_path / "streamed" / f"{name}.parquet")
        assert streamed.equals(pq.read_table(tmp_path / "whole" / f"{name}.parquet"))
    assert pq.ParquetFile(tmp_path / "streamed" / "pages.parquet").num_row_groups > 1
    pages = pq.read_table(tmp_path / "streamed" / "pages.parquet").to_pylist()
    assert [(p["doc_id"][-1], p["page"]) for p in pages[:3]] == [("0", 1), ("0", 2), ("1", 1)]


def test_chunks_out_of_doc_order_fail_and_leave_the_previous_dataset(tmp_path) -> None:
    write(tmp_path, _document_rows(1), {"run_id": "good"})
    with pytest.raises(SchemaError, match="chunks must come in doc_id order"):
        write_documents(tmp_path, [validated(_document_rows(2)), validated(_document_rows(1))], lambda: {})
    assert json.loads((tmp_path / "manifest.json").read_text())["run_id"] == "good"
    assert [p.name for p in (tmp_path / "runs").iterdir()] == ["run-000001"]




@pytest.mark.parametrize(("table", "row"), [
    ("scores", {"doc_id": "a" * 16, "level": "overall", "score": 100.5, "verification": "unverified"}),
    ("documents", {"doc_id": "a" * 16, "source_path": "x", "source_sha256": "a" * 64, "source_format": "text",
                   "doc_type": "analysis", "n_scores": 0, "n_findings": 0, "n_measures": 0, "n_unread": 0,
                   "parser_version": "1", "overall_score": -0.5}),
], ids=["a score", "an overall score"])
def test_a_score_outside_0_to_100_fails(table: str, row: dict) -> None:
    with pytest.raises(SchemaError, match="outside"):
        validated({table: [row]})


@pytest.mark.parametrize("rows", [[], {"scores": "not rows"}, {"scores": [1, 2]}, {"nonsense": []}],
                         ids=["a list", "a string for rows", "numbers for rows", "an unknown table"])
def test_what_is_not_a_documents_rows_fails_as_a_schema_error(rows) -> None:
    with pytest.raises(SchemaError):
        validated(rows)


def test_the_writer_takes_only_tables_the_validation_made(tmp_path) -> None:
    import pyarrow as pa
    with pytest.raises(SchemaError, match="not made by the validation"):
        write_documents(tmp_path, [{"errors": pa.table({"source_path": ["a"]})}], lambda: {})


def test_measures_and_findings_name_their_organisation() -> None:
    """Regression (issue 27): measures and findings had org_id but no org_name."""
    import ita_extract

    seen = 0
    for text in DEV_TEXTS:
        tables = ita_extract.extract(text)
        (org_name,) = tables["documents"]["org_name"]
        for name in ("measures", "findings"):
            assert set(tables[name]["org_name"]) <= {org_name}
            seen += len(tables[name])
    assert seen > 20
