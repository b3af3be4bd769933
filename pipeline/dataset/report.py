"""OUT/report.html and OUT/report/: what a run found and how far to trust it, nothing fetched
from the network.

report.html is the overview: the run's counts, every organisation × year with its overall score
(coloured by grade, disagreements marked; a search box and filters, by a few lines of script),
the documents that disagree, the files that are not ITA documents. Each organisation has a page
of its own in report/ (`<org_id>.html`, documents without an organisation in
`no-organisation.html`): its overall scores by year as a chart, what its documents agree and
disagree on, its measures and findings as text, and a card per document with its score tree,
each value's verification and the page and printed line behind it (each printed source once per
document, on demand). A browser loads one organisation's sources when its page is opened, so the
overview stays small at thousands of documents."""

from __future__ import annotations

import html
import logging
import os
import re
import shutil
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ita_extract.pipeline.dataset.counts import RunCounts, count_run
from ita_extract.pipeline.dataset.layout import REPORT, REPORT_PAGES
from ita_extract.pipeline.dataset.schema import enumerations, warning_meanings
from ita_extract.pipeline.ita import knowledge
from ita_extract.pipeline.ita.framework import tools
from ita_extract.pipeline.ita.scores import row_key
from ita_extract.pipeline.ita.verification.arithmetic import expected
from ita_extract.pipeline.ita.verification.grades import grade_for, pass_mark
from ita_extract.pipeline.ita.warnings import failed_rule, kind_of

log = logging.getLogger(__name__)
_LEVEL_ORDER = {"tool": 0, "indicator": 1, "sub_indicator": 2, "item": 3}
_COLOURS = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1")

# The report's own Thai font (scripts/make_report_font.py; its licence beside it), copied into
# the report's folder: Thai is drawn on a machine without a Thai font. A file beside the pages,
# not one copy per page: 19 KB once instead of 8 MB at 5,000 documents.
FONT = Path(__file__).parent / "data" / "report-thai.woff2"
FONT_LICENSE = FONT.with_suffix(".LICENSE")
_STYLE = """
@font-face{font-family:"ITA Thai";src:url("FONT_URL") format("woff2")}
body{font-family:"ITA Thai","Noto Sans Thai",Loma,Garuda,sans-serif;margin:1.5rem;color:#222;max-width:75rem}
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
.filters{margin:.5rem 0}.filters input,.filters select{margin-right:.6rem}
.chart text{fill:#333}.chart .axis{stroke:#999}.chart .grid{stroke:#eee}
.text-list li{margin:.25rem 0}
"""
NO_ORGANISATION = "no-organisation"  # the page of the documents whose organisation was not read
_SAFE_NAME = re.compile(r"[A-Za-z0-9_-]+")
# The overview's filters: rows shown where every filter matches (a year, a status or a
# verification matches a row that has a cell with it).
_FILTER_SCRIPT = """
function itaFilter(){
  const q=document.getElementById('q').value.trim().toLowerCase();
  const y=document.getElementById('year').value, st=document.getElementById('status').value,
        v=document.getElementById('verification').value;
  let shown=0;
  for(const row of document.querySelectorAll('table.overview tr[data-text]')){
    const cells=[...row.querySelectorAll('td[data-year]')].filter(c=>(!y||c.dataset.year===y)
      &&(!st||c.dataset.status===st)&&(!v||c.dataset.verification===v));
    const ok=(!q||row.dataset.text.includes(q))&&(!(y||st||v)||cells.length>0);
    row.hidden=!ok; shown+=ok;
  }
  document.getElementById('shown').textContent=shown;
}
"""


