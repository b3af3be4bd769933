"""Number roles: every number of a sentence or cell is a year, a list marker, a part, a pass mark …
or a score; only scores become rows. Each case below holds a distractor number beside (or instead
of) a real score, in the styles ITA documents print; none of the distractors may become a score."""

import pytest

from ita_extract.normalizers.lists import squeeze_thai
from ita_extract.pipeline.ita.lines import Line, clean
from ita_extract.pipeline.ita.number_roles import numbers, role_rules
from ita_extract.pipeline.ita.scores import sentence_scores


def _scores(text: str, year: int = 2566) -> list[tuple]:
    """(level, what, value, year) of every score read from one sentence or cell."""
    text = squeeze_thai(clean(text))
    found = []
    for s in sentence_scores(Line(1, 1, text, "paragraph"), text, year):
        subject = s.subject
        what = {"overall": None, "tool": (subject.tool, subject.tool_part), "points": subject.tool,
                "indicator": subject.indicator,
                "sub_indicator": subject.sub_indicator, "item": subject.item_code}[subject.level]
        found.append((subject.level, what, s.score, s.year_be))
    return found


@pytest.mark.parametrize("rule", role_rules(), ids=lambda r: f"{r.role}:{r.example}")
def test_every_role_rule_reads_its_own_example(rule) -> None:
    text = squeeze_thai(clean(rule.example))
    assert rule.role in [n.role for n in numbers(text)]


IIT, EIT, OIT = ("IIT", None), ("EIT", None), ("OIT", None)

