"""Pages whose text layer cannot be used, read by Tesseract (`tha+eng`) from a 300 dpi rendering.

Tesseract is a system program (Debian: `tesseract-ocr tesseract-ocr-tha`). Without it, or
without its Thai data, pages that need OCR are left empty and the document says `needs_ocr`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium

DPI = 300
LANGUAGES = "tha+eng"
_TIMEOUT = 300  # seconds per page


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


def ocr_page(page: pdfium.PdfPage) -> str:
    """The page's text as Tesseract reads it from a rendering at DPI."""
    bitmap = page.render(scale=DPI / 72, grayscale=True)
    image = bitmap.to_pil()
    with tempfile.TemporaryDirectory(prefix="ita-ocr-") as folder:
        path = Path(folder) / "page.png"
        image.save(path)
        done = subprocess.run(
            ["tesseract", str(path), "stdout", "-l", LANGUAGES, "--dpi", str(DPI), "--psm", "4"],
            capture_output=True, text=True, timeout=_TIMEOUT, check=False,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
    if done.returncode != 0:
        raise RuntimeError(f"tesseract failed: {done.stderr.strip()[:200]}")
    return done.stdout
