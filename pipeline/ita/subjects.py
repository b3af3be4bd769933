"""What a piece of text is about: the whole ITA, a tool, an indicator, a sub-indicator, an item.

Subjects are recognised by meaning, from the cue tables of the knowledge
(tool_cues.csv, indicators.csv, overall_score_cues.csv, issue_areas.csv), with
their character spans so that a number can be tied to the subject printed
nearest before it. Text is matched with the spaces between Thai letters
squeezed out (`squeeze_thai`), the form every caller passes in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import cache

import regex

from ita_extract.normalizers.codes import (
    ITEM_CODE_LETTER_UNDECIDED,
    FoundCode,
    codes_between,
    opens_range,
    with_ranges,
)
from ita_extract.normalizers.digits import thai_digits_to_arabic
from ita_extract.normalizers.lists import squeeze_thai
from ita_extract.normalizers.patterns import ITEM_CODE, LIST_JOIN, QUESTION_WORD, RANGE_DASH
from ita_extract.normalizers.thai_text import pattern_without_marks, without_marks, without_marks_mapped
from ita_extract.pipeline.ita.framework import (
    Indicator,
    find_item_codes,
    indicators,
    item_code,
    tool_acronyms,
    tool_of_code,
    tool_of_codes,
    tool_of_indicator,
    tool_of_sub_indicator,
    tools,
)
from ita_extract.pipeline.ita.knowledge import first_keyed_match, keyed_patterns, patterns, rows

LEVELS = ("overall", "tool", "indicator", "sub_indicator", "item")

_INDICATOR_NUMBER = regex.compile(r"ตัวชี้วัด(?:หลัก)?(?:ที่)?\s*(\d{1,2})(?![\d.])")
# A sub-indicator by its number: after ตัวชี้วัดย่อย, or after ตัวชี้วัด(ที่) where only a sub-indicator's
# number can stand (9.1, 10.2: OIT's).
_SUB_INDICATOR = regex.compile(r"ตัวชี้วัด(?|ย่อย(?:ที่)?\s*(\d{1,2}\.\d{1,2})|(?:ที่)?\s*((?:9|10)\.\d))(?!\d)")
_LEADING_SUB_INDICATOR = regex.compile(r"^\s*(?:ตัวชี้วัดย่อย(?:ที่)?\s*)?((?:9|10)\.\d)(?!\d)")
_TOOL_PART = regex.compile(r"\s*[()]?\s*ส่วนที่\s*([12])\s*\)?")
# In prose an indicator's name only counts when "ตัวชี้วัด" stands just before it.
_INDICATOR_WORD_BEFORE = regex.compile(r"ตัวชี้วัด(?:ด้าน|เรื่อง|ที่\s*\d{1,2})?\s*[:\-]?\s*$")
_NAME_WINDOW = 20
# ...or when its value follows it at once, as numbered lists print them ("3. การใช้อำนาจ 98.50 คะแนน").
_VALUE_JUST_AFTER = regex.compile(
    r"\s*(?:\([^()\d]{0,30}\))?\s*(?:[:=]|ได้รับ|ได้|มี)?\s*(?:ผล)?(?:คะแนน)?\s*(?:เท่ากับ|อยู่ที่|คิดเป็น)?"
    r"\s*(?:ร้อยละ)?\s*\(?\d")
# Labels that name the overall score in a table row.
_OVERALL_LABEL = regex.compile(r"ภาพรวม|คะแนนรวม|ผลรวม|^\s*รวม|คะแนน\s*ITA|ผลการประเมิน\s*ITA")
# An overall cue right after another subject belongs to that subject ("ตัวชี้วัดที่ 1 ได้คะแนน").
_OVERALL_SHADOW = 40
_OVERALL_CONTEXT = 150  # characters before a generic overall cue in which its subject is named


@dataclass(frozen=True)
class Subject:
    level: str
    start: int
    end: int
    tool: str | None = None
    tool_part: int | None = None
    indicator: int | None = None
    sub_indicator: str | None = None
    item_code: str | None = None
    item_code_raw: str | None = None
    label: str | None = None
    by_name: bool = False  # an indicator found by its name alone (no ตัวชี้วัด, no number)


def find_tools(text: str) -> list[Subject]:
    """Tools by name or acronym, with their part where one follows (`EIT ส่วนที่ 1`); a part
    named alone later in the sentence (`… ส่วนที่ 2 ความพึงพอใจ … 89.64`) is the same tool's."""
    found = []
    for row, pattern in zip(rows("tool_cues"), patterns("tool_cues"), strict=True):
        for m in pattern.finditer(text):
            part = _TOOL_PART.match(text, m.end())
            end = part.end() if part else m.end()
            found.append(Subject("tool", m.start(), end, tool=row["tool"],
                                 tool_part=int(part.group(1)) if part else None))
    if not any(t.tool_part for t in found):
        return found  # no part named with its tool: no part alone is one (most sentences)
    return sorted([*found, *_parts_alone(text, found)], key=lambda s: s.start)


