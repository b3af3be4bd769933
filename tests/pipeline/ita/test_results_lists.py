"""Results lists of many organisations (tests/results_list_variants.py): one total per listed
organisation with its own org_id, the tools as scores or as weighted points (never score rows),
the document's own organisation from its covering letter, the level column against the bands."""

from __future__ import annotations

from pathlib import Path

import pytest

from ita_extract.parsers.text import parse_text
from ita_extract.pipeline.batch.unit import parse, process_document
from ita_extract.pipeline.ita.organisation import organisation_named
from tests.results_list_variants import ANNOUNCEMENT, LETTER, ResultsVariant, results_variants

VARIANTS = results_variants()


def _rows(variant: ResultsVariant, text: str | None = None) -> dict[str, list[dict]]:
    data = (text if text is not None else variant.text).encode("utf-8")
    return process_document(parse(Path(f"{variant.name}{variant.suffix}"), data), "cd" * 32)


def _org_id(name: str) -> str:
    org = organisation_named(name, "ตราด")
    assert org is not None
    return org.org_id


def assert_gives_its_rows(variant: ResultsVariant, rows: dict[str, list[dict]]) -> None:
    """Every listed organisation's total (and tools where they are scores), verified, as its own."""
    document = rows["documents"][0]
    assert document["doc_type"] == "results"
    assert document["org_name"] == variant.own
    own = next((e for e in variant.expected if e.org_name == variant.own), None)
    assert document["overall_score"] == (own.overall if own else None)
    assert document["score_check"] == "consistent"
    got = {(r["org_id"], r["level"], r["tool"]): (r["score"], r["verification"], r["org_name"])
           for r in rows["scores"]}
    want: dict[tuple[str, str, str | None], tuple[float, str, str]] = {}
    for expected in variant.expected:
        org_id = _org_id(expected.org_name)
        want[(org_id, "overall", None)] = (expected.overall, "verified", expected.org_name)
        for tool, score in expected.tools.items():
            want[(org_id, "tool", tool)] = (score, "verified", expected.org_name)
    assert got == want
    assert len(rows["scores"]) == len(want)  # no points, no second reading
    assert {r["province"] for r in rows["scores"]} == {"ตราด"}
    assert {o["org_id"] for o in rows["organisations"]} == {_org_id(e.org_name) for e in variant.expected}
    assert document["n_unread"] == len(rows["unread"]) == 0


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.name)
def test_each_list_gives_every_organisations_total_as_its_own(variant: ResultsVariant) -> None:
    assert_gives_its_rows(variant, _rows(variant))


def test_the_addressees_row_is_the_documents_own() -> None:
    variant = VARIANTS[0]
    rows = _rows(variant)
    own = [r for r in rows["scores"] if r["org_name"] == variant.own]
    assert len(own) == 1 and own[0]["org_id"] == rows["documents"][0]["org_id"]


def test_an_announcement_without_an_addressee_has_no_organisation_of_its_own() -> None:
    rows = _rows(VARIANTS[1])
    assert rows["documents"][0]["org_id"] is None and rows["documents"][0]["overall_score"] is None
    assert all(r["org_id"] for r in rows["scores"])


def test_a_list_flattened_into_lines_is_no_organisation_of_its_own() -> None:
    """Regression: a list a text dump flattened into lines (no tabs, no pipes) gave the document the
    first listed organisation as its own."""
    title = ("ประกาศผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น"
             "ในจังหวัดตราด ประจำปีงบประมาณ พ.ศ. ๒๕๖๔\n\n")
    for rows_text in ("ลำดับ ชื่อหน่วยงาน คะแนน ระดับ\n1 ทต.ท่ากุ่ม 96.55 AA\n2 อบต.ตะกาง 90.59 A\n",
                      "1 ทต.ท่ากุ่ม 96.55 AA\n2 อบต.ตะกาง 90.59 A\n"):
        document = _extract(title + rows_text)["documents"][0]
        assert document["doc_type"] == "results"
        assert document["org_id"] is None and document["org_name"] is None


def _points_letter(rows: list[list[str]], header: tuple[str, ...] = ("IIT", "EIT", "OIT")) -> str:
    head = ["ลำดับ", "หน่วยงาน", *header, "คะแนนรวม", "ระดับ"]
    table = ["| " + " | ".join(r) + " |" for r in [head, *rows]]
    table.insert(1, "|" + "---|" * len(head))
    return LETTER.format(addressee="นายกเทศมนตรีตำบลหนองเสม็ด") + "\n".join(table) + "\n"


def _extract(text: str) -> dict[str, list[dict]]:
    return process_document(parse_text(text), "cd" * 32)


def test_a_total_that_does_not_add_up_is_conflict_and_the_other_rows_stay_verified() -> None:
    rows = _extract(_points_letter([["1", "อบต.ตะกาง", "26.94", "27.47", "29.85", "87.26", "A"],
                                    ["2", "อบต.ชำราก", "22.69", "24.21", "22.43", "69.33", "C"]]))
    verdicts = {r["org_name"]: r["verification"] for r in rows["scores"]}
    assert verdicts == {"องค์การบริหารส่วนตำบลตะกาง": "conflict", "องค์การบริหารส่วนตำบลชำราก": "verified"}
    assert "arithmetic_conflict:points_sum:2564" in rows["documents"][0]["warnings"]


