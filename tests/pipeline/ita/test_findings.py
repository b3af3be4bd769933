"""Findings, recommendations and limitations in prose and in table columns."""

from tests.pipeline.helpers import extract


def _findings(body: str):
    return extract(body)["findings"]


def test_nacc_recommendations_per_item_are_one_finding_each() -> None:
    findings = _findings(
        "ข้อเสนอแนะจากสำนักงาน ป.ป.ช.\n\n"
        "E๙ ประเด็น การปรับปรุงคุณภาพการปฏิบัติงาน ควรนำความคิดเห็นของผู้รับบริการมาปรับปรุง\n"
        "e ๑๒ ประเด็น การปรับปรุงวิธีการและขั้นตอน ควรลดขั้นตอนการให้บริการ\n\n"
        "ส่วนที่ ๓ แผนการดำเนินงาน\n\nข้อความนี้ไม่ใช่ข้อเสนอแนะของหน่วยงานใด ๆ ที่อยู่ในส่วนก่อนหน้าแต่เป็นเนื้อหาทั่วไป"
        "ของเอกสารฉบับนี้ซึ่งยาวพอที่จะไม่ใช่หัวข้อ และไม่ได้รายงานสิ่งที่ค้นพบเกี่ยวกับแบบวัดใด\n")
    assert findings["kind"].tolist() == ["recommendation", "recommendation"]
    assert [list(codes) for codes in findings["item_codes"]] == [["e9"], ["e12"]]
    assert findings["tool"].tolist() == ["EIT", "EIT"]
    assert findings["finding_id"].tolist() == ["abababababababab-f0001", "abababababababab-f0002"]


def test_numbered_weaknesses_become_separate_findings() -> None:
    findings = _findings(
        "ประเด็นข้อบกพร่อง / จุดอ่อน\n\n"
        "๑. บุคลากรบางรายไม่ทราบแนวปฏิบัติการใช้ทรัพย์สินของราชการ ๒. ไม่มีการเผยแพร่แผนการใช้จ่ายงบประมาณ\n\n"
        "ปัญหาอุปสรรค\n\n- ผู้รับบริการบางรายใช้งานระบบ E-Service ไม่ได้\n")
    assert findings["kind"].tolist() == ["finding", "finding", "limitation"]
    assert findings["text"].tolist() == [
        "บุคลากรบางรายไม่ทราบแนวปฏิบัติการใช้ทรัพย์สินของราชการ",
        "ไม่มีการเผยแพร่แผนการใช้จ่ายงบประมาณ",
        "ผู้รับบริการบางรายใช้งานระบบ E-Service ไม่ได้"]


def test_a_sentence_reporting_a_finding_about_an_indicator() -> None:
    findings = _findings("๒. ด้าน EIT พบว่า ตัวชี้วัดที่ ๗ ประสิทธิภาพการสื่อสาร ได้คะแนนต่ำสุด ควรเพิ่มช่องทางสื่อสาร\n")
    assert findings[["kind", "tool", "indicator"]].values.tolist() == [["finding", "EIT", 7]]


def test_table_of_areas_findings_and_recommendations() -> None:
    tables = extract(
        "| ประเด็น | ข้อค้นพบ | ข้อเสนอแนะ |\n|---|---|---|\n"
        "| (๔) กระบวนการกำกับดูแลการใช้ทรัพย์สินของราชการ | บุคลากรไม่ทราบแนวปฏิบัติ (i๑๙) "
        "| ๑. จัดทำคู่มือ ๒. ประชาสัมพันธ์คู่มือ |\n")
    findings = tables["findings"]
    assert findings["kind"].tolist() == ["finding", "recommendation", "recommendation"]
    assert findings["issue_area"].tolist() == [4, 4, 4]
    assert [list(c) for c in findings["item_codes"]] == [["i19"]] * 3
    assert tables["measures"].empty  # no steps, units or periods: not a measures table


def test_points_to_develop_under_their_forms_of_heading_are_findings() -> None:
    """Regression: `จุดที่ต้องพัฒนา` gave no finding; a strength (จุดแข็ง) is none."""
    for heading in ("จุดที่ต้องพัฒนา", "จุดที่ควรปรับปรุง", "ประเด็นที่ควรพัฒนา", "สิ่งที่ต้องปรับปรุง"):
        findings = _findings(
            "จุดแข็ง\n\n1. การเปิดเผยข้อมูลบนเว็บไซต์ครบถ้วน\n\n"
            f"{heading}\n\n"
            "1. ไม่ได้เผยแพร่มาตรการภายในหน่วยงาน (o40, o41)\n2. ช่องทางรับฟังความคิดเห็นมีน้อย\n")
        assert findings["kind"].tolist() == ["finding", "finding"], heading
        assert [list(c) for c in findings["item_codes"]] == [["o40", "o41"], []], heading


