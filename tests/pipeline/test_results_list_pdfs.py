"""The results lists as Word-made PDFs and as a scan (tests/variants_pdf, `make variants`): the
PDFs give exactly the rows of their texts; the scan, read by OCR, gives every total right or not
at all, and never a wrong one as `verified`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ita_extract.parsers.tesseract import tesseract_available
from ita_extract.pipeline.batch.unit import parse, process_document
from tests.pipeline.ita.test_results_lists import assert_gives_its_rows
from tests.render_variants import OUT, text_sha256
from tests.results_list_variants import ResultsVariant, results_variants

pytestmark = pytest.mark.slow

RENDERED = [v for v in results_variants() if v.renderable]
SCANNED = [v for v in RENDERED if v.scanned]


def _rows(path: Path) -> dict[str, list[dict]]:
    return process_document(parse(Path(path.name), path.read_bytes()), "ef" * 32)


def test_every_results_list_has_a_pdf_of_its_current_text() -> None:
    manifest = json.loads((OUT / "manifest.json").read_text())
    assert RENDERED and SCANNED
    assert all(manifest.get(v.name) == text_sha256(v.text) for v in RENDERED), "run `make variants`"
    assert all((OUT / f"{v.name}.scan.pdf").exists() for v in SCANNED)


@pytest.mark.parametrize("variant", RENDERED, ids=lambda v: v.name)
def test_each_results_list_pdf_gives_exactly_its_rows(variant: ResultsVariant) -> None:
    rows = _rows(OUT / f"{variant.name}.pdf")
    assert_gives_its_rows(variant, rows)
    assert all(r["page"] for r in rows["scores"])


# What OCR (Tesseract 5, tha+eng, Kinnari rendered at 150 dpi) recovers of each scan, measured:
# (right rows, right rows verified, unread numbers: OCR artefacts, shown). The points are in
# Arabic digits, and their sums verify the totals; one OIT points cell of the letter is read
# `[9,22` (no number), which leaves its total unverified. The announcement prints Thai digits,
# which Tesseract takes for letters (๘๑.๔๖ as `81.ฮซ่อ`, ๘๘.๗๙ as `565.@55`): their glyphs are
# read again (parsers.glyph_numbers), across the point, in words with no digit left (`Vo.we`);
# of its 40 scores 39 come out right (29 before that), 36 of them verified (12 before).
RECOVERED = {"results-points_letter": (10, 9, 1), "results-points_bare_headers": (10, 10, 0),
             "results-scores_announcement": (39, 36, 1)}


def test_every_scanned_results_list_has_its_measured_floor() -> None:
    assert set(RECOVERED) == {v.name for v in SCANNED}


@pytest.mark.skipif(not tesseract_available(), reason="tesseract-ocr with Thai data is not installed")
@pytest.mark.parametrize("variant", SCANNED, ids=lambda v: v.name)
def test_a_scanned_results_list_is_read_right_or_flagged(variant: ResultsVariant) -> None:
    rows = _rows(OUT / f"{variant.name}.scan.pdf")
    document = rows["documents"][0]
    assert (document["doc_type"], document["org_name"]) == ("results", variant.own)
    own = next((e.overall for e in variant.expected if e.org_name == variant.own), None)
    assert document["overall_score"] == own
    want = {(org_id, row.level, row.tool): row.score
            for row, org_id in variant.truth_rows()}
    given = {(r["org_id"], r["level"], r["tool"]): r for r in rows["scores"]}
    wrong = [r for key, r in given.items() if want.get(key) != r["score"]]
    assert not [r for r in wrong if r["verification"] == "verified"]  # a misread is never verified
    right = [r for key, r in given.items() if want.get(key) == r["score"]]
    floor_right, floor_verified, most_unread = RECOVERED[variant.name]
    assert len(right) >= floor_right
    assert sum(r["verification"] == "verified" for r in right) >= floor_verified
    assert len(rows["unread"]) <= most_unread
