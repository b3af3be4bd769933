"""ita-extract: Thai ITA documents → typed Parquet tables.

An installed copy holds one top-level package, `ita_extract`, whose sub-packages are the
repository's design-card folders: `ita_extract.parsers` (bytes → document model),
`ita_extract.normalizers` (pure functions on strings and values) and `ita_extract.pipeline`
(the ITA room, the dataset, the batch run, and the command line on top).

For notebooks: `ita_extract.extract(path)` reads a file or a folder and returns the tables;
`ita_extract.load(out)` returns the tables an earlier run wrote, without extracting.
"""

from __future__ import annotations

from typing import Any

# The one version string: pyproject.toml reads it from here, the rows and the cache key carry it.
__version__ = "0.1.0"

__all__ = ["__version__", "extract", "load"]


def __getattr__(name: str) -> Any:
    # Lazy, so that a worker importing one parser does not load the whole pipeline.
    if name in ("extract", "load"):
        from ita_extract.pipeline.library import extract, load
        return {"extract": extract, "load": load}[name]
    raise AttributeError(f"module 'ita_extract' has no attribute {name!r}")
