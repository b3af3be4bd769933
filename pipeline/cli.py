"""Command line: `python -m pipeline extract|schema`."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from pipeline import PARSER_VERSION
from pipeline.run import EXIT_RUN_FAILED, EXIT_USAGE, run
from pipeline.schema import data_dictionary


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
        description="Extract every .txt/.md/.html file below RAW into Parquet tables in OUT. "
        "Exit code: 0 all inputs processed, 3 some inputs went to errors.parquet, "
        "1 the run itself failed, 2 usage error.",
    )
    extract.add_argument("--raw", type=Path, default=Path("data/raw"),
                         help="folder of input documents (default: data/raw)")
    extract.add_argument("--out", type=Path, default=Path("data/processed"),
                         help="folder for the Parquet outputs (default: data/processed)")
    extract.add_argument("-q", "--quiet", action="store_true", help="only print errors")

    schema = commands.add_parser(
        "schema",
        help="print or write the data dictionary generated from the schema",
        description="Print the data dictionary (Markdown) generated from pipeline/schema.py.",
    )
    schema.add_argument("--write", type=Path, metavar="FILE",
                        help="write it to FILE (e.g. docs/data-dictionary.md) instead of stdout")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "schema":
        text = data_dictionary()
        if args.write:
            args.write.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return 0
    logging.basicConfig(level=logging.ERROR if args.quiet else logging.WARNING,
                        format="%(levelname)s %(message)s")
    if not args.raw.is_dir():
        print(f"error: raw folder not found: {args.raw}", file=sys.stderr)
        return EXIT_USAGE
    try:
        summary = run(args.raw, args.out)
    except Exception as exc:  # the run itself failed: nothing half-written is left behind
        logging.getLogger(__name__).exception("run failed")
        print(f"error: the run failed: {exc}", file=sys.stderr)
        return EXIT_RUN_FAILED
    inputs = summary.manifest["inputs"]
    if not args.quiet:
        counts = ", ".join(f"{name.removesuffix('.parquet')} {o['rows']}"
                           for name, o in summary.manifest["outputs"].items())
        print(f"{inputs['seen']} inputs: {inputs['extracted']} extracted, "
              f"{inputs['failed']} failed → {args.out} ({counts})")
    return summary.exit_code
