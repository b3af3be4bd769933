"""The tables made from a whole run at its end, by the writer: which files are one document in
several formats (`documents.edition_id`), the organisations merged across documents, and the
panel — one row per organisation, score year and score subject, across all documents.

- Editions: files of one organisation, document type, assessment year and plan year are one
  edition when at least half of what they print (scores with their values, measure titles) is
  alike: the same report as text, PDF and scan, though OCR misses or misreads a little. Never
  by file name. An edition is named `ed-` and the smallest doc_id among its files.
- Panel: a subject's value is the one with the best evidence (a verified row over an unverified
  one, a document of the score's own assessment year over a later one recalling it, text or a
  text layer over OCR); `agreed` when two or more editions print it, all alike; `single` when
  one edition prints it with one value; `conflict` when the values differ, wherever they were
  printed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import pyarrow as pa
import regex

from ita_extract.pipeline.dataset.schema import SUBJECT
from ita_extract.pipeline.dataset.validation import Rows

Row = dict[str, Any]
EDITION_ALIKE = 0.5  # the share of their printed content two files must share to be one edition
VERIFICATION_RANK = {"verified": 0, "corrected": 1, "unverified": 2, "conflict": 3}
_MEASURE_TITLE = 20  # letters and digits of a measure's title that name it
# What a measure's title is compared by: its Thai and Latin letters and digits, which formats and
# OCR print alike, not the spaces and marks between them (`E‐Service`, `E- Service`).
_TITLE_NOISE = regex.compile(r"[^\p{Thai}A-Za-z0-9]|[\u0e50-\u0e59\u0e3f\u0e2f\u0e46\u0e4f\u0e5a\u0e5b]")
_OCR = "ocr"


class Signatures:
    """What each document prints, collected as its tables stream to the writer: its scores
    (subject and value) and the beginnings of its measures' titles."""

    def __init__(self) -> None:
        self.of: dict[str, set[tuple]] = defaultdict(set)

    def observe(self, chunk: Mapping[str, pa.Table]) -> None:
        if "scores" in chunk and chunk["scores"].num_rows:
            columns = ["doc_id", *SUBJECT, "score"]
            for row in chunk["scores"].select(columns).to_pylist():
                self.of[row["doc_id"]].add(("score", *(row[c] for c in columns[1:])))
        if "measures" in chunk and chunk["measures"].num_rows:
            for row in chunk["measures"].select(["doc_id", "title"]).to_pylist():
                self.of[row["doc_id"]].add(("measure", _title_key(row["title"] or "")))


def _title_key(title: str) -> str:
    return _TITLE_NOISE.sub("", title)[:_MEASURE_TITLE]


def _alike(a: set[tuple], b: set[tuple]) -> bool:
    if not a and not b:
        return True
    return len(a & b) >= EDITION_ALIKE * len(a | b)


def editions(documents: Iterable[Row], signatures: Signatures) -> dict[str, str]:
    """doc_id → edition_id for every document."""
    groups: dict[tuple, list[str]] = defaultdict(list)
    first: dict[str, str] = {}  # doc_id → the smallest doc_id of its edition
    for doc in sorted(documents, key=lambda d: d["doc_id"]):
        if doc["org_id"] is None or doc["doc_type"] == "unknown":
            first[doc["doc_id"]] = doc["doc_id"]
        else:
            identity = (doc["org_id"], doc["doc_type"], doc["assessment_year_be"], doc["plan_year_be"])
            groups[identity].append(doc["doc_id"])
    for members in groups.values():
        first.update(_joined(members, signatures))
    return {doc_id: f"ed-{root}" for doc_id, root in first.items()}