DISTRACTOR_CASES = [
    # list markers
    ("๓. การใช้อำนาจ ๙๘.๕๐ คะแนน ๔. การใช้ทรัพย์สินของราชการ ๙๗.๑๐ คะแนน",
     [("indicator", 3, 98.5, 2566), ("indicator", 4, 97.1, 2566)]),
    ("(๒) ตัวชี้วัดที่ ๒ การใช้งบประมาณ ๙๔.๐๓ คะแนน", [("indicator", 2, 94.03, 2566)]),
    ("1) แบบวัด IIT ได้ 92.10 คะแนน 2) แบบวัด EIT ได้ 88.00 คะแนน",
     [("tool", IIT, 92.1, 2566), ("tool", EIT, 88.0, 2566)]),
    ("(1) ตัวชี้วัดที่ 3 การใช้อำนาจ", []),
    # part numbers
    ("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (ส่วนที่ ๒) คะแนนที่ได้คิดเป็นร้อยละ ๙๗.๒๐",
     [("tool", ("EIT", 2), 97.2, 2566)]),
    ("EIT ส่วนที่ ๑ ได้คะแนน ๘๕.๕๐ และ EIT ส่วนที่ ๒ ได้คะแนน ๘๑.๒๐",
     [("tool", ("EIT", 1), 85.5, 2566), ("tool", ("EIT", 2), 81.2, 2566)]),
    # sub-indicator headings and numbers
    ("๙.๒ การบริหารงาน", []),
    ("ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต ๑๐.๑ การดำเนินการเพื่อป้องกันการทุจริต", []),
    ("ตัวชี้วัดย่อยที่ ๙.๒ การบริหารงาน ได้คะแนน ๙๖.๐๐", [("sub_indicator", "9.2", 96.0, 2566)]),
    ("ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล ได้คะแนน ๑๐๐ คะแนน ๙.๑ ข้อมูลพื้นฐาน", [("indicator", 9, 100.0, 2566)]),
    # pass marks and targets
    ("ผลการประเมิน ITA ผ่านเกณฑ์ ๘๕ คะแนน", []),
    ("ผ่านเกณฑ์การประเมินที่ร้อยละ ๘๕ ขึ้นไป", []),
    ("ตัวชี้วัดใดได้คะแนนน้อยกว่าร้อยละ ๘๕ จึงเห็นควรกำหนดแนวทาง", []),
    ("ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่ ได้คะแนน ๙๗.๔๔ คะแนน ซึ่งสูงกว่าเกณฑ์ร้อยละ ๘๕",
     [("indicator", 1, 97.44, 2566)]),
    ("ตัวชี้วัดที่ ๖ คุณภาพการดำเนินงาน เป้าหมายร้อยละ ๙๐ ได้คะแนน ๘๙.๓๑", [("indicator", 6, 89.31, 2566)]),
    ("คะแนนรวม ๘๙.๐๑ คะแนน ผ่านเกณฑ์ ๘๕ คะแนน", [("overall", None, 89.01, 2566)]),
    ("ผลการประเมินอยู่ในระดับ A ได้คะแนน ๘๙.๕๐ คะแนน ตัวชี้วัดที่มีคะแนนต่ำกว่า ๘๕ คะแนน ได้แก่",
     [("overall", None, 89.5, 2566)]),
    # differences between years
    ("ผลการประเมิน ITA ได้ ๙๕.๗๕ คะแนน สูงกว่าปีที่ผ่านมา ๒.๔๑ คะแนน", [("overall", None, 95.75, 2566)]),
    ("ผลการประเมิน ITA ปี ๒๕๖๖ ได้ ๙๕.๗๕ คะแนน เพิ่มขึ้นจากปี ๒๕๖๕ จำนวน ๒.๑๐ คะแนน",
     [("overall", None, 95.75, 2566)]),
    ("คะแนนภาพรวม ๙๕.๗๕ คะแนน ลดลง ๑.๒๐ คะแนน", [("overall", None, 95.75, 2566)]),
    ("ตัวชี้วัดที่ ๕ การแก้ไขปัญหาการทุจริต ได้ ๙๔.๐๕ คะแนน ต่ำกว่าปีที่แล้ว ๑.๐๐ คะแนน",
     [("indicator", 5, 94.05, 2566)]),
    ("ตัวชี้วัดที่ ๗ ประสิทธิภาพการสื่อสาร ได้ ๙๒.๒๙ คะแนน ซึ่งเพิ่มขึ้น ๓.๕๐ คะแนนเมื่อเทียบกับปีก่อน",
     [("indicator", 7, 92.29, 2566)]),
    # recalled years, one or several in a sentence
    ("ผลการประเมินย้อนหลัง ๕ ปี (พ.ศ. ๒๕๖๒ - ๒๕๖๖) ได้แก่ ปีงบประมาณ พ.ศ. ๒๕๖๓ (๙๔.๑๐ คะแนน) "
     "ปีงบประมาณ พ.ศ. ๒๕๖๔ (๙๕.๒๐ คะแนน)", [("overall", None, 94.1, 2563), ("overall", None, 95.2, 2564)]),
    ("ผลการประเมิน ITA ปี ๒๕๖๕ ได้ ๘๙.๑๒ คะแนน และปี ๒๕๖๖ ได้ ๙๕.๗๕ คะแนน",
     [("overall", None, 89.12, 2565), ("overall", None, 95.75, 2566)]),
    ("ผลการประเมิน ITA ได้ ๙๐.๑๐ คะแนน (ปี ๒๕๖๕ ได้ ๘๘.๐๐ คะแนน)",
     [("overall", None, 90.1, 2566), ("overall", None, 88.0, 2565)]),
    ("ผลการประเมิน ITA ได้ ๙๐.๑๐ คะแนน และ ๘๘.๐๐ คะแนน", [("overall", None, 90.1, 2566)]),
    ("ผลการประเมิน ITA ปี 2022 ได้ 89.12 คะแนน", [("overall", None, 89.12, 2565)]),  # a CE year
    # years named by words: the one before the assessment's, and its own
    ("ผลการประเมินภาพรวมปีที่แล้ว ๘๘.๒๐ คะแนน ปีนี้ ๙๑.๔๕ คะแนน",
     [("overall", None, 88.2, 2565), ("overall", None, 91.45, 2566)]),
    ("ผลการประเมิน ITA ปีงบประมาณที่ผ่านมา ได้ 88.20 คะแนน", [("overall", None, 88.2, 2565)]),
    ("ผลการประเมิน ITA ได้ ๙๑.๔๕ คะแนน ดีขึ้นเมื่อเทียบกับปีที่ผ่านมา", [("overall", None, 91.45, 2566)]),
    ("ผลการประเมิน ITA ปีที่แล้ว (ปี 2565) ได้ 88.20 คะแนน", [("overall", None, 88.2, 2565)]),
    # as OCR read it on a probe's scan, its marks misread: still last year's (it was this year's)
    ("ผลการประเมินภาพรวมปิทิีแล้ว 88.20 คะแนน UU 91.45 คะแนน", [("overall", None, 88.2, 2565)]),
    # shares of respondents
    ("ด้านการปฏิบัติหน้าที่ ผู้ตอบแบบสอบถามร้อยละ ๗๐.๐๐ เห็นว่าเจ้าหน้าที่ให้บริการตามขั้นตอน", []),
    # dates and times
    ("ผลการประเมิน ITA ประจำปี ๒๕๖๖ ณ วันที่ ๓๐ กันยายน ๒๕๖๖ ได้คะแนน ๙๒.๑๒", [("overall", None, 92.12, 2566)]),
    ("แบบวัด IIT ได้คะแนน ๙๐.๑๒ คะแนน ประกาศเมื่อ ๑/๑๐/๒๕๖๖", [("tool", IIT, 90.12, 2566)]),
    ("ประกาศ ณ วันที่ ๕ มกราคม ๒๕๖๙", []),
    ("ประชุมเมื่อวันที่ ๑๒ ต.ค. ๒๕๖๕ เวลา ๑๐.๓๐ น. ได้คะแนน", []),
    ("ไตรมาสที่ ๒ (ม.ค. - มี.ค. ๒๕๖๖) ดำเนินการ ๔ ไตรมาส", []),
    # counts and shares
    ("มีตัวชี้วัดที่ได้คะแนนต่ำกว่าร้อยละ 85 จำนวน 3 ตัวชี้วัด", []),
    ("รายงานผลการรับของขวัญ ของกำนัล ทุกๆ 6 เดือน", []),
    ("OIT ได้คะแนน ๘๘.๕๐ คะแนน มีข้อที่ไม่ผ่าน ๕ ข้อ", [("tool", OIT, 88.5, 2566)]),
    ("แบบวัด IIT ได้ ๙๒.๑๐ คะแนน จากผู้ตอบ ๒๕ คน", [("tool", IIT, 92.1, 2566)]),
    ("ประมวลจริยธรรมพนักงานส่วนท้องถิ่น พ.ศ.๒๕๖๖ ได้ ๑๒ หน่วยงาน", []),
    ("ร้อยละ ๘๐ ของผู้รับบริการมีความพึงพอใจต่อคุณภาพการดำเนินงาน", []),
    ("ผลคะแนนภาพรวม ๘๙.๐๑ คะแนน (ผ่าน) ตัวชี้วัดทั้ง ๑๐ ตัวชี้วัด", [("overall", None, 89.01, 2566)]),
    # ranks, full marks, bands, averages of others
    ("อันดับที่ ๑ การใช้อำนาจ ๙๙.๑๐ คะแนน", [("indicator", 3, 99.1, 2566)]),
    ("ได้รับผลการประเมิน ITA ๘๐.๖๑ คะแนน ลำดับที่ ๑๒๓ ของจังหวัด", [("overall", None, 80.61, 2566)]),
    ("ผลการประเมิน ITA ได้ ๙๕.๗๕ คะแนน จากคะแนนเต็ม ๑๐๐ คะแนน", [("overall", None, 95.75, 2566)]),
    ("ผลการประเมิน ITA ได้คะแนน ๘๐.๖๑ คะแนน อยู่ในระดับ B (๗๕-๘๔.๙๙)", [("overall", None, 80.61, 2566)]),
    ("ระดับ AA ช่วงคะแนน ๙๕-๑๐๐", []),
    ("ผลการประเมิน ITA ได้ ๙๐.๑๐ คะแนน สูงกว่าค่าเฉลี่ยระดับประเทศ ๘๗.๕๗ คะแนน",
     [("overall", None, 90.1, 2566)]),
    # item and indicator numbers
    ("ข้อ ๑๒ ได้คะแนน ๘๐.๒๕", []),
    ("i๑๒ ได้คะแนน ๘๐.๒๕", [("item", "i12", 80.25, 2566)]),
    ("ตัวชี้วัดที่ ๓ การใช้อำนาจ (i๑๓ - i๑๘) ได้คะแนน ๙๙.๔๕", [("indicator", 3, 99.45, 2566)]),
    ("ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ คะแนน 92.87", [("indicator", 4, 92.87, 2566)]),
    # tools by their Thai names, in one sentence
    ("ภายใน (IIT) ๙๒.๑๒ คะแนน ภายนอก (EIT) ๘๘.๐๒ คะแนน การเปิดเผยข้อมูลสาธารณะ (OIT) ๗๐.๐๐ คะแนน "
     "ภาพรวม ๘๐.๖๑ คะแนน",
     [("tool", IIT, 92.12, 2566), ("tool", EIT, 88.02, 2566), ("tool", OIT, 70.0, 2566),
      ("overall", None, 80.61, 2566)]),
    # captions of tables and figures
    ("ตารางที่ ๒ ผลคะแนนรายตัวชี้วัด", []),
    ("ตารางที 1 ผลคะแนนแยกตามเครืองมือการประเมิน", []),  # OCR lost the MAI EK
    ("ตารางท 1 ผลคะแนนรายเครองมอ", []),  # and the SARA II
    ("ภาพที่ ๑ ผลการประเมิน ITA ได้ ๙๕.๗๕ คะแนน", [("overall", None, 95.75, 2566)]),
    ("แผนภูมิที่ 3 ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ 97.44", [("indicator", 1, 97.44, 2566)]),
    # page numbers and periods (a page number is หน้า right before it; หน้าที่ is a duty)
    ("หน้า ๒ ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่ ๙๗.๔๔ คะแนน", [("indicator", 1, 97.44, 2566)]),
    ("ระยะเวลา ไตรมาส ๑ ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ ได้คะแนน ๘๙.๑๐",
     [("indicator", 4, 89.1, 2566)]),
    # the tools' weights in words, percentages and formulas (a probe gave IIT 30 and overall 0.3)
    ("โดยมีสัดส่วนคะแนน IIT ร้อยละ 30 EIT ร้อยละ 30 และ OIT ร้อยละ 40", []),
    ("คิดน้ำหนักคะแนน IIT 30% EIT 30% OIT 40%", []),
    ("แบบวัด IIT (น้ำหนักร้อยละ 30) แบบวัด EIT (น้ำหนักร้อยละ 30) แบบวัด OIT (น้ำหนักร้อยละ 40)", []),
    ("คะแนน ITA = 0.3 IIT + 0.3 EIT + 0.4 OIT", []),
    ("คะแนน ITA = (IIT × 0.30) + (EIT × 0.30) + (OIT × 0.40)", []),
    ("คะแนนรวม = (0.3 x IIT) + (0.3 x EIT) + (0.4 x OIT)", []),
    ("ค่าน้ำหนัก IIT 0.30 EIT 0.30 OIT 0.40", []),
    ("IIT 91.45 × 0.30 = 27.44", [("tool", IIT, 91.45, 2566)]),
    # a tool's weighted points out of its weight (a probe gave IIT 27.96): points, checked by the
    # arithmetic, never a tool's score
    ("คะแนน IIT คิดเป็น 27.96 คะแนน จากน้ำหนัก 30 คะแนน", [("points", "IIT", 27.96, 2566)]),
    ("แบบวัด IIT ได้ 93.21 คะแนน คิดเป็นคะแนนถ่วงน้ำหนัก 27.96 คะแนน",
     [("tool", IIT, 93.21, 2566), ("points", "IIT", 27.96, 2566)]),
    ("แบบวัด OIT ได้ 39.00 คะแนน จาก 40 คะแนน", [("points", "OIT", 39.0, 2566)]),
    ("IIT 27.96/30 EIT 24.07/30 OIT 39.00/40",
     [("points", "IIT", 27.96, 2566), ("points", "EIT", 24.07, 2566), ("points", "OIT", 39.0, 2566)]),
    ("EIT (เต็ม 30 คะแนน) ได้ 24.07 คะแนน", [("points", "EIT", 24.07, 2566)]),
    ("ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ ได้ 27.50 จาก 30 คะแนน", []),
    # what a score would be, and a tool's average elsewhere (a probe gave indicator 10 100 and IIT 91.20)
    ("หากปรับปรุงตัวชี้วัดที่ 10 ให้ได้ 100 คะแนน จะทำให้คะแนนรวมเพิ่มขึ้นเป็น 92.60 คะแนน", []),
    ("ค่าเฉลี่ย IIT ของจังหวัด 91.20 คะแนน ส่วน EIT ของเทศบาล 86.67 คะแนน", [("tool", EIT, 86.67, 2566)]),
    ("คะแนนเฉลี่ย OIT ระดับประเทศ 85.30", []),
    ("ค่าเฉลี่ย ||] ของจังหวัด 91.20 คะแนน", []),  # IIT as OCR read it on a scan
    ("เป้าหมายปี 2567 ตั้งไว้ที่ 90.00 คะแนน", []),
    ("ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ มีการปรับปรุงขั้นตอน ส่งผลให้ได้คะแนน 95.40 คะแนน",
     [("indicator", 1, 95.4, 2566)]),
    # a score's change from one value to another (a probe gave indicator 4 the difference -2.10)
    ("ผลคะแนน ITA ของเทศบาลเพิ่มขึ้นจาก 85.12 คะแนน ในปี 2565 เป็น 91.45 คะแนน ในปี 2566",
     [("overall", None, 91.45, 2566)]),
    ("แบบวัด IIT ลดลงจาก 93.50 เหลือ 92.10 คะแนน", [("tool", IIT, 92.1, 2566)]),
    ("ตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการ ได้คะแนนลดลง (-2.10) จากปีที่แล้ว เหลือ 84.60 คะแนน",
     [("indicator", 4, 84.6, 2566)]),
    ("ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล +5.28 คะแนน", []),
    ("ผลคะแนนรวมของเทศบาลเพิ่มขึ้นเป็น 91.45 คะแนน", [("overall", None, 91.45, 2566)]),
    # full marks got (ได้คะแนนเต็ม 100) are a score; full marks a score is out of are not (a probe
    # lost indicator 10's 100 silently, as a full mark)
    ("ตัวชี้วัดที่ 10 ได้คะแนนเต็ม 100 คะแนน", [("indicator", 10, 100.0, 2566)]),
    ("ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล ได้คะแนน 100 คะแนนเต็ม", [("indicator", 9, 100.0, 2566)]),
    ("ตัวชี้วัดที่ 9 ได้รับคะแนนเต็ม ๑๐๐ คะแนน", [("indicator", 9, 100.0, 2566)]),
    ("คะแนนเต็ม 100 คะแนน ตัวชี้วัดที่ 9 ได้ 95.00", [("indicator", 9, 95.0, 2566)]),
    ("ตัวชี้วัดที่ 9 ได้ 95.00 คะแนน จาก 100 คะแนนเต็ม", [("indicator", 9, 95.0, 2566)]),
    # what an earlier year got (ที่ได้ is no letter's reference: a probe lost 85.40 silently)
    ("ผลการประเมิน ITA ประจำปี 2566 ได้ 91.23 คะแนน ซึ่งเพิ่มขึ้นจากปี 2565 ที่ได้ 85.40 คะแนน",
     [("overall", None, 91.23, 2566), ("overall", None, 85.4, 2565)]),
    ("ตัวชี้วัดที่ 7 ได้คะแนน 78.25 คะแนน ต่ำกว่าปีที่แล้วที่ได้ 80.10 คะแนน", [("indicator", 7, 78.25, 2566)]),
    # a subject in brackets after its value (a probe left both unread)
    ("คะแนนสูงสุด 98.50 (ตัวชี้วัดที่ 9) คะแนนต่ำสุด 78.00 (ตัวชี้วัดที่ 10)",
     [("indicator", 9, 98.5, 2566), ("indicator", 10, 78.0, 2566)]),
    ("ได้คะแนนสูงสุด 99.10 คะแนน (ตัวชี้วัดที่ 3 การใช้อำนาจ) รองลงมาคือ 97.00 คะแนน",
     [("indicator", 3, 99.1, 2566)]),
    ("การใช้อำนาจ 99.10 (ตัวชี้วัดที่ 3) และ 88.00 คะแนนในปีก่อน", [("indicator", 3, 99.1, 2566)]),
    # a share of measures done (a probe's measures report left 75.00 and 25.00 unread)
    ("จำนวนมาตรการทั้งหมด 8 มาตรการ ดำเนินการแล้วเสร็จ 6 มาตรการ คิดเป็นร้อยละ 75.00", []),
]


