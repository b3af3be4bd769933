"""Reconciliation: the printed scores check each other by the ITA arithmetic (contract 2, Verification)."""

import pandas as pd
import pytest

from tests.pipeline.helpers import INDICATORS, NAMES, TOOLS, extract, score_table


def _verification(tables: dict[str, pd.DataFrame]) -> dict[tuple, str]:
    frame = tables["scores"]
    return {(row.level, row.tool if row.level == "tool" else None,
             None if pd.isna(row.indicator) else int(row.indicator), row.score): row.verification
            for row in frame.itertuples()}


def _by_status(tables) -> dict[str, set]:
    found: dict[str, set] = {}
    for key, status in _verification(tables).items():
        found.setdefault(status, set()).add(key[:3])
    return found


def test_a_complete_hierarchy_is_verified_throughout() -> None:
    tables = extract(score_table())
    assert set(tables["scores"]["verification"]) == {"verified"}
    assert len(tables["scores"]) == 14
    document = tables["documents"].iloc[0]
    assert document["score_check"] == "consistent"
    assert not any(w.startswith("arithmetic_conflict") for w in document["warnings"])


def test_an_altered_overall_is_the_only_conflict() -> None:
    """The weighting fails; changing a tool instead would break that tool's mean, so the overall
    score alone is blamed, and the tools its rule involves stay verified by their means."""
    tables = extract(score_table(overall="96.20"))
    status = _by_status(tables)
    assert status["conflict"] == {("overall", None, None)}
    assert status["verified"] == {*(("indicator", None, n) for n in range(1, 11)),
                                  *(("tool", t, None) for t in ("IIT", "EIT", "OIT"))}
    document = tables["documents"].iloc[0]
    assert document["score_check"] == "conflicting"
    assert {"arithmetic_conflict", "arithmetic_conflict:overall_weighted:2566"} <= set(document["warnings"])


def test_an_altered_indicator_blames_the_indicators_that_could_be_wrong_and_not_their_tool() -> None:
    """IIT's mean fails. IIT itself is pinned by the overall score, which holds: it stays verified.
    Any of the five indicators, changed by one point, would make the mean hold: all five are
    conflicts, as the arithmetic cannot tell which was misprinted."""
    tables = extract(score_table(indicators={**INDICATORS, 2: "95.03"}))
    status = _by_status(tables)
    assert status["conflict"] == {("indicator", None, n) for n in range(1, 6)}
    assert {("tool", "IIT", None), ("overall", None, None), ("indicator", None, 7)} <= status["verified"]
    assert "arithmetic_conflict:iit_mean:2566" in tables["documents"].iloc[0]["warnings"]


def test_an_indicator_altered_beyond_what_the_others_could_make_up_is_the_only_conflict() -> None:
    """Ten points lower: no other indicator could be ten points higher (they would pass 100)."""
    tables = extract(score_table(indicators={**INDICATORS, 2: "84.03"}))
    status = _by_status(tables)
    assert status["conflict"] == {("indicator", None, 2)}
    assert ("tool", "IIT", None) in status["verified"]


def test_an_altered_tool_blames_the_tool_alone_though_two_rules_fail() -> None:
    """EIT misprinted breaks its mean and the weighting: EIT alone explains both."""
    tables = extract(score_table(tools={**TOOLS, "EIT": "93.05"}))
    status = _by_status(tables)
    assert status["conflict"] == {("tool", "EIT", None)}
    assert {("tool", "IIT", None), ("overall", None, None), *(("indicator", None, n) for n in (6, 7, 8))} \
        <= status["verified"]
    warnings = set(tables["documents"].iloc[0]["warnings"])
    assert {"arithmetic_conflict:eit_mean:2566", "arithmetic_conflict:overall_weighted:2566"} <= warnings


def test_eit_printed_only_in_its_parts_checks_the_overall_score() -> None:
    """Derived from its parts, EIT feeds the weighting: the overall score is checked, and the
    derived EIT is never a row."""
    body = ("แบบวัด IIT ได้คะแนน ๙๕.๕๐ คะแนน\n\nEIT ส่วนที่ ๑ ได้คะแนน ๙๐.๑๐ คะแนน และ EIT ส่วนที่ ๒ ได้คะแนน "
            "๙๒.๐๐ คะแนน\n\nแบบวัด OIT ได้คะแนน ๑๐๐ คะแนน\n\nคะแนนรวม {} คะแนน\n")
    tables = extract(body.format("๙๕.๙๖"))
    assert set(tables["scores"]["verification"]) == {"verified"}
    assert len(tables["scores"]) == 5
    assert tables["documents"].iloc[0]["score_check"] == "consistent"
    tables = extract(body.format("๙๗.๙๖"))
    status = _by_status(tables)
    # Two points more: no tool or part could make it up without passing 100 (IIT would need 102.17).
    assert status["conflict"] == {("overall", None, None)}
    assert status["unverified"] == {("tool", "IIT", None), ("tool", "EIT", None), ("tool", "OIT", None)}
    assert "arithmetic_conflict:overall_weighted:2566" in tables["documents"].iloc[0]["warnings"]


