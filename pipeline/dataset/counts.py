"""What a run produced, counted from its tables: for the end-of-run lines and the QA report."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from ita_extract.parsers.formats import UNSUPPORTED
from ita_extract.pipeline.ita.warnings import NOT_ITA_DOCUMENT, kind_of


@dataclass
class RunCounts:
    seen: int = 0
    ita: int = 0
    not_ita: int = 0
    failed: int = 0
    skipped: dict[str, str] = field(default_factory=dict)  # source_path → why
    warnings: Counter = field(default_factory=Counter)  # kind → documents carrying it
    errors: Counter = field(default_factory=Counter)  # error_type → files

    def lines(self) -> list[str]:
        """The end-of-run summary, one fact per line."""
        out = [f"{self.seen} inputs: {self.ita} ITA documents, {self.not_ita} not ITA, "
               f"{self.failed} failed, {len(self.skipped)} skipped"]
        if self.errors:
            out.append("failed: " + ", ".join(f"{kind} {n}" for kind, n in sorted(self.errors.items())))
        if self.skipped:
            reasons = Counter(self.skipped.values())
            out.append("skipped: " + ", ".join(f"{why} {n}" for why, n in sorted(reasons.items())))
        if self.warnings:
            out.append("warnings: " + ", ".join(f"{kind} {n}" for kind, n in sorted(self.warnings.items())))
        return out


def count_run(folder: Path, manifest: dict[str, Any]) -> RunCounts:
    """Counts of the run whose tables and manifest are in `folder`."""
    inputs = manifest.get("inputs", {})
    documents = pq.read_table(folder / "documents.parquet", columns=["warnings"]).to_pylist()
    errors = pq.read_table(folder / "errors.parquet", columns=["error_type"]).to_pylist()
    counts = RunCounts(seen=inputs.get("seen", 0), failed=len(errors),
                       errors=Counter(row["error_type"] for row in errors))
    counts.skipped = {**{path: UNSUPPORTED for path in inputs.get("skipped_unsupported", [])},
                      **inputs.get("skipped", {})}
    for row in documents:
        warnings = row["warnings"] or []
        if NOT_ITA_DOCUMENT in warnings:
            counts.not_ita += 1
        else:
            counts.ita += 1
        counts.warnings.update({kind_of(w) for w in warnings})
    return counts