def test_a_cue_word_inside_a_numbered_point_is_no_heading() -> None:
    """Regression: a point that names a cue word in its sentence (`ควรนำข้อเสนอแนะของ…`) was taken
    for a section heading and lost; a numbered heading (`3. ข้อเสนอแนะ`) still is one."""
    findings = _findings("ข้อเสนอแนะ\n\n1. ควรนำข้อเสนอแนะของสำนักงาน ป.ป.ช. ไปปรับปรุงการดำเนินงาน\n"
                         "2. ควรเพิ่มช่องทางการสื่อสารออนไลน์\n\n3. ข้อจำกัด\n\n1. บุคลากรมีจำนวนน้อย\n")
    assert findings["kind"].tolist() == ["recommendation", "recommendation", "limitation"]
    assert findings["text"].tolist()[0] == "ควรนำข้อเสนอแนะของสำนักงาน ป.ป.ช. ไปปรับปรุงการดำเนินงาน"


def test_a_heading_a_pdf_glued_to_the_point_before_it() -> None:
    """Regression (a Word-made PDF): `ข้อเสนอแนะ` wrapped onto the end of the last point above it
    (`…ความคิดเห็นน้อยข้อ เสนอ แนะ`): the point was lost with it."""
    findings = _findings("จุดที่ต้องพัฒนา\n\n1. ไม่ได้เผยแพร่มาตรการภายในหน่วยงาน\n"
                         "2. ประสิทธิภาพการสื่อสาร ยังมีช่องทางรับฟังความ คิดเห็นน้อยข้อ เสนอ แนะ\n"
                         "1. ควรเพิ่มช่องทางการสื่อสารออนไลน์\n")
    assert findings["kind"].tolist() == ["finding", "finding", "recommendation"]
    assert findings["text"].tolist()[1] == "ประสิทธิภาพการสื่อสาร ยังมีช่องทางรับฟังความ คิดเห็นน้อย"


def test_a_heading_whose_marks_ocr_lost_still_opens_its_section() -> None:
    """Regression (a scan): `จุดทีต้องพัฒนา` (ที่ without its MAI EK) gave its two findings none."""
    findings = _findings("จุดทีต้องพัฒนา\n\n1. ไม่ได้เผยแพร่มาตรการภายในหน่วยงาน\n2. ช่องทางรับฟังความคิดเห็นมีน้อย\n")
    assert findings["kind"].tolist() == ["finding", "finding"]


def test_findings_in_the_columns_of_a_table_of_scores() -> None:
    """Regression (a probe): `ตัวชี้วัด | คะแนน | ข้อค้นพบ | ข้อเสนอแนะ` gave its scores and lost
    every finding and recommendation (a table of scores was read for its scores only)."""
    rows = extract("ตัวชี้วัด\tคะแนน\tข้อค้นพบ\tข้อเสนอแนะ\n"
                   "การปฏิบัติหน้าที่\t92.15\tบุคลากรบางส่วนยังให้บริการไม่เป็นไปตามขั้นตอน\t"
                   "ควรจัดทำคู่มือการให้บริการและประกาศให้ประชาชนทราบ\n"
                   "การใช้งบประมาณ\t84.60\tการเผยแพร่แผนการใช้จ่ายงบประมาณยังไม่ครบถ้วน ได้คะแนนต่ำกว่าเกณฑ์ 85\t"
                   "ควรเผยแพร่แผนและรายงานผลการใช้จ่ายงบประมาณรายไตรมาส\n"
                   "การใช้อำนาจ\t96.40\t-\tควรรักษามาตรฐานการมอบหมายงานอย่างเป็นธรรม\n")
    findings = rows["findings"]
    assert list(zip(findings["kind"], findings["indicator"], strict=True)) == [
        ("finding", 1), ("recommendation", 1), ("finding", 2), ("recommendation", 2), ("recommendation", 3)]
    assert findings["text"].iloc[0] == "บุคลากรบางส่วนยังให้บริการไม่เป็นไปตามขั้นตอน"
    assert sorted(rows["scores"]["score"]) == [84.6, 92.15, 96.4]
    assert rows["unread"].empty


def test_a_point_in_its_own_paragraph_right_under_its_heading() -> None:
    """Regression (a probe's Word-made PDF): the heading `ข้อ ค้นพบ` and its one unnumbered point
    came out as two paragraphs; the point, a short line opening a block, was taken for a title that
    closes the section, and lost. A title after a point still closes it."""
    findings = _findings("ข้อค้นพบ\n\nตัวชี้วัดที่ 10 การป้องกันการทุจริต ได้คะแนนต่ำสุด เนื่องจากไม่มีการเผยแพร่มาตรการ\n\n"
                         "แผนการดำเนินงาน\n\nจัดประชุมชี้แจงบุคลากร\n")
    assert findings[["kind", "indicator"]].values.tolist() == [["finding", 10]]


