"""Labels a genre prints right before a number (`i12`, `e4`: an ITA item code), which the parsers
read without knowing the genre: the caller says which letters they are.

A line that opens with a labelled number opens a point of its own, like `1.` or a bullet does;
and where OCR has read a number, a label's letter glued before it is read again too (Tesseract
takes `e๑๒` for `6๑๒`). Without labels (the default) neither happens.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

_DIGIT = "[0-9๐-๙]"


@dataclass(frozen=True)
class NumberLabels:
    letters: str = ""  # lower case; their upper case is the same label
    lookalikes: tuple[tuple[str, str], ...] = ()  # (a glyph OCR sees where a label stands, the letter it is)
    opening_words: tuple[str, ...] = ()  # words that, opening a line, open a paragraph (a field's label)

    @property
    def all_letters(self) -> frozenset[str]:
        return frozenset(self.letters + self.letters.upper())

    @property
    def letter_class(self) -> str:
        return "[" + "".join(sorted(self.all_letters)) + "]" if self.letters else ""


NO_LABELS = NumberLabels()


@cache
def point_opens(labels: NumberLabels = NO_LABELS) -> regex.Pattern:
    """A line opening a numbered or bulleted point, a box, or a labelled number."""
    labelled = rf"|{labels.letter_class}\s?{_DIGIT}{{1,2}}\s" if labels.letters else ""
    return regex.compile(rf"^\s*(?:\(?{_DIGIT}{{1,2}}[.)](?!{_DIGIT})|[-•●▪☑☐☒■□✓✔]{labelled})")


@cache
def hidden_number(labels: NumberLabels = NO_LABELS) -> regex.Pattern:
    """Where OCR may have taken a digit for a letter: after a label's letter (`eb`, `i ow` for
    e๖, i๑๙), between brackets (`(ซ)` for (๗)) and in a word shaped like a decimal number,
    a space after its point or not (`Vo.we`, `we). ve` for ๙๖.๔๔, ๙๗.๙๔; not `พ.ศ.`, whose
    point ends it)."""
    letter = labels.letter_class
    labelled = rf"(?<![A-Za-z]){letter} ?[^\s\p{{Thai}}]{{1,3}}(?![A-Za-z])|" if labels.letters else ""
    return regex.compile(rf"{labelled}\( ?\S{{1,2}} ?\)|(?<!\S)[^\s.]{{1,4}}\. ?[^\s.]{{1,3}}(?!\S)")


@cache
def word_opens(labels: NumberLabels = NO_LABELS) -> regex.Pattern | None:
    """A line opening with one of the labels' opening words, followed by a space or a colon; the
    word may hold the spaces a damaged text layer puts inside words (`ระ ย ะ เวลา`), and its SARA
    AM may be printed as NIKHAHIT and SARA AA (as OCR reads it: `ดําเนินการ`)."""
    if not labels.opening_words:
        return None
    words = sorted(labels.opening_words, key=len, reverse=True)
    spaced = "|".join(r"\s?".join(map(_char, word)) for word in words)
    return regex.compile(rf"^\s*(?:{spaced})(?=\s*[:：]|\s)")


def _char(char: str) -> str:
    return "(?:\u0e33|\u0e4d\\s?\u0e32)" if char == "\u0e33" else regex.escape(char)
