"""The organisation a document is about: one org_id however its name is printed (abbreviated,
cut by a line break, with or without its district or province), never one shared by two."""

import pytest

from ita_extract.parsers.text import parse_text
from ita_extract.pipeline.ita.lines import DocumentLines
from ita_extract.pipeline.ita.organisation import Organisation, organisation_named, read_organisation

TITLE = "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส (ITA) ประจำปีงบประมาณ พ.ศ. ๒๕๖๖\n"


def _organisation(body: str) -> Organisation:
    found = read_organisation(DocumentLines(parse_text(TITLE + body)).all)
    assert found is not None
    return found[0]


NONG_SAMET = [
    "เทศบาลตำบลหนองเสม็ด อำเภอเมืองตราด จังหวัดตราด\n",
    "ทต.หนองเสม็ด\n",  # abbreviated, no place
    "ทต. หนองเสม็ด จังหวัดตราด\n",  # without its district
    "เทศบาลตำบลหนอง\nเสม็ด อำเภอเมืองตราด\n",  # cut by a line break
    "เทศบาลตำบลหนอง เสม็ด อำเภอเมืองตราด จังหวัดตราด\n",  # the break became a space (a PDF)
    "เทศบาลตำบลหนอง\n\nผลการประเมินของเทศบาลตำบลหนองเสม็ด อยู่ในระดับ E\n",  # cut, and whole below
    "ทต.หนองเสม็ด อ.เมืองตราด จ.ตราด\n",  # regression: the อ of อ.เมืองตราด ran into the name
]


@pytest.mark.parametrize("body", NONG_SAMET)
def test_every_form_of_one_name_gives_one_org_id(body: str) -> None:
    org = _organisation(body)
    assert org.org_name == "เทศบาลตำบลหนองเสม็ด"
    assert (org.where_district, org.where_province) == ("เมืองตราด", "ตราด")
    assert org.org_id == _organisation(NONG_SAMET[0]).org_id


def test_the_printed_forms_are_kept() -> None:
    assert _organisation(NONG_SAMET[5]).variants == ("เทศบาลตำบลหนอง", "เทศบาลตำบลหนองเสม็ด")
    assert _organisation(NONG_SAMET[1]).variants == ("ทต.หนองเสม็ด",)


def test_the_stated_place_is_kept_and_the_gazetteers_is_told_apart() -> None:
    stated = _organisation(NONG_SAMET[0])
    assert (stated.district, stated.province, stated.place) == ("เมืองตราด", "ตราด", None)
    filled = _organisation(NONG_SAMET[1])
    assert (filled.district, filled.province) == (None, None)
    assert filled.place is not None and filled.place.province == "ตราด"


def test_an_abbreviated_district_is_the_district() -> None:
    """Regression: `อบต.ห้วยยาง อ.เมือง จ.ขอนแก่น` gave องค์การบริหารส่วนตำบลห้วยยางอ."""
    found = _organisation("อบต.ห้วยยาง อ.น้ำพอง จ.ขอนแก่น\n")
    assert (found.org_name, found.district, found.province) == ("องค์การบริหารส่วนตำบลห้วยยาง", "น้ำพอง", "ขอนแก่น")
    capital = _organisation("อบต.ห้วยยาง อ.เมือง จ.ขอนแก่น\n")  # the province's capital district
    assert (capital.org_name, capital.district) == ("องค์การบริหารส่วนตำบลห้วยยาง", "เมืองขอนแก่น")


def test_one_name_in_two_provinces_is_two_organisations() -> None:
    korat = _organisation("อบต.บ้านใหม่ จังหวัดนครราชสีมา\n")
    ayutthaya = _organisation("อบต.บ้านใหม่ จังหวัดพระนครศรีอยุธยา\n")
    assert korat.org_name == ayutthaya.org_name == "องค์การบริหารส่วนตำบลบ้านใหม่"
    assert korat.org_id != ayutthaya.org_id


def test_a_name_of_many_places_without_its_province_is_never_placed() -> None:
    org = _organisation("อบต.บ้านใหม่\n")
    assert (org.where_district, org.where_province) == (None, None)


def test_a_part_that_is_a_place_of_its_own_is_not_merged_into_a_longer_name() -> None:
    """ทต.นาดี and ทต.นาดีใหญ่ are two places: the shorter is not the longer cut short."""
    org = _organisation("เทศบาลตำบลนาดี\nเทศบาลตำบลนาดี\nเทศบาลตำบลนาดีใหญ่\n")
    assert org.org_name == "เทศบาลตำบลนาดี"


RUN_ON = "ผู้มาติดต่อราชการกับเทศบาลตำบลดอนขามบางรายยังไม่สามารถใช้งานระบบ E-Service ได้\n"