def test_a_title_naming_the_analysis_is_no_finding() -> None:
    """Regression (a probe's scan): the title, the organisation's line and a score's sentence OCR
    joined into one paragraph (`รายงานผลการวิเคราะห์การประเมิน ITA … ได้ร้อยละ 94.08`) became a
    finding; a sentence opening with the analysis's result still reports one."""
    assert _findings("รายงานผลการวิเคราะห์การประเมิน ITA ประจำปี 2566 เทศบาลตำบลนาป่า อำเภอเมืองชลบุรี "
                     "จังหวัดชลบุรีผลการประเมิน IIT ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ ได้ร้อยละ 94.08\n").empty
    assert _findings("การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่\n").empty
    found = _findings("ผลการวิเคราะห์ ตัวชี้วัดที่ 5 การแก้ไขปัญหาการทุจริต ยังมีคะแนนต่ำกว่าเกณฑ์\n")
    assert found[["kind", "indicator"]].values.tolist() == [["finding", 5]]


def test_points_grouped_under_a_numbered_area_take_its_subject() -> None:
    """Regression (a probe): `1. ด้านการเปิดเผยข้อมูล` over `1.1 …`, `1.2 …` gave the area's name as
    a recommendation of its own and its points no indicator, their `1.1` kept in their text."""
    findings = _findings("ข้อเสนอแนะ\n1. ด้านการเปิดเผยข้อมูล\n1.1 ควรเผยแพร่ข้อมูลการจัดซื้อจัดจ้างรายเดือน\n"
                         "1.2 ควรปรับปรุงเว็บไซต์ให้ค้นหาง่าย\n2. ด้านการป้องกันการทุจริต\n"
                         "2.1 ควรจัดทำแผนป้องกันการทุจริตประจำปี\n3. ควรจัดอบรมบุคลากรเรื่องผลประโยชน์ทับซ้อน\n")
    assert findings["text"].tolist() == [
        "ควรเผยแพร่ข้อมูลการจัดซื้อจัดจ้างรายเดือน", "ควรปรับปรุงเว็บไซต์ให้ค้นหาง่าย",
        "ควรจัดทำแผนป้องกันการทุจริตประจำปี", "ควรจัดอบรมบุคลากรเรื่องผลประโยชน์ทับซ้อน"]
    assert findings["indicator"].tolist()[:3] == [9, 9, 10] and findings["indicator"].isna().iloc[3]
    assert set(findings["kind"]) == {"recommendation"}


def test_an_areas_subject_ends_with_its_section() -> None:
    """An unnumbered point of the next section is listed under no area of the section before."""
    findings = _findings("ข้อเสนอแนะ\n1. ด้านการเปิดเผยข้อมูล\n1.1 ควรเผยแพร่ข้อมูลการจัดซื้อจัดจ้างรายเดือน\n"
                         "ข้อจำกัด\nบุคลากรมีจำนวนน้อยและมีภาระงานมาก ทำให้การปรับปรุงข้อมูลล่าช้า\n")
    assert findings["kind"].tolist() == ["recommendation", "limitation"]
    assert findings["indicator"].iloc[0] == 9 and findings["indicator"].isna().iloc[1]


def test_observations_and_ways_to_improve_are_findings_and_recommendations() -> None:
    """Headings the genre also prints: observations (ข้อสังเกต) are what the analysis found; ways
    to develop or fix (แนวทางการพัฒนา / แนวทางการแก้ไข) its recommendations. Their points were lost.
    A strength (จุดแข็ง) stays none."""
    findings = _findings(
        "จุดแข็ง\n\n1. บุคลากรปฏิบัติหน้าที่ด้วยความโปร่งใส\n2. มีการเปิดเผยข้อมูลครบถ้วน\n\n"
        "ข้อสังเกต\n\n- ผู้รับบริการบางส่วนไม่ทราบช่องทางร้องเรียน\n\n"
        "แนวทางการพัฒนา\n\n1. ประชาสัมพันธ์ช่องทางร้องเรียนให้ทั่วถึง\n\n"
        "แนวทางการแก้ไขปัญหา\n\n- จัดอบรมบุคลากรเรื่องการใช้ทรัพย์สินของราชการ\n")
    assert findings[["kind", "text"]].values.tolist() == [
        ["finding", "ผู้รับบริการบางส่วนไม่ทราบช่องทางร้องเรียน"],
        ["recommendation", "ประชาสัมพันธ์ช่องทางร้องเรียนให้ทั่วถึง"],
        ["recommendation", "จัดอบรมบุคลากรเรื่องการใช้ทรัพย์สินของราชการ"]]
