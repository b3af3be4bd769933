import json

import pyarrow.parquet as pq
import pytest

from pipeline.schema import TABLES
from pipeline.writer import OutputLocked, SchemaError, output_lock, recover, write_dataset, write_documents


def test_empty_tables_still_carry_the_schema(tmp_path) -> None:
    manifest = write_dataset(tmp_path, {}, {"run_id": "x"})
    for name, table in TABLES.items():
        written = pq.read_table(tmp_path / f"{name}.parquet")
        assert written.num_rows == 0
        assert written.schema.equals(table.arrow_schema())
    on_disk = json.loads((tmp_path / "manifest.json").read_text())
    assert on_disk == manifest
    assert set(on_disk["outputs"]) == {f"{n}.parquet" for n in TABLES}
    assert not list(tmp_path.glob(".*tmp*")) and not (tmp_path / ".staging").exists()


def test_unknown_column_fails_naming_table_and_document(tmp_path) -> None:
    with pytest.raises(SchemaError, match=r"errors: unknown column.*bogus"):
        write_dataset(tmp_path, {"errors": [{"source_path": "a", "stage": "read",
                                             "error_type": "X", "message": "m", "bogus": 1}]}, {})


def test_ill_typed_value_fails_naming_the_column(tmp_path) -> None:
    row = {"doc_id": "abc", "page": "one", "text": "", "text_source": "plain_text"}
    with pytest.raises(SchemaError, match=r"pages\.page.*doc_id=abc"):
        write_dataset(tmp_path, {"pages": [row]}, {})


def test_required_column_null_fails(tmp_path) -> None:
    with pytest.raises(SchemaError, match=r"errors\.message: null"):
        write_dataset(tmp_path, {"errors": [{"source_path": "a", "stage": "read",
                                             "error_type": "X", "message": None}]}, {})


def test_failed_write_keeps_the_previous_dataset(tmp_path) -> None:
    write_dataset(tmp_path, {"errors": [{"source_path": "a", "stage": "read",
                                         "error_type": "X", "message": "m"}]}, {})
    with pytest.raises(SchemaError):
        write_dataset(tmp_path, {"errors": [{"source_path": None, "stage": "read",
                                             "error_type": "X", "message": "m"}]}, {})
    assert pq.read_table(tmp_path / "errors.parquet").num_rows == 1


def _staged(out, *, committed: bool) -> None:
    """The state a run killed during its commit leaves: new files staged, COMMIT or not."""
    staging = out / ".staging"
    staging.mkdir()
    (staging / "manifest.json").write_text('{"run_id": "killed"}')
    if committed:
        (staging / "COMMIT").write_text('["manifest.json"]')


@pytest.mark.parametrize(("committed", "run_id"), [(False, "good"), (True, "killed")],
                         ids=["killed before its commit: previous dataset kept",
                              "killed during its commit: finished by the next run"])
def test_recover_after_a_killed_run(tmp_path, committed, run_id) -> None:
    write_dataset(tmp_path, {}, {"run_id": "good"})
    _staged(tmp_path, committed=committed)
    recover(tmp_path)
    assert json.loads((tmp_path / "manifest.json").read_text())["run_id"] == run_id
    assert not (tmp_path / ".staging").exists()


def test_the_lock_refuses_a_second_holder_and_frees_on_exit(tmp_path) -> None:
    refused = pytest.raises(OutputLocked, match="another ita-extract run is writing")
    with output_lock(tmp_path), refused, output_lock(tmp_path):
        pass
    with output_lock(tmp_path):  # released: the next run gets it
        pass


def _document_rows(doc: int) -> dict:
    doc_id = f"{doc:016x}"
    return {"documents": [{"doc_id": doc_id, "source_path": f"z{doc}.txt", "source_sha256": doc_id * 4,
                           "source_format": "text", "text_source": "plain_text", "doc_type": "unknown",
                           "n_scores": 0, "n_findings": 0, "n_measures": 0, "parser_version": "t"}],
            "pages": [{"doc_id": doc_id, "page": p, "text": "ข้อความ" * 50, "text_source": "plain_text"}
                      for p in (2, 1)]}


def test_streamed_chunks_give_the_same_tables_as_one_batch(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr("pipeline.writer._ROW_GROUP_ROWS", 3)  # many row groups
    docs = [_document_rows(doc) for doc in range(10)]
    write_documents(tmp_path / "streamed", docs, lambda: {})
    whole = {name: [row for doc in docs for row in doc[name]] for name in ("documents", "pages")}
    write_dataset(tmp_path / "whole", whole, {})
    for name in ("documents", "pages"):
        streamed = pq.read_table(tmp_path / "streamed" / f"{name}.parquet")
        assert streamed.equals(pq.read_table(tmp_path / "whole" / f"{name}.parquet"))
    assert pq.ParquetFile(tmp_path / "streamed" / "pages.parquet").num_row_groups > 1
    pages = pq.read_table(tmp_path / "streamed" / "pages.parquet").to_pylist()
    assert [(p["doc_id"][-1], p["page"]) for p in pages[:3]] == [("0", 1), ("0", 2), ("1", 1)]


def test_chunks_out_of_doc_order_fail_and_leave_the_previous_dataset(tmp_path) -> None:
    write_dataset(tmp_path, _document_rows(1), {"run_id": "good"})
    with pytest.raises(SchemaError, match="chunks must come in doc_id order"):
        write_documents(tmp_path, [_document_rows(2), _document_rows(1)], lambda: {})
    assert json.loads((tmp_path / "manifest.json").read_text())["run_id"] == "good"
    assert not (tmp_path / ".staging").exists()


@pytest.mark.parametrize("journal", ['["../../victim.txt", "manifest.json"]', '["/etc/passwd"]',
                                     "not json", '{"manifest.json": 1}'],
                         ids=["a path out of OUT", "an absolute path", "a damaged journal", "not a list"])
def test_a_tampered_commit_journal_moves_nothing_outside_the_dataset(tmp_path, journal: str) -> None:
    out = tmp_path / "out"
    write_dataset(out, {}, {"run_id": "good"})
    staging = out / ".staging"
    staging.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (staging / "manifest.json").write_text('{"run_id": "staged"}')
    (staging / "COMMIT").write_text(journal)
    recover(out)
    assert victim.read_text() == "keep me"
    assert not (out / ".staging").exists()
    assert {p.name for p in out.iterdir()} == {f"{t}.parquet" for t in TABLES} | {"manifest.json"}
    expected = "staged" if "manifest.json" in journal and journal.startswith("[") else "good"
    assert json.loads((out / "manifest.json").read_text())["run_id"] == expected
