"""Document metadata recognised from small texts built of real phrasings."""

import datetime as dt

import pytest

from ita_extract.parsers.text import parse_text
from ita_extract.pipeline.batch.unit import process_document
from ita_extract.pipeline.ita.lines import DocumentLines
from ita_extract.pipeline.ita.metadata import read_metadata
from tests.pipeline.helpers import extract


def _meta(text: str):
    return read_metadata(DocumentLines(parse_text(text)).all)


def test_abbreviated_org_type_is_expanded() -> None:
    meta = _meta("การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๖\n"
                 "อบต.โสกก่าม อำเภอเซกา จังหวัดบึงกาฬ\n")
    assert meta.doc_type == "analysis"
    assert (meta.org_name, meta.org_type) == ("องค์การบริหารส่วนตำบลโสกก่าม", "องค์การบริหารส่วนตำบล")
    assert (meta.district, meta.province) == ("เซกา", "บึงกาฬ")
    assert meta.assessment_year_be == 2566


def test_issued_date_and_years_by_their_cues() -> None:
    meta = _meta(
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ในปีงบประมาณ พ.ศ. ๒๕๖๙\n\n"
        "ผลการประเมิน ITA ของเทศบาลเมืองบ้านบึง ประจำปี ๒๕๖๘ ได้รับผลการประเมิน ITA ๘๐.๖๑ คะแนน\n\n"
        "ประกาศ ณ วันที่ ๕ มกราคม ๒๕๖๙\n"
    )
    assert meta.doc_type == "measures"
    assert (meta.org_name, meta.org_type) == ("เทศบาลเมืองบ้านบึง", "เทศบาลเมือง")
    assert (meta.assessment_year_be, meta.plan_year_be) == (2568, 2569)
    assert meta.issued_date == dt.date(2026, 1, 5)
    assert meta.district is None and meta.province is None


def test_stated_grade_that_disagrees_with_the_score_is_flagged() -> None:
    text = ("รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส\n\n"
            "ผลการประเมิน ITA ของเทศบาลนครตรัง ประจำปี ๒๕๖๖ มีผลคะแนนเท่ากับ ๘๐.๖๑ คะแนน อยู่ในระดับ A\n")
    rows = process_document(parse_text(text), "0" * 64)
    (doc,) = rows["documents"]
    assert doc["doc_type"] == "measures_report"
    assert (doc["overall_score"], doc["grade"], doc["grade_stated"]) == (80.61, "B", "A")
    assert doc["warnings"] == ["grade_mismatch", "measures_unread"]  # a report on measures without one
    (score,) = rows["scores"]
    assert "80.61" in score["source_text"] and score["page"] is None


def test_indicator_score_is_not_taken_for_the_overall_score() -> None:
    text = ("แนวทางการนำผลการประเมินไปปรับปรุง ประจำปี ๒๕๖๕\n\n"
            "ด้าน IIT พบว่า ผลคะแนนของตัวชี้วัดด้าน การใช้ทรัพย์สินของราชการ มีค่าต่ำสุด เท่ากับ ๖๗.๑๖\n")
    (doc,) = process_document(parse_text(text), "0" * 64)["documents"]
    assert doc["overall_score"] is None


def test_a_year_ita_never_had_is_never_a_document_year() -> None:
    """OCR reads ๒๕๖๕ as ๒๕๐๕: no assessment or plan year rather than a wrong one."""
    title = ("แนวทางการนำผลการประเมินไปดำเนินการปรับปรุงและพัฒนา ในปีงบประมาณ พ.ศ. ๒๕๐๕\n"
             "ผลการประเมินคุณธรรมและความโปร่งใส ประจำปี ๒๕๖๔ มีผลคะแนนเท่ากับ ๕๐.๐๒\n\n")
    row = extract("", title=title)["documents"].iloc[0]
    assert (row["assessment_year_be"], row["plan_year_be"]) == (2564, None)
    assert "implausible_year" in row["warnings"]


def test_a_year_whose_cue_ends_the_line_before_takes_its_role() -> None:
    """An OCR'd or text-layer sentence wrapped at a line's end: the cue (ผลการประเมิน) on one
    line, its year on the next (the 000 scan)."""
    meta = _meta("แนวทางการนำผลการประเมินไปดำเนินการปรับปรุงและพัฒนา ในปีงบประมาณ พ.ศ. ๒๕๖๕\n"
                 "ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของเทศบาลตำบล\n"
                 "หนองเสม็ดประจำปี ๒๕๖๔ มีผลคะแนนเท่ากับร้อยละ ๕๐.๐๒ คะแนน\n")
    assert (meta.assessment_year_be, meta.plan_year_be) == (2564, 2565)


def test_a_cue_on_the_years_own_line_wins_over_the_line_before() -> None:
    meta = _meta("ผลการประเมินคุณธรรมและความโปร่งใส ของเทศบาลตำบลหนองเสม็ด\n"
                 "มาตรการส่งเสริมคุณธรรม ในปีงบประมาณ ๒๕๖๕\n")
    assert (meta.assessment_year_be, meta.plan_year_be) == (None, 2565)


