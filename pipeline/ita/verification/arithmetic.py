"""The printed scores checked against each other by the ITA arithmetic.

NACC computes ITA scores by fixed arithmetic (`knowledge/score_rules.csv`: a tool
is the mean of its indicators, EIT the mean of its parts, the overall score the
tools weighted by their weights (or the sum of their weighted points, as results lists print
them), an indicator the mean of its items; which
indicators a tool has and what it weighs are the framework's). Each rule is
applied to every year whose values it needs are known, allowing for the rounding
of every printed value. A value the document does not print but whose parts it
does (EIT printed only in its two parts, an indicator only in its items) is
derived and feeds the other rules: the parts then check the overall score. A
derived value is never a score row.

Each score gets its `verification` (contract 2):

- `verified`: it takes part in a rule that holds, or the same value is printed
  again in an independent place;
- `conflict`: it is among the fewest printed values whose change would make
  every failed rule hold (constraints.culprits; where that takes more than two
  values, every value of a failed rule), or the same score is printed with
  another value that the rules do not single out;
- `corrected`: read by OCR, and the only value one known digit confusion away
  that makes every failed rule hold (the line keeps what was read);
- `unverified`: nothing could check it.

Where candidates compete for one score, the rules that hold with exactly one of
them keep that one and mark the others `conflict`; both rows stay (a printed
value that could be true is never dropped). Scores are never changed in place: a
trial correction is checked on a copy, and the verdicts are new scores.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache

from ita_extract.normalizers.ocr_text import misreadings_undone
from ita_extract.pipeline.ita import warnings as w
from ita_extract.pipeline.ita.framework import items_of_indicator, tool_of_indicator, tools
from ita_extract.pipeline.ita.knowledge import rows
from ita_extract.pipeline.ita.scores import POINTS, Score
from ita_extract.pipeline.ita.verification.constraints import Constraint, culprits

SCORE_CHECKS = ("consistent", "conflicting", "unchecked")
Key = tuple  # Score.key: (level, tool, part, indicator, sub-indicator, item code, year)
Expression = dict[int, float]  # index of a printed value → coefficient


@dataclass(frozen=True)
class Rule:
    name: str
    parent: str
    # `indicators` (the parent tool's), `tools` (weighted), `points` (summed), `weight` (the parent
    # points' tool × its weight), `items`, or specs joined by |
    children: str
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
        if self.children == POINTS:  # each tool's points are already weighted: they add up
            return tuple(f"{POINTS}:{name}" for name in tools()), tuple(1.0 for _ in tools())
        if self.children == "weight":  # a tool's points: its score × its weight
            tool = self.parent.split(":")[1]
            return (f"tool:{tool}",), (tools()[tool].weight,)
        return tuple(self.children.split("|")), None


@dataclass(frozen=True)
class Application:
    """A rule applied to one parent in one year: parent = Σ weight × child."""

    rule: Rule
    year: int
    parent: Key
    children: tuple[Key, ...]
    weights: tuple[float, ...]


@dataclass(frozen=True)
class System:
    """What the arithmetic says of one choice of printed values (one per score)."""

    values: list[Score]  # the printed values, by index
    constraints: list[Constraint]

    def failed(self) -> list[Constraint]:
        return [c for c in self.constraints if not c.holds(self.numbers)]

    @property
    def numbers(self) -> list[float]:
        return [s.score for s in self.values]


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


def _key(spec: str, year: int) -> Key:
    """The Score.key a rule's subject spec (`overall`, `tool:EIT:1`, `indicator:4`) names in `year`."""
    level, *rest = spec.split(":")
    if level == "overall":
        return ("overall", None, None, None, None, None, year)
    if level in ("tool", POINTS):
        part = int(rest[1]) if len(rest) > 1 else None
        return (level, rest[0], part, None, None, None, year)
    number = int(rest[0])
    return ("indicator", tool_of_indicator(number), None, number, None, None, year)


def expected(values: dict[Key, float], key: Key) -> float | None:
    """The value the first rule involving `key` gives it from the other printed `values` (all of
    that rule's other values known), or None: what a `conflict` value should have been for its
    rule to hold (the report shows it, and the gap). Items' rules are left out: which items a
    table listed under an indicator is not in the rows."""
    year = key[-1]
    for rule in rules():
        if year not in rule.years or rule.children == "items":
            continue
        specs, weights = rule.child_specs()
        terms = [_key(rule.parent, year), *(_key(spec, year) for spec in specs)]
        coefficients = [1.0, *(-w for w in (weights or tuple(1 / len(specs) for _ in specs)))]
        if key not in terms:
            continue
        others = [(term, c) for term, c in zip(terms, coefficients, strict=True) if term != key]
        if all(term in values for term, _ in others):
            return -sum(c * values[term] for term, c in others) / coefficients[terms.index(key)]
    return None