def test_of_two_printed_values_the_one_the_arithmetic_holds_with_is_verified() -> None:
    tables = extract(score_table() + "\nตัวชี้วัดที่ ๓ การใช้อำนาจ ได้คะแนน ๙๕.๐๐ คะแนน\n")
    statuses = _verification(tables)
    assert statuses[("indicator", None, 3, 99.10)] == "verified"
    assert statuses[("indicator", None, 3, 95.0)] == "conflict"
    document = tables["documents"].iloc[0]
    assert document["score_check"] == "consistent"
    assert "conflicting_scores" in document["warnings"]


def test_two_values_that_no_rule_decides_are_both_conflicts() -> None:
    tables = extract("ตัวชี้วัดที่ ๒ การใช้งบประมาณ ได้คะแนน ๘๐.๑๐\n\nสรุปว่าตัวชี้วัดที่ ๒ การใช้งบประมาณ ได้คะแนน ๘๑.๑๐\n")
    assert set(tables["scores"]["verification"]) == {"conflict"}
    assert tables["documents"].iloc[0]["score_check"] == "unchecked"


def test_the_same_value_printed_in_an_independent_place_is_verified_once() -> None:
    tables = extract("ผลการประเมิน ITA ได้คะแนน ๘๙.๐๑ คะแนน\n\n| ตัวชี้วัด | คะแนน |\n|---|---|\n"
                     "| คะแนนรวม | ๘๙.๐๑ |\n| การใช้อำนาจ | ๙๙.๑๐ |\n")
    assert _verification(tables) == {("overall", None, None, 89.01): "verified",
                                     ("indicator", None, 3, 99.10): "unverified"}
    assert tables["documents"].iloc[0]["score_check"] == "unchecked"


def test_eit_printed_in_two_parts_is_their_mean() -> None:
    tables = extract("แบบวัด EIT ได้คะแนน ๙๑.๐๕ คะแนน\n\nEIT ส่วนที่ ๑ ได้คะแนน ๙๐.๑๐ คะแนน "
                     "และ EIT ส่วนที่ ๒ ได้คะแนน ๙๒.๐๐ คะแนน\n")
    assert set(tables["scores"]["verification"]) == {"verified"}
    assert len(tables["scores"]) == 3
    tables = extract("แบบวัด EIT ได้คะแนน ๙๓.๐๕ คะแนน\n\nEIT ส่วนที่ ๑ ได้คะแนน ๙๐.๑๐ คะแนน "
                     "และ EIT ส่วนที่ ๒ ได้คะแนน ๙๒.๐๐ คะแนน\n")
    assert "arithmetic_conflict:eit_parts:2566" in tables["documents"].iloc[0]["warnings"]


@pytest.mark.parametrize(("printed", "holds"), [
    ("95.5", True),    # one decimal: ±0.05 for IIT alone
    ("95.50", True),
    ("95.52", False),  # two decimals: 95.498 is 95.50
])
def test_rounding_of_each_printed_value_is_allowed_for(printed: str, holds: bool) -> None:
    text = f"แบบวัด IIT ได้คะแนน {printed} คะแนน\n\n" + "".join(
        f"ตัวชี้วัดที่ {n} {NAMES[n]} ได้คะแนน {INDICATORS[n]} คะแนน\n\n" for n in range(1, 6))
    tables = extract(text)
    assert tables["documents"].iloc[0]["score_check"] == ("consistent" if holds else "conflicting")


def test_items_listed_under_a_sub_indicator_with_their_average() -> None:
    text = ("ผลการประเมินการเปิดเผยข้อมูลสาธารณะ (OIT)\n\n| ข้อ | ข้อมูล | คะแนน |\n|---|---|---|\n"
            "| ตัวชี้วัดย่อยที่ ๙.๑ ข้อมูลพื้นฐาน | | |\n| o1 | โครงสร้าง | ๑๐๐ |\n| o2 | ข้อมูลผู้บริหาร | ๑๐๐ |\n"
            "| o3 | อำนาจหน้าที่ | ๐ |\n| | คะแนนเฉลี่ย | {} |\n")
    tables = extract(text.format("๖๖.๖๗"))
    assert set(tables["scores"]["verification"]) == {"verified"}
    tables = extract(text.format("๗๖.๖๗"))
    # The average, or o3 (0 printed for 30), could be wrong; o1 and o2 could not (they would pass 100).
    verification = dict(zip(tables["scores"]["item_code"].fillna("9.1"), tables["scores"]["verification"],
                            strict=True))
    assert verification == {"9.1": "conflict", "o3": "conflict", "o1": "unverified", "o2": "unverified"}
    assert "arithmetic_conflict:indicator_items:2566" in tables["documents"].iloc[0]["warnings"]


