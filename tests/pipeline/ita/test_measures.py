"""Measures tables in the layouts documents print them; header synonyms come from table_columns.csv."""

import datetime as dt

import pytest

from tests.pipeline.helpers import extract

MEASURES_TITLE = ("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๖\n"
                  "เทศบาลตำบลเหมืองจี้ อำเภอเมืองลำพูน จังหวัดลำพูน\n\n")


def _measures(body: str):
    return extract(body, title=MEASURES_TITLE)["measures"]


def test_measure_guideline_method_responsible_period_follow_up() -> None:
    measures = _measures(
        "| มาตรการ/แนวทาง | วิธีการ | ผู้รับผิดชอบ | ระยะเวลา | การติดตามผล |\n|---|---|---|---|---|\n"
        "| มาตรการป้องกันการรับสินบน | 1) จัดทำประกาศ 2) เผยแพร่ประกาศ 3) รายงานผล | สำนักปลัด, กองคลัง "
        "| ต.ค. ๖๕ – ก.ย. ๖๖ | รายงานผู้บริหารทุกไตรมาส |\n"
        "| มาตรการ No Gift Policy | • ประกาศนโยบาย • รณรงค์ | งานนิติการ | มกราคม - มีนาคม ๒๕๖๖ | |\n")
    first, second = measures.iloc[0], measures.iloc[1]
    assert first["title"] == "มาตรการป้องกันการรับสินบน"
    assert list(first["steps"]) == ["จัดทำประกาศ", "เผยแพร่ประกาศ", "รายงานผล"]
    assert list(first["responsible"]) == ["สำนักปลัด", "กองคลัง"]
    assert (first["period_start"], first["period_end"]) == (dt.date(2022, 10, 1), dt.date(2023, 9, 30))
    assert first["timeframe_raw"] == "ต.ค. 65 – ก.ย. 66"
    assert first["follow_up"] == "รายงานผู้บริหารทุกไตรมาส"
    assert list(second["steps"]) == ["ประกาศนโยบาย", "รณรงค์"]
    assert (second["period_start"], second["period_end"]) == (dt.date(2023, 1, 1), dt.date(2023, 3, 31))
    # A follow-up printed once for both rows (a merged cell) applies to the row below it.
    assert second["follow_up"] == "รายงานผู้บริหารทุกไตรมาส"
    assert measures["plan_year_be"].tolist() == [2566, 2566]


def test_analysis_area_activity_project_table() -> None:
    measures = _measures(
        "| ประเด็นการวิเคราะห์ | กิจกรรม/โครงการ | ขั้นตอนการดำเนินการ | ระยะเวลา | ผู้รับผิดชอบ |\n"
        "|---|---|---|---|---|\n"
        "| ประเด็นที่ ๔ กระบวนการกำกับดูแลการใช้ทรัพย์สินของราชการ | โครงการจัดทำคู่มือการยืมทรัพย์สิน "
        "| ๑. จัดทำคู่มือ ๒. ประชาสัมพันธ์ | ไตรมาส ๒-๓ | กองคลัง |\n"
        "| ประเด็นที่ ๗ กลไกและมาตรการในการแก้ไขและป้องกันการทุจริต | กิจกรรมเสริมสร้างจริยธรรม "
        "| อบรมบุคลากร | ตลอดปีงบประมาณ | สำนักปลัด |\n")
    assert measures["issue_area"].tolist() == [4, 7]
    assert measures["title"].tolist() == ["โครงการจัดทำคู่มือการยืมทรัพย์สิน", "กิจกรรมเสริมสร้างจริยธรรม"]
    assert (measures.iloc[0]["period_start"], measures.iloc[0]["period_end"]) == (
        dt.date(2023, 1, 1), dt.date(2023, 6, 30))
    assert (measures.iloc[1]["period_start"], measures.iloc[1]["period_end"]) == (
        dt.date(2022, 10, 1), dt.date(2023, 9, 30))


