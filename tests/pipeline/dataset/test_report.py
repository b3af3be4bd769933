"""OUT/report.html and OUT/report/ (a page per organisation): written by every run, rebuilt by
`ita-extract report`, read in a real browser."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from ita_extract.pipeline.batch.options import RunOptions
from ita_extract.pipeline.batch.run import run
from ita_extract.pipeline.dataset.report import write_report
from ita_extract.pipeline.dataset.store import current_run
from tests.conftest import CORPUS, DEV_TEXTS
from tests.pipeline.helpers import TITLE, score_table

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def dev_run(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("raw")
    for path in DEV_TEXTS:
        shutil.copy(path, raw)
    (raw / "conflict.txt").write_text(TITLE + score_table(overall="96.20"), "utf-8")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "unread.txt").write_text(TITLE + "ได้คะแนน ๙๕.๗๕ คะแนน\n\nซึ่งเมื่อพิจารณาแล้ว ๗๗.๒๕ ยังต้องปรับปรุง\n",
                                    "utf-8")
    (raw / "recipe.txt").write_text("ต้มยำกุ้ง: กุ้ง ข่า ตะไคร้ ใบมะกรูด น้ำปลา มะนาว\n", "utf-8")  # not ITA
    out = tmp_path_factory.mktemp("out")
    run(raw, out, RunOptions(workers=1))
    return out


def _index(out: Path) -> str:
    return (out / "report.html").read_text("utf-8")


def _pages(out: Path) -> dict[str, str]:
    return {path.name: path.read_text("utf-8") for path in sorted((out / "report").glob("*.html"))}


def _text(out: Path) -> str:
    """The overview and every organisation's page."""
    return "\n".join([_index(out), *_pages(out).values()])


def test_every_run_writes_a_report_that_fetches_nothing(dev_run) -> None:
    assert (dev_run / "report.html").resolve().parent == current_run(dev_run)
    assert (dev_run / "report").resolve().parent == current_run(dev_run)
    for page in [_index(dev_run), *_pages(dev_run).values()]:
        assert not re.search(r"(?:src|href)\s*=\s*['\"]?(?:https?:)?//", page)  # nothing fetched
        assert not re.search(r"<script[^>]*\ssrc", page)  # the filters' few lines are in the page


def test_the_overview_links_a_page_per_organisation_with_its_documents(dev_run) -> None:
    """Issue 27: one page of every card did not scale (52.9 MB at 5,000 documents); each
    organisation's documents and sources are on its own page, opened from the overview."""
    index, pages = _index(dev_run), _pages(dev_run)
    organisations = pd.read_parquet(dev_run / "organisations.parquet")
    documents = pd.read_parquet(dev_run / "documents.parquet").query("doc_type != 'unknown'")
    for org in organisations.itertuples():
        assert f"href='report/{org.org_id}.html'>{html.escape(org.org_name)}</a>" in index
        page = pages[f"{org.org_id}.html"]
        assert "<a href='../report.html'>← overview</a>" in page
        assert f"<h1>{html.escape(org.org_name)}</h1>" in page
        mine = documents[documents["org_id"] == org.org_id]
        assert page.count("<section class=doc") == mine["edition_id"].fillna(mine["doc_id"]).nunique()
    assert "<section class=doc" not in index
    assert set(pages) <= {f"{o}.html" for o in organisations["org_id"]} | {"no-organisation.html"}


def test_an_organisation_page_gives_its_measures_and_findings_as_text(dev_run) -> None:
    """Issue 27: measures and findings appeared only as counts."""
    measures = pd.read_parquet(dev_run / "measures.parquet")
    findings = pd.read_parquet(dev_run / "findings.parquet")
    assert len(measures) and len(findings)
    pages = _pages(dev_run)
    for row in measures.itertuples():
        page = html.unescape(pages[f"{row.org_id}.html"])
        assert row.title in page and all(step in page for step in row.steps)
    for row in findings.itertuples():
        assert row.text in html.unescape(pages[f"{row.org_id}.html"])
    assert "การให้บริการและระบบ E-Service</h3>" in html.unescape("".join(pages.values()))  # by analysis area


