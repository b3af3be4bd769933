"""Visual lines put back together (parsers/wrap.py, parsers.pdf.cell_lines): regressions named
after the layouts that broke them."""

from ita_extract.parsers.pdf import cell_lines
from ita_extract.parsers.wrap import OcrLine, VisualLine, join_lines, line_pitch, opens_paragraph


def test_a_number_cut_at_its_decimal_point_is_joined_again() -> None:
    """Regression: pdfium put a line break before the decimal point of `๕๔.๘๕` in a Word table
    cell (the point sits a little lower); the cell read `54 .85`, and the item scored 54."""
    assert join_lines(["๕๔", ".๘๕"]) == "๕๔.๘๕"
    assert join_lines(["ได้คะแนน 54.", "85 คะแนน"]) == "ได้คะแนน 54.85 คะแนน"
    # the first line stops short of the cell's right side: still one number
    assert cell_lines([("๕๔", 20.0), (".๘๕", 30.0)], left=0.0, right=100.0) == ["๕๔.๘๕"]


def test_list_markers_and_words_after_a_number_are_not_glued() -> None:
    assert join_lines(["ข้อ 3.", "4. การใช้อำนาจ"]) == "ข้อ 3. 4. การใช้อำนาจ"
    assert join_lines(["ได้ 95", "คะแนน"]) == "ได้ 95 คะแนน"
    assert join_lines(["พ.ศ.", "2566"]) == "พ.ศ. 2566"


def test_a_bullet_dash_left_at_the_end_of_the_line_before_opens_the_next_point() -> None:
    """Regression: Word wrapped `- เผยแพร่…` leaving its dash at the end of the line before; the
    PDF gave one step where the text dump gave two."""
    lines = ["-จัดทำประกาศ เรื่อง นโยบายไม่รับของขวัญ No", "Gift Policy -", "เผยแพร่บนเว็บไซต์"]
    assert cell_lines(lines) == ["-จัดทำประกาศ เรื่อง นโยบายไม่รับของขวัญ No Gift Policy", "-เผยแพร่บนเว็บไซต์"]
    assert cell_lines(["ระหว่างปี 2565 -", "2567"]) == ["ระหว่างปี 2565 - 2567"]  # a range, not a bullet


def _opens(lines: list[OcrLine]) -> list[bool]:
    left, right = min(line.x0 for line in lines), max(line.x1 for line in lines)
    pitch = line_pitch(lines)
    return [opens_paragraph(a, b, left, right, pitch) for a, b in zip(lines, lines[1:], strict=False)]


def test_a_line_whose_box_grew_by_its_marks_goes_on_with_its_paragraph() -> None:
    """Regression (dev 000 as a scan): Tesseract's box of `๖๒.๕๖ ซึ่งหน่วยงาน…` reached up into
    the line above (its marks), so the next line stood 1.5 pitches below its top and opened a
    paragraph: the finding lost its second half (`Website , Instagram …`). The boxes as read."""
    lines = [OcrLine("๑.ด้าน EIT พบว่าผลคะแนน", 115, 216, 378, 2133),
             OcrLine("๖๒.๕๖ ซึ่งหน่วยงานต้องจัดทำ", 192, 303, 377, 2133),
             OcrLine("Website , Instagram , Facebook", 309, 380, 376, 2133),
             OcrLine("ทุจริต เช่น สายด่วน", 384, 474, 376, 1694)]
    assert _opens(lines) == [False, False, False]
    # a blank line's worth below still opens one
    after_a_gap = OcrLine("ตารางแสดงผลการประเมิน", 474 + 85, 474 + 170, 376, 2133)
    assert _opens([*lines, after_a_gap])[-1] is True


def test_a_line_opening_with_a_fields_label_opens_a_paragraph() -> None:
    """Regression (a probe's Word PDF): `ผลการดำเนินการ … ทุกรายการ` and `สถานะ ดำเนินการแล้วเสร็จ`
    were joined into one line, the status run into the result. The labels are the caller's
    (the ITA room's record fields); the words as a damaged text layer spaces them still open."""
    from ita_extract.parsers.labels import NumberLabels

    labels = NumberLabels(opening_words=("ผลการดำเนินการ", "สถานะ", "ระยะเวลา", "มาตรการที่", "งบประมาณ"))
    field = VisualLine("ผลการดำ เนินการ ปรับปรุงข้อมูลบนเว็บไซต์ครบถ้วนทุกรายการ", 100, 112, 50, 480)

    def opens(text: str, given: NumberLabels = labels, previous: VisualLine = field) -> bool:
        return opens_paragraph(previous, VisualLine(text, 114, 126, 50, 300), 50, 500, 14, given)

    assert opens("สถานะ ดำเนินการแล้วเสร็จ") and opens("สถานะ: ดำเนินการแล้วเสร็จ")
    assert opens("ระ ย ะ เวลา มกรา คม - กันยา ยน 2567") and opens("มา ตรการที่ 2 มาตรการป้องกันการรับสินบน")
    assert not opens("ระยะเวลาที่กำหนด")  # the word inside a longer one goes on with the line above
    ocr = VisualLine("ผลการด\u0e4d\u0e32เนินการ ปรับปรุงข้อมูล", 100, 112, 50, 480)  # SARA AM as OCR reads it
    assert opens("สถานะ ด\u0e4d\u0e32เนินการแล้วเสร็จ", previous=ocr)
    assert not opens("สถานะ ดำเนินการแล้วเสร็จ", NumberLabels())  # no labels given: no opening words
    # Regression (real memos): a sentence wrapped before a common word (งบประมาณ) goes on; only a
    # field's line after another field's line opens a paragraph.
    sentence = VisualLine("ได้ดำเนินการจัดซื้อจัดจ้างด้วยเงินงบประมาณรายจ่ายประจำปี และเ", 100, 112, 50, 480)
    assert not opens("งบประมาณ จำนวน 6 โครงการ", previous=sentence)


