"""pythainlp's newmm word segmentation, the same tokens from a port in C when it is built.

Segmentation is the dictionary's costliest service: a third of a born-digital page's time went
to pythainlp's pure-Python newmm (trie walks and regex calls made per character). The extension
`_newmm` (normalizers/_newmm.c, built by `pip install`) runs the same algorithm; the TCC rules it
runs are compiled here from pythainlp's own patterns, so the two cannot drift apart silently, and
tests/normalizers/test_newmm.py compares their tokens. Without a C compiler the extension is
skipped and pythainlp's engine is used: slower, same tokens.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

try:
    from ita_extract.normalizers import _newmm
except ImportError:  # built without a C compiler
    _newmm = None  # type: ignore[assignment]

# tokenize._utils.rejoin_formatted_num changes nothing in a text without this pattern
_FORMATTED_NUMBER = re.compile(r"(\d+[\.\,:])+\d+")

Spec = tuple


def extension_built() -> bool:
    return _newmm is not None


class PatternNotSupported(ValueError):
    """A TCC pattern uses regex syntax the C matcher does not implement."""


def compile_tcc(patterns: Iterable[str]) -> tuple[Spec, ...]:
    """pythainlp's TCC alternatives as the C matcher's program: nested tuples of
    ("class", optional, ((lo, hi), ...)), ("group", optional, seq), ("look", optional, alts),
    ("end", optional). Only the syntax tcc_p uses is read: literals, classes with ranges, `?`,
    groups, lookaheads and `$`; anything else raises PatternNotSupported."""
    return tuple(_Parser(pattern).sequence_to_end() for pattern in patterns)


class _Parser:
    def __init__(self, pattern: str) -> None:
        self.text, self.pos = pattern, 0

    def sequence_to_end(self) -> Spec:
        items = self._sequence()
        if self.pos != len(self.text):
            raise PatternNotSupported(f"{self.text!r} at {self.pos}")
        return items

    def _alternatives(self) -> tuple[Spec, ...]:
        alternatives = [self._sequence()]
        while self._peek() == "|":
            self.pos += 1
            alternatives.append(self._sequence())
        return tuple(alternatives)

    def _sequence(self) -> Spec:
        items = []
        while self.pos < len(self.text) and self._peek() not in "|)":
            atom = self._atom()
            optional = self._peek() == "?"
            self.pos += optional
            if self._peek() in ("*", "+", "{", "?"):
                raise PatternNotSupported(f"{self.text!r}: quantifier at {self.pos}")
            items.append((atom[0], optional, *atom[1:]))
        return tuple(items)

    def _atom(self) -> tuple:
        char = self._take()
        if char == "[":
            return ("class", self._class())
        if char == "$":
            return ("end",)
        if char == "(":
            lookahead = self.text.startswith("?=", self.pos)
            if self._peek() == "?" and not lookahead:
                raise PatternNotSupported(f"{self.text!r}: group kind at {self.pos}")
            self.pos += 2 * lookahead
            alternatives = self._alternatives()
            if self._take() != ")":
                raise PatternNotSupported(f"{self.text!r}: unclosed group")
            if lookahead:
                return ("look", alternatives)
            if len(alternatives) != 1:
                raise PatternNotSupported(f"{self.text!r}: alternatives in a group")
            return ("group", alternatives[0])
        if char in "\\.^*+?{}|)]":
            raise PatternNotSupported(f"{self.text!r}: {char!r} at {self.pos - 1}")
        return ("class", ((ord(char), ord(char)),))

    def _class(self) -> tuple[tuple[int, int], ...]:
        if self._peek() in ("^", "]", "\\"):
            raise PatternNotSupported(f"{self.text!r}: class at {self.pos}")
        ranges = []
        while (char := self._take()) != "]":
            if char == "\\" or char == "[":
                raise PatternNotSupported(f"{self.text!r}: {char!r} in a class")
            if self._peek() == "-" and self.text[self.pos + 1: self.pos + 2] not in ("]", ""):
                self.pos += 1
                ranges.append((ord(char), ord(self._take())))
            else:
                ranges.append((ord(char), ord(char)))
        return tuple(ranges)

    def _peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def _take(self) -> str:
        if self.pos >= len(self.text):
            raise PatternNotSupported(f"{self.text!r}: ends early")
        self.pos += 1
        return self.text[self.pos - 1]


class Segmenter:
    """newmm over one dictionary: `tokens(text)` equals pythainlp's
    `word_tokenize(text, custom_dict=Trie(words), engine="newmm", keep_whitespace=False)`."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = [word.strip() for word in words]  # as pythainlp's Trie.add strips them
        self._native = None
        self._trie = None
        if _newmm is not None:
            from pythainlp.tokenize.tcc_p import _RE_TCC

            try:
                program = _newmm.make_program(compile_tcc(_RE_TCC))
            except PatternNotSupported:  # a pythainlp release with new TCC syntax: its own engine
                program = None
            if program is not None:
                self._native = (_newmm.make_trie(self.words), program)

    @property
    def native(self) -> bool:
        return self._native is not None

    def segment(self, text: str) -> list[str]:
        """newmm.segment(text, trie): tokens with their whitespace, before post-processing."""
        if not text:
            return []
        if self._native is not None:
            return _newmm.segment(*self._native, text)
        from pythainlp.tokenize.newmm import segment

        return segment(text, self._python_trie())

    def tokens(self, text: str) -> list[str]:
        if not text or not isinstance(text, str):
            return []
        segments = self.segment(text)
        if _FORMATTED_NUMBER.search(text):
            from pythainlp.tokenize._utils import rejoin_formatted_num

            segments = rejoin_formatted_num(segments)
        return [token.strip(" ") for token in segments if token.strip(" ")]

    def tcc_ends(self, text: str) -> bytes:
        """TCC boundary flags of `text` from the C matcher (tcc_p.tcc_pos_array's bytes)."""
        if self._native is None:
            raise RuntimeError("the _newmm extension is not built")
        return _newmm.tcc_ends(self._native[1], text) if text else b"\x00"

    def _python_trie(self):
        if self._trie is None:
            from pythainlp.util import Trie

            self._trie = Trie(self.words)
        return self._trie

