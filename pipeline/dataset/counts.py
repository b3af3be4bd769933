"""What a run produced, counted from its tables: for the end-of-run lines and the QA report."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from ita_extract.parsers.formats import UNSUPPORTED
from ita_extract.pipeline.ita.warnings import NOT_ITA_DOCUMENT, kind_of

_NAMED = 2  # files named per warning in the summary


@dataclass
class RunCounts:
    seen: int = 0
    ita: int = 0
    not_ita: int = 0
    failed: int = 0
    duplicates: int = 0  # files whose bytes another input already holds (read once)
    skipped: dict[str, str] = field(default_factory=dict)  # source_path → why
    warnings: Counter = field(default_factory=Counter)  # kind → documents carrying it
    warned: dict[str, list[str]] = field(default_factory=dict)  # kind → the first files carrying it
    errors: Counter = field(default_factory=Counter)  # error_type → files

    def lines(self) -> list[str]:
        """The end-of-run summary, one fact per line; its counts add up to the inputs seen."""
        twice = f", {self.duplicates} duplicates" if self.duplicates else ""
        out = [f"{self.seen} inputs: {self.ita} ITA documents, {self.not_ita} not ITA, "
               f"{self.failed} failed{twice}, {len(self.skipped)} skipped"]
        if not self.seen:
            out.append("nothing was read: the folder holds no PDF, .txt, .md or .html file"
                       + (" (the files skipped are listed in manifest.json)" if self.skipped else ""))
        if self.errors:
            out.append("failed: " + ", ".join(f"{kind} {n}" for kind, n in sorted(self.errors.items())))
        if self.skipped:
            reasons = Counter(self.skipped.values())
            out.append("skipped: " + ", ".join(f"{why} {n}" for why, n in sorted(reasons.items())))
        if self.warnings:
            out.append("warnings: " + ", ".join(f"{kind} {n} ({self._first(kind)})"
                                                for kind, n in sorted(self.warnings.items())))
        return out

    def _first(self, kind: str) -> str:
        names = self.warned.get(kind, [])
        more = self.warnings[kind] - len(names)
        return ", ".join(names) + (f" and {more} more: documents.parquet" if more > 0 else "")


def count_run(folder: Path, manifest: dict[str, Any]) -> RunCounts:
    """Counts of the run whose tables and manifest are in `folder`."""
    inputs = manifest.get("inputs", {})
    documents = pq.read_table(folder / "documents.parquet", columns=["source_path", "warnings"]).to_pylist()
    errors = pq.read_table(folder / "errors.parquet", columns=["error_type"]).to_pylist()
    counts = RunCounts(seen=inputs.get("seen", 0), failed=len(errors),
                       duplicates=sum(len(paths) for paths in (inputs.get("duplicates") or {}).values()),
                       errors=Counter(row["error_type"] for row in errors))
    counts.skipped = {**{path: UNSUPPORTED for path in inputs.get("skipped_unsupported", [])},
                      **inputs.get("skipped", {})}
    for row in documents:
        warnings = row["warnings"] or []
        if NOT_ITA_DOCUMENT in warnings:
            counts.not_ita += 1
        else:
            counts.ita += 1
        for kind in {kind_of(w) for w in warnings}:
            counts.warnings[kind] += 1
            named = counts.warned.setdefault(kind, [])
            if len(named) < _NAMED:
                named.append(row["source_path"])  # printable already (batch.inputs.source_path)
    return counts