_PART_ALONE = regex.compile(r"ส่วนที่\s*([12])(?!\d)")


def _parts_alone(text: str, tools: list[Subject]) -> list[Subject]:
    parted = [t for t in tools if t.tool_part is not None]
    found = []
    for m in _PART_ALONE.finditer(text):
        before = [t for t in parted if t.end <= m.start()]
        if before and not any(t.start <= m.start() < t.end for t in tools) \
                and int(m.group(1)) != before[-1].tool_part:
            found.append(Subject("tool", m.start(), m.end(), tool=before[-1].tool, tool_part=int(m.group(1))))
    return found


def tool_in(text: str) -> str | None:
    """The single tool a caption or heading names, or None when it names none or several."""
    tools = {s.tool for s in find_tools(squeeze_thai(text))}
    return tools.pop() if len(tools) == 1 else None


def find_indicators(text: str, *, need_word: bool) -> list[Subject]:
    """Indicators by number (`ตัวชี้วัดที่ 4`) and by name; `need_word`: names only after ตัวชี้วัด."""
    found: list[Subject] = []
    for m in _INDICATOR_NUMBER.finditer(text):
        number = int(m.group(1))
        if number in indicators():
            name = _name_after(text, m.end())
            found.append(Subject("indicator", m.start(), name.end() if name else m.end(),
                                 tool=tool_of_indicator(number), indicator=number,
                                 label=name.group() if name else None))
            found.extend(_listed_after(text, m.end()))
    names = sorted(((info, m) for info in indicators().values() for m in info.pattern.finditer(text)),
                   key=lambda named: named[1].start())
    listed = [_NAMES_BETWEEN.fullmatch(text, m.end(), after.start()) is not None
              for (_, m), (_, after) in zip(names, names[1:], strict=False)] + [False]
    for k, (info, m) in enumerate(names):
        if any(s.start <= m.start() < s.end for s in found):
            continue
        word = _INDICATOR_WORD_BEFORE.search(text[max(0, m.start() - _NAME_WINDOW):m.start()])
        if word is None and _in_compound(text, m):
            continue
        in_list = listed[k] or (k > 0 and listed[k - 1])  # names listed together: `… และ …`
        if need_word and word is None and not _VALUE_JUST_AFTER.match(text, m.end()) and not in_list:
            continue
        start = m.start() - len(word.group()) if word else m.start()
        found.append(Subject("indicator", start, m.end(), tool=info.tool, indicator=info.number,
                             label=m.group(), by_name=word is None))
    return sorted(found, key=lambda s: s.start)


# What stands between two indicators' names listed together (`การใช้อำนาจ และการใช้ทรัพย์สินของราชการ`):
# a list whose values a sentence may give in order.
_NAMES_BETWEEN = regex.compile(rf"[\s,/]*(?:{LIST_JOIN}[\s,]*)?")


# The further numbers of a list or a range of indicators (`ตัวชี้วัดที่ 6, 7 และ 8`, `ตัวชี้วัดที่ 1-5`).
_LISTED_NUMBER = regex.compile(rf"\s*(?:{LIST_JOIN}|{RANGE_DASH})\s*(?:และ\s*)?(\d{{1,2}})(?![\d.])")


def _listed_after(text: str, position: int) -> list[Subject]:
    """The indicators a list or range goes on to after an indicator's number: subjects of their
    own (a range's last, `1-5`: 5), so that values said of them go to no single one of them."""
    found = []
    while (m := _LISTED_NUMBER.match(text, position)) and int(m.group(1)) in indicators():
        number = int(m.group(1))
        found.append(Subject("indicator", m.start(1), m.end(1), tool=tool_of_indicator(number),
                             indicator=number))
        position = m.end()
    return found


