"""`make bench`: pages/s and peak memory of the full pipeline on born-digital PDFs, against plain
pdfplumber `extract_text()` + `extract_tables()` over the same files in the same process.

Born-digital files: the dev PDFs and the files of ../shared/corpus/real and thai-pdf whose every
page has a usable text layer (scans and broken layers would time Tesseract, not the parser).
"""

from __future__ import annotations

import gc
import sys
import time
import tracemalloc
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from ita_extract.parsers.pdf import _image_share, unusable_text_layer
from ita_extract.pipeline.extract import extract_file

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def born_digital() -> list[Path]:
    candidates = sorted(CORPUS.glob("dev/*[0-9a-f].pdf"))
    candidates += sorted(CORPUS.glob("real/*.pdf")) + sorted(CORPUS.glob("thai-pdf/*.pdf"))
    chosen = []
    for path in candidates:
        pdf = pdfium.PdfDocument(path.read_bytes())
        usable = True
        for page in pdf:
            width, height = page.get_size()
            if unusable_text_layer(page.get_textpage().get_text_range(), _image_share(page, width * height)):
                usable = False
                break
        pdf.close()
        if usable:
            chosen.append(path)
    return chosen


def pipeline_run(paths: list[Path]) -> int:
    pages = 0
    for path in paths:
        rows = extract_file(path, path.parent).rows
        pages += len(rows.get("pages", []))
    return pages


def plumber_run(paths: list[Path]) -> int:
    pages = 0
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()
                pages += 1
    return pages


def measure(name: str, run, paths: list[Path]) -> tuple[float, float]:
    gc.collect()
    tracemalloc.start()
    start = time.perf_counter()
    pages = run(paths)
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    rate = pages / elapsed
    print(f"{name:<34} {pages:5d} pages {elapsed:7.2f} s {rate:7.1f} pages/s  peak {peak:7.1f} MiB")
    return rate, peak


def main() -> int:
    paths = born_digital()
    if not paths:
        print("no born-digital PDFs found under ../shared/corpus", file=sys.stderr)
        return 1
    print(f"{len(paths)} born-digital PDFs")
    pipeline_run(paths[:1])  # warm the dictionary and caches once, outside the timing
    ours, our_peak = measure("ita-extract (full pipeline)", pipeline_run, paths)
    base, base_peak = measure("pdfplumber text + tables", plumber_run, paths)
    print(f"speed ratio (pipeline / pdfplumber): {ours / base:.2f}x")
    print(f"peak memory ratio (pipeline / pdfplumber): {our_peak / base_peak:.2f}x "
          "(Python heap by tracemalloc; pdfium's own C heap is not counted)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
