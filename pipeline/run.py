"""A run over a raw folder: discover inputs, extract each, write the dataset once."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parsers import supported_suffixes
from pipeline import PARSER_VERSION
from pipeline.extract import extract_file
from pipeline.schema import CONTRACT_VERSION, TABLES
from pipeline.writer import write_dataset

log = logging.getLogger(__name__)

EXIT_OK, EXIT_RUN_FAILED, EXIT_USAGE, EXIT_SOME_FAILED = 0, 1, 2, 3


@dataclass
class RunSummary:
    manifest: dict[str, Any]

    @property
    def exit_code(self) -> int:
        return EXIT_SOME_FAILED if self.manifest["inputs"]["failed"] else EXIT_OK


def discover(raw_root: Path) -> tuple[list[Path], list[Path]]:
    """(inputs the parsers read, other files) below `raw_root`, in a stable order."""
    inputs, skipped = [], []
    suffixes = set(supported_suffixes())
    for path in sorted(raw_root.rglob("*")):
        if path.name.startswith(".") or path.is_dir():
            continue
        (inputs if path.suffix.lower() in suffixes else skipped).append(path)
    return inputs, skipped


def run(raw_root: Path, out_dir: Path) -> RunSummary:
    started = _now()
    inputs, skipped = discover(raw_root)
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    failed = 0
    for path in inputs:
        result = extract_file(path, raw_root)
        failed += result.failed
        for table, table_rows in result.rows.items():
            rows[table].extend(table_rows)
    for path in skipped:
        log.info("skipped %s: no parser for this kind of file", path.relative_to(raw_root))
    manifest = {
        "run_id": uuid.uuid4().hex,
        "started_at": started,
        "finished_at": _now(),
        "parser_version": PARSER_VERSION,
        "contract_version": CONTRACT_VERSION,
        "raw_root": str(raw_root),
        "inputs": {
            "seen": len(inputs),
            "extracted": len(inputs) - failed,
            "reused": 0,
            "failed": failed,
            "skipped_unsupported": [p.relative_to(raw_root).as_posix() for p in skipped],
        },
    }
    return RunSummary(write_dataset(out_dir, rows, manifest))


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
