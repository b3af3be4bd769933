"""Reconciliation: the stage between reading and writing that lets the printed scores check each other.

NACC computes ITA scores by fixed arithmetic (`pipeline/data/score_rules.csv`: a
tool is the mean of its indicators, EIT the mean of its parts, the overall score
0.30 IIT + 0.30 EIT + 0.40 OIT, an indicator the mean of its items). Every
candidate score is gathered with its provenance; each rule whose values are all
printed is applied, allowing for the rounding of every printed value; and each
score gets its `verification` (contract 2):

- `verified`: it takes part in a rule that holds, or the same value is printed
  again in an independent place;
- `conflict`: a rule it takes part in fails, or the same score is printed with
  another value that the rules do not single out;
- `corrected`: read by OCR, and the only value one known digit confusion away
  that makes every failed rule hold (the line keeps what was read);
- `unverified`: nothing could check it.

Where candidates compete for one score, a rule that holds with one of them keeps
that one `verified` and marks the other `conflict`; both rows stay (a printed
value that could be true is never dropped).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ita_extract.normalizers.ocr_text import misreadings_undone
from ita_extract.pipeline.ita.knowledge import rows
from ita_extract.pipeline.ita.scores import Score
from ita_extract.pipeline.ita.subjects import items_of_indicator, tool_of_indicator

_MAX_COMBINATIONS = 4096
_EPSILON = 1e-9


@dataclass(frozen=True)
class Rule:
    name: str
    parent: str
    children: tuple[str, ...]
    weights: tuple[float, ...] | None
    years: range
    meaning: str


@dataclass
class Check:
    """One rule applied to one year's printed values."""

    rule: Rule
    year: int
    holds: bool
    scores: list[Score]


@dataclass
class Reconciled:
    scores: list[Score]
    score_check: str | None
    warnings: list[str]


@cache
def rules() -> tuple[Rule, ...]:
    return tuple(Rule(row["rule"], row["parent"], tuple(row["children"].split("|")),
                      tuple(float(w) for w in row["weights"].split("|")) if row["weights"] else None,
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


def _holding(parent: list[Score], children: list[list[Score]], weights: tuple[float, ...]) -> set[int] | None:
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


def _apply(rule: Rule, parent: list[Score], children: list[list[Score]], year: int,
           checks: list[Check], support: dict[int, bool]) -> None:
    if not parent or not children or not all(children):
        return
    weights = rule.weights or tuple(1 / len(children) for _ in children)
    supporting = _holding(parent, children, weights)
    if supporting is None:
        return
    involved = list(itertools.chain(parent, *children))
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
            if rule.children == ("items",):
                for key, parents in by_key.items():
                    if key[0] in ("indicator", "sub_indicator") and key[-1] == year:
                        _apply(rule, parents, _item_children(parents, scores), year, checks, support)
                continue
            children = [by_key.get(_key(spec, year), []) for spec in rule.children]
            _apply(rule, by_key.get(_key(rule.parent, year), []), children, year, checks, support)
    return checks, support


def reconcile(scores: list[Score], ocr_pages: Iterable[int] = ()) -> Reconciled:
    """Every score with its verification; the document's score_check and warnings. Scores on
    `ocr_pages` were read by OCR: one of them may be corrected (see `_one_correction`)."""
    scores, confirmed = _distinct(scores)
    checks, support = _checks(scores)
    corrected = _one_correction(scores, checks, set(ocr_pages))
    if corrected is not None:
        checks, support = _checks(scores)
    by_key = _by_key(scores)
    failed = {id(s): [] for s in scores}
    for check in checks:
        if not check.holds:
            for score in check.scores:
                failed[id(score)].append(f"{check.rule.name}:{check.year}")
    for score in scores:
        competing = len({s.score for s in by_key[score.key]}) > 1
        if score is corrected:
            score.verification = "corrected"
        elif failed[id(score)] or (competing and not support.get(id(score), False)):
            score.verification = "conflict"
        elif support.get(id(score)) or id(score) in confirmed:
            score.verification = "verified"
        else:
            score.verification = "unverified"
    warnings = _warnings(scores, checks) + (["ocr_digit_corrected"] if corrected is not None else [])
    return Reconciled(scores, _score_check(scores, checks), warnings)


def _one_correction(scores: list[Score], checks: list[Check], ocr_pages: set[int]) -> Score | None:
    """When rules fail and exactly one OCR'd value, with one digit swapped for one Tesseract is
    known to misread it as (`ocr_digit_confusions.csv`), makes every rule hold, that value is
    put right (its printed text kept in the line) and returned; else nothing changes. Never
    two digits of a value, never two values, never when two corrections would fit."""
    broken = [check for check in checks if not check.holds]
    if not broken or not ocr_pages:
        return None
    suspects = {id(s): s for check in broken for s in check.scores if s.line.page in ocr_pages and s.printed}
    fits: list[tuple[Score, str]] = []
    for score in suspects.values():
        read = score.printed
        for printed in misreadings_undone(read):
            value = float(printed)
            if not 0 <= value <= 100:
                continue
            score.score, score.printed = value, printed
            trial, _ = _checks(scores)
            if all(check.holds for check in trial):
                fits.append((score, printed))
            score.score, score.printed = float(read), read
    if len(fits) != 1:
        return None
    score, printed = fits[0]
    score.score, score.printed = float(printed), printed
    return score


def _score_check(scores: list[Score], checks: list[Check]) -> str | None:
    if not scores:
        return None
    if any(not c.holds for c in checks):
        return "conflicting"
    return "consistent" if checks else "unchecked"


def _warnings(scores: list[Score], checks: list[Check]) -> list[str]:
    warnings = [f"arithmetic_conflict:{c.rule.name}:{c.year}" for c in checks if not c.holds]
    if warnings:
        warnings.append("arithmetic_conflict")
    if any(len({s.score for s in group}) > 1 for group in _by_key(scores).values()):
        warnings.append("conflicting_scores")
    return warnings
