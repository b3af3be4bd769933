"""Probe documents written in layouts the project had not seen, each read alike as text, as a
Word-made PDF and as its scan (the fixtures: tests/fixtures/NAME.txt, rendered by
../shared/tools/render_corpus.py into NAME.pdf and NAME.scan.pdf).

- prose_years: the overall of three years in one sentence (`ปี พ.ศ. 2564 … 78.50 คะแนน ปี พ.ศ. 2565
  ได้ 85.12 …`), then the rise (`ซึ่งเพิ่มขึ้นจากปีที่ผ่านมา 6.33 คะแนน`). On the scan a line of marks
  Tesseract read on its own (`a eee a,c:`) put the lines' boxes out of step with the text and the
  sentence was left in its visual lines (two years' scores lost), and the rise, its marks lost
  (`ซึงเพิ่มขืนจากปิทีผ่านมา`), was unread.
- diff: indicators of two years with a difference column, and a table of tools; on the scan
  `IIT` read `NT` (its score lost) and the grade `A` read `2` (an unread number).
- weighted: a table of the tools with their weights and weighted points (`คะแนนถ่วงน้ำหนัก`), a
  comparison of two years, and EIT's indicators as headings over a row of scores and a row of
  grades. The grades made the last table unread and its scores silent (a number alone under
  `ตัวชี้วัดที่ 6` was taken for an indicator's number); on the scan the points' header read
  `คะแนนถ่วงนำหนัก` made the points the tools' scores, `ay v คะแนนทีได้` lost the scores' column,
  `ตวชวดท 7` two headings, `1. การปฏิบัติม มหน้าที่` and `4. การใช้ ev Ca ทรัพย์สิน…` two rows, and
  `4,` for the list number `4.` was an unread number.
- gantt: measures whose timeframe is a Gantt chart: ticks under month columns grouped under
  calendar years (`พ.ศ. 2567` over ต.ค.–ธ.ค.), under quarters (●), and under months printed with
  their short year below a fiscal year (`ปีงบประมาณ พ.ศ. 2568` over `ต.ค. 67` …). No measure was
  read (the years over the months made it a table of scores); on the PDF a narrow column wraps
  the year (`256` / `7`) and a month (`เ` / `ม. ย.`); on the scan OCR reads no letter in a dot,
  reads ✓ as `J`, and misreads months (`A.W.` for ก.พ., `fel.` for ก.ย.) and โครงการ (`ไครงการ`).
"""

import datetime as dt
from pathlib import Path

import pytest

from ita_extract.parsers.tesseract import tesseract_available
from ita_extract.pipeline.batch.unit import parse, process_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

Key = tuple[str, str | None, int | None, int]
_TOOLS_2566: dict[Key, float] = {("tool", "IIT", None, 2566): 93.1, ("tool", "EIT", None, 2566): 88.4,
               ("tool", "OIT", None, 2566): 92.5}
EXPECTED: dict[str, dict[Key, float]] = {
    "prose_years": {("overall", None, None, 2564): 78.5, ("overall", None, None, 2565): 85.12,
                    ("overall", None, None, 2566): 91.45, **_TOOLS_2566},
    "diff": {("overall", None, None, 2566): 89.73, ("tool", "IIT", None, 2566): 89.5,
             ("tool", "EIT", None, 2566): 85.67, ("tool", "OIT", None, 2566): 92.25,
             **{("indicator", tool, k, year): value
                for tool, k, last, this in [("IIT", 1, 90.12, 95.4), ("IIT", 2, 85.0, 88.1),
                                            ("IIT", 3, 92.35, 90.25), ("IIT", 4, 80.2, 84.6),
                                            ("IIT", 5, 88.0, 89.15), ("EIT", 6, 86.4, 87.9),
                                            ("EIT", 7, 84.1, 85.3), ("EIT", 8, 82.75, 83.8),
                                            ("OIT", 9, 95.0, 97.0), ("OIT", 10, 87.5, 87.5)]
                for year, value in ((2565, last), (2566, this))}},
    "weighted": {("overall", None, None, 2567): 91.03, ("tool", "IIT", None, 2567): 93.21,
                 ("tool", "EIT", None, 2567): 80.22, ("tool", "OIT", None, 2567): 97.5,
                 **{("indicator", "IIT", k, year): value
                    for k, last, this in [(1, 90.0, 95.1), (2, 88.2, 89.0), (3, 92.1, 91.67),
                                          (4, 95.0, 94.66), (5, 96.0, 95.62)]
                    for year, value in ((2566, last), (2567, this))},
                 **{("indicator", "EIT", k, 2567): value
                    for k, value in [(6, 82.1), (7, 78.25), (8, 80.31)]}},
}


