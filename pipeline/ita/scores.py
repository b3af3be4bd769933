"""Scores printed in sentences and cells: overall, per tool, indicator, sub-indicator and item.

Every number first gets its role (`number_roles`); only `score` numbers can
become scores. A score belongs to a subject only where the two stand in one of
the genre's patterns: the subject, then its value (`ตัวชี้วัดที่ 1 … คะแนน 97.44`,
`การใช้อำนาจ 98.50 คะแนน`, `… ร้อยละ 50.02`), with no list marker between them
and within reach; or a series of recalled years after a subject
(`ผลการประเมินย้อนหลัง … ปี 2565 (99.15 คะแนน) ปี 2564 (95.50 คะแนน)`), where
every further value needs a year of its own. A value takes the last plausible
year printed before it in its clause, else the assessment year.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

import regex

from ita_extract.normalizers.lists import squeeze_thai
from ita_extract.normalizers.patterns import LIST_JOIN, QUESTION_WORD, RANGE_DASH, TIMES, compiled
from ita_extract.normalizers.years import to_be
from ita_extract.pipeline.ita.framework import (
    could_be_score_year,
    item_indicator,
    tool_acronyms,
    years_in_words,
)
from ita_extract.pipeline.ita.knowledge import rows
from ita_extract.pipeline.ita.lines import Line
from ita_extract.pipeline.ita.number_roles import DECIMAL_COMMA, Number, numbers
from ita_extract.pipeline.ita.organisation import Organisation
from ita_extract.pipeline.ita.subjects import (
    Subject,
    find_indicators,
    find_overall,
    find_tools,
    listed_items,
    prose_subjects,
)

_SUBJECT_REACH = 110  # characters from a subject (or the last value of its series) to its value
_GRADE_WINDOW = 80
# Numbers that name what the words after them are about: an overall cue after them is not the overall.
_NAMING_ROLES = frozenset({"item_number", "indicator_number", "sub_indicator", "rank"})
# A subject multiplied in a formula (`(IIT × 0.30)`, `0.3 x EIT`): the numbers after it are the
# formula's, never its value (`(OIT × 0.40) = (91.45 × 0.30)` is no OIT 91.45).
_TIMES_AFTER = regex.compile(rf"\s*{TIMES}\s*\d")
_TIMES_BEFORE = regex.compile(rf"\d\s*{TIMES}\s*[(\[]?\s*$")
# A number multiplied or added in a formula (`(91.45 × 0.30)`, `27.44 + 26.50`) is no subject's
# value: a tool's, a product's or a sum's term, left to the accounting (an unread number).
_OPERAND_AFTER = regex.compile(rf"\s*(?:{TIMES}|\+)\s*[(\[]?\s*\d")
_OPERAND_BEFORE = regex.compile(rf"\d\s*[)\]]?\s*(?:{TIMES}|\+)\s*[(\[]?\s*$")
# A tool's weighted points (its score × its weight: out of 30, 30, 40), as results lists print them:
# checked by the arithmetic (points add up to the overall score), never a score row.
POINTS = "points"


# The columns of a scores row that say what it is of, in the order of Score.key.
KEY_COLUMNS = ("level", "tool", "tool_part", "indicator", "sub_indicator", "item_code", "score_year_be")


def row_key(row: Mapping[str, Any]) -> tuple:
    """A written scores row's key, as Score.key names the score it was written from."""
    return tuple(row[column] for column in KEY_COLUMNS)


