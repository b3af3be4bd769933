"""The data tables of the ITA room's knowledge: every row has exactly its header's fields."""

import pytest

from ita_extract.pipeline.ita import knowledge


@pytest.mark.parametrize("path", sorted(knowledge.FOLDER.glob("*.csv")), ids=lambda p: p.stem)
def test_every_data_table_reads_with_whole_rows(path) -> None:
    # Regression: `.{0,60}` in an unquoted pattern cut doc_types.csv and issue_areas.csv rows in two,
    # leaving the regexes `…ดำเนิน(?:การ|งาน).{0` that matched far less than meant.
    rows = knowledge.rows(path.stem)
    assert rows and all(None not in row and None not in row.values() for row in rows)