def write_report(folder: Path, manifest: dict[str, Any]) -> None:
    """Write `folder/report.html` and the pages of `folder/report/` from the run's tables in
    `folder`. A report that cannot be made is a page saying why, never a failed run: the tables
    are what matter. The pages are written into a new folder, which then takes the old one's
    place (a reader never sees half of them)."""
    pages_dir = folder / REPORT_PAGES
    staged = pages_dir.with_name(f".{pages_dir.name}.new-{os.getpid()}")
    shutil.rmtree(staged, ignore_errors=True)
    staged.mkdir()
    try:
        text = render(folder, manifest, staged)
    except Exception as exc:  # noqa: BLE001 — the tables are written; the report must not undo the run
        log.warning("report.html could not be made: %s: %s", type(exc).__name__, exc)
        for page in staged.iterdir():
            page.unlink()
        failed = [f"<p>The report could not be made: {_e(exc)}</p>"]
        text = _page("ita-extract report", failed, folder=f"{REPORT_PAGES}/")
    shutil.copyfile(FONT, staged / FONT.name)
    shutil.copyfile(FONT_LICENSE, staged / FONT_LICENSE.name)
    old = pages_dir.with_name(f".{pages_dir.name}.old-{os.getpid()}")
    if pages_dir.is_dir() and not pages_dir.is_symlink():
        os.rename(pages_dir, old)
    elif pages_dir.is_symlink() or pages_dir.exists():
        pages_dir.unlink()
    os.rename(staged, pages_dir)
    shutil.rmtree(old, ignore_errors=True)
    path = folder / REPORT
    temporary = path.with_name(f".{REPORT}.{os.getpid()}")
    temporary.write_text(text, "utf-8")
    with temporary.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, path)


# The tables a document's card and its organisation's page read, one organisation at a time,
# and their columns the report shows (None: all): a measure's source text is the table rows it
# was read from, the largest column of the run, and the report prints measures as text.
_PER_DOCUMENT: dict[str, list[str] | None] = {
    "scores": None,
    "measures": ["doc_id", "issue_area", "title", "steps", "responsible", "timeframe_raw", "status",
                 "item_codes", "plan_year_be"],
    "findings": ["doc_id", "kind", "text", "item_codes", "issue_area", "assessment_year_be"],
    "unread": None,
}


def render(folder: Path, manifest: dict[str, Any], pages_dir: Path) -> str:
    """The overview page; each organisation's page written into `pages_dir` as it is made. The
    rows of the per-document tables are taken from Arrow one organisation at a time, so only
    the run's columnar tables are held whole (`report` over 5,000 documents: peak 381 MiB, 783
    MiB when every row was held as a dict)."""
    counts = count_run(folder, manifest)
    arrow = {name: pq.read_table(folder / f"{name}.parquet", columns=columns)
             for name, columns in _PER_DOCUMENT.items()}
    n_scores = Counter(arrow["scores"].column("doc_id").to_pylist())
    documents = sorted(pq.read_table(folder / "documents.parquet").to_pylist(),
                       key=lambda d: (d["org_name"] or "\uffff", d["source_path"]))
    errors = pq.read_table(folder / "errors.parquet").to_pylist()
    panel = pq.read_table(folder / "panel.parquet").to_pylist()
    panel_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in panel:
        panel_of[row["org_id"]].append(row)
    organisations = {row["org_id"]: row
                     for row in pq.read_table(folder / "organisations.parquet").to_pylist()}
    editions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for doc in documents:
        if doc["doc_type"] != "unknown":
            editions[doc["edition_id"] or doc["doc_id"]].append(doc)
    pages: dict[str, list[tuple[dict[str, Any], list[dict[str, Any]]]]] = defaultdict(list)
    for copies in editions.values():
        # The copy that read best is shown; the others are listed in its card.
        shown = max(copies, key=lambda d: (n_scores[d["doc_id"]], _FORMAT_RANK.get(d["text_source"], 0),
                                           d["source_path"]))
        pages[_page_name(shown["org_id"])].append((shown, [d for d in copies if d is not shown]))
    for name in sorted(pages):
        wanted = pa.array([doc["doc_id"] for doc, _ in pages[name]])
        tables = {table: _grouped(rows.filter(pc.is_in(rows.column("doc_id"), value_set=wanted)))
                  for table, rows in arrow.items()}
        cards = [(doc, _card(doc, tables, others, n_scores)) for doc, others in pages[name]]
        text = _organisation_page(name, organisations.get(name), cards, panel_of.get(name, []), tables)
        (pages_dir / f"{name}.html").write_text(text, "utf-8")
    body = [f"<h1>ita-extract report</h1><p class=muted>{_e(manifest.get('finished_at', ''))} · code "
            f"{_e(manifest.get('parser_version', ''))} · contract {_e(manifest.get('contract_version', ''))}"
            f" · raw {_e(manifest.get('raw_root', ''))}</p>",
            _run_counts(counts),
            _overview(panel, organisations, {name: len(docs) for name, docs in pages.items()}),
            _disagreements(panel, organisations, documents), _run_details(counts, errors),
            _not_ita([doc for doc in documents if doc["doc_type"] == "unknown"])]
    return _page("ita-extract report", body, script=_FILTER_SCRIPT, folder=f"{REPORT_PAGES}/")


