"""Each born-digital dev PDF gives the same documents row, scores and measures as its text twin."""


import pandas as pd
import pytest

from tests.conftest import CORPUS, DEV_TEXTS
from tests.pipeline.helpers import extract_beside_twins, repair_keeps_words

DEV = CORPUS / "dev"
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not DEV.is_dir(), reason="../shared/corpus/dev is not beside the project")]

DOCUMENT_COLUMNS = ["org_name", "org_type", "district", "province", "doc_type", "assessment_year_be",
                    "assessment_year_ce", "plan_year_be", "issued_date", "overall_score", "grade",
                    "grade_stated", "n_scores", "n_measures", "warnings"]
SCORE_COLUMNS = ["score_year_be", "level", "tool", "tool_part", "indicator", "sub_indicator", "item_code",
                 "score"]
MEASURE_COLUMNS = ["seq", "issue_area", "tool", "indicator", "item_codes", "responsible", "timeframe_raw",
                   "period_start", "period_end", "status"]


@pytest.fixture(scope="module")
def twins(tmp_path_factory) -> dict[str, pd.DataFrame]:
    return extract_beside_twins(tmp_path_factory.mktemp("twins"), tmp_path_factory.mktemp("twins-out"),
                                ".pdf")


def _records(frame: pd.DataFrame, stem: str, fmt: str, columns: list[str]) -> list[dict]:
    rows = frame[(frame["stem"] == stem) & (frame["source_format"] == fmt)][columns]
    return [{k: (v.tolist() if hasattr(v, "tolist") else v) for k, v in row.items()}
            for row in rows.astype(object).where(rows.notna(), None).to_dict("records")]


@pytest.mark.parametrize("text", DEV_TEXTS, ids=lambda p: p.stem)
def test_pdf_documents_row_equals_the_text_twin(twins, text) -> None:
    docs = twins["documents"]
    assert _records(docs, text.stem, "pdf", DOCUMENT_COLUMNS) == _records(docs, text.stem, "text",
                                                                           DOCUMENT_COLUMNS)
    pdf_row = docs[(docs["stem"] == text.stem) & (docs["source_format"] == "pdf")].iloc[0]
    assert pdf_row["text_source"] == "text_layer" and pdf_row["page_count"] > 1


@pytest.mark.parametrize("text", DEV_TEXTS, ids=lambda p: p.stem)
@pytest.mark.parametrize(("table", "columns"), [("scores", SCORE_COLUMNS), ("measures", MEASURE_COLUMNS)])
def test_pdf_content_equals_the_text_twin(twins, text, table, columns) -> None:
    frame = twins[table]
    pdf = _records(frame, text.stem, "pdf", columns)
    assert pdf == _records(frame, text.stem, "text", columns)
    assert pdf or table == "scores"


def test_pdf_scores_carry_their_page(twins) -> None:
    scores = twins["scores"]
    assert scores.loc[scores["source_format"] == "pdf", "page"].notna().all()
    assert scores.loc[scores["source_format"] == "text", "page"].isna().all()


@pytest.mark.parametrize("text", DEV_TEXTS, ids=lambda p: p.stem)
def test_pdf_pages_have_no_damaged_cluster_and_lose_no_words(twins, text) -> None:
    pages = twins["pages"]
    pages = pages[(pages["stem"] == text.stem) & (pages["source_format"] == "pdf")]
    assert pages["damaged_after"].sum() == 0 and len(pages) > 1
    extracted, raw = repair_keeps_words(pages, DEV / f"{text.stem}.pdf")
    assert extracted is not None and raw is not None and extracted >= raw, (extracted, raw)