@pytest.mark.parametrize(("sentence", "expected"), DISTRACTOR_CASES,
                         ids=[c[0][:40] for c in DISTRACTOR_CASES])
def test_no_distractor_becomes_a_score(sentence: str, expected: list[tuple]) -> None:
    assert _scores(sentence) == expected


def test_at_least_forty_distractor_cases() -> None:
    assert len(DISTRACTOR_CASES) >= 40


@pytest.mark.parametrize(("sentence", "expected"), [
    # an aspect the pipeline has no subject for is not the overall score
    ("ด้านการให้บริการ ได้คะแนน ๘๙.๐๐ คะแนน", []),
    ("กิจกรรมอบรมคุณธรรม ได้คะแนนความพึงพอใจ ๙๒.๕๐ คะแนน", []),
    ("ประเด็นการเปิดโอกาสให้มีส่วนร่วม มีผลคะแนน ๗๐.๒๕", []),
    ("แบบสอบถามความพึงพอใจของผู้รับบริการ ได้คะแนนเฉลี่ย ๔.๕๐ คะแนน", []),
    # the generic cues still name the overall score of the assessment itself
    ("มีผลคะแนนเท่ากับร้อยละ ๕๐.๐๒ คะแนน", [("overall", None, 50.02, 2566)]),
    ("ผลการประเมินคุณธรรมและความโปร่งใสของเทศบาลตำบลหนองเสม็ด ประจำปี ๒๕๖๖ มีผลคะแนนเท่ากับร้อยละ ๕๐.๐๒",
     [("overall", None, 50.02, 2566)]),
    ("องค์การบริหารส่วนตำบลโสกก่าม ได้คะแนน ๙๖.๑๒ คะแนน", [("overall", None, 96.12, 2566)]),
    ("หน่วยงานได้คะแนน ๘๘.๐๐ คะแนน อยู่ในระดับ A", [("overall", None, 88.0, 2566)]),
])
def test_generic_overall_cues_need_the_assessment_as_their_subject(sentence: str, expected: list) -> None:
    assert _scores(sentence) == expected