def test_a_grade_outside_the_totals_band_is_told_and_a_total_nothing_confirms_is_conflict() -> None:
    text = ANNOUNCEMENT + "อันดับ\tหน่วยงาน\tคะแนนรวม\tระดับ\n1\tอบต.ตะกาง\t84.26\tA\n2\tอบต.ชำราก\t69.33\tC\n"
    rows = _extract(text)
    verdicts = {r["org_name"]: r["verification"] for r in rows["scores"]}
    assert verdicts == {"องค์การบริหารส่วนตำบลตะกาง": "conflict", "องค์การบริหารส่วนตำบลชำราก": "unverified"}
    assert "listed_grade_mismatch" in rows["documents"][0]["warnings"]


def test_a_misprinted_grade_beside_a_total_the_sum_confirms_leaves_the_total_verified() -> None:
    rows = _extract(_points_letter([["1", "อบต.ตะกาง", "26.94", "27.47", "29.85", "84.26", "A"]]))
    assert [r["verification"] for r in rows["scores"]] == ["verified"]
    assert "listed_grade_mismatch" in rows["documents"][0]["warnings"]


def test_tool_columns_above_their_weights_are_scores_even_without_a_total() -> None:
    text = ANNOUNCEMENT + "ที่\tหน่วยงาน\tIIT\tEIT\tOIT\n1\tอบต.ตะกาง\t89.79\t91.58\t74.63\n"
    rows = _extract(text)
    assert {(r["tool"], r["score"]) for r in rows["scores"]} == {
        ("IIT", 89.79), ("EIT", 91.58), ("OIT", 74.63)}
    assert {r["verification"] for r in rows["scores"]} == {"unverified"}


def test_tool_columns_nothing_tells_are_left_unread_and_said_so() -> None:
    """Values under their weights and no total: points, or very low scores? Never guessed."""
    text = ANNOUNCEMENT + "ที่\tหน่วยงาน\tIIT\tEIT\tOIT\n1\tอบต.ตะกาง\t26.94\t27.47\t29.85\n"
    rows = _extract(text)
    assert rows["scores"] == []
    assert [u["number"] for u in rows["unread"]] == ["26.94", "27.47", "29.85"]
    assert "results_list_tools_unread" in rows["documents"][0]["warnings"]


def test_headers_garbled_by_ocr_still_give_the_tools_in_their_order() -> None:
    """OCR printed ชื่อหน่วยงาน as ชือหน่วยงาน, IIT as IT and EIT as ☑ IT; the sums confirm."""
    head = ("IT (30 คะแนน)", "☑ IT (30 คะแนน)", "OIT (40 คะแนน)")
    text = _points_letter([["1", "อบต.ตะกาง", "26.94", "27.47", "29.85", "84.26", "B"]], head)
    rows = _extract(text.replace("| หน่วยงาน |", "| ชือหน่วยงาน |"))
    assert [(r["org_name"], r["score"], r["verification"]) for r in rows["scores"]] == [
        ("องค์การบริหารส่วนตำบลตะกาง", 84.26, "verified")]
    assert rows["unread"] == []


def test_a_measures_table_with_a_unit_column_is_no_results_list() -> None:
    text = ("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ (ITA)\n"
            "เทศบาลตำบลหนองเสม็ด\n\n"
            "มาตรการ\tขั้นตอน\tหน่วยงาน\tระยะเวลา\n"
            "เผยแพร่ข้อมูล\tประชุม\tสำนักปลัด\tตุลาคม ๒๕๖๕\n")
    rows = _extract(text)
    assert len(rows["measures"]) == 1 and rows["scores"] == []


def test_a_column_counting_the_rows_is_a_running_number_whatever_its_header() -> None:
    """OCR read the header ที่ as `ai ท`: its 1, 2, 3 are no scores left unread."""
    text = _points_letter([["1", "อบต.ตะกาง", "26.94", "27.47", "29.85", "84.26", "B"],
                           ["2", "อบต.ชำราก", "22.69", "24.21", "22.43", "69.33", "C"],
                           ["3", "อบต.ท่ากุ่ม", "29.62", "21.86", "19.22", "70.70", "C"]])
    rows = _extract(text.replace("| ลำดับ |", "| ai ท |"))
    assert len(rows["scores"]) == 3 and rows["unread"] == []


def test_a_list_of_totals_and_levels_without_tool_columns_is_a_results_list() -> None:
    """Regression: a province's announcement printing only each organisation's total and level
    (no IIT/EIT/OIT columns, no `ในจังหวัด` after its title) was not_ita_document."""
    text = ("ประกาศจังหวัดยโสธร\n"
            "เรื่อง ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น "
            "ประจำปีงบประมาณ พ.ศ. 2566\n\n"
            "ลำดับ\tชื่อ อปท.\tอำเภอ\tคะแนน ITA\tระดับ\tผลการประเมิน\n"
            "1\tอบต.นาดี\tเมืองยโสธร\t96.10\tAA\tผ่าน\n"
            "2\tทต.ค้อวัง\tค้อวัง\t88.45\tA\tผ่าน\n"
            "3\tอบต.กุดชุม\tกุดชุม\t70.20\tC\tไม่ผ่าน\n")
    rows = process_document(parse_text(text), "0" * 64)
    assert rows["documents"][0]["doc_type"] == "results"
    assert [(s["org_name"], s["score"]) for s in rows["scores"]] == [
        ("องค์การบริหารส่วนตำบลนาดี", 96.1), ("เทศบาลตำบลค้อวัง", 88.45), ("องค์การบริหารส่วนตำบลกุดชุม", 70.2)]
    assert rows["unread"] == []
