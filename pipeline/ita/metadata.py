"""A document's metadata: organisation, place, type, years, its own date."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from ita_extract.normalizers.dates import find_thai_dates
from ita_extract.normalizers.digits import thai_digits_to_arabic
from ita_extract.normalizers.lists import squeeze_thai
from ita_extract.normalizers.patterns import YEAR, compiled
from ita_extract.normalizers.years import to_be
from ita_extract.pipeline.ita.framework import is_ita_year
from ita_extract.pipeline.ita.knowledge import keyed_patterns, patterns
from ita_extract.pipeline.ita.lines import Line
from ita_extract.pipeline.ita.organisation import Organisation, addressee, read_organisation
from ita_extract.pipeline.ita.warnings import IMPLAUSIBLE_YEAR, NOT_ITA_DOCUMENT

_NAME = r"[\u0e01-\u0e4e]+"
_TITLE_LINES = 3
_YEAR = regex.compile(rf"(?<!\d)({YEAR})(?!\d)")
UNKNOWN = "unknown"  # the doc_type of a text that is not an ITA document
RESULTS = "results"  # an announcement of many organisations' results: see _results_organisation
_YEAR_CONTEXT = 200  # characters before a year in which its cue must stand


@dataclass(frozen=True)
class Metadata:
    org_name: str | None = None
    org_type: str | None = None
    district: str | None = None
    province: str | None = None
    organisation: Organisation | None = None  # its identity, printed forms and place
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
    found = read_organisation(lines) if kind != RESULTS else _results_organisation(lines)
    org = found[0] if found else None
    assessment, plan, implausible = years(lines)
    if org is None:
        return Metadata(doc_type=kind, assessment_year_be=assessment, plan_year_be=plan,
                        issued_date=issued_date(lines), warnings=(IMPLAUSIBLE_YEAR,) if implausible else ())
    return Metadata(org.org_name, org.org_type, org.district, org.province, org, kind, assessment, plan,
                    issued_date(lines), (IMPLAUSIBLE_YEAR,) if implausible else ())


def _results_organisation(lines: Sequence[Line]) -> tuple[Organisation, Line] | None:
    """A results list's own organisation: the one its covering letter is addressed to, else one
    its title names (the issuer); never one it lists, however often. The title ends where the
    list begins, at the first line with a score (a list a text dump flattened into lines)."""
    title = list(itertools.takewhile(lambda line: not _LISTED_SCORE.search(thai_digits_to_arabic(line.text)),
                                     (line for line in lines if line.kind != "table")))[:_TITLE_LINES]
    return addressee(lines) or read_organisation(title)


# A score as a results list prints one for each organisation: a number with decimals.
_LISTED_SCORE = compiled(r"(?<![\d.])(?:{decimal_score})(?![\d.])")


def is_ita_document(lines: Sequence[Line]) -> bool:
    return any(p.search(text) for line in lines for text in _forms(line) for p in patterns("ita_evidence"))


def doc_type(lines: Sequence[Line]) -> str:
    """The type named by the earliest title-like line; `unknown` without ITA evidence."""
    if not is_ita_document(lines):
        return UNKNOWN
    rules = keyed_patterns("doc_types", "doc_type")
    title = [line for line in lines if line.kind != "table"][:_TITLE_LINES]
    for candidates in (title, lines):
        for line in candidates:
            for kind, pattern in rules:
                if any(pattern.search(text) for text in _forms(line)):
                    return kind
    return UNKNOWN


def _forms(line: Line) -> tuple[str, ...]:
    """A line as printed, and with the spaces a text layer put between its Thai words taken out
    (`ส่งเสริม คุณธรรม และ ความโปร่งใส`, a Word-made PDF)."""
    squeezed = squeeze_thai(line.text)
    return (line.text,) if squeezed == line.text else (line.text, squeezed)


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
