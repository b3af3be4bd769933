"""OUT/report.html: one self-contained page (no script, no network) to see what a run found
and how far to trust it — the run's counts, then a card per document with its score tree,
each value's verification and the page and printed line behind it (`<details>`, on demand)."""

from __future__ import annotations

import html
import logging
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from ita_extract.pipeline.dataset.counts import RunCounts, count_run
from ita_extract.pipeline.dataset.schema import warning_meanings
from ita_extract.pipeline.dataset.store import REPORT
from ita_extract.pipeline.ita import knowledge
from ita_extract.pipeline.ita.framework import tools
from ita_extract.pipeline.ita.verification.arithmetic import expected
from ita_extract.pipeline.ita.verification.grades import grade_for
from ita_extract.pipeline.ita.warnings import failed_rule, kind_of

log = logging.getLogger(__name__)
_LEVEL_ORDER = {"tool": 0, "indicator": 1, "sub_indicator": 2, "item": 3}
_COLOURS = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1")

_STYLE = """
body{font-family:"Noto Sans Thai",Loma,Garuda,sans-serif;margin:1.5rem;color:#222;max-width:75rem}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}h3{font-size:1.05rem;margin:.2rem 0}
table{border-collapse:collapse;margin:.4rem 0}td,th{border:1px solid #ccc;padding:.15rem .4rem;
text-align:left;vertical-align:top}th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums}
.doc{border:1px solid #bbb;border-radius:6px;padding:.6rem 1rem;margin:1rem 0}
.verified{color:#1a7f37}.corrected{color:#9a6700}.conflict{color:#cf222e;font-weight:bold}
.unverified{color:#666}.l1{padding-left:1.2rem}.l2{padding-left:2.4rem}.l3{padding-left:3.6rem}
.meta td:first-child{font-weight:bold}details summary{cursor:pointer;color:#0550ae}
.warn{color:#9a6700}.muted{color:#666}
.g-AA,.g-A{background:#dafbe1}.g-B,.g-C{background:#fff8c5}.g-D,.g-E,.g-F{background:#ffebe9}
td.conflict-status{outline:2px solid #cf222e}
"""


def write_report(folder: Path, manifest: dict[str, Any]) -> None:
    """Write `folder/report.html` from the run's tables in `folder`. A report that cannot be
    made is a page saying why, never a failed run: the tables are what matter."""
    try:
        text = render(folder, manifest)
    except Exception as exc:  # noqa: BLE001 — the tables are written; the report must not undo the run
        log.warning("report.html could not be made: %s: %s", type(exc).__name__, exc)
        text = _page("ita-extract report", [f"<p>The report could not be made: {_e(exc)}</p>"])
    path = folder / REPORT
    temporary = path.with_name(f".{REPORT}.{os.getpid()}")
    temporary.write_text(text, "utf-8")
    with temporary.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def render(folder: Path, manifest: dict[str, Any]) -> str:
    counts = count_run(folder, manifest)
    wanted = {"scores": None, "measures": ["doc_id"], "findings": ["doc_id", "kind"], "unread": None}
    tables = {name: _by_doc(folder / f"{name}.parquet", columns) for name, columns in wanted.items()}
    documents = sorted(pq.read_table(folder / "documents.parquet").to_pylist(),
                       key=lambda d: (d["org_name"] or "\uffff", d["source_path"]))
    errors = pq.read_table(folder / "errors.parquet").to_pylist()
    body = [f"<h1>ita-extract report</h1><p class=muted>{_e(manifest.get('finished_at', ''))} · code "
            f"{_e(manifest.get('parser_version', ''))} · contract {_e(manifest.get('contract_version', ''))}"
            f" · raw {_e(manifest.get('raw_root', ''))}</p>",
            _run_section(counts, errors), _overview(folder), _disagreements(folder, documents),
            "<h2>Documents</h2>"]
    editions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for doc in documents:
        if doc["doc_type"] != "unknown":
            editions[doc["edition_id"] or doc["doc_id"]].append(doc)
    for copies in editions.values():
        shown = max(copies, key=lambda d: (len(tables["scores"].get(d["doc_id"], [])), _FORMAT_RANK.get(
            d["text_source"], 0), d["source_path"]))  # the copy that read best; the others listed in it
        body.append(_card(shown, tables, [d for d in copies if d is not shown]))
    body.append(_not_ita([doc for doc in documents if doc["doc_type"] == "unknown"]))
    return _page("ita-extract report", body)


# Which copy of one document the report shows when its scores tie: typed text over a text layer over OCR.
_FORMAT_RANK = {"plain_text": 3, "text_layer": 2, "mixed": 1, "ocr": 0}


