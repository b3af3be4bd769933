"""How right the scores are, per document and level (overall / tool / indicator /
sub-indicator / item), against what each document prints: the measure behind `make accuracy`
(bench/accuracy.py prints it) and tests/pipeline/test_accuracy.py (which holds it to 100 %).

Truth: the golden score rows of the dev documents (tests/golden, read against the documents)
for their text, PDF and scan forms, and the rows every layout variant must give
(tests/variants.py) as text and as Word-made PDF (tests/variants_pdf), and the totals and tools
of every organisation a results list lists (tests/results_list_variants.py) as text, PDF and (with
the dev scans) scan. A row is correct when its key (level, tool, part, indicator, sub-indicator,
item code, year; in a results list, the organisation too) and value are the truth's.
Precision = correct / rows given; recall = correct / rows printed; `verified` = the share of
the rows given that the arithmetic verified.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import regex

from ita_extract.pipeline.batch.unit import parse, process_document
from tests.conftest import CORPUS, GOLDEN, RAW
from tests.render_variants import OUT as VARIANT_PDFS
from tests.results_list_variants import results_variants
from tests.variants import variants

DEV = CORPUS / "dev"
LEVELS = ("overall", "tool", "indicator", "sub_indicator", "item")
KEY = ("level", "tool", "tool_part", "indicator", "sub_indicator", "item_code", "score_year_be")


@dataclass(frozen=True)
class Case:
    document: str
    source: str  # text, pdf, scan
    path: Path
    truth: list[tuple]  # (key, value) rows
    altered: tuple | None = None  # (key, value) of the one value an altered twin changed
    unread: int = 0  # numbers it prints in a form no reader takes, as its variant says
    by_org: bool = False  # a results list: its rows are told apart by their organisation too
    text: str | None = None  # a variant's text, where `path` names no file


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


def variant_cases(scans: bool = False) -> Iterator[Case]:
    for variant in variants():
        truth = [(_row_key(r), r.score) for r in variant.rows]
        altered = (_row_key(variant.altered), variant.altered.score) if variant.altered else None
        yield Case(variant.name, "text", Path(variant.name + variant.suffix), truth, altered, variant.unread)
        forms = [(".pdf", "pdf"), *(((".scan.pdf", "scan"),) if scans and variant.scanned else ())]
        for suffix, source in forms:
            path = VARIANT_PDFS / f"{variant.name}{suffix}"
            if variant.renderable and path.exists():
                yield Case(variant.name, source, path, truth, altered, variant.unread)


def results_cases(scans: bool) -> Iterator[Case]:
    for variant in results_variants():
        truth = [((*_row_key(row), org_id), row.score) for row, org_id in variant.truth_rows()]
        yield Case(variant.name, "text", Path(variant.name + variant.suffix), truth, by_org=True,
                   text=variant.text)
        forms = [(".pdf", "pdf"), *(((".scan.pdf", "scan"),) if scans and variant.scanned else ())]
        for suffix, source in forms:
            path = VARIANT_PDFS / f"{variant.name}{suffix}"
            if variant.renderable and path.exists():
                yield Case(variant.name, source, path, truth, by_org=True)


def _row_key(row) -> tuple:
    return (row.level, row.tool, row.tool_part, row.indicator, None, row.item_code, row.year)


def _text_of(case: Case) -> bytes:
    if case.path.exists():
        return case.path.read_bytes()
    if case.text is not None:
        return case.text.encode("utf-8")
    return next(v.text for v in variants() if v.name == case.document).encode("utf-8")


class Measured(dict[tuple[str, str, str], Tally]):
    """Tallies by (document, source, level), and the numbers each (document, source) left
    unread: (page, line, number, context)."""

    def __init__(self) -> None:
        super().__init__()
        self.unread: dict[tuple[str, str], list[tuple]] = {}
        self.expected_unread: dict[tuple[str, str], int] = {}  # what a variant leaves unread by design
        # altered twins: (document, source) → (conflict rows given, whether the altered value is one)
        self.blame: dict[tuple[str, str], tuple[int, bool]] = {}

    @property
    def blame_precision(self) -> float | None:
        """The share of the conflict rows of altered twins that are the altered value."""
        given = sum(n for n, _ in self.blame.values())
        return sum(found for _, found in self.blame.values()) / given if given else None


def measure(cases: Iterable[Case]) -> Measured:
    """Tallies by (document, source, level), with the unread numbers."""
    tallies = Measured()
    for case in cases:
        tables = process_document(parse(case.path, _text_of(case)), "0" * 64)
        rows = tables["scores"]
        tallies.unread[(case.document, case.source)] = [
            (u["page"], u["line"], u["number"], u["context"]) for u in tables["unread"]]
        tallies.expected_unread[(case.document, case.source)] = case.unread
        truth = {(key, value) for key, value in case.truth}
        if case.altered:
            conflicts = {(_key(row), row["score"]) for row in rows if row["verification"] == "conflict"}
            tallies.blame[(case.document, case.source)] = (len(conflicts), case.altered in conflicts)
        for key, _ in case.truth:
            tallies.setdefault((case.document, case.source, key[0]), Tally()).expected += 1
        for row in rows:
            tally = tallies.setdefault((case.document, case.source, row["level"]), Tally())
            tally.given += 1
            key = (*_key(row), row["org_id"]) if case.by_org else _key(row)
            tally.correct += (key, row["score"]) in truth
            tally.verified += row["verification"] == "verified"
    return tallies


# -- measures and findings by format: what a PDF and a scan give of what the text gives --------

MEASURE_FIELDS = ("seq", "title", "issue_area", "tool", "indicator", "item_codes", "steps", "responsible",
                  "timeframe_raw", "period_start", "period_end", "follow_up", "status", "result")
FINDING_FIELDS = ("kind", "text", "issue_area", "tool", "indicator", "sub_indicator", "item_codes")
# What OCR may misread inside a row's text; what it says of the row (its place in the analysis,
# its period, its status) must be the text's.
_MEASURE_STRUCTURE = ("seq", "issue_area", "tool", "indicator", "item_codes", "period_start", "period_end",
                      "status")
_FINDING_STRUCTURE = ("kind", "issue_area", "tool", "indicator", "sub_indicator", "item_codes")
_ALIKE = 0.7  # how alike (difflib ratio) a scan's row reads to the text's to be that row


@dataclass(frozen=True)
class Agreement:
    """One document's measures or findings in one format, against its text's."""
    document: str
    source: str  # pdf or scan
    table: str  # measures or findings
    in_text: int
    given: int
    same: int  # rows equal to a text row (white space aside); for a scan, read alike and saying the same


def printed(rows: list[dict], fields: tuple[str, ...]) -> list[tuple]:
    """Rows as compared across formats: without white space, which formats print differently
    (`มี ความ เห็น` / `มี ความเห็น`)."""
    return [tuple(regex.sub(r"\s+", "", str(row[f])) for f in fields) for row in rows]


def format_agreement(scans: bool) -> list[Agreement]:
    found = []
    for text in sorted(RAW.glob("*.txt")):
        as_text = process_document(parse(text, text.read_bytes()), "ab" * 32)
        forms = [("pdf", ".pdf"), *((("scan", ".scan.pdf"),) if scans else ())]
        for source, suffix in forms:
            path = DEV / f"{text.stem}{suffix}"
            if not path.exists():
                continue
            other = process_document(parse(path, path.read_bytes()), "ab" * 32)
            for table, fields, structure in (("measures", MEASURE_FIELDS, _MEASURE_STRUCTURE),
                                             ("findings", FINDING_FIELDS, _FINDING_STRUCTURE)):
                same = _same_rows(other[table], as_text[table], fields) if source == "pdf" \
                    else _alike_rows(other[table], as_text[table], structure)
                found.append(Agreement(text.stem[:3], source, table, len(as_text[table]), len(other[table]),
                                       same))
    return found


def _same_rows(rows: list[dict], truth: list[dict], fields: tuple[str, ...]) -> int:
    left = list(printed(truth, fields))
    same = 0
    for row in printed(rows, fields):
        if row in left:
            left.remove(row)
            same += 1
    return same


def _alike_rows(rows: list[dict], truth: list[dict], structure: tuple[str, ...]) -> int:
    """Rows read alike to a text row (their printed source) that say what it says."""
    free = list(truth)
    same = 0
    for row in rows:
        ratios = [difflib.SequenceMatcher(None, row["source_text"], t["source_text"], autojunk=False).ratio()
                  for t in free]
        if ratios and max(ratios) >= _ALIKE:
            twin = free.pop(ratios.index(max(ratios)))
            same += printed([row], structure) == printed([twin], structure)
    return same
