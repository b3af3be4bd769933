"""Visual lines of a paragraph put back into one line, for the text layer and for OCR alike."""

from __future__ import annotations

import regex

# A line opening a numbered or bulleted point, or an item code: it begins its own paragraph.
POINT_OPENS = regex.compile(r"^\s*(?:\(?[0-9๐-๙]{1,2}[.)](?![0-9๐-๙])|[-•●▪☑☐☒■□✓✔]"
                            r"|[iIeEoO]\s?[0-9๐-๙]{1,2}\s)")
_THAI_END = regex.compile(r"[\u0e01-\u0e4f]$")
_THAI_START = regex.compile(r"^[\u0e01-\u0e4f]")


def join_lines(lines: list[str]) -> str:
    """Visual lines of one paragraph as one line: no space where a Thai word wraps, the space
    the text layer printed where a line ended on one."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if out and (out[-1].isspace() or not (_THAI_END.search(out) and _THAI_START.search(line))):
            out = out.rstrip() + " "
        out += line + (" " if raw[-1:].isspace() else "")
    return out.rstrip()