@cache
def _compound_head_before() -> regex.Pattern:
    """A word that makes an indicator's name the object of a compound (`แผนการใช้งบประมาณ`, a plan
    of budget use): what follows is that thing's number, never the indicator's score."""
    heads = sorted((row["word"] for row in rows("compound_heads")), key=len, reverse=True)
    return regex.compile(rf"(?:{'|'.join(map(regex.escape, heads))})\s*$")


def _in_compound(text: str, name: regex.Match) -> bool:
    return _compound_head_before().search(text, max(0, name.start() - _NAME_WINDOW), name.start()) is not None


def compound_names(text: str) -> list[tuple[int, int]]:
    """Where indicators' names stand as the object of a compound (`คู่มือการใช้ทรัพย์สินของราชการ`):
    no indicator's, but no assessment's either (`… ได้คะแนน 80.00` is the manual's)."""
    return [(m.start(), m.end()) for info in indicators().values() for m in info.pattern.finditer(text)
            if _in_compound(text, m)]


def _name_after(text: str, position: int) -> regex.Match | None:
    position += len(text[position:]) - len(text[position:].lstrip())
    return next((m for info in indicators().values() if (m := info.pattern.match(text, position))), None)


def find_sub_indicators(text: str, headings: Sequence[tuple[int, int]] = ()) -> list[Subject]:
    """Sub-indicators by number (`ตัวชี้วัดย่อยที่ 9.1`), the further ones of a list of them
    (`ตัวชี้วัดย่อยที่ 9.1, 9.2 และ 9.3`), and those by a bare number that the number roles call a
    sub-indicator's heading (`headings`: `9.1 ข้อมูลพื้นฐาน`). A sub-indicator's subject takes in its
    own indicator's name printed after it (`9.1 การเปิดเผยข้อมูล`): the name is not a subject of its own."""
    found = []
    for first in _SUB_INDICATOR.finditer(text):
        m: regex.Match | None = first
        position = first.start()
        while m is not None:
            found.append(_sub_indicator(text, position, m.end(), m.group(1)))
            m = _LISTED_SUB_INDICATOR.match(text, m.end())
            position = m.start(1) if m else position
    found += [_sub_indicator(text, start, end, text[start:end]) for start, end in headings
              if not any(s.start <= start < s.end for s in found)]
    return found


def _sub_indicator(text: str, start: int, end: int, number: str) -> Subject:
    tool, indicator = tool_of_sub_indicator(number)
    own = indicators().get(indicator or 0)
    name = own.pattern.match(text, end + len(text[end:]) - len(text[end:].lstrip())) if own else None
    return Subject("sub_indicator", start, name.end() if name else end, tool=tool, indicator=indicator,
                   sub_indicator=number)


_LISTED_SUB_INDICATOR = regex.compile(rf"\s*{LIST_JOIN}\s*(?:และ\s*)?(\d{{1,2}}\.\d{{1,2}})(?!\d)")
# Item codes listed one after another (`i1, i2 และ i3`, `ข้อ i5 และข้อ i6`), not a range (`i1 - i6`).
_CODES_BETWEEN = regex.compile(rf"[\s,]*(?:{LIST_JOIN}\s*)?(?:{QUESTION_WORD})?\s*")


_CODES_RANGE = regex.compile(rf"\s*{RANGE_DASH}\s*(?:{QUESTION_WORD})?\s*")


def listed_items(text: str) -> list[list[Subject]]:
    """Lists of two or more item codes printed one after another with commas or และ between, or
    a range's dash (`e1 - e5`: every code it spans), outside brackets: a sentence may give their
    values in order."""
    runs: list[list[Subject]] = []
    for item in find_items(text, None):
        last = runs[-1][-1] if runs else None
        if last is not None and _CODES_BETWEEN.fullmatch(text, last.end, item.start):
            runs[-1].append(item)
        elif last is not None and _CODES_RANGE.fullmatch(text, last.end, item.start) \
                and last.item_code and item.item_code and last.item_code[0] == item.item_code[0]:
            runs[-1] += [replace(item, start=last.end, end=item.start, item_code=code, item_code_raw=None)
                         for code in codes_between(last.item_code, int(item.item_code[1:]))]
            runs[-1].append(item)
        else:
            runs.append([item])
    return [run for run in runs if len(run) > 1 and not _bracketed(text, run[0].start, run[-1].end)]


def _bracketed(text: str, start: int, end: int) -> bool:
    return bool(regex.search(r"\(\s*$", text[:start]) and regex.match(r"\s*\)", text[end:]))


