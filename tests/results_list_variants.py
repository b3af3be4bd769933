"""Results lists of many organisations, in the forms announcements print them: a covering letter
to one organisation (the addressee, highlighted) and a list with the tools as weighted points
(out of 30, 30, 40) under headers that say so; an announcement with no addressee listing 0–100
tool scores in Thai digits (tab rows); and a letter whose list heads the tools by name only (its
sums tell points from scores). Each says what it must give: per organisation its total (and its
tools where they are scores), each `verified` by the arithmetic, and who the document is of.

The lists' numbers are made here: each organisation's tool scores from its name (a digest, the
same every run), the addressee's from the dev document 000 (เทศบาลตำบลหนองเสม็ด, FY2564).
`python -m tests.results_list_variants OUT` writes them; `make variants` renders them with the
layout variants (tests/variants_pdf, a scan of the letter too).
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass, field

from ita_extract.normalizers.thai_text import display_width
from ita_extract.pipeline.ita.organisation import organisation_named
from tests.variants import DOCS, THAI_DIGITS, WEIGHTS, Row, golden_hierarchy, overall, tool, write_texts

YEAR = 2564
PROVINCE = "ตราด"
OWN = "เทศบาลตำบลหนองเสม็ด"
# (as printed in the list, canonical name); the organisations of อำเภอเมืองตราด
LISTED = (
    ("เทศบาลเมืองตราด", "เทศบาลเมืองตราด"),
    ("ทต.หนองเสม็ด", OWN),
    ("เทศบาลตำบลวังกระแจะ", "เทศบาลตำบลวังกระแจะ"),
    ("อบต.ห้วงน้ำขาว", "องค์การบริหารส่วนตำบลห้วงน้ำขาว"),
    ("อบต.ชำราก", "องค์การบริหารส่วนตำบลชำราก"),
    ("องค์การบริหารส่วนตำบลแหลมกลัด", "องค์การบริหารส่วนตำบลแหลมกลัด"),
    ("อบต.ตะกาง", "องค์การบริหารส่วนตำบลตะกาง"),
    ("อบต.หนองคันทรง", "องค์การบริหารส่วนตำบลหนองคันทรง"),
    ("อบต.ท่ากุ่ม", "องค์การบริหารส่วนตำบลท่ากุ่ม"),
    ("อบต.ห้วยแร้ง", "องค์การบริหารส่วนตำบลห้วยแร้ง"),
)
GRADES = ((95, "AA"), (85, "A"), (75, "B"), (65, "C"), (55, "D"), (50, "E"), (0, "F"))
LETTER = (f"ที่ ตร ๐๐๒๓.๓/ว ๑๒๓๔\nสำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด{PROVINCE}\n\n"
          "๑๕ ตุลาคม ๒๕๖๔\n\n"
          "เรื่อง แจ้งผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
          f"ขององค์กรปกครองส่วนท้องถิ่นในจังหวัด{PROVINCE} ประจำปีงบประมาณ พ.ศ. ๒๕๖๔\n\n"
          "**เรียน {addressee}**\n\n"
          "ด้วยสำนักงาน ป.ป.ช. ได้ประกาศผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
          "ประจำปีงบประมาณ พ.ศ. ๒๕๖๔ แล้ว จึงขอแจ้งผลการประเมินขององค์กรปกครองส่วนท้องถิ่น"
          f"ในเขตอำเภอเมือง{PROVINCE} รายละเอียดตามบัญชีแนบท้าย\n\n")
ANNOUNCEMENT = (f"ประกาศจังหวัด{PROVINCE}\n\n"
                "เรื่อง ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
                f"ขององค์กรปกครองส่วนท้องถิ่นในจังหวัด{PROVINCE} ประจำปีงบประมาณ พ.ศ. ๒๕๖๔\n\n")


@dataclass
class Expected:
    """What the pipeline must give for one listed organisation."""

    org_name: str
    overall: float
    grade: str
    tools: dict[str, float] = field(default_factory=dict)  # where the list prints 0–100 tool scores


@dataclass
class ResultsVariant:
    name: str
    form: str  # md or tsv
    text: str
    own: str | None  # the document's own organisation (the addressee), or None
    expected: list[Expected]
    renderable: bool = True
    scanned: bool = False  # rendered as a scan too

    @property
    def suffix(self) -> str:
        return {"md": ".md", "tsv": ".txt"}[self.form]

    def truth_rows(self) -> list[tuple[Row, str]]:
        """The score rows it must give, each with its organisation's org_id (tests.variants' Row)."""
        found = []
        for expected in self.expected:
            org = organisation_named(expected.org_name, PROVINCE)
            assert org is not None, expected.org_name
            total = Row("overall", None, None, None, None, YEAR, expected.overall, "verified")
            found.append((total, org.org_id))
            found += [(Row("tool", name, None, None, None, YEAR, score, "verified"), org.org_id)
                      for name, score in expected.tools.items()]
        return found


def _grade(total: float) -> str:
    return next(label for low, label in GRADES if total >= low)


def _made_up(name: str) -> dict[str, float]:
    """Tool scores of a listed organisation, from its name (the same every run)."""
    digest = hashlib.sha256(name.encode()).digest()
    return {"IIT": round(70 + (digest[0] * 256 + digest[1]) % 2900 / 100, 2),
            "EIT": round(70 + (digest[2] * 256 + digest[3]) % 2900 / 100, 2),
            "OIT": round(40 + (digest[4] * 256 + digest[5]) % 6000 / 100, 2)}


def _own_tools() -> tuple[dict[str, float], float]:
    h, _ = golden_hierarchy(DOCS[0])
    return {t: float(h.values[tool(t)]) for t in WEIGHTS}, float(h.values[overall()])


def _points(tools: dict[str, float]) -> dict[str, str]:
    return {t: f"{WEIGHTS[t] * v:.2f}" for t, v in tools.items()}


def _tools_of(name: str) -> dict[str, float]:
    return _own_tools()[0] if name == OWN else _made_up(name)


def _points_rows() -> tuple[list[list[str]], list[Expected]]:
    rows, expected = [], []
    for printed, name in LISTED:
        points = _points(_tools_of(name))
        # The addressee's total is its own document's (points rounded one by one may add up to 0.01 off).
        total = f"{_own_tools()[1]:.2f}" if name == OWN else f"{sum(float(p) for p in points.values()):.2f}"
        grade = _grade(float(total))
        rows.append([printed, *points.values(), total, grade])
        expected.append(Expected(name, float(total), grade))
    return rows, expected


def _scores_rows() -> tuple[list[list[str]], list[Expected]]:
    rows, expected = [], []
    for printed, name in LISTED:
        tools = _tools_of(name)
        total = f"{sum(WEIGHTS[t] * v for t, v in tools.items()):.2f}"
        grade = _grade(float(total))
        rows.append([printed, *(f"{v:.2f}" for v in tools.values()), total, grade])
        expected.append(Expected(name, float(total), grade, dict(tools)))
    return rows, expected


def _ranked(rows: list[list[str]]) -> list[list[str]]:
    ordered = sorted(rows, key=lambda r: (-float(r[-2]), r[0]))
    return [[str(k), *row] for k, row in enumerate(ordered, 1)]


def _pipe(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(r) + " |" for r in rows]
    lines.insert(1, "|" + "---|" * len(rows[0]))
    return "\n".join(lines) + "\n"


def points_letter() -> ResultsVariant:
    rows, expected = _points_rows()
    header = ["ลำดับ", "ชื่อหน่วยงาน", "IIT (30 คะแนน)", "EIT (30 คะแนน)", "OIT (40 คะแนน)", "คะแนนรวม",
              "ระดับผลการประเมิน"]
    text = (LETTER.format(addressee="นายกเทศมนตรีตำบลหนองเสม็ด")
            + "บัญชีผลการประเมิน ITA ขององค์กรปกครองส่วนท้องถิ่นในเขตอำเภอเมืองตราด จังหวัดตราด\n\n"
            + _pipe([header, *_ranked(rows)]))
    return ResultsVariant("results-points_letter", "md", text, OWN, expected, scanned=True)


def scores_announcement() -> ResultsVariant:
    rows, expected = _scores_rows()
    header = ["อันดับ", "องค์กรปกครองส่วนท้องถิ่น", "IIT", "EIT", "OIT", "คะแนน ITA", "ระดับ"]
    body = [[c.translate(THAI_DIGITS) for c in row] for row in _ranked(rows)]
    text = ANNOUNCEMENT + "\n".join("\t".join(r) for r in [header, *body]) + "\n"
    return ResultsVariant("results-scores_announcement", "tsv", text, None, expected, scanned=True)


def points_bare_headers() -> ResultsVariant:
    rows, expected = _points_rows()
    header = ["ที่", "หน่วยงาน", "IIT", "EIT", "OIT", "รวม", "ระดับ"]
    text = (LETTER.format(addressee="นายกองค์การบริหารส่วนตำบลห้วงน้ำขาว") + _pipe([header, *_ranked(rows)]))
    return ResultsVariant("results-points_bare_headers", "md", text, "องค์การบริหารส่วนตำบลห้วงน้ำขาว", expected,
                          scanned=True)


def _layout(rows: list[list[str]]) -> str:
    """Rows as a layout dump prints them (pdftotext -layout): each column padded with spaces to
    its widest text on screen, Thai marks taking no position, numbers set right."""
    widths = [max(display_width(row[c]) for row in rows) for c in range(len(rows[0]))]
    lines = []
    for row in rows:
        pads = [" " * (w - display_width(t)) for t, w in zip(row, widths, strict=True)]
        cells = [pad + t if _NUMBER.fullmatch(t) else t + pad for t, pad in zip(row, pads, strict=True)]
        lines.append("    ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


_NUMBER = re.compile(r"[0-9.]+")


def scores_layout() -> ResultsVariant:
    """The announcement as a layout dump: columns aligned with runs of spaces (no tabs, no pipes)."""
    rows, expected = _scores_rows()
    header = ["ลำดับ", "ชื่อหน่วยงาน", "IIT", "EIT", "OIT", "คะแนน ITA", "ระดับ"]
    text = ANNOUNCEMENT + _layout([header, *_ranked(rows)])
    return ResultsVariant("results-scores_layout", "tsv", text, None, expected, renderable=False)


def results_variants() -> list[ResultsVariant]:
    return [points_letter(), scores_announcement(), points_bare_headers(), scores_layout()]


def main(out: str) -> None:
    write_texts(out, results_variants())


if __name__ == "__main__":
    main(sys.argv[1])