@pytest.mark.parametrize("title", [
    "การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส",
    "รายงานการวิเคราะห์ผลการประเมิน ITA",
    # regression: these titles left a document of scores `not_ita_document`, every score lost
    "รายงานผลการวิเคราะห์การประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน (ITA)",
    "ผลการวิเคราะห์การประเมินคุณธรรมและความโปร่งใส",
    "การวิเคราะห์ผลคะแนนการประเมิน ITA",
    "วิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส",
    "การวิเคราะห์ผล ITA",
    # regression (a probe): an agency's own score card, titled by its results alone
    "ผลการประเมินคุณธรรมและความโปร่งใส (ITA)",
    "สรุปผลการประเมิน ITA",
])
def test_the_titles_of_an_analysis(title: str) -> None:
    assert _meta(f"{title} ประจำปีงบประมาณ พ.ศ. 2566\nเทศบาลตำบลหนองบัว\n").doc_type == "analysis"


def test_the_results_of_every_local_government_of_a_province_are_a_results_list() -> None:
    meta = _meta("ผลการประเมิน ITA ขององค์กรปกครองส่วนท้องถิ่นในจังหวัดชลบุรี ประจำปีงบประมาณ พ.ศ. 2566\n")
    assert meta.doc_type == "results"


def test_an_analysis_of_something_else_is_not_an_analysis_of_itas_results() -> None:
    meta = _meta("รายงานผลการวิเคราะห์การจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2566 (ITA)\n")
    assert meta.doc_type != "analysis"


@pytest.mark.parametrize(("title", "kind"), [
    # regression: a Word-made PDF's text layer spaces the words of a title; such a report was
    # not_ita_document (its evidence, คุณธรรมและความโปร่งใส, was printed `คุณธรรม และ ความโปร่งใส`)
    ("รายงานผลการดำเนินการตามมาตรการส่งเสริม คุณธรรม และ ความโปร่งใสภายในหน่วยงาน", "measures_report"),
    ("มาตรการส่งเสริม คุณธรรม และ ความโปร่งใส ภายในหน่วยงาน", "measures"),
    ("การวิเคราะห์ ผลการประเมิน คุณธรรม และ ความโปร่งใส", "analysis"),
])
def test_a_title_whose_words_a_text_layer_spaced(title: str, kind: str) -> None:
    assert _meta(f"{title} ประจำปีงบประมาณ พ.ศ. 2567\nเทศบาลตำบลท่าช้าง\n").doc_type == kind


_ANALYSIS_2568 = ("รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)\n"
                  "ประจำปีงบประมาณ พ.ศ. 2568\nเทศบาลตำบลหนองปลิง อำเภอเมืองนครสวรรค์ จังหวัดนครสวรรค์\n\n")


def test_an_analysis_in_the_next_year_of_the_results_it_reads_is_of_their_year() -> None:
    """Regression: the analysis of ITA 2567's results made in fiscal year 2568 (its title's year)
    gave the tools printed without a year the year 2568, beside the overall it states for 2567
    (`ผลการประเมิน … ประจำปีงบประมาณ พ.ศ. 2567 … ได้คะแนน 91.45`): the arithmetic says they belong
    together (0.30 × 93.10 + 0.30 × 88.40 + 0.40 × 92.50 = 91.45), so the document is of 2567 and
    its plan year 2568."""
    tables = extract("ตามที่สำนักงาน ป.ป.ช. ได้ประกาศผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
                     "ประจำปีงบประมาณ พ.ศ. 2567 เทศบาลตำบลหนองปลิงได้คะแนน 91.45 คะแนน อยู่ในระดับ A\n\n"
                     "| แบบวัด | คะแนน |\n|---|---|\n| IIT | 93.10 |\n| EIT | 88.40 |\n| OIT | 92.50 |\n",
                     title=_ANALYSIS_2568)
    document = tables["documents"].iloc[0]
    years = (document["assessment_year_be"], document["plan_year_be"])
    assert (*years, document["overall_score"]) == (2567, 2568, 91.45)
    scores = tables["scores"]
    assert set(scores["score_year_be"]) == {2567}
    assert set(scores["verification"]) == {"verified"}


def test_last_years_overall_beside_this_years_tools_leaves_them_this_years() -> None:
    """The overall of the year before printed for comparison, with this year's tools that do not
    fit it: the tools stay the title's year's."""
    tables = extract("ผลการประเมินประจำปีงบประมาณ พ.ศ. 2567 ได้คะแนน 85.00 คะแนน\n\n"
                     "| แบบวัด | คะแนน |\n|---|---|\n| IIT | 93.10 |\n| EIT | 88.40 |\n| OIT | 92.50 |\n",
                     title=_ANALYSIS_2568)
    assert tables["documents"].iloc[0]["assessment_year_be"] == 2568
    scores = tables["scores"]
    assert set(scores[scores["level"] == "tool"]["score_year_be"]) == {2568}
