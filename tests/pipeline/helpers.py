"""Small ITA texts in the phrasings and layouts documents use, extracted end to end."""

from __future__ import annotations

import pandas as pd

from parsers.text import parse_text
from pipeline.extract import extract_document

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
