"""Small ITA texts in the phrasings and layouts documents use, extracted end to end; raw PDF
text-layer measures for comparisons."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pypdfium2 as pdfium

from ita_extract.normalizers.thai_text import DAMAGED_CLUSTER, thai_word_ratio
from ita_extract.parsers.text import parse_text
from ita_extract.pipeline.extract import extract_document
from ita_extract.pipeline.run import run
from tests.conftest import CORPUS, DEV_TEXTS

TITLE = ("รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
         "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖\nองค์การบริหารส่วนตำบลโสกก่าม อำเภอเซกา จังหวัดบึงกาฬ\n\n")


def extract(body: str, title: str = TITLE) -> dict[str, pd.DataFrame]:
    rows = extract_document(parse_text(title + body), "sample.txt", "ab" * 32)
    return {table: pd.DataFrame(values) for table, values in rows.items()}


def scores_of(tables: dict[str, pd.DataFrame], level: str) -> dict:
    """{key: score} for one level, keyed by what identifies a score at that level."""
    frame = tables["scores"]
    frame = frame[frame["level"] == level]
    key = {"overall": "score_year_be", "tool": "tool", "indicator": "indicator",
           "sub_indicator": "sub_indicator", "item": "item_code"}[level]
    return dict(zip(frame[key], frame["score"], strict=True))


def raw_layer_text(path) -> str:
    """The PDF's raw text layer, page after page, as pdfium gives it."""
    pdf = pdfium.PdfDocument(path)
    try:
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


def repair_keeps_words(pages: pd.DataFrame, path) -> tuple[float | None, float | None]:
    """(share of dictionary words in the extracted text, the same in the raw text layer).

    Compared per document: a table continued on the next page moves its rows to the page
    where it starts, so a single page's share can move either way."""
    text = "\n".join(pages.sort_values("page")["text"].fillna(""))
    return thai_word_ratio(text), thai_word_ratio(raw_layer_text(path))


def extract_beside_twins(raw: Path, out: Path, suffix: str) -> dict[str, pd.DataFrame]:
    """Each dev text with its `<stem><suffix>` PDF from ../shared/corpus/dev, extracted in one
    run; every table carries the document's `stem` and `source_format` to pair the twins."""
    for text in DEV_TEXTS:
        shutil.copy(text, raw / text.name)
        shutil.copy(CORPUS / "dev" / f"{text.stem}{suffix}", raw / f"{text.stem}{suffix}")
    assert run(raw, out).exit_code == 0
    documents = pd.read_parquet(out / "documents.parquet")
    documents["stem"] = documents["source_path"].str.split(".").str[0]
    tables = {"documents": documents}
    for name in ("scores", "measures", "pages"):
        tables[name] = pd.read_parquet(out / f"{name}.parquet").merge(
            documents[["doc_id", "stem", "source_format"]], on="doc_id")
    return tables


def damaged_clusters(tables: dict[str, pd.DataFrame]) -> list[tuple[str, str, str]]:
    """(table, column, text) of every damaged Thai cluster in any text or list column."""
    found = []
    for name, frame in tables.items():
        for column in frame.columns:
            for value in frame[column]:
                texts = list(value) if hasattr(value, "__len__") and not isinstance(value, str) else [value]
                found += [(name, column, text) for text in texts
                          if isinstance(text, str) and DAMAGED_CLUSTER.search(text)]
    return found
