"""Every real government PDF of ../shared/corpus (real/, thai-pdf/) goes through without a crash,
with no damaged Thai cluster left and scans or unusable layers sent to OCR."""

import shutil

import pandas as pd
import pytest

from normalizers.thai_text import thai_word_ratio
from parsers.ocr import tesseract_available
from parsers.pdf import parse_pdf
from pipeline.run import run
from tests.conftest import CORPUS

FOLDERS = [CORPUS / "real", CORPUS / "thai-pdf"]
PDFS = sorted(p for folder in FOLDERS if folder.is_dir() for p in folder.glob("*.pdf"))
pytestmark = pytest.mark.skipif(not PDFS, reason="../shared/corpus/real and thai-pdf are absent")
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
    return {name: pd.read_parquet(out / f"{name}.parquet") for name in ("documents", "pages", "errors")}


def test_every_file_is_processed(real) -> None:
    assert real["errors"].empty
    assert sorted(real["documents"]["source_path"]) == sorted(p.name for p in PDFS)


def test_no_damaged_thai_cluster_is_left(real) -> None:
    pages = real["pages"]
    assert pages["damaged_before"].sum() > 1000  # the layers really are damaged
    assert pages["damaged_after"].sum() == 0


def test_unusable_layers_are_detected_and_sent_to_ocr(real) -> None:
    documents = real["documents"].set_index("source_path")
    for name, reason in OCR_FILES.items():
        assert reason in documents.loc[name, "warnings"]
        expected = "ocr" if tesseract_available() else "text_layer"
        assert documents.loc[name, "text_source"] == expected
        if not tesseract_available():
            assert "needs_ocr" in documents.loc[name, "warnings"]


@pytest.mark.parametrize("name", ["moph-nongyai_eb1-1.3_memo.pdf",
                                  "moph-nongyai_eb2-2.7_strategy-kpi-slide.pdf",
                                  "sao-saiyoi_boq-pr4-building_10p_excel-table.pdf"])
def test_repair_never_lowers_the_share_of_dictionary_words(real, name) -> None:
    path = next(p for p in PDFS if p.name == name)
    raw_pages = parse_pdf(path.read_bytes()).pages
    documents = real["documents"].set_index("source_path")
    pages = real["pages"][real["pages"]["doc_id"] == documents.loc[name, "doc_id"]].set_index("page")
    for page in raw_pages:
        assert pages.loc[page.number, "thai_word_ratio"] >= thai_word_ratio(page.raw_text) - 1e-6