def _overview(folder: Path) -> str:
    """Organisations × years: each organisation's overall score per year as the panel agrees on
    it, coloured by its grade; a value documents disagree on is outlined and marked."""
    overall = [row for row in pq.read_table(folder / "panel.parquet").to_pylist()
               if row["level"] == "overall" and row["score_year_be"] is not None]
    if not overall:
        return ""
    named = pq.read_table(folder / "organisations.parquet", columns=["org_id", "org_name", "province"])
    organisations = {row["org_id"]: row for row in named.to_pylist()}
    years = sorted({row["score_year_be"] for row in overall})
    cells = {(row["org_id"], row["score_year_be"]): row for row in overall}
    order = sorted({row["org_id"] for row in overall},
                   key=lambda o: (organisations.get(o, {}).get("province") or "",
                                  _org_name(organisations, o)))
    head = "".join(f"<th>{year}</th>" for year in years)
    rows = []
    for org in order:
        tds = []
        for year in years:
            row = cells.get((org, year))
            if row is None:
                tds.append("<td></td>")
                continue
            grade = grade_for(row["score"]) or ""
            flag = " conflict-status" if row["status"] == "conflict" else ""
            mark = " ≠" if row["status"] == "conflict" else ""
            tds.append(f"<td class='num g-{grade}{flag}' title='{_e(row['status'])}, {row['n_documents']} "
                       f"document(s), {_e(row['verification'])}'>{row['score']:.2f}{mark}</td>")
        province = organisations.get(org, {}).get("province") or ""
        name = _org_name(organisations, org)
        rows.append(f"<tr><td>{_e(name)}</td><td>{_e(province)}</td>{''.join(tds)}</tr>")
    return ("<h2>Overview</h2><p class=muted>Each organisation's overall score per assessment year, as "
            "the documents agree on it (the panel), coloured by grade; ≠: documents disagree (below).</p>"
            f"<table class=overview><tr><th>organisation</th><th>province</th>{head}</tr>"
            f"{''.join(rows)}</table>")


def _org_name(organisations: dict[str, dict[str, Any]], org_id: str) -> str:
    return organisations.get(org_id, {}).get("org_name") or org_id


def _not_ita(documents: list[dict[str, Any]]) -> str:
    """The files that hold no ITA document, in one collapsed list: a mixed folder's cards said
    only `unknown`."""
    if not documents:
        return ""
    rows = "".join(f"<li>{_e(doc['source_path'])} <span class=muted>({_e(doc['source_format'])}"
                   + (f", {doc['page_count']} page(s)" if doc["page_count"] else "") + ")</span></li>"
                   for doc in documents)
    return (f"<details><summary>{len(documents)} file(s) that are not ITA documents</summary>"
            f"<ul>{rows}</ul></details>")


def _disagreements(folder: Path, documents: list[dict[str, Any]]) -> str:
    """The panel's conflicts: subjects whose documents print different values, each named with
    the files behind it (best evidence first). The arithmetic cannot see these: it checks one
    document at a time."""
    panel = [row for row in pq.read_table(folder / "panel.parquet").to_pylist()
             if row["status"] == "conflict"]
    named = pq.read_table(folder / "organisations.parquet", columns=["org_id", "org_name"]).to_pylist()
    organisations = {row["org_id"]: row["org_name"] for row in named}
    paths = {doc["doc_id"]: doc["source_path"] for doc in documents}
    rows = [(organisations.get(row["org_id"], row["org_id"]), row["score_year_be"], _score_name(row)[0],
             f"{row['score']:.2f}", ", ".join(f"{v:.2f}" for v in row["values"]),
             "; ".join(paths.get(doc_id, doc_id) for doc_id in row["doc_ids"])) for row in panel]
    if not rows:
        return ""
    header = ("organisation", "year", "score of", "kept", "values", "documents, best evidence first")
    return ("<h2>Documents that disagree</h2><p class=muted>The same score printed with different values "
            "by different documents (or formats) of one organisation: the panel keeps the value with the "
            "best evidence, and every value.</p>" + _table(header, rows))


def _by_doc(path: Path, columns: list[str] | None) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in pq.read_table(path, columns=columns).to_pylist():
        grouped[row["doc_id"]].append(row)
    return grouped


def _run_section(counts: RunCounts, errors: list[dict[str, Any]]) -> str:
    meanings = warning_meanings()
    parts = ["<h2>Run</h2><table class=run>",
             *(f"<tr><th>{label}</th><td class=num>{value}</td></tr>" for label, value in (
                 ("inputs seen", counts.seen), ("ITA documents", counts.ita),
                 ("not ITA documents", counts.not_ita), ("failed", counts.failed),
                 ("skipped", len(counts.skipped)))),
             "</table>"]
    if counts.warnings:
        parts.append("<h3>Warnings by kind</h3>" + _table(
            ("warning", "documents", "meaning"),
            [(kind, n, _meaning(kind, meanings)) for kind, n in sorted(counts.warnings.items())]))
    if errors:
        failed = [(e["source_path"], e["error_type"], e["message"]) for e in errors]
        parts.append("<h3>Failed</h3>" + _table(("file", "error", "message"), failed))
    if counts.skipped:
        parts.append("<h3>Skipped</h3>" + _table(("file", "why"), sorted(counts.skipped.items())))
    return "\n".join(parts)