def test_category_rows_give_the_area_to_the_rows_below() -> None:
    measures = _measures(
        "| ลำดับ | มาตรการ | วิธีดำเนินการ | ผู้รับผิดชอบ |\n|---|---|---|---|\n"
        "| ๒. การให้บริการและระบบ E-Service | | | |\n"
        "| ๑ | พัฒนาระบบรับคำร้องออนไลน์ | จัดทำแบบฟอร์มออนไลน์ | สำนักปลัด |\n"
        "| ๒ | ประชาสัมพันธ์ช่องทาง E-Service | เผยแพร่ทางเว็บไซต์ | งานประชาสัมพันธ์ |\n")
    assert measures["seq"].tolist() == [1, 2]
    assert measures["issue_area"].tolist() == [2, 2]


def test_status_from_the_ticked_box_and_none_when_nothing_is_ticked() -> None:
    measures = _measures(
        "| มาตรการ/กิจกรรม | วิธีดำเนินการ | ผู้รับผิดชอบ | ผลการดำเนินการ |\n|---|---|---|---|\n"
        "| กิจกรรมหนึ่ง | ทำ | กองช่าง | ☐ ดำเนินการแล้วเสร็จ<br>☑ อยู่ระหว่างดำเนินการ<br>☐ ยังไม่ได้ดำเนินการ |\n"
        "| กิจกรรมสอง | ทำ | กองช่าง | ☐ ดำเนินการแล้วเสร็จ<br>☐ อยู่ระหว่างดำเนินการ<br>☑ ยังไม่ได้ดำเนินการ |\n"
        "| กิจกรรมสาม | ทำ | กองช่าง | รายงานแล้ว |\n")
    assert measures["status"].tolist()[:2] == ["in_progress", "not_started"]
    assert measures["status"].isna().tolist() == [False, False, True]
    assert measures["result"].tolist()[2] == "รายงานแล้ว"


def test_boxes_printed_after_the_result_in_its_cell_are_the_status_not_the_result() -> None:
    """Regression: a PDF cell `… ณ จุดให้บริการ ☑ ดำเนินการแล้วเสร็จ ☐ ยังไม่ได้ดำเนินการ` gave the
    boxes' labels as part of the result."""
    measures = _measures(
        "| มาตรการ/กิจกรรม | วิธีดำเนินการ | ผู้รับผิดชอบ | ผลการดำเนินการ |\n|---|---|---|---|\n"
        "| กิจกรรมหนึ่ง | ทำ | กองช่าง | มีผังขั้นตอนแสดง ณ จุดให้บริการ ☑ ดำเนินการแล้วเสร็จ ☐ ยังไม่ได้ดำเนินการ |\n")
    assert measures["result"].tolist() == ["มีผังขั้นตอนแสดง ณ จุดให้บริการ"]
    assert measures["status"].tolist() == ["done"]


def test_a_text_that_is_not_an_ita_document_gives_no_content() -> None:
    tables = extract("| มาตรการ | วิธีการ | ผู้รับผิดชอบ | ระยะเวลา |\n|---|---|---|---|\n"
                     "| ซ่อมถนน | ๑. สำรวจ ๒. ซ่อม | กองช่าง | ไตรมาส ๑ |\n\nตัวชี้วัดที่ ๑ ได้คะแนน ๙๐\n",
                     title="ประกาศรับสมัครงาน เทศบาลตำบลหนองเสม็ด\n\n")
    assert tables["documents"].iloc[0]["doc_type"] == "unknown"
    assert all(tables[name].empty for name in ("scores", "findings", "measures"))
    assert tables["documents"].iloc[0][["n_scores", "n_findings", "n_measures"]].tolist() == [0, 0, 0]


