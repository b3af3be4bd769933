"""The OCR'd text of a prose band put back into paragraphs (parsers.ocr._paragraphs)."""

from parsers.ocr import OcrText, _paragraphs


def _read(rows: list[tuple[str, int, int]], pitch: int = 50) -> OcrText:
    """Lines of text with their right edges and line numbers (tops are line × pitch)."""
    return OcrText("\n".join(text for text, _, _ in rows),
                   [(line * pitch, line * pitch + 40) for _, _, line in rows],
                   [(100, right) for _, right, _ in rows])


def test_a_sentence_wrapped_at_the_lines_end_is_one_line() -> None:
    read = _read([("ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของเทศบาลตำบล", 2000, 0),
                  ("หนองเสม็ดประจำปี ๒๕๖๔ มีผลคะแนนเท่ากับร้อยละ ๕๐.๐๒ คะแนน", 1990, 1),
                  ("ผลการประเมินอยู่ในระดับ E", 900, 2)])
    assert _paragraphs(read) == ("ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของเทศบาลตำบล"
                                 "หนองเสม็ดประจำปี ๒๕๖๔ มีผลคะแนนเท่ากับร้อยละ ๕๐.๐๒ คะแนน"
                                 "ผลการประเมินอยู่ในระดับ E")


def test_a_short_line_a_numbered_point_and_a_gap_each_end_a_paragraph() -> None:
    read = _read([("เทศบาลตำบลหนองเสม็ด อำเภอเมืองตราด", 900, 0),
                  ("ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของเทศบาล", 2000, 1),
                  ("ตำบลหนองเสม็ด", 600, 2),
                  ("๑. การประเมินแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)", 2000, 3),
                  ("ด้าน IIT พบว่า", 2000, 6)])
    assert _paragraphs(read).split("\n\n") == [
        "เทศบาลตำบลหนองเสม็ด อำเภอเมืองตราด",
        "ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของเทศบาลตำบลหนองเสม็ด",
        "๑. การประเมินแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)",
        "ด้าน IIT พบว่า"]


def test_lines_tesseract_boxed_otherwise_are_left_as_read() -> None:
    read = OcrText("หนึ่ง\nสอง", [(0, 40)], [(0, 100)])  # two lines of text, one box
    assert _paragraphs(read) == "หนึ่ง\nสอง"
