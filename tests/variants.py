"""Layout variants: each dev document's golden scores printed again in other surface forms.

The dev corpus prints scores in few layouts; documents from other municipalities print
the same facts as numbered prose lists, values in parentheses, rank tables, comparison
tables with the years in a second header row, tool and item tables, EIT in two parts,
several recalled years in one sentence, subjects as columns, with distractor numbers
(pass marks, differences, counts, dates, sub-indicator headings, list numbers) beside
the scores. This module takes the golden scores of each dev document, completes the
hierarchy they belong to with values that satisfy the ITA arithmetic, and prints it in
each form as a text dump (markdown, HTML or tab rows), with the rows it must give and
the verification each must get. A variant with one value altered must come out
`conflict` on exactly the rows of the rule it breaks.

`python -m tests.variants OUT_DIR` writes the texts (for rendering them into Word-made PDFs
with ../shared/tools/render_corpus.py: `make variants`).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"
DOCS = ("000_872eaddf2db1f446", "002_21007bcb3eecaeca")  # 003 prints no score
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
NAMES = {1: "การปฏิบัติหน้าที่", 2: "การใช้งบประมาณ", 3: "การใช้อำนาจ", 4: "การใช้ทรัพย์สินของราชการ",
         5: "การแก้ไขปัญหาการทุจริต", 6: "คุณภาพการดำเนินงาน", 7: "ประสิทธิภาพการสื่อสาร",
         8: "การปรับปรุงระบบการทำงาน", 9: "การเปิดเผยข้อมูล", 10: "การป้องกันการทุจริต"}
TOOL_INDICATORS = {"IIT": (1, 2, 3, 4, 5), "EIT": (6, 7, 8), "OIT": (9, 10)}
TOOL_NAMES = {"IIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)",
              "EIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)",
              "OIT": "แบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)"}
WEIGHTS = {"IIT": 0.3, "EIT": 0.3, "OIT": 0.4}
# The widest a rule may miss with every value rounded to two decimals, less a margin.
_SAFE = 0.008
ITEM_OFFSETS = (2.0, -2.0, 1.0, -1.0, 0.5, -0.5)
GARBLED_IIT = ("i{}", "1{}", "I{}", "i {}", "l{}", "๑{}")  # how item codes are printed (digits in Thai)


# -- keys and hierarchies -------------------------------------------------------------------------

def overall() -> tuple:
    return ("overall",)


def tool(name: str, part: int | None = None) -> tuple:
    return ("tool", name, part)


def indicator(number: int) -> tuple:
    return ("indicator", number)


def item(code: str) -> tuple:
    return ("item", code)


@dataclass
class Hierarchy:
    """One year's printed values (two decimals, as strings) by key."""

    year: int
    values: dict[tuple, str] = field(default_factory=dict)

    def value(self, key: tuple) -> float:
        return float(self.values[key])


def _r2(value: float) -> str:
    return f"{round(value + 1e-9, 2):.2f}"


def _tool_mean(values: dict[tuple, float], name: str) -> float:
    numbers = TOOL_INDICATORS[name]
    return sum(values[indicator(n)] for n in numbers) / len(numbers)


def _holds(h: Hierarchy) -> bool:
    """Every rule among the printed tool and overall values holds within the safe margin."""
    v = {k: float(x) for k, x in h.values.items()}
    tools_ok = all(abs(v[tool(t)] - _tool_mean(v, t)) <= _SAFE for t in TOOL_INDICATORS)
    weighted = sum(WEIGHTS[t] * v[tool(t)] for t in TOOL_INDICATORS)
    return tools_ok and abs(v[overall()] - weighted) <= _SAFE


