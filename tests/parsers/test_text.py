"""The text-dump parser on the dev dumps and on small constructed layouts."""

from pathlib import Path

from ita_extract.parsers.text import parse_text
from tests.conftest import RAW


def _tables(text: str):
    return [b for b in parse_text(text).blocks if b.kind == "table"]


def test_markdown_heading_bold_and_lists() -> None:
    doc = parse_text("# ผลการประเมิน\n\n**มาตรการ**\n\n๑. ข้อแรก\n๒. ข้อสอง\n\nย่อหน้า **หนา** ธรรมดา\n")
    kinds = [(b.kind, b.level, b.text) for b in doc.blocks]
    assert kinds == [
        ("heading", 1, "ผลการประเมิน"),
        ("heading", 0, "มาตรการ"),
        ("list", 0, "๑. ข้อแรก\n๒. ข้อสอง"),
        ("paragraph", 0, "ย่อหน้า หนา ธรรมดา"),
    ]
    assert [b.line_start for b in doc.blocks] == [1, 3, 5, 8]


def test_pipe_table_with_separator_and_html_cells() -> None:
    text = (
        "| ตัวชี้วัด | ความก้าวหน้า |\n"
        "|---|:--:|\n"
        "| ตัวชี้วัดที่ 1 | <p>-ทำแล้ว</p> <p><input checked=\"\" type=\"checkbox\"/> ดำเนินการแล้วเสร็จ</p>"
        "<p><input type=\"checkbox\"/> ยังไม่ได้ดำเนินการ</p> |\n"
    )
    (table,) = _tables(text)
    assert table.header[0].texts == ["ตัวชี้วัด", "ความก้าวหน้า"]
    (row,) = table.rows
    cell = row.cells[1]
    assert cell.lines == ["-ทำแล้ว", "☑ ดำเนินการแล้วเสร็จ", "☐ ยังไม่ได้ดำเนินการ"]
    assert [(c.checked, c.label) for c in cell.checkboxes] == [
        (True, "ดำเนินการแล้วเสร็จ"), (False, "ยังไม่ได้ดำเนินการ")]
    assert row.line == 3


def test_html_lists_links_and_breaks_in_cells() -> None:
    text = ("| ก | ข |\n|--|--|\n"
            "| <ol><li>หนึ่ง</li><li>สอง</li></ol> | บรรทัด<br>ใหม่ <a href=\"http://x\">ลิงก์</a> |\n")
    (table,) = _tables(text)
    assert table.rows[0].cells[0].lines == ["หนึ่ง", "สอง"]
    assert table.rows[0].cells[1].lines == ["บรรทัด", "ใหม่ ลิงก์"]


def test_tab_rows_form_one_table() -> None:
    (table,) = _tables("ก\tข\tค\n1\t2\t3\n4\t5\t6\n")
    assert table.header[0].texts == ["ก", "ข", "ค"]
    assert [r.texts for r in table.rows] == [["1", "2", "3"], ["4", "5", "6"]]


def test_table_continued_after_page_break_drops_header_and_merges_cut_row() -> None:
    text = ("ลำดับ\tมาตรการ\tผู้รับผิดชอบ\n1\tมาตรการแรก ส่วนต้น\tกองคลัง\n\f"
            "ลำดับ\tมาตรการ (ต่อ)\tผู้รับผิดชอบ\n\tส่วนท้าย\t\n2\tมาตรการสอง\tสำนักปลัด\n")
    doc = parse_text(text)
    assert len(doc.pages) == 2
    (table,) = [b for b in doc.blocks if b.kind == "table"]
    assert [r.texts for r in table.rows] == [
        ["1", "มาตรการแรก ส่วนต้น\nส่วนท้าย", "กองคลัง"], ["2", "มาตรการสอง", "สำนักปลัด"]]
    assert [r.page for r in table.rows] == [1, 2]


def test_separate_tables_with_prose_between_stay_separate() -> None:
    text = "ก\tข\n1\t2\n\nคำอธิบาย\n\nก\tข\n3\t4\n"
    assert len(_tables(text)) == 2


def test_dev_000_three_tables_with_their_rows() -> None:
    doc = parse_text((RAW / "000_872eaddf2db1f446.txt").read_text("utf-8"))
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert [len(t.rows) for t in tables] == [1, 1, 3]
    assert tables[0].header[0].texts[2] == "ผู้รับผิดชอบ"
    assert tables[2].rows[0].texts[2] == "สำนักปลัด"
    assert tables[1].rows[0].cells[0].lines[0].startswith("๑. หน่วยงานต้องจัดทำ")