def test_an_area_number_with_ocr_marks_in_its_brackets_is_not_part_of_the_title() -> None:
    # 003 scanned: OCR reads `(๕)` as `(๕@)` and `(๗)` as `(๗/)`.
    measures = _measures(
        "| ประเด็น | ขั้นตอน/วิธีการปฏิบัติ | ระยะเวลา ดำเนินการ | หน่วยงาน ผู้รับผิดชอบ |\n|---|---|---|---|\n"
        "| (๕@) กระบวนการสร้างความโปร่งใสในการใช้งบประมาณ | ๑. เผยแพร่แผน | ไตรมาส ๑-๔ | กองคลัง |\n"
        "| (๗/) กลไกและมาตรการในการแก้ไขและป้องกันการทุจริต | ๑. อบรม | ไตรมาส ๑-๔ | สำนักปลัด |\n"
        "| ๓. ช่องทางและรูปแบบการประชาสัมพันธ์ | ๑. เผยแพร่ข่าว | ไตรมาส ๑-๔ | สำนักปลัด |\n"
        "| ประเด็นที่ 2 การให้บริการและระบบ E-Service | ๑. สำรวจ | ไตรมาส ๑-๔ | สำนักปลัด |\n")
    assert measures["issue_area"].tolist() == [5, 7, 3, 2]
    assert measures["title"].tolist() == ["กระบวนการสร้างความโปร่งใสในการใช้งบประมาณ",
                                          "กลไกและมาตรการในการแก้ไขและป้องกันการทุจริต",
                                          "ช่องทางและรูปแบบการประชาสัมพันธ์",
                                          "การให้บริการและระบบ E-Service"]


def test_a_report_of_measures_with_a_result_and_a_status_column_is_read() -> None:
    """Regression: `มาตรการ | ผลการดำเนินการ | สถานะ | ปัญหา/อุปสรรค` (a report on the measures,
    no steps or responsible unit) gave no measure: one measure column role was not enough."""
    measures = _measures(
        "| ที่ | มาตรการ | ผลการดำเนินการ | สถานะ | ปัญหา/อุปสรรค |\n|---|---|---|---|---|\n"
        "| ๑ | มาตรการเผยแพร่ข้อมูลต่อสาธารณะ | เผยแพร่ข้อมูลครบ ๓๓ รายการ | ดำเนินการแล้วเสร็จ | - |\n"
        "| ๒ | มาตรการจัดการเรื่องร้องเรียน | อยู่ระหว่างจัดทำคู่มือ | อยู่ระหว่างดำเนินการ | งบประมาณจำกัด |\n"
        "| ๓ | มาตรการตรวจสอบการใช้ทรัพย์สิน | - | ยังไม่ดำเนินการ | บุคลากรไม่เพียงพอ |\n")
    assert measures["title"].tolist() == ["มาตรการเผยแพร่ข้อมูลต่อสาธารณะ", "มาตรการจัดการเรื่องร้องเรียน",
                                          "มาตรการตรวจสอบการใช้ทรัพย์สิน"]
    assert measures["status"].tolist() == ["done", "in_progress", "not_started"]
    assert measures["result"].tolist()[:2] == ["เผยแพร่ข้อมูลครบ 33 รายการ", "อยู่ระหว่างจัดทำคู่มือ"]


def test_a_column_of_success_indicators_is_a_target_not_a_result() -> None:
    """Regression: `ตัวชี้วัดความสำเร็จ` (what would count as success) was read as the measure's
    result (ความสำเร็จ), and an item code cited there (`ผลคะแนน i16 ไม่ต่ำกว่า 85.00`) was not linked."""
    rows = extract(
        "| ที่ | มาตรการ/แนวทาง | วิธีการดำเนินการ | ผู้รับผิดชอบ | ระยะเวลาดำเนินการ | ตัวชี้วัดความสำเร็จ |\n"
        "|---|---|---|---|---|---|\n"
        "| 1 | มาตรการป้องกันการรับสินบน | 1. ประกาศนโยบาย 2. ประชาสัมพันธ์ | สำนักปลัด | ต.ค. 65 - ก.ย. 66 "
        "| บุคลากรร้อยละ 80 รับทราบนโยบาย |\n"
        "| 2 | มาตรการการใช้ทรัพย์สินของราชการ | จัดทำคู่มือ | กองช่าง | มกราคม - มีนาคม 2566 "
        "| ผลคะแนน i16 ไม่ต่ำกว่า 85.00 |\n", title=MEASURES_TITLE)
    measures = rows["measures"]
    assert measures["result"].isna().all()
    assert [list(c) for c in measures["item_codes"]] == [[], ["i16"]]
    assert rows["unread"].empty  # its numbers are targets
    assert rows["scores"].empty
    for header in ("ตัวชี้วัด/เป้าหมาย", "ตัวชี้วัดและค่าเป้าหมาย", "ผลที่คาดว่าจะได้รับ", "เป้าหมาย"):
        from ita_extract.pipeline.ita.table_views import column_role

        assert column_role(header)[0] == "target", header