def _table(headers: tuple[str, ...], rows: Iterable[tuple]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_e(_text(v))}</td>" for v in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _meaning(kind: str, meanings: dict[str, str]) -> str:
    return meanings.get(kind) or next((m for w, m in meanings.items() if w.startswith(f"{kind}:")), "")


def _card(doc: dict[str, Any], tables: dict[str, dict[str, list[dict[str, Any]]]],
          copies: list[dict[str, Any]] | None = None) -> str:
    """One document's card; `copies`: the same document in other files (formats), one line each."""
    scores = tables["scores"].get(doc["doc_id"], [])
    findings = tables["findings"].get(doc["doc_id"], [])
    kinds = ", ".join(f"{k} {n}" for k, n in sorted(Counter(f["kind"] for f in findings).items()))
    meta = [("organisation", doc["org_name"]), ("district", doc["district"]), ("province", doc["province"]),
            ("document type", doc["doc_type"]), ("assessment year (BE)", doc["assessment_year_be"]),
            ("plan year (BE)", doc["plan_year_be"]), ("overall score", doc["overall_score"]),
            ("grade", doc["grade"]), ("grade as printed", doc["grade_stated"]),
            ("score check", doc["score_check"]), ("text source", doc["text_source"]),
            ("pages", doc["page_count"]), ("file", doc["source_path"]),
            ("scores", len(scores)), ("measures", len(tables["measures"].get(doc["doc_id"], []))),
            ("findings", f"{len(findings)}" + (f" ({kinds})" if kinds else "")),
            ("numbers unread", doc["n_unread"])]
    title = doc["org_name"] or doc["source_path"]
    parts = [f"<section class=doc id='doc-{_e(doc['doc_id'])}'><h3>{_e(title)}</h3><table class=meta>",
             *(f"<tr><td>{label}</td><td>{_e(_text(value))}</td></tr>" for label, value in meta
               if value is not None), "</table>"]
    if copies:
        also = "; ".join(f"{c['source_path']} ({c['text_source']}, "
                         f"{len(tables['scores'].get(c['doc_id'], []))} scores, "
                         f"overall {_text(c['overall_score'])})" for c in copies)
        parts.append(f"<p class=muted>The same document, also read from: {_e(also)}</p>")
    warnings = doc["warnings"] or []
    if warnings:
        meanings = warning_meanings()
        spans = (f"<span title='{_e(_meaning(kind_of(w), meanings))}'>{_e(w)}</span>" for w in warnings)
        parts.append("<p class=warn>Warnings: " + "; ".join(spans) + "</p>")
    if scores:
        parts.append(_chart(scores))
        parts.append(_score_tree(scores, _conflicts(warnings)))
    unread = tables["unread"].get(doc["doc_id"], [])
    if unread:
        parts.append(_unread(unread))
    parts.append("</section>")
    return "\n".join(parts)


def _unread(rows: list[dict[str, Any]]) -> str:
    """The numbers that could be scores and that no reader took: leads to a layout not read yet."""
    listed = [(row["page"] if row["page"] is not None else "text", row["line"], row["number"],
               row["context"].replace("\t", " | ")) for row in rows]
    return (f"<details><summary class=warn>{len(rows)} number(s) that could be scores were not read"
            "</summary>" + _table(("page", "line", "number", "context"), listed) + "</details>")


def _conflicts(warnings: Iterable[str]) -> dict[int, list[str]]:
    """{score year: [rule, …]} of the rules the document's arithmetic broke."""
    rules = {row["rule"]: row["meaning"] for row in knowledge.rows("score_rules")}
    broken: dict[int, list[str]] = defaultdict(list)
    for rule, year in filter(None, map(failed_rule, warnings)):
        broken[year].append(f"{rule} ({rules.get(rule, '')})")
    return broken


def _tree_order(row: dict[str, Any]) -> tuple:
    tool = row["tool"]
    order = list(tools())
    return (order.index(tool) if tool in order else len(order), row["indicator"] or 99,
            _LEVEL_ORDER.get(row["level"], 4), _natural(row["sub_indicator"]), _natural(row["item_code"]),
            row["tool_part"] or 0)


def _natural(code: str | None) -> tuple:
    """`o9` before `o10`, `9.2` before `10.1`."""
    return tuple(int(n) for n in re.findall(r"\d+", code or "")), code or ""


