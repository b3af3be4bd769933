"""The overall score worked out by its formula, as some analyses print it:

    คะแนน ITA = (IIT × 0.30) + (EIT × 0.30) + (OIT × 0.40)
              = (91.45 × 0.30) + (88.32 × 0.30) + (96.50 × 0.40)
              = 27.44 + 26.50 + 38.60
              = 92.53 คะแนน

The first step's terms name the tools in their order, each with its weight. A step of as many
products with the same weights gives each tool its score; a step of as many terms that are those
products gives each tool its points; a step of one number is the overall score. The steps may
stand on one line (a PDF or OCR joins them) or each on its own line opening with `=`. Nothing is
read unless the tools' step is found and every later step fits it: a step that does not is left
to the accounting (its numbers unread).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import regex

from ita_extract.normalizers.lists import squeeze_thai
from ita_extract.normalizers.patterns import TIMES
from ita_extract.pipeline.ita.framework import tools
from ita_extract.pipeline.ita.lines import Line
from ita_extract.pipeline.ita.scores import POINTS, Score
from ita_extract.pipeline.ita.subjects import Subject

_TIMES = rf"\s*{TIMES}\s*"
_WEIGHT = r"(?:0?\.\d{1,2}|\d{2}\s*%)"
_NUMBER = r"\d{1,3}(?:\.\d{1,2})?"
_JOINED = regex.compile(r"\s*\+\s*")
_TOTAL = regex.compile(rf"\s*(?P<value>{_NUMBER})\s*(?:คะแนน)?\s*")
_MOST_STEP_LINES = 4  # the lines after the tools' step that may go on with the formula


@dataclass(frozen=True)
class _Step:
    line: Line
    text: str


def formula_scores(lines: Sequence[Line], assessment_year: int | None) -> list[Score]:
    """The tools' scores and points and the overall score of every formula worked out in `lines`."""
    scores: list[Score] = []
    for index, line in enumerate(lines):
        if line.kind == "table":
            continue
        steps = [_Step(line, part) for part in squeeze_thai(line.text).split("=")[1:]]
        if not steps or not (weights := _tool_step(steps[0].text)):
            continue
        for following in lines[index + 1:index + 1 + _MOST_STEP_LINES]:
            text = squeeze_thai(following.text).strip()
            if following.kind == "table" or not text.startswith("="):
                break
            steps += [_Step(following, part) for part in text.split("=")[1:]]
        scores += _worked_out(steps[1:], weights, assessment_year)
    return scores


@cache
def _tool_term() -> regex.Pattern:
    """A tool times its weight, either way round (`(IIT × 0.30)`, `0.3 EIT`, `30% x OIT`)."""
    names = "|".join(tools())
    return regex.compile(rf"\(?\s*(?:(?P<tool>{names}){_TIMES}(?P<weight>{_WEIGHT})"
                         rf"|(?P<weight2>{_WEIGHT})(?:{_TIMES})?\(?\s*(?P<tool2>{names})\s*\)?)\s*\)?")


# A tool's score times its weight, either way round (`(91.45 × 0.30)`, `0.3(91.45)`).
_PRODUCT = regex.compile(rf"\(?\s*(?:(?P<value>{_NUMBER}){_TIMES}(?P<weight>{_WEIGHT})"
                         rf"|(?P<weight2>{_WEIGHT})(?:{_TIMES}\(?|\s*\()\s*(?P<value2>{_NUMBER}))\s*\)?")


def _tool_step(text: str) -> list[tuple[str, float]] | None:
    """(tool, weight) of each term of the formula's first step, or None where it is no such step."""
    terms = _terms(text, _tool_term())
    if terms is None or len(terms) < 2:
        return None
    found = [(m.group("tool") or m.group("tool2"), _fraction(m.group("weight") or m.group("weight2")))
             for m in terms]
    return found if len({tool for tool, _ in found}) == len(found) else None


def _worked_out(steps: list[_Step], weights: list[tuple[str, float]], year: int | None) -> list[Score]:
    """The scores the steps after the tools' step give, in order: the tools' values, then their
    points, then the overall (the last step); reading stops at the first step that fits none."""
    found: list[Score] = []
    for k, step in enumerate(steps):
        place = f"{step.line.page}:{step.line.line}:formula{k}"
        read = _products(step, weights, year, place)
        if not read and any(s.level == "tool" for s in found):
            read = _points(step, weights, year, place)
        if read:
            found += read
            continue
        total = _TOTAL.fullmatch(step.text)
        if total and k == len(steps) - 1:
            found.append(Score(Subject("overall", 0, 0), float(total.group("value")), step.line, year,
                               printed=total.group("value"), place=place))
        break
    return found


def _products(step: _Step, weights: list[tuple[str, float]], year: int | None, place: str) -> list[Score]:
    """Each tool's score, where the step is its products with the tools' weights in their order."""
    products = _terms(step.text, _PRODUCT)
    if products is None or len(products) != len(weights) or any(
            abs(_fraction(m.group("weight") or m.group("weight2")) - weight) > 1e-9
            for m, (_, weight) in zip(products, weights, strict=True)):
        return []
    printed = [m.group("value") or m.group("value2") for m in products]
    return [Score(Subject("tool", 0, 0, tool=tool), float(value), step.line, year, printed=value, place=place)
            for (tool, _), value in zip(weights, printed, strict=True)]


def _points(step: _Step, weights: list[tuple[str, float]], year: int | None, place: str) -> list[Score]:
    """Each tool's points (its score times its weight), where the step adds up one number a tool."""
    terms = [term.strip() for term in _JOINED.split(step.text.strip())]
    if len(terms) != len(weights) or not all(regex.fullmatch(_NUMBER, term) for term in terms):
        return []
    return [Score(Subject(POINTS, 0, 0, tool=tool), float(term), step.line, year, printed=term, place=place)
            for (tool, _), term in zip(weights, terms, strict=True)]


def _terms(text: str, term: regex.Pattern) -> list[regex.Match] | None:
    """The terms of a sum (`a + b + c`), each matching `term` whole; None where one does not."""
    found = []
    for part in _JOINED.split(text.strip()):
        match = term.fullmatch(part.strip())
        if match is None:
            return None
        found.append(match)
    return found


def _fraction(weight: str) -> float:
    """A weight as a fraction of the whole (`0.30`, `.3` and `30%` alike)."""
    text = weight.replace(" ", "")
    return round(float(text[:-1]) / 100 if text.endswith("%") else float(text), 4)