def test_dev_002_pipe_tables_joined_and_checkboxes_read() -> None:
    doc = parse_text((RAW / "002_21007bcb3eecaeca.txt").read_text("utf-8"))
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert [len(t.rows) for t in tables] == [6, 3, 2, 3, 2]
    assert [r.texts[0] for r in tables[0].rows] == ["1", "2", "3.", "4.", "5", "6"]
    ticked = [next(c.label for c in r.cells[-1].checkboxes if c.checked)
              for t in tables[1:4] for r in t.rows]
    assert ticked.count("ดำเนินการแล้วเสร็จ") == 7
    assert ticked.count("อยู่ระหว่างดำเนินการ") == 1


def test_dev_003_two_line_header_and_rows_cut_by_page_breaks() -> None:
    doc = parse_text((RAW / "003_803e91d9ccdb16cf.txt").read_text("utf-8"))
    (table,) = [b for b in doc.blocks if b.kind == "table"]
    assert "ข้อความ ITA" in table.header[0].texts[1]
    assert [r.texts[0][:3] for r in table.rows] == [f"({d})" for d in "๑๒๓๔๕๖๗"]
    area2 = table.rows[1]
    assert area2.cells[2].text.endswith("สะดวกรวดเร็ว กว่าที่ผ่านมา")
    assert area2.line == 10


def test_source_file_lines_are_one_based() -> None:
    doc = parse_text(Path(RAW / "003_803e91d9ccdb16cf.txt").read_text("utf-8"))
    assert doc.blocks[0].line_start == 3
    assert doc.blocks[0].text.startswith("มาตรการส่งเสริมคุณธรรม")


def test_pipe_rows_without_the_outer_pipes_form_a_table() -> None:
    """Regression (a probe): `ตัวชี้วัด | คะแนน` / `การปฏิบัติหน้าที่ | 95.20` (markdown's pipes at
    the ends are optional; conversion tools leave them out) was prose, its scores unread."""
    doc = parse_text("ตัวชี้วัด | คะแนน\nการปฏิบัติหน้าที่ | 95.20\nการใช้งบประมาณ | 88.45\n")
    (block,) = doc.pages[0].blocks
    assert block.kind == "table"
    assert [r.texts for r in block.header] == [["ตัวชี้วัด", "คะแนน"]]
    assert [r.texts for r in block.rows] == [["การปฏิบัติหน้าที่", "95.20"], ["การใช้งบประมาณ", "88.45"]]


def test_one_line_with_a_pipe_inside_stays_prose() -> None:
    doc = parse_text("ผู้รับผิดชอบ ทุกกอง | สำนัก\n")
    assert [b.kind for b in doc.pages[0].blocks] == ["paragraph"]


# A layout dump (pdftotext -layout, an OCR tool keeping the page's layout) aligns a table's columns
# with runs of spaces; Thai marks above and below a letter take no column of their own.
_LAYOUT_LIST = (
    "ลำดับ   ชื่อหน่วยงาน                        คะแนน     ระดับ\n"
    "1       ทต.บ้านโพธิ์                          96.55     AA\n"
    "2       อบต.โคกสูง                          90.59     A\n"
)


def test_columns_aligned_with_spaces_form_a_table() -> None:
    """Regression (a probe): a results list dumped with its layout was prose, every score unread."""
    (block,) = parse_text(_LAYOUT_LIST).pages[0].blocks
    assert block.kind == "table"
    assert [r.texts for r in block.header] == [["ลำดับ", "ชื่อหน่วยงาน", "คะแนน", "ระดับ"]]
    assert [r.texts for r in block.rows] == [["1", "ทต.บ้านโพธิ์", "96.55", "AA"],
                                             ["2", "อบต.โคกสูง", "90.59", "A"]]


def test_an_empty_cell_of_a_spaced_table_keeps_the_next_value_in_its_column() -> None:
    text = ("ตัวชี้วัด                ปี 2565     ปี 2566     ปี 2567\n"
            "การปฏิบัติหน้าที่          90.10       95.10       96.50\n"
            "การใช้งบประมาณ                        95.00       94.20\n")
    (block,) = parse_text(text).pages[0].blocks
    assert [r.texts for r in block.rows] == [["การปฏิบัติหน้าที่", "90.10", "95.10", "96.50"],
                                             ["การใช้งบประมาณ", "", "95.00", "94.20"]]