def _joined(members: list[str], signatures: Signatures) -> dict[str, str]:
    """Files of one identity (in doc_id order) joined into editions when alike, each named by
    its smallest doc_id."""
    parent = {doc_id: doc_id for doc_id in members}

    def root(doc_id: str) -> str:
        while parent[doc_id] != doc_id:
            doc_id = parent[doc_id]
        return doc_id

    for k, a in enumerate(members):
        for b in members[k + 1:]:
            ra, rb = root(a), root(b)
            if ra != rb and _alike(signatures.of.get(a, set()), signatures.of.get(b, set())):
                parent[max(ra, rb)] = min(ra, rb)
    return {doc_id: root(doc_id) for doc_id in members}


def organisations(seen: Iterable[Row], documents: Iterable[Row], edition_of: Mapping[str, str]) -> list[Row]:
    """Every document's view of its organisation merged into one row per org_id: the place the
    documents state most often, every printed form, and the editions naming it."""
    merged: dict[str, list[Row]] = defaultdict(list)
    for row in seen:
        merged[row["org_id"]].append(row)
    counted: dict[str, set[str]] = defaultdict(set)
    for doc in documents:
        if doc["org_id"] is not None:
            counted[doc["org_id"]].add(edition_of[doc["doc_id"]])
    return [{"org_id": org_id, "org_name": _most_common(r["org_name"] for r in rows),
             "org_type": _most_common(r["org_type"] for r in rows),
             "district": _most_common(r["district"] for r in rows),
             "province": _most_common(r["province"] for r in rows),
             "name_variants": sorted({v for r in rows for v in r["name_variants"] or []}),
             "n_documents": len(counted[org_id])}
            for org_id, rows in sorted(merged.items())]


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return min(counts, key=lambda v: (-counts[v], v)) if counts else None


def panel(scores: Iterable[Row], documents: Iterable[Row], ocr_pages: set[tuple[str, int]],
          edition_of: Mapping[str, str]) -> list[Row]:
    """One row per organisation, score year and subject (see the module's doc)."""
    assessment = {d["doc_id"]: d["assessment_year_be"] for d in documents}
    subjects: dict[tuple, list[Row]] = defaultdict(list)
    for row in scores:
        if row["org_id"] is not None:
            subjects[(row["org_id"], *(row[c] for c in SUBJECT))].append(row)

    def evidence(row: Row) -> tuple:
        own_year = row["score_year_be"] is not None and row["score_year_be"] == assessment.get(row["doc_id"])
        ocr = (row["doc_id"], row["page"]) in ocr_pages
        return VERIFICATION_RANK[row["verification"]], not own_year, ocr, row["doc_id"]

    found = []
    for key, rows in subjects.items():
        rows = sorted(rows, key=evidence)
        values = sorted({row["score"] for row in rows})
        editions_printing = {edition_of[row["doc_id"]] for row in rows}
        status = "conflict" if len(values) > 1 else "agreed" if len(editions_printing) > 1 else "single"
        found.append({"org_id": key[0], **dict(zip(SUBJECT, key[1:], strict=True)), "score": rows[0]["score"],
                      "status": status, "values": values, "n_documents": len(editions_printing),
                      "doc_ids": list(dict.fromkeys(row["doc_id"] for row in rows)),
                      "verification": rows[0]["verification"]})
    return found


def derived_rows(documents: pa.Table, seen_organisations: list[pa.Table], scores: pa.Table, pages: pa.Table,
                 signatures: Signatures) -> tuple[dict[str, str], Rows]:
    """(doc_id → edition_id, the organisations and panel rows) of a run, from its documents,
    its documents' organisation rows, its scores and its pages."""
    identity = ["doc_id", "org_id", "doc_type", "assessment_year_be", "plan_year_be"]
    docs = documents.select(identity).to_pylist()
    edition_of = editions(docs, signatures)
    seen = [row for table in seen_organisations for row in table.to_pylist()]
    ocr_pages = {(p["doc_id"], p["page"]) for p in pages.to_pylist() if p["text_source"] == _OCR}
    score_rows = scores.select(["doc_id", "org_id", *SUBJECT, "score", "verification", "page"]).to_pylist()
    return edition_of, {"organisations": organisations(seen, docs, edition_of),
                        "panel": panel(score_rows, docs, ocr_pages, edition_of)}