def test_charts_have_axes_titles_and_a_legend(dev_run) -> None:
    """Issue 27: bars had no labels; the only axis marks were 0 and 100."""
    text = _text(dev_run)
    chart = text[text.index("aria-label='overall score by year'"):]
    chart = chart[:chart.index("</svg>")]
    assert all(f">{tick}</text>" in chart for tick in (0, 25, 50, 75, 100))
    assert ">score</text>" in chart and ">assessment year (BE)</text>" in chart and "pass mark 85" in chart
    indicators = text[text.index("aria-label='indicator scores by year'"):]
    indicators = indicators[:indicators.index("</svg>")]
    assert ">indicator</text>" in indicators
    for svg in (chart, indicators):  # an unquoted value before `/>` swallows the slash: the rest nests
        assert not re.search(r"=[^'\"\s>]+/>", svg)
    assert re.search(r"<rect [^>]*/><text [^>]*>25\d\d</text>", indicators)  # the legend names each year


def test_the_overview_can_be_searched_and_filtered(dev_run) -> None:
    index = _index(dev_run)
    for control in ("id=q type=search", "<select id=year", "<select id=status", "<select id=verification"):
        assert control in index
    assert re.search(r"<tr data-text='[^']*ตราด'>", index)  # name and province, lower-cased, searched
    assert "data-status=single" in index or "data-status=agreed" in index


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (make browser-deps)")
def test_the_overview_filters_hide_the_rows_that_do_not_match(dev_run, tmp_path) -> None:
    """The filters' own script, run by Chromium as if the analyst had typed a province."""
    typed = (_index(dev_run).replace("</body>", "<script>document.getElementById('q').value='ตราด';"
                                     "itaFilter();</script></body>"))
    page = tmp_path / "report.html"
    page.write_text(typed, "utf-8")
    dom = _dom(page)
    rows = re.findall(r"<tr data-text=\"([^\"]*)\"( hidden=\"\")?>", dom)
    assert len(rows) >= 2
    assert all(bool(hidden) != ("ตราด" in text) for text, hidden in rows)
    assert '<span id="shown">1</span>' in dom


def test_the_report_shows_each_document_and_its_scores(dev_run) -> None:
    page = html.unescape(_text(dev_run))
    documents = pd.read_parquet(dev_run / "documents.parquet")
    scores = pd.read_parquet(dev_run / "scores.parquet")
    for document in documents.dropna(subset=["org_name"]).itertuples():
        assert document.org_name in page
    for score in scores.itertuples():
        assert f"{score.score:.2f}" in page
    assert "ITA documents</th><td class=num>5</td>" in page
    assert "EmptyInput" in page


def test_the_numbers_no_reader_took_are_listed_with_their_line(dev_run) -> None:
    page = html.unescape(_text(dev_run))
    assert "1 number(s) that could be scores were not read" in page
    assert "<td>text</td><td>6</td><td>77.25</td><td>ซึ่งเมื่อพิจารณาแล้ว 77.25 ยังต้องปรับปรุง</td>" in page
    assert page.count("were not read") == 1  # the dev documents leave none


def test_a_conflicting_value_names_the_broken_rule(dev_run) -> None:
    page = html.unescape(_text(dev_run))
    assert "<td class=conflict>conflict<br><small>broken: overall_weighted (overall = 0.30 IIT" in page


def test_a_conflict_shows_the_value_its_rule_expects_and_the_gap(dev_run) -> None:
    """Issue 27: a conflict named the rule but not the numbers."""
    page = html.unescape(_text(dev_run))
    scores = pd.read_parquet(dev_run / "scores.parquet")
    documents = pd.read_parquet(dev_run / "documents.parquet").set_index("source_path")
    mine = scores[scores["doc_id"] == documents.loc["conflict.txt", "doc_id"]]
    tools = mine[mine["level"] == "tool"].set_index("tool")["score"]
    should = 0.3 * tools["IIT"] + 0.3 * tools["EIT"] + 0.4 * tools["OIT"]
    assert f"expected {should:.2f} (gap {96.20 - should:+.2f})" in page