def find_overall(text: str) -> list[Subject]:
    """Overall cues; a generic one (ได้คะแนน, ผลคะแนน) only where the assessment is its subject."""
    return [Subject("overall", m.start(), m.end())
            for kind, p in keyed_patterns("overall_score_cues", "kind")
            for m in p.finditer(text) if m.end() > m.start() and (kind == "named" or _of_assessment(text, m))]


@cache
def _overall_context() -> dict[str, regex.Pattern]:
    return dict(keyed_patterns("overall_context_cues", "role"))


def _of_assessment(text: str, cue: regex.Match) -> bool:
    """Whether a generic cue scores the assessment: not when it is qualified by what was scored
    (ได้คะแนนความพึงพอใจ) or an aspect, activity or question is named before it after the last
    mention of the assessment or the organisation (ด้านการให้บริการ ได้คะแนน)."""
    cues = _overall_context()
    if cues["aspect_after"].match(text[cue.end():]):  # its `^` anchors at the cue's end
        return False
    before = text[max(0, cue.start() - _OVERALL_CONTEXT):cue.start()]
    aspects = [m.end() for m in cues["aspect"].finditer(before)]
    assessment = [m.end() for m in cues["assessment"].finditer(before)]
    return not aspects or (bool(assessment) and max(assessment) >= max(aspects))


def find_items(text: str, tool: str | None) -> list[Subject]:
    return [Subject("item", f.start, f.end, tool=tool_of_code(f.item.code), item_code=f.item.code,
                    item_code_raw=f.item.raw)
            for f in find_item_codes(text, tool) if f.item.code]


# A tool's question by its number (`แบบวัด EIT ข้อที่ 4`, `ข้อคำถาม IIT5`, `ข้อที่ 3 ของแบบวัด EIT`): the
# word for a question before the number or before the tool; a tool and a number alone (`IIT 90`) are
# no question.
@cache
def _tool_item() -> regex.Pattern:
    tool = rf"(?P<tool>{tool_acronyms()})"
    return regex.compile(
        rf"(?<![A-Za-z])(?:{tool}\s*{QUESTION_WORD}\s*(?P<number>\d{{1,2}})(?![\d.])"
        rf"|{QUESTION_WORD}\s*{tool}\s*(?P<number>\d{{1,2}})(?![\d.])"
        rf"|{QUESTION_WORD}\s*(?P<number>\d{{1,2}})\s*(?:ของ|ใน)\s*(?:แบบวัด|แบบสำรวจ)?\s*{tool}(?![A-Za-z]))")


# An OIT item whose o a text in Thai digits printed as a zero (`ข้อ ๐๑๐`): no question's number opens with 0.
_ZERO_ITEM = regex.compile(rf"{QUESTION_WORD}\s*(0\d{{1,2}})(?![\d.])")


def find_tool_items(text: str) -> list[Subject]:
    """Items named by their tool and their number, and OIT's by its o printed as a zero."""
    by_tool = [Subject("item", m.start(), m.end(), tool=m["tool"],
                       item_code=f"{tools()[m['tool']].letter}{int(m['number'])}", item_code_raw=m.group(0))
               for m in _tool_item().finditer(text) if int(m["number"]) > 0]
    zeroed = [Subject("item", m.start(1), m.end(), tool=tool_of_code(code), item_code=code,
                      item_code_raw=m.group(1))
              for m in _ZERO_ITEM.finditer(text) if (code := item_code(m.group(1)).code) is not None]
    return [*by_tool, *zeroed]


# A code after an opening bracket, or after another code and a comma or dash (`(i13 - i18)`, `i5, i6`);
# after a value and a comma it opens the next pair (`i1 97.10, i2 96.40`).
_CODE_LIST_BEFORE = regex.compile(rf"(?:\(|{ITEM_CODE}\s*(?:,|{RANGE_DASH}))\s*$")
_CODE_LIST_AFTER = regex.compile(rf"\s*(?:[,)]|{RANGE_DASH})")
_BRACKETED_LABEL = regex.compile(rf"\s*(?:{QUESTION_WORD}\s*\d{{1,2}}\s*|\d{{1,2}}[.)]\s*)?\(\s*$")
_BRACKET_CLOSE = regex.compile(r"\s*\)(?!\s*[-–,])")


