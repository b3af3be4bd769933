"""Parsers turn input bytes into the document model of `parsers.model`."""

from ita_extract.parsers.model import Block, Cell, Document, Page, Row
from ita_extract.parsers.registry import ParseError, parse_file, supported_suffixes

__all__ = ["Block", "Cell", "Document", "Page", "ParseError", "Row", "parse_file",
           "supported_suffixes"]