def test_prose_with_double_spaces_stays_prose() -> None:
    text = ("องค์การบริหารส่วนตำบลโคกสูง  ได้คะแนน 90.59 คะแนน  อยู่ในระดับ A\n"
            "ซึ่งสูงกว่าปีที่ผ่านมา  และผ่านเกณฑ์การประเมิน\n")
    assert [b.kind for b in parse_text(text).pages[0].blocks] == ["paragraph"]
    # one line alone with wide gaps is no table either
    assert [b.kind for b in parse_text("ลงชื่อ      ผู้รายงาน      วันที่\n").pages[0].blocks] == ["paragraph"]


def test_a_layout_table_with_rows_apart_wrapped_words_and_a_page_break() -> None:
    """As pdftotext -layout prints a Word table (tests/fixtures/tables2567.layout.txt): a blank line
    between rows, a cell's wrapped words below its row, and words a page break cut off the last
    row at the top of the next page, before the table goes on without its header."""
    text = ("ตัวชี้วัด         คะแนนเต็ม       คะแนนที่ได้           อันดับ\n\n"
            "1. การปฏิบัติ     100             96.50                 1\n\n"
            "หน้าที่\n\n"
            "4. การใช้         100             92.10                 6\n\n"
            "ทรัพย์สินของ\n\fราชการ\n\n"
            "5. การแก้ไข         100                 93.40     5\n\n"
            "ปัญหาการทุจริต\n\n\n\n"
            "ส่วนที่ 2 การวิเคราะห์ผลการประเมิน ตัวชี้วัดที่ได้คะแนนสูงสุด คือ ตัวชี้วัดที่ 1\n")
    doc = parse_text(text)
    table, prose = doc.blocks
    assert [r.texts for r in table.header] == [["ตัวชี้วัด", "คะแนนเต็ม", "คะแนนที่ได้", "อันดับ"]]
    assert [r.texts for r in table.rows] == [["1. การปฏิบัติ\nหน้าที่", "100", "96.50", "1"],
                                             ["4. การใช้\nทรัพย์สินของ\nราชการ", "100", "92.10", "6"],
                                             ["5. การแก้ไข\nปัญหาการทุจริต", "100", "93.40", "5"]]
    assert [r.line for r in table.rows] == [3, 7, 12]
    assert prose.kind == "paragraph" and prose.text.startswith("ส่วนที่ 2")


_WRAPPED = ("ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2568 ขององค์การบริหารส่วนตำบลโคกสูง มีค่าคะแนนเท่ากับ\n"
            "90.59 คะแนน อยู่ในระดับ A เมื่อเทียบกับปีงบประมาณ พ.ศ. 2567 ที่ได้ 86.12 คะแนน เพิ่มขึ้น 4.47\n"
            "คะแนน\n")
_WRAPPED_2 = ("ตัวชี้วัดที่ต่ำกว่าเกณฑ์ 85 คะแนน คือ ตัวชี้วัดที่ 8 การปรับปรุงการทำงาน ได้ 82.10 คะแนน ประกอบด้วยข้อ\n"
              "คำถาม e11 - e15 โดยข้อ e13 ได้คะแนนต่ำสุด 76.40 คะแนน\n")


def test_a_dumps_lines_wrapped_at_the_pages_width_are_put_back_into_paragraphs() -> None:
    """Regression (a probe): an OCR tool's or pdftotext's text wraps prose at the page's width, and
    a score cut from its subject by the wrap (`มีค่าคะแนนเท่ากับ` / `90.59 คะแนน`) was unread."""
    joined = ["ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2568 ขององค์การบริหารส่วนตำบลโคกสูง มีค่าคะแนนเท่ากับ "
              "90.59 คะแนน อยู่ในระดับ A เมื่อเทียบกับปีงบประมาณ พ.ศ. 2567 ที่ได้ 86.12 คะแนน เพิ่มขึ้น 4.47 คะแนน",
              "ตัวชี้วัดที่ต่ำกว่าเกณฑ์ 85 คะแนน คือ ตัวชี้วัดที่ 8 การปรับปรุงการทำงาน ได้ 82.10 คะแนน "
              "ประกอบด้วยข้อคำถาม e11 - e15 โดยข้อ e13 ได้คะแนนต่ำสุด 76.40 คะแนน"]
    for text in (_WRAPPED + "\n" + _WRAPPED_2,  # an OCR tool: a paragraph's lines together
                 (_WRAPPED + "\n" + _WRAPPED_2).replace("\n", "\n\n")):  # pdftotext -layout: a blank between
        blocks = parse_text(text).blocks
        assert [b.text for b in blocks] == joined
        assert [(b.line_start, b.line_end) for b in blocks] in ([(1, 3), (5, 6)], [(1, 5), (9, 11)])