def test_a_status_ticked_in_a_column_of_its_own() -> None:
    """Regression: a report printing one column per status (ดำเนินการแล้ว | อยู่ระหว่างดำเนินการ |
    ยังไม่ดำเนินการ) and a tick under one gave every measure no status."""
    measures = extract(
        "| ลำดับ | มาตรการ/กิจกรรม | ผลการดำเนินงาน | ดำเนินการแล้ว | อยู่ระหว่างการดำเนินการ | ยังไม่ได้ดำเนินการ |\n"
        "|---|---|---|---|---|---|\n"
        "| 1 | มาตรการเผยแพร่ข้อมูลต่อสาธารณะ | ปรับปรุงเว็บไซต์ | ✓ | | |\n"
        "| 2 | มาตรการป้องกันการรับสินบน | ประกาศนโยบายแล้ว | | / | |\n"
        "| 3 | มาตรการจัดการเรื่องร้องเรียน | - | | | √ |\n"
        "| 4 | มาตรการตรวจสอบการใช้ดุลพินิจ | - | | | |\n",
        title="รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. 2567\n"
              "เทศบาลตำบลท่าช้าง\n\n")["measures"]
    assert measures["status"].tolist()[:3] == ["done", "in_progress", "not_started"]
    assert measures["status"].isna().tolist() == [False, False, False, True]
    assert [list(s) for s in measures["steps"]] == [[], [], [], []]  # a tick is no step
    assert measures["result"].tolist()[:2] == ["ปรับปรุงเว็บไซต์", "ประกาศนโยบายแล้ว"]


@pytest.mark.parametrize("tick", ["✓", "✔", "☑", "√", "/", "v", "x", "\uf0fc", "\uf0fe", "ü", "þ"])
def test_the_ticks_reports_print(tick: str) -> None:
    measures = extract(
        "| มาตรการ | ผลการดำเนินงาน | ดำเนินการแล้วเสร็จ | ยังไม่ดำเนินการ |\n|---|---|---|---|\n"
        f"| มาตรการป้องกันการรับสินบน | ประกาศนโยบายแล้ว | {tick} | |\n",
        title=MEASURES_TITLE)["measures"]
    assert measures["status"].tolist() == ["done"]


def test_a_measure_citing_one_indicator_is_linked_to_it() -> None:
    """Regression: `… ตามตัวชี้วัดที่ 9 การเปิดเผยข้อมูล` in its steps, `คะแนนตัวชี้วัดที่ 9 ไม่น้อยกว่า 90`
    as its target: the measure was tied to no indicator. Two indicators cited tie it to none."""
    measures = _measures(
        "| มาตรการ | วิธีการดำเนินการ | ผู้รับผิดชอบ | ตัวชี้วัดความสำเร็จ |\n|---|---|---|---|\n"
        "| มาตรการเผยแพร่ข้อมูลต่อสาธารณะ | เผยแพร่ข้อมูลตามตัวชี้วัดที่ 9 การเปิดเผยข้อมูล | กองคลัง "
        "| คะแนนตัวชี้วัดที่ 9 ไม่น้อยกว่า 90 คะแนน |\n"
        "| มาตรการป้องกันการรับสินบน | ประกาศนโยบาย | สำนักปลัด | ตัวชี้วัดที่ 3 และตัวชี้วัดที่ 5 ดีขึ้น |\n")
    assert measures["indicator"].tolist()[0] == 9 and measures["tool"].tolist()[0] == "OIT"
    assert measures["indicator"].isna().tolist() == [False, True]


