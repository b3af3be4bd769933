"""The ITA framework's facts, each stated once, read from the knowledge tables: the tools (their
code letter, names and weight in the overall score), the indicators and the tool each belongs to,
the items of each year (their range per tool, the indicator an item belongs to), and the years
ITA has had. Every module that needs one of these asks here; none restates it.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from functools import cache

import regex

from ita_extract.normalizers import codes
from ita_extract.normalizers.patterns import BE_OFFSET, CODE_LETTERS, compiled
from ita_extract.normalizers.thai_text import pattern_without_marks, without_marks, without_marks_mapped
from ita_extract.parsers.labels import NumberLabels
from ita_extract.pipeline.ita import knowledge


@dataclass(frozen=True)
class Tool:
    name: str  # IIT, EIT, OIT
    letter: str  # the letter of its item codes: i, e, o
    name_th: str
    name_en: str
    weight: float  # its share of the overall score
    indicators: tuple[int, ...]


@dataclass(frozen=True)
class Indicator:
    number: int
    tool: str
    name: str
    pattern: regex.Pattern  # the wordings documents print its name in


@cache
def indicators() -> dict[int, Indicator]:
    return {int(row["indicator"]): Indicator(int(row["indicator"]), row["tool"], row["name"],
                                             regex.compile(row["pattern"]))
            for row in knowledge.rows("indicators")}


@cache
def tools() -> dict[str, Tool]:
    found = {row["tool"]: Tool(row["tool"], row["letter"], row["name_th"], row["name_en"],
                               float(row["weight"]), _indicators_of(row["tool"]))
             for row in knowledge.rows("tools")}
    if "".join(sorted(t.letter for t in found.values())) != "".join(sorted(CODE_LETTERS)):
        raise ValueError("tools.csv: the tools' letters must be the code letters of normalizers.patterns")
    return found


def _indicators_of(tool: str) -> tuple[int, ...]:
    return tuple(n for n, indicator in indicators().items() if indicator.tool == tool)


@cache
def tool_acronyms() -> str:
    """The tools' acronyms as a pattern (`(?:IIT|EIT|OIT)`), from tools.csv."""
    return "(?:" + "|".join(map(regex.escape, tools())) + ")"


def tool_of_indicator(indicator: int | None) -> str | None:
    info = indicators().get(indicator) if indicator else None
    return info.tool if info else None


def tool_of_sub_indicator(sub: str) -> tuple[str | None, int | None]:
    """(tool, indicator) of a sub-indicator such as `9.1`: the indicator is its first number."""
    number = int(sub.split(".")[0])
    return tool_of_indicator(number), (number if number in indicators() else None)


def letter_of(tool: str | None) -> str | None:
    found = tools().get(tool) if tool else None
    return found.letter if found else None


def tool_of_code(code: str) -> str | None:
    """The tool a canonical item code (`e4`) belongs to, by its letter."""
    return next((t.name for t in tools().values() if t.letter == code[:1]), None)


def tool_of_codes(item_codes: list[str]) -> str | None:
    """The one tool every code belongs to, or None when they are of several tools or none."""
    found = {tool_of_code(code) for code in item_codes}
    return found.pop() if len(found) == 1 else None


# -- items -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ItemRange:
    tool: str
    years: range
    highest: int


@cache
def item_ranges() -> tuple[ItemRange, ...]:
    return tuple(ItemRange(row["tool"], range(int(row["year_from"]), int(row["year_to"]) + 1),
                           int(row["value"]))
                 for row in knowledge.rows("plausibility") if row["check"] == "item_max")


def highest_item(tool: str, year_be: int | None) -> int | None:
    """The highest item number `tool` has in the year's form (None: the year is not covered)."""
    return next((r.highest for r in item_ranges() if r.tool == tool and year_be in r.years), None)


@cache
def highest_items() -> dict[str, int]:
    """The highest item number each code letter reaches in any year's form."""
    return {tool.letter: max(r.highest for r in item_ranges() if r.tool == tool.name)
            for tool in tools().values()}


def item_code(raw: str, tool: str | None = None) -> codes.ItemCode:
    """The canonical code of a printed code standing under `tool` (None: unknown)."""
    return codes.normalize_item_code(raw, letter_of(tool), highest_items())


def find_item_codes(text: str, tool: str | None = None, *, bare: bool = False) -> list[codes.FoundCode]:
    """Item codes printed in `text` (normalizers.codes.find_item_codes under the framework's ranges)."""
    return codes.find_item_codes(text, letter_of(tool), highest_items(), bare=bare)


@cache
def _item_map() -> dict[tuple[int, str], tuple[int, str | None]]:
    return {(int(r["year_be"]), r["item_code"]): (int(r["indicator"]), r["sub_indicator"] or None)
            for r in knowledge.rows("item_indicators")}


def items_of_indicator(year_be: int | None, indicator: int | None) -> list[str]:
    """Every item code the year's map puts under `indicator` (none outside the years mapped)."""
    return [code for (year, code), (number, _) in _item_map().items()
            if year == year_be and number == indicator]


def item_indicator(year_be: int | None, code: str | None) -> tuple[int | None, str | None]:
    """(indicator, sub-indicator) of an item in the year's form; unknown outside the years mapped."""
    if not year_be or not code:
        return None, None
    return _item_map().get((year_be, code), (None, None))


_QUESTION_ALIKE = 0.8  # how alike a printed question must be to the form's to take its code
_QUESTION_MARGIN = 0.1  # and how much more alike than to any other question of the form
_NOT_WORD = regex.compile(r"[^\p{Thai}A-Za-z0-9]+")


