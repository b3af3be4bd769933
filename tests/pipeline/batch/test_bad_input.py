"""Bad inputs become errors rows with clear messages; the other files are still extracted."""

import shutil

import pandas as pd
import pytest

from ita_extract.pipeline.batch.options import EXIT_SOME_FAILED
from ita_extract.pipeline.batch.run import run
from tests.conftest import GOLDEN, RAW

NOT_ITA = (
    "ประกาศองค์การบริหารส่วนตำบลไทรย้อย\n"
    "เรื่อง รับสมัครบุคคลเพื่อสรรหาเป็นพนักงานจ้างทั่วไป ประจำปีงบประมาณ พ.ศ. ๒๕๖๗\n"
    "ผู้สมัครต้องได้คะแนนไม่ต่ำกว่าร้อยละ ๖๐ ประกาศ ณ วันที่ ๕ มกราคม ๒๕๖๗\n"
)


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    shutil.copy(RAW / "002_21007bcb3eecaeca.txt", raw / "good.txt")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "junk.txt").write_bytes(bytes(range(256)) * 64)
    (raw / "legacy_tis620.txt").write_bytes(
        (RAW / "000_872eaddf2db1f446.txt").read_text("utf-8").encode("cp874"))
    (raw / "not_ita.txt").write_text(NOT_ITA, encoding="utf-8")
    (raw / "unreadable.txt").symlink_to(raw / "moved-away.txt")
    (raw / "scan.jpg").write_bytes(b"\xff\xd8\xff")
    out = tmp_path_factory.mktemp("out")
    summary = run(raw, out)
    tables = {name: pd.read_parquet(out / f"{name}.parquet")
              for name in ("documents", "errors", "scores")}
    return summary, tables


def test_exit_code_3_when_some_inputs_failed(bad_run) -> None:
    summary, _ = bad_run
    assert summary.exit_code == EXIT_SOME_FAILED
    counts = {k: summary.manifest["inputs"][k] for k in ("seen", "extracted", "reused", "failed")}
    assert counts == {"seen": 6, "extracted": 3, "reused": 0, "failed": 3}
    assert summary.manifest["inputs"]["skipped_unsupported"] == ["scan.jpg"]


def test_each_bad_file_has_a_clear_error_row(bad_run) -> None:
    _, tables = bad_run
    errors = tables["errors"].set_index("source_path")
    assert errors.loc["empty.txt", "error_type"] == "EmptyInput"
    assert errors.loc["junk.txt", "error_type"] == "BinaryInput"
    assert errors.loc["junk.txt", "stage"] == "decode"
    assert errors.loc["unreadable.txt", "error_type"] == "FileNotFoundError"
    assert errors.loc["unreadable.txt", "stage"] == "read"
    assert errors.loc["empty.txt", "source_sha256"] is not None
    assert all(errors["message"].str.len() > 5)


def test_good_files_are_still_extracted(bad_run) -> None:
    _, tables = bad_run
    documents = tables["documents"].set_index("source_path")
    assert documents.loc["good.txt", "overall_score"] == 95.75
    assert set(documents.index) == {"good.txt", "legacy_tis620.txt", "not_ita.txt"}


def test_tis620_file_reads_like_its_utf8_twin(bad_run) -> None:
    import json

    _, tables = bad_run
    row = tables["documents"].set_index("source_path").loc["legacy_tis620.txt"]
    golden = json.loads((GOLDEN / "000_872eaddf2db1f446.documents.json").read_text("utf-8"))
    for column in ("org_name", "district", "province", "doc_type", "assessment_year_be",
                   "plan_year_be", "overall_score", "grade"):
        assert row[column] == golden[column], column
    assert list(row["warnings"]) == ["decoded_as_tis620"]


def test_not_an_ita_document_gets_unknown_and_no_invented_values(bad_run) -> None:
    _, tables = bad_run
    row = tables["documents"].set_index("source_path").loc["not_ita.txt"]
    assert row["doc_type"] == "unknown"
    assert list(row["warnings"]) == ["not_ita_document"]
    for column in ("org_name", "assessment_year_be", "plan_year_be", "overall_score", "grade"):
        assert pd.isna(row[column]), column
    assert (tables["scores"]["doc_id"] != row["doc_id"]).all()
