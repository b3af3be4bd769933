"""Decoding of text dumps: UTF-8 (with or without BOM), UTF-16 with BOM, TIS-620/cp874.

Thai government text files are often TIS-620. The decoder never guesses
silently: a cp874 reading is accepted only when it yields Thai that the
dictionary recognises, otherwise the input is rejected with a clear error.
"""

from __future__ import annotations

import codecs
import unicodedata

from ita_extract.normalizers.thai_text import thai_word_ratio
from ita_extract.parsers.errors import BinaryInput, EmptyInput, UnknownEncoding

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ALLOWED_CONTROLS = set("\t\n\r\f")
_MAX_CONTROL_SHARE = 0.01
_MIN_THAI_WORD_RATIO = 0.6


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding name) of a text dump; raises a ParseError subclass when it is not text."""
    if not data.strip():
        raise EmptyInput("the file is empty (no text at all)")
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(name), name), name
    if b"\x00" in data:
        raise BinaryInput("binary data (NUL bytes), not a text dump")
    try:
        return _checked(data.decode("utf-8"), "utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp874")
    except UnicodeDecodeError as exc:
        raise UnknownEncoding(
            f"not UTF-8 and not TIS-620/cp874 (undefined byte 0x{data[exc.start]:02x} "
            f"at offset {exc.start})"
        ) from None
    text = _checked(text, "cp874")
    ratio = thai_word_ratio(text)
    if ratio is None or ratio < _MIN_THAI_WORD_RATIO:
        raise UnknownEncoding(
            "not UTF-8; read as TIS-620/cp874 it is not Thai "
            f"(dictionary-word ratio {ratio if ratio is not None else 0:.2f})"
        )
    return text, "cp874"


def _checked(text: str, encoding: str) -> str:
    controls = sum(
        1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS
    )
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise BinaryInput(f"binary data: {controls} control characters when read as {encoding}")
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
