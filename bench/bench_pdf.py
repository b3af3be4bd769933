"""`make bench`: pages/s of the full pipeline on born-digital PDFs against pdfium's bare text
extraction (the practical limit: pdfium must read every page's text anyway) and against plain
pdfplumber `extract_text()` + `extract_tables()`, in one process and one sitting, one worker.

Born-digital files: the dev PDFs and the files of ../shared/corpus/real and thai-pdf whose every
page has a usable text layer (scans and broken layers would time Tesseract, not the parser).

pdfium and the pipeline run in rounds, interleaved, so that a busier moment of the machine falls
on both; the ratio is of the medians. pdfplumber (ten times slower) runs once. Before each file
the pipeline's memo caches are emptied: in a run each PDF is read by a fresh fork of the worker
server, so nothing one document taught the caches helps the next (`--warm` keeps them, to see
what an archive of look-alike documents would gain).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from ita_extract.normalizers import dictionary, thai_text
from ita_extract.parsers.pdf import PageObjects, character_problem, words_problem
from ita_extract.pipeline.batch.unit import process_file

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
# The memo caches a document fills; a fresh worker fork starts without what they hold.
DOCUMENT_CACHES = (thai_text.repair_thai, thai_text._rejoin_run_text, thai_text._run_word_counts,
                   dictionary.tokenize)


def born_digital() -> list[Path]:
    candidates = sorted(CORPUS.glob("dev/*[0-9a-f].pdf"))
    candidates += sorted(CORPUS.glob("real/*.pdf")) + sorted(CORPUS.glob("thai-pdf/*.pdf"))
    chosen = []
    for path in candidates:
        pdf = pdfium.PdfDocument(path.read_bytes())
        usable = True
        for page in pdf:
            width, height = page.get_size()
            share = PageObjects.of(page).image_share(width * height)
            text = page.get_textpage().get_text_range()
            reason, thai = character_problem(text, share)
            if reason or words_problem(thai, [thai_text.repair_thai(text)]):
                usable = False
                break
        pdf.close()
        if usable:
            chosen.append(path)
    return chosen


def pdfium_text_run(paths: list[Path], warm: bool = False) -> int:
    """pdfium's bare text extraction: open, and each page's whole text."""
    pages = 0
    for path in paths:
        pdf = pdfium.PdfDocument(path.read_bytes())
        for page in pdf:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
            pages += 1
        pdf.close()
    return pages


def pipeline_run(paths: list[Path], warm: bool = False) -> int:
    pages = 0
    for path in paths:
        if not warm:
            for cache in DOCUMENT_CACHES:
                cache.cache_clear()
        rows = process_file(path).rows
        pages += len(rows.get("pages", []))
    return pages


def plumber_run(paths: list[Path], warm: bool = False) -> int:
    pages = 0
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()
                pages += 1
    return pages


RUNS: dict[str, Callable[..., int]] = {
    "pdfium text only": pdfium_text_run,
    "ita-extract (full pipeline)": pipeline_run,
    "pdfplumber text + tables": plumber_run,
}


def timed(run: Callable[..., int], paths: list[Path], warm: bool) -> tuple[int, float]:
    gc.collect()
    start = time.perf_counter()
    pages = run(paths, warm)
    return pages, time.perf_counter() - start


def peak_memory(run: Callable[..., int], paths: list[Path]) -> float:
    gc.collect()
    tracemalloc.start()
    run(paths)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return peak


def profile(paths: list[Path], top: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    pipeline_run(paths)
    profiler.disable()
    print(f"\nprofile of one pipeline pass (cProfile, top {top} by own time):")
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("tottime").print_stats(top)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument("--warm", action="store_true", help="keep the memo caches between documents")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="print the top N of a profile")
    parser.add_argument("--no-pdfplumber", action="store_true",
                        help="skip the pdfplumber baseline (40 s) and the memory peaks, to iterate on speed")
    args = parser.parse_args()
    paths = born_digital()
    if not paths:
        print("no born-digital PDFs found under ../shared/corpus", file=sys.stderr)
        return 1
    print(f"{len(paths)} born-digital PDFs, one worker, {args.rounds} rounds")
    pipeline_run(paths[:1])  # import and load the dictionary once, outside the timing
    seconds: dict[str, list[float]] = {name: [] for name in RUNS}
    pages: dict[str, int] = {}
    for round_ in range(args.rounds):
        for name, run in RUNS.items():
            if run is plumber_run and (round_ or args.no_pdfplumber):
                continue
            pages[name], elapsed = timed(run, paths, args.warm)
            seconds[name].append(elapsed)
    rate = {name: pages[name] / statistics.median(times) for name, times in seconds.items() if times}
    for name in seconds:
        if not seconds[name]:
            continue
        times = ", ".join(f"{t:.2f}" for t in seconds[name])
        print(f"{name:<30} {pages[name]:5d} pages {rate[name]:7.1f} pages/s  (s per round: {times})")
    ours = rate["ita-extract (full pipeline)"]
    print(f"ratio pipeline / pdfium text only: {ours / rate['pdfium text only']:.3f}")
    if not args.no_pdfplumber:
        print(f"ratio pipeline / pdfplumber: {ours / rate['pdfplumber text + tables']:.2f}x")
        our_peak, plumber_peak = peak_memory(pipeline_run, paths), peak_memory(plumber_run, paths)
        print(f"peak memory: pipeline {our_peak:.1f} MiB, pdfplumber {plumber_peak:.1f} MiB, ratio "
              f"{our_peak / plumber_peak:.2f}x (Python heap by tracemalloc; pdfium's own C heap is not "
              "counted)")
    if args.profile:
        profile(paths, args.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
