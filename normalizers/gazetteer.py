"""Where a place is: Thailand's provinces, districts and subdistricts, from the GeoThai data
(the `geothai` package: the Department of Provincial Administration's names and codes; data
CC BY 4.0 © GeoThai). It fills a district or province a document leaves out, and only when the
names it is given leave no doubt: a name that fits several places gives none."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import geothai
import regex

from ita_extract.normalizers.thai_text import strip_marks


@dataclass(frozen=True)
class Place:
    district: str | None
    province: str
    subdistrict: str | None = None


@cache
def subdistrict_place(name: str, district: str | None = None, province: str | None = None) -> Place | None:
    """The one subdistrict (tambon) named `name`, in `district` and `province` when they are
    given; None when no subdistrict or more than one fits."""
    found = geothai.match(name, district=district or None, province=province or None)
    if len(found) != 1:
        return None
    address = found[0]
    return Place(address.district.name_th, address.province.name_th, address.subdistrict.name_th)


@cache
def district_place(name: str, province: str | None = None) -> Place | None:
    """The one district (amphoe, or a Bangkok khet) named `name`, in `province` when it is
    given; None when no district or more than one fits."""
    wanted = _key(name)
    found = [(district, geothai.province(district.province_code))
             for district in _districts() if _key(district.name_th) == wanted]
    found = [(d, p) for d, p in found
             if p is not None and (not province or _key(p.name_th) == _key(province))]
    if len(found) != 1:
        return None
    district, where = found[0]
    assert where is not None
    return Place(district.name_th, where.name_th)


@cache
def subdistrict_in(name: str, district: str | None = None, province: str | None = None) -> bool:
    """Whether some subdistrict named `name` lies in `district` and `province` (when given)."""
    return bool(geothai.match(name, district=district or None, province=province or None))


@cache
def is_subdistrict(name: str) -> bool:
    """Whether some subdistrict of Thailand is named `name`."""
    return bool(geothai.match(name))


_SLIP_NAME = 5  # letters a name needs before one OCR slip in it is looked past


def subdistrict_spelled(name: str, district: str | None, province: str) -> str | None:
    """The one subdistrict of `province` (and `district`, when given) that `name` spells once
    the marks above and below the line are set aside on both sides (OCR loses them: หวยแรง for
    ห้วยแร้ง), or with one letter more, less or other besides (จวังนำเย็น for วังน้ำเย็น); in the
    province when the district as printed is none of its (its marks lost too); None when none or
    several do."""
    wanted = strip_marks(_key(name))
    places = _subdistricts_of(province, district) or _subdistricts_of(province, None)
    found = {s.name_th for s in places if strip_marks(_key(s.name_th)) == wanted}
    if not found and len(wanted) >= _SLIP_NAME:  # one letter OCR added, lost or misread besides
        slipped = regex.compile(f"(?:{regex.escape(wanted)}){{e<=1}}")
        found = {s.name_th for s in places if slipped.fullmatch(strip_marks(_key(s.name_th)))}
    return found.pop() if len(found) == 1 else None


@cache
def _subdistricts_of(province: str, district: str | None) -> tuple[geothai.Subdistrict, ...]:
    return tuple(s for d in _districts() if (p := geothai.province(d.province_code)) is not None
                 and _key(p.name_th) == _key(province) and (not district or _key(d.name_th) == _key(district))
                 for s in geothai.subdistricts(d.code))


def warm_up() -> None:
    """Load the gazetteer now: its first lookup reads the whole dataset (about 30 ms), which a
    worker forked after this call then shares instead of paying again."""
    geothai.match("ในเมือง")
    _districts()


@cache
def _districts() -> tuple[geothai.District, ...]:
    return tuple(district for province in geothai.provinces()
                 for district in geothai.districts(province.code))


def _key(name: str) -> str:
    return "".join(name.split())
