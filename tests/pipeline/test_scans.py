"""Each `.scan.pdf` of the dev corpus read by OCR, measured against its text twin.

The recovery figures are printed (run with `-s` to see them) and bounded from below; an
OCR'd score that disagrees with the twin never goes out without `ocr_numbers_unverified`."""

import difflib
import functools

import pandas as pd
import pytest

from ita_extract.parsers.tesseract import tesseract_available
from tests.conftest import CORPUS
from tests.pipeline.helpers import damaged_clusters, extract_beside_twins

DEV = CORPUS / "dev"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not DEV.is_dir(), reason="../shared/corpus/dev is not beside the project"),
    pytest.mark.skipif(not tesseract_available(), reason="tesseract-ocr with Thai data is not installed"),
]
DOCUMENT_FIELDS = ["org_name", "province", "doc_type", "assessment_year_be", "overall_score"]
SCORE_KEY = ["level", "tool", "indicator", "sub_indicator", "item_code", "score"]
# What OCR recovers of each twin (Tesseract 5, tha+eng, Debian's model, every number read a
# second time by its glyphs): document fields equal to the twin's, twin scores found, twin
# measures found (same printed row, near enough), measures with the twin's period and with its
# ticked status. 000's twin prints no periods and no status; 003's no scores and no status.
BOUNDS = {
    "000_872eaddf2db1f446": {"fields": 5, "scores": 4, "measures": 5, "periods": 0, "statuses": 0},
    "002_21007bcb3eecaeca": {"fields": 5, "scores": 10, "measures": 16, "periods": 16, "statuses": 8},
    "003_803e91d9ccdb16cf": {"fields": 5, "scores": 0, "measures": 7, "periods": 7, "statuses": 0},
}


_ALIKE = 0.7


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> dict[str, pd.DataFrame]:
    return extract_beside_twins(tmp_path_factory.mktemp("scans"), tmp_path_factory.mktemp("scans-out"),
                                ".scan.pdf")


def _pick(frame: pd.DataFrame, stem: str, fmt: str) -> pd.DataFrame:
    return frame[(frame["stem"] == stem) & (frame["source_format"] == fmt)]


def _same(a, b) -> bool:
    return (pd.isna(a) and pd.isna(b)) if pd.isna(a) or pd.isna(b) else a == b


def _score_keys(scores: pd.DataFrame) -> set[tuple]:
    rows = scores[SCORE_KEY].itertuples(index=False)
    return {tuple(None if pd.isna(v) else v for v in row) for row in rows}


def _matched_measures(scan: pd.DataFrame, twin: pd.DataFrame) -> list[tuple[pd.Series, pd.Series]]:
    """Scan measures paired with the twin measure whose printed row reads alike."""
    pairs, free = [], list(twin.itertuples(index=False))
    for row in scan.itertuples(index=False):
        ratios = [difflib.SequenceMatcher(None, row.source_text, t.source_text, autojunk=False).ratio()
                  for t in free]
        if ratios and max(ratios) >= _ALIKE:
            pairs.append((row, free.pop(ratios.index(max(ratios)))))
    return pairs


def recovery(tables: dict[str, pd.DataFrame], stem: str) -> dict[str, int]:
    scan_doc = _pick(tables["documents"], stem, "pdf").iloc[0]
    twin_doc = _pick(tables["documents"], stem, "text").iloc[0]
    pairs = _matched_measures(_pick(tables["measures"], stem, "pdf"), _pick(tables["measures"], stem, "text"))
    return {
        "fields": sum(_same(scan_doc[f], twin_doc[f]) for f in DOCUMENT_FIELDS),
        "scores": len(_score_keys(_pick(tables["scores"], stem, "pdf"))
                      & _score_keys(_pick(tables["scores"], stem, "text"))),
        "measures": len(pairs),
        "periods": sum(1 for scan, twin in pairs if not pd.isna(twin.period_start)
                       and _same(scan.period_start, twin.period_start)),
        "statuses": sum(1 for scan, twin in pairs if not pd.isna(twin.status) and scan.status == twin.status),
    }


@pytest.mark.parametrize("stem", sorted(BOUNDS))
def test_ocr_recovers_at_least_the_measured_share_of_the_twin(extracted, stem) -> None:
    got = recovery(extracted, stem)
    twin = {"scores": len(_pick(extracted["scores"], stem, "text")),
            "measures": len(_pick(extracted["measures"], stem, "text"))}
    print(f"\n{stem}.scan.pdf recovers {got['fields']}/{len(DOCUMENT_FIELDS)} document fields, "
          f"{got['scores']}/{twin['scores']} scores, {got['measures']}/{twin['measures']} measures "
          f"({got['periods']} with their period, {got['statuses']} with their ticked status)")
    assert all(got[k] >= bound for k, bound in BOUNDS[stem].items()), (got, BOUNDS[stem])
    scan_doc = _pick(extracted["documents"], stem, "pdf").iloc[0]
    assert scan_doc["text_source"] == "ocr" and "no_text_layer" in scan_doc["warnings"]


@pytest.mark.parametrize("stem", sorted(BOUNDS))
def test_an_ocr_score_that_disagrees_with_the_twin_is_never_verified(extracted, stem) -> None:
    twin = set(_keyed(_pick(extracted["scores"], stem, "text")))
    scan = _pick(extracted["scores"], stem, "pdf")
    for row, key in zip(scan.itertuples(), _keyed(scan), strict=True):
        assert key in twin or row.verification not in ("verified", "corrected"), (key, row.source_text)


