"""Why an input could not be parsed; each becomes one `errors` row."""

from __future__ import annotations


class ParseError(Exception):
    """An input that cannot become a document; `error_type` names the kind of failure."""

    stage = "parse"
    error_type = "ParseError"

    def __init__(self, message: str, *, error_type: str | None = None, stage: str | None = None):
        super().__init__(message)
        if error_type:
            self.error_type = error_type
        if stage:
            self.stage = stage


class EmptyInput(ParseError):
    stage, error_type = "read", "EmptyInput"


class BinaryInput(ParseError):
    stage, error_type = "decode", "BinaryInput"


class UnknownEncoding(ParseError):
    stage, error_type = "decode", "UnknownEncoding"


class UnsupportedFormat(ParseError):
    stage, error_type = "read", "UnsupportedFormat"