def _in_code_list(text: str, item: Subject) -> bool:
    """A code in a list or range (`(i13 - i18)`) names what a subject covers, not a score's subject;
    a code alone in brackets opening its line (`(i3) 95.00`, `ข้อ 4 (i4) ได้ 95.40`) is its label."""
    if _BRACKETED_LABEL.match(text[:item.start]) and _BRACKET_CLOSE.match(text, item.end):
        return False
    return bool(_CODE_LIST_BEFORE.search(text, 0, item.start) or _CODE_LIST_AFTER.match(text, item.end))


# A tool naming its items that something is said of (`OIT ข้อที่ไม่ได้คะแนน ได้แก่ …`): the values that
# follow are the items', never the tool's.
# (ที่ as OCR tools read it too: ทิ, ที)
_ITEMS_THAT = regex.compile(r"\s*(?:มี)?ข้อ(?:คำถาม)?(?:ที่|ทิ|ที)\s*(?:ไม่|ได้|ผ่าน|ต่ำ|สูง|มี|ควร|ยัง|ต้อง)")


def prose_subjects(text: str, named: Sequence[tuple[int, int]] = (), values: Sequence[int] = (),
                   sub_indicator_headings: Sequence[tuple[int, int]] = ()) -> list[Subject]:
    """Every subject of a sentence, in order (`sub_indicator_headings`: see find_sub_indicators).

    An overall cue just after another subject, or after a number that names one (`named`:
    `ข้อ 12`, `อันดับที่ 1`), is that subject's ("ตัวชี้วัดที่ 1 ได้คะแนน"), unless a value
    (`values`: positions of score numbers) stands between them.
    """
    items = [s for s in find_items(text, None) if not _in_code_list(text, s)]
    questions = find_tool_items(text)
    items += [q for q in questions if not any(i.start < q.end and q.start < i.end for i in items)]
    named_tools = [t for t in find_tools(text) if not any(q.start <= t.start < q.end for q in questions)
                   and not _ITEMS_THAT.match(text, t.end)]
    subs = find_sub_indicators(text, sub_indicator_headings)
    indicators_named = [i for i in find_indicators(text, need_word=True)
                        if not any(s.start <= i.start < s.end for s in subs)]
    specific = [*named_tools, *indicators_named, *subs, *items]
    cues = find_overall(text)
    spans = [*((o.start, o.end) for o in specific), *named, *(compound_names(text) if cues else ())]
    overall = [s for s in cues
               if not any(0 <= s.start - end <= _OVERALL_SHADOW
                          and not any(end <= v < s.start for v in values) for _, end in spans)
               and not any(o.start <= s.start < o.end for o in specific)]
    return sorted([*specific, *overall], key=lambda s: (s.start, -s.end))


def label_subject(label: str, tool: str | None = None) -> Subject | None:
    """What a table row's label cell names (`ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่`, `i๑ …`, `9.1 …`, `รวม`)."""
    text = squeeze_thai(label)
    sub = _LEADING_SUB_INDICATOR.match(thai_digits_to_arabic(text))
    if sub:
        found_tool, indicator = tool_of_sub_indicator(sub.group(1))
        return Subject("sub_indicator", sub.start(1), sub.end(), tool=found_tool, indicator=indicator,
                       sub_indicator=sub.group(1), label=text[sub.end():].strip() or None)
    lettered = _leading_item(text, find_item_codes(text, tool))
    if lettered:
        return lettered
    bare = _leading_item(text, find_item_codes(text, tool, bare=True))
    # A lone digit before a name is a rank or a list number; a code has two digits or more.
    if bare and len(regex.sub(r"\D", "", bare.item_code_raw or "")) >= 2:
        return bare
    found = find_indicators(thai_digits_to_arabic(text), need_word=False)
    if found:
        first = min(found, key=lambda s: s.start)
        name = indicators()[first.indicator].name if first.indicator else None
        return replace(first, label=first.label or name)
    if bare:
        return bare
    tools = find_tools(text)
    if tools:
        return tools[0]
    if _OVERALL_LABEL.search(text):
        return Subject("overall", 0, len(text))
    return _indicator_named_without_marks(text) or _numbered_indicator_misread(text)


def _indicator_named_without_marks(text: str) -> Subject | None:
    """An indicator's name in a label as OCR leaves it, its marks lost or changed (`การปฏิบติหน้าที`,
    `การปรับปรุงระบบการท้างาน`): matched with the marks set aside on both sides. A letter misread
    (`ราซการ`) is no match."""
    bare, origin = without_marks_mapped(text)
    for info, pattern in _indicator_names_without_marks():
        found = pattern.search(bare)
        if found and found.end() > found.start():
            return Subject("indicator", origin[found.start()], origin[found.end() - 1] + 1, tool=info.tool,
                           indicator=info.number, label=info.name, by_name=True)
    return None


