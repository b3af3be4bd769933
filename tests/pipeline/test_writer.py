import json
import os
import shutil
import threading

import pyarrow.parquet as pq
import pytest

from ita_extract.pipeline import writer
from ita_extract.pipeline.schema import TABLES
from ita_extract.pipeline.writer import (
    OutputLocked,
    SchemaError,
    output_lock,
    published_names,
    recover,
    sha256_file,
    write_dataset,
    write_documents,
)


def test_empty_tables_still_carry_the_schema(tmp_path) -> None:
    manifest = write_dataset(tmp_path, {}, {"run_id": "x"})
    for name, table in TABLES.items():
        written = pq.read_table(tmp_path / f"{name}.parquet")
        assert written.num_rows == 0
        assert written.schema.equals(table.arrow_schema())
    on_disk = json.loads((tmp_path / "manifest.json").read_text())
    assert on_disk == manifest
    assert set(on_disk["outputs"]) == {f"{n}.parquet" for n in TABLES}
    assert [p.name for p in (tmp_path / "runs").iterdir()] == ["run-000001"]  # nothing half-made left


def test_pandas_reads_nullable_integers_as_nullable_integers(tmp_path) -> None:
    """Regression: pandas read `page`, `indicator`, `seq` as float64 (a null made them NaN)."""
    import pandas as pd
    rows = [{"doc_id": "a" * 16, "level": "indicator", "indicator": 4, "score": 67.16, "page": None,
             "verification": "unverified"},
            {"doc_id": "a" * 16, "level": "overall", "indicator": None, "score": 50.02, "page": 3,
             "verification": "unverified"}]
    write_dataset(tmp_path, {"scores": rows}, {"run_id": "x"})
    scores = pd.read_parquet(tmp_path / "scores.parquet")
    assert {c: str(scores[c].dtype) for c in ("indicator", "page", "score_year_be", "score")} == \
        {"indicator": "Int8", "page": "Int32", "score_year_be": "Int16", "score": "float64"}
    assert scores["page"].isna().tolist() == [True, False] and scores["page"].iloc[1] == 3
    documents = pd.read_parquet(tmp_path / "documents.parquet")
    assert str(documents["n_scores"].dtype) == "int32"  # never null: a plain integer


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


class _Killed(BaseException):
    """Stands for kill -9 at one step of the commit: nothing after it runs."""


def _kill_at(monkeypatch, step: str) -> None:
    """Kill at the commit's call of `step` (the start of a write links the tables once too)."""
    owner, name = (writer.os, "rename") if step == "rename" else (writer, step)
    original, calls = getattr(owner, name), []
    spared = 1 if step == "_link_tables" else 0

    def killed(*args, **kwargs):
        calls.append(args)
        if len(calls) <= spared:
            return original(*args, **kwargs)
        raise _Killed(step)
    monkeypatch.setattr(owner, name, killed)


def _one_run(out) -> str:
    """The run_id every published file belongs to; fails when the files come from two runs."""
    manifest = json.loads((out / "manifest.json").read_text())
    for name, output in manifest["outputs"].items():
        assert sha256_file(out / name) == output["sha256"], f"{name} is not from run {manifest['run_id']}"
    return manifest["run_id"]


@pytest.mark.parametrize(("step", "seen_after"), [
    ("_durable", "good"), ("rename", "good"), ("_switch", "good"), ("_link_tables", "new"), ("_prune", "new"),
], ids=["before the manifest", "before the rename", "before the switch", "after the switch",
        "before old runs are removed"])
def test_a_kill_during_the_final_moves_never_shows_tables_of_two_runs(
        tmp_path, monkeypatch, step, seen_after) -> None:
    write_dataset(tmp_path, {"errors": [_error_row("old")]}, {"run_id": "good"})
    with monkeypatch.context() as patched:
        _kill_at(patched, step)
        with pytest.raises(_Killed):
            write_dataset(tmp_path, {"errors": [_error_row("new"), _error_row("newer")]}, {"run_id": "new"})
    assert _one_run(tmp_path) == seen_after  # what a reader sees before the next run
    recover(tmp_path)
    assert _one_run(tmp_path) == seen_after
    runs = sorted(p.name for p in (tmp_path / "runs").iterdir())
    assert runs == (["run-000001"] if seen_after == "good" else ["run-000001", "run-000002"])
    write_dataset(tmp_path, {}, {"run_id": "next"})
    assert _one_run(tmp_path) == "next"


