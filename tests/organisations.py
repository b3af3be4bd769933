"""Several documents of one organisation, written with the variant generator (tests/variants.py)
from the dev 000 document's golden scores, as an organisation publishes them, and what the
panel must say of them:

- an analysis of year Y: its complete score hierarchy in a tool table (every value verified);
- a measures plan for Y+1, naming the organisation abbreviated and without its district, that
  recalls the overall score of Y: the same value (two documents agree);
- a measures report of Y+1, naming the organisation cut by a line break, that prints the
  overall score of Y+1 (one document) and recalls indicator 4 of Y with another value (a
  conflict);
- the analysis again, re-typed with a line of its own at the end (the same edition: it counts
  once).
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.variants import (
    Hierarchy,
    _thai,
    _title,
    form_tool_table_tsv,
    golden_hierarchy,
    indicator,
    overall,
)

STEM = "000_872eaddf2db1f446"
ALTERED_INDICATOR = 4


@dataclass(frozen=True)
class Archive:
    files: dict[str, str]  # file name → text
    year: int  # Y, the analysis's assessment year
    hierarchy: Hierarchy
    next_overall: float
    altered: float  # indicator 4 of Y as the report recalls it

    def expected_status(self, year: int, level: str, number: int | None = None) -> str:
        if year == self.year + 1:
            return "single"
        if level == "overall":
            return "agreed"
        if level == "indicator" and number == ALTERED_INDICATOR:
            return "conflict"
        return "single"


def archive() -> Archive:
    h, doc = golden_hierarchy(STEM)
    year, org = h.year, doc["org_name"]
    abbreviated = org.replace("เทศบาลตำบล", "ทต.")
    cut = len("เทศบาลตำบลหนอง")
    body, _ = form_tool_table_tsv(h, doc)
    analysis = _title(doc, year) + body
    plan = (f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {_thai(str(year + 1))}\n"
            f"{abbreviated} จังหวัด{doc['province']}\n\n"
            f"ผลการประเมินคุณธรรมและความโปร่งใส (ITA) ประจำปีงบประมาณ พ.ศ. {_thai(str(year))} "
            f"ได้คะแนน {_thai(h.values[overall()])} คะแนน\n")
    old = h.value(indicator(ALTERED_INDICATOR))
    altered = round(old - 3.0 if old > 50 else old + 3.0, 2)
    next_overall = 71.25
    report = (f"รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. "
              f"{_thai(str(year + 1))}\n{org[:cut]}\n{org[cut:]} อำเภอ{doc['district']}\n\n"
              f"ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. {_thai(str(year + 1))} ได้คะแนน "
              f"{_thai(f'{next_overall:.2f}')} คะแนน\n\n"
              f"ตัวชี้วัดที่ {_thai(str(ALTERED_INDICATOR))} การใช้ทรัพย์สินของราชการ ปีงบประมาณ "
              f"{_thai(str(year))} ได้คะแนน {_thai(f'{altered:.2f}')} คะแนน\n")
    copy = analysis + "\nฉบับเผยแพร่บนเว็บไซต์\n"
    files = {"analysis.txt": analysis, "analysis-copy.txt": copy, "plan.txt": plan, "report.txt": report}
    return Archive(files, year, h, next_overall, altered)
