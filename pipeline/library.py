"""For notebooks: extract a file or a folder and get the tables back, no command line."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa
import pyarrow.parquet as pq

from ita_extract.pipeline.batch.options import RunOptions
from ita_extract.pipeline.batch.run import run
from ita_extract.pipeline.dataset.lookups import PREFIX as LOOKUP_PREFIX
from ita_extract.pipeline.dataset.lookups import lookup_names
from ita_extract.pipeline.dataset.schema import TABLES
from ita_extract.pipeline.dataset.store import current_run, run_tables


def extract(path: str | Path, out: str | Path | None = None, *, workers: int | None = 1,
            backend: Literal["pandas", "arrow"] = "pandas", force: bool = False) -> dict:
    """Extract the ITA document at `path` (a PDF, a text dump, or a folder of them) and return
    {table name: table} for every table of the output contract (documents, pages, scores,
    findings, measures, errors, organisations, panel), as pandas DataFrames (nullable integer
    columns stay integers) or, with backend="arrow", pyarrow Tables.

    With `out`, the run is kept there as `ita-extract extract --out` would keep it (Parquet files,
    report.html, and the cache, so a second call reuses unchanged documents); without, it runs in
    a temporary folder that is removed afterwards. A file that cannot be read is a row of the
    `errors` table, as on the command line, never an exception.

    >>> import ita_extract
    >>> tables = ita_extract.extract("reports/")          # doctest: +SKIP
    >>> tables["scores"].query("level == 'overall'")      # doctest: +SKIP
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no such file or folder: {path}")
    options = RunOptions(workers=workers, force=force)
    if out is not None:
        return _read(_extracted(path, Path(out), options), backend)
    with tempfile.TemporaryDirectory(prefix="ita-extract-") as folder:
        return _read(_extracted(path, Path(folder), options), backend)


def load(out: str | Path, *, backend: Literal["pandas", "arrow"] = "pandas",
         lookups: bool = False) -> dict:
    """The tables the last run wrote into `out` (`ita-extract extract --out`), all of one run
    (OUT/current), without extracting anything; with `lookups`, the code tables too (`tools`,
    `indicators`, `items`, …, under their names). Raises NoRun when `out` holds no run.

    >>> tables = ita_extract.load("data/processed")     # doctest: +SKIP
    """
    folder = run_tables(Path(out))
    tables = _read(folder, backend)
    if lookups:
        tables.update({name: _converted(pq.read_table(folder / f"{LOOKUP_PREFIX}{name}.parquet"), backend)
                       for name in lookup_names()})
    return tables


def _extracted(path: Path, out: Path, options: RunOptions) -> Path:
    run(path, out, options)
    folder = current_run(out)
    assert folder is not None  # run() switched `current` to the run it wrote
    return folder


def _read(folder: Path, backend: str) -> dict:
    return {name: _converted(pq.read_table(folder / f"{name}.parquet"), backend) for name in TABLES}


def _converted(table: pa.Table, backend: str) -> Any:
    if backend == "arrow":
        return table
    if backend != "pandas":
        raise ValueError(f"backend must be 'pandas' or 'arrow', not {backend!r}")
    # to_pandas reads the pandas metadata the writer stores: nullable integers stay Int16/Int32;
    # dates (date32) arrive as datetime64, so `.dt` works (pyarrow would give Python objects)
    return table.to_pandas(date_as_object=False)
