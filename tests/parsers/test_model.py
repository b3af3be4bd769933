"""A table's header printed again after a page break, as OCR reads it the second time."""

from __future__ import annotations

import pytest

from ita_extract.parsers.model import Cell, Row, repeats_header

HEADER = ["ประเด็น", "การนำผลการวิเคราะห์ไปสู่การปฏิบัติ ข้อความ ITA", "ข้อค้นพบ", "ขั้นตอน/วิธีการปฏิบัติ",
          "ระยะเวลา ดำเนินการ", "หน่วยงาน ผู้รับผิดชอบ"]


def _row(texts: list[str]) -> Row:
    return Row([Cell([t] if t else []) for t in texts], line=1)


@pytest.mark.parametrize("texts", [
    HEADER,
    [t.replace(" ", "") for t in HEADER],  # spaces dropped or added
    ["ประเด็น", "การนําผลการวิเคราะห์ไปสู่การปฏิบัติข้อความ|โ#", *HEADER[2:]],  # 003 askew -3°, page 6
    ["ประเดิ็น", *HEADER[1:]],  # a stray mark: 003 askew -3°, page 9
    ["ประเด็น", *HEADER[1:3], "ขันตอน/วิธีการปฏิบัติ", *HEADER[4:]],  # a dropped tone mark
    ["ลําดับ", "มาตรการ", "ระยะเวลา"],  # SARA AM as NIKHAHIT + SARA AA
])
def test_a_header_read_again_with_ocr_slips_is_the_header(texts: list[str]) -> None:
    header = _row(HEADER if len(texts) == len(HEADER) else ["ลำดับ", "มาตรการ", "ระยะเวลา"])
    assert repeats_header(_row(texts), header)


@pytest.mark.parametrize(("texts", "header"), [
    # the cut half of a row: text in other places than the header's
    (["", "", "มีผู้รับบริการหรือผู้มาติดต่อราชการกับหน่วยงาน", "ขึ้น รวมทั้งสื่อสารข้อมูล", "", ""], HEADER),
    # a body row
    (["(๔) กระบวนการกำกับดูแล", "i๑๙ ท่านรู้แนวปฏิบัติ", "บุคลากรในหน่วยงาน", "๑. จัดทำประกาศ",
      "ไตรมาส ๑-๔", "ทุกกอง"], HEADER),
    # another year's table under the same words
    (["ตัวชี้วัด", "คะแนน ปี 2565"], ["ตัวชี้วัด", "คะแนน ปี 2566"]),
    # a cell left empty that the header fills
    (["ประเด็น", "", *HEADER[2:]], HEADER),
    # another width
    (HEADER[:5], HEADER),
    # short labels that differ in a letter are other labels
    (["ข้อ", "ผล"], ["ที่", "ผล"]),
])
def test_a_row_unlike_the_header_is_not_the_header(texts: list[str], header: list[str]) -> None:
    assert not repeats_header(_row(texts), _row(header))
