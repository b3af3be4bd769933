"""Layout dumps: a Word-made PDF's text as `pdftotext -layout` prints it (tests/fixtures/NAME.layout.txt,
from NAME.txt rendered by ../shared/tools/render_corpus.py --font Kinnari). Tables come as columns
aligned with runs of spaces, their rows one blank line apart, a cell's wrapped words on the lines
below (`แบบวัดการรับรู้ของผู้มีส่วนได้ส่วน   30   94.40` / `เสียภายใน (IIT)`); a page break may cut a
table. As prose, the weights' total (`คะแนนรวม   100   90.59`) was read as the overall score 100,
and every other score of the tables was unread."""

from pathlib import Path

from ita_extract.pipeline.batch.unit import parse, process_document
from tests.conftest import RAW

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _rows(name: str | Path) -> dict[str, list[dict]]:
    path = FIXTURES / name
    return process_document(parse(path, path.read_bytes()), "ab" * 32)


def _scores(rows: dict[str, list[dict]]) -> set[tuple]:
    return {(s["level"], s["tool"], s["indicator"], s["item_code"], s["score_year_be"], s["score"])
            for s in rows["scores"]}


def test_the_tables_of_a_layout_dump_give_the_scores_of_its_text() -> None:
    dump, text = _scores(_rows("tables2567.layout.txt")), _scores(_rows("tables2567.txt"))
    assert len(text) == 19
    assert dump == text


def test_a_weights_total_in_a_layout_dump_is_no_overall_score() -> None:
    rows = _rows("analysis2568.layout.txt")
    overall = {(s[4], s[5]) for s in _scores(rows) if s[0] == "overall"}
    assert (2568, 100.0) not in overall
    assert (2568, 90.59) in overall
    tables = {s for s in _scores(_rows("analysis2568.txt")) if s[0] in ("tool", "indicator")}
    assert len(tables) == 13
    assert tables <= _scores(rows)


def test_a_layout_dump_gives_every_score_of_its_text_and_leaves_none_unread() -> None:
    rows = _rows("analysis2568.layout.txt")
    text = _scores(_rows("analysis2568.txt"))
    assert len(text) == 18
    assert _scores(rows) == text
    assert rows["unread"] == []
    assert _findings(rows) == _findings(_rows("analysis2568.txt"))


def _findings(rows: dict[str, list[dict]]) -> list[tuple[str, str]]:
    return [(f["kind"], f["text"].replace(" ", "")) for f in rows["findings"]]


def test_a_layout_dumps_measures_table_is_left_unread_and_said_so() -> None:
    """A measures table's rows as pdftotext prints them (dev003.layout.txt: dev document 003's PDF)
    are its visual lines, every cell wrapping, which no rule puts back into rows: read, they gave a
    measure a line (`ปฏิบัติงานที่`, an empty one). Its measures are left unread, and said so."""
    for name, text in (("measures2568.layout.txt", FIXTURES / "measures2568.txt"),
                       ("dev003.layout.txt", RAW / "003_803e91d9ccdb16cf.txt")):
        rows = _rows(name)
        assert len(_rows(text)["measures"]) > 0
        assert rows["measures"] == [], name
        assert "measures_unread" in rows["documents"][0]["warnings"]