@dataclass(frozen=True)
class Score:
    """A printed score: what it is of (its subject), the value, the year and where it was read;
    and, once the arithmetic has checked it, its verification."""

    subject: Subject
    score: float
    line: Line
    year_be: int | None = None
    grade_stated: str | None = None
    printed: str | None = None  # the number as printed (Arabic digits): its decimals bound rounding
    place: str | None = None  # the cell or sentence it was printed in, to tell independent mentions
    group: str | None = None  # the table group (items under one category row) it was listed in
    verification: str = "unverified"
    org: Organisation | None = None  # the organisation a results list gives it to; None: the document's own
    source: str | None = None  # its table row's cells it was read from (label, code, value); None: its line

    @property
    def owner(self) -> str | None:
        """The org_id of the organisation a results list gives the score to; None for the document's own."""
        return self.org.org_id if self.org else None

    @property
    def level(self) -> str:
        return self.subject.level

    @property
    def key(self) -> tuple:
        """What the score is of: two printed values under one key disagree (KEY_COLUMNS)."""
        s = self.subject
        return (s.level, s.tool, s.tool_part, s.indicator, s.sub_indicator, s.item_code, self.year_be)

    @property
    def decimals(self) -> int:
        text = self.printed or f"{self.score:g}"
        return len(text.split(".")[1]) if "." in text else 0


@dataclass
class _Series:
    """The subject values are being read for, and where its last value or year ended."""

    subject: Subject
    anchor: int
    clause_start: int
    has_value: bool = False
    year_since_value: bool = False


def sentence_scores(line: Line, text: str, assessment_year: int | None, column: int = 0) -> list[Score]:
    """Scores of one sentence or cell (the `column`th of a table row); `text` is its squeezed
    form, `line` its provenance."""
    every = tuple(sorted((*numbers(text), *_years_in_words(text, assessment_year)), key=lambda n: n.start))
    subjects = [s for s in prose_subjects(text, [(n.start, n.end) for n in every if n.role in _NAMING_ROLES],
                                          [n.start for n in every if n.role == "score"],
                                          [(n.start, n.end) for n in every if n.role == "sub_indicator"])
                if not (_TIMES_AFTER.match(text, s.end) or _TIMES_BEFORE.search(text, 0, s.start))]
    found = [n for n in every if not any(s.start <= n.start < s.end for s in subjects)
             and not _formula_operand(n, text, subjects) and n.role != DECIMAL_COMMA]
    scores, subjects, found = _lists(subjects, found, every, text, line, assessment_year, column)
    events: list[tuple[int, int, Subject | Number]] = sorted(
        [*((s.start, 0, s) for s in subjects), *((n.start, 1, n) for n in found)], key=lambda e: (e[0], e[1]))
    series: _Series | None = None
    bracketed = _bracketed_subjects(found, subjects, text)
    for _, _, event in events:
        if isinstance(event, Subject):
            if any(event is s for s in bracketed.values()):
                series = None  # a value's subject restated in brackets after it: no values follow it
            elif not _in_item_title(event, series):
                series = _Series(event, event.end, max(0, event.start - _SUBJECT_REACH))
            continue
        closes = series is not None and _closes_row(event, series, text)
        if event.start in bracketed and not _takes(series, event, closes):
            own = _Series(bracketed[event.start], event.start, max(0, event.start - _SUBJECT_REACH))
            year = _year_before(every, own.clause_start, event.start, assessment_year)
            scores.append(_score(own, event, text, line, year, assessment_year, column))
            continue
        if event.role == "list_marker" or (
                series is not None and event.start - series.anchor > _SUBJECT_REACH and not closes):
            series = None
        elif series is not None and event.role == "year":
            series.anchor, series.year_since_value = event.end, True
        elif series is not None and _takes(series, event, closes):
            year = _year_before([n for n in every if not _in_title(n, series, event, every, text)],
                                series.clause_start, event.start, assessment_year)
            scores.append(_score(series, event, text, line, year, assessment_year, column))
            series.anchor, series.clause_start = event.end, event.end
            series.has_value, series.year_since_value = True, False
    return scores