def _grouped(rows: pa.Table) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows.to_pylist():
        grouped[row["doc_id"]].append(row)
    return grouped


def _organisation_page(name: str, organisation: dict[str, Any] | None,
                       cards: list[tuple[dict[str, Any], str]], panel: list[dict[str, Any]],
                       tables: dict[str, dict[str, list[dict[str, Any]]]]) -> str:
    """One organisation: who it is, its overall score by year, what its documents agree and
    disagree on, its measures and findings as text, and a card per document."""
    title = organisation["org_name"] if organisation else "Documents whose organisation was not read"
    body = [f"<p><a href='../{REPORT}'>← overview</a></p><h1>{_e(title)}</h1>"]
    if organisation:
        meta = [("type", organisation["org_type"]), ("district", organisation["district"]),
                ("province", organisation["province"]), ("documents", len(cards)),
                ("names printed", "; ".join(organisation["name_variants"] or []))]
        body.append("<table class=meta>" + "".join(f"<tr><td>{label}</td><td>{_e(_text(value))}</td></tr>"
                                                   for label, value in meta if value) + "</table>")
        paths = {doc["doc_id"]: doc["source_path"] for doc, _ in cards}
        body += [_overall_chart(panel), _panel_table(panel, paths)]
    shown = [doc for doc, _ in cards]
    body += [_measures_text(shown, tables["measures"]), _findings_text(shown, tables["findings"]),
             f"<h2>Documents ({len(cards)})</h2>", *(card for _, card in cards)]
    return _page(f"{title} — ita-extract report", body)


def _panel_table(rows: list[dict[str, Any]], paths: dict[str, str]) -> str:
    """Every score the organisation's documents print, one row per subject and year: the value
    the panel keeps, whether the documents agree, and every value where they do not."""
    if not rows:
        return ""
    ordered = sorted(rows, key=lambda r: (-(r["score_year_be"] or 0), r["level"] != "overall",
                                          _tree_order(r)))
    body = []
    for row in ordered:
        name, depth = _score_name(row)
        values = ", ".join(f"{v:.2f}" for v in row["values"]) if row["status"] == "conflict" else ""
        sources = "; ".join(paths.get(d, d) for d in row["doc_ids"])
        body.append(f"<tr><td>{_e(_text(row['score_year_be']))}</td><td class=l{depth}>{_e(name)}</td>"
                    f"<td class=num>{row['score']:.2f}</td><td class='{_e(row['status'])}'>"
                    f"{_e(row['status'])}</td><td>{_e(values)}</td>"
                    f"<td class={_e(row['verification'])}>{_e(row['verification'])}</td>"
                    f"<td class=muted>{_e(sources)}</td></tr>")
    return ("<h2>Scores by year</h2><p class=muted>What the organisation's documents print, one row "
            "per score and year: the value kept, whether the documents agree (agreed, single, conflict: "
            "every value listed), the best verification among them, the files.</p><table><tr><th>year</th>"
            "<th>score</th><th>value</th><th>documents</th><th>values</th><th>verification</th><th>files</th>"
            f"</tr>{''.join(body)}</table>")


def _measures_text(documents: list[dict[str, Any]], measures: dict[str, list[dict[str, Any]]]) -> str:
    """The measures of the organisation's documents as text, by analysis area: title, steps,
    who is responsible, when, and the items they answer, with the plan years and the number of
    documents that print it."""
    def item(m: dict[str, Any], copies: list[dict[str, Any]]) -> str:
        details = [("steps", "; ".join(m["steps"] or [])),
                   ("responsible", "; ".join(m["responsible"] or [])),
                   ("when", m["timeframe_raw"]), ("status", m["status"]),
                   ("items", ", ".join(m["item_codes"] or [])),
                   ("plan years", _years(copies, "plan_year_be")),
                   ("documents", len({c["doc_id"] for c in copies}))]
        said = " · ".join(f"<span class=muted>{label}:</span> {_e(_text(value))}" for label, value in details
                          if value)
        return f"<li><b>{_e(m['title'] or '')}</b><br>{said}</li>"

    return _by_area("Measures", documents, measures, item, ("title", "steps", "responsible", "timeframe_raw",
                                                            "status", "item_codes"))


