"""Command line: `python -m pipeline extract|schema`."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from pipeline import PARSER_VERSION
from pipeline.inputs import DEFAULT_MAX_MB
from pipeline.run import DEFAULT_MEMORY_MB, DEFAULT_TIME_LIMIT, EXIT_RUN_FAILED, EXIT_USAGE, RunOptions, run
from pipeline.schema import TABLES, data_dictionary
from pipeline.writer import DEFAULT_KEEP_RUNS, OutputFolderError, OutputLocked


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Extract Thai ITA documents into the Parquet tables of the output contract.",
    )
    parser.add_argument("--version", action="version", version=PARSER_VERSION)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    extract = commands.add_parser(
        "extract",
        help="extract every document of a raw folder into data/processed",
        description="Extract every PDF and .txt/.md/.html file below RAW into Parquet tables in "
        "OUT. Files already extracted by this code version are reused from OUT/.cache. "
        "Exit code: 0 all inputs processed, 3 some inputs went to errors.parquet, "
        "1 the run itself failed (or another run holds OUT), 2 usage error.",
    )
    extract.add_argument("--raw", type=Path, default=Path("data/raw"),
                         help="folder of input documents, or one document (default: data/raw)")
    extract.add_argument("--out", type=Path, default=Path("data/processed"),
                         help="folder for the Parquet outputs (default: data/processed)")
    extract.add_argument("-q", "--quiet", action="store_true",
                         help="no progress bar and no summary; only errors (for cron)")
    extract.add_argument("--workers", type=_positive_int, default=None, metavar="N",
                         help="worker processes (default: one per core)")
    extract.add_argument("--scheduler", metavar="ADDRESS",
                         help="run on the Dask distributed scheduler at ADDRESS (e.g. "
                         "tcp://10.0.0.5:8786) instead of local workers; needs ita-extract[dask]")
    extract.add_argument("--force", action="store_true",
                         help="extract every file again instead of reusing cached results")
    extract.add_argument("--time-limit", type=float, default=DEFAULT_TIME_LIMIT, metavar="SECONDS",
                         help="a document taking longer becomes an errors row "
                         f"(default: {DEFAULT_TIME_LIMIT:g}; 0: no limit)")
    for kind, default in DEFAULT_MAX_MB.items():
        extract.add_argument(f"--max-{kind}-mb", type=float, default=default, metavar="MB",
                             help=f"a {kind} input larger than this becomes an errors row, unread "
                             f"(default: {default}; 0: no limit)")
    extract.add_argument("--max-memory-mb", type=float, default=DEFAULT_MEMORY_MB, metavar="MB",
                         help="address space each worker process may use, enforced by the OS: a document "
                         f"needing more becomes an errors row (default: {DEFAULT_MEMORY_MB:g}; 0: no limit)")
    extract.add_argument("--follow-symlinks", action="store_true",
                         help="also read symlinks to files or folders outside RAW (by default they are "
                         "listed in manifest.json as skipped)")
    extract.add_argument("--keep-runs", type=_positive_int, default=DEFAULT_KEEP_RUNS, metavar="N",
                         help="run folders kept in OUT/runs, the current one included; readers that "
                         f"resolved OUT/current earlier can finish reading (default: {DEFAULT_KEEP_RUNS})")
    extract.add_argument("--log-file", type=Path, metavar="FILE",
                         help="append warnings and errors, with times, to FILE")

    schema = commands.add_parser(
        "schema",
        help="print or write the data dictionary generated from the schema",
        description="Print the data dictionary (Markdown) generated from pipeline/schema.py.",
    )
    schema.add_argument("--write", type=Path, metavar="FILE",
                        help="write it to FILE (e.g. docs/data-dictionary.md) instead of stdout")
    return parser


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _logging(quiet: bool, log_file: Path | None) -> None:
    console = logging.StreamHandler()
    console.setLevel(logging.ERROR if quiet else logging.WARNING)
    console.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    handlers: list[logging.Handler] = [console]
    if log_file:
        to_file = logging.FileHandler(log_file, encoding="utf-8")
        to_file.setLevel(logging.INFO)
        to_file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
        handlers.append(to_file)
    logging.basicConfig(level=logging.INFO if log_file else logging.WARNING, handlers=handlers)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "schema":
        text = data_dictionary()
        if args.write:
            args.write.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return 0
    _logging(args.quiet, args.log_file)
    if not args.raw.exists():
        print(f"error: raw input not found (a folder or a file): {args.raw}", file=sys.stderr)
        return EXIT_USAGE
    options = RunOptions(workers=args.workers, scheduler=args.scheduler, force=args.force,
                         time_limit=args.time_limit, progress=not args.quiet and sys.stderr.isatty(),
                         follow_symlinks=args.follow_symlinks,
                         max_mb={kind: getattr(args, f"max_{kind}_mb") for kind in DEFAULT_MAX_MB},
                         memory_mb=args.max_memory_mb, keep_runs=args.keep_runs)
    try:
        summary = run(args.raw, args.out, options)
    except (OutputLocked, OutputFolderError) as exc:  # one line, on the console and in --log-file alike
        logging.getLogger(__name__).error("%s", exc)
        return EXIT_RUN_FAILED
    except Exception as exc:  # the run itself failed: nothing half-written is left behind
        logging.getLogger(__name__).exception("run failed")
        print(f"error: the run failed: {exc}", file=sys.stderr)
        return EXIT_RUN_FAILED
    inputs = summary.manifest["inputs"]
    if not args.quiet:
        outputs = summary.manifest["outputs"]
        counts = ", ".join(f"{name} {outputs[f'{name}.parquet']['rows']}" for name in TABLES)
        print(f"{inputs['seen']} inputs: {inputs['extracted']} extracted, {inputs['reused']} reused, "
              f"{inputs['failed']} failed → {args.out} ({counts})")
    return summary.exit_code