def test_the_source_behind_a_value_is_on_demand_and_printed_once(dev_run) -> None:
    """Issue 27: 77 % of a 5,000-document report was source text, a table's text repeated for
    each of its scores; each printed source is listed once per document, cited by number."""
    scores = pd.read_parquet(dev_run / "scores.parquet")
    text = _text(dev_run)
    for row in scores.itertuples():
        listed = re.search(rf"<li id='src-{row.doc_id}-(\d+)' value=\d+>"
                           rf"<span class=muted>line {row.line}</span> "
                           + re.escape(html.escape(row.source_text)) + "</li>", text)
        assert listed, row  # a text dump's sources are placed by their line in the file
        assert f"<a href='#src-{row.doc_id}-{listed[1]}'>line {row.line} [{listed[1]}]</a>" in text
    for doc_id, group in scores.groupby("doc_id"):
        assert text.count(f"<li id='src-{doc_id}-") == len(group[["line", "source_text"]].drop_duplicates())


def test_report_command_rebuilds_it(dev_run) -> None:
    (dev_run / "report.html").resolve().unlink()
    from ita_extract.pipeline import cli
    assert cli.main(["report", "--out", str(dev_run)]) == 0
    assert "ita-extract report" in _text(dev_run)


def test_a_report_that_cannot_be_made_says_why_and_the_run_stands(tmp_path) -> None:
    write_report(tmp_path, {})  # no tables in this folder
    assert "The report could not be made" in (tmp_path / "report.html").read_text("utf-8")


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (make browser-deps)")
def test_chromium_renders_every_organisation_and_score(dev_run) -> None:
    """What an analyst sees: the DOM after Chromium parsed and laid out the file."""
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory() as profile:
        shown = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--dump-dom", (dev_run / "report.html").resolve().as_uri()],
            capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr[-2000:]
    dom = html.unescape(shown.stdout)
    assert "<h1>ita-extract report</h1>" in dom
    documents = pd.read_parquet(dev_run / "documents.parquet")
    for org in documents["org_name"].dropna():
        assert org in dom
    shown_pages = [_dom(dev_run / "report" / name) for name in _pages(dev_run)]
    for score in pd.read_parquet(dev_run / "scores.parquet")["score"]:
        assert any(f"{score:.2f}" in page for page in shown_pages)
    assert sum(page.count("<section class=\"doc\"") for page in shown_pages) == \
        len(documents.query("doc_type != 'unknown'"))


def _dom(path: Path) -> str:
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory() as profile:
        shown = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--dump-dom", path.resolve().as_uri()],
            capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr[-2000:]
    return html.unescape(shown.stdout)


def test_the_overview_grid_gives_each_organisation_its_overall_score_by_year(dev_run) -> None:
    """Issue 27: the report was a list of cards, with no overview."""
    page = html.unescape(_index(dev_run))
    overview = page[page.index("<h2>Overview</h2>"):page.index("</table>", page.index("<h2>Overview</h2>"))]
    panel = pd.read_parquet(dev_run / "panel.parquet").query("level == 'overall'")
    organisations = pd.read_parquet(dev_run / "organisations.parquet").set_index("org_id")["org_name"]
    assert len(panel) >= 2
    for row in panel.itertuples():
        assert organisations[row.org_id] in overview and f"{row.score:.2f}" in overview
    assert "g-E" in overview  # 50.02, coloured by its grade


def test_files_that_are_not_ita_documents_are_one_collapsed_list(dev_run) -> None:
    """Issue 27: in a mixed run, most cards were non-ITA files saying only `unknown`."""
    page = html.unescape(_text(dev_run))
    assert "<details><summary>1 file(s) that are not ITA documents</summary><ul><li>recipe.txt" in page
    assert "<section class=doc id='doc-" in page and page.count("<section class=doc") == 5