_NUMBERED_LABEL = regex.compile(r"^\s*(\d{1,2})\s*[.)]\s*(.+)$")
_NOT_THAI_LETTER = regex.compile(r"[^\p{Thai}]|[\d๐-๙]")
# How alike (difflib's ratio, marks and all but Thai letters set aside) a numbered label's words and
# its number's indicator's name must be: an OCR slip or two in a name of ten letters or more.
_NEARLY_NAMED = 0.8


def _numbered_indicator_misread(text: str) -> Subject | None:
    """The indicator a label's number names where its words are that indicator's name as OCR
    garbled it beyond the marks (`1. การปฏิบัติม มหน้าที่`, `4. การใช้ ev Ca ทรัพย์สินของราชการ`):
    the number and the name are two witnesses, neither enough alone."""
    numbered = _NUMBERED_LABEL.match(thai_digits_to_arabic(text))
    info = indicators().get(int(numbered.group(1))) if numbered else None
    if numbered is None or info is None:
        return None
    printed = _NOT_THAI_LETTER.sub("", without_marks(numbered.group(2)))
    name = _NOT_THAI_LETTER.sub("", without_marks(info.name))
    if SequenceMatcher(None, printed, name, autojunk=False).ratio() < _NEARLY_NAMED:
        return None
    return Subject("indicator", numbered.start(2), len(text), tool=info.tool, indicator=info.number,
                   label=info.name)


@cache
def _indicator_names_without_marks() -> tuple[tuple[Indicator, regex.Pattern], ...]:
    return tuple((info, regex.compile(pattern_without_marks(info.pattern.pattern)))
                 for info in indicators().values())


_BEFORE_CODE = regex.compile(rf"(?:{QUESTION_WORD}\s*)?")  # what may stand before a label's code: `ข้อ i4`


def _leading_item(text: str, codes: list[FoundCode]) -> Subject | None:
    """The item a label opens with; none where its code opens a range (`i1 - i6 การปฏิบัติหน้าที่`
    is the indicator's row, never i1's)."""
    if not codes or not _BEFORE_CODE.fullmatch(text, 0, codes[0].start) or not codes[0].item.code \
            or opens_range(text, codes):
        return None
    code = codes[0].item
    assert code.code is not None
    return Subject("item", 0, codes[0].end, tool=tool_of_code(code.code), item_code=code.code,
                   item_code_raw=code.raw, label=text[codes[0].end:].strip() or None)


def issue_area(text: str) -> int | None:
    """The analysis area (1–7) a cell or heading names, by its wording."""
    squeezed = squeeze_thai(text)
    for row, pattern in zip(rows("issue_areas"), patterns("issue_areas"), strict=True):
        if pattern.search(squeezed):
            return int(row["area"])
    return None


_QUESTION_GAP = regex.compile(r"\s+")


def question_tool(question: str) -> str | None:
    """The tool a question's wording belongs to (item_question_cues.csv), or None; as printed,
    else with the marks above and below the line set aside (OCR loses them: ส่วนงานทีท่าน)."""
    found = first_keyed_match("item_question_cues", "tool", _QUESTION_GAP.sub("", question))
    return found[0] if found else None


def question_codes(text: str, fallback_tool: str | None) -> tuple[list[str], list[str]]:
    """Item codes that open the questions of a cell, and warnings for codes left undecided.

    A code whose letter is lost takes the letter its question's wording
    belongs to, else the one letter its neighbours carry, else the table's tool.
    """
    found = find_item_codes(text, None, bare=True)
    items = [f.item for f in found]
    for k, f in enumerate(found):
        if items[k].code is None and items[k].warning == ITEM_CODE_LETTER_UNDECIDED:
            end = found[k + 1].start if k + 1 < len(found) else len(text)
            tool = question_tool(text[f.end:end])
            if tool:
                items[k] = item_code(f.item.raw, tool)
    neighbour_tool = tool_of_codes([item.code for item in items if item.code])
    for k, item in enumerate(items):
        if item.code is None and item.warning == ITEM_CODE_LETTER_UNDECIDED:
            items[k] = item_code(item.raw, neighbour_tool or fallback_tool)
    decided = [replace(f, item=item) for f, item in zip(found, items, strict=True)]
    warnings = [item.warning for item in items if item.code is None and item.warning]
    return with_ranges(text, decided), warnings
