"""The rows of every born-digital dev and real PDF, byte for byte as recorded before the PDF
reader was made faster (one pass over page objects through pdfium's C API, character boxes
fetched raw, characters given to cells by numpy): speed must not change a single value.

tests/golden/pdf_rows.json holds, per file, the SHA-256 of each table's rows (canonical JSON);
the files are read from ../shared/corpus (the third-party ones are never copied here).
Regenerate with UPDATE_GOLDEN=1 only after reading why a digest changed."""

from __future__ import annotations

import hashlib
import json
import os
import shutil

import pyarrow.parquet as pq
import pytest

from ita_extract.pipeline.batch.options import RunOptions
from ita_extract.pipeline.batch.run import run
from ita_extract.pipeline.dataset.schema import TABLES
from tests.conftest import CORPUS, GOLDEN

DIGESTS = GOLDEN / "pdf_rows.json"
FOLDERS = ("dev", "real", "thai-pdf")


def _candidates() -> list:
    if os.environ.get("UPDATE_GOLDEN"):
        return sorted(p for folder in FOLDERS for p in (CORPUS / folder).glob("*.pdf")
                      if not p.name.endswith(".scan.pdf"))
    return [CORPUS / name for name in json.loads(DIGESTS.read_text("utf-8"))]


PDFS = [p for p in _candidates() if p.exists()]
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not PDFS, reason="../shared/corpus is absent")]


# The digests pin contract 2's tables and columns; what contract 3 adds (org_id, edition_id, and
# n_unread, and the organisations, panel and unread tables) and the places of rows added since
# (line, bbox: tests/pipeline/dataset/test_rows.py) are tested on their own.
CONTRACT_2_TABLES = ("documents", "pages", "scores", "findings", "measures")
ADDED_IN_3 = {"org_id", "edition_id", "n_unread", "line", "bbox"}
ADDED_IN_3_TO = {"findings": {"org_name"}, "measures": {"org_name"}}  # scores had org_name in 2


def _contract_2(row: dict, table: str) -> dict:
    added = ADDED_IN_3 | ADDED_IN_3_TO.get(table, set())
    return {k: v for k, v in row.items() if k not in added}


def _digest(rows: list[dict]) -> str:
    text = json.dumps(rows, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.fixture(scope="module")
def digests(tmp_path_factory) -> dict[str, dict[str, str]]:
    raw = tmp_path_factory.mktemp("raw")
    names = {}
    for path in PDFS:
        name = f"{path.parent.name}/{path.name}"
        (raw / path.parent.name).mkdir(exist_ok=True)
        shutil.copy(path, raw / name)
        names[name] = path
    out = tmp_path_factory.mktemp("out")
    run(raw, out, RunOptions(workers=1))
    tables = {table: pq.read_table(out / f"{table}.parquet").to_pylist() for table in TABLES}
    documents = {row["source_path"]: row for row in tables["documents"]}
    found = {}
    for name in names:
        document = documents[name]
        if document["text_source"] != "text_layer":  # scans time Tesseract, not this reader
            continue
        doc_id = document["doc_id"]
        found[name] = {table: _digest([_contract_2(row, table) for row in tables[table]
                                       if row.get("doc_id") == doc_id]) for table in CONTRACT_2_TABLES}
    return found


def test_every_born_digital_pdf_gives_the_rows_it_gave_before(digests) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        DIGESTS.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n", "utf-8")
    expected = json.loads(DIGESTS.read_text("utf-8"))
    assert len(expected) >= 20
    changed = {name: sorted(t for t in expected[name] if digests.get(name, {}).get(t) != expected[name][t])
               for name in expected}
    assert {name: tables for name, tables in changed.items() if tables} == {}