def _error_row(message: str) -> dict:
    return {"source_path": "a", "stage": "read", "error_type": "X", "message": message}


def test_only_the_current_and_the_previous_runs_are_kept(tmp_path) -> None:
    for n in range(4):
        write_dataset(tmp_path, {}, {"run_id": f"r{n}"})
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == ["run-000003", "run-000004"]
    assert os.readlink(tmp_path / "current") == "runs/run-000004"
    assert os.readlink(tmp_path / "scores.parquet") == "current/scores.parquet"
    assert json.loads((tmp_path / "manifest.json").read_text())["run_folder"] == "runs/run-000004"
    write_dataset(tmp_path, {}, {"run_id": "r4"}, keep_runs=1)
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == ["run-000005"]


def test_a_reader_that_resolves_current_never_sees_tables_of_two_runs(tmp_path) -> None:
    write_dataset(tmp_path, {}, {"run_id": "r0"})
    stop, seen, mixed = threading.Event(), [], []

    def reader() -> None:
        while not stop.is_set():
            snapshot = (tmp_path / "current").resolve()
            try:
                manifest = json.loads((snapshot / "manifest.json").read_text())
                sums = {name: sha256_file(snapshot / name) for name in manifest["outputs"]}
            except FileNotFoundError:  # removed two runs later: documented, not a mix
                continue
            ok = all(sums[name] == out["sha256"] for name, out in manifest["outputs"].items())
            (seen if ok else mixed).append(manifest["run_id"])

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for n in range(1, 16):
            write_dataset(tmp_path, {"errors": [_error_row(str(i)) for i in range(n)]}, {"run_id": f"r{n}"},
                          keep_runs=3)
    finally:
        stop.set()
        thread.join()
    assert not mixed
    assert len(set(seen)) > 3  # the reader saw several runs go by, each whole


def test_a_dataset_of_the_older_flat_layout_becomes_links_through_current(tmp_path) -> None:
    for name in TABLES:
        (tmp_path / f"{name}.parquet").write_bytes(b"an older version's table")
    (tmp_path / "manifest.json").write_text('{"run_id": "flat"}')
    write_dataset(tmp_path, {}, {"run_id": "linked"})
    assert _one_run(tmp_path) == "linked"
    assert all((tmp_path / name).is_symlink() for name in published_names())


@pytest.mark.parametrize("journal", ['["../../victim.txt", "manifest.json"]', '["/etc/passwd"]',
                                     "not json", '{"manifest.json": 1}'],
                         ids=["a path out of OUT", "an absolute path", "a damaged journal", "not a list"])
def test_a_tampered_commit_journal_moves_nothing_outside_the_dataset(tmp_path, journal: str) -> None:
    """An older version's `.staging/COMMIT` (or a planted one) is thrown away unread."""
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
    assert {p.name for p in out.iterdir()} == {*published_names(), "runs", "current"}
    assert _one_run(out) == "good"


def test_planted_links_in_out_send_nothing_outside_it(tmp_path) -> None:
    out, victim = tmp_path / "out", tmp_path / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("keep me")
    write_dataset(out, {}, {"run_id": "good"})
    (out / "runs" / "run-000009").symlink_to(victim)  # would be pruned: a link is only unlinked
    (out / "current").unlink()
    (out / "current").symlink_to(victim)
    write_dataset(out, {}, {"run_id": "next"})
    shutil.rmtree(out / "runs")
    (out / "runs").symlink_to(victim)
    write_dataset(out, {}, {"run_id": "last"})
    assert [p.name for p in victim.iterdir()] == ["keep.txt"]
    assert (victim / "keep.txt").read_text() == "keep me"
    assert _one_run(out) == "last" and not (out / "runs").is_symlink()


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
    monkeypatch.setattr("ita_extract.pipeline.writer._ROW_GROUP_ROWS", 3)  # many row groups
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
    assert [p.name for p in (tmp_path / "runs").iterdir()] == ["run-000001"]


def test_a_lock_file_planted_as_a_symlink_truncates_nothing(tmp_path) -> None:
    victim = tmp_path / "bashrc"
    victim.write_text("keep me")
    out = tmp_path / "out"
    out.mkdir()
    (out / ".lock").symlink_to(victim)
    with output_lock(out):
        pass
    assert victim.read_text() == "keep me"
    assert not (out / ".lock").is_symlink()
