"""A run's options and exit codes: what the command line needs to describe and start a run,
apart from the run itself (batch.run loads the cache, the writer and pyarrow), so that
`ita-extract --help` loads none of it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ita_extract.pipeline.batch.inputs import DEFAULT_MAX_DEPTH, DEFAULT_MAX_MB
from ita_extract.pipeline.dataset.layout import DEFAULT_KEEP_RUNS

EXIT_OK, EXIT_RUN_FAILED, EXIT_USAGE, EXIT_SOME_FAILED = 0, 1, 2, 3
# Address space per worker: a worker OCRs in under 0.5 GB, a long scan holds several page images,
# and the libraries alone map about 0.8 GB. By default the workers together get about half the
# machine's memory, each within these bounds.
MEMORY_MB_BOUNDS = (1536.0, 4096.0)
DEFAULT_TIME_LIMIT = 900.0  # seconds per document: a 300-page scan OCRs in well under this


@dataclass(frozen=True)
class RunOptions:
    workers: int | None = None  # None: one per core
    scheduler: str | None = None  # a Dask scheduler address instead of local workers
    force: bool = False  # extract everything again, cache or not
    time_limit: float = DEFAULT_TIME_LIMIT  # 0: none
    progress: bool = False  # a progress line on stderr
    follow_symlinks: bool = False  # read symlinks to outside the raw folder too
    max_mb: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_MAX_MB))  # per input kind
    memory_mb: float | None = None  # address space per worker process; 0: none; None: default_memory_mb
    keep_runs: int = DEFAULT_KEEP_RUNS  # run folders kept in OUT/runs, the current one included
    max_depth: int = DEFAULT_MAX_DEPTH  # folders below the raw folder walked into

    @property
    def worker_count(self) -> int:
        return max(1, self.workers or os.cpu_count() or 1)

    @property
    def worker_memory_mb(self) -> float:
        return default_memory_mb(self.worker_count) if self.memory_mb is None else self.memory_mb


def default_memory_mb(workers: int) -> float:
    """Each worker's share of half the machine's memory, within MEMORY_MB_BOUNDS: so the whole
    process tree stays under about half of RAM (one hostile 15 MB text took the defaults of
    4096 MiB a worker, a worker a core, to 8 GiB)."""
    try:
        total_mb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**20
    except (ValueError, OSError, AttributeError):  # a system that does not say
        return MEMORY_MB_BOUNDS[1]
    low, high = MEMORY_MB_BOUNDS
    return float(round(max(low, min(high, total_mb / 2 / max(1, workers)))))
