"""Every real government PDF of ../shared/corpus (real/, thai-pdf/) goes through without a crash,
with no damaged Thai cluster left and scans or unusable layers sent to OCR."""

import shutil

import pandas as pd
import pytest

from ita_extract.parsers.tesseract import tesseract_available
from ita_extract.pipeline.batch.run import run
from ita_extract.pipeline.dataset.schema import TABLES
from tests.conftest import CORPUS
from tests.pipeline.helpers import damaged_clusters, repair_keeps_words

FOLDERS = [CORPUS / "real", CORPUS / "thai-pdf"]
PDFS = sorted(p for folder in FOLDERS if folder.is_dir() for p in folder.glob("*.pdf"))
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not PDFS, reason="../shared/corpus/real and thai-pdf are absent")]
OCR_FILES = {"sao-saiyoi_announcement-scan_canon-latin-ocr-garbage.pdf": "latin_text_layer",
             "sao-saiyoi_tax-leaflet_scan-with-latin-ocr-garbage.pdf": "latin_text_layer",
             "sao-saiyoi_strategy-2551-2555_broken-tounicode.pdf": "broken_text_layer"}


@pytest.fixture(scope="module")
def real(tmp_path_factory) -> dict[str, pd.DataFrame]:
    raw = tmp_path_factory.mktemp("real")
    for path in PDFS:
        shutil.copy(path, raw / path.name)
    out = tmp_path_factory.mktemp("real-out")
    assert run(raw, out).exit_code == 0
    return {name: pd.read_parquet(out / f"{name}.parquet") for name in TABLES}


def test_every_file_is_processed(real) -> None:
    assert real["errors"].empty
    assert sorted(real["documents"]["source_path"]) == sorted(p.name for p in PDFS)


def test_no_damaged_thai_cluster_is_left(real) -> None:
    pages = real["pages"]
    assert pages["damaged_before"].sum() > 1000  # the layers really are damaged
    assert pages["damaged_after"].sum() == 0
    assert damaged_clusters(real) == []  # in every text column of every table


def test_unusable_layers_are_detected_and_sent_to_ocr(real) -> None:
    documents = real["documents"].set_index("source_path")
    for name, reason in OCR_FILES.items():
        assert reason in documents.loc[name, "warnings"]
        expected = "ocr" if tesseract_available() else "text_layer"
        assert documents.loc[name, "text_source"] == expected
        if not tesseract_available():
            assert "needs_ocr" in documents.loc[name, "warnings"]


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_repair_never_lowers_the_share_of_dictionary_words(real, path) -> None:
    doc_id = real["documents"].set_index("source_path").loc[path.name, "doc_id"]
    extracted, raw = repair_keeps_words(real["pages"][real["pages"]["doc_id"] == doc_id], path)
    assert raw is None or (extracted is not None and extracted >= raw), (extracted, raw)