def test_a_measure_whose_weakness_cites_one_indicator_is_linked_to_it() -> None:
    """Regression (a probe): `ตัวชี้วัดที่ 8 การปรับปรุงการทำงาน (80.31)` in the weakness the
    measure answers (`ประเด็นที่ต้องพัฒนา`) tied it to no indicator."""
    measures = _measures(
        "| ประเด็นที่ต้องพัฒนา | มาตรการ/แนวทาง | ผู้รับผิดชอบ | ระยะเวลา |\n|---|---|---|---|\n"
        "| ตัวชี้วัดที่ 8 การปรับปรุงการทำงาน (80.31) | เปิดช่องทางรับฟังความคิดเห็น | สำนักปลัด | ไตรมาส 2-3 |\n")
    assert (measures["indicator"].tolist(), measures["tool"].tolist()) == ([8], ["EIT"])


REPORT_TITLE = ("รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
                "ประจำปีงบประมาณ พ.ศ. 2567\nองค์การบริหารส่วนตำบลบางพระ อำเภอศรีราชา จังหวัดชลบุรี\n\n")
_RECORDS = ("มาตรการที่ 1 มาตรการเผยแพร่ข้อมูลต่อสาธารณะ\nผู้รับผิดชอบ สำนักปลัด\nระยะเวลา มกราคม - กันยายน 2567\n"
            "ผลการดำเนินการ ปรับปรุงข้อมูลบนเว็บไซต์ครบถ้วนทุกรายการ\nสถานะ ดำเนินการแล้วเสร็จ\n\n"
            "มาตรการที่ 2 มาตรการป้องกันการรับสินบน\nผู้รับผิดชอบ: กองการเจ้าหน้าที่\nระยะเวลา: ตลอดปีงบประมาณ 2567\n"
            "ผลการดำเนินการ: ประกาศนโยบายไม่รับของขวัญ (No Gift Policy)\nสถานะ: อยู่ระหว่างดำเนินการ\n")


@pytest.mark.parametrize("body", [
    _RECORDS,
    # as a Word PDF's text layer gives it: the record's start after the heading on one line, two
    # fields run together on another
    "รายงานผลการดำเนินการ มาตรการที่ 1 มาตรการเผยแพร่ข้อมูลต่อสาธารณะ\n\nผู้รับผิดชอบ สำนักปลัด\n\n"
    "ระยะเวลา มกราคม - กันยายน 2567\n\n"
    "ผลการดำเนินการ ปรับปรุงข้อมูลบนเว็บไซต์ครบถ้วนทุกรายการ สถานะ ดำเนินการแล้วเสร็จ\n\n"
    "มาตรการที่ 2 มาตรการป้องกันการรับสินบน\n\nผู้รับผิดชอบ: กองการเจ้าหน้าที่\n\nระยะเวลา: ตลอดปีงบประมาณ 2567\n\n"
    "ผลการดำเนินการ: ประกาศนโยบายไม่รับของขวัญ (No Gift Policy) สถานะ: อยู่ระหว่างดำเนินการ\n",
], ids=["a-field-a-line", "fields-run-together"])
def test_measures_printed_as_records_of_labelled_fields(body: str) -> None:
    """Regression (a probe): a report printing each measure as `มาตรการที่ N …` over labelled lines
    gave no measure, and nothing said so."""
    tables = extract(body, title=REPORT_TITLE)
    measures = tables["measures"]
    assert measures["title"].tolist() == ["มาตรการเผยแพร่ข้อมูลต่อสาธารณะ", "มาตรการป้องกันการรับสินบน"]
    assert [list(r) for r in measures["responsible"]] == [["สำนักปลัด"], ["กองการเจ้าหน้าที่"]]
    assert measures["status"].tolist() == ["done", "in_progress"]
    assert measures["result"].tolist() == ["ปรับปรุงข้อมูลบนเว็บไซต์ครบถ้วนทุกรายการ",
                                           "ประกาศนโยบายไม่รับของขวัญ (No Gift Policy)"]
    first = measures.iloc[0]
    assert (first["period_start"], first["period_end"]) == (dt.date(2024, 1, 1), dt.date(2024, 9, 30))
    assert first["source_text"].startswith("มาตรการที่ 1")
    assert "measures_unread" not in tables["documents"].iloc[0]["warnings"]


