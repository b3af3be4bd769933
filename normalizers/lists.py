"""Numbered points, bullets and lists of units inside one printed cell or paragraph.

Cells print their steps as `๑. … ๒. …`, `1) … 2) …`, `(1) … (2) …` or `-…`
bullets, on separate lines or run together on one. A number only opens a new
point when it continues the count (1, 2, 3 …), so `97.44`, `พ.ศ. 2566` or
`ทุก 6 เดือน` never split a point.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import regex

from ita_extract.normalizers.dates import MONTH_PATTERN
from ita_extract.normalizers.digits import thai_digits_to_arabic

# A point number: `1.` `1)` `(1)` at the start or after a space, not a decimal.
_NUMBER_MARKER = regex.compile(r"(?:(?<=^)|(?<=\s))(?:\((\d{1,2})\)|(\d{1,2})\s*[.)])(?!\d)\s*")
# A bullet: at the start of a line (`- text`) or glued to its text after a space (` -text`).
_BULLET = regex.compile(r"(?:^[-•●▪*]\s*|(?<=\s)[•●▪]\s*|(?<=\s)-(?=[^\s\d-])"
                        r"|(?<=\p{Thai}\s)-\s(?=\p{Thai}))")
# A dash between two months is a range, not a bullet (`มกราคม - มีนาคม`).
_MONTH_BEFORE = regex.compile(rf"(?:{MONTH_PATTERN.pattern})\s*$")
_THAI_GAP = regex.compile(r"(?<=\p{Thai})\s+(?=\p{Thai})")


def split_points(lines: Sequence[str] | str) -> list[str]:
    """One element per numbered point or bullet, markers removed.

    Text before the first marker stays as its own element; a line without a
    marker continues the point before it.
    """
    if isinstance(lines, str):
        lines = [lines]
    points: list[str] = []
    expected = None  # the next point number, once a numbered list has started
    for line in lines:
        line = thai_digits_to_arabic(line).strip()
        if not line:
            continue
        pieces, expected = _split_line(line, expected)
        if pieces and not pieces[0][0] and points:
            points[-1] = f"{points[-1]} {pieces[0][1]}".strip()
            pieces = pieces[1:]
        points.extend(text for _, text in pieces if text)
    return points


def _split_line(line: str, expected: int | None) -> tuple[list[tuple[bool, str]], int | None]:
    """(opens a point, text) pieces of one line, and the next expected number."""
    cuts: list[tuple[int, int]] = []  # (marker start, text start)
    for m in _NUMBER_MARKER.finditer(line):
        number = int(m.group(1) or m.group(2))
        if (m.start() == 0 and expected is None) or number == expected or (m.start() == 0 and number == 1):
            cuts.append((m.start(), m.end()))
            expected = number + 1
    for m in _BULLET.finditer(line):
        if _MONTH_BEFORE.search(line[:m.start()]):
            continue
        if not any(start <= m.start() < end for start, end in cuts):
            cuts.append((m.start(), m.end()))
    cuts.sort()
    pieces: list[tuple[bool, str]] = []
    if not cuts or cuts[0][0] > 0:
        pieces.append((False, line[: cuts[0][0] if cuts else len(line)].strip()))
    for k, (_, text_start) in enumerate(cuts):
        end = cuts[k + 1][0] if k + 1 < len(cuts) else len(line)
        pieces.append((True, line[text_start:end].strip()))
    return pieces, expected


def squeeze_thai(text: str) -> str:
    """`text` without the spaces between Thai letters: for matching, never for output."""
    return _THAI_GAP.sub("", text)


def split_units(text: str, heads: Iterable[str], fillers: Iterable[str],
                wholes: Iterable[str] = ()) -> list[str]:
    """Responsible units or roles printed in one cell, one element each.

    A word opens a new unit when it starts with one of `heads` (กอง, สำนัก,
    ทุก…); other words continue the unit before them. `fillers` (โดย,
    เป็นผู้รับผิดชอบ…) are dropped. `wholes` are complete units (ทุกส่วนราชการ) that stay
    units of their own even when glued to their neighbours without a space, as a PDF prints
    two one-line paragraphs of a cell (`ทุกส่วนราชการเจ้าหน้าที่ประชาสัมพันธ์`).
    """
    heads = tuple(sorted(heads, key=len, reverse=True))
    text = _unglue(text, tuple(wholes), heads)
    # Fillers may carry the stray spaces of a damaged text layer (`เป็น ผู้รับผิดชอบ`).
    filler = regex.compile("|".join(r"\s?".join(map(regex.escape, f))
                                    for f in sorted(fillers, key=len, reverse=True)))
    units: list[str] = []
    for part in regex.split(r"[\n,;/]|\s+และ\s*", text):
        part = filler.sub(" ", part)
        current: list[str] = []
        for word in part.split():
            if current and word.startswith(heads):
                units.append(_join_words(current))
                current = []
            current.append(word)
        if current:
            units.append(_join_words(current))
    return [unit for unit in dict.fromkeys(units) if unit]


def _unglue(text: str, wholes: tuple[str, ...], heads: tuple[str, ...]) -> str:
    if not wholes or not heads:
        return text
    whole = "|".join(map(regex.escape, sorted(wholes, key=len, reverse=True)))
    head = "|".join(map(regex.escape, heads))
    text = regex.sub(rf"(?<=[\u0e01-\u0e4e])(?=(?:{whole}))", " ", text)
    return regex.sub(rf"(?<=(?:{whole}))(?=(?:{head}))", " ", text)


def _join_words(words: list[str]) -> str:
    return squeeze_thai(" ".join(words)).strip(" -–:")