@pytest.mark.parametrize(("text", "role"), [
    ("ซึงเพิ่มขืนจากปิทีผ่านมา 6.33 คะแนน", "difference"),  # ซึ่งเพิ่มขึ้นจากปีที่ผ่านมา, marks lost
    ("สูงกวาคาเฉลียระดับประเทศ 87.57 คะแนน", "benchmark"),  # สูงกว่าค่าเฉลี่ย…
    ("ผานเกณฑ์ทีกําหนด 85 คะแนน", "threshold"),  # ผ่านเกณฑ์ที่กำหนด
    ("เทศบาลได้คะแนน 91.45 คะแนน", "score"),
    ("ไดคะแนน 91.45", "score"),
], ids=["difference", "benchmark", "threshold", "score", "score-without-marks"])
def test_a_role_word_ocr_printed_without_its_marks_still_gives_its_role(text: str, role: str) -> None:
    """Regression (a probe's scan): `ซึงเพิ่มขืนจากปิทีผ่านมา 6.33 คะแนน` was a score left unread."""
    assert [n.role for n in numbers(squeeze_thai(clean(text)))] == [role]


def test_a_grade_ocr_read_as_a_digit_is_no_score() -> None:
    """Regression (a probe's scan): `อยู่ในระดับ A ผ่านเกณฑ์` read `อยู่ในระดับ 2เผ่านเ…`, and the
    2 was listed unread; a level of a scale is no score, the score before it still is."""
    text = squeeze_thai(clean("ได้คะแนน 89.73 คะแนน อยู่ในระดับ 2เผ่านเกณฑ์การประเมิน"))
    assert [(n.text, n.role) for n in numbers(text)] == [("89.73", "score"), ("2", "rank")]