def test_a_measure_named_in_a_sentence_is_no_record() -> None:
    tables = extract("ตามมาตรการที่ 1 ได้ดำเนินการแล้ว และมาตรการที่ 2 อยู่ระหว่างดำเนินการ\n", title=REPORT_TITLE)
    assert tables["measures"].empty


def test_a_measures_document_whose_measures_are_not_read_says_so() -> None:
    tables = extract("หน่วยงานได้ดำเนินการตามแผนครบทุกข้อ\n", title=REPORT_TITLE)
    assert tables["measures"].empty
    assert "measures_unread" in tables["documents"].iloc[0]["warnings"]


def test_measures_printed_as_numbered_points_over_labelled_fields() -> None:
    """Regression (a probe): `1. มาตรการ…` / `2. โครงการ…` each over `วิธีการดำเนินการ:`,
    `ผู้รับผิดชอบ:`, `ระยะเวลา:` gave no measure (measures_unread)."""
    tables = extract(
        "1. มาตรการเผยแพร่ข้อมูลต่อสาธารณะ\nวิธีการดำเนินการ: ปรับปรุงเว็บไซต์ให้ครบถ้วนตามรายการ OIT\n"
        "ผู้รับผิดชอบ: สำนักปลัด\nระยะเวลา: ตุลาคม 2565 - กันยายน 2566\n\n"
        "2. โครงการอบรมคุณธรรมจริยธรรมแก่บุคลากร\nวิธีการดำเนินการ: จัดอบรมปีละ 1 ครั้ง\n"
        "ผู้รับผิดชอบ: กองการเจ้าหน้าที่\nระยะเวลา: ไตรมาสที่ 2\n", title=MEASURES_TITLE)
    measures = tables["measures"]
    assert measures["seq"].tolist() == [1, 2]
    assert measures["title"].tolist() == ["มาตรการเผยแพร่ข้อมูลต่อสาธารณะ", "โครงการอบรมคุณธรรมจริยธรรมแก่บุคลากร"]
    assert [list(s) for s in measures["steps"]] == [["ปรับปรุงเว็บไซต์ให้ครบถ้วนตามรายการ OIT"],
                                                    ["จัดอบรมปีละ 1 ครั้ง"]]
    assert (measures["period_start"].iloc[1], measures["period_end"].iloc[1]) == (dt.date(2023, 1, 1),
                                                                                dt.date(2023, 3, 31))
    assert "measures_unread" not in tables["documents"].iloc[0]["warnings"]


def test_numbered_points_without_fields_are_no_measures() -> None:
    tables = extract("ข้อเสนอแนะ\n1. มาตรการป้องกันการรับสินบนควรประกาศให้ทั่วถึง\n"
                     "2. โครงการอบรมควรจัดทุกปี\n", title=MEASURES_TITLE)
    assert tables["measures"].empty


_MONTHS = "| ต.ค. | พ.ย. | ธ.ค. | ม.ค. | ก.พ. | มี.ค. | เม.ย. | พ.ค. | มิ.ย. | ก.ค. | ส.ค. | ก.ย. |"


def _gantt_row(seq: int, title: str, unit: str, ticked: set[int], tick: str = "✓") -> str:
    cells = "".join(f" {tick if k in ticked else ''} |" for k in range(12))
    return f"| {seq} | {title} | {unit} |{cells}\n"


def _period(measure) -> tuple:
    return measure["period_start"], measure["period_end"]