def _findings_text(documents: list[dict[str, Any]], findings: dict[str, list[dict[str, Any]]]) -> str:
    """The findings and recommendations of the organisation's documents as text, by analysis
    area, with the assessment years of the documents that print them."""
    def item(f: dict[str, Any], copies: list[dict[str, Any]]) -> str:
        years = _years(copies, "assessment_year_be")
        label = f["kind"] + (f" ({', '.join(f['item_codes'])})" if f["item_codes"] else "") \
            + (f", {years}" if years else "")
        return f"<li><span class=muted>{_e(label)}:</span> {_e(f['text'])}</li>"

    return _by_area("Findings and recommendations", documents, findings, item, ("kind", "text", "item_codes"))


def _by_area(title: str, documents: list[dict[str, Any]], table: dict[str, list[dict[str, Any]]],
             item: Callable[[dict[str, Any], list[dict[str, Any]]], str], alike: tuple[str, ...]) -> str:
    """The documents' rows of `table` as a list per analysis area, each made by `item`; rows
    alike in the `alike` columns (a plan and its report, one year's plan copied into the next)
    are one item, with all their copies."""
    rows = [row for doc in documents for row in table.get(doc["doc_id"], [])]
    if not rows:
        return ""
    seen: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        seen[(row["issue_area"] or 0, *(_hashable(row[column]) for column in alike))].append(row)
    areas = {int(row["area"]): row["name"] for row in knowledge.rows("issue_areas")}
    parts = [f"<h2>{_e(title)} ({len(seen)} distinct, {len(rows)} printed)</h2>"]
    for area in sorted({key[0] for key in seen}):
        parts.append(f"<h3>{_e(areas.get(area, 'no analysis area'))}</h3><ul class=text-list>")
        parts += [item(copies[0], copies) for key, copies in seen.items() if key[0] == area]
        parts.append("</ul>")
    return "\n".join(parts)


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _years(rows: list[dict[str, Any]], column: str) -> str:
    return ", ".join(str(y) for y in sorted({row[column] for row in rows if row[column]}))


def _page_name(org_id: str | None) -> str:
    """The file name (without .html) of an organisation's page: its id, which the writer makes
    of hex digits (anything else, or none, goes to the page of documents without one)."""
    return org_id if org_id and _SAFE_NAME.fullmatch(org_id) else NO_ORGANISATION


# Which copy of one document the report shows when its scores tie: typed text over a text layer over OCR.
_FORMAT_RANK = {"plain_text": 3, "text_layer": 2, "mixed": 1, "ocr": 0}