@pytest.mark.parametrize("sentence", [
    "คะแนน ITA = (IIT x 0.30) + (EIT x 0.30) + (OIT x 0.40) = (91.45 x 0.30) + (88.32 x 0.30) "
    "+ (96.50 x 0.40) = 27.44 + 26.50 + 38.60",
    "คะแนนรวม = (0.3 × IIT) + (0.3 × EIT) + (0.4 × OIT) = 92.53",
])
def test_a_formulas_tools_take_none_of_its_numbers(sentence: str) -> None:
    """Regression (a probe's scan, its lines joined into one): `(OIT x 0.40) = (91.45 x 0.30)` gave
    OIT 91.45, and then the overall (`คะแนน ITA = … (91.45 x 0.30)`) 91.45: a product's or a sum's
    terms are no subject's value."""
    assert [s for s in _scores(sentence) if s[0] != "overall" or s[2] != 92.53] == []


def test_the_value_a_score_rose_from_is_left_unread() -> None:
    """`เพิ่มขึ้นจาก 85.12 … เป็น 91.45`: 85.12 is an earlier year's score whose year the sentence
    gives after it; it is listed unread (a score-like role no reader takes), never a difference."""
    text = squeeze_thai(clean("ผลคะแนน ITA เพิ่มขึ้นจาก 85.12 คะแนน ในปี 2565 เป็น 91.45 คะแนน"))
    found = [(n.text, n.role) for n in numbers(text) if "." in n.text]
    assert found == [("85.12", "earlier"), ("91.45", "score")]