@pytest.mark.parametrize(
    "header",
    [
        # Regression: the years over the months made the table one of scores: no measure was read
        "| ที่ | มาตรการ/กิจกรรม | ผู้รับผิดชอบ | พ.ศ. ๒๕๖๕ | | | พ.ศ. ๒๕๖๖ |" + " |" * 8 + "\n|" + "---|" * 15
        + "\n| | | |" + _MONTHS[1:] + "\n",
        "| ที่ | มาตรการ/กิจกรรม | ผู้รับผิดชอบ |" + _MONTHS[1:] + "\n|" + "---|" * 15 + "\n",  # the plan's year
        "| ที่ | มาตรการ/กิจกรรม | ผู้รับผิดชอบ | ต.ค. ๖๕ | พ.ย. ๖๕ | ธ.ค. ๖๕ | ม.ค. ๖๖ | ก.พ. ๖๖ | มี.ค. ๖๖ "
        "| เม.ย. ๖๖ "
        "| พ.ค. ๖๖ | มิ.ย. ๖๖ | ก.ค. ๖๖ | ส.ค. ๖๖ | ก.ย. ๖๖ |\n|" + "---|" * 15 + "\n",  # a month's own year
        "| ที่ | โครงการ | หน่วยงานที่รับผิดชอบ | ตุลาคม | พฤศจิกายน | ธันวาคม | มกราคม | กุมภาพันธ์ | มีนาคม | เมษายน "
        "| พฤษภาคม | มิถุนายน | กรกฎาคม | สิงหาคม | กันยายน |\n|" + "---|" * 15 + "\n",  # names in full
    ],
)
def test_a_plans_months_ticked_in_a_gantt_chart_are_its_period(header: str) -> None:
    measures = _measures(header + _gantt_row(1, "อบรมผลประโยชน์ทับซ้อน", "สำนักปลัด", {2, 3})
                         + _gantt_row(2, "เผยแพร่ข้อมูลการจัดซื้อจัดจ้าง", "กองคลัง", set(range(12)))
                         + _gantt_row(3, "สำรวจความพึงพอใจ", "สำนักปลัด", {11}))
    assert measures["title"].tolist() == ["อบรมผลประโยชน์ทับซ้อน", "เผยแพร่ข้อมูลการจัดซื้อจัดจ้าง", "สำรวจความพึงพอใจ"]
    assert [_period(m) for _, m in measures.iterrows()] == [
        (dt.date(2022, 12, 1), dt.date(2023, 1, 31)), (dt.date(2022, 10, 1), dt.date(2023, 9, 30)),
        (dt.date(2023, 9, 1), dt.date(2023, 9, 30))]
    assert measures["responsible"].map(list).tolist() == [["สำนักปลัด"], ["กองคลัง"], ["สำนักปลัด"]]
    # the ticked month's header as printed
    assert measures["timeframe_raw"].iloc[2].split()[-1] in ("ก.ย.", "66", "กันยายน")


@pytest.mark.parametrize("tick", ["✓", "✔", "/", "●", "■", "X", "J", "\uf0fc", "↔"])
def test_the_marks_a_gantt_chart_ticks_months_with(tick: str) -> None:
    measures = _measures("| ที่ | มาตรการ | ผู้รับผิดชอบ |" + _MONTHS[1:] + "\n|" + "---|" * 15 + "\n"
                         + _gantt_row(1, "อบรมบุคลากร", "สำนักปลัด", {6, 7}, tick))
    assert _period(measures.iloc[0]) == (dt.date(2023, 4, 1), dt.date(2023, 5, 31))


