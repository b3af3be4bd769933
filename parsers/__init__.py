"""Parsers turn input bytes into the document model of `parsers.model`."""

from parsers.model import Block, Cell, Document, Page, Row
from parsers.registry import ParseError, parse_file, supported_suffixes

__all__ = ["Block", "Cell", "Document", "Page", "ParseError", "Row", "parse_file",
           "supported_suffixes"]