def _lists(subjects: list[Subject], found: list[Number], every: Sequence[Number], text: str, line: Line,
           assessment_year: int | None, column: int) -> tuple[list[Score], list[Subject], list[Number]]:
    """The scores of the lists a sentence prints (subjects, or years, then their values in order),
    and the subjects and numbers left for the series reading."""
    scores = []
    for pairs, taken_subjects, taken_numbers in _respective(subjects, found, text):
        for subject, number in pairs:
            own = _Series(subject, subject.end, max(0, subject.start - _SUBJECT_REACH))
            year = _year_before(every, own.clause_start, number.start, assessment_year)
            scores.append(_score(own, number, text, line, year, assessment_year, column))
        taken = {(t.level, t.start) for t in taken_subjects}
        subjects = [s for s in subjects if (s.level, s.start) not in taken]
        found = [n for n in found if n not in taken_numbers]
    for subject, by_year, values in _yearly(subjects, found, text, assessment_year):
        own = _Series(subject, subject.end, max(0, subject.start - _SUBJECT_REACH))
        scores.extend(_score(own, number, text, line, year, assessment_year, column)
                      for year, number in by_year)
        found = [n for n in found if n not in values]
    return scores, subjects, found


# A list of subjects of one level (`IIT EIT และ OIT`, `ตัวชี้วัดที่ 6, 7 และ 8`, a range `1-5`) then
# a list of values (`93.10 89.87 และ 100.00 ตามลำดับ`): the values go to the subjects in order where
# there are as many; one value said to be every subject's (`100 คะแนนเท่ากัน`) goes to each; else
# whose value is which the text does not say, and none is taken (they are left unread).
# (OCR garbles และ into a short Latin word: `IIT EIT wae OIT`.)
_BETWEEN_SUBJECTS = regex.compile(rf"[\s,/]*(?:(?:{LIST_JOIN}|กับ|{RANGE_DASH}|[A-Za-z]{{2,4}})[\s,]*)?")
_BETWEEN_VALUES = regex.compile(r"\s*(?:คะแนน|%)?\s*[,/]?\s*(?:และ)?\s*(?:ร้อยละ)?\s*")
_EQUALLY = regex.compile(r"\s*(?:คะแนน|%)?\s*(?:เท่ากัน|ทุกตัวชี้วัด|ทุกแบบวัด|ทั้ง(?:สอง|สาม|\d)(?:ตัวชี้วัด|แบบวัด))")
_LISTED_LEVELS = ("tool", "indicator", "sub_indicator")
_LIST_VALUES = 3
Respective = tuple[list[tuple[Subject, Number]], list[Subject], list[Number]]


def _respective(subjects: Sequence[Subject], found: Sequence[Number], text: str) -> list[Respective]:
    """Each list of subjects followed by a list of values: (the pairs read, the subjects and the
    numbers they account for: taken from the series reading whether paired or not). A subject
    alone before a list of _LIST_VALUES values or more is a list's last (its first words garbled):
    none of them is its."""
    read = []
    for run in [*_subject_runs(subjects, text), *listed_items(text)]:
        values = _value_run(run[-1].end, found, subjects, text)
        if len(run) == 1 and len(values) < _LIST_VALUES and not _bare_pair(values, text):
            continue
        if not values:
            continue
        if len(values) == len(run):
            read.append((list(zip(run, values, strict=True)), run, values))
        elif len(values) == 1 and _EQUALLY.match(text, values[0].end):
            read.append(([(subject, values[0]) for subject in run], run, values))
        else:
            read.append(([], run, values))
    return read


def _bare_pair(values: Sequence[Number], text: str) -> bool:
    """Two values with nothing but space between them after one subject (`IIT 90.00 93.10`): a
    table's row flattened into a line, its header (two years? a score and its change?) lost."""
    return len(values) == 2 and not text[values[0].end:values[1].start].strip()


# A list of years (`ปี 2565, 2566 และ 2567`, `ปีงบประมาณ 2566-2567`) then a list of values: each
# value is its subject's in the year in the same place; as many of each, else none is taken.
_BETWEEN_YEARS = regex.compile(
    rf"[\s,]*(?:(?:{LIST_JOIN}|{RANGE_DASH})\s*)?(?:ปี(?:งบ(?:ประมาณ)?)?\s*)?(?:พ\.ศ\.\s*)?")


