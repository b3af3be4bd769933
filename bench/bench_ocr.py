"""`make bench-ocr`: how well OCR reads numbers, and what it costs, on the dev scans against their
text twins (../shared/corpus/dev: `X.scan.pdf` beside `X.txt`).

- Digits: every number of the twin (Thai or Arabic digits, decimals kept) against the numbers
  of the scan's extracted page text, aligned in reading order; the share read right, before
  (Tesseract alone) and after the second reading of every number by its glyphs
  (parsers.digits), and which digit was read as which where a number of the same length
  differs (the confusions the arithmetic may undo: normalizers/data/ocr_digit_confusions.csv).
- Scores: the scan's score rows against the twin's (same subject, year and value), with how
  many the arithmetic corrected (`verification = corrected`) and how many differ unflagged.
- Time: seconds per page of the pipeline (OCR with the second reading) against plain
  Tesseract (`tesseract page.png - -l tha+eng`) on the same 300 dpi grey page images the
  pipeline renders, one thread each.
"""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpus" / "dev"
_NUMBER = regex.compile(r"[0-9๐-๙]+(?:\.[0-9๐-๙]+)?")
_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def numbers(text: str) -> list[str]:
    """Every number of `text` in reading order, in Arabic digits."""
    return [match.group().translate(_ARABIC) for match in _NUMBER.finditer(text)]


def aligned(truth: list[str], read: list[str]) -> tuple[int, Counter]:
    """How many of `truth` were read right (in order), and (true digit, read digit) counts
    where a number was read with the same length but other digits."""
    matcher = difflib.SequenceMatcher(a=truth, b=read, autojunk=False)
    right = sum(block.size for block in matcher.get_matching_blocks())
    confusions: Counter = Counter()
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace" and i2 - i1 == j2 - j1:
            for true, got in zip(truth[i1:i2], read[j1:j2], strict=True):
                if len(true) == len(got):
                    confusions.update((a, b) for a, b in zip(true, got, strict=True) if a != b)
    return right, confusions


def _key(row: dict) -> tuple:
    return (row["level"], row["tool"], row["indicator"], row["sub_indicator"], row["item_code"],
            row["score_year_be"])


def score_figures(scan_rows: list[dict], twin_rows: list[dict]) -> dict[str, int]:
    """The scan's score rows against the twin's: right, right through a correction, and wrong
    but not flagged (`verified` or `corrected` with a value the twin does not print)."""
    truth = {(_key(row), row["score"]) for row in twin_rows}
    right = [row for row in scan_rows if (_key(row), row["score"]) in truth]
    wrong_unflagged = [row for row in scan_rows if (_key(row), row["score"]) not in truth
                       and row["verification"] not in ("unverified", "conflict")]
    return {"twin": len(truth), "right": len({(_key(row), row["score"]) for row in right}),
            "corrected": sum(row["verification"] == "corrected" for row in right),
            "wrong_unflagged": len(wrong_unflagged)}


def digit_figures(pages: list[dict], twin_text: str) -> tuple[int, int, Counter]:
    read = numbers("\n".join(page["text"] for page in sorted(pages, key=lambda p: p["page"])))
    truth = numbers(twin_text)
    right, confusions = aligned(truth, read)
    return len(truth), right, confusions


def extracted(path: Path, reread: bool = True) -> tuple[dict, float]:
    from ita_extract.parsers import ocr
    from ita_extract.pipeline.batch.unit import process_file
    ocr.REREAD_NUMBERS = reread
    try:
        started = time.perf_counter()
        rows = process_file(path).rows
        return rows, time.perf_counter() - started
    finally:
        ocr.REREAD_NUMBERS = True


def plain_tesseract_seconds(scan: Path) -> tuple[float, int]:
    """Seconds of `tesseract page.png - -l tha+eng` over the scan's 300 dpi page images."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(scan.read_bytes())
    with tempfile.TemporaryDirectory() as folder:
        images = []
        for index, page in enumerate(pdf):
            path = Path(folder) / f"{index:03d}.png"
            page.render(scale=300 / 72, grayscale=True).to_pil().save(path)
            images.append(path)
        started = time.perf_counter()
        for path in images:
            subprocess.run(["tesseract", str(path), "-", "-l", "tha+eng"], capture_output=True, check=True,
                           env={**os.environ, "OMP_THREAD_LIMIT": "1"})
        return time.perf_counter() - started, len(images)


def main() -> int:
    from ita_extract.parsers.tesseract import tesseract_available
    os.environ["ITA_OCR_THREADS"] = "1"
    pairs = [(scan, DEV / scan.name.replace(".scan.pdf", ".txt")) for scan in sorted(DEV.glob("*.scan.pdf"))]
    if not pairs or not tesseract_available():
        print("needs ../shared/corpus/dev and tesseract-ocr with Thai data", file=sys.stderr)
        return 2
    total = right_total = before_total = pages_total = 0
    confusions: Counter = Counter()
    ours_total = plain_total = before_seconds = 0.0
    print(f"{'scan':30} {'numbers right before':>20} {'after':>16} {'scores right':>12} {'corrected':>9} "
          f"{'wrong unflagged':>15} {'s/page ours':>11} {'s/page plain':>12}")
    # What a worker loads once (the word list of Thai repair, the glyph templates) is loaded
    # before any clock starts, as the run's workers do (pipeline/_preload.py).
    import ita_extract.pipeline.batch.preload  # noqa: F401
    for scan, twin in pairs:
        twin_rows, _ = extracted(twin)
        rows, ours = extracted(scan)
        before_rows, alone = extracted(scan, reread=False)
        before_seconds += alone
        plain, pages = plain_tesseract_seconds(scan)
        count, right, found = digit_figures(rows.get("pages", []), twin.read_text("utf-8"))
        _, before, _ = digit_figures(before_rows.get("pages", []), twin.read_text("utf-8"))
        scores = score_figures(rows.get("scores", []), twin_rows.get("scores", []))
        total, right_total, before_total = total + count, right_total + right, before_total + before
        pages_total, ours_total, plain_total = pages_total + pages, ours_total + ours, plain_total + plain
        confusions += found
        print(f"{scan.name:30} {before:>7}/{count:<4} {before / count:7.1%} "
              f"{right:>5}/{count:<4} {right / count:6.1%} "
              f"{scores['right']:>5}/{scores['twin']:<6} {scores['corrected']:>9} "
              f"{scores['wrong_unflagged']:>15} {ours / pages:11.2f} {plain / pages:12.2f}")
    print(f"\nnumbers read right: before the second reading {before_total}/{total} = "
          f"{before_total / total:.1%}, "
          f"after {right_total}/{total} = {right_total / total:.1%}")
    print(f"seconds per page, one thread: ours {ours_total / pages_total:.2f} (without the second reading "
          f"{before_seconds / pages_total:.2f}), plain Tesseract {plain_total / pages_total:.2f}, "
          f"ratio {ours_total / plain_total:.2f}")
    print("digit confusions left (true → read: times):",
          ", ".join(f"{a}→{b}: {n}" for (a, b), n in confusions.most_common()) or "none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
