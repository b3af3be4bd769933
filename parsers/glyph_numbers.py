"""Numbers on an OCR'd image read a second time, glyph by glyph, by shape.

Tesseract's Thai model splits a Thai number into one word per digit and misreads digits it
rarely saw (๖ as `๐๒` or `๒`, ๔ as ๕), and a wrong year or score is worse than none. So each
number Tesseract found is cut out of the image again: its glyphs are the connected parts of the
ink on its line, and each glyph is compared with templates of every Thai and Arabic digit, and
of the letters and signs a digit could be mistaken for, rendered from Thai fonts
(parsers/data/glyph_templates.npz, made by scripts/make_glyph_templates.py). A number whose
every glyph is a clear digit replaces what Tesseract read; otherwise Tesseract's reading stays.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import regex
from scipy import ndimage

from ita_extract.parsers.glyph_features import glyph_image, stacked_joined, unit_rows
from ita_extract.parsers.labels import NO_LABELS, NumberLabels, hidden_number

TEMPLATES = Path(__file__).with_name("data") / "glyph_templates.npz"
DIGITS = frozenset("๐๑๒๓๔๕๖๗๘๙0123456789")
# A glyph counts as a digit when its best template is one (cosine similarity at least
# _MIN_SIMILARITY) and no template of another character comes within _MIN_MARGIN of it.
_MIN_SIMILARITY = 0.80
_MIN_MARGIN = 0.02
_DOT_HEIGHT = 0.3  # a decimal point is at most this share of its digits' height
_GAP = 0.45  # digits of one number stand at most this share of a digit's height apart
_LETTER_GAP = 0.7  # a label's letter (parsers.labels) stands at most this share of a digit's height before it
# A line whose glyphs all stand below this share of the letters' height holds marks, not
# digits: a short line (3 glyphs at most) even at 0.7, as a mark is read as one digit. A
# longer line too when _MARKS_OF_LINE of its glyphs stand below the height of two marks
# stacked (ี้: 0.8 of a letter; the short Thai zero is 0.88) and none is a clear digit.
_MARK, _SHORT_MARK, _MARK_LINE = 0.5, 0.7, 3
_STACKED_MARKS, _MARKS_OF_LINE = 0.82, 0.8
_MIN_INK = 6  # pixels: smaller parts are specks
_PUNCTUATION = frozenset(".,:;()-/%")
_MIN_DIGIT_HEIGHT = 0.6  # digits beside each other differ less in height than this
_MAX_TOUCHING = 4  # digits a scan may have run together into one glyph
_MIN_DIGIT_WIDTH = 0.45  # a digit is at least this share of its height wide (Arabic 1 aside)
# An unclear glyph this share of the digits' height beside a run is a digit not read clearly.
_DIGIT_LIKE = (0.8, 1.2)


@dataclass(frozen=True)
class Word:
    """One word of Tesseract's TSV: its text and box (pixels of the image it read)."""
    text: str
    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width


@dataclass(frozen=True)
class Glyph:
    left: int
    top: int
    right: int
    bottom: int
    label: str = ""  # a digit, "." or "" (not a digit)

    @property
    def height(self) -> int:
        return self.bottom - self.top

    @property
    def width(self) -> int:
        return self.right - self.left


@cache
def _templates() -> tuple[np.ndarray, np.ndarray]:
    """The templates as unit vectors, grouped by character, and the characters."""
    stored = np.load(TEMPLATES)
    order = np.argsort(stored["labels"], kind="stable")
    return unit_rows(stored["images"][order]), stored["labels"][order]


def warm_up() -> None:
    """Load the templates now rather than at the first number read."""
    _groups()


@cache
def _groups(alike: tuple[tuple[str, str], ...] = ()) -> tuple[np.ndarray, np.ndarray]:
    """Where each character's templates begin (the templates are grouped by character), and
    the character of each group, with `alike` characters named as the one they are taken for."""
    labels = _templates()[1]
    starts = np.flatnonzero(np.concatenate(([True], labels[1:] != labels[:-1])))
    names = dict(alike)
    return starts, np.asarray([names.get(str(label), str(label)) for label in labels[starts]])


def classify(inks: list[np.ndarray], alike: dict[str, str] | None = None,
             margin: float = _MIN_MARGIN) -> list[str]:
    """For each glyph's ink (cut to its box), the character it clearly is (a digit, a letter,
    a sign), else "": its best template at least `margin` better than any other character's.
    `alike` names characters to take as another (j as i before a number): they are no rivals
    of it."""
    if not inks:
        return []
    vectors, _ = _templates()
    starts, names = _groups(tuple(sorted((alike or {}).items())))
    similarity = unit_rows(np.stack([glyph_image(ink) for ink in inks])) @ vectors.T
    found = []
    for per_character in np.maximum.reduceat(similarity, starts, axis=1):
        best = int(np.argmax(per_character))
        label = str(names[best])
        rival = float(per_character[names != label].max())
        clear = per_character[best] >= _MIN_SIMILARITY and per_character[best] - rival >= margin
        found.append(label if clear else "")
    return found


