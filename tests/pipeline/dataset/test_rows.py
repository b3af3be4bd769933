"""The rows of one document: where each was read (dataset.rows)."""

from __future__ import annotations

import pytest

from ita_extract.normalizers.digits import thai_digits_to_arabic
from ita_extract.pipeline.batch.unit import process_file
from tests.conftest import DEV_TEXTS


@pytest.mark.parametrize("path", DEV_TEXTS, ids=lambda p: p.name)
def test_a_text_dumps_rows_name_the_line_of_the_file_they_were_read_from(path) -> None:
    """Issue 27: a text dump's rows had no place at all (page is null there): each score,
    finding and measure now names its line in the file, where its value or text is printed."""
    rows = process_file(path).rows
    printed = [thai_digits_to_arabic(line) for line in path.read_text("utf-8").split("\n")]
    assert rows["scores"] and rows["findings"] or rows["measures"]
    for score in rows["scores"]:
        assert score["page"] is None and score["line"] >= 1
        line = printed[score["line"] - 1]
        assert f"{score['score']:.2f}".rstrip("0").rstrip(".") in line.replace(",", ""), (score, line)
    for table, column in (("findings", "text"), ("measures", "title")):
        for row in rows[table]:
            assert row["line"] >= 1
            opening = "".join((row[column] or "").split())[:6]  # spaces as repaired, not as printed
            nearby = "".join("".join(printed[row["line"] - 1:row["line"] + 2]).split())
            assert opening in nearby, (row[column], row["line"])