def test_the_year_map_makes_an_indicator_the_mean_of_its_items_when_all_are_printed() -> None:
    title = ("รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๔\n"
             "เทศบาลตำบลหนองเสม็ด\n\n")
    items = "".join(f"| i{n} | ข้อคำถาม | {v} |\n" for n, v in zip(range(1, 7), (90, 80, 70, 60, 50, 40),
                                                              strict=True))
    body = ("ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่ ได้คะแนน {} คะแนน\n\n| ข้อ | คำถาม | คะแนน |\n|---|---|---|\n" + items)
    assert set(extract(body.format("๖๕.๐๐"), title=title)["scores"]["verification"]) == {"verified"}
    assert set(extract(body.format("๖๖.๐๐"), title=title)["scores"]["verification"]) == {"conflict"}
    # Five of the six items printed: the rule cannot be applied.
    partial = extract(body.format("๖๖.๐๐").rsplit("| i6", 1)[0], title=title)
    assert set(partial["scores"]["verification"]) == {"unverified"}


def test_overall_score_is_never_taken_from_a_conflict_when_a_verified_one_exists() -> None:
    tables = extract("ผลการประเมิน ITA ได้คะแนน ๙๗.๐๐ คะแนน\n\n" + score_table())
    document = tables["documents"].iloc[0]
    assert document["overall_score"] == 95.96
    assert _verification(tables)[("overall", None, None, 97.0)] == "conflict"


def _ocr_extract(body: str) -> dict[str, pd.DataFrame]:
    """`body` as if every page had been read by OCR."""
    from ita_extract.parsers.text import parse_text
    from ita_extract.pipeline.batch.unit import process_document
    from tests.pipeline.helpers import TITLE

    document = parse_text(TITLE + body)
    for page in document.pages:
        page.text_source = "ocr"
    rows = process_document(document, "cd" * 32)
    return {table: pd.DataFrame(values) for table, values in rows.items()}


# Indicator 4 printed 96.87: IIT = mean(1–5) = 96.298, overall = 0.3 × 96.298 + 0.3 × 91.05 + 40 = 96.2044.
TRUE_96 = {**INDICATORS, 4: "96.87"}
TOOLS_96 = {**TOOLS, "IIT": "96.30"}


def test_one_ocr_digit_misread_that_the_arithmetic_undoes_is_corrected() -> None:
    """๙๖.๘๗ read as ๙๒.๘๗ (๖ → ๒): only 96.87 makes the IIT mean hold again."""
    tables = _ocr_extract(score_table(indicators={**TRUE_96, 4: "92.87"}, tools=TOOLS_96, overall="96.20"))
    scores = tables["scores"].set_index(["level", "indicator"], drop=False)
    fixed = scores[(scores["level"] == "indicator") & (scores["indicator"] == 4)].iloc[0]
    assert (fixed["score"], fixed["verification"]) == (96.87, "corrected")
    assert "92.87" in fixed["source_text"]  # what was read is kept
    assert set(tables["scores"]["verification"]) == {"verified", "corrected"}
    document = tables["documents"].iloc[0]
    assert document["score_check"] == "consistent"
    assert "ocr_digit_corrected" in document["warnings"]
    assert not any(w.startswith("arithmetic_conflict") for w in document["warnings"])


def test_a_nine_read_as_a_five_is_undone_when_only_it_makes_the_rules_hold() -> None:
    """Regression (a probe's scan): `ตัวชี้วัดที่ ๖ … ได้คะแนน ๙๐.๕๕` read ๕๐.๕๕; the overall printed
    beside the ten indicators holds only with 90.55."""
    values = dict(zip(range(1, 11), ("94.12", "88.40", "92.30", "86.20", "89.98", "50.55", "85.70", "84.15",
                                     "90.00", "82.50"), strict=True))
    body = "ผลการประเมิน ITA ได้คะแนนรวม ๘๗.๖๐ คะแนน\n\n" + "".join(
        f"ตัวชี้วัดที่ {n} {NAMES[n]} ได้คะแนน {value} คะแนน\n\n" for n, value in values.items())
    tables = _ocr_extract(body)
    six = tables["scores"][tables["scores"]["indicator"] == 6].iloc[0]
    assert (six["score"], six["verification"]) == (90.55, "corrected")
    assert tables["unread"].empty  # the misread 50.55 is that row's, not a number left unread


