
import pyarrow as pa

from ita_extract.pipeline.dataset.schema import TABLES, data_dictionary
from tests.conftest import ROOT


def test_committed_data_dictionary_matches_the_code() -> None:
    committed = (ROOT / "docs" / "data-dictionary.md").read_text("utf-8")
    assert committed == data_dictionary(), "run `make docs` to regenerate docs/data-dictionary.md"


def test_contract_tables_and_key_types() -> None:
    assert list(TABLES) == ["documents", "pages", "scores", "findings", "measures", "errors"]
    documents = TABLES["documents"].arrow_schema()
    assert documents.field("assessment_year_be").type == pa.int16()
    assert documents.field("issued_date").type == pa.date32()
    assert documents.field("warnings").type == pa.list_(pa.string())
    assert TABLES["pages"].arrow_schema().field("thai_word_ratio").type == pa.float32()
    assert TABLES["scores"].arrow_schema().field("tool_part").type == pa.int8()
    assert TABLES["measures"].arrow_schema().field("steps").type == pa.list_(pa.string())
