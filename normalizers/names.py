"""Place and organisation names."""

from __future__ import annotations

from collections.abc import Iterable

from ita_extract.normalizers.dictionary import provinces, tokenize

# Spellings in use that are not the canonical province name.
_PROVINCE_ALIASES = {"กรุงเทพฯ": "กรุงเทพมหานคร", "กทม": "กรุงเทพมหานคร", "กทม.": "กรุงเทพมหานคร"}


def canonical_province(text: str) -> str | None:
    """The canonical province whose name `text` starts with (after `จังหวัด`), or None."""
    text = text.strip()
    for alias, name in _PROVINCE_ALIASES.items():
        if text.startswith(alias):
            return name
    matches = [p for p in provinces() if text.startswith(p)]
    return max(matches, key=len) if matches else None


def cut_at_stop_words(name: str, stop_words: Iterable[str]) -> str:
    """`name` up to the first dictionary token that is a stop word (a name ends there)."""
    stops = set(stop_words)
    kept: list[str] = []
    for token in tokenize(name):
        if token in stops or any(token.startswith(s) and len(s) > 2 for s in stops):
            break
        kept.append(token)
    return "".join(kept)
