"""Tables of scores in the layouts documents print them."""

import pytest

from tests.pipeline.helpers import extract, scores_of


def test_name_and_score_table() -> None:
    tables = extract(
        "ผลคะแนนรายตัวชี้วัด\n\n"
        "| ตัวชี้วัด | คะแนน |\n|---|---|\n"
        "| การปฏิบัติหน้าที่ | ๙๗.๔๔ |\n| การแก้ปัญหาการทุจริต | ๘๘.๑๒ |\n"
        "| การปรับปรุงระบบการทำงาน | ๗๙.๕๐ |\n| คะแนนรวม | ๘๙.๐๑ |\n")
    assert scores_of(tables, "indicator") == {1: 97.44, 5: 88.12, 8: 79.5}
    assert scores_of(tables, "overall") == {2566: 89.01}
    assert tables["documents"].iloc[0]["overall_score"] == 89.01


def test_rank_name_score_table_reads_the_name_not_the_rank() -> None:
    tables = extract(
        "| ลำดับ | ตัวชี้วัด | คะแนน |\n|---|---|---|\n"
        "| 1 | การใช้อำนาจ | 99.10 |\n| 2 | การเปิดเผยข้อมูล | 98.00 |\n| 3 | การใช้งบประมาณ | 90.55 |\n")
    assert scores_of(tables, "indicator") == {3: 99.1, 9: 98.0, 2: 90.55}
    row = tables["scores"].set_index("indicator").loc[9]
    assert (row["tool"], row["label"]) == ("OIT", "การเปิดเผยข้อมูล")


def test_comparison_table_gives_each_value_its_year() -> None:
    tables = extract(
        "| ตัวชี้วัด | ปี ๒๕๖๔ | ปี ๒๕๖๕ | ปี ๒๕๖๖ |\n|---|---|---|---|\n"
        "| ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่ | ๙๐.๐๐ | ๙๒.๕๐ | ๙๗.๔๔ |\n"
        "| ผลคะแนนภาพรวม | ๘๕.๑๐ | ๘๗.๒๐ | ๙๕.๗๕ |\n")
    frame = tables["scores"]
    indicator = frame[frame["level"] == "indicator"]
    assert dict(zip(indicator["score_year_be"], indicator["score"], strict=True)) == {
        2564: 90.0, 2565: 92.5, 2566: 97.44}
    assert scores_of(tables, "overall") == {2564: 85.1, 2565: 87.2, 2566: 95.75}
    assert tables["documents"].iloc[0]["overall_score"] == 95.75


def test_item_table_with_code_question_score_remarks() -> None:
    tables = extract(
        "ผลการประเมินแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT) รายข้อ\n\n"
        "| ข้อคำถาม | คะแนน | หมายเหตุ |\n|---|---|---|\n"
        "| i๑ บุคลากรในหน่วยงานของท่าน ปฏิบัติงานตามขั้นตอน | ๙๕.๐๐ | |\n"
        "| 1๒ บุคลากรในหน่วยงานของท่าน ปฏิบัติงานอย่างเท่าเทียมกัน | ๘๐.๒๕ | ต่ำกว่าเกณฑ์ |\n"
        "| I๑๙ ท่านรู้แนวปฏิบัติของหน่วยงานเกี่ยวกับการใช้ทรัพย์สิน | ๗๗.๗๗ | |\n")
    assert scores_of(tables, "item") == {"i1": 95.0, "i2": 80.25, "i19": 77.77}
    items = tables["scores"].set_index("item_code")
    assert list(items["item_code_raw"]) == ["i๑", "1๒", "I๑๙"]
    assert set(items["tool"]) == {"IIT"}
    # The 2564 form maps items to indicators; this document is of 2566, which the map does not cover.
    assert items["indicator"].isna().all()


def test_item_indicator_comes_from_the_map_of_the_year_it_covers() -> None:
    title = ("รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๔\n"
             "เทศบาลตำบลหนองเสม็ด\n\n")
    tables = extract("| ข้อ | คำถาม | คะแนน |\n|---|---|---|\n| i๑๙ | ท่านรู้แนวปฏิบัติ | ๗๗.๗๗ |\n"
                     "| i๒๗ | ท่านทราบเกี่ยวกับมาตรฐานทางจริยธรรม | ๖๖.๖๖ |\n", title=title)
    items = tables["scores"].set_index("item_code")
    assert items.loc["i19", "indicator"] == 4 and items.loc["i27", "indicator"] == 5


def test_oit_list_with_category_rows_between_items() -> None:
    tables = extract(
        "ผลการประเมินการเปิดเผยข้อมูลสาธารณะ (OIT)\n\n"
        "| ข้อ | ข้อมูล | คะแนน |\n|---|---|---|\n"
        "| ตัวชี้วัดย่อยที่ ๙.๑ ข้อมูลพื้นฐาน | | |\n"
        "| ๐๑ | โครงสร้าง | ๑๐๐ |\n| 0 5 | ข้อมูลการติดต่อ | ๑๐๐ |\n"
        "| | คะแนนเฉลี่ย | ๙๘.๕๐ |\n"
        "| ตัวชี้วัดย่อยที่ ๑๐.๑ การดำเนินการเพื่อป้องกันการทุจริต | | |\n"
        "| ๐๓๖ | แผนปฏิบัติการป้องกันการทุจริต | ๐ |\n")
    items = tables["scores"].set_index("item_code")
    assert scores_of(tables, "item") == {"o1": 100.0, "o5": 100.0, "o36": 0.0}
    assert (items.loc["o1", "sub_indicator"], items.loc["o1", "indicator"]) == ("9.1", 9)
    assert (items.loc["o36", "sub_indicator"], items.loc["o36", "indicator"]) == ("10.1", 10)
    assert scores_of(tables, "sub_indicator") == {"9.1": 98.5}


