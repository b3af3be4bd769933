"""Command line: `ita-extract extract|schema|report|show|export`."""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import signal
import sys
from pathlib import Path

# Only what describes the command: `--help` loads no pipeline (the run, the writer, pyarrow and the
# exports are loaded by the command that needs them, below).
from ita_extract.pipeline.batch.inputs import DEFAULT_MAX_DEPTH, DEFAULT_MAX_MB, printable
from ita_extract.pipeline.batch.options import (
    DEFAULT_TIME_LIMIT,
    EXIT_RUN_FAILED,
    EXIT_USAGE,
    MEMORY_MB_BOUNDS,
    RunOptions,
)
from ita_extract.pipeline.dataset.export_catalog import FORMATS, views
from ita_extract.pipeline.dataset.layout import DEFAULT_KEEP_RUNS, MANIFEST, REPORT
from ita_extract.pipeline.entry import version_line

log = logging.getLogger(__name__)
EXIT_INTERRUPTED = 130  # the shell's code for a run ended by Ctrl-C (128 + SIGINT)
EXIT_TERMINATED = 143  # 128 + SIGTERM: what cron, systemd and `timeout` send


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the run is, so it ends as Ctrl-C ends it: workers stopped, the
    cache kept, one line."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ita-extract",
        description="Extract Thai ITA documents into the Parquet tables of the output contract.",
    )
    parser.add_argument("--version", action=_Version, nargs=0,
                        help="print the code, contract and cache versions and exit")
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
    extract.add_argument("--max-memory-mb", type=float, default=None, metavar="MB",
                         help="address space each worker process may use, enforced by the OS: a "
                         "document needing more becomes an errors row (default: half the machine's "
                         f"memory shared by the workers, {MEMORY_MB_BOUNDS[0]:g} to "
                         f"{MEMORY_MB_BOUNDS[1]:g} each; 0: no limit)")
    extract.add_argument("--follow-symlinks", action="store_true",
                         help="also read symlinks to files or folders outside RAW (by default they are "
                         "listed in manifest.json as skipped)")
    extract.add_argument("--keep-runs", type=_positive_int, default=DEFAULT_KEEP_RUNS, metavar="N",
                         help="run folders kept in OUT/runs, the current one included; readers that "
                         f"resolved OUT/current earlier can finish reading (default: {DEFAULT_KEEP_RUNS})")
    extract.add_argument("--max-depth", type=_positive_int, default=DEFAULT_MAX_DEPTH, metavar="N",
                         help="folders below RAW walked into; deeper ones are listed in manifest.json as "
                         f"skipped (default: {DEFAULT_MAX_DEPTH})")
    extract.add_argument("--log-file", type=Path, metavar="FILE",
                         help="append warnings and errors, with times, to FILE")

    schema = commands.add_parser(
        "schema",
        help="print or write the data dictionary generated from the schema",
        description="Print the data dictionary (Markdown) generated from pipeline/schema.py.",
    )
    schema.add_argument("--write", type=Path, metavar="FILE",
                        help="write it to FILE (e.g. docs/data-dictionary.md) instead of stdout")

    report = commands.add_parser(
        "report", help="rebuild OUT/report.html from the current run's tables",
        description="Rebuild OUT/report.html (every run writes it): the run's counts and a card per "
        "document with its score tree, each value's verification and source. One self-contained file.")
    report.add_argument("--dataset", "--out", dest="out", type=Path, default=Path("data/processed"),
                        help="the dataset: the folder a run wrote with `extract --out` (default: "
                        "data/processed)")

    show = commands.add_parser(
        "show", help="draw a page of a PDF with boxes around what its rows were read from",
        description="Write a PNG of page PAGE of the PDF document DOC (a doc_id, or its first "
        "characters) with a box around each line or table row its scores (red), measures (blue) "
        "and findings (green) were read from (the tables' bbox columns). The PDF is read again from "
        "the run's raw folder, and refused if it changed since.")
    show.add_argument("doc", metavar="DOC", help="doc_id (or its first characters)")
    show.add_argument("page", metavar="PAGE", type=_positive_int, help="1-based page")
    show.add_argument("--dataset", "--out", dest="out", type=Path, default=Path("data/processed"),
                      help="the dataset (default: data/processed)")
    show.add_argument("--line", type=_positive_int, metavar="LINE",
                      help="only the rows read from this line of the page (the report names it), and "
                      "only the band of the page around them")
    show.add_argument("--to", type=Path, metavar="FILE",
                      help="where the PNG goes (default: DOC-pPAGE.png in the current folder)")

    export = commands.add_parser(
        "export", help="write the current run's tables as DuckDB, CSV, xlsx or SQLite",
        description="Written into the dataset folder. duckdb: ita.duckdb with every table, lookup "
        "tables and views joining them "
        f"({', '.join(views())}), every column commented. csv: csv/<table>.csv, UTF-8 with a BOM "
        "(Excel shows the Thai), list columns as JSON arrays, the lookups as lookup_<name>.csv. "
        "xlsx: ita.xlsx, a sheet per table and lookup. sqlite: ita.sqlite (datasette opens it). "
        "Each export holds the run it was made from (export_info); later runs keep it up to date.")
    export.add_argument("--dataset", "--out", dest="out", type=Path, default=Path("data/processed"),
                        help="the dataset: the folder a run wrote with `extract --out`, where the "
                        "export is written too (default: data/processed; --out is the old name)")
    export.add_argument("--format", choices=FORMATS, required=True, action="append",
                        help="duckdb, csv or xlsx (repeat for several)")
    return parser


