"""Visual lines of a paragraph put back into one line, for the text layer and for OCR alike:
where a paragraph ends, and how its lines join."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from ita_extract.parsers.labels import NO_LABELS, NumberLabels, point_opens, word_opens

_THAI_END = regex.compile(r"[\u0e01-\u0e4f]$")
# A number the text layer cut at its decimal point (`๕๔` / `.๘๕`): joined again without a space.
_DIGIT_END = regex.compile(r"[0-9๐-๙]$")
_POINT_DIGIT_START = regex.compile(r"^[.,][0-9๐-๙]")
_DIGIT_POINT_END = regex.compile(r"[0-9๐-๙][.,]$")
_DIGIT_START = regex.compile(r"^[0-9๐-๙]+(?![.)0-9๐-๙])")  # not a list marker (`4.`, `4)`)
_THAI_START = regex.compile(r"^[\u0e01-\u0e4f]")
PARAGRAPH_GAP = 1.25  # a line further below than this many usual line pitches opens a paragraph
SHORT_LINE = 0.75  # a line ending before this share of the text width ends its paragraph
FULL_LINE = 0.9  # a line ending past this share of the text width fills it: the next line goes on


@dataclass
class VisualLine:
    """One printed line of prose and its box (points of a page or pixels of an image)."""
    text: str
    top: float
    bottom: float
    x0: float
    x1: float

    @property
    def stands_at(self) -> float:
        """Where the line stands, to measure how far it is from the next: its top."""
        return self.top


class OcrLine(VisualLine):
    """A line as Tesseract boxes it: the box grows by the marks stacked above its letters and by
    those below, so its top alone would not say how far it is from the next line (measured on
    dev 000 as a scan: a line 1.5 pitches below the top of the one above, 1.1 below its middle)."""

    @property
    def stands_at(self) -> float:
        return (self.top + self.bottom) / 2


def line_pitch(lines: Sequence[VisualLine], left: float = 0.0, right: float = 0.0) -> float:
    """The usual distance from one line to the next within a paragraph: the median of all steps,
    or where two steps or more follow a line that fills the text's width (`left` to `right`: it
    wraps into the next) and their median is shorter by a paragraph gap, that median (a spacing
    below each paragraph makes the median of all steps the step between paragraphs where most
    are one line long, and no gap would open a paragraph)."""
    steps = [(b.stands_at - a.stands_at, a) for a, b in zip(lines, lines[1:], strict=False)
             if 0 < b.stands_at - a.stands_at < 3 * max(a.bottom - a.top, 1.0)]
    every = sorted(step for step, _ in steps)
    usual = every[len(every) // 2] if every else 0.0
    if right <= left:
        return usual
    wraps = sorted(step for step, line in steps if line.x1 >= left + FULL_LINE * (right - left))
    # The lower median: a full line that happens to end its paragraph steps further, never less.
    wrap = wraps[(len(wraps) - 1) // 2] if len(wraps) >= 2 else usual
    return wrap if wrap * PARAGRAPH_GAP <= usual else usual


def opens_paragraph(previous: VisualLine, line: VisualLine, left: float, right: float, pitch: float,
                    labels: NumberLabels = NO_LABELS) -> bool:
    """Whether `line` begins a paragraph after `previous`: it lies further below than the usual
    pitch, opens a point (a number, a bullet, a labelled number), opens with an opening word (a
    field's label) as `previous` does, or `previous` stops short of the text's right edge."""
    if pitch and line.stands_at - previous.stands_at > PARAGRAPH_GAP * pitch:
        return True
    if not pitch and line.top - previous.bottom > max(previous.bottom - previous.top, 1.0):
        return True
    if point_opens(labels).match(line.text):
        return True
    opening = word_opens(labels)
    if opening is not None and opening.match(line.text) and opening.match(previous.text):
        return True  # a record's next field (the words alone open no paragraph: งบประมาณ wraps too)
    return previous.x1 < left + SHORT_LINE * (right - left)


def cuts_number(before: str, line: str) -> bool:
    """Whether `line` goes on with the number `before` ends with (`๕๔` / `.๘๕`)."""
    return bool((_DIGIT_END.search(before) and _POINT_DIGIT_START.match(line))
                or (_DIGIT_POINT_END.search(before) and _DIGIT_START.match(line)))


def join_lines(lines: list[str]) -> str:
    """Visual lines of one paragraph as one line: no space where a Thai word wraps, the space
    the text layer printed where a line ended on one."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        cut_number = cuts_number(out.rstrip(), line)
        if out and not cut_number and (out[-1].isspace() or
                                       not (_THAI_END.search(out) and _THAI_START.search(line))):
            out = out.rstrip() + " "
        elif cut_number:
            out = out.rstrip()
        out += line + (" " if raw[-1:].isspace() else "")
    return out.rstrip()