def test_columns_of_differences_targets_and_full_marks_are_not_scores() -> None:
    tables = extract(
        "| ตัวชี้วัด | คะแนนเต็ม | ค่าเป้าหมาย | ปี ๒๕๖๕ (คะแนน) | ปี ๒๕๖๖ (คะแนน) | ผลต่างคะแนน |\n"
        "|---|---|---|---|---|---|\n"
        "| การปฏิบัติหน้าที่ | ๑๐๐ | ๘๕ | ๙๐.๐๐ | ๙๒.๕๐ | ๒.๕๐ |\n"
        "| การใช้งบประมาณ | ๑๐๐ | ๘๕ | ๘๘.๐๐ | ๘๗.๐๐ | -๑.๐๐ |\n")
    frame = tables["scores"]
    assert sorted(zip(frame["indicator"], frame["score_year_be"], frame["score"], strict=True)) == [
        (1, 2565, 90.0), (1, 2566, 92.5), (2, 2565, 88.0), (2, 2566, 87.0)]
    assert "conflicting_scores" not in tables["documents"].iloc[0]["warnings"]


@pytest.mark.parametrize(("header", "changes"), [
    ("เพิ่ม/ลด", ("▲ 1.40", "▼ 0.80")),  # a probe left the changes unread
    ("เพิ่มขึ้น/ลดลง", ("↑1.40", "↓0.80")),
    ("สูงขึ้น / ลดลง", ("+1.40", "-0.80")),
    ("ผลการเปลี่ยนแปลง", ("1.40", "0.80")),
])
def test_a_column_of_changes_is_read_as_changes(header: str, changes: tuple[str, str]) -> None:
    tables = extract("| ตัวชี้วัด | ปี 2565 | ปี 2566 | " + header + " |\n|---|---|---|---|\n"
                     f"| การปฏิบัติหน้าที่ | 95.10 | 96.50 | {changes[0]} |\n"
                     f"| การใช้งบประมาณ | 95.00 | 94.20 | {changes[1]} |\n")
    frame = tables["scores"]
    assert sorted(zip(frame["indicator"], frame["score_year_be"], frame["score"], strict=True)) == [
        (1, 2565, 95.1), (1, 2566, 96.5), (2, 2565, 95.0), (2, 2566, 94.2)]
    assert tables["unread"].empty


def test_a_column_of_a_year_after_the_assessment_is_kept_and_flagged() -> None:
    tables = extract("| ตัวชี้วัด | ปี ๒๕๖๖ | ปี ๒๕๖๗ |\n|---|---|---|\n| การใช้อำนาจ | ๙๙.๑๐ | ๙๙.๕๐ |\n")
    frame = tables["scores"]
    assert dict(zip(frame["score_year_be"], frame["score"], strict=True)) == {2566: 99.1, 2567: 99.5}
    assert "score_year_after_assessment" in tables["documents"].iloc[0]["warnings"]


def test_an_ocr_header_that_lost_its_marks_keeps_its_role() -> None:
    from ita_extract.pipeline.ita.table_views import column_role

    # regression: a scanned item table's `ข้อ | ข้อคำถาม` came out of OCR as `ขอ | ขอคาถาม`
    assert column_role("ขอ")[0] == column_role("ข้อ")[0] == "code"
    assert column_role("ขอคาถาม")[0] == "item_text"
    assert column_role("คะแนนเฉลย")[0] == "score"
    assert column_role("ขอบเขต")[0] is None


@pytest.mark.parametrize(("lines", "role"), [
    # regression (dev 000 as a scan): `ข้อเสศนอแนะ` lost the column of recommendations, so the two
    # recommendations of its IIT table were never read
    (["ผลการประเมิน/ ข้อเสศนอแนะจากผู้ประเมิน"], "recommendation"),
    (["ผู้รับผิดชอบ"], "responsible"),
    (["ผู้รับผิดขอบ"], "responsible"),  # one letter misread
    (["หน่วยงานทีรบผดชอน"], "responsible"),  # marks lost and a letter misread
    (["ความก้าวหบ้า"], "result"),
    (["ai น้อยทีสุด"], "answer_share"),  # regression: OCR's stray letters before the word
    # a short word is never guessed at: one slip could make it another (ติดตาม / ติดตั้ง)
    (["ติดตั้ง"], None),
    (["ขอบเขต"], None),
    (["ผลการประเมิน/"], None),
])
def test_a_long_header_word_read_with_one_slip_keeps_its_role(lines: list[str], role: str | None) -> None:
    from ita_extract.pipeline.ita.table_views import header_role

    assert header_role(lines)[0] == role


def test_weighted_points_and_weights_beside_the_tools_are_never_scores() -> None:
    """Regression: `คะแนนถ่วงน้ำหนัก` (score × weight) was read as a second tool score, and the
    weights (30, 30, 40) left unread. The points now check the tools and the total (tool_points,
    points_sum)."""
    rows = extract("เครื่องมือ\tคะแนน\tน้ำหนัก (ร้อยละ)\tคะแนนถ่วงน้ำหนัก\n"
                   "IIT\t92.50\t30\t27.75\nEIT\t88.40\t30\t26.52\nOIT\t81.25\t40\t32.50\nรวม\t\t100\t86.77\n")
    scores = rows["scores"]
    assert sorted(zip(scores["level"], scores["tool"].fillna(""), scores["score"], scores["verification"],
                      strict=True)) == [("overall", "", 86.77, "verified"), ("tool", "EIT", 88.4, "verified"),
                                        ("tool", "IIT", 92.5, "verified"), ("tool", "OIT", 81.25, "verified")]
    assert rows["unread"].empty


def test_a_code_column_s_garbled_code_is_read_alone_beside_a_latin_label() -> None:
    """`๐๑๒ | Q&A`: the code and a label in Latin letters read together gave no code (o1 before)."""
    rows = extract("ผลการประเมินแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) รายข้อ\n\n"
                   "| ข้อ | รายการ | คะแนน |\n|---|---|---|\n| o๑ | โครงสร้าง | ๑๐๐.๐๐ |\n"
                   "| ๐๑๐ | นโยบายคุ้มครองข้อมูลส่วนบุคคล | ๐.๐๐ |\n| ๐๑๒ | Q&A | ๑๐๐.๐๐ |\n")
    assert scores_of(rows, "item") == {"o1": 100.0, "o10": 0.0, "o12": 100.0}
    assert rows["unread"].empty