def _yearly(subjects: Sequence[Subject], found: Sequence[Number], text: str,
            assessment_year: int | None) -> list[tuple[Subject, list[tuple[int, Number]], list[Number]]]:
    """(the subject, its values by year, the values accounted for) of each list of years with a
    list of values after it, the subject named before the years with no value of its own yet."""
    read = []
    for run in _year_runs(found, text):
        cue = [s for s in subjects
               if run[-1].end <= s.start and _CUE_ONLY.fullmatch(text, run[-1].end, s.start)]
        subject = cue[0] if cue else next((s for s in reversed(subjects) if s.end <= run[0].start), None)
        if subject is None or run[0].start - subject.end > _SUBJECT_REACH \
                or any(subject.end <= n.start < run[0].start and n.role == "score" for n in found):
            continue
        values = _value_run(max(run[-1].end, subject.end), found, subjects, text, years_between=False)
        if not values:
            continue
        years = [to_be(int(year.text)) for year in run]
        plausible = all(y is not None and could_be_score_year(y, assessment_year) for y in years)
        by_year = [(y, v) for y, v in zip(years, values, strict=True) if y is not None] \
            if len(values) == len(run) and plausible else []
        read.append((subject, by_year, values))
    return read


_CUE_ONLY = regex.compile(r"[\s,]*")  # an overall cue right after the years (`ปี 2565 และ 2566 ได้คะแนน`)


def _year_runs(found: Sequence[Number], text: str) -> list[list[Number]]:
    runs: list[list[Number]] = []
    for number in found:
        if number.role != "year" or not number.text.isdigit():
            continue
        last = runs[-1][-1] if runs else None
        if last is not None and _BETWEEN_YEARS.fullmatch(text, last.end, number.start):
            runs[-1].append(number)
        else:
            runs.append([number])
    return [run for run in runs if len(run) > 1]


def _subject_runs(subjects: Sequence[Subject], text: str) -> list[list[Subject]]:
    """Subjects of one level printed one after another with only commas, และ, หรือ or a range's
    dash between them: two or more; and a tool, indicator or sub-indicator alone (its values
    are looked at too: three or more after it are a list's)."""
    runs: list[list[Subject]] = []
    for subject in subjects:
        last = runs[-1][-1] if runs else None
        if last is not None and subject.level == last.level and subject.level in _LISTED_LEVELS \
                and subject.start >= last.end and _BETWEEN_SUBJECTS.fullmatch(text, last.end, subject.start):
            runs[-1].append(subject)
        else:
            runs.append([subject])
    return [run for run in runs if len(run) > 1 or run[0].level in _LISTED_LEVELS]


def _value_run(start: int, found: Sequence[Number], subjects: Sequence[Subject], text: str, *,
               years_between: bool = True) -> list[Number]:
    """The values printed one after another, the first the first number after `start` within reach
    (years aside, unless not `years_between`: a year then restated with its value, `(พ.ศ. 2562 - 2564)
    ได้แก่ ปี 2562 (47.19 คะแนน) …`, is no list's) with no subject between; each a score's form with
    only commas, และ or units between."""
    after = [n for n in found if n.start >= start and (n.role != "year" or not years_between)]
    if not after or after[0].start - start > _SUBJECT_REACH \
            or any(start <= s.start < after[0].start for s in subjects):
        return []
    values: list[Number] = []
    for number in after:
        if number.role not in ("score", "other") or not _DECIMAL.fullmatch(number.text):
            break
        if values and not _BETWEEN_VALUES.fullmatch(text, values[-1].end, number.start):
            break
        values.append(number)
    return values


_BESIDE = regex.compile(r"\)?[\s:=\-–]*")  # a code's closing bracket: `(i3) 95.00`
_DECIMAL = compiled(r"{decimal_score}|100|0")  # or full marks or none, printed whole


@cache
def _opening() -> regex.Pattern:
    """What may stand before a code opening a line: a point's number, the tool, the question's word."""
    return regex.compile(rf"\s*(?:\(?\d{{1,2}}[.)]\s*)?(?:{tool_acronyms()}\s*)?(?:{QUESTION_WORD}\s*)?\(?")


