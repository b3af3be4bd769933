"""The same document as a text dump and as a born-digital PDF gives the same measures and
findings: the format decides how a document is read, never what it says. Compared without
white space, which the formats print differently (`มี ความ เห็น` / `มี ความเห็น`)."""

import pytest

from tests.accuracy import DEV, format_agreement

pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason="../shared/corpus is not beside the project")


def test_a_pdf_gives_the_measures_and_findings_of_its_text() -> None:
    agreements = format_agreement(scans=False)
    assert {a.document for a in agreements} == {"000", "002", "003"}
    assert [a for a in agreements if not a.in_text == a.given == a.same] == []
    assert sum(a.in_text for a in agreements if a.table == "measures") == 28
    assert sum(a.in_text for a in agreements if a.table == "findings") == 18