def test_points_headed_by_what_they_are_out_of_are_points() -> None:
    """`คะแนนที่ได้ (เต็ม 30/40)` beside `คะแนน (เต็ม 100)`: points, not a second tool score."""
    rows = extract("เครื่องมือ\tคะแนน (เต็ม 100)\tคะแนนที่ได้ (เต็ม 30/40)\n"
                   "IIT\t92.50\t27.75\nEIT\t88.40\t26.52\nOIT\t81.25\t32.50\nรวม\t\t86.77\n")
    assert scores_of(rows, "tool") == {"IIT": 92.5, "EIT": 88.4, "OIT": 81.25}
    assert scores_of(rows, "overall") == {2566: 86.77}
    assert set(rows["scores"]["verification"]) == {"verified"} and rows["unread"].empty


def test_answer_shares_beside_an_items_score_are_never_scores_nor_unread() -> None:
    """Items printed with the share of respondents giving each answer (มากที่สุด … น้อยที่สุด)
    beside their score: the shares are no score (none was read as one, but all were unread), and
    the caption's one indicator is the items' where the year's item map is unknown."""
    rows = extract("ผลการตอบแบบวัด EIT ตัวชี้วัดที่ 6 คุณภาพการดำเนินงาน\n\n"
                   "ข้อ\tข้อคำถาม\tมากที่สุด\tมาก\tปานกลาง\tน้อย\tน้อยที่สุด\tคะแนน\n"
                   "e1\tเจ้าหน้าที่ปฏิบัติงานเป็นไปตามขั้นตอนที่กำหนด\t62.50\t30.00\t5.00\t2.50\t0.00\t84.17\n"
                   "e2\tเจ้าหน้าที่ปฏิบัติงานเป็นไปตามระยะเวลาที่กำหนด\t55.00\t35.00\t7.50\t2.50\t0.00\t80.83\n",
                   title="การวิเคราะห์ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2567\nเทศบาลตำบลบางพระ\n\n")
    scores = rows["scores"]
    assert sorted(zip(scores["item_code"], scores["indicator"], scores["score"], strict=True)) == [
        ("e1", 6, 84.17), ("e2", 6, 80.83)]
    assert rows["unread"].empty


def test_a_caption_naming_several_indicators_gives_its_items_none() -> None:
    rows = extract("ผลการตอบแบบวัด EIT ตัวชี้วัดที่ 6 และตัวชี้วัดที่ 7\n\n"
                   "ข้อ\tข้อคำถาม\tคะแนน\n"
                   "e1\tเจ้าหน้าที่ปฏิบัติงานเป็นไปตามขั้นตอนที่กำหนด\t84.17\n",
                   title="การวิเคราะห์ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2567\nเทศบาลตำบลบางพระ\n\n")
    assert rows["scores"]["indicator"].isna().all()


def test_the_years_item_map_goes_before_a_caption() -> None:
    rows = extract("ผลคะแนน IIT ตัวชี้วัดที่ 2 การใช้งบประมาณ\n\n"
                   "ข้อ\tข้อคำถาม\tคะแนน\n"
                   "i1\tบุคลากรในหน่วยงานของท่าน ปฏิบัติงานโดยยึดหลักตามมาตรฐาน\t84.17\n",
                   title="การวิเคราะห์ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2564\nเทศบาลตำบลบางพระ\n\n")
    assert rows["scores"]["indicator"].tolist() == [1]


@pytest.mark.parametrize(("header", "year"), [
    ("ปี 2566", 2566), ("ปีงบประมาณ 2566", 2566), ("2566", 2566), ("ผลคะแนนปี 2565", 2565),
    # regression: these year columns were no year's, and the table was left unread
    ("ปีงบ 2566", 2566), ("ปีงบ 66", 2566), ("ปี 65", 2565), ("พ.ศ. 66", 2566), ("ITA 2566", 2566),
    ("ITA ปี 66", 2566), ("คะแนนปี 66 (ร้อยละ)", 2566),
])
def test_the_forms_of_a_year_column(header: str, year: int) -> None:
    from ita_extract.pipeline.ita.table_views import header_role

    assert header_role([header]) == ("year", year)


@pytest.mark.parametrize("header", ["66", "ปี 1", "ปี 12", "ข้อ 65"])
def test_a_short_number_alone_is_no_year_column(header: str) -> None:
    from ita_extract.pipeline.ita.table_views import header_role

    assert header_role([header])[0] != "year"


def test_a_comparison_table_of_short_years() -> None:
    rows = extract("ตัวชี้วัด\tปีงบ 65\tปีงบ 66\nIIT\t88.10\t90.20\nEIT\t80.00\t84.30\nOIT\t70.25\t79.50\n"
                   "ภาพรวม\t78.56\t83.87\n")
    scores = rows["scores"]
    assert sorted(zip(scores["level"], scores["tool"].fillna(""), scores["score_year_be"], scores["score"],
                      strict=True)) == [
        ("overall", "", 2565, 78.56), ("overall", "", 2566, 83.87),
        ("tool", "EIT", 2565, 80.0), ("tool", "EIT", 2566, 84.3), ("tool", "IIT", 2565, 88.1),
        ("tool", "IIT", 2566, 90.2), ("tool", "OIT", 2565, 70.25), ("tool", "OIT", 2566, 79.5)]
    assert rows["unread"].empty


_ITEMS_2564 = "ข้อ\tข้อคำถาม\tคะแนน\n" + "".join(
    f"i{k}\tบุคลากรในหน่วยงานของท่าน\t{value:.2f}\n" for k, value in enumerate((90, 92, 94, 96, 98, 100), 1))
_TITLE_2564 = "การวิเคราะห์ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2564\nเทศบาลตำบลโคกสูง\n\n"


def test_an_average_under_every_item_of_one_indicator_is_that_indicators() -> None:
    """Regression: `คะแนนเฉลี่ย 95.00` under i1–i6 (every item of indicator 1 in FY2564's map), no
    category row above them, was left unread."""
    rows = extract(_ITEMS_2564 + "\tคะแนนเฉลี่ย\t95.00\n", title=_TITLE_2564)
    indicator = rows["scores"][rows["scores"]["level"] == "indicator"]
    assert indicator[["indicator", "score", "verification"]].values.tolist() == [[1, 95.0, "verified"]]
    assert rows["unread"].empty


