"""pythainlp's bundled Thai dictionary and tokenizer, loaded once, offline."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

# pythainlp must never reach the network: only its bundled corpus files are used.
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

import regex  # noqa: E402

from ita_extract.normalizers.newmm import Segmenter  # noqa: E402

_EXTRA_WORDS = Path(__file__).with_name("data") / "extra_words.txt"
THAI_LETTERS = regex.compile(r"^[\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e4e]+$")


@lru_cache(maxsize=1)
def thai_words() -> frozenset[str]:
    from pythainlp.corpus import thai_words as bundled_words

    lines = _EXTRA_WORDS.read_text(encoding="utf-8").splitlines()
    extra = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    return frozenset(bundled_words()) | extra


@lru_cache(maxsize=1)
def segmenter() -> Segmenter:
    """newmm over the bundled dictionary (in C when built; see normalizers/newmm.py)."""
    return Segmenter(sorted(thai_words()))


@lru_cache(maxsize=65536)
def tokenize(text: str) -> tuple[str, ...]:
    """newmm tokens of `text` against the bundled dictionary, as pythainlp's
    `word_tokenize(text, custom_dict=..., engine="newmm", keep_whitespace=False)` gives them."""
    return tuple(segmenter().tokens(text))


def is_word(token: str) -> bool:
    return token in thai_words()


def is_thai_token(token: str) -> bool:
    return bool(THAI_LETTERS.match(token))


def segmentation_cost(text: str) -> tuple[int, int]:
    """(characters outside dictionary words, number of tokens): lower is a better reading."""
    tokens = tokenize(text)
    unknown = sum(len(t) for t in tokens if is_thai_token(t) and not is_word(t))
    return unknown, len(tokens)


@lru_cache(maxsize=1)
def provinces() -> tuple[str, ...]:
    """Canonical Thai province names from pythainlp's bundled list."""
    from pythainlp.corpus import provinces as bundled_provinces

    listed: list[dict[str, str]] = bundled_provinces(details=True)  # type: ignore[assignment]
    return tuple(sorted(p["name_th"] for p in listed))