def _indicator_key(number: int, year: int) -> Key:
    return ("indicator", tool_of_indicator(number), None, number, None, None, year)


def _half_unit(score: Score) -> float:
    """How far the printed value may be from the true one: half its last printed decimal."""
    if score.decimals == 0 and score.score in (0.0, 100.0):
        return 0.0  # a full or a zero mark is exact
    return 0.5 * 10 ** -score.decimals


def _by_key(scores: Iterable[Score]) -> dict[Key, list[Score]]:
    grouped: dict[Key, list[Score]] = defaultdict(list)
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


# -- which rules apply ---------------------------------------------------------------------------

def _applications(printed: dict[Key, Score], scores: list[Score]) -> Iterator[Application]:
    """Every rule for every year and parent it could apply to (whether or not its values are all
    known): a tool's indicators, EIT's parts, the weighted tools, an indicator's items."""
    years = sorted({key[-1] for key in printed if key[-1] is not None})
    for rule in rules():
        for year in (y for y in years if y in rule.years):
            if rule.children == "items":
                yield from _item_applications(rule, year, printed, scores)
                continue
            specs, weights = rule.child_specs()
            children = tuple(_key(spec, year) for spec in specs)
            yield Application(rule, year, _key(rule.parent, year), children,
                              weights or tuple(1 / len(children) for _ in children))


def _item_applications(rule: Rule, year: int, printed: dict[Key, Score],
                       scores: list[Score]) -> Iterator[Application]:
    """An indicator or sub-indicator is the mean of the items a table lists under it (its
    group), else of every item the year's map puts under it."""
    grouped: dict[Key, str] = {}  # a category row's score and its table group, printed or set aside
    for score in scores:
        if score.level in ("indicator", "sub_indicator") and score.group and score.year_be == year:
            grouped.setdefault(score.key, score.group)
    for key, group in grouped.items():
        items = sorted({s.key for s in scores
                        if s.level == "item" and s.group == group and s.year_be == year})
        if items:
            yield Application(rule, year, key, tuple(items), tuple(1 / len(items) for _ in items))
    for number in sorted({s.subject.indicator for s in scores if s.level == "item" and s.year_be == year
                          and s.subject.indicator is not None}):
        parent = _indicator_key(number, year)
        codes = items_of_indicator(year, number)
        if parent in grouped or not codes:
            continue
        mapped = tuple(k for k in printed if k[0] == "item" and k[-1] == year and k[5] in codes)
        if len(mapped) == len(codes):
            yield Application(rule, year, parent, mapped, tuple(1 / len(mapped) for _ in mapped))


# -- the system of one choice --------------------------------------------------------------------

def _system(printed: dict[Key, Score], scores: list[Score]) -> System:
    """The constraints the rules make of the chosen printed values (one per key), values the
    document leaves out derived from their parts first."""
    values = list(printed.values())
    known: dict[Key, Expression] = {key: {k: 1.0} for k, key in enumerate(printed)}
    applications = list(_applications(printed, scores))
    derived_by: dict[Key, Application] = {}
    changed = True
    while changed:  # a derived value may complete another rule (items → indicator → tool → overall)
        changed = False
        for app in applications:
            # Points are never derived: from a tool they would only restate the weighting.
            if app.parent not in known and app.parent[0] != POINTS and all(c in known for c in app.children):
                weighted = zip(app.children, app.weights, strict=True)
                known[app.parent] = _combine((known[c], weight) for c, weight in weighted)
                derived_by[app.parent] = app
                changed = True
    constraints = []
    for app in applications:
        checkable = app.parent in known and all(c in known for c in app.children)
        if checkable and derived_by.get(app.parent) is not app:
            expression = _combine([(known[app.parent], 1.0),
                                   *((known[c], -weight) for c, weight in zip(app.children, app.weights,
                                                                              strict=True))])
            terms = tuple((k, a) for k, a in sorted(expression.items()) if abs(a) > 1e-12)
            if terms:
                tolerance = sum(abs(a) * _half_unit(values[k]) for k, a in terms) + 1e-9
                constraints.append(Constraint(terms, tolerance, app.rule.name, app.year))
    return System(values, constraints)


def _combine(parts: Iterable[tuple[Expression, float]]) -> Expression:
    total: Expression = defaultdict(float)
    for expression, weight in parts:
        for index, coefficient in expression.items():
            total[index] += weight * coefficient
    return dict(total)


def _supported(system: System) -> set[int]:
    """ids of the values some holding constraint involves."""
    numbers = system.numbers
    return {id(system.values[k]) for c in system.constraints if c.holds(numbers) for k in c.indices()}


# -- choosing among competing values -------------------------------------------------------------