class _Version(argparse.Action):
    """--version, worked out only when asked: the cache key hashes every source file."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        print(version_line())
        parser.exit()


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


class _ConsoleOnly(logging.Filter):
    """Records marked `extra={"console": False}` (already printed as one line) go to the log file only."""

    def filter(self, record: logging.LogRecord) -> bool:
        return getattr(record, "console", True)


class _OneLine(logging.Formatter):
    """The console gets one line per record, its control characters shown (a file name cannot
    clear the screen or forge a line); tracebacks go to --log-file."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname} {printable(record.getMessage())}"


class _Escaped(logging.Formatter):
    """--log-file: one record per line (a newline in a file name cannot forge an `ERROR` line)."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        record.message = printable(record.message)
        return super().formatMessage(record)


def _logging(quiet: bool, log_file: Path | None) -> None:
    console = logging.StreamHandler()
    console.setLevel(logging.ERROR if quiet else logging.WARNING)
    console.setFormatter(_OneLine())
    console.addFilter(_ConsoleOnly())
    handlers: list[logging.Handler] = [console]
    if log_file:
        to_file = logging.FileHandler(log_file, encoding="utf-8")
        to_file.setLevel(logging.INFO)
        to_file.setFormatter(_Escaped("%(asctime)s %(levelname)s %(name)s %(message)s"))
        handlers.append(to_file)
    logging.basicConfig(level=logging.INFO if log_file else logging.WARNING, handlers=handlers, force=True)


def _fail(message: str, code: int, exc: BaseException | None = None) -> int:
    """One line on stderr; the same, with the traceback if any, in --log-file."""
    print(f"error: {printable(message)}", file=sys.stderr)
    log.error("%s", message, exc_info=exc, extra={"console": False})
    return code


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "schema":
        from ita_extract.pipeline.dataset.dictionary import data_dictionary

        text = data_dictionary()
        if args.write:
            args.write.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return 0
    if args.command in ("report", "export", "show"):
        _logging(False, None)
        if args.command == "show":
            return _show(args.out, args.doc, args.page, args.to, args.line)
        return _report(args.out) if args.command == "report" else _export(args.out, args.format)
    _logging(args.quiet, args.log_file)
    return _extract(args)


def _extract(args: argparse.Namespace) -> int:
    from ita_extract.pipeline.batch.cache import ResultCache
    from ita_extract.pipeline.batch.run import run
    from ita_extract.pipeline.dataset.export import stale_exports
    from ita_extract.pipeline.dataset.store import OutputFolderError, OutputLocked

    problem = _usage_problem(args)
    if problem:
        return _fail(problem, EXIT_USAGE)
    options = RunOptions(workers=args.workers, scheduler=args.scheduler, force=args.force,
                         time_limit=args.time_limit, progress=not args.quiet and sys.stderr.isatty(),
                         follow_symlinks=args.follow_symlinks,
                         max_mb={kind: getattr(args, f"max_{kind}_mb") for kind in DEFAULT_MAX_MB},
                         memory_mb=args.max_memory_mb, keep_runs=args.keep_runs, max_depth=args.max_depth)
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        summary = run(args.raw, args.out, options)
    except KeyboardInterrupt as exc:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second SIGTERM while we say so
        kept = ResultCache(args.out).count() if args.out.is_dir() else 0
        how, code = ("terminated", EXIT_TERMINATED) if isinstance(exc, Terminated) else \
            ("interrupted", EXIT_INTERRUPTED)
        return _fail(f"{how}; {kept} documents kept in the cache (the next run reuses them)", code)
    except (OutputLocked, OutputFolderError) as exc:
        return _fail(str(exc), EXIT_RUN_FAILED)
    except Exception as exc:  # the run itself failed: nothing half-written is left behind
        return _fail(f"the run failed: {type(exc).__name__}: {exc}", EXIT_RUN_FAILED, exc)
    finally:
        signal.signal(signal.SIGTERM, previous)
    if not args.quiet:
        _print_summary(args.out, summary.manifest)
    stale = stale_exports(args.out)
    if stale:  # an export the user made earlier would now disagree with the tables: made again
        code = _export(args.out, stale, quiet=args.quiet)
        if code:
            return code
    return summary.exit_code


def _usage_problem(args: argparse.Namespace) -> str | None:
    from ita_extract.pipeline.batch.run import raw_inside_output

    if not args.raw.exists():
        return f"raw input not found (a folder or a file): {args.raw}"
    if args.out.exists() and not args.out.is_dir():
        return f"--out must be a folder; {args.out} is a file"
    inside = raw_inside_output(args.raw, args.out)
    if inside:
        return inside
    if args.scheduler and importlib.util.find_spec("distributed") is None:
        return "--scheduler needs Dask: pip install 'ita-extract[dask]'"
    return None


def _print_summary(out_dir: Path, manifest: dict) -> None:
    from ita_extract.pipeline.dataset.counts import count_run
    from ita_extract.pipeline.dataset.store import current_run

    folder = current_run(out_dir) or out_dir
    inputs = manifest["inputs"]
    for line in count_run(folder, manifest).lines():
        print(line)
    print(f"{inputs['extracted']} extracted, {inputs['reused']} reused from the cache → {out_dir}")
    if (out_dir / REPORT).exists():
        print(f"report: {out_dir / REPORT}")


def _report(out_dir: Path) -> int:
    from ita_extract.pipeline.dataset.report import write_report
    from ita_extract.pipeline.dataset.store import NoRun, OutputLocked, output_lock, run_tables

    try:
        folder = run_tables(out_dir)
        manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
        with output_lock(out_dir):
            write_report(folder, manifest)
    except NoRun as exc:
        return _fail(str(exc), EXIT_USAGE)
    except OutputLocked as exc:  # an extraction holds OUT: one line, no traceback
        return _fail(str(exc), EXIT_RUN_FAILED)
    except OSError as exc:  # a full disk: what was written before stays whole
        return _fail(f"the report could not be written: {exc.strerror or exc}", EXIT_RUN_FAILED)
    print(f"report: {out_dir / REPORT}")
    return 0


def _show(out_dir: Path, doc: str, page: int, target: Path | None, line: int | None) -> int:
    from ita_extract.pipeline.dataset.show import CannotShow, show
    from ita_extract.pipeline.dataset.store import NoRun

    target = target or Path(f"{doc}-p{page}" + (f"-l{line}" if line else "") + ".png")
    try:
        drawn = show(out_dir, doc, page, target, line)
    except (NoRun, CannotShow) as exc:
        return _fail(str(exc), EXIT_USAGE)
    except ValueError as exc:  # no such page
        return _fail(str(exc), EXIT_USAGE)
    except OSError as exc:
        return _fail(f"the picture could not be written: {exc.strerror or exc}", EXIT_RUN_FAILED)
    print(f"{target}: page {page}, {drawn} box(es)")
    return 0


def _export(out_dir: Path, formats: list[str], quiet: bool = False) -> int:
    from ita_extract.pipeline.dataset.export import export
    from ita_extract.pipeline.dataset.store import NoRun, OutputLocked, output_lock

    try:
        with output_lock(out_dir):
            for fmt in dict.fromkeys(formats):
                made = export(out_dir, fmt)
                if not quiet:
                    print(f"{fmt}: {made}")
    except NoRun as exc:
        return _fail(str(exc), EXIT_USAGE)
    except OutputLocked as exc:
        return _fail(str(exc), EXIT_RUN_FAILED)
    except OSError as exc:  # a full disk: the partial export is removed, an earlier one kept
        return _fail(f"the export could not be written: {exc.strerror or exc}", EXIT_RUN_FAILED)
    return 0