def test_an_average_under_some_items_of_an_indicator_is_no_indicators() -> None:
    """Three of indicator 1's six items: their average is theirs, not the indicator's."""
    some = "".join(_ITEMS_2564.splitlines(keepends=True)[:4])
    rows = extract(some + "\tคะแนนเฉลี่ย\t92.00\n", title=_TITLE_2564)
    assert "indicator" not in rows["scores"]["level"].tolist()
    assert rows["unread"]["number"].tolist() == ["92.00"]


def test_weights_in_the_labels_of_tools_and_total_are_weights() -> None:
    rows = extract("เครื่องมือการประเมิน\tคะแนน\nIIT (ร้อยละ 30)\t90.20\nEIT (30%)\t84.30\nOIT (น้ำหนัก 40)\t79.50\n"
                   "คะแนนรวม (100%)\t84.15\n")
    assert sorted(rows["scores"]["score"]) == [79.5, 84.15, 84.3, 90.2]
    assert set(rows["scores"]["verification"]) == {"verified"}
    assert rows["unread"].empty  # regression: the total's (100%) was unread


_TOOL_HEADINGS = "IIT\tEIT\tOIT\tคะแนนรวม\tระดับ\n"
_TOOL_VALUES = "91.45\t88.32\t96.50\t92.53\tA\n"


@pytest.mark.parametrize("body", [
    _TOOL_HEADINGS + _TOOL_VALUES,
    "\t" + _TOOL_HEADINGS + "ผลคะแนน\t" + _TOOL_VALUES,
    "เครื่องมือ\t" + _TOOL_HEADINGS + "ค่าเป้าหมาย\t85\t85\t85\t85\t\nคะแนนที่ได้\t" + _TOOL_VALUES,
], ids=["headings-over-values", "row-labelled", "under-a-target-row"])
def test_one_row_of_values_under_tool_headings_is_the_documents_year(body: str) -> None:
    """Regression: `IIT | EIT | OIT | คะแนนรวม` over one row of values, no year printed on the row,
    was left unread."""
    rows = extract(body)
    assert sorted(zip(rows["scores"]["level"], rows["scores"]["tool"].fillna(""), rows["scores"]["score"],
                      rows["scores"]["score_year_be"], strict=True)) == [
        ("overall", "", 92.53, 2566), ("tool", "EIT", 88.32, 2566), ("tool", "IIT", 91.45, 2566),
        ("tool", "OIT", 96.5, 2566)]
    assert set(rows["scores"]["verification"]) == {"verified"}
    iit = rows["scores"][rows["scores"]["tool"] == "IIT"].iloc[0]
    assert iit["source_text"].startswith("IIT\t") and iit["source_text"].endswith("91.45")


def test_rows_of_indicator_names_each_over_its_values() -> None:
    """A chart's table: five IIT names over their values, then EIT's three, then OIT's two."""
    rows = extract("การปฏิบัติหน้าที่\tการใช้งบประมาณ\tการใช้อำนาจ\tการใช้ทรัพย์สินของราชการ\tการแก้ไขปัญหาการทุจริต\n"
                   "96.80\t90.21\t94.50\t89.64\t85.35\n"
                   "คุณภาพการดำเนินงาน\tประสิทธิภาพการสื่อสาร\tการปรับปรุงระบบการทำงาน\n92.10\t88.77\t86.40\n"
                   "การเปิดเผยข้อมูล\tการป้องกันการทุจริต\n95.00\t87.50\n\nคะแนนรวม 90.62 ระดับ A\n")
    assert scores_of(rows, "indicator") == {1: 96.8, 2: 90.21, 3: 94.5, 4: 89.64, 5: 85.35, 6: 92.1,
                                            7: 88.77, 8: 86.4, 9: 95.0, 10: 87.5}
    assert set(rows["scores"]["verification"]) == {"verified"}  # the overall confirms them all
    assert rows["unread"].empty


@pytest.mark.parametrize("body", [
    _TOOL_HEADINGS + _TOOL_VALUES + "90.10\t87.20\t92.00\t89.99\tA\n",
    "\t" + _TOOL_HEADINGS + "ค่าเฉลี่ยระดับประเทศ\t" + _TOOL_VALUES,
], ids=["two-rows-without-years", "a-benchmark-row"])
def test_values_under_headings_whose_year_or_owner_is_unknown_stay_unread(body: str) -> None:
    rows = extract(body)
    assert rows["scores"].empty
    assert "91.45" in rows["unread"]["number"].tolist()


@pytest.mark.parametrize("misread", ["NT\tEIT", "UT\tEIT", "lIT\tEIT", "1IT\tEIT", "IT\t☑ IT"])
def test_tool_headings_ocr_misread_beside_another_are_the_tools_left(misread: str) -> None:
    """Regression (scans): `NT | EIT | OIT | คะแนนรวม` left IIT's value unread; `IT | ☑ IT | OIT`
    (EI of EIT taken for a ticked box) both."""
    rows = extract(f"{misread}\tOIT\tคะแนนรวม\n91.45\t88.32\t96.50\t92.53\n")
    assert scores_of(rows, "tool") == {"IIT": 91.45, "EIT": 88.32, "OIT": 96.5}
    assert set(rows["scores"]["verification"]) == {"verified"}


def test_a_misread_tool_heading_over_rows_of_years() -> None:
    rows = extract("ปีงบประมาณ\tNT\tEIT\tOIT\tคะแนนรวม\n2565\t90.10\t87.20\t92.00\t89.99\n"
                   "2566\t91.45\t88.32\t96.50\t92.53\n")
    iit = rows["scores"][rows["scores"]["tool"] == "IIT"]
    assert dict(zip(iit["score_year_be"], iit["score"], strict=True)) == {2565: 90.1, 2566: 91.45}
    assert rows["unread"].empty


