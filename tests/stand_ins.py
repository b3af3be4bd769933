"""Stand-ins for system programs, put first on PATH, so that a slow step happens for certain
instead of by timing: a Tesseract that starts reading and never finishes. A test that needs a
document to run past its time limit, or a run to be mid-extraction when it is killed, feeds a
scanned page to this Tesseract; how loaded the machine is changes nothing."""

from __future__ import annotations

import os
import time
from pathlib import Path

from PIL import Image, ImageDraw


def scanned_page(path: Path) -> Path:
    """A one-page PDF holding only an image of a few lines of ink: a scan, which is OCR'd (and
    reaches Tesseract within a moment: one small page)."""
    image = Image.new("L", (620, 877), 255)  # A4 at 75 dpi
    draw = ImageDraw.Draw(image)
    for line in range(8):
        for word in range(6):
            x = 60 + word * 85
            draw.rectangle((x, 80 + line * 40, x + 60, 80 + line * 40 + 14), fill=0)
    image.save(path, "PDF", resolution=75)
    return path


def hanging_tesseract(folder: Path) -> dict[str, str]:
    """An environment (for a subprocess, or to set with monkeypatch) whose `tesseract` says it
    reads Thai and English and, asked to read, marks `started(folder)` and waits for ever (or
    until the process that started it is gone)."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "tesseract"
    script.write_text("#!/bin/sh\n"
                      "case \"$*\" in *--list-langs*)"
                      " printf 'List of available languages (2):\\neng\\ntha\\n'; exit 0;; esac\n"
                      f"touch '{started(folder)}'\n"
                      # for ever, or until the worker that started it is gone (killed with -9)
                      'while kill -0 "$PPID" 2>/dev/null; do sleep 0.1; done\n', "utf-8")
    script.chmod(0o755)
    path = f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"
    return {**os.environ, "PATH": path, "PYTHAINLP_OFFLINE": "1"}


def started(folder: Path) -> Path:
    """The file the stand-in Tesseract creates when it is asked to read."""
    return folder / "ocr-started"


def wait_for(path: Path, give_up: float = 600) -> bool:
    """Whether `path` appeared (polled; `give_up` only keeps a broken test from hanging)."""
    deadline = time.monotonic() + give_up
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return path.exists()
