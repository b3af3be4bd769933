"""Scores printed in sentences and cells: overall, per tool, indicator, sub-indicator and item.

A number counts as a score only when a value cue stands beside it (คะแนน,
เท่ากับ, ร้อยละ, "(… คะแนน)": score_number_cues.csv) and no threshold or
count cue does (น้อยกว่าร้อยละ 85, 6 เดือน). It belongs to the subject
printed nearest before it in the same sentence or cell, and to the last
year printed before it (a recalled earlier year), else to the assessment year.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from normalizers.lists import squeeze_thai
from pipeline.grades import find_stated_grade
from pipeline.knowledge import keyed_patterns
from pipeline.lines import Line
from pipeline.subjects import Subject, prose_subjects

_NUMBER = regex.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{1,3})?)(?![\d]|\.\d|,\d)")
_LIST_MARKER = regex.compile(r"\(\d{1,2}\)$")
_YEAR = regex.compile(r"(?<!\d)(2[45]\d{2})(?!\d)")
_CUE_WINDOW = 14
_NOT_SCORE_WINDOW = 28
_SUBJECT_REACH = 110  # characters from a subject's end within which its score is printed
_GRADE_WINDOW = 80


@dataclass
class Score:
    """A printed score: what it is of (its subject), the value, the year and where it was read."""

    subject: Subject
    score: float
    line: Line
    year_be: int | None = None
    grade_stated: str | None = None

    @property
    def level(self) -> str:
        return self.subject.level

    @property
    def key(self) -> tuple:
        """What the score is of: two printed values under one key disagree."""
        s = self.subject
        return (s.level, s.tool, s.tool_part, s.indicator, s.sub_indicator, s.item_code, self.year_be)


@cache
def _cues(kind: str) -> tuple[regex.Pattern, ...]:
    return tuple(p for k, p in keyed_patterns("score_number_cues", "kind") if k == kind)


def score_numbers(text: str) -> list[regex.Match]:
    """Numbers in `text` that are printed as scores."""
    found = []
    for m in _NUMBER.finditer(text):
        before = text[max(0, m.start() - _CUE_WINDOW):m.start()]
        after = text[m.end():m.end() + _CUE_WINDOW]
        wide_before = text[max(0, m.start() - _NOT_SCORE_WINDOW):m.start()]
        if not (any(p.search(before) for p in _cues("value_before"))
                or any(p.search(after) for p in _cues("value_after"))):
            continue
        if any(p.search(wide_before) for p in _cues("not_score_before")):
            continue
        if any(p.search(after) for p in _cues("not_score_after")):
            continue
        if _LIST_MARKER.search(text[max(0, m.start() - 1):m.end() + 1]):
            continue
        found.append(m)
    return found


def sentence_scores(line: Line, text: str, assessment_year: int | None) -> list[Score]:
    """Scores of one sentence or cell; `text` is its squeezed form, `line` its provenance."""
    subjects = prose_subjects(text)
    scores: list[Score] = []
    for number in score_numbers(text):
        if any(s.start <= number.start() < s.end for s in subjects):
            continue
        subject = _nearest_before(subjects, number.start())
        if subject is None:
            continue
        score = Score(subject, float(number.group(1)), line,
                      _year_before(text, subject.start, number.start(), assessment_year))
        if subject.level == "overall":
            score.grade_stated = find_stated_grade(text[number.end():number.end() + _GRADE_WINDOW])
        scores.append(score)
    return scores


def _nearest_before(subjects: list[Subject], position: int) -> Subject | None:
    before = [s for s in subjects if s.end <= position and position - s.end <= _SUBJECT_REACH]
    return max(before, key=lambda s: (s.end, s.start)) if before else None


def _year_before(text: str, subject_start: int, position: int, assessment_year: int | None) -> int | None:
    """The last plausible result year printed from shortly before the subject up to the number."""
    years = [int(m.group(1)) for m in _YEAR.finditer(text, max(0, subject_start - _SUBJECT_REACH), position)]
    if assessment_year:
        years = [y for y in years if y <= assessment_year]
    return years[-1] if years else assessment_year


def prose_scores(lines: list[Line], assessment_year: int | None) -> list[Score]:
    """Scores in every sentence and every table cell (tables of scores are read by score_tables)."""
    scores: list[Score] = []
    for line in lines:
        texts = line.text.split("\t") if line.kind == "table" else [line.text]
        for text in texts:
            scores.extend(sentence_scores(line, squeeze_thai(text), assessment_year))
    return scores
