"""Findings, weaknesses, recommendations and limitations, from table columns and from prose.

Table columns are recognised by their headers (ข้อค้นพบ, ข้อเสนอแนะ …). In
prose, a short line naming a kind (finding_cues.csv: ข้อจำกัด, ข้อเสนอแนะ …)
opens a section whose paragraphs and list items are findings of that kind,
and a sentence that reports what was found (`ด้าน IIT พบว่า …`) about a tool or
an indicator is a finding of it. Numbered points are separate findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import regex

from ita_extract.normalizers.codes import opens_with_code, with_ranges
from ita_extract.normalizers.lists import split_points, squeeze_thai
from ita_extract.normalizers.patterns import DIGIT
from ita_extract.parsers.model import Block
from ita_extract.pipeline.ita.framework import find_item_codes, tool_of_codes
from ita_extract.pipeline.ita.knowledge import first_keyed_match, keyed_patterns
from ita_extract.pipeline.ita.lines import DocumentLines, Line
from ita_extract.pipeline.ita.measures import Measure
from ita_extract.pipeline.ita.subjects import Subject, label_subject, prose_subjects

_SECTION_MAX = 160  # a line this short that names a kind is a section heading
_WRAPPED_HEADING = 60  # a section heading this long may have been wrapped onto the next line
_HEADING_TAIL = 40  # and the next line this short is its rest
# `ผลการวิเคราะห์` of a title (`รายงานผลการวิเคราะห์…`, `…ผลการวิเคราะห์การประเมิน…`) reports nothing.
_FOUND = regex.compile(r"พบว่า|(?<!รายงาน)ผลการวิเคราะห์(?!\s*(?:ผล)?การประเมิน)")
_NUMBERED = regex.compile(r"^\s*(?:\(?\d{1,2}[.)]|[-•●▪])")
_TOP_POINT = regex.compile(rf"^\s*({DIGIT}{{1,2}})[.)](?!{DIGIT})")
_SUB_POINT = regex.compile(rf"^\s*({DIGIT}{{1,2}})\.{DIGIT}{{1,2}}(?!{DIGIT})\.?\s*")
# Table columns whose cells are findings; the column's role is the finding's kind.
FINDING_ROLES = ("finding", "recommendation")


@dataclass
class Finding:
    kind: str
    text: str
    line: Line
    issue_area: int | None = None
    tool: str | None = None
    indicator: int | None = None
    sub_indicator: str | None = None
    item_codes: list[str] = field(default_factory=list)


def section_kind(text: str) -> str | None:
    """The kind a short heading-like line names, or None."""
    if len(text) > _SECTION_MAX:
        return None
    found = first_keyed_match("finding_cues", "kind", squeeze_thai(text))  # marks OCR lost aside
    return found[0] if found else None


def table_findings(measure: Measure, line: Line) -> list[Finding]:
    """Findings printed in the finding and recommendation columns of one table row."""
    found = []
    for role in FINDING_ROLES:
        for point in split_points(measure.row.lines(role)):
            found.append(Finding(role, point, line, measure.issue_area, measure.tool, measure.indicator,
                                 None, list(measure.item_codes)))
    return found


def prose_findings(lines: DocumentLines) -> dict[int, list[Finding]]:
    """Findings of every non-table block, by the block's id so callers can keep document order."""
    results: dict[int, list[Finding]] = {}
    section: str | None = None
    wrapped_heading = False  # the line before opened a section and may go on on this line
    following = _following_lines(lines)
    group: _Group | None = None  # the numbered area the points below are listed under
    just_opened = False  # the last line of the block before opened the section: its first point follows
    for block in lines.document.blocks:
        if block.kind == "table":
            section, wrapped_heading, just_opened, group = None, False, False, None
            continue
        found: list[Finding] = []
        for k, line in enumerate(lines.of_block(block)):
            opens_block_after_heading, just_opened = just_opened, False
            kind = section_kind(line.text)
            if kind and _NUMBERED.match(line.text):
                head = _heading_in_point(line.text)
                if head is None:
                    kind = None  # a cue word inside a point's sentence (ควรนำข้อเสนอแนะของ…)
                elif head:
                    found.extend(_line_findings(replace(line, text=line.text[:head].rstrip()), section))
            if kind:
                section, wrapped_heading, just_opened = kind, len(line.text) >= _WRAPPED_HEADING, True
                group = None  # a new section's points are listed under no area of the last one
                continue
            if wrapped_heading and _continues_heading(line):
                wrapped_heading = False
                continue  # the rest of a heading a PDF wrapped (`…ในการดำเนินงานของ` / `หน่วยงานภาครัฐ`)
            wrapped_heading = False
            if k == 0 and section and _ends_section(block, line, opens_block_after_heading):
                section = None
            if section and _opens_group(line, following.get((line.page, line.line))):
                top = _TOP_POINT.match(line.text)
                assert top is not None
                group = _Group(top.group(1), label_subject(line.text[top.end():]))  # a name alone
                continue  # an area's name over its points (`1. ด้านการเปิดเผยข้อมูล` / `1.1 …`)
            line, group = _in_group(line, group)
            found.extend(_line_findings(line, section, group.subject if group else None))
        results[id(block)] = found
    return results


