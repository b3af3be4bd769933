"""From files to organisations (contract 3): one organisation and one panel row per subject
whatever the formats a document comes in, and statuses exactly where they belong when several
documents of one organisation print its scores."""

import shutil

import duckdb
import pandas as pd
import pytest

from ita_extract.pipeline.batch.run import run
from ita_extract.pipeline.dataset.export import export
from tests.conftest import CORPUS, DEV_TEXTS
from tests.organisations import archive

SUBJECT = ["score_year_be", "level", "tool", "tool_part", "indicator", "sub_indicator", "item_code"]


@pytest.fixture(scope="module")
def several(tmp_path_factory):
    fixture = archive()
    raw = tmp_path_factory.mktemp("raw")
    for name, text in fixture.files.items():
        (raw / name).write_text(text, "utf-8")
    out = tmp_path_factory.mktemp("out")
    assert run(raw, out).exit_code == 0
    return fixture, out


def _table(out, name: str) -> pd.DataFrame:
    return pd.read_parquet(out / f"{name}.parquet")


def test_several_documents_of_one_organisation_are_one_organisation(several) -> None:
    _, out = several
    organisations = _table(out, "organisations")
    assert len(organisations) == 1
    org = organisations.iloc[0]
    assert (org["org_name"], org["district"], org["province"]) == ("เทศบาลตำบลหนองเสม็ด", "เมืองตราด", "ตราด")
    assert set(org["name_variants"]) == {"เทศบาลตำบลหนองเสม็ด", "ทต.หนองเสม็ด", "เทศบาลตำบลหนอง"}
    assert org["n_documents"] == 3  # the analysis and its re-typed copy are one edition
    documents = _table(out, "documents").set_index("source_path")
    assert documents["org_id"].nunique() == 1
    assert documents.loc["analysis.txt", "edition_id"] == documents.loc["analysis-copy.txt", "edition_id"]
    assert documents["edition_id"].nunique() == 3
    for name in ("scores", "findings", "measures"):
        assert set(_table(out, name)["org_id"].dropna()) <= {org["org_id"]}


def test_the_panel_says_agreed_single_and_conflict_exactly_where_they_belong(several) -> None:
    fixture, out = several
    panel = _table(out, "panel")
    assert not panel.duplicated(subset=["org_id", *SUBJECT]).any()
    statuses = {(int(r.score_year_be), r.level, None if pd.isna(r.indicator) else int(r.indicator)): r.status
                for r in panel.itertuples()}
    expected = {key: fixture.expected_status(key[0], key[1], key[2]) for key in statuses}
    assert statuses == expected
    assert sorted(statuses.values()).count("agreed") == 1 and list(statuses.values()).count("conflict") == 1
    conflict = panel[panel["status"] == "conflict"].iloc[0]
    assert list(conflict["values"]) == sorted([fixture.altered, fixture.hierarchy.value(("indicator", 4))])
    assert conflict["score"] == fixture.hierarchy.value(("indicator", 4))  # the analysis of its own year
    assert conflict["verification"] == "verified" and conflict["n_documents"] == 2
    overall = panel[(panel["level"] == "overall") & (panel["score_year_be"] == fixture.year)].iloc[0]
    assert (overall["status"], overall["n_documents"], overall["score"]) == ("agreed", 2, 50.02)


def test_duckdb_answers_the_overall_score_by_organisation_and_year_in_one_select(several) -> None:
    fixture, out = several
    database = export(out, "duckdb")
    con = duckdb.connect(str(database), read_only=True)
    rows = con.execute("SELECT org_name, score_year_be, score, status, n_documents FROM overall_by_org_year "
                       "ORDER BY score_year_be").fetchall()
    assert rows == [("เทศบาลตำบลหนองเสม็ด", fixture.year, 50.02, "agreed", 2),
                    ("เทศบาลตำบลหนองเสม็ด", fixture.year + 1, fixture.next_overall, "single", 1)]
    wide = con.execute("SELECT indicator_4, indicator_10 FROM indicators_by_org_year "
                       "WHERE score_year_be = ?", [fixture.year]).fetchall()
    assert wide == [(fixture.hierarchy.value(("indicator", 4)), fixture.hierarchy.value(("indicator", 10)))]
    coverage = con.execute("SELECT has_overall, n_indicators FROM coverage ORDER BY score_year_be").fetchall()
    assert coverage == [(True, 10), (True, 0)]


@pytest.mark.slow
@pytest.mark.skipif(not (CORPUS / "dev").is_dir(), reason="../shared/corpus/dev is not beside the project")
def test_the_dev_documents_in_three_formats_are_one_organisation_and_one_edition_each(tmp_path) -> None:
    from ita_extract.parsers.tesseract import tesseract_available

    raw = tmp_path / "raw"
    raw.mkdir()
    suffixes = [".pdf", ".scan.pdf"] if tesseract_available() else [".pdf"]
    for text in DEV_TEXTS:
        shutil.copy(text, raw / text.name)
        for suffix in suffixes:
            shutil.copy(CORPUS / "dev" / f"{text.stem}{suffix}", raw / f"{text.stem}{suffix}")
    out = tmp_path / "out"
    assert run(raw, out).exit_code == 0
    documents = _table(out, "documents")
    assert len(documents) == len(DEV_TEXTS) * (1 + len(suffixes))
    assert documents["org_id"].nunique() == len(_table(out, "organisations")) == len(DEV_TEXTS)
    assert documents["edition_id"].nunique() == len(DEV_TEXTS)
    assert set(_table(out, "organisations")["n_documents"]) == {1}
    panel = _table(out, "panel")
    assert not panel.duplicated(subset=["org_id", *SUBJECT]).any()
    assert set(panel["n_documents"]) == {1} and set(panel["status"]) == {"single"}
    scores = _table(out, "scores")
    printed = scores.groupby(["org_id", "score_year_be", "level", "indicator"], dropna=False).ngroups
    assert len(panel) == printed  # one row per subject the documents print
    # Every number of the text and PDF forms is accounted for; a scan's OCR noise may be a lead.
    born = documents[~documents["source_path"].str.endswith(".scan.pdf")]
    assert (born["n_unread"] == 0).all()
    unread = _table(out, "unread")
    assert set(unread["doc_id"]) <= set(documents.loc[documents["n_unread"] > 0, "doc_id"])
    assert len(unread) == documents["n_unread"].sum()


def test_the_report_names_the_documents_of_a_conflict(several) -> None:
    _, out = several
    report = (out / "report.html").read_text("utf-8")
    assert "Documents that disagree" in report
    section = report[report.index("Documents that disagree"):]
    section = section[:section.index("</table>")]
    assert "indicator 4" in section and "analysis.txt" in section and "report.txt" in section
    assert "plan.txt" not in section  # it agrees
