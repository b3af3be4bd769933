"""Scores, findings and measures of the dev dumps: the values printed in them, and golden files.

Golden files (tests/golden/<doc>.<table>.json) hold every row; regenerate them with
`UPDATE_GOLDEN=1 make test` only after reading the diff against the documents.
"""

import datetime as dt
import json
import math
import os
import re

import pandas as pd
import pytest

from tests.conftest import DEV_TEXTS, GOLDEN

CONTENT_TABLES = ("scores", "findings", "measures")
DOC_000, DOC_002, DOC_003 = (p.name for p in DEV_TEXTS)


@pytest.fixture(scope="module")
def content(dev_output, documents) -> dict[str, pd.DataFrame]:
    paths = documents.set_index("doc_id")["source_path"]
    tables = {}
    for name in CONTENT_TABLES:
        frame = pd.read_parquet(dev_output / f"{name}.parquet")
        frame.insert(0, "source_path", frame["doc_id"].map(paths))
        tables[name] = frame
    return tables


def _rows(frame: pd.DataFrame, path: str) -> pd.DataFrame:
    return frame[frame["source_path"] == path]


def _scores(content, path: str, level: str) -> dict:
    frame = _rows(content["scores"], path)
    frame = frame[frame["level"] == level]
    key = "indicator" if level == "indicator" else "score_year_be"
    return dict(zip(frame[key].astype(int), frame["score"], strict=True))


def test_000_scores(content) -> None:
    assert _scores(content, DOC_000, "overall") == {2564: 50.02}
    assert _scores(content, DOC_000, "indicator") == {4: 67.16, 9: 62.56, 10: 11.17}


def test_000_measures_have_responsible_units_and_follow_up(content) -> None:
    measures = _rows(content["measures"], DOC_000)
    assert len(measures) == 5
    assert all(len(units) > 0 for units in measures["responsible"])
    assert measures["follow_up"].str.contains("รายงานความก้าวหน้า").all()
    # The OIT table prints its unit and follow-up once for three rows (a merged cell).
    assert [list(u) for u in measures["responsible"]][2:] == [["สำนักปลัด"]] * 3
    assert measures["tool"].tolist() == ["IIT", "EIT", "OIT", "OIT", "OIT"]


def test_000_findings(content) -> None:
    findings = _rows(content["findings"], DOC_000)
    assert len(findings) >= 3
    reported = findings[findings["kind"] == "finding"]
    assert reported["indicator"].tolist() == [4, 9, 10]
    assert (findings["kind"] == "recommendation").sum() == 7


def test_002_scores(content) -> None:
    assert _scores(content, DOC_002, "overall") == {2566: 95.75}
    assert _scores(content, DOC_002, "indicator") == {
        1: 97.44, 2: 94.03, 4: 92.87, 5: 94.05, 6: 89.31, 7: 92.29, 8: 91.55, 9: 100.0, 10: 100.0}


def test_002_measures_and_status(content) -> None:
    measures = _rows(content["measures"], DOC_002)
    assert len(measures) == 16
    numbered = measures[measures["seq"].notna()]
    assert numbered["seq"].astype(int).tolist() == [1, 2, 3, 4, 5, 6]
    assert measures[measures["indicator"].notna()]["indicator"].astype(int).tolist() == list(range(1, 11))
    assert (measures["status"] == "done").sum() == 7
    assert measures.loc[measures["status"] == "in_progress", "indicator"].tolist() == [8]
    assert measures.loc[measures["indicator"].isin([9, 10]), "status"].isna().all()
    assert set(measures["timeframe_raw"]) == {"ปีงบประมาณ 2566"}
    assert set(measures["period_start"]) == {dt.date(2022, 10, 1)}
    assert set(measures["period_end"]) == {dt.date(2023, 9, 30)}


def test_003_measures_one_per_area_with_codes(content) -> None:
    measures = _rows(content["measures"], DOC_003)
    areas = measures["issue_area"].astype(int)
    codes = {area: list(c) for area, c in zip(areas, measures["item_codes"], strict=True)}
    assert codes == {1: ["i1", "i2", "e1", "e2"], 2: ["e11", "e12"], 3: ["e6", "e7", "e8"], 4: ["i19", "i21"],
                     5: ["i7", "i8"], 6: ["i14"], 7: ["i27"]}
    assert measures["timeframe_raw"].tolist() == ["ไตรมาส 1"] + ["ไตรมาส 1-4"] * 6
    assert measures["period_start"].iloc[0] == dt.date(2022, 10, 1)
    assert measures["period_end"].iloc[0] == dt.date(2022, 12, 31)
    assert set(measures["period_end"].iloc[1:]) == {dt.date(2023, 9, 30)}


def test_003_each_measure_has_its_finding(content) -> None:
    findings = _rows(content["findings"], DOC_003)
    found = findings[findings["kind"] == "finding"]
    assert sorted(found["issue_area"].astype(int)) == [1, 2, 3, 4, 5, 6, 7]
    assert found["text"].str.len().min() > 40
    assert (findings["kind"] == "limitation").sum() == 1


def test_every_score_is_printed_in_its_source_text(content) -> None:
    for _, row in content["scores"].iterrows():
        printed = {float(n) for n in re.findall(r"\d+(?:\.\d+)?", row["source_text"])}
        assert row["score"] in printed, (row["source_text"], row["score"])


def test_every_number_of_the_dev_documents_is_accounted_for(dev_output, documents) -> None:
    assert pd.read_parquet(dev_output / "unread.parquet").empty
    assert (documents["n_unread"] == 0).all()


def test_counts_on_documents_match_the_tables(content, documents) -> None:
    for name, column in (("scores", "n_scores"), ("findings", "n_findings"), ("measures", "n_measures")):
        counts = content[name].groupby("source_path").size()
        assert documents[column].to_dict() == {p: counts.get(p, 0) for p in documents.index}


def _plain(value):
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None or value is pd.NaT:
        return None
    return value.item() if hasattr(value, "item") else value


@pytest.mark.parametrize("table", CONTENT_TABLES)
@pytest.mark.parametrize("path", DEV_TEXTS, ids=lambda p: p.stem)
def test_rows_match_golden(content, path, table: str) -> None:
    frame = _rows(content[table], path.name).drop(columns=["source_path", "doc_id"])
    actual = [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]
    golden = GOLDEN / f"{path.stem}.{table}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", "utf-8")
    assert actual == json.loads(golden.read_text("utf-8"))
