import pytest

from ita_extract.normalizers.csv_rows import read_rows


def test_a_row_cut_by_an_unquoted_comma_fails_loudly(tmp_path) -> None:
    (tmp_path / "broken.csv").write_text("doc_type,pattern\nmeasures,a.{0,60}b\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.csv line 2: not 2 fields"):
        read_rows(tmp_path / "broken.csv")


def test_a_quoted_comma_stays_in_its_field(tmp_path) -> None:
    (tmp_path / "good.csv").write_text('doc_type,pattern\nmeasures,"a.{0,60}b"\n', encoding="utf-8")
    assert read_rows(tmp_path / "good.csv") == ({"doc_type": "measures", "pattern": "a.{0,60}b"},)