def _keyed(scores: pd.DataFrame) -> list[tuple]:
    """Each row's key, value and year, as the twins are compared."""
    rows = scores[[*SCORE_KEY, "score_year_be"]].itertuples(index=False)
    return [tuple(None if pd.isna(v) else v for v in row) for row in rows]


@pytest.mark.parametrize("stem", sorted(BOUNDS))
def test_an_ocr_score_that_disagrees_with_the_twin_is_flagged(extracted, stem) -> None:
    scores = extracted["scores"]
    wrong = _score_keys(_pick(scores, stem, "pdf")) - _score_keys(_pick(scores, stem, "text"))
    warnings = _pick(extracted["documents"], stem, "pdf").iloc[0]["warnings"]
    assert not wrong or "ocr_numbers_unverified" in warnings, wrong


def test_a_scanned_table_is_rebuilt_with_its_rows_and_columns(extracted) -> None:
    measures = _pick(extracted["measures"], "002_21007bcb3eecaeca", "pdf")
    assert measures["seq"].dropna().astype(int).tolist()[:6] == [1, 2, 3, 4, 5, 6]
    first = measures.iloc[0]
    assert first["title"].startswith("มาตรการการสร้างฐานความคิด")
    assert list(first["responsible"]) == ["ทุกส่วนราชการ"]


def test_ocr_text_has_no_damaged_thai_cluster(extracted) -> None:
    # Tesseract writes SARA AM as NIKHAHIT + SARA AA (`ลําดับ`); the repair must catch it.
    assert damaged_clusters(extracted) == []


def test_ocr_scores_are_traceable_to_their_page_and_printed_row(extracted) -> None:
    scores = _pick(extracted["scores"], "002_21007bcb3eecaeca", "pdf")
    indicators = scores[scores["indicator"].notna()]
    assert len(indicators) == 9 and indicators["page"].between(10, 22).all()
    # Placed by page and line; no box: OCR measures a straightened image, not the page.
    assert indicators["line"].notna().all() and indicators["bbox"].isna().all()
    for row in indicators.itertuples():
        assert f"{row.score:.2f}".rstrip("0").rstrip(".") in row.source_text
        assert f"ตัวชี้วัดที่ {int(row.indicator)}" in row.source_text


def _rows(rows: dict[str, list[dict]]) -> dict:
    """What a tilted scan must give as the straight one does."""
    document = rows["documents"][0]
    return {"fields": {f: document.get(f) for f in DOCUMENT_FIELDS},
            "scores": sorted(tuple(r[k] for k in SCORE_KEY) for r in rows["scores"]),
            "measures": len(rows["measures"]),
            "periods": sorted(str(r["period_start"]) for r in rows["measures"]),
            "statuses": sorted(str(r["status"]) for r in rows["measures"])}


@functools.cache
def _straight(stem: str) -> dict:
    from ita_extract.pipeline.batch.unit import process_file
    return _rows(process_file(DEV / f"{stem}.scan.pdf").rows)


@pytest.mark.parametrize(("stem", "tilt"), [("000_872eaddf2db1f446", 2.0), ("000_872eaddf2db1f446", -2.5),
                                            ("000_872eaddf2db1f446", 1.0),
                                            ("003_803e91d9ccdb16cf", 3.0), ("003_803e91d9ccdb16cf", -2.0),
                                            # the repeated header read with slips (`ข้อความ|โ#`)
                                            ("003_803e91d9ccdb16cf", -3.0)])
def test_a_scan_fed_askew_gives_the_rows_of_the_straight_scan(tmp_path, stem: str, tilt: float) -> None:
    """A dev scan's pages turned by a few degrees, as a scanner feeds a page askew."""
    import pypdfium2 as pdfium
    from PIL import Image

    from ita_extract.pipeline.batch.unit import process_file

    pdf = pdfium.PdfDocument((DEV / f"{stem}.scan.pdf").read_bytes())
    pages = [page.render(scale=300 / 72).to_pil().convert("L") for page in pdf]
    turned = [page.rotate(tilt, resample=Image.Resampling.BICUBIC, fillcolor=255) for page in pages]
    path = tmp_path / "askew.pdf"
    turned[0].save(path, save_all=True, append_images=turned[1:], resolution=300)
    straight = _straight(stem)
    assert _rows(process_file(path).rows) == straight
    assert straight["measures"] == BOUNDS[stem]["measures"]


# Of the text's measures and findings, those a scan gives read alike (difflib 0.7 on their printed
# rows) and saying the same of themselves (area, tool, indicator, item codes, period, status): all
# of them. What it took: 003's `(๕)` read `(5@)` and its IIT question cues without their marks
# (`ส่วนงานทีท่าน`); OCR noise `accu 1` inside e๑๑'s question no bare code (an `e1` more); 000's
# header `ข้อเสศนอแนะ` still the recommendations' column (two findings' rows lost); a line's box
# grown by its marks no paragraph break (a finding cut in two).


def test_a_scan_gives_what_its_text_says_of_its_measures_and_findings() -> None:
    from tests.accuracy import format_agreement

    scans = [a for a in format_agreement(scans=True) if a.source == "scan"]
    assert {(a.document, a.table) for a in scans if a.in_text} == {
        ("000", "measures"), ("000", "findings"), ("002", "measures"), ("003", "measures"),
        ("003", "findings")}
    assert [a for a in scans if not a.in_text == a.given == a.same] == []