@pytest.mark.skipif(not (CORPUS / "dev").is_dir(), reason="../shared/corpus/dev is not beside the project")
def test_one_document_in_several_formats_is_one_card(tmp_path) -> None:
    """Issue 27: the same report appeared as three cards (text, PDF, scan)."""
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(DEV_TEXTS[1], raw)
    shutil.copy(CORPUS / "dev" / f"{DEV_TEXTS[1].stem}.pdf", raw)
    run(raw, out, RunOptions(workers=1))
    page = html.unescape(_text(out))
    assert page.count("<section class=doc") == 1
    assert f"also read from: {DEV_TEXTS[1].stem}" in page


# A machine without a Thai font: fontconfig given one Latin font. (Given none at all, this
# Chromium draws no text whatever the page asks for, at random: a test of nothing.)
LATIN_FONTS = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
               Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")]
LATIN_FONT = next((font for font in LATIN_FONTS if font.is_file()), None)


def _screenshot(page: Path, png: Path, fonts: Path) -> None:
    """`page` as headless Chromium draws it when fontconfig knows only the fonts in `fonts`."""
    assert CHROMIUM is not None
    config = fonts.parent / "fonts.conf"
    config.write_text(f"<?xml version='1.0'?><fontconfig><dir>{fonts}</dir>"
                      f"<cachedir>{fonts.parent / 'cache'}</cachedir></fontconfig>", "utf-8")
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
             f"--user-data-dir={profile}", "--window-size=900,700", "--virtual-time-budget=5000",
             f"--screenshot={png}", page.resolve().as_uri()],
            capture_output=True, text=True, timeout=120, env={**os.environ, "FONTCONFIG_FILE": str(config)})
    assert done.returncode == 0 and png.exists(), done.stderr[-2000:]


def _grey(png: Path, box: tuple[int, int, int, int]) -> list[int]:
    """The grey levels of `box` (left, top, right, bottom) of the screenshot."""
    from PIL import Image

    with Image.open(png) as image:
        return list(image.convert("L").crop(box).tobytes())


@pytest.mark.skipif(CHROMIUM is None or LATIN_FONT is None,
                    reason="Chromium and a Latin font (DejaVu or Liberation) are needed")
def test_thai_is_drawn_on_a_machine_without_a_thai_font(dev_run, tmp_path) -> None:
    """Issue 27: Thai rendered as empty boxes where no Thai font is installed, and the browser
    test read the DOM, which cannot see it. The report brings its font: on a machine with a
    Latin font only, the organisation's Thai name (the page's heading) is drawn in glyphs, where
    the same page without the report's font draws a row of empty boxes."""
    assert LATIN_FONT is not None
    fonts = tmp_path / "latin-only" / "fonts"
    fonts.mkdir(parents=True)
    shutil.copy(LATIN_FONT, fonts)
    copy = tmp_path / "report"
    shutil.copytree((dev_run / "report").resolve(), copy)
    shutil.copy((dev_run / "report.html").resolve(), tmp_path / "report.html")
    name = next(n for n in _pages(dev_run) if n != "no-organisation.html")
    shots = {"page": (copy / name, (0, 50, 900, 110)),  # the heading, below the link to the overview
             "overview": (tmp_path / "report.html", (0, 0, 900, 700))}
    for shot, (page, _) in shots.items():
        _screenshot(page, tmp_path / f"{shot}.png", fonts)
    (copy / "report-thai.woff2").unlink()
    for shot, (page, _) in shots.items():
        _screenshot(page, tmp_path / f"{shot}-tofu.png", fonts)
    for shot, (_, box) in shots.items():
        drawn, tofu = _grey(tmp_path / f"{shot}.png", box), _grey(tmp_path / f"{shot}-tofu.png", box)
        ink = sum(value < 128 for value in drawn)
        changed = sum(abs(a - b) > 64 for a, b in zip(drawn, tofu, strict=True))
        assert ink > 500 and changed > ink / 2, (shot, ink, changed)
