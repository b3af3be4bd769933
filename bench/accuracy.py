"""`make accuracy`: how right the scores are, per document and level (overall / tool / indicator /
sub-indicator / item), against what each document prints.

Truth: the golden score rows of the dev documents (tests/golden, read against the documents)
for their text, PDF and (with --scans) scan forms, and the rows every layout variant must give
(tests/variants.py) as text and as Word-made PDF (tests/variants_pdf). A row is correct when
its key (level, tool, part, indicator, sub-indicator, item code, year) and value are the truth's.
Precision = correct / rows given; recall = correct / rows printed; `verified` = the share of
the rows given that the arithmetic verified.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ita_extract.pipeline.batch.unit import parse, process_document  # noqa: E402
from tests.render_variants import OUT as VARIANT_PDFS  # noqa: E402
from tests.variants import variants  # noqa: E402

GOLDEN = ROOT / "tests" / "golden"
RAW = ROOT / "data" / "raw"
DEV = ROOT.parent / "shared" / "corpus" / "dev"
LEVELS = ("overall", "tool", "indicator", "sub_indicator", "item")
KEY = ("level", "tool", "tool_part", "indicator", "sub_indicator", "item_code", "score_year_be")


@dataclass(frozen=True)
class Case:
    document: str
    source: str  # text, pdf, scan
    path: Path
    truth: list[tuple]  # (key, value) rows


@dataclass
class Tally:
    expected: int = 0
    given: int = 0
    correct: int = 0
    verified: int = 0

    @property
    def precision(self) -> float | None:
        return self.correct / self.given if self.given else None

    @property
    def recall(self) -> float | None:
        return self.correct / self.expected if self.expected else None


def _key(row: dict) -> tuple:
    values = []
    for name in KEY:
        value = row.get(name)
        if isinstance(value, float) and value != value:  # NaN from JSON or pandas
            value = None
        values.append(int(value) if name in ("tool_part", "indicator", "score_year_be") and value is not None
                      else value)
    return tuple(values)


def dev_cases(scans: bool) -> Iterator[Case]:
    for text in sorted(RAW.glob("*.txt")):
        truth = [(_key(r), r["score"]) for r in json.loads((GOLDEN / f"{text.stem}.scores.json").read_text())]
        yield Case(text.stem[:3], "text", text, truth)
        forms = [("pdf", ".pdf"), *((("scan", ".scan.pdf"),) if scans else ())]
        for source, suffix in forms:
            path = DEV / f"{text.stem}{suffix}"
            if path.exists():
                yield Case(text.stem[:3], source, path, truth)


def variant_cases() -> Iterator[Case]:
    for variant in variants():
        truth = [((r.level, r.tool, r.tool_part, r.indicator, None, r.item_code, r.year), r.score)
                 for r in variant.rows]
        yield Case(variant.name, "text", Path(variant.name + variant.suffix), truth)
        pdf = VARIANT_PDFS / f"{variant.name}.pdf"
        if variant.renderable and pdf.exists():
            yield Case(variant.name, "pdf", pdf, truth)


def _text_of(case: Case) -> bytes:
    if case.path.exists():
        return case.path.read_bytes()
    return next(v.text for v in variants() if v.name == case.document).encode("utf-8")


def measure(cases: Iterable[Case]) -> dict[tuple[str, str, str], Tally]:
    """Tallies by (document, source, level)."""
    tallies: dict[tuple[str, str, str], Tally] = defaultdict(Tally)
    for case in cases:
        rows = process_document(parse(case.path, _text_of(case)), "0" * 64)["scores"]
        truth = {(key, value) for key, value in case.truth}
        for key, _ in case.truth:
            tallies[(case.document, case.source, key[0])].expected += 1
        for row in rows:
            tally = tallies[(case.document, case.source, row["level"])]
            tally.given += 1
            tally.correct += (_key(row), row["score"]) in truth
            tally.verified += row["verification"] == "verified"
    return tallies


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}"


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scans", action="store_true", help="also the dev scans (OCR; minutes)")
    args = parser.parse_args()
    report(measure([*dev_cases(args.scans), *variant_cases()]))


if __name__ == "__main__":
    main()
