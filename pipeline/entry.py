"""The command's front door: `ita-extract --version` is answered from a few small modules (the
version, the contract's, the cache key, whether the C extensions load); an extraction starts the
worker server first (pipeline.batch.server), so the workers' imports overlap the pipeline's;
everything goes to the command line proper (pipeline.cli), which loads the pipeline."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
from pathlib import Path

import ita_extract
from ita_extract import __version__
from ita_extract.pipeline.batch.fingerprint import cache_key
from ita_extract.pipeline.dataset.contract import CONTRACT_VERSION

_EXTENSIONS = (("normalizers", "_newmm"), ("parsers", "_pdfium"))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        print(version_line())
        return 0
    if _extracts_locally(args):
        from ita_extract.pipeline.batch.server import start_server, worth_starting_early

        if worth_starting_early():
            start_server()  # its imports run beside the pipeline's, below
    from ita_extract.pipeline.cli import main as cli_main  # the pipeline, for everything else

    return cli_main(argv)


def _extracts_locally(args: list[str]) -> bool:
    """Whether the command is an extraction by this machine's workers (not help, not Dask)."""
    elsewhere = ("-h", "--help", "--scheduler")
    return args[:1] == ["extract"] and not any(a.split("=")[0] in elsewhere for a in args)


def version_line() -> str:
    """The code, the output contract and the cache key (a cache entry is reused only under the same
    key), and whether the C extensions load (without them the same rows come slower)."""
    native = "C extensions" if all(_loads(*ext) for ext in _EXTENSIONS) else "no C extensions: slower"
    return f"ita-extract {__version__} (contract {CONTRACT_VERSION}, cache {cache_key()}, {native})"


def _loads(package: str, name: str) -> bool:
    """Whether the compiled module `package.name` loads, found beside the package's sources and
    loaded alone (importing the package itself would load the parsers)."""
    for root in ita_extract.__path__:
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = Path(root) / package / f"{name}{suffix}"
            if not path.is_file():
                continue
            spec = importlib.util.spec_from_file_location(f"ita_extract.{package}.{name}", path)
            if spec is None or spec.loader is None:
                return False
            try:
                spec.loader.exec_module(importlib.util.module_from_spec(spec))
            except ImportError:
                return False
            return True
    return False