def _choice(scores: list[Score]) -> tuple[dict[Key, Score], set[int]]:
    """One printed value per score: the only one where there is one, else the one the rules hold
    with when exactly one of the competitors does. Returns the choice and the ids of the
    competitors not chosen (conflicts); an undecided score is left out of the choice."""
    by_key = _by_key(scores)
    single = {key: group[0] for key, group in by_key.items() if len(group) == 1}
    chosen = dict(single)
    losers: set[int] = set()
    for key, group in by_key.items():
        if len(group) == 1:
            continue
        holding = [candidate for candidate in group if _holds_with(single, candidate, scores)]
        if len(holding) == 1:
            chosen[key] = holding[0]
        losers.update(id(s) for s in group if not (len(holding) == 1 and s is holding[0]))
    ordered = {key: chosen[key] for key in by_key if key in chosen}  # document order, for determinism
    return ordered, losers


def _holds_with(single: dict[Key, Score], candidate: Score, scores: list[Score]) -> bool:
    """Whether some rule involving `candidate` holds when it stands for its score."""
    system = _system({**single, candidate.key: candidate}, scores)
    index = next(k for k, s in enumerate(system.values) if s is candidate)
    numbers = system.numbers
    return any(index in c.indices() and c.holds(numbers) for c in system.constraints)


# -- verdicts ------------------------------------------------------------------------------------

def reconcile(scores: list[Score], ocr_pages: Iterable[int] = ()) -> Reconciled:
    """Every score with its verification; the document's score_check and warnings. Scores on
    `ocr_pages` were read by OCR: one of them may be corrected (see `_one_correction`)."""
    scores, confirmed = _distinct(scores)
    chosen, losers = _choice(scores)
    system = _system(chosen, scores)
    correction = _one_correction(scores, system, set(ocr_pages))
    corrected = None
    if correction is not None:
        scores, corrected = correction
        chosen, losers = _choice(scores)
        system = _system(chosen, scores)
    failed = system.failed()
    blamed = culprits(system.constraints, system.numbers)
    if blamed is None:  # more than a couple of values wrong: every value of a failed rule is suspect
        blamed = set().union(*(c.indices() for c in failed))
    conflicting = {id(system.values[k]) for k in blamed} | losers
    # With the blamed values set aside (derived again from their parts where the document prints
    # them), the rules they broke may hold among the rest: those values check each other.
    unblamed = {key: score for key, score in chosen.items() if id(score) not in conflicting}
    supported = _supported(system) | (_supported(_system(unblamed, scores)) if blamed else set())
    verdicts = []
    for score in scores:
        if score is corrected:
            verification = "corrected"
        elif id(score) in conflicting:
            verification = "conflict"
        elif id(score) in supported or id(score) in confirmed:
            verification = "verified"
        else:
            verification = "unverified"
        verdicts.append(replace(score, verification=verification))
    warnings = _warnings(scores, failed) + ([w.OCR_DIGIT_CORRECTED] if corrected is not None else [])
    return Reconciled(verdicts, _score_check(scores, system, failed), warnings)


def _one_correction(scores: list[Score], system: System,
                    ocr_pages: set[int]) -> tuple[list[Score], Score] | None:
    """When rules fail and exactly one OCR'd value, with one digit swapped for one Tesseract is
    known to misread it as (`ocr_digit_confusions.csv`), makes every rule hold: the scores with
    that value put right (its printed text kept in the line), and the corrected score; else
    None. Never two digits of a value, never two values, never when two corrections would fit."""
    failed = system.failed()
    if not failed or not ocr_pages:
        return None
    suspects = {id(system.values[k]): system.values[k] for c in failed for k in c.indices()}
    fits: list[tuple[list[Score], Score]] = []
    for suspect in suspects.values():
        if suspect.line.page not in ocr_pages or not suspect.printed:
            continue
        for printed in misreadings_undone(suspect.printed):
            value = float(printed)
            if not 0 <= value <= 100:
                continue
            fixed = replace(suspect, score=value, printed=printed)
            trial = [fixed if s is suspect else s for s in scores]
            chosen, losers = _choice(trial)
            if not losers and not _system(chosen, trial).failed():
                fits.append((trial, fixed))
    return fits[0] if len(fits) == 1 else None


def _score_check(scores: list[Score], system: System, failed: list[Constraint]) -> str | None:
    if not scores:
        return None
    if failed:
        return "conflicting"
    return "consistent" if system.constraints else "unchecked"


def _warnings(scores: list[Score], failed: list[Constraint]) -> list[str]:
    warnings = list(dict.fromkeys(w.rule_conflict(c.rule, c.year) for c in failed))
    if warnings:
        warnings.append(w.ARITHMETIC_CONFLICT)
    if any(len({s.score for s in group}) > 1 for group in _by_key(scores).values()):
        warnings.append(w.CONFLICTING_SCORES)
    return warnings