def _overview(panel: list[dict[str, Any]], organisations: dict[str, dict[str, Any]],
              documents_on: dict[str, int]) -> str:
    """Organisations × years: each organisation's overall score per year as the panel agrees on
    it, coloured by its grade; a value documents disagree on is outlined and marked. Every
    organisation with an ITA document has a row (empty where no document gives an overall
    score), its name linking to its page; a search box and filters show the rows that match."""
    overall = [row for row in panel if row["level"] == "overall" and row["score_year_be"] is not None]
    years = sorted({row["score_year_be"] for row in overall})
    cells = {(row["org_id"], row["score_year_be"]): row for row in overall}
    named = [name for name in documents_on if name != NO_ORGANISATION]
    order = sorted(named, key=lambda o: (organisations.get(o, {}).get("province") or "",
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
            tds.append(f"<td class='num g-{grade}{flag}' data-year={year} data-status={_e(row['status'])} "
                       f"data-verification={_e(row['verification'])} title='{_e(row['status'])}, "
                       f"{row['n_documents']} document(s), {_e(row['verification'])}'>"
                       f"{row['score']:.2f}{mark}</td>")
        province = organisations.get(org, {}).get("province") or ""
        name = _org_name(organisations, org)
        text = f"{name} {province}".lower()
        rows.append(f"<tr data-text='{_e(text)}'><td><a href='{REPORT_PAGES}/{org}.html'>{_e(name)}</a></td>"
                    f"<td>{_e(province)}</td>{''.join(tds)}</tr>")
    unnamed = ""
    if NO_ORGANISATION in documents_on:
        unnamed = (f"<p><a href='{REPORT_PAGES}/{NO_ORGANISATION}.html'>{documents_on[NO_ORGANISATION]} "
                   "document(s) whose organisation was not read</a></p>")
    if not rows:
        return "<h2>Overview</h2>" + unnamed if unnamed else ""
    listed = enumerations()
    options = {"year": [str(y) for y in years], "status": list(listed["panel.status"]),
               "verification": list(listed["verification"])}
    filters = "".join(f"<select id={name} onchange=itaFilter()><option value=''>any {name}</option>"
                      + "".join(f"<option>{_e(v)}</option>" for v in values) + "</select>"
                      for name, values in options.items())
    return ("<h2>Overview</h2><p class=muted>Each organisation's overall score per assessment year, as "
            "the documents agree on it (the panel), coloured by grade; ≠: documents disagree (below). "
            "An organisation's name opens its page: its documents, scores, measures and findings.</p>"
            f"<div class=filters><input id=q type=search placeholder='name or province' oninput=itaFilter()>"
            f"{filters}<span class=muted><span id=shown>{len(rows)}</span> of {len(rows)} organisations"
            f"</span></div><table class=overview><tr><th>organisation</th><th>province</th>{head}</tr>"
            f"{''.join(rows)}</table>{unnamed}")


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


def _disagreements(panel: list[dict[str, Any]], organisations: dict[str, dict[str, Any]],
                   documents: list[dict[str, Any]]) -> str:
    """The panel's conflicts: subjects whose documents print different values, each named with
    the files behind it (best evidence first). The arithmetic cannot see these: it checks one
    document at a time."""
    paths = {doc["doc_id"]: doc["source_path"] for doc in documents}
    rows = [(_org_name(organisations, row["org_id"]), row["score_year_be"], _score_name(row)[0],
             f"{row['score']:.2f}", ", ".join(f"{v:.2f}" for v in row["values"]),
             "; ".join(paths.get(doc_id, doc_id) for doc_id in row["doc_ids"]))
            for row in panel if row["status"] == "conflict"]
    if not rows:
        return ""
    header = ("organisation", "year", "score of", "kept", "values", "documents, best evidence first")
    return ("<h2>Documents that disagree</h2><p class=muted>The same score printed with different values "
            "by different documents (or formats) of one organisation: the panel keeps the value with the "
            "best evidence, and every value.</p>" + _table(header, rows))


def _run_counts(counts: RunCounts) -> str:
    return "\n".join(["<h2>Run</h2><table class=run>",
                      *(f"<tr><th>{label}</th><td class=num>{value}</td></tr>" for label, value in (
                          ("inputs seen", counts.seen), ("ITA documents", counts.ita),
                          ("not ITA documents", counts.not_ita), ("failed", counts.failed),
                          ("skipped", len(counts.skipped)))),
                      "</table>"])


def _run_details(counts: RunCounts, errors: list[dict[str, Any]]) -> str:
    """The run's warnings by kind, its failed and skipped files (below the overview)."""
    meanings = warning_meanings()
    parts = []
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
          copies: list[dict[str, Any]], n_scores: Counter[str]) -> str:
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
                         f"{n_scores[c['doc_id']]} scores, "
                         f"overall {_text(c['overall_score'])})" for c in copies)
        parts.append(f"<p class=muted>The same document, also read from: {_e(also)}</p>")
    warnings = doc["warnings"] or []
    if warnings:
        meanings = warning_meanings()
        spans = (f"<span title='{_e(_meaning(kind_of(w), meanings))}'>{_e(w)}</span>" for w in warnings)
        parts.append("<p class=warn>Warnings: " + "; ".join(spans) + "</p>")
    if scores:
        sources: dict[tuple[Any, Any, str], int] = {}  # (page, printed text) → its number in this card
        parts.append(_chart(scores))
        parts.append(_score_tree(scores, _conflicts(warnings), sources, doc["doc_id"]))
        parts.append(_sources(sources, doc["doc_id"]))
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


def _sources(sources: dict[tuple[Any, Any, str], int], doc_id: str) -> str:
    """Each printed line or table row the card's scores come from, once (a table row holds many
    scores): on demand, numbered as the scores cite them."""
    if not sources:
        return ""
    items = "".join(f"<li id='src-{_e(doc_id)}-{n}' value={n}><span class=muted>"
                    f"{_place(page, line)}</span> {_e(text)}</li>"
                    for (page, line, text), n in sources.items())
    on_pages = any(page is not None for page, _, _ in sources)
    hint = (f"<p class=muted>See a source on its page: <code>ita-extract show {_e(doc_id)} PAGE "
            "--line LINE</code> (without --line: the whole page, every source boxed)</p>" if on_pages else "")
    return (f"<details><summary>{len(sources)} printed source(s) of these scores</summary>"
            f"<ol>{items}</ol>{hint}</details>")