# Where digits are read, a Latin `o` is the Thai zero: their shapes differ by a hair
# (๐ 0.98, o 0.96 on a scan of ๙๔.๐๓), and no number holds a letter o.
_AS_DIGITS = {"o": "๐"}


def _digit(dark: np.ndarray, glyph: Glyph) -> str:
    label = classify([_ink(dark, glyph)], _AS_DIGITS)[0]
    return label if label in DIGITS else ""


def reread_line(line: str, words: list[Word], dark: np.ndarray, text_height: float = 0.0,
                labels: NumberLabels = NO_LABELS) -> str:
    """`line` (the text Tesseract gave for `words`, one line of the image whose ink is `dark`)
    with each number whose glyphs are all clear digits put as the glyphs read. A line of
    nothing but glyphs far smaller than the image's letters (`text_height`, see text_height())
    is vowel and tone marks Tesseract set on a line of their own and read as digits (the ั of
    ปลัด as ๕): it is dropped. A label's letter glued before a number (`labels`) is read again
    with it."""
    spans = _word_spans(line, words)
    if spans is None or not may_hold_numbers(words, labels):
        return line
    top = min(word.top for word in words)
    bottom = max(word.top + word.height for word in words)
    glyphs = _line_glyphs(dark, top, bottom)
    if glyphs and _marks_only(glyphs, text_height, dark):
        return ""
    replacements = []
    numeric = _numeric_words(words, line, spans, labels)
    for run in _digit_runs(glyphs, numeric, dark):
        span = _span_of(run, words, spans, line, numeric)
        reading = "".join(glyph.label for glyph in run)
        letter = _label_letter(glyphs, run, dark, labels)
        if letter:  # `6๑๒`, `| ๑๔`, `eb` read for e๑๒, i๑๔, e๖: the labelled number put back whole
            coded = _span_of([letter] + run, words, spans, line, numeric, letter=True)
            start = _letter_start(line, span[0]) if span else None
            if coded is not None:
                span, reading = coded, letter.label + reading
            elif start is not None and span is not None:
                span, reading = (start, span[1]), letter.label + reading
        if span is not None:
            replacements.append((span, reading))
    for (start, end), reading in sorted(replacements, reverse=True):
        line = line[:start] + reading + line[end:]
    return line


def _is_thai_letter(char: str) -> bool:
    return "\u0e01" <= char <= "\u0e2e"


def _marks_only(glyphs: list[Glyph], text_height: float, dark: np.ndarray) -> bool:
    """Whether the glyphs of a line are the marks of the line below, counted in glyphs, not in
    what Tesseract made of them: a short line's all (`vy   ๐` for the ้ and ํ of ข้อคำถาม), or
    of a longer line nearly all, none a clear digit, stacked marks (ี้) and a letter's ascender
    reaching up into it among them (`๑7 ซ์๑7” a A USA` over ตัวชี้วัดที่ ๑ การปฏิบัติ)."""
    if len(glyphs) <= _MARK_LINE:
        return all(glyph.height < _SHORT_MARK * text_height for glyph in glyphs)
    if all(glyph.height < _MARK * text_height for glyph in glyphs):
        return True
    small = [glyph for glyph in glyphs if glyph.height < _STACKED_MARKS * text_height]
    return len(small) >= _MARKS_OF_LINE * len(glyphs) and \
        not any(label in DIGITS for label in classify([_ink(dark, glyph) for glyph in glyphs]))


def text_height(dark: np.ndarray) -> float:
    """The usual height of the connected parts of the ink (a letter's body, as letters
    outnumber marks), 0 without any."""
    labels, _ = ndimage.label(dark)
    heights = [rows.stop - rows.start for rows, cols in ndimage.find_objects(labels)
               if (rows.stop - rows.start) * (cols.stop - cols.start) >= _MIN_INK]
    return float(np.median(heights)) if heights else 0.0


def may_hold_numbers(words: list[Word], labels: NumberLabels = NO_LABELS) -> bool:
    """Whether Tesseract read a digit in one of `words`, or a letter where a digit may stand."""
    return bool(_numeric_words(words, " ".join(word.text for word in words), None, labels))