def _read(name: str) -> tuple[dict[tuple, float], list[str], dict[tuple, str]]:
    path = FIXTURES / name
    rows = process_document(parse(path, path.read_bytes()), "ab" * 32)
    scores = {(s["level"], s["tool"], s["indicator"], s["score_year_be"]): s["score"] for s in rows["scores"]}
    checks = {(s["level"], s["tool"], s["indicator"], s["score_year_be"]): s["verification"]
              for s in rows["scores"]}
    return scores, [u["number"] for u in rows["unread"]], checks


@pytest.mark.parametrize("suffix", [".txt", ".pdf"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_probe_read_alike_as_text_and_pdf(name: str, suffix: str) -> None:
    scores, unread, _ = _read(name + suffix)
    assert scores == EXPECTED[name]
    assert unread == []


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_probe_read_alike_as_a_scan(name: str) -> None:
    if not tesseract_available():
        pytest.skip("needs tesseract-ocr with Thai data")
    scores, unread, _ = _read(name + ".scan.pdf")
    assert scores == EXPECTED[name]
    assert unread == []


def test_the_diff_probes_overall_disagrees_with_its_tools() -> None:
    """The probe's overall (89.73) is not the weighted sum of its tools (89.45): the one culprit."""
    _, _, checks = _read("diff.txt")
    assert checks[("overall", None, None, 2566)] == "conflict"
    assert {check for key, check in checks.items() if key[0] != "overall" and key[3] == 2566} == {"verified"}


@pytest.mark.parametrize("suffix", [".txt", ".pdf"])
def test_the_weighted_probes_scores_of_its_year_are_all_verified(suffix: str) -> None:
    """The points add up to the overall and are their tools' scores × weights; IIT and EIT are the
    means of their indicators: every score of 2567 is confirmed by a rule."""
    _, _, checks = _read("weighted" + suffix)
    assert {check for key, check in checks.items() if key[3] == 2567} == {"verified"}


D = dt.date
_GANTT_PERIODS = [
    (D(2024, 10, 1), D(2025, 9, 30)), (D(2024, 12, 1), D(2025, 1, 31)), (D(2024, 10, 1), D(2024, 12, 31)),
    (D(2025, 4, 1), D(2025, 6, 30)), (D(2025, 9, 1), D(2025, 9, 30)),  # months under calendar years
    # quarters
    (D(2024, 10, 1), D(2025, 3, 31)), (D(2025, 1, 1), D(2025, 6, 30)), (D(2025, 7, 1), D(2025, 9, 30)),
    (D(2025, 1, 1), D(2025, 2, 28)), (D(2024, 10, 1), D(2024, 10, 31)), (D(2024, 10, 1), D(2025, 9, 30)),
]


def _gantt_measures(suffix: str) -> list[tuple]:
    path = FIXTURES / ("gantt" + suffix)
    rows = process_document(parse(path, path.read_bytes()), "ab" * 32)
    return [(m["seq"], m["responsible"][0][-3:], m["period_start"], m["period_end"])
            for m in rows["measures"]]


def _gantt_expected() -> list[tuple]:
    seqs = [1, 2, 3, 4, 5, 1, 2, 3, 1, 2, 3]
    units = ["ลัง", "ลัด", "ลัด", "ช่าง", "ลัด", "บาล", "ที่", "ลัง", "ลัด", "ลัด", "ลัง"]
    return [(seq, unit[-3:], *period) for seq, unit, period in zip(seqs, units, _GANTT_PERIODS, strict=True)]


@pytest.mark.parametrize("suffix", [".txt", ".pdf"])
def test_gantt_chart_periods_as_text_and_pdf(suffix: str) -> None:
    assert _gantt_measures(suffix) == _gantt_expected()


@pytest.mark.slow
def test_gantt_chart_periods_as_a_scan() -> None:
    if not tesseract_available():
        pytest.skip("needs tesseract-ocr with Thai data")
    periods = [(start, end) for *_, start, end in _gantt_measures(".scan.pdf")]
    assert periods == _GANTT_PERIODS