def _place(page: int | None, line: int | None) -> str:
    """Where a printed source stands: `p. 3, line 12` in a PDF, `line 12` in a text dump."""
    where = [f"p. {page}"] if page is not None else []
    where += [f"line {line}"] if line is not None else []
    return ", ".join(where) or "text"


def _score_tree(scores: list[dict[str, Any]], broken: dict[int, list[str]],
                sources: dict[tuple[Any, Any, str], int], doc_id: str) -> str:
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
        trusted = {row_key(r): r["score"] for r in rows if r["verification"] != "conflict"}
        parts += [_score_row(r, broken.get(year or 0, []), trusted, sources, doc_id) for r in overall + rest]
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


def _score_row(row: dict[str, Any], broken: list[str], values: dict[tuple, float],
               sources: dict[tuple[Any, Any, str], int], doc_id: str) -> str:
    name, depth = _score_name(row)
    label = f" <span class=muted>{_e(row['label'])}</span>" if row["label"] else ""
    verification = row["verification"]
    rule = ""
    if verification == "conflict" and broken:
        rule = f"<br><small>broken: {_e('; '.join(broken))}</small>"
        should = expected({k: v for k, v in values.items() if k != row_key(row)}, row_key(row))
        if should is not None:
            rule += f"<br><small>expected {should:.2f} (gap {row['score'] - should:+.2f})</small>"
    number = sources.setdefault((row["page"], row["line"], row["source_text"] or ""), len(sources) + 1)
    source = f"<a href='#src-{_e(doc_id)}-{number}'>{_place(row['page'], row['line'])} [{number}]</a>"
    return (f"<tr><td class=l{depth}>{_e(name)}{label}</td><td class=num>{row['score']:.2f}</td>"
            f"<td class={verification}>{verification}{rule}</td><td>{source}</td></tr>")


_PLOT_TOP, _PLOT_HEIGHT, _PLOT_LEFT = 10, 120, 44  # the score axis: 100 at the top, 0 at the bottom


def _y(score: float) -> float:
    """Where a score stands on a chart's score axis."""
    return _PLOT_TOP + _PLOT_HEIGHT - max(0.0, min(score, 100.0)) * _PLOT_HEIGHT / 100


def _score_axis(width: int, x_title: str) -> list[str]:
    """A chart's frame: the score axis with ticks and grid lines every 25 points, its title, the
    baseline and the title of the categories below."""
    parts = []
    for tick in range(0, 101, 25):
        y = _y(tick)
        parts.append(f"<line class=grid x1={_PLOT_LEFT} y1={y:.0f} x2={width} y2={y:.0f} />"
                     f"<text x={_PLOT_LEFT - 4} y={y + 3:.0f} text-anchor=end>{tick}</text>")
    bottom = _PLOT_TOP + _PLOT_HEIGHT
    parts += [f"<line class=axis x1={_PLOT_LEFT} y1={bottom} x2={width} y2={bottom} />",
              f"<line class=axis x1={_PLOT_LEFT} y1={_PLOT_TOP} x2={_PLOT_LEFT} y2={bottom} />",
              f"<text x=10 y={_PLOT_TOP + _PLOT_HEIGHT / 2:.0f} text-anchor=middle "
              f"transform='rotate(-90 10 {_PLOT_TOP + _PLOT_HEIGHT / 2:.0f})'>score</text>",
              f"<text x={(_PLOT_LEFT + width) / 2:.0f} y={bottom + 26} text-anchor=middle>"
              f"{_e(x_title)}</text>"]
    return parts


def _bar(x: float, width: float, score: float, colour: str, tip: str) -> str:
    top = _y(score)
    return (f"<rect x={x:.1f} y={top:.1f} width={width:.1f} height={_PLOT_TOP + _PLOT_HEIGHT - top:.1f} "
            f"fill='{colour}'><title>{_e(tip)}</title></rect>")


