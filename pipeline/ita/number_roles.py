"""Every number of a sentence or cell gets a role before any score is read.

A number printed in an ITA document is a year, a date, a part, indicator,
sub-indicator or item number, a list marker, a rank, a count, a share, a
pass mark or target, a difference between years, a full mark, or a score.
Only `score` numbers can become score rows. The rules are data
(`knowledge/number_roles.csv`, one example each): the first rule whose
context before, number form and context after all match gives the role.
Text is matched squeezed (`squeeze_thai`) with Arabic digits.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from ita_extract.normalizers.patterns import compiled
from ita_extract.pipeline.ita.knowledge import rows

_NUMBER = regex.compile(r"(?<![\d.,])(\d+(?:\.\d+)?)(?![\d]|[.,]\d)")
_WINDOW = 40
_ANY = regex.compile("")


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    text: str  # as printed (Arabic digits)
    role: str

    @property
    def value(self) -> float:
        return float(self.text)


@dataclass(frozen=True)
class RoleRule:
    role: str
    before: regex.Pattern
    number: regex.Pattern
    after: regex.Pattern
    example: str

    def matches(self, text: str, start: int, end: int) -> bool:
        return bool(self.number.fullmatch(text[start:end])
                    and self.before.search(text[max(0, start - _WINDOW):start])
                    and self.after.match(text[end:end + _WINDOW]))


def _compile(pattern: str) -> regex.Pattern:
    return compiled(pattern) if pattern else _ANY


@cache
def role_rules() -> tuple[RoleRule, ...]:
    return tuple(RoleRule(row["role"], _compile(row["before"]), _compile(row["number"] or r"\d+(?:\.\d+)?"),
                          _compile(row["after"]), row["example"])
                 for row in rows("number_roles"))


def role_of(text: str, start: int, end: int) -> str:
    """The role of the number printed at text[start:end]; `other` when no rule says."""
    return next((rule.role for rule in role_rules() if rule.matches(text, start, end)), "other")


@lru_cache(maxsize=8192)
def numbers(text: str) -> tuple[Number, ...]:
    """Every number of `text` with its role, in order. Remembered: the score readers and the
    accounting of what they left unread ask for the same sentences and cells."""
    return tuple(Number(m.start(1), m.end(1), m.group(1), role_of(text, m.start(1), m.end(1)))
                 for m in _NUMBER.finditer(text))
