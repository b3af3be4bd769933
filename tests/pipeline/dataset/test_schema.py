"""The schema declared in code is the contract's (../shared/contract.md): every table and column
the contract lists is declared with its type, and the data dictionary is what the code says."""

import re

import pytest

from ita_extract.parsers.formats import KINDS
from ita_extract.pipeline.dataset.dictionary import data_dictionary
from ita_extract.pipeline.dataset.schema import TABLES, enumerations
from ita_extract.pipeline.ita.framework import tools
from ita_extract.pipeline.ita.verification.arithmetic import SCORE_CHECKS
from tests.conftest import CORPUS, ROOT

CONTRACT = CORPUS.parent / "contract.md"
# What contract version 3 adds that is not built yet (issue 25): not checked here.
NOT_YET = {"unread"}


def test_committed_data_dictionary_matches_the_code() -> None:
    committed = (ROOT / "docs" / "data-dictionary.md").read_text("utf-8")
    assert committed == data_dictionary(), "run `make docs` to regenerate docs/data-dictionary.md"


def contract_columns(text: str) -> dict[str, dict[str, str]]:
    """{table: {column: type}} of the contract's `## name — …` tables (a row naming several
    columns, or no type, refers to columns declared above: its type is "")."""
    found: dict[str, dict[str, str]] = {}
    table = None
    for line in text.splitlines():
        heading = re.match(r"^#{2,3} (\w+) — ", line)
        if heading:
            table = heading.group(1)
            found[table] = {}
            continue
        if line.startswith("#"):
            table = None
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
        if table and len(cells) >= 2 and cells[0] not in ("column", "---"):
            for name in cells[0].split(","):
                found[table][name.strip()] = cells[1] if "," not in cells[0] else ""
    return found


@pytest.mark.skipif(not CONTRACT.is_file(), reason="../shared/contract.md is not beside the project")
def test_every_contract_table_and_column_is_declared_with_its_type() -> None:
    contract = contract_columns(CONTRACT.read_text("utf-8"))
    assert set(contract) - NOT_YET <= set(TABLES)
    for table, columns in contract.items():
        if table in NOT_YET:
            continue
        declared = {f.name: f.type for f in TABLES[table].fields}
        for column, kind in columns.items():
            if column == "n_unread":  # issue 25
                continue
            assert column in declared, f"{table}.{column} is not declared"
            assert not kind or declared[column] == kind, f"{table}.{column}: {declared[column]} ≠ {kind}"


def test_the_contract_reader_reads_a_table() -> None:
    text = "## scores — one row\n| column | type | meaning |\n|---|---|---|\n| doc_id | string | |\n" \
           "| org_name, province | | copied |\n| score | float64 | 0–100 |\n## Next\n| x | int8 | |\n"
    assert contract_columns(text) == {"scores": {"doc_id": "string", "org_name": "", "province": "",
                                                 "score": "float64"}}


def test_enumerations_list_what_the_code_produces() -> None:
    """The values the code's own tables can produce are the enumerations' values."""
    listed = enumerations()
    assert set(listed["source_format"]) == {kind.name for kind in KINDS}
    assert set(listed["tool"]) == set(tools())
    assert set(listed["score_check"]) == set(SCORE_CHECKS)