@cache
def _questions() -> dict[int, tuple[tuple[str, str], ...]]:
    """{year: ((item code, question as compared), …)} of the years whose forms are known."""
    found: dict[int, list[tuple[str, str]]] = {}
    for row in knowledge.rows("item_questions"):
        found.setdefault(int(row["year_be"]), []).append((row["item_code"], _compared(row["question"])))
    return {year: tuple(pairs) for year, pairs in found.items()}


def _compared(text: str) -> str:
    return _NOT_WORD.sub("", text)


def item_by_question(year_be: int | None, text: str) -> str | None:
    """The code of the question `text` prints in the year's form (`item_questions.csv`), when it
    is clearly that question and no other; None for a year whose form is not known."""
    printed = _compared(text)
    if not year_be or year_be not in _questions() or len(printed) < 20:
        return None
    ranked = sorted(((difflib.SequenceMatcher(None, printed, question, autojunk=False).ratio(), code)
                     for code, question in _questions()[year_be]), reverse=True)
    best, code = ranked[0]
    runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
    return code if best >= _QUESTION_ALIKE and best - runner_up >= _QUESTION_MARGIN else None


# -- measures printed as records (มาตรการที่ 1 … ผู้รับผิดชอบ … ระยะเวลา …) --------------------------

RECORD_WORD = "มาตรการ"  # a measure; `มาตรการที่ 1` starts the record of measure 1
RECORD_START_WORD = f"{RECORD_WORD}ที่"


@cache
def record_labels() -> tuple[str, ...]:
    """The words that open a field of a measure printed as a record (knowledge/record_fields.csv),
    longest first."""
    return tuple(sorted((row["label"] for row in knowledge.rows("record_fields")), key=len, reverse=True))


# What the parsers are told about the genre: item codes are letters printed before numbers, and a
# line opening with a record's start or a field's label opens a paragraph (a PDF's lines would
# otherwise run a field into the one above).
NUMBER_LABELS = NumberLabels(letters=CODE_LETTERS, lookalikes=(("j", "i"),),  # no code begins with j
                             opening_words=(RECORD_START_WORD, *record_labels()))


# -- years -----------------------------------------------------------------------------------------

def _plausibility(check: str) -> int:
    return next(int(row["value"]) for row in knowledge.rows("plausibility") if row["check"] == check)


@cache
def ita_years() -> range:
    """Fiscal years (BE) that can be ITA years: from the first ITA to the year after the run's."""
    today = dt.date.today()
    fiscal_be = today.year + BE_OFFSET + (1 if today.month >= 10 else 0)
    return range(_plausibility("first_ita_year"), fiscal_be + _plausibility("years_after_run") + 1)


@cache
def relative_years() -> tuple[tuple[int, regex.Pattern], ...]:
    """(offset from the assessment year, pattern) of the years printed as words (ปีที่แล้ว: -1,
    ปีนี้: 0; knowledge/relative_years.csv)."""
    return tuple((int(row["offset"]), compiled(row["pattern"])) for row in knowledge.rows("relative_years"))


@cache
def _relative_years_without_marks() -> tuple[tuple[int, regex.Pattern], ...]:
    return tuple((int(row["offset"]), compiled(pattern_without_marks(row["pattern"])))
                 for row in knowledge.rows("relative_years"))


def years_in_words(text: str) -> list[tuple[int, int, int]]:
    """(start, end, offset from the assessment year) of each year `text` names by words
    (`ปีที่แล้ว`: -1, `ปีนี้`: 0); where none is found as printed, as OCR may print it, without
    its marks (`ปิทิีแล้ว`)."""
    found = [(m.start(), m.end(), offset)
             for offset, pattern in relative_years() for m in pattern.finditer(text)]
    if found:
        return sorted(found)
    bare, origin = without_marks_mapped(text)
    return sorted((origin[m.start()], origin[m.end() - 1] + 1, offset)
                  for offset, pattern in _relative_years_without_marks() for m in pattern.finditer(bare)
                  if m.end() > m.start())


_YEAR_HEADER = r"(?:ผล)?(?:คะแนน)?\s*(?:ITA)?\s*(?P<year>{words})\s*(?:\(?(?:คะแนน|ร้อยละ|%)\)?)?"


@cache
def _year_headers() -> tuple[tuple[int, regex.Pattern], ...]:
    """(offset, pattern) of a header that is a year in words, as printed and without its marks."""
    forms = [(offset, pattern.pattern) for offset, pattern in relative_years()]
    return tuple((offset, compiled(form(_YEAR_HEADER.format(words=words))))
                 for form in (str, pattern_without_marks) for offset, words in forms)


def header_year_offset(header: str) -> int | None:
    """The offset from the assessment year of a column headed by a year in words (`ปีที่ผ่านมา`,
    `คะแนนปีนี้`; as OCR prints it without a mark, `ปีทีผ่านมา`), else None. `header` is squeezed."""
    text, bare = header.strip(), without_marks(header.strip())
    return next((offset for k, (offset, pattern) in enumerate(_year_headers())
                 if pattern.fullmatch(text if k < len(relative_years()) else bare)), None)


def is_ita_year(year_be: int | None) -> bool:
    return year_be is not None and year_be in ita_years()


def could_be_score_year(year_be: int | None, assessment_year: int | None) -> bool:
    """A score can belong to an ITA year up to the document's assessment year, never after it."""
    return is_ita_year(year_be) and (assessment_year is None or year_be is None or year_be <= assessment_year)
