"""Batch throughput: documents/s with 1 worker against all cores, the time of an unchanged
re-run against the full run, and what the tables made at a run's end (editions, organisations,
the panel) cost of it, on a synthetic archive (bench/make_corpus.py), all in this one process.

    python bench/bench_batch.py --n 1000
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

import pyarrow.parquet as pq  # noqa: E402

from bench.make_corpus import build  # noqa: E402
from ita_extract.pipeline.batch.options import RunOptions  # noqa: E402
from ita_extract.pipeline.batch.run import run  # noqa: E402
from ita_extract.pipeline.dataset.derived import Signatures, derived_rows  # noqa: E402
from ita_extract.pipeline.dataset.store import current_run  # noqa: E402
from ita_extract.pipeline.dataset.validation import validated  # noqa: E402


def timed(raw: Path, out: Path, options: RunOptions) -> tuple[float, dict]:
    started = time.perf_counter()
    manifest = run(raw, out, options).manifest
    return time.perf_counter() - started, manifest


def derivation(out: Path) -> tuple[float, int]:
    """(seconds, panel rows) of what the writer adds at a run's end: each document's signature
    as it streams by, the staged scores and pages read back, editions, organisations and panel
    made and validated; on the tables of the run in `out`."""
    folder = current_run(out)
    assert folder is not None
    documents = pq.read_table(folder / "documents.parquet")
    measures = pq.read_table(folder / "measures.parquet", columns=["doc_id", "title"])
    organisations = pq.read_table(folder / "organisations.parquet")
    started = time.perf_counter()
    signatures = Signatures()
    scores = pq.read_table(folder / "scores.parquet")
    signatures.observe({"scores": scores, "measures": measures})
    pages = pq.read_table(folder / "pages.parquet", columns=["doc_id", "page", "text_source"])
    _, derived = derived_rows(documents, [organisations], scores, pages, signatures)
    tables = validated(derived)
    return time.perf_counter() - started, tables["panel"].num_rows


def checksums(manifest: dict) -> dict[str, str]:
    return {name: output["sha256"] for name, output in manifest["outputs"].items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="documents in the archive (default 1000)")
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="ita-bench-batch-") as folder:
        raw, base = Path(folder) / "raw", Path(folder)
        files = build(args.n, raw)
        print(f"archive: {len(files)} documents ({sum(f.suffix == '.pdf' for f in files)} PDF), "
              f"{cores} cores")
        one, m_one = timed(raw, base / "one", RunOptions(workers=1))
        print(f"full run, 1 worker:      {one:7.1f} s  {len(files) / one:6.1f} documents/s")
        many, m_many = timed(raw, base / "many", RunOptions(workers=cores))
        print(f"full run, {cores} workers:     {many:7.1f} s  {len(files) / many:6.1f} documents/s  "
              f"→ {one / many:.2f}× the documents/s of 1 worker")
        derived, panel_rows = derivation(base / "many")
        print(f"editions, organisations, panel: {derived:5.2f} s  = {100 * derived / many:.1f} % "
              f"of the full run ({panel_rows} panel rows)")
        again, m_again = timed(raw, base / "many", RunOptions(workers=cores))
        print(f"unchanged re-run:        {again:7.1f} s  = {100 * again / many:.1f} % of the full run "
              f"({m_again['inputs']['reused']} reused, {m_again['inputs']['extracted']} extracted)")
        changed = next(f for f in files if f.suffix == ".txt")
        changed.write_text(changed.read_text("utf-8") + "\n", encoding="utf-8")
        one_changed, m_changed = timed(raw, base / "many", RunOptions(workers=cores))
        share = 100 * one_changed / many
        print(f"re-run, 1 file changed:  {one_changed:7.1f} s  = {share:.1f} % of the full run "
              f"({m_changed['inputs']['reused']} reused, {m_changed['inputs']['extracted']} extracted)")
        same = checksums(m_one) == checksums(m_many) == checksums(m_again)
        print(f"outputs identical across the three runs: {same}")
        if not same:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
