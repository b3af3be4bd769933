"""A document's metadata: organisation, place, type, years, its own date."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from ita_extract.normalizers.dates import find_thai_dates
from ita_extract.normalizers.names import canonical_province, cut_at_stop_words
from ita_extract.normalizers.patterns import YEAR
from ita_extract.normalizers.years import to_be
from ita_extract.pipeline.ita.framework import is_ita_year
from ita_extract.pipeline.ita.knowledge import keyed_patterns, patterns, rows
from ita_extract.pipeline.ita.lines import Line
from ita_extract.pipeline.ita.warnings import IMPLAUSIBLE_YEAR, NOT_ITA_DOCUMENT

_NAME = r"[\u0e01-\u0e4e]+"
_TITLE_LINES = 3
_YEAR = regex.compile(rf"(?<!\d)({YEAR})(?!\d)")
UNKNOWN = "unknown"  # the doc_type of a text that is not an ITA document
_YEAR_CONTEXT = 200  # characters before a year in which its cue must stand


@dataclass(frozen=True)
class Metadata:
    org_name: str | None = None
    org_type: str | None = None
    district: str | None = None
    province: str | None = None
    doc_type: str = UNKNOWN
    assessment_year_be: int | None = None
    plan_year_be: int | None = None
    issued_date: dt.date | None = None
    warnings: tuple[str, ...] = ()

    @property
    def is_ita(self) -> bool:
        return self.doc_type != UNKNOWN


def read_metadata(lines: Sequence[Line]) -> Metadata:
    kind = doc_type(lines)
    if kind == UNKNOWN:
        return Metadata(warnings=(NOT_ITA_DOCUMENT,))
    org_type = org_name = district = province = None
    org = organisation(lines)
    if org is not None:
        org_type, org_name, org_line = org
        district, province = place(lines, org_line)
    assessment, plan, implausible = years(lines)
    return Metadata(org_name, org_type, district, province, kind, assessment, plan, issued_date(lines),
                    (IMPLAUSIBLE_YEAR,) if implausible else ())


def is_ita_document(lines: Sequence[Line]) -> bool:
    return any(p.search(line.text) for line in lines for p in patterns("ita_evidence"))


def doc_type(lines: Sequence[Line]) -> str:
    """The type named by the earliest title-like line; `unknown` without ITA evidence."""
    if not is_ita_document(lines):
        return UNKNOWN
    rules = keyed_patterns("doc_types", "doc_type")
    title = [line for line in lines if line.kind != "table"][:_TITLE_LINES]
    for candidates in (title, lines):
        for line in candidates:
            for kind, pattern in rules:
                if pattern.search(line.text):
                    return kind
    return UNKNOWN


def _org_pattern() -> regex.Pattern:
    forms = "|".join(f"(?P<t{k}>{row['printed_form']})" for k, row in
                     enumerate(rows("org_types")))
    return regex.compile(f"(?:{forms})\\s*(?P<name>{_NAME})")


def organisation(lines: Sequence[Line]) -> tuple[str, str, Line] | None:
    """(org_type, full name, first line naming it) of the most often named organisation."""
    org_types = [row["org_type"] for row in rows("org_types")]
    stops = [row["word"] for row in rows("name_stop_words")]
    pattern = _org_pattern()
    votes: Counter[tuple[str, str]] = Counter()
    first_line: dict[tuple[str, str], Line] = {}
    for line in lines:
        for match in pattern.finditer(line.text):
            kind = org_types[int(next(k for k, v in match.groupdict().items()
                                      if v is not None and k.startswith("t"))[1:])]
            name = cut_at_stop_words(match.group("name"), stops)
            if len(name) < 2:
                continue
            key = (kind, kind + name)
            votes[key] += 1
            first_line.setdefault(key, line)
        for row in rows("whole_name_orgs"):
            if row["printed_form"] in line.text:
                key = (row["org_type"], row["printed_form"])
                votes[key] += 1
                first_line.setdefault(key, line)
    if not votes:
        return None
    best = max(votes, key=lambda k: (votes[k], -lines.index(first_line[k])))
    return best[0], best[1], first_line[best]


_DISTRICT = regex.compile(rf"(?:อำเภอ|เขต)\s*({_NAME})")
_PROVINCE = regex.compile(rf"(?:จังหวัด|จ\.)\s*({_NAME}|กรุงเทพฯ)")


def place(lines: Sequence[Line], org_line: Line) -> tuple[str | None, str | None]:
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
    return district, province


def years(lines: Sequence[Line]) -> tuple[int | None, int | None, bool]:
    """(assessment year, plan year, whether a year ITA never had stood in either role): each
    year takes the role of the nearest cue before it, on its line or, for the first year of a
    line without one, at the end of the line before (a sentence wrapped there); a year ITA
    never had (an OCR misreading, ๒๕๖๕ read as ๒๕๐๕) takes none."""
    cues = keyed_patterns("year_cues", "role")
    found: dict[str, int] = {}
    implausible = False
    before = ""  # the previous line after its last year: a sentence wrapped at a line's end
    for line in lines:
        previous_end = 0
        for match in _YEAR.finditer(line.text):
            start = max(previous_end, match.start() - _YEAR_CONTEXT)
            context = line.text[start : match.start()]
            role = _nearest_cue(context, cues)
            if role is None and previous_end == 0:
                role = _nearest_cue(before[-_YEAR_CONTEXT:] + " " + context, cues)
            previous_end = match.end()
            year = to_be(int(match.group(1)))
            if role and year and role not in found:
                if is_ita_year(year):
                    found[role] = year
                else:
                    implausible = True
        before = line.text[previous_end:]
    return found.get("assessment"), found.get("plan"), implausible


def _nearest_cue(context: str, cues: tuple[tuple[str, regex.Pattern], ...]) -> str | None:
    best_end, best_role = -1, None
    for role, pattern in cues:
        for m in pattern.finditer(context):
            if m.end() > best_end:
                best_end, best_role = m.end(), role
    return best_role


def issued_date(lines: Sequence[Line]) -> dt.date | None:
    """The date introduced by `ณ วันที่` / `วันที่` (the document's own date)."""
    for line in lines:
        for cue in patterns("date_cues"):
            for m in cue.finditer(line.text):
                dates = find_thai_dates(line.text[m.end() : m.end() + 40])
                if dates and dates[0][0] == 0:
                    return dates[0][1]
    return None
