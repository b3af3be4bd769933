"""A report printing its measures as records of labelled fields (`มาตรการที่ 1 …`, `ผู้รับผิดชอบ …`,
`ระยะเวลา …`, `ผลการดำเนินการ …`, `สถานะ …`) gives the same measures as text, as a Word-made PDF and
as its scan. The fixtures: tests/fixtures/measure_records.txt, rendered by
../shared/tools/render_corpus.py into measure_records.pdf and measure_records.scan.pdf (a probe
document written for this layout; the PDF joined `… ทุกรายการ` and `สถานะ …` into one line)."""

import datetime as dt
from pathlib import Path

import pytest

from ita_extract.parsers.tesseract import tesseract_available
from ita_extract.pipeline.batch.unit import parse, process_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EXPECTED = [
    (1, "มาตรการเผยแพร่ข้อมูลต่อสาธารณะ", ["สำนักปลัด"], dt.date(2024, 1, 1), dt.date(2024, 9, 30), "done"),
    (2, "มาตรการป้องกันการรับสินบน", ["กองการเจ้าหน้าที่"], dt.date(2023, 10, 1), dt.date(2024, 9, 30),
     "in_progress"),
    (3, "มาตรการจัดการเรื่องร้องเรียน", ["สำนักปลัด"], dt.date(2024, 4, 1), dt.date(2024, 4, 30), "not_started"),
]


def _measures(name: str) -> list[tuple]:
    path = FIXTURES / name
    rows = process_document(parse(path, path.read_bytes()), "ab" * 32)
    assert rows["documents"][0]["doc_type"] == "measures_report"
    return [(m["seq"], "".join(m["title"].split()) if m["title"] else None, m["responsible"],
             m["period_start"], m["period_end"], m["status"]) for m in rows["measures"]]


def _squeezed(expected: list[tuple]) -> list[tuple]:
    return [(seq, "".join(title.split()), *rest) for seq, title, *rest in expected]


@pytest.mark.parametrize("name", ["measure_records.txt", "measure_records.pdf"])
def test_measures_printed_as_records_read_alike_as_text_and_pdf(name: str) -> None:
    assert _measures(name) == _squeezed(EXPECTED)


@pytest.mark.slow
@pytest.mark.skipif(not tesseract_available(), reason="tesseract-ocr with Thai data is not installed")
def test_measures_printed_as_records_read_alike_as_a_scan() -> None:
    assert _measures("measure_records.scan.pdf") == _squeezed(EXPECTED)
