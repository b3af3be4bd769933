"""Repair of damaged Thai text and the measures of damage the contract defines.

Text layers and conversion tools damage Thai in a few recurring ways: SARA AM
lost or split (`ส านัก`, `ตำาบล`, `ํา`), a tone mark typed before its vowel
(`ท่ี`), doubled tone marks, marks orphaned after a space, and spaces put
inside words (`ร า ช ก า ร`). Every decision that needs language knowledge is
taken with pythainlp's bundled dictionary.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

from ita_extract.normalizers.dictionary import is_thai_token, is_word, segmentation_cost, tokenize
from ita_extract.normalizers.thai_pua import map_thai_pua

TONE = "\u0e48-\u0e4b"
ABOVE_BELOW_VOWEL = "\u0e31\u0e34-\u0e3a\u0e47"
# Every mark above or below a letter: vowels, tones and signs. They take no width of their own,
# and OCR loses them first (ห้วยแร้ง read as หวยแรง).
ABOVE_BELOW = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
CONSONANT = "\u0e01-\u0e2e"
COMBINING = "\u0e31\u0e33-\u0e3a\u0e47-\u0e4e"
SARA_AA, SARA_AM, NIKHAHIT = "\u0e32", "\u0e33", "\u0e4d"
# Letters that may form a word chunk; MAI YAMOK (ๆ), PAIYANNOI (ฯ) and digits stand apart.
THAI_LETTER = "\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e"
# Characters no Thai word can start with: a chunk that starts with one belongs to the chunk before.
NON_INITIAL = "\u0e30-\u0e3a\u0e45\u0e47-\u0e4e"

# The contract's definition of a damaged cluster, one alternative per kind of damage.
DAMAGED_CLUSTER = regex.compile(
    rf"[{TONE}][{ABOVE_BELOW_VOWEL}]"
    rf"|{SARA_AM}{SARA_AA}"
    rf"|(?:^|\s)[{COMBINING}]"
    rf"|[{CONSONANT}] {SARA_AA}[{CONSONANT}]"
    rf"|{NIKHAHIT}{SARA_AA}"
    rf"|[{TONE}]{{2}}"
    r"|[\uf700-\uf71a]"
)

_SPLIT_SARA_AM = regex.compile(rf"{NIKHAHIT}([{TONE}]?){SARA_AA}")
_DOUBLED_SARA_AA = regex.compile(rf"{SARA_AM}{SARA_AA}+")
_TONE_BEFORE_VOWEL = regex.compile(rf"([{TONE}]+)([{ABOVE_BELOW_VOWEL}]+)")
_TONE_RUN = regex.compile(rf"([{TONE}])[{TONE}]+")
_THAI_RUN = regex.compile(rf"(?<![{THAI_LETTER}])[{THAI_LETTER}]+(?: [{THAI_LETTER}]+)+")
_ORPHAN_MARK = regex.compile(rf"(?<=[{THAI_LETTER}])[ \t]+(?=[{COMBINING}])")
_LINE_START_MARK = regex.compile(rf"(?m)(^|(?<=\s))[{COMBINING}]+")
# A space a text layer puts between a number's digits and its decimal point (`๙๔ .๑๒`: pdfium
# makes one of a Word PDF's kerning gap), which would leave 94 of 94.12.
_SPACED_DECIMAL_POINT = regex.compile(r"(?<=[0-9๐-๙]) +(?=\.[0-9๐-๙])")
_ENDS_IN_CONSONANT = regex.compile(rf"[{CONSONANT}][{TONE}]?$")
_NON_INITIAL_START = regex.compile(rf"[{NON_INITIAL}]")

# How far around a gap the dictionary looks when deciding it.
_WINDOW_CHUNKS = 2
# A piece this short beside a space is a syllable cut from its word, not a word of a group.
_SHORT_SYLLABLE = 3


_MARK = regex.compile(f"[{ABOVE_BELOW}]")
# A mark in a pattern, with the quantifier that makes it optional (`ที่?`).
_MARK_IN_PATTERN = regex.compile(rf"[{ABOVE_BELOW}](?:[?*+]|\{{\d*,?\d*\}})?")


# What takes no position on screen: a mark set above or below its letter, a zero-width character.
_NO_POSITION = regex.compile(f"[{ABOVE_BELOW}\u200b-\u200d\ufeff]")


def display_width(text: str) -> int:
    """How many positions `text` takes on screen: Thai marks above and below their letter take none
    (a layout dump that aligns what the eye sees pads by this width)."""
    return len(text) - len(_NO_POSITION.findall(text))


def strip_marks(text: str) -> str:
    """`text` with the marks above and below the line left out (OCR loses them first:
    ห้วยแร้ง read as หวยแรง)."""
    return _MARK.sub("", text)


def without_marks(text: str) -> str:
    """`text` with the marks above and below the line left out and SARA AM as the SARA AA it
    leaves when its NIKHAHIT is lost: what OCR keeps of a word (ข้อคำถาม read as ขอคาถาม)."""
    return strip_marks(text.replace(SARA_AM, SARA_AA))


def without_marks_mapped(text: str) -> tuple[str, list[int]]:
    """without_marks(text), and for each of its characters the index in `text` it came from (a
    match in the text without marks, put back in place)."""
    kept = [(k, SARA_AA if c == SARA_AM else c) for k, c in enumerate(text) if not _MARK.fullmatch(c)]
    return "".join(c for _, c in kept), [k for k, _ in kept]


def pattern_without_marks(pattern: str) -> str:
    """A regular expression's source made to match what without_marks() keeps of the text it
    matches (its marks, and the quantifiers on them, left out)."""
    return _MARK_IN_PATTERN.sub("", pattern.replace(SARA_AM, SARA_AA))


def count_damaged(text: str) -> int:
    """Damaged Thai clusters in `text`, as the contract defines them."""
    return len(DAMAGED_CLUSTER.findall(text))


@lru_cache(maxsize=16_384)
def repair_thai(text: str) -> str:
    """Repair the known kinds of damage; text without damage comes back unchanged (NFC).

    Cached: a document's running heads, repeated headers and table labels come back many times."""
    text = unicodedata.normalize("NFC", map_thai_pua(text))
    text = _SPLIT_SARA_AM.sub(lambda m: m.group(1) + SARA_AM, text)
    text = _DOUBLED_SARA_AA.sub(SARA_AM, text)
    text = _TONE_BEFORE_VOWEL.sub(lambda m: m.group(2) + m.group(1), text)
    text = _TONE_RUN.sub(r"\1", text)
    text = _THAI_RUN.sub(lambda m: _rejoin_run_text(m.group()), text)
    text = _ORPHAN_MARK.sub("", text)
    text = _LINE_START_MARK.sub(r"\1", text)
    text = _SPACED_DECIMAL_POINT.sub("", text)
    # Joining pieces can bring marks together again (`หู่ ่าง`): settle their order once more.
    return _TONE_RUN.sub(r"\1", _TONE_BEFORE_VOWEL.sub(lambda m: m.group(2) + m.group(1), text))


