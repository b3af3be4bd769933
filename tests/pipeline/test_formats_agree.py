"""The same document as a text dump and as a born-digital PDF gives the same measures and
findings: the format decides how a document is read, never what it says. Compared without
white space, which the formats print differently (`มี ความ เห็น` / `มี ความเห็น`)."""

from pathlib import Path

import pytest

from ita_extract.pipeline.batch.unit import parse, process_document
from tests.accuracy import DEV, FINDING_FIELDS, MEASURE_FIELDS, format_agreement, printed
from tests.conftest import DEV_TEXTS

pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason="../shared/corpus is not beside the project")


def _read(path: Path) -> dict[str, list[dict]]:
    return process_document(parse(path, path.read_bytes()), "ab" * 32)


@pytest.mark.parametrize("text", DEV_TEXTS, ids=lambda p: p.stem[:3])
def test_a_pdf_gives_the_measures_and_findings_of_its_text_in_its_order(text: Path) -> None:
    as_text, as_pdf = _read(text), _read(DEV / f"{text.stem}.pdf")
    assert printed(as_pdf["measures"], MEASURE_FIELDS) == printed(as_text["measures"], MEASURE_FIELDS)
    assert printed(as_pdf["findings"], FINDING_FIELDS) == printed(as_text["findings"], FINDING_FIELDS)
    assert as_text["measures"] or as_text["findings"]


def test_make_accuracy_counts_every_pdf_row_as_its_texts() -> None:
    agreements = format_agreement(scans=False)
    assert {a.document for a in agreements} == {"000", "002", "003"}
    assert [a for a in agreements if not a.in_text == a.given == a.same] == []
    assert sum(a.in_text for a in agreements if a.table == "measures") == 28
    assert sum(a.in_text for a in agreements if a.table == "findings") == 18
