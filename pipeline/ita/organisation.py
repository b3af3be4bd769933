"""The organisation a document is about: its type and name across the forms it is printed in,
where it is, and an identifier that is the same in every run and from every document naming it.

- Forms: whole (`เทศบาลตำบลหนองเสม็ด`), abbreviated (`ทต.หนองเสม็ด`, `อบต. โสกก่าม`:
  org_types.csv), cut by a line break (`เทศบาลตำบลหนอง เสม็ด`, read whole when the gazetteer
  knows the whole and not the part; `…หนอง` alone, taken as the one longer name of the same type
  the document prints that it begins, unless it is a place's name itself).
- Place: the district and province the document states, on the organisation's own line first;
  where it leaves them out, where the gazetteer puts the name, when the name and what the
  document states leave no doubt (normalizers.gazetteer). Never guessed.
- A covering letter's addressee (`เรียน นายกเทศมนตรีตำบลหนองเสม็ด`: addressee_titles.csv) is the
  document's own organisation, whatever else it names (a results list names hundreds).
- Identity: `org_id` is a digest of the type, the name and the province (stated, or the
  gazetteer's); so a document that names the province and one that does not give the same id
  whenever the gazetteer places the name, and two organisations of one name in two provinces
  never share one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache

import regex

from ita_extract.normalizers.dictionary import tokenize
from ita_extract.normalizers.gazetteer import (
    Place,
    district_place,
    is_subdistrict,
    subdistrict_in,
    subdistrict_place,
    subdistrict_spelled,
)
from ita_extract.normalizers.lists import squeeze_thai
from ita_extract.normalizers.names import canonical_province, cut_at_stop_words
from ita_extract.normalizers.thai_text import without_marks
from ita_extract.pipeline.ita.knowledge import rows
from ita_extract.pipeline.ita.lines import Line

_NAME = r"[\u0e01-\u0e4e]+"
_PLACE_ABBREVIATION = r"[อจ]\."  # อ. for อำเภอ, จ. for จังหวัด
_DISTRICT = regex.compile(rf"(?:อำเภอ|เขต|อ\.)\s*({_NAME})")
_PROVINCE = regex.compile(rf"(?:จังหวัด|จ\.)\s*({_NAME}|กรุงเทพฯ)")
_MIN_NAME = 2
_SLIP_NAME = 5  # letters a name needs before one OCR slip in it is still that name
_CAPITAL = "เมือง"  # a province's capital district printed without its province (อ.เมือง)
_PROVINCIAL = "องค์การบริหารส่วนจังหวัด"  # named after its province
_TAMBON_LEVEL = ("เทศบาลตำบล", "องค์การบริหารส่วนตำบล")  # named after a subdistrict


@dataclass(frozen=True)
class Organisation:
    org_type: str
    org_name: str  # the full name with its type
    district: str | None = None  # as the document states it
    province: str | None = None
    place: Place | None = None  # where the gazetteer puts it, when the document leaves it out
    variants: tuple[str, ...] = ()  # every form the document printed

    @property
    def core(self) -> str:
        """The name without its type."""
        typed = self.org_name.startswith(self.org_type)
        return self.org_name[len(self.org_type):] if typed else self.org_name

    @property
    def where_district(self) -> str | None:
        return self.district or (self.place.district if self.place else None)

    @property
    def where_province(self) -> str | None:
        return self.province or (self.place.province if self.place else None)

    @property
    def org_id(self) -> str:
        key = "\t".join((self.org_type, self.core, self.where_province or ""))
        return "org-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@dataclass
class _Candidate:
    org_type: str
    name: str
    votes: int = 0
    first: int = 0  # the index of the first line naming it
    forms: list[str] = field(default_factory=list)
    # Printed once at least with more of its line after it: a whole name, not one a line
    # break cut short (`เทศบาลตำบลหนอง` ending its line).
    whole: bool = False


_ADDRESSEE = regex.compile(r"^\s*เรียน\s*(?P<to>.+)$")


def read_organisation(lines: Sequence[Line]) -> tuple[Organisation, Line] | None:
    """The organisation a covering letter is addressed to, else the one the document names most
    often (the earliest among equals), and the first line naming it; None when it names none."""
    addressed = addressee(lines)
    if addressed is not None:
        return addressed
    candidates = _merge_cut_names(_candidates(lines))
    if not candidates:
        return None
    best = max(candidates.values(), key=lambda c: (c.votes, -c.first))
    return _organisation(lines, best)


def addressee(lines: Sequence[Line]) -> tuple[Organisation, Line] | None:
    """The organisation the first `เรียน …` line naming one is addressed to (its head's title
    stands for it: นายกเทศมนตรีตำบลX is เทศบาลตำบลX)."""
    for index, line in enumerate(lines):
        match = _ADDRESSEE.match(line.text)
        if match is None:
            continue
        to = _squeezed(match.group("to"))
        for row in rows("addressee_titles"):
            to = regex.sub(row["title"], row["org_type"], to, count=1)
        found = _candidates([Line(line.page, line.line, to, line.kind)])
        if found:
            best = next(iter(found.values()))
            best.first = index
            return _organisation(lines, best)
    return None


def organisation_named(text: str, province: str | None = None) -> Organisation | None:
    """The organisation a cell of a results list names (`ทต.หนองเสม็ด`, `เทศบาลตำบลหนองเสม็ด อำเภอ
    เมืองตราด`), placed in `province` (the list's) when the gazetteer does not put the name
    elsewhere; None when the text names none."""
    line = Line(0, 0, _squeezed(text), "table")
    found = _candidates([line])
    if not found:
        return None
    best = next(iter(found.values()))
    district, stated = _stated_place([line], line)
    name = best.name if best.name == best.org_type else best.org_type + best.name
    org = Organisation(best.org_type, name, district, stated, variants=tuple(sorted(set(best.forms))))
    if stated is None and province and _fits_province(org, province):
        org = replace(org, province=province)
    org = _respelled(org)
    return replace(org, place=_gazetteer_place(org))


def last_organisation_named(text: str) -> Organisation | None:
    """The organisation `text` names last: the one nearest what follows it (its type's form
    may be glued to the word before it: `หนองไผ่แล้วทต.หนองบัว`)."""
    squeezed = _squeezed(text)
    starts = [m.start() for m in _org_type_pattern().finditer(squeezed)]
    return organisation_named(squeezed[starts[-1]:]) if starts else None


@cache
def _org_type_pattern() -> regex.Pattern:
    return regex.compile("|".join(f"(?:{row['printed_form']})" for row in rows("org_types")))


def same_organisation(one: Organisation, other: Organisation) -> bool:
    """Whether two printed names are one organisation's: one type, and one name, one cut short of
    the other (a line break: `เทศบาลตำบลหนอง`), or one OCR slip apart, marks aside (`จวังนำเย็น`
    for วังน้ำเย็น)."""
    if one.org_type != other.org_type:
        return False
    a, b = without_marks(one.core), without_marks(other.core)
    one_slip = regex.fullmatch(f"(?:{regex.escape(a)}){{e<=1}}", b) is not None
    return a.startswith(b) or b.startswith(a) or (min(len(a), len(b)) >= _SLIP_NAME and one_slip)


def _respelled(org: Organisation) -> Organisation:
    """A tambon-level name the gazetteer does not know, put as the one subdistrict of the stated
    province it spells without its marks (OCR loses them); unchanged otherwise."""
    if org.province is None or org.org_type not in _TAMBON_LEVEL or is_subdistrict(org.core):
        return org
    spelled = subdistrict_spelled(org.core, org.district, org.province)
    return replace(org, org_name=org.org_type + spelled) if spelled else org


_SPACE_BEFORE_DOT = regex.compile(r"(?<=\p{Thai})\s+(?=\.)")


def _squeezed(text: str) -> str:
    """A name as a PDF's text layer may space it (`ทต .หนอง เสม็ด`), put together."""
    return _SPACE_BEFORE_DOT.sub("", squeeze_thai(text))


def _fits_province(org: Organisation, province: str) -> bool:
    """Whether the list's province can be the organisation's: the gazetteer does not put a name
    it knows in another one."""
    if org.org_type == _PROVINCIAL:
        return canonical_province(org.core) == province
    if is_subdistrict(org.core):
        return subdistrict_in(org.core, org.district, province)
    return True


def _organisation(lines: Sequence[Line], best: _Candidate) -> tuple[Organisation, Line]:
    line = lines[best.first]
    district, province = _stated_place(lines, line)
    name = best.name if best.name == best.org_type else best.org_type + best.name
    org = _respelled(Organisation(best.org_type, name, district, province,
                                  variants=tuple(sorted(set(best.forms)))))
    return replace(org, place=_gazetteer_place(org)), line


def _org_pattern() -> regex.Pattern:
    forms = "|".join(f"(?P<t{k}>{row['printed_form']})" for k, row in enumerate(rows("org_types")))
    # The name ends before an abbreviated district or province glued to it (`ห้วยยางอ.น้ำพอง`), and
    # its rest a space cut (`หนอง เสม็ด`, `ห้วย ยางอ.น้ำพอง`) is never such an abbreviation
    # (`หนองเสม็ด อ.เมือง`).
    name_end = f"(?:(?={_PLACE_ABBREVIATION})|(?![\\u0e01-\\u0e4e]))"
    rest = f"\\s{_NAME}?(?:(?={_PLACE_ABBREVIATION})|(?![.\\u0e01-\\u0e4e]))(?<!\\s)"
    return regex.compile(f"(?:{forms})\\s*(?P<name>{_NAME}?){name_end}(?P<rest>{rest})?")


def _candidates(lines: Sequence[Line]) -> dict[tuple[str, str], _Candidate]:
    org_types = [row["org_type"] for row in rows("org_types")]
    stops = [row["word"] for row in rows("name_stop_words")]
    pattern = _org_pattern()
    found: dict[tuple[str, str], _Candidate] = {}

    def vote(kind: str, name: str, form: str, index: int, whole: bool) -> None:
        candidate = found.setdefault((kind, name), _Candidate(kind, name, first=index))
        candidate.votes += 1
        candidate.forms.append(form)
        candidate.whole = candidate.whole or whole

    for index, line in enumerate(lines):
        for match in pattern.finditer(line.text):
            kind = org_types[int(next(k for k, v in match.groupdict().items()
                                      if v is not None and k.startswith("t"))[1:])]
            name = cut_at_stop_words(match.group("name"), stops)
            end = match.start("name") + len(name)
            if name == match.group("name"):  # it may go on after a space or a line break
                following = match.group("rest") or _next_line_start(lines, index, match.end("name"))
                rest = cut_at_stop_words(following.strip(), stops) if following else ""
                after = (line.text[match.end("rest"):] if match.group("rest")
                         else lines[index + 1].text.lstrip()[len(following):] if following else "")
                if _goes_on(name, rest, rest == following.strip() and bool(_PLACE_AFTER.match(after))):
                    name = name + rest
                    if match.group("rest"):
                        end = match.end("rest") - (len(following.strip()) - len(rest))
            if len(name) >= _MIN_NAME:
                vote(kind, name, line.text[match.start():end], index, bool(line.text[end:].strip()))
        for row in rows("whole_name_orgs"):
            if row["printed_form"] in line.text:
                vote(row["org_type"], row["printed_form"], row["printed_form"], index, True)
    return found


def _goes_on(name: str, rest: str, place_follows: bool) -> bool:
    """Whether `rest`, the word after a space or a line break, is the name's last part: the two
    make a subdistrict's name and the name alone is none, or is one too but the district or
    province follows the rest (`ห้วย ยาง อำเภอน้ำพอง`)."""
    return bool(rest) and is_subdistrict(name + rest) and (not is_subdistrict(name) or place_follows)


_LEADING_NAME = regex.compile(rf"^\s*({_NAME})")
# What follows a name's last word: its district or province (`ห้วย ยาง อำเภอน้ำพอง` is ห้วยยาง,
# though ห้วย is a subdistrict's name too).
_PLACE_AFTER = regex.compile(rf"\s*(?:อำเภอ|เขต|จังหวัด|{_PLACE_ABBREVIATION})")


def _next_line_start(lines: Sequence[Line], index: int, end: int) -> str:
    """The Thai word opening the next line, when the name ends its line (a line break cut it)."""
    if lines[index].text[end:].strip() or index + 1 >= len(lines) or lines[index + 1].kind == "table":
        return ""
    found = _LEADING_NAME.match(lines[index + 1].text)
    return found.group(1) if found else ""


def _merge_cut_names(found: dict[tuple[str, str], _Candidate]) -> dict[tuple[str, str], _Candidate]:
    """A name that only begins the one longer name of the same type the document prints (and
    is no place's name itself, nor printed whole anywhere) is that name cut short: its votes and
    forms go to the longer. A name printed whole stays itself, and a longer one going on from it
    by _RUN_ON_WORDS words or more is it run on into the sentence after it (dev 003 prints
    `…กับเทศบาลตำบลเหมืองจี้บางรายยังไม่สามารถใช้งานระบบ`, no space between): its votes go to it."""
    merged = dict(found)
    for (kind, name), candidate in sorted(found.items(), key=lambda item: -len(item[0][1])):
        longer = [n for (k, n) in merged if k == kind and n != name and n.startswith(name)]
        if len(longer) != 1 or (kind, name) not in merged:
            continue
        if candidate.whole and len(tokenize(longer[0][len(name):])) >= _RUN_ON_WORDS:
            _absorb(candidate, merged.pop((kind, longer[0])), forms=False)  # no form of the name
        elif not candidate.whole and not is_subdistrict(name):
            _absorb(merged[(kind, longer[0])], merged.pop((kind, name)))
    return merged


_RUN_ON_WORDS = 3  # a place's name goes on from a shorter place's by a word or two (นาดี → นาดีใหญ่)


def _absorb(target: _Candidate, source: _Candidate, forms: bool = True) -> None:
    target.votes += source.votes
    target.forms += source.forms if forms else []
    target.first = min(target.first, source.first)


def _stated_place(lines: Sequence[Line], org_line: Line) -> tuple[str | None, str | None]:
    """District and province, from the organisation's own line when it names them."""
    stops = [row["word"] for row in rows("name_stop_words")]
    ordered = [org_line, *(line for line in lines if line is not org_line)]
    district = province = None
    for line in ordered:
        if district is None and (m := _DISTRICT.search(line.text)):
            district = cut_at_stop_words(m.group(1), stops) or None
        if province is None and (m := _PROVINCE.search(line.text)):
            province = canonical_province(m.group(1))
        if district and province:
            break
    return _capital_district(district, province), province


def _capital_district(district: str | None, province: str | None) -> str | None:
    """`อ.เมือง` of a province is its capital district, named after it (เมืองขอนแก่น), where the
    gazetteer knows one of that name there."""
    if district != _CAPITAL or province is None:
        return district
    place = district_place(_CAPITAL + province, province)
    return place.district if place else district


def stated_province(text: str) -> str | None:
    """The province a text names (`จังหวัดตราด`, `จ.ตราด`), in its canonical form."""
    match = _PROVINCE.search(text)
    return canonical_province(match.group(1)) if match else None


def _gazetteer_place(org: Organisation) -> Place | None:
    """Where the gazetteer puts the organisation, when the document leaves its district or
    province out and the name (with what the document states) fits one place only."""
    if org.district and org.province:
        return None
    if org.org_type == _PROVINCIAL:
        province = canonical_province(org.core)
        return Place(None, province) if province and not org.province else None
    place = subdistrict_place(org.core, org.district, org.province)
    if place is None and org.district:
        place = district_place(org.district, org.province)
    return place