@pytest.mark.parametrize("headings", ["NT\tOIT\tEIT\tคะแนนรวม", "NT\tXY\tEIT\tOIT\tคะแนนรวม"],
                         ids=["out-of-order", "more-words-than-tools-left"])
def test_a_latin_word_is_no_tool_where_the_order_or_the_count_does_not_fit(headings: str) -> None:
    rows = extract(f"{headings}\n91.45\t88.32\t96.50\t92.53\n")
    assert "IIT" not in set(rows["scores"]["tool"].dropna())
    assert "91.45" in rows["unread"]["number"].tolist()


@pytest.mark.parametrize("misread", ["NT", "UT", "lIT", "1IT"])
def test_a_tool_row_label_ocr_misread_among_the_other_tools(misread: str) -> None:
    """Regression (a probe's scan): `เครื่องมือ | คะแนน` over `NT | 89.50`, `EIT | 85.67`,
    `OIT | 92.25` left IIT's value unread; fitted by the tools' order, as the headings are."""
    rows = extract(f"เครื่องมือ\tคะแนน\n{misread}\t89.50\nEIT\t85.67\nOIT\t92.25\nคะแนนรวม\t89.45\n")
    assert scores_of(rows, "tool") == {"IIT": 89.5, "EIT": 85.67, "OIT": 92.25}
    assert set(rows["scores"]["verification"]) == {"verified"}
    assert rows["unread"].empty


@pytest.mark.parametrize("table", [
    "เครื่องมือ\tคะแนน\nNT\t89.50\nOIT\t92.25\nEIT\t85.67\n",
    "เครื่องมือ\tคะแนน\nNT\t89.50\nXY\t80.00\nEIT\t85.67\nOIT\t92.25\n",
], ids=["out-of-order", "more-words-than-tools-left"])
def test_a_latin_row_label_is_no_tool_where_the_order_or_the_count_does_not_fit(table: str) -> None:
    rows = extract(table)
    assert "IIT" not in set(rows["scores"]["tool"].dropna())
    assert "89.50" in rows["unread"]["number"].tolist()


@pytest.mark.parametrize("table", [
    "ตัวชี้วัด\tชื่อตัวชี้วัด\tคะแนน\n3\tการใช้อำนาจ\t91.08\n1\tการปฏิบัติหน้าที่\t94.22\n"
    "2\tการใช้งบประมาณ\t86.30\n",
    "ตัวชี้วัดที่\tคะแนน\n๓\t91.08\n๑\t94.22\n๒\t86.30\n",
], ids=["number-and-name", "number-alone"])
def test_an_indicators_number_alone_in_its_column_is_no_item(table: str) -> None:
    """Regression (a probe): `ตัวชี้วัด | ชื่อตัวชี้วัด | คะแนน` over `1 | การปฏิบัติหน้าที่ | 94.22`,
    after an IIT table, gave item i1 94.22 and i2 86.30 (a bare number read as an item's code)."""
    rows = extract("ผลการประเมินแบบวัด IIT\n\n" + table)
    assert scores_of(rows, "indicator") == {1: 94.22, 2: 86.3, 3: 91.08}
    assert "item" not in set(rows["scores"]["level"])


def test_questions_numbered_from_one_under_a_later_indicator_are_no_item_codes() -> None:
    """Regression (a probe): `ผลการประเมินแบบวัด IIT ตัวชี้วัดที่ 2 การใช้งบประมาณ` over `ข้อที่ |
    ประเด็นคำถาม | คะแนน` and rows `1`, `2` gave items i1 and i2 of indicator 2: the questions are
    numbered within the indicator (i1 is indicator 1's in every year's form). Left unread; under
    indicator 1 the same numbers are its items."""
    table = "ข้อที่\tประเด็นคำถาม\tคะแนน\n1\tรู้เกี่ยวกับแผนการใช้จ่ายงบประมาณ\t85.20\n2\tใช้งบประมาณอย่างคุ้มค่า\t83.10\n"
    later = extract("ผลการประเมินแบบวัด IIT ตัวชี้วัดที่ 2 การใช้งบประมาณ\n\n" + table)
    assert later["scores"].empty
    assert sorted(later["unread"]["number"]) == ["83.10", "85.20"]
    first = extract("ผลการประเมินแบบวัด IIT ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่\n\n" + table)
    assert scores_of(first, "item") == {"i1": 85.2, "i2": 83.1}


def test_two_tables_a_pdf_stacked_into_one_grid_are_read_each_under_its_header() -> None:
    """Regression (a probe's Word-made PDF): a table of items (`ข้อที่ | ประเด็นคำถาม | คะแนน`) and
    right below it one of indicators (`ตัวชี้วัด | ชื่อตัวชี้วัด | คะแนน`) came out as one grid; the
    second header was read as a row and the indicators as items i1-i3 of indicator 1."""
    rows = extract("ผลการประเมินแบบวัด IIT ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่\n\n"
                   "ข้อที่\tประเด็นคำถาม\tคะแนน\n1\tปฏิบัติงานตามมาตรฐาน\t95.20\n"
                   "2\tปฏิบัติงานเต็มความสามารถ\t93.10\n3\tให้บริการเท่าเทียม\t94.50\n"
                   "ตัวชี้วัด\tชื่อตัวชี้วัด\tคะแนน\n3\tการใช้อำนาจ\t91.08\n1\tการปฏิบัติหน้าที่\t94.22\n"
                   "2\tการใช้งบประมาณ\t86.30\n")
    assert scores_of(rows, "item") == {"i1": 95.2, "i2": 93.1, "i3": 94.5}
    assert scores_of(rows, "indicator") == {1: 94.22, 2: 86.3, 3: 91.08}
    assert rows["unread"].empty