_OPENING_LEVELS = ("item", "sub_indicator")  # subjects whose row's value may follow their question or name


def _takes(series: _Series | None, number: Number, closes: bool) -> bool:
    """Whether the series being read takes `number` as its subject's next value; a tool's weighted
    points (`IIT ได้ 93.21 คะแนน คิดเป็นคะแนนถ่วงน้ำหนัก 27.96`) are taken beside its score."""
    if series is None or number.start - series.anchor > _SUBJECT_REACH:
        return False
    if number.role == POINTS:
        return series.subject.level == "tool" and series.subject.tool_part is None
    return (number.role == "score" or closes) and (not series.has_value or series.year_since_value)


_BRACKET_OPENS = regex.compile(r"\s*(?:คะแนน)?\s*[(\[]\s*")
_BRACKET_CLOSES = regex.compile(r"\s*[)\]]")


def _bracketed_subjects(numbers: Sequence[Number], subjects: Sequence[Subject],
                        text: str) -> dict[int, Subject]:
    """The subject printed in brackets right after a value, by where the value starts
    (`คะแนนสูงสุด 98.50 (ตัวชี้วัดที่ 9)`): the value's, whatever subject the sentence named before."""
    found: dict[int, Subject] = {}
    for number in numbers:
        opens = _BRACKET_OPENS.match(text, number.end)
        if opens is None or number.role not in ("score", "other") or not _DECIMAL.fullmatch(number.text):
            continue
        inside = next((s for s in subjects if s.start == opens.end() and s.level != "overall"), None)
        if inside is not None and _BRACKET_CLOSES.match(text, inside.end):
            found[number.start] = inside
    return found


def _formula_operand(number: Number, text: str, subjects: Sequence[Subject]) -> bool:
    """Whether a number is multiplied or added in a formula, and not printed right after its
    subject (`IIT 91.45 × 0.30` is IIT's)."""
    if not (_OPERAND_AFTER.match(text, number.end) or _OPERAND_BEFORE.search(text, 0, number.start)):
        return False
    return not any(s.end <= number.start and _BESIDE.fullmatch(text, s.end, number.start) for s in subjects)


def _closes_row(number: Number, series: _Series, text: str) -> bool:
    """Whether a number no rule gave a role is the value of a table's row flattened into a line
    by a text dump: with decimals (or 100 or 0), ending the line, and standing right after its
    subject (`1. การปฏิบัติหน้าที่ 97.53`) or on a line an item's code or a sub-indicator opens
    (`i1 <its question> 95.12`, `ตัวชี้วัดย่อยที่ 9.1 ข้อมูลพื้นฐาน 100.00`). Not `การใช้อำนาจ 2.41
    (เพิ่มขึ้น)` nor `1.5 เท่า`: words after it say what it is."""
    if number.role != "other" or series.has_value or _DECIMAL.fullmatch(number.text) is None \
            or text[number.end:].strip():
        return False
    subject = series.subject
    return _BESIDE.fullmatch(text, subject.end, number.start) is not None or (
        subject.level in _OPENING_LEVELS and _opening().fullmatch(text, 0, subject.start) is not None)


def _in_item_title(subject: Subject, series: _Series | None) -> bool:
    """Whether an indicator named by its name alone stands in the title of the item before it,
    still waiting for its value (`o36 แผนปฏิบัติการป้องกันการทุจริต 0 คะแนน`: the item's value,
    not indicator 10's)."""
    return subject.by_name and series is not None and series.subject.level == "item" \
        and not series.has_value


def _score(series: _Series, number: Number, text: str, line: Line, year: int | None,
           assessment_year: int | None, column: int) -> Score:
    subject = series.subject
    after = text[number.end:number.end + _GRADE_WINDOW]
    grade = find_stated_grade(after) if subject.level == "overall" else None
    if number.role == POINTS:
        subject = replace(subject, level=POINTS)
    return Score(with_item_indicator(subject, assessment_year), number.value, line, year, grade, number.text,
                 f"{line.page}:{line.line}:{subject.start}:{column}",
                 source=line.cells([column]) if line.kind == "table" else None)


