"""ita-extract: Thai ITA documents → typed Parquet tables."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ita-extract")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.1.0"

PARSER_VERSION = __version__