@pytest.mark.parametrize("table", [
    # the header printed again (a page break): one table
    "ตัวชี้วัด\tคะแนน\nการปฏิบัติหน้าที่\t95.40\nตัวชี้วัด\tคะแนน\nการใช้งบประมาณ\t88.10\nการใช้อำนาจ\t90.25\n",
    # a category row of one label between rows of values: one table
    "ประเด็น\tมาตรการ\tผู้รับผิดชอบ\nการปฏิบัติหน้าที่\tจัดทำคู่มือ 2 ฉบับ\tสำนักปลัด\nด้านที่ 2\t\t\n"
    "การใช้งบประมาณ\tเผยแพร่แผน\tกองคลัง\n",
], ids=["repeated-header", "category-row"])
def test_a_table_is_split_only_at_a_header_of_other_roles(table: str) -> None:
    from ita_extract.parsers.text import parse_text
    from ita_extract.pipeline.ita.table_views import stacked_tables

    block = next(b for b in parse_text(table).blocks if b.kind == "table")
    assert stacked_tables(block) == [block]


_EIT_TITLE = ("การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
              "ประจำปีงบประมาณ พ.ศ. 2566\nเทศบาลตำบลบ้านแหลม อำเภอบ้านแหลม จังหวัดเพชรบุรี\n\n")


@pytest.mark.parametrize("body", [
    "ตัวชี้วัดที่ 6 คุณภาพการดำเนินงาน คะแนน 88.20\n"
    "E1\tเจ้าหน้าที่ของหน่วยงานที่ท่านติดต่อ ปฏิบัติงาน/ให้บริการแก่ท่าน ตามขั้นตอนที่กำหนด\t90.10\n"
    "E2\tเจ้าหน้าที่ของหน่วยงานที่ท่านติดต่อ ปฏิบัติงาน/ให้บริการแก่ท่าน ตามระยะเวลาที่กำหนด\t86.30\n",
    "ตัวชี้วัดที่ 6 คุณภาพการดำเนินงาน\t\t88.20\n"
    "E1\tเจ้าหน้าที่ของหน่วยงานที่ท่านติดต่อ ปฏิบัติงาน/ให้บริการแก่ท่าน ตามขั้นตอนที่กำหนด\t90.10\n"
    "E2\tเจ้าหน้าที่ของหน่วยงานที่ท่านติดต่อ ปฏิบัติงาน/ให้บริการแก่ท่าน ตามระยะเวลาที่กำหนด\t86.30\n",
], ids=["caption-above", "indicator-row-first"])
def test_an_item_table_printed_without_a_header_gives_every_row(body: str) -> None:
    """Regression (a probe): `E1 | question | 90.10` taken for a header left its table unread."""
    rows = extract(body, title=_EIT_TITLE)
    assert scores_of(rows, "item") == {"e1": 90.1, "e2": 86.3}
    assert scores_of(rows, "indicator") == {6: 88.2}
    assert set(rows["scores"][rows["scores"]["level"] == "item"]["indicator"]) == {6}
    assert rows["unread"].empty


def test_a_table_whose_first_row_holds_no_value_keeps_it_as_its_header() -> None:
    rows = extract("มาตรการ\tผู้รับผิดชอบ\tระยะเวลา\nมาตรการเผยแพร่ข้อมูล\tสำนักปลัด\tต.ค. 66 - ก.ย. 67\n",
                   title=_EIT_TITLE)
    assert rows["scores"].empty



@pytest.mark.parametrize("body", [
    "ข้อคำถาม\tตัวชี้วัด\tคะแนน\ni1 - i6\tการปฏิบัติหน้าที่\t95.20\ni7-12\tการใช้งบประมาณ\t88.45\n",
    "ตัวชี้วัด\tคะแนน\ni1 - i6 การปฏิบัติหน้าที่\t95.20\ni7 ถึง i12 การใช้งบประมาณ\t88.45\n",
], ids=["range-in-a-code-column", "range-before-the-name"])
def test_a_row_of_a_range_of_items_is_its_indicators_never_its_first_items(body: str) -> None:
    """Regression (a probe): `i1 - i6 | การปฏิบัติหน้าที่ | 95.20` gave item i1 95.20, a wrong value."""
    rows = extract(body)
    assert "item" not in set(rows["scores"]["level"])
    assert scores_of(rows, "indicator") == {1: 95.2, 2: 88.45}



def test_a_range_ocr_cut_short_in_a_table_of_ranges_is_still_its_indicators() -> None:
    """Regression (a probe's scan): OCR read `i1 - i6` as `i6`; the row gave item i6 95.20, a wrong
    value. In a table whose rows are ranges of items, a lone code is a range cut short."""
    rows = extract("ข้อคำถาม\tตัวชี้วัด\tคะแนน\ni6\tการปฏิบัติหน้าที่\t95.20\ni7 - i12\tการใช้งบประมาณ\t88.45\n"
                   "i13 - i18\tการใช้อำนาจ\t97.10\n")
    assert "item" not in set(rows["scores"]["level"])
    assert scores_of(rows, "indicator") == {1: 95.2, 2: 88.45, 3: 97.1}


def test_items_beside_their_indicators_name_stay_items() -> None:
    rows = extract("ข้อ\tตัวชี้วัด\tคะแนน\ni1\tการปฏิบัติหน้าที่\t96.10\ni2\tการปฏิบัติหน้าที่\t94.30\n"
                   "i7 - i12\tการใช้งบประมาณ\t88.45\n")
    assert scores_of(rows, "item") == {"i1": 96.1, "i2": 94.3}


@pytest.mark.parametrize("headers", ["ตัวชี้วัด\tปีที่ผ่านมา\tปีนี้\tผลต่าง",
                                     "ตัวชี้วัด\tคะแนนปีที่แล้ว\tคะแนนปีปัจจุบัน\tผลต่าง",
                                     "ตัวชี้วัด\tปีทีผ่านมา\tปีนี้\tผลต่าง"],
                         ids=["bare", "scores-of", "a-mark-lost-by-ocr"])
def test_year_columns_headed_by_words_take_their_years_from_the_assessments(headers: str) -> None:
    """Regression (a probe): `ปีที่ผ่านมา | ปีนี้` columns were unread (and a year column without a
    year would have given both values the assessment year)."""
    rows = extract(headers + "\nการปฏิบัติหน้าที่\t90.10\t92.15\t+2.05\nคะแนนรวม\t88.20\t91.45\t+3.25\n")
    scores = rows["scores"]
    assert sorted(zip(scores["level"], scores["score_year_be"], scores["score"], strict=True)) == [
        ("indicator", 2565, 90.1), ("indicator", 2566, 92.15),
        ("overall", 2565, 88.2), ("overall", 2566, 91.45)]
    assert rows["unread"].empty


