"""The printed scores checked against each other by the ITA arithmetic.

NACC computes ITA scores by fixed arithmetic (`knowledge/score_rules.csv`: a tool
is the mean of its indicators, EIT the mean of its parts, the overall score the
tools weighted by their weights, an indicator the mean of its items; which
indicators a tool has and what it weighs are the framework's). Every candidate
score is gathered with its provenance; each rule whose values are all printed is
applied, allowing for the rounding of every printed value; and each score gets
its `verification` (contract 2):

- `verified`: it takes part in a rule that holds, or the same value is printed
  again in an independent place;
- `conflict`: a rule it takes part in fails, or the same score is printed with
  another value that the rules do not single out;
- `corrected`: read by OCR, and the only value one known digit confusion away
  that makes every failed rule hold (the line keeps what was read);
- `unverified`: nothing could check it.

Where candidates compete for one score, a rule that holds with one of them keeps
that one `verified` and marks the other `conflict`; both rows stay (a printed
value that could be true is never dropped). Scores are never changed in place: a
trial correction is checked on a copy, and the verdicts are new scores.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from ita_extract.normalizers.ocr_text import misreadings_undone
from ita_extract.pipeline.ita import warnings as w
from ita_extract.pipeline.ita.framework import items_of_indicator, tool_of_indicator, tools
from ita_extract.pipeline.ita.knowledge import rows
from ita_extract.pipeline.ita.scores import Score

_MAX_COMBINATIONS = 4096
_EPSILON = 1e-9
SCORE_CHECKS = ("consistent", "conflicting", "unchecked")


@dataclass(frozen=True)
class Rule:
    name: str
    parent: str
    children: str  # `indicators` (the parent tool's), `tools` (weighted), `items`, or specs joined by |
    years: range
    meaning: str

    def child_specs(self) -> tuple[tuple[str, ...], tuple[float, ...] | None]:
        """The subject specs the parent is computed from, and their weights (None: the mean)."""
        if self.children == "indicators":
            tool = self.parent.split(":")[1]
            return tuple(f"indicator:{n}" for n in tools()[tool].indicators), None
        if self.children == "tools":
            every = tools().values()
            return tuple(f"tool:{t.name}" for t in every), tuple(t.weight for t in every)
        return tuple(self.children.split("|")), None


@dataclass(frozen=True)
class Check:
    """One rule applied to one year's printed values."""

    rule: Rule
    year: int
    holds: bool
    scores: tuple[Score, ...]


@dataclass(frozen=True)
class Reconciled:
    scores: list[Score]
    score_check: str | None
    warnings: list[str]


@cache
def rules() -> tuple[Rule, ...]:
    return tuple(Rule(row["rule"], row["parent"], row["children"],
                      range(int(row["year_from"]), int(row["year_to"]) + 1), row["meaning"])
                 for row in rows("score_rules"))


def _key(spec: str, year: int) -> tuple:
    """The Score.key a rule's subject spec (`overall`, `tool:EIT:1`, `indicator:4`) names in `year`."""
    level, *rest = spec.split(":")
    if level == "overall":
        return ("overall", None, None, None, None, None, year)
    if level == "tool":
        part = int(rest[1]) if len(rest) > 1 else None
        return ("tool", rest[0], part, None, None, None, year)
    number = int(rest[0])
    return ("indicator", tool_of_indicator(number), None, number, None, None, year)


def tolerance(scores: Iterable[Score], weights: Iterable[float]) -> float:
    """How far a rule may miss when every value is rounded to the decimals it is printed with."""
    return sum(abs(w) * _half_unit(s) for s, w in zip(scores, weights, strict=True)) + _EPSILON


def _half_unit(score: Score) -> float:
    if score.decimals == 0 and score.score in (0.0, 100.0):
        return 0.0  # a full or a zero mark is exact
    return 0.5 * 10 ** -score.decimals


def _holding(parent: list[Score], children: list[list[Score]], weights: Sequence[float]) -> set[int] | None:
    """ids of the candidates in some combination that satisfies the rule (empty: none does);
    None when there are too many combinations to try."""
    count = len(parent)
    for options in children:
        count *= len(options)
    if count > _MAX_COMBINATIONS:
        return None
    supporting: set[int] = set()
    for top, *parts in itertools.product(parent, *children):
        value = sum(w * p.score for w, p in zip(weights, parts, strict=True))
        if abs(top.score - value) <= tolerance([top, *parts], (1.0, *weights)):
            supporting.update(id(s) for s in (top, *parts))
    return supporting


def _apply(rule: Rule, parent: list[Score], children: list[list[Score]], weights: Sequence[float] | None,
           year: int, checks: list[Check], support: dict[int, bool]) -> None:
    if not parent or not children or not all(children):
        return
    weights = weights or tuple(1 / len(children) for _ in children)
    supporting = _holding(parent, children, weights)
    if supporting is None:
        return
    involved = tuple(itertools.chain(parent, *children))
    checks.append(Check(rule, year, bool(supporting), involved))
    if supporting:  # a failed rule marks its scores through its Check; unpicked competitors stay unsupported
        for score in involved:
            support[id(score)] = support.get(id(score), False) or id(score) in supporting


