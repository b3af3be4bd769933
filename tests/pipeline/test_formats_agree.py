"""The same document as a text dump and as a born-digital PDF gives the same measures and
findings: the format decides how a document is read, never what it says. Compared without
white space, which the formats print differently (`มี ความ เห็น` / `มี ความเห็น`)."""

import re
from pathlib import Path

import pytest

from ita_extract.pipeline.batch.unit import parse, process_document
from tests.conftest import CORPUS, DEV_TEXTS

DEV = CORPUS / "dev"
MEASURE_FIELDS = ("seq", "title", "issue_area", "tool", "indicator", "item_codes", "steps", "responsible",
                  "timeframe_raw", "period_start", "period_end", "follow_up", "status", "result")
FINDING_FIELDS = ("kind", "text", "issue_area", "tool", "indicator", "sub_indicator", "item_codes")
pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason="../shared/corpus is not beside the project")


def _read(path: Path) -> dict[str, list[dict]]:
    return process_document(parse(path, path.read_bytes()), "ab" * 32)


def _printed(rows: list[dict], fields: tuple[str, ...]) -> list[tuple]:
    return [tuple(re.sub(r"\s+", "", str(row[f])) for f in fields) for row in rows]


@pytest.mark.parametrize("text", DEV_TEXTS, ids=lambda p: p.stem[:3])
def test_a_pdf_gives_the_measures_and_findings_of_its_text(text: Path) -> None:
    as_text, as_pdf = _read(text), _read(DEV / f"{text.stem}.pdf")
    assert _printed(as_pdf["measures"], MEASURE_FIELDS) == _printed(as_text["measures"], MEASURE_FIELDS)
    assert _printed(as_pdf["findings"], FINDING_FIELDS) == _printed(as_text["findings"], FINDING_FIELDS)
    assert as_text["measures"] or as_text["findings"]
