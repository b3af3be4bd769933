"""Official grade bands: the grade a score has, and whether a printed grade or label fits it."""

from __future__ import annotations

from ita_extract.pipeline.ita.knowledge import rows


def _bands(kind: str) -> list[tuple[str, float, float]]:
    return [(r["label"], float(r["min_score"]), float(r["max_score"]))
            for r in rows("grade_bands") if r["kind"] == kind]


def _in_band(score: float, low: float, high: float) -> bool:
    return low <= score < high or (high == 100 and score == 100)


def grade_for(score: float | None) -> str | None:
    """Letter grade of a 0–100 score by the official bands."""
    if score is None or not 0 <= score <= 100:
        return None
    return next(label for label, low, high in _bands("letter") if _in_band(score, low, high))


def stated_grade_agrees(stated: str, score: float) -> bool:
    """Whether a printed grade or Thai label fits the band of the score."""
    for kind in ("letter", "thai"):
        for label, low, high in _bands(kind):
            if label == stated:
                return _in_band(score, low, high)
    return True


def pass_mark() -> float:
    """The lowest passing score: the bottom of the band the Thai label ผ่าน (pass) names."""
    return next(low for label, low, _ in _bands("thai") if label == "ผ่าน")