@pytest.mark.parametrize("whole", [
    "เทศบาลตำบลดอนขาม อำเภอเมือง จังหวัดขอนแก่น\n",  # a space after it
    "เทศบาลตำบลดอนขามจะดำเนินการประชาสัมพันธ์\n",  # a stop word after it
    "ของเทศบาลตำบลดอนขาม สามารถประมวลปัญหา\n",  # a sentence after a space
])
@pytest.mark.parametrize("run_on_first", [True, False])
def test_a_name_run_on_into_the_sentence_after_it_is_not_the_name(whole: str, run_on_first: bool) -> None:
    """Regression: dev 003 prints `กับเทศบาลตำบลเหมืองจี้บางรายยังไม่สามารถ…` with no space; where
    the name is printed whole elsewhere, the run-on took its votes as if the whole name were it
    cut short (63 of 144 place names put in 003's text came out run on)."""
    body = RUN_ON + whole if run_on_first else whole + RUN_ON
    org = _organisation(body)
    assert org.org_name == "เทศบาลตำบลดอนขาม"
    assert not [form for form in org.variants if "บางราย" in form]  # the run-on is no form of the name


def test_a_provincial_organisation_is_placed_in_its_province() -> None:
    org = _organisation("องค์การบริหารส่วนจังหวัดตราด\n")
    assert (org.org_type, org.where_province) == ("องค์การบริหารส่วนจังหวัด", "ตราด")


@pytest.mark.parametrize(("letter", "name"), [
    ("เรียน นายกเทศมนตรีตำบลหนองเสม็ด\n", "เทศบาลตำบลหนองเสม็ด"),
    ("เรียน นายก เทศมนตรีตำบลหนอง เสม็ด\n", "เทศบาลตำบลหนองเสม็ด"),  # a PDF's spaces
    ("เรียน นายกองค์การบริหารส่วนตำบลโสกก่าม\n", "องค์การบริหารส่วนตำบลโสกก่าม"),
    ("เรียน นายก อบต.โสกก่าม\n", "องค์การบริหารส่วนตำบลโสกก่าม"),
    ("เรียน ปลัดเทศบาลตำบลหนองเสม็ด\n", "เทศบาลตำบลหนองเสม็ด"),
])
def test_a_covering_letters_addressee_is_the_documents_organisation(letter: str, name: str) -> None:
    """However often the document names others (a results list names dozens)."""
    others = "".join(f"{n}. เทศบาลตำบลวังกระแจะ\n" for n in range(1, 4))
    assert _organisation(letter + others).org_name == name


def test_a_letter_to_no_organisation_leaves_the_vote() -> None:
    assert _organisation("เรียน เลขาธิการ ป.ป.ช.\nเทศบาลตำบลหนองเสม็ด\n").org_name == "เทศบาลตำบลหนองเสม็ด"


@pytest.mark.parametrize(("cell", "province", "name", "where"), [
    ("ทต.หนองเสม็ด", "ตราด", "เทศบาลตำบลหนองเสม็ด", ("เมืองตราด", "ตราด")),
    ("ทต .หนอง เสม็ด", None, "เทศบาลตำบลหนองเสม็ด", ("เมืองตราด", "ตราด")),  # a PDF's spaces
    ("เทศบาลตำบลหนองเสม็ด อำเภอเมืองตราด", None, "เทศบาลตำบลหนองเสม็ด", ("เมืองตราด", "ตราด")),
    ("อบต.หวยแรง", "ตราด", "องค์การบริหารส่วนตำบลห้วยแร้ง", ("เมืองตราด", "ตราด")),  # OCR lost the marks
    ("อบต.หวยแรง", None, "องค์การบริหารส่วนตำบลหวยแรง", (None, None)),  # no province: not respelled
    ("เทศบาลเมืองตราด", "ตราด", "เทศบาลเมืองตราด", (None, "ตราด")),
    ("อบต.หนองเสม็ด", "ลำพูน", "องค์การบริหารส่วนตำบลหนองเสม็ด", ("เมืองตราด", "ตราด")),  # not the list's
])
def test_a_listed_organisation_is_named_and_placed(cell, province, name, where) -> None:
    org = organisation_named(cell, province)
    assert org is not None and org.org_name == name
    assert (org.where_district, org.where_province) == where


def test_a_cell_naming_no_organisation_is_none() -> None:
    assert organisation_named("คะแนนเฉลี่ย", "ตราด") is None


@pytest.mark.parametrize("body", [
    "องค์การบริหารส่วนตำบลห้วย ยาง อำเภอน้ำพอง จังหวัดขอนแก่น\n",  # a PDF's space in the name
    "องค์การบริหารส่วนตำบลห้วย ยาง อ.น้ำพอง จ.ขอนแก่น\n",
    "องค์การบริหารส่วนตำบลห้วย\nยาง อำเภอน้ำพอง จังหวัดขอนแก่น\n",  # cut by a line break
])
def test_a_name_whose_first_part_is_another_subdistricts_name(body: str) -> None:
    """Regression (a probe's Word-made PDF): `…ตำบลห้วย ยาง อำเภอ…` gave องค์การบริหารส่วนตำบลห้วย,
    as ห้วย is a subdistrict too (in Amnat Charoen): the word between it and the district is the
    name's rest."""
    assert _organisation(body).org_name == "องค์การบริหารส่วนตำบลห้วยยาง"


def test_a_subdistricts_name_followed_by_a_sentence_stays_itself() -> None:
    assert _organisation("องค์การบริหารส่วนตำบลห้วย ยังไม่ได้เผยแพร่ข้อมูล\n").org_name == "องค์การบริหารส่วนตำบลห้วย"
