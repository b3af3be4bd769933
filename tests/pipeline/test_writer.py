import json

import pyarrow.parquet as pq
import pytest

from pipeline.schema import TABLES
from pipeline.writer import OutputLocked, SchemaError, output_lock, recover, write_dataset


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


def test_a_run_killed_before_its_commit_leaves_the_previous_dataset(tmp_path) -> None:
    write_dataset(tmp_path, {}, {"run_id": "good"})
    _staged(tmp_path, committed=False)
    recover(tmp_path)
    assert json.loads((tmp_path / "manifest.json").read_text())["run_id"] == "good"
    assert not (tmp_path / ".staging").exists()


def test_a_run_killed_during_its_commit_is_finished_by_the_next(tmp_path) -> None:
    write_dataset(tmp_path, {}, {"run_id": "good"})
    _staged(tmp_path, committed=True)
    recover(tmp_path)
    assert json.loads((tmp_path / "manifest.json").read_text())["run_id"] == "killed"
    assert not (tmp_path / ".staging").exists()


def test_the_lock_refuses_a_second_holder_and_frees_on_exit(tmp_path) -> None:
    refused = pytest.raises(OutputLocked, match="another ita-extract run is writing")
    with output_lock(tmp_path), refused, output_lock(tmp_path):
        pass
    with output_lock(tmp_path):  # released: the next run gets it
        pass
