"""Scores read from the text: the overall ITA score in prose."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.grades import find_stated_grade
from pipeline.knowledge import patterns
from pipeline.lines import Line

_NUMBER = regex.compile(r"\s*(\d{1,3}(?:\.\d+)?)(?!\d)(?!\.\d)")
# Words that make a nearby score a tool's or an indicator's, not the overall one.
_NOT_OVERALL = regex.compile(r"ตัวชี้วัด|แบบวัด|\b(?:IIT|EIT|OIT)\b")
_LOOKBEHIND = 40
_GRADE_WINDOW = 80


@dataclass
class ScoreMention:
    score: float
    line: Line
    grade_stated: str | None


def overall_score(lines: list[Line]) -> ScoreMention | None:
    """The first overall-score sentence ("มีผลคะแนนเท่ากับร้อยละ 50.02", "โดยภาพรวมได้คะแนน 95.75")."""
    for line in lines:
        if line.kind == "table":
            continue
        for cue in patterns("overall_score_cues"):
            for m in cue.finditer(line.text):
                number = _NUMBER.match(line.text, m.end())
                if number is None:
                    continue
                before = line.text[max(0, m.start() - _LOOKBEHIND) : m.start()]
                if _NOT_OVERALL.search(before):
                    continue
                after = line.text[number.end() : number.end() + _GRADE_WINDOW]
                return ScoreMention(float(number.group(1)), line, find_stated_grade(after))
    return None
