"""Tesseract as a system program: whether it is installed with its Thai data, how many pages it
reads at once, and the name of its temporary folders. Kept apart from parsers.ocr (numpy, PIL,
scipy) so the run can ask these without loading the OCR machinery."""

from __future__ import annotations

import os
import shutil
import subprocess
from functools import cache

# The pid after the prefix lets the run remove the folder of a worker it killed mid-OCR.
OCR_TEMP_PREFIX = "ita-ocr-"


@cache
def tesseract_available() -> bool:
    """Whether Tesseract and its Thai data are installed."""
    binary = shutil.which("tesseract")
    if binary is None:
        return False
    try:
        listed = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    languages = set(listed.stdout.split()) | set(listed.stderr.split())
    return {"tha", "eng"} <= languages


def ocr_threads() -> int:
    """Pages OCR'd at once within one document: ITA_OCR_THREADS, else the machine's cores."""
    value = os.environ.get("ITA_OCR_THREADS", "")
    return max(1, int(value)) if value.isdigit() else max(1, os.cpu_count() or 1)