def _years_in_words(text: str, assessment_year: int | None) -> list[Number]:
    """Years a sentence names by words (`ปีที่แล้ว`, `ปีนี้`: relative_years.csv), as the year
    numbers they stand for, where the assessment year is known."""
    if assessment_year is None:
        return []
    return [Number(start, end, str(assessment_year + offset), "year")
            for start, end, offset in years_in_words(text)]


def with_item_indicator(subject: Subject, assessment_year: int | None) -> Subject:
    """An item whose indicator the text does not say takes the one the year's item map gives."""
    if subject.level != "item" or subject.indicator is not None:
        return subject
    indicator, sub = item_indicator(assessment_year, subject.item_code)
    return replace(subject, indicator=indicator, sub_indicator=subject.sub_indicator or sub)


def _in_title(year: Number, series: _Series, value: Number, every: Sequence[Number], text: str) -> bool:
    """Whether a year stands inside the question or title of the item (or sub-indicator) whose
    first value follows: `i9 ใช้จ่ายงบประมาณในปี 2565 คุ้มค่า 85.12` and `o12 รายงานผลการดำเนินงาน
    ประจำปี 2565 100.00` are the assessment year's scores of items about 2565. A year right before
    the value is its own where further years and values follow (`i7 … ปี 2565 90.00 ปี 2566 92.50`)."""
    subject = series.subject
    if subject.level not in _OPENING_LEVELS or series.has_value \
            or not subject.end <= year.start < value.start:
        return False
    recalled = _BESIDE.fullmatch(text, year.end, value.start) is not None and \
        any(n.role == "year" and n.start > value.end for n in every)
    return not recalled


def _year_before(every: Sequence[Number], start: int, position: int,
                 assessment_year: int | None) -> int | None:
    """The last plausible result year printed between `start` and `position`, else the assessment year."""
    years = [to_be(int(n.text)) for n in every if n.role == "year" and start <= n.start < position]
    years = [y for y in years if could_be_score_year(y, assessment_year)]
    return years[-1] if years else assessment_year


@cache
def _grade_label() -> regex.Pattern:
    """A grade as documents print it: `ระดับ E`, `ระดับ AA`, or a Thai label (`ผ่านดี`)."""
    bands = rows("grade_bands")
    thai = sorted((b["label"] for b in bands if b["kind"] == "thai"), key=len, reverse=True)
    letters = sorted((b["label"] for b in bands if b["kind"] == "letter"), key=len, reverse=True)
    return regex.compile(rf"ระดับ\s*(?P<letter>{'|'.join(letters)})(?![A-Za-z])|(?P<thai>{'|'.join(thai)})")


def is_grade(text: str) -> bool:
    """Whether `text` is a grade alone, a letter (`AA`, `C`) or a Thai label (`ผ่าน`)."""
    return text.strip() in _grade_labels()


@cache
def _grade_labels() -> frozenset[str]:
    return frozenset(band["label"] for band in rows("grade_bands"))


def find_stated_grade(text: str) -> str | None:
    """The grade printed in `text` (after an overall score), or None."""
    match = _grade_label().search(text)
    return (match.group("letter") or match.group("thai")) if match else None


def prose_scores(lines: Iterable[Line], assessment_year: int | None) -> list[Score]:
    """Scores in every sentence and every table cell (tables of scores are read by score_tables)."""
    scores: list[Score] = []
    for line in lines:
        texts = line.text.split("\t") if line.kind == "table" else [line.text]
        for column, text in enumerate(texts):
            scores.extend(sentence_scores(line, squeeze_thai(text), assessment_year, column))
    return scores