@dataclass(frozen=True)
class _Group:
    number: str  # the group's point number (`1` of `1. ด้าน…`), its points' first (`1.1`)
    subject: Subject | None


def _following_lines(lines: DocumentLines) -> dict[tuple[int | None, int], str]:
    """The text of the prose line after each prose line (none across a table)."""
    following: dict[tuple[int | None, int], str] = {}
    previous: Line | None = None
    for block in lines.document.blocks:
        if block.kind == "table":
            previous = None
            continue
        for line in lines.of_block(block):
            if previous is not None:
                following[(previous.page, previous.line)] = line.text
            previous = line
    return following


def _opens_group(line: Line, after: str | None) -> bool:
    """Whether a numbered line heads the points numbered under it (`1. …` over `1.1 …`)."""
    top = _TOP_POINT.match(line.text)
    sub = _SUB_POINT.match(after or "")
    return bool(top and sub and sub.group(1) == top.group(1))


def _in_group(line: Line, group: _Group | None) -> tuple[Line, _Group | None]:
    """A group's point without its number (`1.1`), and the group it is in; a point of another
    number closes the group."""
    sub = _SUB_POINT.match(line.text)
    if group is not None and sub and sub.group(1) == group.number:
        return replace(line, text=line.text[sub.end():]), group
    if _TOP_POINT.match(line.text) or sub:
        return line, None
    return line, group


def _heading_in_point(text: str) -> int | None:
    """Where the heading a numbered line names starts: 0 when it opens the point (`3. ข้อเสนอแนะ`),
    the place of a heading a PDF glued to the end of the point above it (`…น้อยข้อ เสนอ แนะ`), None
    when the cue word stands inside the point's sentence."""
    squeezed = squeeze_thai(text)
    marker = _NUMBERED.match(squeezed)
    opening = marker.end() if marker else 0
    for _, pattern in keyed_patterns("finding_cues", "kind"):
        for match in pattern.finditer(squeezed):
            if not squeezed[opening:match.start()].strip():
                return 0
            if not squeezed[match.end():].strip():
                return _printed_index(text, len(regex.sub(r"\s", "", squeezed[:match.start()])))
    return None


def _printed_index(text: str, kept: int) -> int:
    """The place in `text` after its first `kept` characters that are not white space."""
    for index, char in enumerate(text):
        if kept == 0:
            return index
        kept -= not char.isspace()
    return len(text)


def _continues_heading(line: Line) -> bool:
    """A short unnumbered line right after a long section heading: the heading's last words."""
    return len(line.text) <= _HEADING_TAIL and not (_NUMBERED.match(line.text) or opens_with_code(line.text))


def _ends_section(block: Block, line: Line, right_after_heading: bool) -> bool:
    """A heading, or a short unnumbered line opening a block (a title), closes a section; not the
    block right after the section's own heading, whose short line is its first point."""
    if block.kind == "heading":
        return True
    if right_after_heading:
        return False
    opens_point = _NUMBERED.match(line.text) or opens_with_code(line.text)
    return len(line.text) <= _SECTION_MAX and not opens_point


def _line_findings(line: Line, section: str | None, group: Subject | None = None) -> list[Finding]:
    """The findings of one prose line in a section of `section`'s kind (or reporting one); `group`:
    the subject of the area the line's point is listed under, where it names none itself."""
    text = line.text
    subjects = [s for s in prose_subjects(squeeze_thai(text)) if s.level != "overall"]
    reports_finding = _FOUND.search(text) and subjects
    if section is None and not reports_finding:
        return []
    kind = section or "finding"
    subject = _main_subject(subjects) or group
    found = []
    for point in split_points(text):
        codes = with_ranges(point, find_item_codes(point))
        tool = subject.tool if subject else tool_of_codes(codes)
        found.append(Finding(kind, point, line, None, tool, subject.indicator if subject else None,
                             subject.sub_indicator if subject else None, codes))
    return found


def _main_subject(subjects: list[Subject]) -> Subject | None:
    """The most specific subject a sentence is about (an indicator over the tool it sits under)."""
    for level in ("sub_indicator", "indicator", "tool"):
        for subject in subjects:
            if subject.level == level:
                return subject
    return None
