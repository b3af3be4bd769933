"""The gazetteer fills a place only where the names leave no doubt (GeoThai's data)."""

import pytest

from ita_extract.normalizers.gazetteer import (
    Place,
    district_place,
    is_subdistrict,
    subdistrict_place,
    subdistrict_spelled,
)


@pytest.mark.parametrize(("name", "district", "province", "place"), [
    ("หนองเสม็ด", None, None, Place("เมืองตราด", "ตราด", "หนองเสม็ด")),  # one tambon of the name
    ("เหมืองจี้", None, None, Place("เมืองลำพูน", "ลำพูน", "เหมืองจี้")),
    ("โสกก่าม", "เซกา", None, Place("เซกา", "บึงกาฬ", "โสกก่าม")),
    ("บ้านใหม่", None, None, None),  # dozens of tambons: never guessed
    ("บ้านใหม่", None, "นครราชสีมา", None),  # still several in the province
    ("หนองเสม็ด", None, "ลำพูน", None),  # not in the province the document states
    ("หนอง", None, None, None),  # a part of a name is no place
])
def test_a_subdistrict_is_placed_only_when_it_is_the_only_one(name, district, province, place) -> None:
    assert subdistrict_place(name, district, province) == place


def test_a_district_is_placed_only_when_it_is_the_only_one() -> None:
    assert district_place("เมืองลำพูน") == Place("เมืองลำพูน", "ลำพูน")
    assert district_place("เมือง") is None
    assert district_place("เซกา", "บึงกาฬ") == Place("เซกา", "บึงกาฬ")
    assert district_place("เซกา", "ตราด") is None


def test_names_of_subdistricts() -> None:
    assert is_subdistrict("หนองเสม็ด") and not is_subdistrict("หนอง")


@pytest.mark.parametrize(("name", "district", "province", "spelled"), [
    ("หวยแรง", None, "ตราด", "ห้วยแร้ง"),  # OCR lost the tone marks
    ("ห้วงนำขาว", None, "ตราด", "ห้วงน้ำขาว"),  # and a mark below a vowel
    ("หวยแรง", "เมืองตราด", "ตราด", "ห้วยแร้ง"),
    ("หวยแรง", None, "ลำพูน", None),  # no such tambon in the province stated
    ("หนองเสม็ด", None, "ตราด", "หนองเสม็ด"),  # a name spelled right spells itself
    ("บานใหม", None, "นครราชสีมา", "บ้านใหม่"),  # one name (of several tambons: placing is another matter)
    ("ทงสง", None, "นครศรีธรรมราช", None),  # ทุ่งสง or ทุ่งสัง: never guessed
    # regression (a scan): a letter more besides, and the district's marks lost too
    ("จวังนำเย็น", "วังนำเย็น", "สระแก้ว", "วังน้ำเย็น"),
    ("วังนำเย็นน", None, "สระแก้ว", "วังน้ำเย็น"),
])
def test_a_name_that_lost_its_marks_is_the_one_tambon_it_spells(name, district, province, spelled) -> None:
    assert subdistrict_spelled(name, district, province) == spelled