def test_the_same_misread_in_a_text_layer_is_a_conflict_not_a_correction() -> None:
    tables = extract(score_table(indicators={**TRUE_96, 4: "92.87"}, tools=TOOLS_96, overall="96.20"))
    assert "corrected" not in set(tables["scores"]["verification"])
    assert ("indicator", None, 4) in _by_status(tables)["conflict"]


def test_no_correction_when_two_would_make_the_arithmetic_hold() -> None:
    """Indicators 1, 3 and 4 each printed ๙๒.xx: a ๖ misread in any one of them restores the
    IIT mean, so none is corrected and the rule stays a conflict."""
    indicators = {**INDICATORS, 1: "92.44", 3: "92.10", 4: "92.87"}
    # true sum with one 2 → 6: 469.49, IIT 93.898; overall 0.3 × 93.898 + 0.3 × 91.05 + 40 = 95.4844
    iit = {**TOOLS, "IIT": "93.90"}
    tables = _ocr_extract(score_table(indicators=indicators, tools=iit, overall="95.48"))
    assert "corrected" not in set(tables["scores"]["verification"])
    assert "arithmetic_conflict:iit_mean:2566" in tables["documents"].iloc[0]["warnings"]


@pytest.mark.parametrize("sentence", [
    "ผลการประเมิน ITA ได้คะแนน ๕๕.๐๐ คะแนน อยู่ในระดับ A\n",  # ๘๕ read as ๕๕ beside its grade
    "ผลการประเมิน ITA ได้คะแนน ๙๒.๙๖ คะแนน\n\n",  # printed twice, and the arithmetic says 95.96
], ids=["the grade beside it", "the arithmetic"])
def test_an_ocr_overall_score_that_is_contradicted_is_never_the_documents_score(sentence: str) -> None:
    body = sentence + ("" if "ระดับ" in sentence else score_table(overall="92.96"))
    tables = _ocr_extract(body)
    document = tables["documents"].iloc[0]
    assert pd.isna(document["overall_score"])
    assert "ocr_overall_contradicted" in document["warnings"]
    text_layer = extract(body)["documents"].iloc[0]
    assert not pd.isna(text_layer["overall_score"])  # a text layer keeps what it prints


def test_expected_is_what_the_rule_gives_a_value_from_the_others() -> None:
    """For the report: a conflict's expected value and gap (issue 27)."""
    from ita_extract.pipeline.ita.verification.arithmetic import expected

    y = 2566
    values: dict[tuple, float] = {("tool", "IIT", None, None, None, None, y): 80.0,
              ("tool", "EIT", None, None, None, None, y): 90.0,
              ("tool", "OIT", None, None, None, None, y): 70.0,
              **{("indicator", "EIT", None, n, None, None, y): v for n, v in ((6, 85.0), (7, 95.0))}}
    overall = ("overall", None, None, None, None, None, y)
    assert expected(values, overall) == pytest.approx(0.3 * 80 + 0.3 * 90 + 0.4 * 70)
    assert expected(values, ("indicator", "EIT", None, 8, None, None, y)) == pytest.approx(90.0)
    assert expected({**values, overall: 79.0}, ("tool", "OIT", None, None, None, None, y)) == \
        pytest.approx((79.0 - 0.3 * 80 - 0.3 * 90) / 0.4)
    assert expected({}, overall) is None  # nothing to compute it from


def test_ocr_numbers_the_arithmetic_verifies_need_no_other_witness() -> None:
    """Regression (a probe's scan): every score verified by the arithmetic, none printed twice, and
    the document still warned `ocr_numbers_unverified` (the warning was decided before the
    arithmetic ran)."""
    tables = _ocr_extract(score_table())
    assert set(tables["scores"]["verification"]) == {"verified"}
    assert "ocr_numbers_unverified" not in tables["documents"].iloc[0]["warnings"]


def test_an_ocr_number_no_rule_checks_and_no_second_mention_confirms_is_unverified() -> None:
    tables = _ocr_extract(score_table() + "ข้อ i1 ได้คะแนน 88.40 คะแนน\n\n")
    i1 = tables["scores"][tables["scores"]["item_code"] == "i1"].iloc[0]
    assert i1["verification"] == "unverified"
    assert "ocr_numbers_unverified" in tables["documents"].iloc[0]["warnings"]


def test_an_ocr_digit_the_arithmetic_corrected_still_warns_unverified() -> None:
    tables = _ocr_extract(score_table(indicators={**TRUE_96, 4: "92.87"}, tools=TOOLS_96, overall="96.20"))
    assert "ocr_numbers_unverified" in tables["documents"].iloc[0]["warnings"]