_VALUE = r"\d{1,3}(?:\.\d{1,2})?"  # a chart's value as printed (_DECIMAL then says it is a score's form)
_VALUES_ALONE = regex.compile(rf"\s*{_VALUE}(?:\s+{_VALUE})+\s*")
_ONE_VALUE = regex.compile(rf"\s*(?:(?:ผล)?คะแนน(?:ที่ได้)?|ร้อยละ)?\s*[:=]?\s*({_VALUE})\s*(?:คะแนน|%)?\s*")
_VALUES_AFTER_NAMES = regex.compile(rf"(\D+?)\s+({_VALUE}(?:\s+{_VALUE})+)\s*")
_MOST_NAME_WORDS = 30  # a line of more words is prose, not a chart's labels


def names_over_values(lines: Sequence[Line], assessment_year: int | None) -> list[Score]:
    """A chart's text: its labels, subjects' names and nothing else, on one line and its values,
    as many and nothing else, on the next (`การปฏิบัติหน้าที่ การใช้งบประมาณ …` / `96.80 90.21 …`)
    or after them on the same line (a PDF joined the two), paired in order, of the document's
    year; and a score card's one name on a line over its one value (`IIT` / `คะแนน 91.45`). Each
    value is a score's form (two decimals, or 100 or 0 whole)."""
    scores: list[Score] = []
    for k, line in enumerate(lines):
        if line.kind == "table":
            continue
        # the two lines joined into one by a PDF (only a line ending with a digit is tried: this
        # runs on every line)
        joined = _VALUES_AFTER_NAMES.fullmatch(line.text) if line.text.rstrip()[-1:].isdigit() else None
        if joined:
            scores += _paired(joined.group(1), joined.group(2), line, line.text, assessment_year)
        elif k + 1 < len(lines) and lines[k + 1].kind != "table" and lines[k + 1].page == line.page:
            below = lines[k + 1]
            source = f"{line.text}\n{below.text}"
            if _VALUES_ALONE.fullmatch(below.text):
                scores += _paired(line.text, below.text, below, source, assessment_year)
            elif one := _ONE_VALUE.fullmatch(below.text):  # a score card: `IIT` over `คะแนน 91.45`
                scores += _paired(line.text, one.group(1), below, source, assessment_year, least=1)
    return scores


def _paired(names: str, values: str, line: Line, source: str, assessment_year: int | None,
            least: int = 2) -> list[Score]:
    printed = values.split()
    subjects = _names_alone(names, least)
    if len(subjects) != len(printed) or not all(_DECIMAL.fullmatch(p) for p in printed):
        return []
    return [Score(subject, float(number), line, assessment_year, printed=number,
                  place=f"{line.page}:{line.line}:{k}", source=source)
            for k, (subject, number) in enumerate(zip(subjects, printed, strict=True))]


def _names_alone(text: str, least: int = 2) -> list[Subject]:
    """The subjects a line names when it holds their names and nothing else (two or more). Each
    run of the line's words is read as names that fill it (a name read on its own: inside the
    squeezed line a compound's head glued before it would hide it, `ข้อมูลการป้องกันการทุจริต`;
    the Thai repair may have glued two names, `การใช้งบประมาณการใช้อำนาจ`)."""
    words = text.split()
    if len(words) > _MOST_NAME_WORDS:
        return []
    found: list[Subject] = []
    k = 0
    while k < len(words):
        named = next(((j, names) for j in range(len(words), k, -1)
                      if (names := _filling_names(squeeze_thai(" ".join(words[k:j]))))), None)
        if named is None:
            return []
        k = named[0]
        found += named[1]
    return found if len(found) >= least else []


def _filling_names(text: str) -> list[Subject]:
    """The subjects whose names, one after another, are all of `text`; [] if they are not."""
    named = [*find_tools(text), *find_indicators(text, need_word=False), *find_overall(text)]
    found: list[Subject] = []
    at = 0
    while at < len(text):
        here = [s for s in named if s.start == at and s.end > at]
        if len({(s.level, s.tool, s.indicator) for s in here}) != 1:
            return []
        found.append(max(here, key=lambda s: s.end))
        at = found[-1].end
    return found