def _numeric_words(words: list[Word], line: str, spans: list[tuple[int, int]] | None,
                   labels: NumberLabels) -> list[Word]:
    """The words holding a digit, and those where a digit may hide (parsers.labels.hidden_number)."""
    if spans is None:  # `line` is the words joined by single spaces
        spans, cursor = [], 0
        for word in words:
            spans.append((cursor, cursor + len(word.text)))
            cursor += len(word.text) + 1
    hidden = [match.span() for match in hidden_number(labels).finditer(line)]
    return [word for word, (start, end) in zip(words, spans, strict=True)
            if DIGITS & set(word.text) or any(start < b and a < end for a, b in hidden)]


def _label_letter(glyphs: list[Glyph], run: list[Glyph], dark: np.ndarray,
                  labels: NumberLabels) -> Glyph | None:
    """The letter of a label (parsers.labels) printed right before the number, when
    its glyph is clearly that letter (labelled in lower case)."""
    if not labels.letters:
        return None
    before = [glyph for glyph in glyphs if glyph.right <= run[0].left + 1]
    if not before:
        return None
    glyph = max(before, key=lambda g: g.right)
    if run[0].left - glyph.right > _LETTER_GAP * _digit_height(run):
        return None
    # Only a label's letter may stand here, so the best template is taken even when another
    # letter comes near it (Kinnari's `I` is as like an `n`): a letter of no label is refused.
    label = classify([_ink(dark, glyph)], dict(labels.lookalikes), margin=0.0)[0]
    return _labelled(glyph, label.lower()) if label in labels.all_letters else None


def _letter_start(line: str, start: int) -> int | None:
    """Where the character Tesseract read for the code letter before `start` begins (a space
    between may be skipped), unless it is a Thai letter or nothing."""
    k = start - 1
    if k >= 0 and line[k] == " ":
        k -= 1
    if k < 0 or line[k].isspace() or _is_thai_letter(line[k]):
        return None
    return k


def _word_spans(line: str, words: list[Word]) -> list[tuple[int, int]] | None:
    """Where each word stands in `line`, or None when the line is not the words in order."""
    spans, cursor = [], 0
    for word in words:
        start = line.find(word.text, cursor)
        if start < 0 or line[cursor:start].strip():
            return None
        spans.append((start, start + len(word.text)))
        cursor = start + len(word.text)
    return spans if not line[cursor:].strip() else None


def _line_glyphs(dark: np.ndarray, top: int, bottom: int) -> list[Glyph]:
    """The connected parts of the ink whose middle lies between `top` and `bottom`, parts
    standing over each other (a glyph broken by the scan) joined, left to right; rulings (far
    taller or wider than the line) left out."""
    margin = (bottom - top) // 2
    band_top = max(0, top - margin)
    band = dark[band_top:bottom + margin]
    labels, count = ndimage.label(band)
    parts = []
    for index, found in enumerate(ndimage.find_objects(labels), start=1):
        if found is None:
            continue
        rows, cols = found
        middle = band_top + (rows.start + rows.stop) / 2
        ruling = rows.stop - rows.start > 1.5 * (bottom - top) or cols.stop - cols.start > 3 * (bottom - top)
        if top <= middle <= bottom and not ruling and (labels[found] == index).sum() >= _MIN_INK:
            parts.append(Glyph(cols.start, band_top + rows.start, cols.stop, band_top + rows.stop))
    return [Glyph(*box) for box in stacked_joined([(g.left, g.top, g.right, g.bottom) for g in parts])]


def _digit_runs(glyphs: list[Glyph], numeric: list[Word], dark: np.ndarray) -> list[list[Glyph]]:
    """The runs of glyphs that are clear digits (with a decimal point between two of them),
    each touching one of the `numeric` words; not a run with an unclear glyph of a digit's
    height right beside it (it is part of a number: regression, `28.61` was put as `28.6`)."""
    near = [k for k, glyph in enumerate(glyphs)
            if any(glyph.left < word.right and word.left < glyph.right for word in numeric)]
    read = _extended(glyphs, {k: _read(dark, glyphs[k]) for k in near}, dark)
    runs: list[list[Glyph]] = []
    current: list[Glyph] = []
    for k in range(len(glyphs)):
        pieces = read.get(k, [])
        if not pieces:
            current = _closed(current, runs)
            continue
        for piece in pieces:
            if current and piece.left - current[-1].right > _GAP * _digit_height(current + [piece]):
                current = _closed(current, runs)
            current.append(piece)
    _closed(current, runs)
    unclear = [glyphs[k] for k in near if not read.get(k) and classify([_ink(dark, glyphs[k])]) == [""]]
    return [run for run in runs if not any(_beside(glyph, run) for glyph in unclear)]


