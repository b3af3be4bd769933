"""Every number of a sentence or cell gets a role before any score is read.

A number printed in an ITA document is a year, a date, a part, indicator,
sub-indicator or item number, a list marker, a rank, a count, a share, a
pass mark or target, a difference between years, a full mark, or a score.
Only `score` numbers can become score rows. The rules are data
(`knowledge/number_roles.csv`, one example each): the first rule whose
context before, number form and context after all match gives the role.
Text is matched squeezed (`squeeze_thai`) with Arabic digits; where a rule does not match the
text as printed, it is tried on the text without its marks, as OCR prints it (`ซึงเพิ่มขืนจาก
ปิทีผ่านมา 6.33` is a difference).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from ita_extract.normalizers.patterns import compiled
from ita_extract.normalizers.thai_text import pattern_without_marks, without_marks_mapped
from ita_extract.pipeline.ita.knowledge import rows

# A number; or two digits after a comma (`89,45`), which cannot be a thousands comma: a point OCR
# read as a comma, or a decimal comma. Which number that is, the text does not say
# (normalizers.digits reads none), so no reader takes it and it is accounted unread.
_NUMBER = regex.compile(r"(?<![\d.,])(\d+(?:\.\d+)?|\d{1,3},\d{2})(?![\d]|[.,]\d)")
DECIMAL_COMMA = "decimal_comma"
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
        return float(self.text.replace(",", "."))


@dataclass(frozen=True)
class RoleRule:
    role: str
    before: regex.Pattern
    number: regex.Pattern
    after: regex.Pattern
    example: str
    bare_before: regex.Pattern  # `before` and `after` as they match text without its marks
    bare_after: regex.Pattern

    def matches(self, text: str, start: int, end: int) -> bool:
        return bool(self.number.fullmatch(text[start:end])
                    and self.before.search(text[max(0, start - _WINDOW):start])
                    and self.after.match(text[end:end + _WINDOW]))

    def matches_bare(self, bare: str, start: int, end: int) -> bool:
        """Whether the rule holds on the text without its marks (the number at bare[start:end])."""
        return bool(self.number.fullmatch(bare[start:end])
                    and self.bare_before.search(bare[max(0, start - _WINDOW):start])
                    and self.bare_after.match(bare[end:end + _WINDOW]))


def _compile(pattern: str) -> regex.Pattern:
    return compiled(pattern) if pattern else _ANY


@cache
def role_rules() -> tuple[RoleRule, ...]:
    return tuple(RoleRule(row["role"], _compile(row["before"]), _compile(row["number"] or r"\d+(?:\.\d+)?"),
                          _compile(row["after"]), row["example"],
                          _compile(pattern_without_marks(row["before"])),
                          _compile(pattern_without_marks(row["after"])))
                 for row in rows("number_roles"))


def role_of(text: str, start: int, end: int, bare: tuple[str, int] | None = None) -> str:
    """The role of the number printed at text[start:end]; `other` when no rule says. `bare`: the
    text without its marks and where the number starts in it, to try each rule on as well."""
    for stage in _stages():
        for rule in stage:
            if rule.matches(text, start, end):
                return rule.role
        if bare is None:
            continue
        bare_text, bare_start = bare
        for rule in stage:
            if rule.matches_bare(bare_text, bare_start, bare_start + end - start):
                return rule.role
    return "other"


@cache
def _stages() -> tuple[tuple[RoleRule, ...], tuple[RoleRule, ...]]:
    """The rules of the roles that are no score, then the score rules: a role's words printed
    without their marks (`เพิ่มขืนจากปิทีผ่านมา 6.33 คะแนน`) come before `คะแนน` after the number
    (a score), and a rule as printed before another without marks (`ส่วนที่ 2` a part, whose bare
    `สวนท` ends as `วันที่` does)."""
    rules = role_rules()
    return (tuple(rule for rule in rules if rule.role != "score"),
            tuple(rule for rule in rules if rule.role == "score"))


@lru_cache(maxsize=8192)
def numbers(text: str) -> tuple[Number, ...]:
    """Every number of `text` with its role, in order. Remembered: the score readers and the
    accounting of what they left unread ask for the same sentences and cells."""
    found = list(_NUMBER.finditer(text))
    if not found:
        return ()
    bare, origin = without_marks_mapped(text)
    return tuple(Number(m.start(1), m.end(1), m.group(1),
                        _comma_role(text, m.start(1), m.end(1)) if "," in m.group(1) else
                        role_of(text, m.start(1), m.end(1), (bare, bisect_left(origin, m.start(1)))))
                 for m in found)


def _comma_role(text: str, start: int, end: int) -> str:
    """A decimal comma's role: the one another rule gives it read with a point (`ข้อ 12,13`: item
    numbers), never a score's."""
    pointed = text[:start] + text[start:end].replace(",", ".") + text[end:]
    bare, origin = without_marks_mapped(pointed)
    role = role_of(pointed, start, end, (bare, bisect_left(origin, start)))
    return DECIMAL_COMMA if role in ("score", "other") else role