def test_paragraphs_of_one_line_each_and_short_lines_are_not_joined() -> None:
    markdown = ("ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2568 ขององค์การบริหารส่วนตำบลโคกสูง มีค่าคะแนนเท่ากับ 90.59 "
                "คะแนน อยู่ในระดับ A เมื่อเทียบกับปีงบประมาณ พ.ศ. 2567 ที่ได้ 86.12 คะแนน เพิ่มขึ้น 4.47 คะแนน\n\n"
                "ตัวชี้วัดที่ต่ำกว่าเกณฑ์ 85 คะแนน คือ ตัวชี้วัดที่ 8\n\n"
                "การปรับปรุงการทำงาน ได้ 82.10 คะแนน\n")
    assert len(parse_text(markdown).blocks) == 3
    rows = "IIT 94.40\nEIT 85.33\nOIT 91.67\nการปฏิบัติหน้าที่ 96.50\nการใช้งบประมาณ 94.20\n"
    assert parse_text(rows).blocks[0].lines == rows.split("\n")[:-1]


def test_a_layout_table_whose_first_row_holds_a_score_has_no_header() -> None:
    """Regression (an OCR tool's dump): the last two rows of a table, on their own, took the first
    for the header, and the second's number `10` became item o10 of indicator 9."""
    (block,) = parse_text("9              การเปิดเผยข้อมูล   95.83           AA            ผ่าน\n"
                          "10             การป้องกันการ     87.50           A              ผ่าน\n").blocks
    assert block.header == []
    assert [r.texts for r in block.rows] == [["9", "การเปิดเผยข้อมูล", "95.83", "AA", "ผ่าน"],
                                             ["10", "การป้องกันการ", "87.50", "A", "ผ่าน"]]


def test_prose_opening_a_page_after_a_layout_table_is_not_its_cut_cell() -> None:
    """Two wrapped lines of prose put back together at the top of a page stay prose: only lines
    as printed can be words a page break cut from the last row of the last page's table."""
    line = "ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2568 ขององค์การบริหารส่วนตำบลโคกสูง มีค่าคะแนน"
    rows = ("1. การปฏิบัติ     100             96.50                 1\n"
            "2. การใช้งบ       100             94.20                 4\n")
    text = ("ตัวชี้วัด         คะแนนเต็ม       คะแนนที่ได้           อันดับ\n" + rows + "\f"
            + line + "\n" + line + "\n" + rows + line + "\n" + line + "\n")
    kinds = [(b.kind, b.page) for b in parse_text(text).blocks]
    assert kinds[:2] == [("table", 1), ("paragraph", 2)]


def test_a_layout_tables_lines_go_on_the_numbered_row_above() -> None:
    """pdftotext -layout prints a row whose cells wrap as lines one under another, the first cell's
    words too (dev 000's measures as a layout dump gave one measure a line): in a table whose rows
    open with a number, a line that opens with none and holds no number alone goes on the row above."""
    text = ("ผลการประเมิน       ขั้นตอนหรือวิธีการ      ผู้รับผิดชอบ\n"
            "๑. หน่วยงานต้อง     เทศบาลตำบล            ทุกกอง / สำนัก\n"
            "จัดทำการเผย        หนองเสม็ดมี\n"
            "แพร่ข้อมูล          เว็บไซต์\n"
            "๒. ผู้บริหารควร     เทศบาลฯ ได้มี          สำนักปลัด\n"
            "แสดงเจตจำนง       การแสดงเจตจำนง\n"
            "รวม                2 มาตรการ              2\n")
    (block,) = parse_text(text).blocks
    assert [r.texts for r in block.rows] == [
        ["๑. หน่วยงานต้อง\nจัดทำการเผย\nแพร่ข้อมูล", "เทศบาลตำบล\nหนองเสม็ดมี\nเว็บไซต์", "ทุกกอง / สำนัก"],
        ["๒. ผู้บริหารควร\nแสดงเจตจำนง", "เทศบาลฯ ได้มี\nการแสดงเจตจำนง", "สำนักปลัด"],
        ["รวม", "2 มาตรการ", "2"]]
