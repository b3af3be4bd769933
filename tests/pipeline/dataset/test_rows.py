"""The rows of one document: where each was read (dataset.rows)."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from ita_extract.normalizers.digits import thai_digits_to_arabic
from ita_extract.pipeline.batch.unit import process_file
from tests.conftest import CORPUS, DEV_TEXTS
from tests.pipeline.helpers import extract, score_table

DEV_PDFS = sorted((CORPUS / "dev").glob("*[0-9a-f].pdf"))


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


@pytest.mark.skipif(not DEV_PDFS, reason="../shared/corpus/dev is not beside the project")
@pytest.mark.parametrize("path", DEV_PDFS, ids=lambda p: p.name)
def test_a_pdfs_rows_carry_the_box_their_value_is_printed_in(path) -> None:
    """Issue 27: a value had a page and its printed text, but no place on the page. Each
    score's box holds the score as printed (pdfium's own text within it); measures and findings
    have theirs."""
    rows = process_file(path).rows
    pdf = pdfium.PdfDocument(str(path))
    try:
        for score in rows["scores"]:
            page = pdf[score["page"] - 1]
            x0, top, x1, bottom = score["bbox"]
            height = page.get_height()
            inside = page.get_textpage().get_text_bounded(left=x0 - 1, bottom=height - bottom - 1,
                                                           right=x1 + 1, top=height - top + 1)
            printed = f"{score['score']:.2f}".rstrip("0").rstrip(".")
            assert printed in thai_digits_to_arabic(inside).replace(",", ""), (score, inside)
    finally:
        pdf.close()
    assert rows["scores"] or rows["measures"]
    assert all(row["bbox"] for table in ("measures", "findings") for row in rows[table])
    assert all(0 <= row["bbox"][0] < row["bbox"][2] and 0 <= row["bbox"][1] < row["bbox"][3]
               for table in ("scores", "measures", "findings") for row in rows[table])


def test_a_score_in_a_table_cites_its_own_cells_not_its_whole_row() -> None:
    """Issue 27: source_text repeated the whole table row for every score (1.7 KB a score at
    5,000 documents, a measure's text beside each indicator's score): a score read from a table
    cites its label and value cells; the row stays placed by page, line and box."""
    advice = " ควรเร่งปรับปรุงการเผยแพร่ข้อมูลบนเว็บไซต์ของหน่วยงานให้ครบถ้วนและเป็นปัจจุบัน |"
    lines = []
    for line in score_table().split("\n"):
        if line.startswith("| เครื่องมือ"):
            line += " ข้อเสนอแนะ |"
        elif line.startswith("|---"):
            line += "---|"
        elif line.startswith("| "):
            line += advice if line.startswith("| ตัวชี้วัดที่") else "  |"
        lines.append(line)
    scores = extract("\n".join(lines))["scores"]
    assert len(scores) == 14
    first = scores[scores["indicator"] == 1].iloc[0]
    assert first["source_text"] == "ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่\t97.44"
    assert not scores["source_text"].str.contains("เว็บไซต์").any()


@pytest.mark.skipif(not DEV_PDFS, reason="../shared/corpus/dev is not beside the project")
def test_a_score_printed_in_a_cell_of_prose_cites_that_cell() -> None:
    """Dev 002 prints each indicator's score inside a cell of prose, beside a cell of measures."""
    rows = process_file(CORPUS / "dev" / "002_21007bcb3eecaeca.pdf").rows
    cited = {row["indicator"]: row["source_text"] for row in rows["scores"] if row["level"] == "indicator"}
    assert cited[1] == "ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่คะแนน 97.44"
    assert all("\t" not in text for text in cited.values())