def test_the_pitch_within_a_paragraph_where_each_paragraph_has_space_below_it() -> None:
    """Regression (a probe's Word-made PDF): a title, the organisation's line, a heading and a
    formula's lines, one paragraph each with Word's space below every paragraph, so the median
    step (28.7) was the step between paragraphs and every line was glued to the next
    (`…จังหวัดนครสวรรค์การคำนวณคะแนนภาพรวม`; `(OIT × 0.40) = (91.45 × 0.30)` read OIT 91.45).
    Lines that fill the width and wrap into the next give the pitch within a paragraph. The
    boxes as pdfium gave them."""
    lines = [VisualLine("รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส ประจำ", 72.4, 85.1, 90.8, 507.8),
             VisualLine("ปีงบประมาณ พ.ศ. 2566", 93.3, 103.9, 90.8, 239.3),
             VisualLine("องค์การบริหารส่วนตำบลหนองบัว อำเภอหนองบัว จังหวัดนครสวรรค์", 121.0, 132.5, 91.1, 496.1),
             VisualLine("การคำนวณคะแนนภาพรวม", 149.7, 161.2, 90.9, 256.1),
             VisualLine("คะแนน ITA = (IIT × 0.30) + (EIT × 0.30) + (OIT × 0.40)", 179.2, 191.6, 91.2, 472.5),
             VisualLine("= (91.45 × 0.30) + (88.32 × 0.30) + (96.50 × 0.40)", 207.9, 220.3, 91.6, 454.6),
             VisualLine("ดังนั้น องค์การบริหารส่วนตำบลหนองบัว มีผลคะแนน ITA เท่ากับ 92.53", 293.2, 304.8, 91.1, 519.6),
             VisualLine("คะแนน อยู่ในระดับ A", 310.7, 323.4, 91.2, 219.6)]
    left, right = 90.8, 521.0
    pitch = line_pitch(lines, left, right)
    assert 17 < pitch < 21
    opens = [opens_paragraph(a, b, left, right, pitch) for a, b in zip(lines, lines[1:], strict=False)]
    assert opens == [False, True, True, True, True, True, False]
    assert line_pitch(lines) > 27  # the median of every step, as before


def test_a_page_whose_wraps_are_as_far_apart_as_its_paragraphs_keeps_the_median() -> None:
    """Regression (a real MOPH report): full lines' steps (18.0) barely under the median (18.7)
    must not make the pitch: a caption's last line, set lower by its missing marks (22.8 below),
    was split from its sentence."""
    lines, top = [], 100.0
    for k in range(9):
        full = k % 2 == 0
        lines.append(VisualLine(f"บรรทัดที่ {k}", top, top + 12, 72, 520 if full else 300))
        top += 18.0 if full else 19.0
    assert line_pitch(lines, 72, 523) == line_pitch(lines) == 19.0


def test_of_two_full_lines_one_that_ends_its_paragraph_does_not_make_the_pitch() -> None:
    """Regression (a probe's Word-made PDF): two lines fill the width, the title's first (it wraps,
    28.7 below) and a point's that ends its paragraph (41.8 below); the upper of the two steps made
    the pitch and no paragraph opened on the page (`…75.00 คะแนนข้อเสนอแนะเพื่อการพัฒนา`: the
    recommendations' heading glued to the last weakness). The boxes as pdfium gave them."""
    rows = [(76.3, 90.1, 521.0), (105.0, 122.5, 423.5), (145.3, 157.4, 447.9), (182.2, 196.2, 372.2),
            (226.2, 234.7, 128.5), (259.5, 273.6, 429.8), (298.2, 315.8, 285.0), (341.1, 352.1, 229.2),
            (372.3, 389.4, 483.0), (414.1, 428.1, 459.7), (457.5, 466.6, 239.8), (491.4, 505.4, 374.7),
            (526.9, 544.0, 372.1)]
    lines = [VisualLine(f"บรรทัดที่ {k}", top, bottom, 90.5, x1) for k, (top, bottom, x1) in enumerate(rows)]
    left, right = 90.5, 521.5
    pitch = line_pitch(lines, left, right)
    assert 28 < pitch < 30
    opens = [opens_paragraph(a, b, left, right, pitch) for a, b in zip(lines, lines[1:], strict=False)]
    assert opens == [False, True, True, True, True, True, True, True, True, True, True, True]