def _item_children(parents: list[Score], scores: list[Score]) -> list[list[Score]]:
    """The items an indicator or sub-indicator score is the mean of: those a table lists under it
    (same group), else the year's item map when every item of it is printed."""
    parent = parents[0]
    group = next((p.group for p in parents if p.group), None)
    if group:
        return list(_by_key(s for s in scores if s.level == "item" and s.group == group
                            and s.year_be == parent.year_be).values())
    if parent.level != "indicator":
        return []
    codes = items_of_indicator(parent.year_be, parent.subject.indicator)
    printed = {code: [s for s in scores if s.level == "item" and s.subject.item_code == code
                      and s.year_be == parent.year_be] for code in codes}
    return list(printed.values()) if codes and all(printed.values()) else []


def _by_key(scores: Iterable[Score]) -> dict[tuple, list[Score]]:
    grouped: dict[tuple, list[Score]] = defaultdict(list)
    for score in scores:
        grouped[score.key].append(score)
    return grouped


def _distinct(scores: list[Score]) -> tuple[list[Score], set[int]]:
    """Each printed value once per score (the first place it is printed), and the ids of those
    whose value is printed again in an independent place."""
    kept: list[Score] = []
    seen: dict[tuple, Score] = {}
    confirmed: set[int] = set()
    for score in scores:
        first = seen.get((score.key, score.score))
        if first is None:
            seen[(score.key, score.score)] = score
            kept.append(score)
        elif first.place != score.place:
            confirmed.add(id(first))
    return kept, confirmed


def _checks(scores: list[Score]) -> tuple[list[Check], dict[int, bool]]:
    """Every rule applied to every year's printed values; which scores a holding rule supports."""
    by_key = _by_key(scores)
    checks: list[Check] = []
    support: dict[int, bool] = {}
    years = sorted({s.year_be for s in scores if s.year_be is not None})
    for rule in rules():
        for year in (y for y in years if y in rule.years):
            if rule.children == "items":
                for key, parents in by_key.items():
                    if key[0] in ("indicator", "sub_indicator") and key[-1] == year:
                        _apply(rule, parents, _item_children(parents, scores), None, year, checks, support)
                continue
            specs, weights = rule.child_specs()
            children = [by_key.get(_key(spec, year), []) for spec in specs]
            _apply(rule, by_key.get(_key(rule.parent, year), []), children, weights, year, checks, support)
    return checks, support


def reconcile(scores: list[Score], ocr_pages: Iterable[int] = ()) -> Reconciled:
    """Every score with its verification; the document's score_check and warnings. Scores on
    `ocr_pages` were read by OCR: one of them may be corrected (see `_one_correction`)."""
    scores, confirmed = _distinct(scores)
    checks, support = _checks(scores)
    correction = _one_correction(scores, checks, set(ocr_pages))
    corrected = None
    if correction is not None:
        scores, corrected = correction
        checks, support = _checks(scores)
    by_key = _by_key(scores)
    failed: dict[int, list[str]] = {id(s): [] for s in scores}
    for check in checks:
        if not check.holds:
            for score in check.scores:
                failed[id(score)].append(w.rule_conflict(check.rule.name, check.year))
    verdicts = []
    for score in scores:
        competing = len({s.score for s in by_key[score.key]}) > 1
        if score is corrected:
            verification = "corrected"
        elif failed[id(score)] or (competing and not support.get(id(score), False)):
            verification = "conflict"
        elif support.get(id(score)) or id(score) in confirmed:
            verification = "verified"
        else:
            verification = "unverified"
        verdicts.append(replace(score, verification=verification))
    warnings = _warnings(scores, checks) + ([w.OCR_DIGIT_CORRECTED] if corrected is not None else [])
    return Reconciled(verdicts, _score_check(scores, checks), warnings)


def _one_correction(scores: list[Score], checks: list[Check],
                    ocr_pages: set[int]) -> tuple[list[Score], Score] | None:
    """When rules fail and exactly one OCR'd value, with one digit swapped for one Tesseract is
    known to misread it as (`ocr_digit_confusions.csv`), makes every rule hold: the scores with
    that value put right (its printed text kept in the line), and the corrected score; else
    None. Never two digits of a value, never two values, never when two corrections would fit."""
    broken = [check for check in checks if not check.holds]
    if not broken or not ocr_pages:
        return None
    suspects = {id(s): s for check in broken for s in check.scores if s.line.page in ocr_pages and s.printed}
    fits: list[tuple[list[Score], Score]] = []
    for suspect in suspects.values():
        for printed in misreadings_undone(suspect.printed or ""):
            value = float(printed)
            if not 0 <= value <= 100:
                continue
            fixed = replace(suspect, score=value, printed=printed)
            trial = [fixed if s is suspect else s for s in scores]
            trial_checks, _ = _checks(trial)
            if all(check.holds for check in trial_checks):
                fits.append((trial, fixed))
    return fits[0] if len(fits) == 1 else None


def _score_check(scores: list[Score], checks: list[Check]) -> str | None:
    if not scores:
        return None
    if any(not c.holds for c in checks):
        return "conflicting"
    return "consistent" if checks else "unchecked"


def _warnings(scores: list[Score], checks: list[Check]) -> list[str]:
    warnings = [w.rule_conflict(c.rule.name, c.year) for c in checks if not c.holds]
    if warnings:
        warnings.append(w.ARITHMETIC_CONFLICT)
    if any(len({s.score for s in group}) > 1 for group in _by_key(scores).values()):
        warnings.append(w.CONFLICTING_SCORES)
    return warnings