@lru_cache(maxsize=65_536)
def _rejoin_run_text(run: str) -> str:
    """`_rejoin_run` of a run, cached: a page is repaired whole to judge its text layer, then
    again line by line, and two thirds of the runs of Thai chunks come back (measured on the
    born-digital dev and real PDFs); each costs dictionary segmentations."""
    return _rejoin_run(run.split(" "))


def _rejoin_run(chunks: list[str]) -> str:
    """Decide every space of a run of Thai chunks: lost SARA AM, inside a word, or real."""
    pieces = [chunks[0]]
    for i, chunk in enumerate(chunks[1:]):
        join = _decide_gap(chunks, i)
        if join is None:
            pieces.append(" " + chunk)
        elif join == SARA_AM:
            pieces.append(SARA_AM + chunk[1:])
        else:
            pieces.append(chunk)
    # Gaps the first pass left open are real only where the dictionary sees no word across them.
    return _drop_spaces_inside_words("".join(pieces))


def _decide_gap(chunks: list[str], i: int) -> str | None:
    """'' to join, SARA_AM to join restoring a lost nikhahit, None to leave for the word pass."""
    left, right = chunks[i], chunks[i + 1]
    if right.startswith(SARA_AA) and _ENDS_IN_CONSONANT.search(left):
        lo, hi = max(0, i - _WINDOW_CHUNKS + 1), min(len(chunks), i + _WINDOW_CHUNKS + 1)
        before = "".join(chunks[lo : i + 1])
        after = "".join(chunks[i + 2 : hi])
        with_am = before + SARA_AM + right[1:] + after
        with_aa = before + right + after
        # A tie goes to SARA AM: a lost nikhahit is far more common than a stray space.
        return SARA_AM if segmentation_cost(with_am) <= segmentation_cost(with_aa) else ""
    if _NON_INITIAL_START.match(right):
        return ""
    return None


def _drop_spaces_inside_words(run: str) -> str:
    """Remove each space of `run` that falls inside a dictionary word of the joined text.

    Two whole words on either side of a space (`ซื่อสัตย์ สุจริต`) are a real word
    group even when the dictionary also knows their compound; a space is dropped
    only when a piece it cuts off is a fragment or a short syllable.
    """
    if " " not in run:
        return run
    parts = run.split(" ")
    gaps, offset = [], 0
    for part in parts[:-1]:
        offset += len(part)
        gaps.append(offset)
    joined = "".join(parts)
    spans = _word_spans(joined)
    out = [parts[0]]
    for k, part in enumerate(parts[1:]):
        out.append(part if _inside_word(gaps, k, spans, joined) else " " + part)
    return "".join(out)


def _word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every dictionary word longer than one character in `text`'s tokens."""
    spans, start = [], 0
    for token in tokenize(text):
        end = start + len(token)
        if len(token) > 1 and is_word(token):
            spans.append((start, end))
        start = end
    return spans


def _inside_word(gaps: list[int], k: int, spans: list[tuple[int, int]], text: str) -> bool:
    gap = gaps[k]
    span = next(((a, b) for a, b in spans if a < gap < b), None)
    if span is None:
        return False
    left_start = max([span[0], *(g for g in gaps if g < gap)])
    right_end = min([span[1], *(g for g in gaps if g > gap)])
    left, right = text[left_start:gap], text[gap:right_end]
    if not (is_word(left) and is_word(right)):
        return True
    return min(len(left), len(right)) <= _SHORT_SYLLABLE


_THAI_LETTER_RUN = regex.compile(rf"[{THAI_LETTER}]+")


def thai_word_ratio(text: str) -> float | None:
    """Share of Thai tokens of `text` that are dictionary words; None without Thai tokens."""
    tokens = words = 0
    for run in _THAI_LETTER_RUN.findall(text):
        run_tokens, run_words = _run_word_counts(run)
        tokens += run_tokens
        words += run_words
    if not tokens:
        return None
    return words / tokens


@lru_cache(maxsize=65_536)
def _run_word_counts(run: str) -> tuple[int, int]:
    """(Thai tokens, dictionary words among them) of a run of Thai letters, cached: a page's
    ratio is taken twice (its text layer, then its text) and its words come back."""
    thai_tokens = [t for t in tokenize(run) if is_thai_token(t)]
    return len(thai_tokens), sum(1 for t in thai_tokens if is_word(t))