def test_a_tools_acronym_glued_to_a_number_is_no_tool() -> None:
    """Regression (a probe): an item's code printed `IIT5` in a code column gave the tool IIT the
    item's score (96.60); left unread. A tool's acronym glued to its score still names it."""
    rows = extract("ข้อ\tประเด็น\tคะแนน\nIIT5\tไม่เรียกรับสินบน\t96.60\nEIT-3\tให้บริการเท่าเทียม\t91.10\n")
    assert rows["scores"].empty
    assert sorted(rows["unread"]["number"]) == ["91.10", "96.60"]
    glued = extract("ผลการประเมิน IIT91.45 คะแนน\n")
    assert scores_of(glued, "tool") == {"IIT": 91.45}


def test_codes_printed_with_a_hyphen_a_dot_or_after_the_word_for_question() -> None:
    """Regression (a probe): `i-1`, `i.2` and `ข้อ i4` in a code column left their rows unread."""
    rows = extract("ผลการประเมิน IIT ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่\n\nข้อ\tประเด็น\tคะแนน\n"
                   "i-1\tปฏิบัติงานตามมาตรฐาน\t95.20\ni.2\tปฏิบัติงานเต็มความสามารถ\t93.10\n"
                   "I3\tให้บริการเท่าเทียม\t94.50\nข้อ i4\tมุ่งผลสำเร็จของงาน\t92.80\n")
    assert scores_of(rows, "item") == {"i1": 95.2, "i2": 93.1, "i3": 94.5, "i4": 92.8}
    assert rows["unread"].empty


@pytest.mark.parametrize(
    ("province", "nation"),
    [("ค่าเฉลี่ยจังหวัด", "ค่าเฉลี่ยประเทศ"), ("คะแนนเฉลี่ยระดับจังหวัด", "คะแนนเฉลี่ยทั้งประเทศ"),
     ("ค่าเฉลี่ยของ อปท. ในจังหวัด", "ค่าเฉลี่ยของหน่วยงานทั่วประเทศ"), ("ระดับจังหวัด", "ระดับประเทศ"),
     ("คะแนนสูงสุดในจังหวัด", "คะแนนต่ำสุดของประเทศ")],
)
def test_averages_beside_the_scores_are_benchmarks_not_scores(province: str, nation: str) -> None:
    """Averages of the province and the nation printed beside the document's own scores were left
    unread (and `คะแนนเฉลี่ย…` was the score column's header)."""
    tables = extract(
        f"| ตัวชี้วัด | คะแนนหน่วยงาน | {province} | {nation} |\n|---|---|---|---|\n"
        "| 1. การปฏิบัติหน้าที่ | 95.10 | 93.20 | 92.15 |\n| 2. การใช้งบประมาณ | 88.40 | 86.75 | 85.30 |\n")
    assert scores_of(tables, "indicator") == {1: 95.1, 2: 88.4}
    assert tables["unread"].empty


def test_ranks_in_the_province_and_the_nation_are_ranks() -> None:
    tables = extract("| รายการ | คะแนน | ลำดับในจังหวัด | อันดับที่ของประเทศ |\n|---|---|---|---|\n"
                     "| คะแนน ITA | 90.12 | 15 | 1,234 |\n")
    assert scores_of(tables, "overall") == {2566: 90.12}
    assert tables["unread"].empty


@pytest.mark.parametrize(
    "table",
    [
        "| แบบวัด | จำนวน (คน) | ร้อยละ |\n|---|---|---|\n| IIT | 25 | 33.33 |\n| EIT | 50 | 66.67 |\n"
        "| รวม | 75 | 100.00 |\n",
        "| กลุ่มผู้ตอบ | จำนวนผู้ตอบแบบวัด | % |\n|---|---|---|\n| ภายใน (IIT) | 25 | 33.33 |\n"
        "| ภายนอก (EIT) | 50 | 66.67 |\n",
    ],
)
def test_respondents_counted_by_tool_and_their_shares_are_no_scores(table: str) -> None:
    """Regression: a table of respondents by tool (`แบบวัด | จำนวน (คน) | ร้อยละ`) gave their shares
    as the tools' scores (IIT 33.33, EIT 66.67) and the total's 100 as the overall."""
    tables = extract("จำนวนผู้ตอบแบบวัด\n\n" + table)
    assert tables["scores"].empty
    assert tables["unread"].empty


def test_a_count_beside_the_scores_leaves_the_scores_read() -> None:
    tables = extract("| แบบวัด | จำนวนผู้ตอบ | คะแนน |\n|---|---|---|\n"
                     "| IIT | 25 | 93.10 |\n| EIT | 50 | 89.87 |\n")
    assert scores_of(tables, "tool") == {"IIT": 93.1, "EIT": 89.87}
    assert tables["unread"].empty


def test_items_scored_in_per_cent_beside_their_respondents_are_scores() -> None:
    """Per cents beside a count that add up to more than 100 are the items' scores, not shares."""
    tables = extract("| ข้อ | ข้อคำถาม | จำนวนผู้ตอบ | ร้อยละ |\n|---|---|---|---|\n"
                     "| i1 | ท่านปฏิบัติงานตามขั้นตอน | 25 | 95.10 |\n"
                     "| i2 | ท่านให้บริการอย่างเท่าเทียม | 25 | 88.40 |\n")
    assert scores_of(tables, "item") == {"i1": 95.1, "i2": 88.4}


@pytest.mark.parametrize("header", ["คะแนนเฉลี่ย (เต็ม 5)", "คะแนนเฉลี่ย (5 ระดับ)", "คะแนน เต็ม 5 คะแนน",
                                    "คะแนนเฉลี่ย"])  # the values alone say it: every one a fraction up to 5
