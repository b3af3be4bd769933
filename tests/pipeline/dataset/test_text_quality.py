"""No damaged Thai cluster in any text column of any output, pages.text included."""

import pyarrow.parquet as pq

from ita_extract.normalizers.thai_text import DAMAGED_CLUSTER
from ita_extract.pipeline.dataset.schema import TABLES


def test_no_damaged_thai_in_any_text_column(dev_output) -> None:
    damaged = []
    for name in TABLES:
        table = pq.read_table(dev_output / f"{name}.parquet")
        for column in table.column_names:
            for value in table.column(column).to_pylist():
                for text in value if isinstance(value, list) else [value]:
                    if isinstance(text, str) and DAMAGED_CLUSTER.search(text):
                        damaged.append((name, column, text[:60]))
    assert damaged == []


def test_pages_report_damage_before_and_after(dev_output) -> None:
    pages = pq.read_table(dev_output / "pages.parquet").to_pylist()
    assert len(pages) == 3
    assert all(p["damaged_after"] == 0 for p in pages)
    # 003 prints "ส านัก" twice; 002 has a doubled tone mark ("แก้้")
    by_doc = {p["text"][:10]: p["damaged_before"] for p in pages}
    assert sorted(by_doc.values()) == [0, 1, 2]
    assert all(p["thai_word_ratio"] > 0.95 for p in pages)


def test_page_text_has_arabic_digits_and_tab_separated_rows(dev_output) -> None:
    pages = {p["doc_id"]: p["text"] for p in pq.read_table(dev_output / "pages.parquet").to_pylist()}
    text = next(t for t in pages.values() if "หนองเสม็ด" in t)
    assert "ร้อยละ 50.02 คะแนน" in text
    assert "ผู้รับผิดชอบ\tการกำกับติดตาม" in text
    assert not any("๐" <= ch <= "๙" for t in pages.values() for ch in t)
