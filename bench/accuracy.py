"""`make accuracy`: how right the scores are, per document and level (overall / tool / indicator /
sub-indicator / item), against what each document prints.

Truth: the golden score rows of the dev documents (tests/golden, read against the documents)
for their text, PDF and (with --scans) scan forms, and the rows every layout variant must give
(tests/variants.py) as text and as Word-made PDF (tests/variants_pdf), and every organisation's
rows of the results lists (tests/results_list_variants.py; their scan with --scans). A row is
correct when its key (level, tool, part, indicator, sub-indicator, item code, year; in a results
list, the organisation too) and value are the truth's. Then the blame of the altered twins, the
numbers left unread, and the measures and findings each format gives of the text's.
Precision = correct / rows given; recall = correct / rows printed; `verified` = the share of
the rows given that the arithmetic verified.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.accuracy import (  # noqa: E402
    LEVELS,
    Agreement,
    Tally,
    dev_cases,
    format_agreement,
    measure,
    results_cases,
    variant_cases,
)


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}"


def report_blame(blame: dict[tuple[str, str], tuple[int, bool]], precision: float | None,
                 out=sys.stdout) -> None:
    """On the altered twins (one value of a variant changed): how many of the values the
    arithmetic calls `conflict` are the altered one (precision), and whether it always is one."""
    found = sum(hit for _, hit in blame.values())
    print(f"\nblame on {len(blame)} altered twins: the altered value is a conflict in {found}; "
          f"blame precision {_pct(precision)} % ({found} of {sum(n for n, _ in blame.values())} "
          "conflict rows)", file=out)
    for (document, source), (n, hit) in sorted(blame.items()):
        if n != 1 or not hit:
            where = "among them" if hit else "MISSED"
            print(f"  {document} {source}: {n} conflict rows, altered value {where}",
                  file=out)


def report_unread(unread: dict[tuple[str, str], list[tuple]], expected: dict[tuple[str, str], int],
                  out=sys.stdout) -> None:
    """The numbers that could be scores and that no reader took, per document and source: 0 is
    the target on the dev documents and the variants, but for a variant printing a form no reader
    takes (questions without codes in a year whose form is not known); elsewhere each is a lead."""
    total = sum(len(found) for found in unread.values())
    print(f"\nunread numbers: {total} in {sum(1 for f in unread.values() if f)} of {len(unread)} "
          f"documents (dev and variants, every source); {sum(expected.values())} expected", file=out)
    for (document, source), found in sorted(unread.items()):
        for page, line, number, context in found:
            where = f"p. {page} " if page is not None else ""
            print(f"  {document} {source}: {where}line {line}: {number}  | {context[:120]}", file=out)


def report(tallies: dict[tuple[str, str, str], Tally], out=sys.stdout) -> None:
    print("| document | source | level | printed | given | correct | precision % | recall % | verified % |",
          file=out)
    print("|---|---|---|---|---|---|---|---|---|", file=out)
    for (document, source, level), t in sorted(tallies.items(), key=lambda i: (i[0][0], i[0][1],
                                                                                 LEVELS.index(i[0][2]))):
        verified = t.verified / t.given if t.given else None
        print(f"| {document} | {source} | {level} | {t.expected} | {t.given} | {t.correct} | "
              f"{_pct(t.precision)} | {_pct(t.recall)} | {_pct(verified)} |", file=out)
    print(file=out)
    for group, label in (("dev", "dev documents"), ("variant", "layout variants")):
        for level in LEVELS:
            total = Tally()
            for (document, _, lv), t in tallies.items():
                if lv == level and (document[0:3].isdigit() and len(document) == 3) == (group == "dev"):
                    total.expected += t.expected
                    total.given += t.given
                    total.correct += t.correct
                    total.verified += t.verified
            if total.expected or total.given:
                verified = total.verified / total.given if total.given else None
                print(f"{label}, {level}: precision {_pct(total.precision)} %, "
                      f"recall {_pct(total.recall)} %, verified {_pct(verified)} % "
                      f"({total.correct}/{total.given} given, {total.expected} printed)", file=out)


def report_formats(agreements: list[Agreement], out=sys.stdout) -> None:
    """What a PDF and a scan give of the measures and findings of the text of the same document."""
    print("\nmeasures and findings by format, against the text of the same document "
          "(a PDF's rows equal to the text's, white space aside; a scan's read alike and saying the same):",
          file=out)
    for a in agreements:
        verdict = "identical" if a.in_text == a.given == a.same else f"{a.same} the same"
        print(f"  {a.document} {a.source} {a.table}: {a.given} given of {a.in_text} in the text, {verdict}",
              file=out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scans", action="store_true",
                        help="also the dev scans, the scanned item tables and results lists (OCR; a minute)")
    args = parser.parse_args()
    measured = measure([*dev_cases(args.scans), *variant_cases(args.scans), *results_cases(args.scans)])
    report(measured)
    report_blame(measured.blame, measured.blame_precision)
    report_unread(measured.unread, measured.expected_unread)
    report_formats(format_agreement(args.scans))


if __name__ == "__main__":
    main()