def _beside(glyph: Glyph, run: list[Glyph]) -> bool:
    """Whether an unclear glyph of a digit's height stands right before or after the run: a
    digit of the number not read clearly (a serif `1`), so the run is not the whole number."""
    height = _digit_height(run)
    if not _DIGIT_LIKE[0] * height <= glyph.height <= _DIGIT_LIKE[1] * height:
        return False
    gap = _GAP * height
    return 0 <= glyph.left - run[-1].right <= gap or 0 <= run[0].left - glyph.right <= gap


def _read(dark: np.ndarray, glyph: Glyph) -> list[Glyph]:
    """The glyph as the digits it clearly is: one, or several touching ones (a glyph much
    wider than high is cut at its thinnest columns); [] when it is not clearly digits."""
    label = _digit(dark, glyph)
    if label:
        return [_labelled(glyph, label)]
    best: list[Glyph] = []
    for count in range(2, _MAX_TOUCHING + 1):
        if glyph.width < (count - 0.5) * _MIN_DIGIT_WIDTH * glyph.height:
            break
        pieces = _cut(dark, glyph, count)
        labels = [label if label in DIGITS else ""
                  for label in classify([_ink(dark, p) for p in pieces], _AS_DIGITS)]
        if pieces and all(labels):
            best = [_labelled(piece, label) for piece, label in zip(pieces, labels, strict=True)]
            break
    return best


def _cut(dark: np.ndarray, glyph: Glyph, count: int) -> list[Glyph]:
    """The glyph cut into `count` pieces at the columns of least ink near the even cuts, each
    piece trimmed to its ink."""
    columns = _ink(dark, glyph).sum(axis=0)
    step = glyph.width / count
    cuts = [0]
    for k in range(1, count):
        low, high = int(k * step - 0.25 * step), int(k * step + 0.25 * step)
        cuts.append(low + int(np.argmin(columns[low:high + 1])))
    cuts.append(glyph.width)
    pieces = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        ink = dark[glyph.top:glyph.bottom, glyph.left + a:glyph.left + b]
        rows = np.nonzero(ink.any(axis=1))[0]
        if len(rows) == 0:
            return []
        top, bottom = glyph.top + int(rows[0]), glyph.top + int(rows[-1]) + 1
        pieces.append(Glyph(glyph.left + a, top, glyph.left + b, bottom))
    return pieces


def _extended(glyphs: list[Glyph], read: dict[int, list[Glyph]], dark: np.ndarray) -> dict[int, list[Glyph]]:
    """`read` with the glyphs beside a digit read too, outwards while they are digits (a
    digit Tesseract took for a letter), and decimal points between two digits."""
    read = dict(read)
    frontier = [k for k, pieces in read.items() if pieces]
    while frontier:
        k = frontier.pop()
        for j in (k - 1, k + 1):
            if 0 <= j < len(glyphs) and j not in read:
                if _is_point(glyphs, j, read):
                    read[j] = [_labelled(glyphs[j], ".")]
                    continue
                small = glyphs[j].height < _MIN_DIGIT_HEIGHT * glyphs[k].height  # a dot, a comma
                read[j] = [] if small else _read(dark, glyphs[j])
                if read[j]:
                    frontier.append(j)
                elif (beyond := _beyond_point(glyphs, k, j, read, dark)) is not None:
                    read[j] = [_labelled(glyphs[j], ".")]
                    frontier.append(beyond)
    for k in range(1, len(glyphs) - 1):
        if not read.get(k) and _is_point(glyphs, k, read):
            read[k] = [_labelled(glyphs[k], ".")]
    return read


def _beyond_point(glyphs: list[Glyph], k: int, j: int, read: dict[int, list[Glyph]],
                  dark: np.ndarray) -> int | None:
    """The glyph past j, when j is a point between the digit k and a digit Tesseract did not
    take for one (`ฒัฒ.@๕๕`: the digits before the point were read as letters), read."""
    beyond = 2 * j - k
    if not 0 <= beyond < len(glyphs) or beyond in read:
        return None
    digits = _read(dark, glyphs[beyond])
    if not digits or not _is_point(glyphs, j, {**read, beyond: digits}):
        return None
    read[beyond] = digits
    return beyond