def _score_tree(scores: list[dict[str, Any]], broken: dict[int, list[str]]) -> str:
    """Per score year (the assessment year first): overall → tools → indicators → items."""
    by_year: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
    for row in scores:
        by_year[row["score_year_be"]].append(row)
    parts = []
    for year in sorted(by_year, key=lambda y: -(y or 0)):
        rows = by_year[year]
        overall = [r for r in rows if r["level"] == "overall"]
        rest = sorted((r for r in rows if r["level"] != "overall"), key=_tree_order)
        parts.append(f"<table class=scores><caption>Scores of {_e(_text(year))}</caption>"
                     "<tr><th>score</th><th>value</th><th>verification</th><th>source</th></tr>")
        trusted = {_key_of(r): r["score"] for r in rows if r["verification"] != "conflict"}
        parts += [_score_row(r, broken.get(year or 0, []), trusted) for r in overall + rest]
        parts.append("</table>")
    return "\n".join(parts)


def _score_name(row: dict[str, Any]) -> tuple[str, int]:
    level = row["level"]
    if level == "overall":
        return "overall", 0
    if level == "tool":
        part = f" part {row['tool_part']}" if row["tool_part"] else ""
        return f"{row['tool']}{part}", 0
    if level == "indicator":
        return f"indicator {row['indicator']}", 1
    if level == "sub_indicator":
        return f"sub-indicator {row['sub_indicator']}", 2
    return row["item_code"] or row["item_code_raw"] or "item", 3


def _score_row(row: dict[str, Any], broken: list[str], values: dict[tuple, float] | None = None) -> str:
    name, depth = _score_name(row)
    label = f" <span class=muted>{_e(row['label'])}</span>" if row["label"] else ""
    verification = row["verification"]
    rule = ""
    if verification == "conflict" and broken:
        rule = f"<br><small>broken: {_e('; '.join(broken))}</small>"
        should = expected({k: v for k, v in (values or {}).items() if k != _key_of(row)}, _key_of(row))
        if should is not None:
            rule += f"<br><small>expected {should:.2f} (gap {row['score'] - should:+.2f})</small>"
    page = f"p. {row['page']}" if row["page"] is not None else "text"
    source = f"<details><summary>{page}</summary>{_e(row['source_text'] or '')}</details>"
    return (f"<tr><td class=l{depth}>{_e(name)}{label}</td><td class=num>{row['score']:.2f}</td>"
            f"<td class={verification}>{verification}{rule}</td><td>{source}</td></tr>")


def _key_of(row: dict[str, Any]) -> tuple:
    """A score row's key as the arithmetic names scores (Score.key)."""
    return (row["level"], row["tool"], row["tool_part"], row["indicator"], row["sub_indicator"],
            row["item_code"], row["score_year_be"])


def _chart(scores: list[dict[str, Any]]) -> str:
    """Indicator scores by year, a bar group per indicator, as inline SVG."""
    values: dict[tuple[int, int], float] = {}
    for row in scores:
        if row["level"] == "indicator" and row["indicator"] and row["score_year_be"]:
            values.setdefault((row["indicator"], row["score_year_be"]), row["score"])
    if not values:
        return ""
    indicators = sorted({i for i, _ in values})
    years = sorted({y for _, y in values})[-len(_COLOURS):]
    bar, gap, height = 10, 12, 120
    group = bar * len(years) + gap
    width = 40 + group * len(indicators)
    parts = [f"<svg class=chart role=img aria-label='indicator scores by year' width={width} "
             f"height={height + 40} xmlns='http://www.w3.org/2000/svg' font-size='10'>",
             f"<line x1=30 y1={height} x2={width} y2={height} stroke='#999'/>",
             f"<text x=0 y=10>100</text><text x=8 y={height}>0</text>"]
    for gi, indicator in enumerate(indicators):
        x0 = 34 + gi * group
        for yi, year in enumerate(years):
            score = values.get((indicator, year))
            if score is None:
                continue
            h = max(0.0, min(score, 100.0)) * height / 100
            tip = f"indicator {indicator}, {year}: {score:.2f}"
            parts.append(f"<rect x={x0 + yi * bar} y={height - h:.1f} width={bar - 1} height={h:.1f} "
                         f"fill='{_COLOURS[yi]}'><title>{tip}</title></rect>")
        parts.append(f"<text x={x0} y={height + 12}>{indicator}</text>")
    parts += [f"<rect x={34 + i * 60} y={height + 22} width=8 height=8 fill='{_COLOURS[i]}'/>"
              f"<text x={46 + i * 60} y={height + 30}>{year}</text>" for i, year in enumerate(years)]
    parts.append("</svg>")
    return "\n".join(parts)


def _text(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    return "" if value is None else str(value)


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _page(title: str, body: list[str]) -> str:
    return ("<!DOCTYPE html>\n<html lang=th><head><meta charset=utf-8>"
            f"<title>{_e(title)}</title><style>{_STYLE}</style></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")