def test_a_mean_on_a_rating_scale_is_no_score(header: str) -> None:
    """Regression: items' means on a five-point scale under `คะแนนเฉลี่ย (เต็ม 5)` were read as their
    0–100 scores (i1 4.52); the scale's means and deviations are accounted, not unread."""
    tables = extract(f"| ข้อ | ข้อคำถาม | {header} | S.D. | แปลผล |\n|---|---|---|---|---|\n"
                     "| i1 | ปฏิบัติงานตามขั้นตอน | 4.52 | 0.61 | มากที่สุด |\n"
                     "| i2 | ใช้งบประมาณอย่างคุ้มค่า | 3.90 | 0.70 | มาก |\n")
    assert tables["scores"].empty
    assert tables["unread"].empty


EIT_ACROSS = ("|  | ตัวชี้วัดที่ 6 | ตัวชี้วัดที่ 7 | ตัวชี้วัดที่ 8 |\n|---|---|---|---|\n"
              "| คะแนน | 82.10 | 78.25 | 80.31 |\n")


def test_indicators_as_headings_over_a_row_of_scores_and_a_row_of_grades() -> None:
    """Regression (a probe): a row of grades under the headings made the table unread, and its
    scores went silent (a number alone under `ตัวชี้วัดที่ 6` taken for an indicator's number)."""
    tables = extract(EIT_ACROSS + "| ระดับ | C | C | C |\n\nแบบวัด EIT ได้ 80.22 คะแนน\n")
    assert scores_of(tables, "indicator") == {6: 82.1, 7: 78.25, 8: 80.31}
    assert set(tables["scores"]["verification"]) == {"verified"}
    assert tables["unread"].empty


def test_a_row_labelled_as_grades_is_passed_over_whatever_ocr_made_of_them() -> None:
    tables = extract(EIT_ACROSS + "| ระดับ | Cc | C | เซ |\n")
    assert scores_of(tables, "indicator") == {6: 82.1, 7: 78.25, 8: 80.31}


def test_a_score_alone_under_an_indicator_heading_is_never_silent() -> None:
    """A table no reader takes (a row of words under the headings): its scores are unread, not
    indicator numbers (an indicator's number is a small whole number)."""
    tables = extract(EIT_ACROSS + "| หมายเหตุ | ต่ำกว่าเกณฑ์ | ต่ำกว่าเกณฑ์ | ต่ำกว่าเกณฑ์ |\n")
    assert sorted(tables["unread"]["number"]) == ["78.25", "80.31", "82.10"]



IIT_ROWS = ("| ตัวชี้วัด | คะแนน |\n|---|---|\n| 1. การปฏิบัติหน้าที่ | 95.10 |\n| 2. การใช้งบประมาณ | 89.00 |\n"
            "| 3. การใช้อำนาจ | 91.67 |\n| 4. การใช้ทรัพย์สินของราชการ | 94.66 |\n"
            "| 5. การแก้ไขปัญหาการทุจริต | 95.62 |\n")
TOOL_ROWS = ("| แบบวัด | คะแนน |\n|---|---|\n| IIT | 93.21 |\n| EIT | 80.22 |\n| OIT | 97.50 |\n")


def test_a_mean_under_a_tools_indicators_is_the_tools_score() -> None:
    """Regression (a probe): `คะแนนเฉลี่ย | 93.21` under the rows of indicators 1 to 5 was read
    as indicator 5's second score (a conflict with its own 95.62); it is IIT's, their mean."""
    tables = extract(IIT_ROWS + "| คะแนนเฉลี่ย | 93.21 |\n")
    assert scores_of(tables, "tool") == {"IIT": 93.21}
    assert scores_of(tables, "indicator")[5] == 95.62
    assert set(tables["scores"]["verification"]) == {"verified"}


def test_a_mean_under_some_of_a_tools_indicators_is_no_ones() -> None:
    body = IIT_ROWS.replace("| 5. การแก้ไขปัญหาการทุจริต | 95.62 |\n", "") + "| คะแนนเฉลี่ย | 92.61 |\n"
    tables = extract(body)
    assert 92.61 not in set(tables["scores"]["score"])
    assert tables["unread"]["number"].tolist() == ["92.61"]


@pytest.mark.parametrize(("label", "overall"), [("คะแนนเฉลี่ยรวม", 91.03), ("ค่าเฉลี่ย", None)])
def test_a_mean_under_the_tools_is_the_overall_where_it_says_so(label: str, overall: float | None) -> None:
    """Regression (a probe): `คะแนนเฉลี่ยรวม | 91.45` under the tools' rows was read as OIT's."""
    tables = extract(TOOL_ROWS + f"| {label} | 91.03 |\n")
    assert scores_of(tables, "tool") == {"IIT": 93.21, "EIT": 80.22, "OIT": 97.5}
    assert scores_of(tables, "overall") == ({2566: overall} if overall else {})


@pytest.mark.parametrize("corner", ["ปีงบประมาณ", "ปี", "ปีงบประมาณ พ.ศ.", "พ.ศ.", "", "รายการ"])
def test_a_row_of_overall_scores_under_bare_years(corner: str) -> None:
    """Regression (a probe): the word for year over the labels' column (`ปีงบประมาณ | 2564 | 2565
    …`, the years across) gave that column no role, and the row of the four years' overall
    scores was unread."""
    tables = extract(f"| {corner} | 2563 | 2564 | 2565 | 2566 |\n|---|---|---|---|---|\n"
                     "| คะแนน ITA | 78.50 | 85.12 | 88.40 | 91.45 |\n")
    assert scores_of(tables, "overall") == {2563: 78.5, 2564: 85.12, 2565: 88.4, 2566: 91.45}


def test_a_mean_under_eits_two_parts_is_eits() -> None:
    tables = extract("| แบบวัด | คะแนน |\n|---|---|\n| EIT ส่วนที่ 1 | 88.00 |\n| EIT ส่วนที่ 2 | 92.00 |\n"
                     "| คะแนนเฉลี่ย | 90.00 |\n")
    tools = tables["scores"][tables["scores"]["level"] == "tool"]
    found = sorted(zip(tools["tool_part"].fillna(0).astype(int), tools["score"], strict=True))
    assert found == [(0, 90.0), (1, 88.0), (2, 92.0)]
    assert set(tools["verification"]) == {"verified"}
