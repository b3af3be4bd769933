"""The ITA arithmetic as linear constraints over printed values, and which values could be wrong.

Each applied rule is one constraint: Σ coefficient × value = 0 within a tolerance (the
rounding of every value it involves). When constraints fail, the culprits are the smallest
sets of printed values that, changed (each anywhere from 0 to 100), let every constraint hold:
one wrong value explains a failed tool mean and a failed overall at once. Where several sets of
that size would do, every value of them is a culprit (the arithmetic cannot tell which).

Small sets only (`MAX_CULPRITS`): feasibility is decided exactly by Fourier–Motzkin
elimination, which is cheap for one or two unknowns.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

MAX_CULPRITS = 2
_MAX_SETS = 20_000  # sets of one size tried at the most
_BOUNDS = (0.0, 100.0)
_EPSILON = 1e-9


@dataclass(frozen=True)
class Constraint:
    """Σ coefficient × value[index] = 0, within `tolerance`; what rule and year it applies."""

    terms: tuple[tuple[int, float], ...]  # (index of a printed value, coefficient), indices distinct
    tolerance: float
    rule: str
    year: int

    def residual(self, values: Sequence[float]) -> float:
        return sum(a * values[i] for i, a in self.terms)

    def holds(self, values: Sequence[float]) -> bool:
        return abs(self.residual(values)) <= self.tolerance + _EPSILON

    def indices(self) -> set[int]:
        return {i for i, _ in self.terms}


def culprits(constraints: Sequence[Constraint], values: Sequence[float]) -> set[int] | None:
    """The indices of every smallest set of values whose change lets every constraint hold:
    empty when all hold; None when no set of up to MAX_CULPRITS values does."""
    failed = [c for c in constraints if not c.holds(values)]
    if not failed:
        return set()
    pool = sorted(set().union(*(c.indices() for c in failed)))
    for size in range(1, MAX_CULPRITS + 1):
        found: set[int] = set()
        for tried, free in enumerate(itertools.combinations(pool, size)):
            if tried >= _MAX_SETS:
                return None
            chosen = set(free)
            if all(c.indices() & chosen for c in failed) and _feasible(constraints, values, free):
                found |= chosen
        if found:
            return found
    return None


def _feasible(constraints: Sequence[Constraint], values: Sequence[float], free: tuple[int, ...]) -> bool:
    """Whether the values at `free`, changed, can make every constraint touching them hold (the
    others are as they are)."""
    rows: list[tuple[list[float], float]] = []  # a · x ≤ b over the free values
    position = {index: k for k, index in enumerate(free)}
    for constraint in constraints:
        coefficients = [0.0] * len(free)
        rest = 0.0
        for index, a in constraint.terms:
            if index in position:
                coefficients[position[index]] += a
            else:
                rest += a * values[index]
        if not any(coefficients):
            if abs(rest) > constraint.tolerance + _EPSILON:
                return False
            continue
        rows.append((coefficients, constraint.tolerance - rest))
        rows.append(([-a for a in coefficients], constraint.tolerance + rest))
    for k in range(len(free)):
        unit = [1.0 if j == k else 0.0 for j in range(len(free))]
        rows.append((unit, _BOUNDS[1]))
        rows.append(([-u for u in unit], -_BOUNDS[0]))
    return _fourier_motzkin(rows, len(free))


def _fourier_motzkin(rows: list[tuple[list[float], float]], unknowns: int) -> bool:
    """Whether some x satisfies every a · x ≤ b: each unknown eliminated in turn by pairing the
    rows that bound it from above with those that bound it from below."""
    for k in range(unknowns):
        upper = [r for r in rows if r[0][k] > _EPSILON]
        lower = [r for r in rows if r[0][k] < -_EPSILON]
        kept = [r for r in rows if abs(r[0][k]) <= _EPSILON]
        for (a, b), (c, d) in itertools.product(upper, lower):
            p, q = a[k], -c[k]
            kept.append(([q * x + p * y for x, y in zip(a, c, strict=True)], q * b + p * d))
        rows = kept
    return all(b >= -_EPSILON * 100 for _, b in rows)
