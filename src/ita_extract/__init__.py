"""ita-extract: Thai ITA documents → typed Parquet tables.

An installed copy holds one top-level package, `ita_extract`, whose sub-packages are the
repository's design-card folders: `ita_extract.parsers` (bytes → document model),
`ita_extract.normalizers` (pure functions on strings and values) and `ita_extract.pipeline`
(recognition, the run, the single writer of the output folder).

For notebooks: `ita_extract.extract(path)` reads a file or a folder and returns the tables.
"""

from __future__ import annotations

from typing import Any

__all__ = ["__version__", "extract"]


def __getattr__(name: str) -> Any:
    # Lazy, so that a worker importing one parser does not load the whole pipeline.
    if name == "extract":
        from ita_extract.pipeline.library import extract
        return extract
    if name == "__version__":
        from ita_extract.pipeline import PARSER_VERSION
        return PARSER_VERSION
    raise AttributeError(f"module 'ita_extract' has no attribute {name!r}")