def test_quarters_ticked_in_a_gantt_chart_are_the_period() -> None:
    measures = _measures(
        "| ลำดับ | มาตรการ | ขั้นตอนการดำเนินการ | ไตรมาส ๑ | ไตรมาส ๒ | ไตรมาส ๓ | ไตรมาส ๔ | ผู้รับผิดชอบ |\n"
        "|---|---|---|---|---|---|---|---|\n"
        "| ๑ | มาตรการเปิดเผยข้อมูล | เผยแพร่บนเว็บไซต์ | ● | ● | | | สำนักปลัด |\n"
        "| ๒ | มาตรการจัดการเรื่องร้องเรียน | จัดทำคู่มือ | | | | ● | สำนักปลัด |\n")
    assert [_period(m) for _, m in measures.iterrows()] == [
        (dt.date(2022, 10, 1), dt.date(2023, 3, 31)), (dt.date(2023, 7, 1), dt.date(2023, 9, 30))]
    assert measures["timeframe_raw"].tolist() == ["ไตรมาส 1, ไตรมาส 2", "ไตรมาส 4"]


def test_a_printed_timeframe_beats_the_months_ticked_and_no_tick_is_no_period() -> None:
    measures = _measures(
        "| ที่ | มาตรการ | ระยะเวลา | ผู้รับผิดชอบ |" + _MONTHS[1:] + "\n|" + "---|" * 16 + "\n"
        "| 1 | อบรมบุคลากร | มกราคม - มีนาคม ๒๕๖๖ | สำนักปลัด | | | | ✓ | | | | | | | | |\n")
    assert _period(measures.iloc[0]) == (dt.date(2023, 1, 1), dt.date(2023, 3, 31))
    assert measures["timeframe_raw"].iloc[0] == "มกราคม - มีนาคม 2566"
    unticked = _measures("| ที่ | มาตรการ | ผู้รับผิดชอบ |" + _MONTHS[1:] + "\n|" + "---|" * 15 + "\n"
                         + _gantt_row(1, "จัดทำคู่มือ", "สำนักปลัด", set()))
    assert unticked["timeframe_raw"].iloc[0] is None
    assert unticked["period_start"].isna().iloc[0]


def test_a_month_header_ocr_garbled_is_the_month_its_neighbours_skip() -> None:
    """A scan's `A.W.` (ก.พ.) between ม.ค. and มี.ค., `fel.` (ก.ย.) after ส.ค.; a remarks column after
    the months stays remarks."""
    measures = _measures(
        "| ที่ | มาตรการ | ผู้รับผิดชอบ | ต.ค. | พ.ย. | ธ.ค. | ม.ค. | A.W. | มี.ค. | เม.ย. | พ.ค. | มิ.ย. | ก.ค. "
        "| ส.ค. "
        "| fel. | หมายเหตุ |\n|" + "---|" * 16 + "\n"
        "| 1 | อบรมบุคลากร | สำนักปลัด | | | | | J | | | | | | | J | / |\n"
        "| 2 | จัดทำคู่มือ | สำนักปลัด | | | | | J | | | | | | | | |\n")
    assert [_period(m) for _, m in measures.iterrows()] == [
        (dt.date(2023, 2, 1), dt.date(2023, 9, 30)), (dt.date(2023, 2, 1), dt.date(2023, 2, 28))]


def test_a_table_of_counts_by_month_is_no_measures_table() -> None:
    tables = extract("| เรื่อง | ต.ค. | พ.ย. | ธ.ค. |\n|---|---|---|---|\n| เรื่องร้องเรียนการทุจริต | 0 | 1 | 0 |\n",
                     title=MEASURES_TITLE)
    assert tables["measures"].empty


def test_a_reports_plan_and_result_rows_tick_the_months_the_measure_ran_in() -> None:
    """A report's Gantt chart prints each measure's plan (`แผน`) and result (`ผล`) on two rows: the
    months either ticks are the period."""
    measures = _measures(
        "| ที่ | มาตรการ | ผู้รับผิดชอบ | | " + _MONTHS[1:].replace(" |", " |", 12) + "\n|" + "---|" * 16 + "\n"
        "| 1 | อบรมบุคลากร | สำนักปลัด | แผน | | | | ✓ | ✓ | | | | | | | |\n"
        "| | | | ผล | | | | ✓ | ✓ | ✓ | | | | | | |\n")
    assert _period(measures.iloc[0]) == (dt.date(2023, 1, 1), dt.date(2023, 3, 31))