def _is_point(glyphs: list[Glyph], k: int, read: dict[int, list[Glyph]]) -> bool:
    """Whether glyph k is a small mark on the baseline between two digits."""
    if not (0 < k < len(glyphs) - 1):
        return False
    left, point, right = glyphs[k - 1], glyphs[k], glyphs[k + 1]
    before, after = read.get(k - 1), read.get(k + 1)
    if not before or not after or before[-1].label not in DIGITS or after[0].label not in DIGITS:
        return False
    height = max(left.height, right.height)  # ๐ is shorter than the other Thai digits
    return (point.height <= _DOT_HEIGHT * height and point.width <= _DOT_HEIGHT * height
            and point.bottom >= min(left.bottom, right.bottom) - point.height)


def _closed(current: list[Glyph], runs: list[list[Glyph]]) -> list[Glyph]:
    while current and current[-1].label == ".":
        current.pop()
    while current and current[0].label == ".":
        current.pop(0)
    if current:
        runs.append(current)
    return []


def _digit_height(run: list[Glyph]) -> float:
    return float(np.median([glyph.height for glyph in run if glyph.label != "."]))


def _labelled(glyph: Glyph, label: str) -> Glyph:
    return Glyph(glyph.left, glyph.top, glyph.right, glyph.bottom, label)


def _ink(dark: np.ndarray, glyph: Glyph) -> np.ndarray:
    return dark[glyph.top:glyph.bottom, glyph.left:glyph.right]


def _span_of(run: list[Glyph], words: list[Word], spans: list[tuple[int, int]],
             line: str, numeric: list[Word], letter: bool = False) -> tuple[int, int] | None:
    """The stretch of `line` Tesseract read for the glyphs of `run`: the words lying within
    the run, and the digits at the run's side of a word reaching past it (`i๑`); None when no
    word the run covers is one of the `numeric` ones or the stretch would take letters. With `letter`,
    the run begins with a label's letter: the stretch must begin with the words read for
    it, and they need hold no digit (`eb` for e๖)."""
    left, right = run[0].left, run[-1].right
    slack = 0.3 * _digit_height(run[1:] if letter else run)
    covered = [(word, span) for word, span in zip(words, spans, strict=True)
               if min(word.right, right) - max(word.left, left) >= 0.5 * min(word.width, right - left)]
    if not covered or not (letter or any(word in numeric for word, _ in covered)):
        return None
    first, last = covered[0][0], covered[-1][0]
    if letter and (first.left < left - slack or _is_thai_letter(line[covered[0][1][0]])):
        return None
    start: int | None = covered[0][1][0]
    end: int | None = covered[-1][1][1]
    before, after = first.left < left - slack, last.right > right + slack
    if before and after and len(covered) == 1:  # `(๕)`: one word holding the number inside
        start, end = _digits_inside(line, covered[0][1]) or (None, None)
    else:
        if before:  # the first word begins before the number: keep its letters
            start = _digits_from_end(line, covered[0][1])
        if after:  # the last word goes on after it
            end = _digits_from_start(line, covered[-1][1])
    if start is None or end is None:
        return None
    while end > start and line[end - 1] in _PUNCTUATION:  # `๑.` of a list, `๒๕๖๖)`
        end -= 1
    while not letter and start < end and line[start] in _PUNCTUATION:  # `(๑`: the bracket is no digit
        start += 1
    if start >= end or _points(line[start:end]) != sum(glyph.label == "." for glyph in run):
        return None  # a decimal point one reading has and the other has not: keep Tesseract's
    return start, end


def _points(text: str) -> int:
    """Points standing inside `text` (not at its ends), between digits or not: Tesseract may
    read the digits around a point as letters and signs (`ฒัฒ.@๕๕`, `we). ve` for ๙๙.๔๔, ๙๗.๙๔)."""
    return text[1:-1].count(".")


def _digits_inside(line: str, span: tuple[int, int]) -> tuple[int, int] | None:
    """The one stretch of digits within the span, if it holds exactly one; what stands between
    its brackets, if it is a bracketed sign or two."""
    text = line[span[0]:span[1]]
    found = list(regex.finditer(r"[0-9๐-๙](?:[0-9๐-๙.]*[0-9๐-๙])?", text))
    if not found and regex.fullmatch(r"\(\S{1,2}\)", text):  # `(ซ)` read for (๗)
        return span[0] + 1, span[1] - 1
    if len(found) != 1:
        return None
    return span[0] + found[0].start(), span[0] + found[0].end()


def _digits_from_end(line: str, span: tuple[int, int]) -> int | None:
    k = span[1]
    while k > span[0] and (line[k - 1] in DIGITS or line[k - 1] == "."):
        k -= 1
    return k if k < span[1] else None


def _digits_from_start(line: str, span: tuple[int, int]) -> int | None:
    k = span[0]
    while k < span[1] and (line[k] in DIGITS or line[k] == "."):
        k += 1
    return k if k > span[0] else None