def _chart(scores: list[dict[str, Any]]) -> str:
    """Indicator scores by year, a bar group per indicator and a colour per year (the legend
    names them), as inline SVG."""
    values: dict[tuple[int, int], float] = {}
    for row in scores:
        if row["level"] == "indicator" and row["indicator"] and row["score_year_be"]:
            values.setdefault((row["indicator"], row["score_year_be"]), row["score"])
    if not values:
        return ""
    indicators = sorted({i for i, _ in values})
    years = sorted({y for _, y in values})[-len(_COLOURS):]
    bar, gap = 10, 12
    group = bar * len(years) + gap
    width = _PLOT_LEFT + 6 + group * len(indicators)
    bottom = _PLOT_TOP + _PLOT_HEIGHT
    parts = [f"<svg class=chart role=img aria-label='indicator scores by year' "
             f"width={max(width, 60 * len(years) + 50)} "
             f"height={bottom + 50} xmlns='http://www.w3.org/2000/svg' font-size='10'>",
             *_score_axis(width, "indicator")]
    for gi, indicator in enumerate(indicators):
        x0 = _PLOT_LEFT + 4 + gi * group
        for yi, year in enumerate(years):
            score = values.get((indicator, year))
            if score is not None:
                tip = f"indicator {indicator}, {year}: {score:.2f}"
                parts.append(_bar(x0 + yi * bar, bar - 1, score, _COLOURS[yi], tip))
        parts.append(f"<text x={x0 + bar * len(years) / 2:.0f} y={bottom + 12} text-anchor=middle>"
                     f"{indicator}</text>")
    parts += [f"<rect x={_PLOT_LEFT + i * 60} y={bottom + 34} width=8 height=8 fill='{_COLOURS[i]}'/>"
              f"<text x={_PLOT_LEFT + 12 + i * 60} y={bottom + 42}>{year}</text>"
              for i, year in enumerate(years)]
    parts.append("</svg>")
    return "\n".join(parts)


def _overall_chart(panel: list[dict[str, Any]]) -> str:
    """The organisation's overall score per assessment year (the panel's value), a bar per year
    coloured by its grade and labelled with its value, the pass mark drawn across."""
    overall = sorted((row for row in panel if row["level"] == "overall" and row["score_year_be"]),
                     key=lambda r: r["score_year_be"])
    if not overall:
        return ""
    bar, gap = 34, 16
    width = _PLOT_LEFT + 6 + (bar + gap) * len(overall)
    bottom = _PLOT_TOP + _PLOT_HEIGHT
    grades = {"AA": "#1a7f37", "A": "#4ac26b", "B": "#bf8700", "C": "#d4a72c"}
    parts = [f"<h2>Overall score by year</h2><svg class=chart role=img aria-label='overall score by year' "
             f"width={max(width, 200)} height={bottom + 40} xmlns='http://www.w3.org/2000/svg' "
             "font-size='10'>",
             *_score_axis(width, "assessment year (BE)")]
    for k, row in enumerate(overall):
        x = _PLOT_LEFT + 6 + k * (bar + gap)
        grade = grade_for(row["score"]) or ""
        parts.append(_bar(x, bar, row["score"], grades.get(grade, "#cf222e"),
                          f"{row['score_year_be']}: {row['score']:.2f} ({grade}, {row['status']})"))
        parts.append(f"<text x={x + bar / 2:.0f} y={_y(row['score']) - 3:.0f} text-anchor=middle>"
                     f"{row['score']:.2f}</text>"
                     f"<text x={x + bar / 2:.0f} y={bottom + 12} text-anchor=middle>"
                     f"{row['score_year_be']}</text>")
    passing = pass_mark()
    mark = _y(passing)
    parts.append(f"<line x1={_PLOT_LEFT} y1={mark:.0f} x2={width} y2={mark:.0f} stroke='#0550ae' "
                 f"stroke-dasharray='4 3'><title>pass mark {passing:g}</title></line></svg>")
    return "\n".join(parts)


def _text(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    return "" if value is None else str(value)


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _page(title: str, body: list[str], script: str = "", folder: str = "") -> str:
    """A page; `folder`: where the report's pages (and its font) are, seen from this one."""
    code = f"<script>{script}</script>" if script else ""
    style = _STYLE.replace("FONT_URL", f"{folder}{FONT.name}")
    return ("<!DOCTYPE html>\n<html lang=th><head><meta charset=utf-8>"
            f"<title>{_e(title)}</title><style>{style}</style>{code}</head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")