def complete(year: int, fixed: dict[tuple, float]) -> Hierarchy:
    """Indicators, tools and the overall score of `year` that keep every fixed value and satisfy
    the arithmetic: the free indicators get distinct values around one level that makes the
    overall come out as fixed, the first of them fine-tuned a hundredth at a time."""
    free = [n for n in NAMES if indicator(n) not in fixed]
    offsets = {n: 0.73 * (k - (len(free) - 1) / 2) for k, n in enumerate(free)}
    weight = {n: WEIGHTS[t] / len(ns) for t, ns in TOOL_INDICATORS.items() for n in ns}
    known = [fixed[indicator(n)] for n in NAMES if indicator(n) in fixed]
    base = sum(known) / len(known)
    target = fixed.get(overall())
    if target is not None and free:
        fixed_part = sum(weight[n] * fixed[indicator(n)] for n in NAMES if n not in free)
        spread = sum(weight[n] * offsets[n] for n in free)
        base = (target - fixed_part - spread) / sum(weight[n] for n in free)
    for step in range(0, 400):
        nudge = (step // 2 + 1) * 0.01 * (1 if step % 2 else -1) if step else 0.0
        values = {indicator(n): fixed.get(indicator(n), round(base + offsets.get(n, 0.0), 2)) for n in NAMES}
        if free:
            values[indicator(free[0])] = round(values[indicator(free[0])] + nudge, 2)
        if not all(0 <= x <= 100 for x in values.values()):
            continue
        h = Hierarchy(year, {k: _r2(x) if x not in (0.0, 100.0) else f"{x:.0f}" for k, x in values.items()})
        for t in TOOL_INDICATORS:
            h.values[tool(t)] = _r2(_tool_mean(values, t))
        weighted = sum(WEIGHTS[t] * _tool_mean(values, t) for t in TOOL_INDICATORS)
        h.values[overall()] = _r2(target) if target is not None else _r2(weighted)
        if _holds(h) and (target is None or abs(weighted - target) <= 0.005):
            return h
    raise ValueError(f"no complete hierarchy for {fixed}")


def earlier(h: Hierarchy, years_back: int) -> Hierarchy:
    """A complete hierarchy of an earlier year: each indicator a little lower (or higher)."""
    shifted = {indicator(n): min(100.0, max(0.0, round(h.value(indicator(n)) - years_back * (0.37 * n - 1.1),
                                                       2))) for n in NAMES}
    return complete(h.year - years_back, shifted)


def item_indicator(code: str) -> int:
    """The indicator of an IIT item of the variants: six items an indicator, in order (i1–i6 are
    indicator 1's, i25–i30 indicator 5's), as `with_items` numbers them."""
    return (int(code[1:]) - 1) // 6 + 1


def with_items(h: Hierarchy, number: int) -> dict[tuple, str]:
    """Six items of indicator `number` whose mean is the indicator's value."""
    value = h.value(indicator(number))
    scale = min(1.0, (100 - value) / max(ITEM_OFFSETS), value / max(ITEM_OFFSETS)) if 0 < value < 100 else 0.0
    first = min(TOOL_INDICATORS["IIT"].index(number) * 6 + 1, 25) if number in TOOL_INDICATORS["IIT"] else 1
    return {item(f"i{first + k}"): _r2(value + scale * off) for k, off in enumerate(ITEM_OFFSETS)}


# -- what a variant must give ----------------------------------------------------------------------

@dataclass(frozen=True)
class Row:
    """A score row a variant must give: the contract's key, the value and its verification."""

    level: str
    tool: str | None
    tool_part: int | None
    indicator: int | None
    item_code: str | None
    year: int
    score: float
    verification: str


def points(name: str) -> tuple:
    """A tool's weighted points: printed and checked, never a row."""
    return ("points", name)


RULES = [  # (name, parent, children): the rules a complete variant exercises
    ("iit_mean", tool("IIT"), [indicator(n) for n in TOOL_INDICATORS["IIT"]]),
    ("eit_mean", tool("EIT"), [indicator(n) for n in TOOL_INDICATORS["EIT"]]),
    ("oit_mean", tool("OIT"), [indicator(n) for n in TOOL_INDICATORS["OIT"]]),
    ("eit_parts", tool("EIT"), [tool("EIT", 1), tool("EIT", 2)]),
    ("overall_weighted", overall(), [tool("IIT"), tool("EIT"), tool("OIT")]),
    ("points_sum", overall(), [points("IIT"), points("EIT"), points("OIT")]),
    *((f"{t.lower()}_points", points(t), [tool(t)]) for t in TOOL_INDICATORS),
]


def _row(key: tuple, year: int, value: str, verification: str) -> Row:
    level = key[0]
    if level == "overall":
        return Row("overall", None, None, None, None, year, float(value), verification)
    if level == "tool":
        return Row("tool", key[1], key[2], None, None, year, float(value), verification)
    if level == "indicator":
        owner = next(t for t, ns in TOOL_INDICATORS.items() if key[1] in ns)
        return Row("indicator", owner, None, key[1], None, year, float(value), verification)
    return Row("item", "IIT", None, item_indicator(key[1]), key[1], year, float(value), verification)


def expected_rows(printed: dict[int, dict[tuple, str]]) -> list[Row]:
    """Rows with the verification the printed values earn (the spec, written out plainly):

    - the rules whose values are all printed, or derived from printed parts (EIT from its two
      parts, a tool from its indicators), are checked to the rounding of two decimals;
    - when some fail, a value is `conflict` if changing it alone (within 0–100) makes every rule
      hold: the altered value, and any other that could have been misprinted instead;
    - a value is `verified` if a rule holds with it, or holds once the conflicts are set aside
      (derived again from their parts where those are printed); else `unverified`."""
    rows = []
    for year, texts in printed.items():
        values = {key: float(text) for key, text in texts.items()}
        exact = {key for key, text in texts.items() if "." not in text}
        rules = _year_rules(texts)
        status = _statuses(values, exact, rules)
        rows += [_row(key, year, texts[key], status[key]) for key in texts if key[0] != "points"]
    return sorted(rows, key=_order)


def _year_rules(texts: dict[tuple, str]) -> list[tuple[str, tuple, list[tuple]]]:
    """The rules of the arithmetic, and for each indicator whose items are printed, its items."""
    rules = list(RULES)
    items: dict[int, list[tuple]] = {}
    for key in texts:
        if key[0] == "item":
            items.setdefault(item_indicator(key[1]), []).append(key)
    rules += [("indicator_items", indicator(number), keys) for number, keys in sorted(items.items())]
    return rules


def _expanded(values: dict[tuple, float], rules: list) -> tuple[dict[tuple, dict[tuple, float]], list]:
    """Each printed or derivable key as a linear combination of printed keys, and the rules that
    check something: (name, {printed key: coefficient}) whose residual must be 0."""
    known = {key: {key: 1.0} for key in values}
    derived_by: dict[tuple, str] = {}

    changed = True
    while changed:
        changed = False
        for name, parent, children in rules:
            kids = children
            if parent not in known and parent[0] != "points" and kids and all(c in known for c in kids):
                known[parent] = _mix((known[c], _weight(name, c, kids)) for c in kids)
                derived_by[parent] = name
                changed = True
    checks = []
    for name, parent, children in rules:
        kids = children
        if parent in known and kids and all(c in known for c in kids) and derived_by.get(parent) != name:
            minus = ((known[c], -_weight(name, c, kids)) for c in kids)
            checks.append((name, _mix([(known[parent], 1.0), *minus])))
    return known, checks


def _weight(rule: str, child: tuple, children: list[tuple]) -> float:
    if rule == "overall_weighted" or rule.endswith("_points"):
        return WEIGHTS[child[1]]
    return 1.0 if rule == "points_sum" else 1 / len(children)


def _mix(parts) -> dict[tuple, float]:
    total: dict[tuple, float] = {}
    for expression, weight in parts:
        for key, coefficient in expression.items():
            total[key] = total.get(key, 0.0) + weight * coefficient
    return {k: a for k, a in total.items() if abs(a) > 1e-12}


def _residual(check: dict[tuple, float], values: dict[tuple, float]) -> float:
    return sum(a * values[k] for k, a in check.items())


def _tolerance(check: dict[tuple, float], exact: set[tuple]) -> float:
    return sum(abs(a) * (0.0 if k in exact else 0.005) for k, a in check.items()) + 1e-9


def _statuses(values: dict[tuple, float], exact: set[tuple], rules: list) -> dict[tuple, str]:
    _, checks = _expanded(values, rules)
    failed = [c for _, c in checks if abs(_residual(c, values)) > _tolerance(c, exact)]
    conflicts = {k for k in values if failed and _alone_explains(k, values, exact, checks)}
    if failed and not conflicts:
        conflicts = {k for c in failed for k in c}
    rest = {k: v for k, v in values.items() if k not in conflicts}
    holding = [c for _, c in checks if abs(_residual(c, values)) <= _tolerance(c, exact)]
    holding += [c for _, c in _expanded(rest, rules)[1] if abs(_residual(c, rest)) <= _tolerance(c, exact)]
    supported = {k for c in holding for k in c}
    return {k: "conflict" if k in conflicts else "verified" if k in supported else "unverified"
            for k in values}


def _alone_explains(key: tuple, values: dict[tuple, float], exact: set[tuple], checks: list) -> bool:
    """Whether some value of `key` in 0–100 makes every check hold, the others as printed."""
    low, high = 0.0, 100.0
    for _, check in checks:
        a = check.get(key, 0.0)
        rest = _residual(check, values) - a * values[key]
        tolerance = _tolerance(check, exact)
        if a == 0.0:
            if abs(rest) > _tolerance(check, exact):
                return False
            continue
        ends = sorted(((-rest - tolerance) / a, (-rest + tolerance) / a))
        low, high = max(low, ends[0]), min(high, ends[1])
    return low <= high + 1e-9


def _order(row: Row) -> tuple:
    return (row.year, row.level, row.tool or "", row.tool_part or 0, row.indicator or 0, row.item_code or "")


@dataclass
class Variant:
    name: str
    form: str  # md, html or tsv: how a conversion tool would have dumped it
    text: str
    rows: list[Row]
    overall_score: float | None
    score_check: str
    renderable: bool = True  # ../shared/tools/render_corpus.py can print it into a PDF
    altered: Row | None = None  # the one value an altered twin changed (verification aside)
    unread: int = 0  # numbers it prints that no reader can take (a form the project does not know)
    scanned: bool = False  # rendered as a scan too (SCANNED)

    @property
    def suffix(self) -> str:
        return {"md": ".md", "html": ".html", "tsv": ".txt"}[self.form]


# -- printing ----------------------------------------------------------------------------------

def _thai(text: str) -> str:
    return text.translate(THAI_DIGITS)


def _title(doc: dict, year: int) -> str:
    place = f"อำเภอ{doc['district']} " if doc.get("district") else ""
    return (f"รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
            f"ประจำปีงบประมาณ พ.ศ. {_thai(str(year))}\n{doc['org_name']} {place}จังหวัด{doc['province']}\n\n")


def _pipe(rows: list[list[str]], header_rows: int = 1) -> str:
    lines = ["| " + " | ".join(r) + " |" for r in rows]
    lines.insert(header_rows, "|" + "---|" * len(rows[0]))
    return "\n".join(lines) + "\n"


def _tsv(rows: list[list[str]]) -> str:
    return "\n".join("\t".join(r) for r in rows) + "\n"


def _indicator_label(n: int) -> str:
    return f"ตัวชี้วัดที่ {_thai(str(n))} {NAMES[n]}"


def _core(h: Hierarchy) -> dict[tuple, str]:
    return {k: v for k, v in h.values.items() if k[0] in ("overall", "tool", "indicator")}


def form_prose(h: Hierarchy, doc: dict) -> tuple[str, dict[int, dict[tuple, str]]]:
    lines = [f"ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน (ITA) ประจำปีงบประมาณ พ.ศ. {_thai(str(h.year))} "
             f"ได้คะแนน {_thai(h.values[overall()])} คะแนน ซึ่งเกณฑ์ผ่านที่ ๘๕ คะแนน"]
    lines += [f"{TOOL_NAMES[t]} ได้คะแนน {_thai(h.values[tool(t)])} คะแนน" for t in TOOL_INDICATORS]
    lines += [f"{_indicator_label(n)} ได้คะแนน {_thai(h.values[indicator(n)])} คะแนน" for n in NAMES]
    return "\n\n".join(lines) + "\n", {h.year: _core(h)}


def form_numbered_list(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    parts = [f"{_thai(str(n))}. {NAMES[n]} {_thai(h.values[indicator(n)])} คะแนน" for n in NAMES]
    tools = " ".join(f"{_thai(str(k))}) แบบวัด {t} {_thai(h.values[tool(t)])} คะแนน"
                     for k, t in enumerate(TOOL_INDICATORS, 1))
    return (f"ผลคะแนนรายตัวชี้วัด ดังนี้ {' '.join(parts)}\n\nผลคะแนนรายเครื่องมือ {tools}\n\n"
            f"คะแนนรวม {_thai(h.values[overall()])} คะแนน ผ่านเกณฑ์ ๘๕ คะแนน\n"), {h.year: _core(h)}


def form_parentheses(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    lines = [f"ผลการประเมินภาพรวม ({h.values[overall()]} คะแนน)"]
    lines += [f"เครื่องมือ {t} ({h.values[tool(t)]} คะแนน)" for t in TOOL_INDICATORS]
    lines += [f"ตัวชี้วัดที่ {n} {NAMES[n]} ({h.values[indicator(n)]} คะแนน)" for n in NAMES]
    return "\n\n".join(lines) + "\n", {h.year: _core(h)}


def form_rank_table(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    ranked = sorted(NAMES, key=lambda n: (-h.value(indicator(n)), n))
    rows = [["อันดับ", "ตัวชี้วัด", "คะแนน"]]
    rows += [[_thai(str(k)), NAMES[n], _thai(h.values[indicator(n)])] for k, n in enumerate(ranked, 1)]
    printed = {k: v for k, v in h.values.items() if k[0] == "indicator"}
    return "ผลคะแนนเรียงตามลำดับ\n\n" + _pipe(rows), {h.year: printed}


def _comparison_rows(old: Hierarchy, h: Hierarchy) -> list[list[str]]:
    rows = [[TOOL_NAMES[t], old.values[tool(t)], h.values[tool(t)]] for t in TOOL_INDICATORS]
    rows += [[_indicator_label(n), old.values[indicator(n)], h.values[indicator(n)]] for n in NAMES]
    return [*rows, ["คะแนนรวม", old.values[overall()], h.values[overall()]]]


def form_comparison_second_header(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    old = earlier(h, 1)
    rows = [["ตัวชี้วัด", "ระดับคะแนน", ""], ["", f"พ.ศ. {old.year}", f"พ.ศ. {h.year}"],
            *_comparison_rows(old, h)]
    return "เปรียบเทียบผลการประเมินกับปีที่ผ่านมา\n\n" + _pipe(rows, header_rows=2), \
        {old.year: _core(old), h.year: _core(h)}


def form_comparison_short_years(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    """Year columns headed by a two-digit year after its word (`ปีงบ ๖๕`), as a text dump's tabs."""
    old = earlier(h, 1)
    rows = [["ตัวชี้วัด", f"ปีงบ {_thai(str(old.year % 100))}", f"ปีงบ {_thai(str(h.year % 100))}"],
            *_comparison_rows(old, h)]
    return "เปรียบเทียบผลการประเมินกับปีที่ผ่านมา\n\n" + _tsv(rows), {old.year: _core(old), h.year: _core(h)}


def form_comparison_html(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    old = earlier(h, 1)
    body = "".join(f"<tr><td><p>{a}</p></td><td>{_thai(b)}</td><td>{_thai(c)}</td></tr>"
                   for a, b, c in _comparison_rows(old, h))
    html = ("<table><tr><th rowspan=\"2\">ตัวชี้วัด</th><th colspan=\"2\">ผลคะแนน</th></tr>"
            f"<tr><th>ปีงบประมาณ {_thai(str(old.year))}</th><th>ปีงบประมาณ {_thai(str(h.year))}</th></tr>"
            f"{body}</table>")
    return f"<p>ผลการประเมินย้อนหลัง</p>\n{html}\n", {old.year: _core(old), h.year: _core(h)}


def form_tool_table_tsv(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    rows = [["เครื่องมือ", "คะแนน", "เกณฑ์"]]
    rows += [[TOOL_NAMES[t], h.values[tool(t)], "85"] for t in TOOL_INDICATORS]
    rows.append(["ผลคะแนนรวม", h.values[overall()], "85"])
    indicators = [["ตัวชี้วัด", "คะแนน", "ผลต่างจากปีที่แล้ว"]]
    indicators += [[_indicator_label(n), h.values[indicator(n)], "1.25"] for n in NAMES]
    return ("ผลคะแนนรายเครื่องมือ\n\n" + _tsv(rows) + "\nผลคะแนนรายตัวชี้วัด\n\n" + _tsv(indicators),
            {h.year: _core(h)})


def form_tool_points_table(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    """Each tool's score beside its weight and its weighted points (score × weight), the total row
    printing the overall in the points column: the weights and points are never scores."""
    rows = [["เครื่องมือ", "คะแนนที่ได้", "น้ำหนัก (ร้อยละ)", "คะแนนถ่วงน้ำหนัก"]]
    weighted = {t: f"{WEIGHTS[t] * float(h.values[tool(t)]):.2f}" for t in TOOL_INDICATORS}
    rows += [[TOOL_NAMES[t], _thai(h.values[tool(t)]), _thai(str(round(WEIGHTS[t] * 100))),
              _thai(weighted[t])] for t in TOOL_INDICATORS]
    rows.append(["รวม", "", "๑๐๐", _thai(h.values[overall()])])
    printed = {key: h.values[key] for key in (overall(), *(tool(t) for t in TOOL_INDICATORS))}
    printed.update({points(t): value for t, value in weighted.items()})
    return "ผลคะแนนแยกตามเครื่องมือการประเมิน\n\n" + _pipe(rows), {h.year: printed}


def _grade(value: str) -> str:
    """The grade of a score (its letter band in pipeline/ita/knowledge/grade_bands.csv), as a
    flattened row prints it after the value."""
    from ita_extract.pipeline.ita.knowledge import rows

    reached = [band for band in rows("grade_bands")
               if band["kind"] == "letter" and float(band["min_score"]) <= float(value)]
    return max(reached, key=lambda band: float(band["min_score"]))["label"]


def form_flattened_lines(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    """A table a text dump flattened into lines (pdftotext, an OCR tool): each indicator's row
    a line `n. name value [grade]`, the tools on one line, the total last."""
    lines = ["ผลการประเมินรายตัวชี้วัด", "ตัวชี้วัด คะแนน ระดับ"]
    for n in NAMES:  # every other row with its grade after the value
        value = h.values[indicator(n)]
        lines.append(f"{n}. {NAMES[n]} {value}" + (f" {_grade(value)}" if n % 2 else ""))
    lines.append(" ".join(f"{t} {h.values[tool(t)]}" for t in TOOL_INDICATORS))
    lines.append(f"คะแนนรวม {h.values[overall()]}")
    return "\n".join(lines) + "\n", {h.year: _core(h)}


def form_tool_span_html(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    rows = []
    for t, numbers in TOOL_INDICATORS.items():
        for k, n in enumerate(numbers):
            head = (f"<td rowspan=\"{len(numbers)}\">{TOOL_NAMES[t]}</td>" if k == 0 else "")
            tail = (f"<td rowspan=\"{len(numbers)}\">{_thai(h.values[tool(t)])}</td>" if k == 0 else "")
            rows.append(f"<tr>{head}<td>{_indicator_label(n)}</td><td>{_thai(h.values[indicator(n)])}</td>{tail}</tr>")
    rows.append(f"<tr><td colspan=\"3\">คะแนนรวม</td><td>{_thai(h.values[overall()])}</td></tr>")
    html = ("<table><tr><th>เครื่องมือ</th><th>ตัวชี้วัด</th><th>คะแนนตัวชี้วัด</th><th>คะแนนเครื่องมือ</th></tr>"
            + "".join(rows) + "</table>")
    return f"<p>สรุปผลคะแนน</p>\n{html}\n", {h.year: _core(h)}


def form_items_table(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    items = with_items(h, 1)
    rows = [["ข้อ", "ข้อคำถาม", "คะแนน"], [_indicator_label(1), "", ""]]
    for (code, value), pattern in zip(items.items(), GARBLED_IIT, strict=True):
        number = code[1][1:]
        rows.append([pattern.format(_thai(number)), "บุคลากรในหน่วยงานของท่านปฏิบัติงาน", _thai(value)])
    rows.append(["", "คะแนนเฉลี่ย", _thai(h.values[indicator(1)])])
    text = ("ผลการประเมินแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT) รายข้อ\n\n" + _pipe(rows))
    return text, {h.year: {indicator(1): h.values[indicator(1)], **items}}


QUESTION = "บุคลากรในหน่วยงานของท่านปฏิบัติงาน"
IIT_ITEMS_CAPTION = "ผลการประเมินแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT) รายข้อ\n\n"


def _code(key: tuple) -> str:
    return _thai(key[1])


def form_items_code_in_question(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    """The code opens the question's cell (`i๑ บุคลากร…`); the indicator's score on its row."""
    items = with_items(h, 1)
    rows = [["ข้อคำถาม", "คะแนน"], [_indicator_label(1), _thai(h.values[indicator(1)])]]
    rows += [[f"{_code(key)} {QUESTION}", _thai(value)] for key, value in items.items()]
    return IIT_ITEMS_CAPTION + _pipe(rows), {h.year: {indicator(1): h.values[indicator(1)], **items}}


def form_items_question_code(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    """The question first, the code in a column of its own after it."""
    items = with_items(h, 1)
    rows = [["ข้อคำถาม", "ข้อ", "คะแนน"], [_indicator_label(1), "", _thai(h.values[indicator(1)])]]
    rows += [[QUESTION, _code(key), _thai(value)] for key, value in items.items()]
    return IIT_ITEMS_CAPTION + _pipe(rows), {h.year: {indicator(1): h.values[indicator(1)], **items}}


def _iit_detail(h: Hierarchy, numbers: tuple[int, ...]) -> tuple[list[list[str]], dict[tuple, str]]:
    """Rows of IIT and the indicators `numbers`, each followed by its six items."""
    rows = [[TOOL_NAMES["IIT"], "", _thai(h.values[tool("IIT")])]]
    printed = {tool("IIT"): h.values[tool("IIT")]}
    for number in numbers:
        items = with_items(h, number)
        rows.append([_indicator_label(number), "", _thai(h.values[indicator(number)])])
        rows += [[_code(key), QUESTION, _thai(value)] for key, value in items.items()]
        printed.update({indicator(number): h.values[indicator(number)], **items})
    return rows, printed


def form_items_under_tool_and_indicators(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    """One table for two tools: tool and indicator score rows between the items."""
    rows, printed = _iit_detail(h, (1, 2))
    rows.append([TOOL_NAMES["EIT"], "", _thai(h.values[tool("EIT")])])
    rows.append([_indicator_label(6), "", _thai(h.values[indicator(6)])])
    printed.update({tool("EIT"): h.values[tool("EIT")], indicator(6): h.values[indicator(6)]})
    return ("ผลการประเมินรายข้อ\n\n" + _pipe([["ข้อ", "ข้อคำถาม", "คะแนน"], *rows])), {h.year: printed}


def form_items_long_table(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    """Every IIT indicator with its items: a table long enough to go over a page."""
    rows, printed = _iit_detail(h, TOOL_INDICATORS["IIT"])
    return IIT_ITEMS_CAPTION + _pipe([["ข้อ", "ข้อคำถาม", "คะแนน"], *rows]), {h.year: printed}


def _page_broken(h: Hierarchy, repeat_header: bool) -> tuple[str, dict]:
    rows, printed = _iit_detail(h, TOOL_INDICATORS["IIT"])
    header = ["ข้อ", "ข้อคำถาม", "คะแนน"]
    cut = len(rows) // 2 + 1  # inside indicator 3's items
    second = [header, *rows[cut:]] if repeat_header else rows[cut:]
    text = (IIT_ITEMS_CAPTION + _pipe([header, *rows[:cut]]) + "\f"
            + (_pipe(second) if repeat_header else "".join("| " + " | ".join(r) + " |\n" for r in second)))
    return text, {h.year: printed}


def form_items_page_break(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    """The long table cut by a page break (a form feed), its header printed again."""
    return _page_broken(h, repeat_header=True)


def form_items_page_break_no_header(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    """The long table cut by a page break, going on without its header."""
    return _page_broken(h, repeat_header=False)


def form_items_merged_indicator(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    """The indicator's name and score in merged cells beside its items."""
    items = with_items(h, 1)
    body = ""
    for k, (key, value) in enumerate(items.items()):
        head = f"<td rowspan=\"{len(items)}\">{_indicator_label(1)}</td>" if k == 0 else ""
        tail = f"<td rowspan=\"{len(items)}\">{_thai(h.values[indicator(1)])}</td>" if k == 0 else ""
        body += f"<tr>{head}<td>{_code(key)}</td><td>{QUESTION}</td><td>{_thai(value)}</td>{tail}</tr>"
    html = ("<table><tr><th>ตัวชี้วัด</th><th>ข้อ</th><th>ข้อคำถาม</th><th>คะแนนรายข้อ</th>"
            f"<th>คะแนนตัวชี้วัด</th></tr>{body}</table>")
    return f"<p>{IIT_ITEMS_CAPTION.strip()}</p>\n{html}\n", \
        {h.year: {indicator(1): h.values[indicator(1)], **items}}


def form_items_two_columns(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    """Two items a row (code, score, code, score), under the indicator's row, its average below."""
    items = list(with_items(h, 1).items())
    rows = [["ข้อ", "คะแนน", "ข้อ", "คะแนน"], [_indicator_label(1), "", "", ""]]
    for (left, a), (right, b) in zip(items[0::2], items[1::2], strict=True):
        rows.append([_code(left), _thai(a), _code(right), _thai(b)])
    rows.append(["คะแนนเฉลี่ย", _thai(h.values[indicator(1)]), "", ""])
    return IIT_ITEMS_CAPTION + _pipe(rows), {h.year: {indicator(1): h.values[indicator(1)], **dict(items)}}


def _questions(year: int) -> dict[str, str]:
    """The year's IIT questions, as the package knows them (pipeline/ita/knowledge/item_questions.csv)."""
    from ita_extract.pipeline.ita.knowledge import rows
    return {r["item_code"]: r["question"] for r in rows("item_questions") if int(r["year_be"]) == year}


def form_items_without_codes(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    """Questions printed without their codes (spaced as a clerk typed them): the year's form says
    which item each is. Where the year's form is not known (2566), the items cannot be named:
    their scores are unread, never guessed."""
    items = with_items(h, 1)
    questions = _questions(h.year)
    rows = [["ข้อคำถาม", "คะแนน"], [_indicator_label(1), _thai(h.values[indicator(1)])]]
    rows += [[(questions.get(key[1]) or f"{QUESTION} ({key[1][1:]})").replace(" ", ""), _thai(value)]
             for key, value in items.items()]
    printed = {indicator(1): h.values[indicator(1)], **(items if questions else {})}
    return IIT_ITEMS_CAPTION + _pipe(rows), {h.year: printed}


def form_items_percent(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    """Scores printed as percentages, with `%` or `ร้อยละ`."""
    items = with_items(h, 1)
    average = f"ร้อยละ {_thai(h.values[indicator(1)])}"
    rows = [["ข้อ", "ข้อคำถาม", "ผลการประเมิน"], [_indicator_label(1), "", average]]
    rows += [[_code(key), QUESTION, f"{_thai(value)}%" if k % 2 else f"ร้อยละ {_thai(value)}"]
             for k, (key, value) in enumerate(items.items())]
    return IIT_ITEMS_CAPTION + _pipe(rows), {h.year: {indicator(1): h.values[indicator(1)], **items}}


ANSWER_SHARES = ("๖๒.๕๐", "๓๐.๐๐", "๕.๐๐", "๒.๕๐")  # of respondents, per answer: never scores


def form_items_answer_shares(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    """Each item's score beside the share of respondents giving each answer (มากที่สุด … น้อยที่สุด)."""
    items = with_items(h, 1)
    rows = [["ข้อ", "ข้อคำถาม", "มากที่สุด", "มาก", "น้อย", "น้อยที่สุด", "คะแนน"],
            [_indicator_label(1), "", "", "", "", "", ""]]
    rows += [[_code(key), QUESTION, *ANSWER_SHARES, _thai(value)] for key, value in items.items()]
    rows.append(["", "คะแนนเฉลี่ย", "", "", "", "", _thai(h.values[indicator(1)])])
    return IIT_ITEMS_CAPTION + _pipe(rows), {h.year: {indicator(1): h.values[indicator(1)], **items}}


def form_eit_parts(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    eit = h.value(tool("EIT"))
    spread = min(0.85, 100 - eit, eit)
    parts = {tool("EIT", 1): _r2(eit + spread), tool("EIT", 2): _r2(eit - spread)}
    lines = [f"{TOOL_NAMES['EIT'].replace(' (EIT)', '')} (ส่วนที่ {_thai(str(k))}) คะแนนที่ได้คิดเป็นร้อยละ "
             f"{_thai(parts[tool('EIT', k)])}" for k in (1, 2)]
    lines.append(f"รวมแบบวัด EIT ได้คะแนน {_thai(h.values[tool('EIT')])} คะแนน")
    lines += [f"{TOOL_NAMES[t]} ได้คะแนน {_thai(h.values[tool(t)])} คะแนน" for t in ("IIT", "OIT")]
    lines.append(f"ผลคะแนนรวม {_thai(h.values[overall()])} คะแนน")
    printed = {k: v for k, v in h.values.items() if k[0] in ("overall", "tool")}
    return "\n\n".join(lines) + "\n", {h.year: {**printed, **parts}}


def form_eit_parts_only(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    """EIT printed only in its two parts: derived from them, it checks the overall score."""
    eit = h.value(tool("EIT"))
    spread = min(0.85, 100 - eit, eit)
    parts = {tool("EIT", 1): _r2(eit + spread), tool("EIT", 2): _r2(eit - spread)}
    lines = [f"{TOOL_NAMES[t]} ได้คะแนน {_thai(h.values[tool(t)])} คะแนน" for t in ("IIT", "OIT")]
    lines += [f"แบบวัด EIT ส่วนที่ {_thai(str(k))} ได้คะแนน {_thai(parts[tool('EIT', k)])} คะแนน" for k in (1, 2)]
    lines.append(f"ผลคะแนนรวม {_thai(h.values[overall()])} คะแนน")
    printed = {k: v for k, v in h.values.items() if k in (overall(), tool("IIT"), tool("OIT"))}
    return "\n\n".join(lines) + "\n", {h.year: {**printed, **parts}}


def form_recalled_years(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    two, one = earlier(h, 2), earlier(h, 1)
    sentence = (f"ผลการประเมิน ITA ย้อนหลัง ๓ ปี (พ.ศ. {_thai(str(two.year))} - {_thai(str(h.year))}) ได้แก่ "
                f"ปีงบประมาณ พ.ศ. {_thai(str(two.year))} ({_thai(two.values[overall()])} คะแนน) "
                f"ปีงบประมาณ พ.ศ. {_thai(str(one.year))} ({_thai(one.values[overall()])} คะแนน) "
                f"และปีงบประมาณ พ.ศ. {_thai(str(h.year))} ({_thai(h.values[overall()])} คะแนน)")
    tools = " ".join(f"{t} ได้ {_thai(h.values[tool(t)])} คะแนน" for t in TOOL_INDICATORS)
    printed = {two.year: {overall(): two.values[overall()]}, one.year: {overall(): one.values[overall()]},
               h.year: {overall(): h.values[overall()],
                        **{tool(t): h.values[tool(t)] for t in TOOL_INDICATORS}}}
    return f"{sentence}\n\nผลคะแนนรายเครื่องมือในปี {_thai(str(h.year))} {tools}\n", printed


def form_subject_columns(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    old = earlier(h, 1)
    rows = [["ปีงบประมาณ", "IIT", "EIT", "OIT", "คะแนนรวม"]]
    for year_h in (old, h):
        rows.append([str(year_h.year), *(year_h.values[tool(t)] for t in TOOL_INDICATORS),
                     year_h.values[overall()]])
    printed = {x.year: {k: v for k, v in x.values.items() if k[0] in ("overall", "tool")} for x in (old, h)}
    return "ผลคะแนนรายเครื่องมือย้อนหลัง\n\n" + _pipe(rows), printed


def form_indicator_columns(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    old = earlier(h, 1)
    rows = [["ปี", *(NAMES[n] for n in TOOL_INDICATORS["IIT"]), "IIT"]]
    for year_h in (old, h):
        rows.append([f"พ.ศ. {year_h.year}", *(year_h.values[indicator(n)] for n in TOOL_INDICATORS["IIT"]),
                     year_h.values[tool("IIT")]])
    keys = (*(indicator(n) for n in TOOL_INDICATORS["IIT"]), tool("IIT"))
    printed = {x.year: {k: x.values[k] for k in keys} for x in (old, h)}
    return "ผลคะแนนแบบวัด IIT รายตัวชี้วัด\n\n" + _tsv(rows), printed


def form_tools_across(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    """The tools and the total as column headings over one row of values, no year on the row: the
    document's year."""
    rows = [["IIT", "EIT", "OIT", "คะแนนรวม", "ระดับ"],
            [*(h.values[tool(t)] for t in TOOL_INDICATORS), h.values[overall()], _grade(h.values[overall()])]]
    printed = {k: v for k, v in h.values.items() if k[0] in ("overall", "tool")}
    return "ตารางที่ ๑ ผลคะแนนรายเครื่องมือ\n\n" + _tsv(rows), {h.year: printed}


def form_indicators_across(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    """A chart's data as a table: each tool's indicator names as a row of headings over a row of
    their values, the next tool's below; the total in a sentence after it."""
    rows = []
    for numbers in TOOL_INDICATORS.values():
        rows += [[NAMES[n] for n in numbers], [_thai(h.values[indicator(n)]) for n in numbers]]
    printed = {k: v for k, v in h.values.items() if k[0] == "indicator" or k == overall()}
    return (_pipe(rows) + f"\nคะแนนรวม {_thai(h.values[overall()])} ระดับ {_grade(h.values[overall()])}\n",
            {h.year: printed})


def form_chart_lines(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    """A bar chart's text as a text layer gives it: each tool's indicator names on one line, their
    values on the next; the total in a sentence under the chart."""
    lines = ["แผนภูมิแสดงคะแนนรายตัวชี้วัด"]
    for numbers in TOOL_INDICATORS.values():
        lines += [" ".join(NAMES[n] for n in numbers), " ".join(h.values[indicator(n)] for n in numbers)]
    printed = {k: v for k, v in h.values.items() if k[0] == "indicator" or k == overall()}
    return "\n".join(lines) + f"\n\nคะแนนรวม {h.values[overall()]} คะแนน\n", {h.year: printed}


def form_formula(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    """The overall worked out by its formula, each step on a line of its own opening with `=`:
    the tools times their weights, their values times the weights, the points, the total."""
    weights = {t: f"{WEIGHTS[t]:.2f}" for t in TOOL_INDICATORS}
    weighted = {t: f"{WEIGHTS[t] * float(h.values[tool(t)]):.2f}" for t in TOOL_INDICATORS}
    lines = ["การคำนวณคะแนนภาพรวม",
             "คะแนน ITA = " + " + ".join(f"({t} × {weights[t]})" for t in TOOL_INDICATORS),
             "= " + " + ".join(f"({h.values[tool(t)]} × {weights[t]})" for t in TOOL_INDICATORS),
             "= " + " + ".join(weighted.values()),
             f"= {h.values[overall()]} คะแนน"]
    printed = {k: v for k, v in h.values.items() if k[0] in ("overall", "tool")}
    printed.update({points(t): value for t, value in weighted.items()})
    return "\n".join(lines) + "\n", {h.year: printed}


def form_distractor_prose(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    y = _thai(str(h.year))
    lines = [f"ประกาศ ณ วันที่ ๕ มกราคม {y}",
             f"ผลการประเมิน ITA ได้ {_thai(h.values[overall()])} คะแนน สูงกว่าปีที่ผ่านมา ๒.๔๑ คะแนน "
             "และสูงกว่าค่าเฉลี่ยระดับประเทศ ๘๗.๕๗ คะแนน",
             "มีตัวชี้วัดที่ได้คะแนนต่ำกว่าร้อยละ ๘๕ จำนวน ๓ ตัวชี้วัด",
             *(f"{_thai(str(k))}) ด้าน {t} ได้คะแนน {_thai(h.values[tool(t)])} คะแนน จากผู้ตอบ ๒๕ คน"
               for k, t in enumerate(TOOL_INDICATORS, 1)),
             "๙.๑ ข้อมูลพื้นฐาน", "๑๐.๒ การป้องกันการทุจริต",
             *(f"(๒) ตัวชี้วัดที่ {_thai(str(n))} {NAMES[n]} ได้ {_thai(h.values[indicator(n)])} คะแนน "
               f"เพิ่มขึ้น ๑.๒๐ คะแนน" for n in NAMES)]
    return "\n\n".join(lines) + "\n", {h.year: _core(h)}


def form_html_cells(h: Hierarchy, doc: dict) -> tuple[str, dict]:
    rows = "".join(f"<tr><td><p>{_indicator_label(n)}</p></td>"
                   f"<td><p><b>{_thai(h.values[indicator(n)])}</b></p></td></tr>" for n in NAMES)
    tools = "".join(f"<tr><td><p>{TOOL_NAMES[t]}</p></td><td><p>{_thai(h.values[tool(t)])}</p></td></tr>"
                    for t in TOOL_INDICATORS)
    html = (f"<table><tr><th>รายการ</th><th>ผลคะแนน</th></tr>{tools}{rows}"
            f"<tr><td><p>ผลการประเมินภาพรวม</p></td><td><p>{_thai(h.values[overall()])}</p></td></tr></table>")
    return f"<h2>ผลการประเมิน</h2>\n{html}\n", {h.year: _core(h)}


FORMS = {  # name: (printer, form); the numbers a form leaves unread are in UNREAD
    "prose": (form_prose, "md"),
    "numbered_list": (form_numbered_list, "md"),
    "parentheses": (form_parentheses, "md"),
    "rank_table": (form_rank_table, "md"),
    "comparison_second_header": (form_comparison_second_header, "md"),
    "comparison_html": (form_comparison_html, "html"),
    "comparison_short_years": (form_comparison_short_years, "tsv"),
    "tool_table_tsv": (form_tool_table_tsv, "tsv"),
    "tool_span_html": (form_tool_span_html, "html"),
    "tool_points_table": (form_tool_points_table, "md"),
    "flattened_lines": (form_flattened_lines, "tsv"),
    "items_table": (form_items_table, "md"),
    "items_code_in_question": (form_items_code_in_question, "md"),
    "items_question_code": (form_items_question_code, "md"),
    "items_under_tool_and_indicators": (form_items_under_tool_and_indicators, "md"),
    "items_long_table": (form_items_long_table, "md"),
    "items_page_break": (form_items_page_break, "md"),
    "items_page_break_no_header": (form_items_page_break_no_header, "md"),
    "items_merged_indicator": (form_items_merged_indicator, "html"),
    "items_two_columns": (form_items_two_columns, "md"),
    "items_percent": (form_items_percent, "md"),
    "items_answer_shares": (form_items_answer_shares, "md"),
    "items_without_codes": (form_items_without_codes, "md"),
    "eit_parts": (form_eit_parts, "md"),
    "eit_parts_only": (form_eit_parts_only, "md"),
    "recalled_years": (form_recalled_years, "md"),
    "subject_columns": (form_subject_columns, "md"),
    "indicator_columns": (form_indicator_columns, "tsv"),
    "tools_across": (form_tools_across, "tsv"),
    "indicators_across": (form_indicators_across, "md"),
    "chart_lines": (form_chart_lines, "md"),
    "formula": (form_formula, "md"),
    "distractor_prose": (form_distractor_prose, "md"),
    "html_cells": (form_html_cells, "html"),
}
# Forms that print numbers no reader can take, by the year printed: how many.
UNREAD = {"items_without_codes": lambda year: 0 if _questions(year) else 6}
# The item tables rendered as scans too (image-only PDFs, read by OCR), of one document each:
# 002's six items of indicator 1 in every layout, and 000's thirty over three pages; and the tools
# as column headings (OCR reads IIT there as NT).
SCANNED = {("002", name) for name in FORMS if name.startswith("items_") and name != "items_long_table"} \
    | {("000", "items_long_table"), ("002", "tools_across")}


def golden_hierarchy(stem: str) -> tuple[Hierarchy, dict]:
    """The dev document's golden scores completed into a hierarchy, and its golden documents row."""
    doc = json.loads((GOLDEN / f"{stem}.documents.json").read_text("utf-8"))
    scores = json.loads((GOLDEN / f"{stem}.scores.json").read_text("utf-8"))
    year = doc["assessment_year_be"]
    fixed = {}
    for row in scores:
        if row["score_year_be"] != year:
            continue
        if row["level"] == "overall":
            fixed[overall()] = row["score"]
        elif row["level"] == "indicator":
            fixed[indicator(int(row["indicator"]))] = row["score"]
    return complete(year, fixed), doc


def _altered(printed: dict[int, dict[tuple, str]], year: int) -> tuple[dict, str, tuple] | None:
    """The printed values with one value changed, the rule that breaks and the key changed: the
    first indicator of the first complete tool mean, else the overall where it is in a complete
    weighting, else the first item. (An indicator is the hard case for blame: any indicator of
    its tool could have been misprinted instead.)"""
    values = printed[year]
    for name, parent, children in RULES:
        if name in ("overall_weighted", "iit_mean", "eit_mean", "oit_mean") and parent in values \
                and all(c in values for c in children):
            key = parent if name == "overall_weighted" else children[0]
            old = float(values[key])
            new = _r2(old - 3.0 if old > 50 else old + 3.0)
            return {**printed, year: {**values, key: new}}, name, key
    items = [k for k in values if k[0] == "item"]
    if items:
        old = float(values[items[0]])
        return {**printed, year: {**values, items[0]: _r2(old - 3.0 if old > 50 else old + 3.0)}}, \
            "indicator_items", items[0]
    if overall() in values and tool("EIT", 1) in values:  # the weighting checked through EIT's parts
        old = float(values[overall()])
        return {**printed, year: {**values, overall(): _r2(old - 3.0 if old > 50 else old + 3.0)}}, \
            "overall_weighted", overall()
    return None


def variants() -> list[Variant]:
    """Every form of every dev document's scores, and an altered twin of each complete one."""
    found = []
    for stem in DOCS:
        h, doc = golden_hierarchy(stem)
        title = _title(doc, h.year)
        for name, (printer, form) in FORMS.items():
            body, printed = printer(h, doc)
            rows = expected_rows(printed)
            unread = UNREAD[name](h.year) if name in UNREAD else 0
            found.append(Variant(f"{stem[:3]}-{name}", form, _document(form, title, body), rows,
                                 _overall_of(printed, h.year), _score_check(rows), _renderable(form, body),
                                 unread=unread, scanned=(stem[:3], name) in SCANNED))
            altered = _altered(printed, h.year)
            replacement = altered and _replacement(printed[h.year][altered[2]],
                                                   altered[0][h.year][altered[2]], body)
            if not altered or not replacement:
                continue
            changed, _, key = altered
            rows = expected_rows(changed)
            found.append(Variant(f"{stem[:3]}-{name}-altered", form,
                                 _document(form, title, body.replace(*replacement)), rows,
                                 _overall_of(changed, h.year), _score_check(rows), _renderable(form, body),
                                 _row(key, h.year, changed[h.year][key], "conflict"), unread))
    return found


def _renderable(form: str, body: str) -> bool:
    """Whether ../shared/tools/render_corpus.py can print it: not HTML, no form feed (a Word
    document breaks its pages itself: the long table goes over a page there)."""
    return form != "html" and "\f" not in body


def _document(form: str, title: str, body: str) -> str:
    if form == "html":
        return "".join(f"<p>{line}</p>\n" for line in title.strip().split("\n")) + body
    return title + body


def _overall_of(printed: dict[int, dict[tuple, str]], year: int) -> float | None:
    value = printed[year].get(overall())
    return float(value) if value is not None else None


def _replacement(old: str, new: str, body: str) -> tuple[str, str] | None:
    """How the altered value is printed in place of the old one (Thai or Arabic digits as the
    form prints them); None where the old value is printed more than once."""
    for printed_old, printed_new in ((_thai(old), _thai(new)), (old, new)):
        if body.count(printed_old) == 1:
            return printed_old, printed_new
    return None


def _score_check(rows: list[Row]) -> str:
    if any(r.verification == "conflict" for r in rows):
        return "conflicting"
    return "consistent" if any(r.verification == "verified" for r in rows) else "unchecked"


def write_texts(out: str, every: Iterable) -> None:
    """Each variant's text into `out`, named as a conversion tool would have named its dump."""
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    for variant in every:
        (folder / f"{variant.name}{variant.suffix}").write_text(variant.text, "utf-8")


def main(out: str) -> None:
    write_texts(out, variants())


if __name__ == "__main__":
    main(sys.argv[1])

