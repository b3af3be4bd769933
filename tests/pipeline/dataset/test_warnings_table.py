"""Every warning the code can put into documents.warnings is listed, with its meaning, in
pipeline/data/warnings.csv (the data dictionary is generated from it; the writer refuses others)."""


import pytest
import regex

from ita_extract.pipeline.dataset.schema import DOCUMENTS, known_warning, warning_meanings
from ita_extract.pipeline.dataset.validation import SchemaError, to_arrow
from tests.conftest import ROOT

# A warning is a snake_case literal appended to a warnings list, returned as a page's reason or
# carried by an item code.
_EMITTED = regex.compile(r"""warnings\.append\("([a-z_]+)"\)|return \(?"([a-z_]+_layer[a-z_]*)"|"""
                         r"""ItemCode\(None, raw, "([a-z_]+)"\)|warnings\.append\(reason\)""")


def emitted_warnings() -> set[str]:
    found = set()
    for path in [*ROOT.glob("pipeline/**/*.py"), *ROOT.glob("parsers/*.py"), *ROOT.glob("normalizers/*.py")]:
        for match in _EMITTED.finditer(path.read_text("utf-8")):
            found.update(g for g in match.groups() if g)
    return found


def test_every_emitted_warning_is_listed() -> None:
    emitted = emitted_warnings()
    assert {"grade_mismatch", "needs_ocr", "no_text_layer", "item_code_letter_undecided"} <= emitted
    assert emitted - set(warning_meanings()) == set()


@pytest.mark.parametrize(("warning", "known"), [
    ("arithmetic_conflict:overall_weighted:2566", True),
    ("arithmetic_conflict:no_such_rule:2566", False),
    ("arithmetic_conflict:iit_mean:", False),
    ("grade_mismatch", True),
    ("made_up", False),
])
def test_rule_warnings_are_known_by_their_form(warning: str, known: bool) -> None:
    assert known_warning(warning) is known


def test_the_writer_refuses_an_unlisted_warning_or_enumeration_value() -> None:
    row = {"doc_id": "a" * 16, "source_path": "x.txt", "source_sha256": "a" * 64, "source_format": "text",
           "doc_type": "analysis", "n_scores": 0, "n_findings": 0, "n_measures": 0, "parser_version": "1",
           "warnings": ["made_up"]}
    with pytest.raises(SchemaError, match="made_up"):
        to_arrow(DOCUMENTS, [row])
    with pytest.raises(SchemaError, match="report"):
        to_arrow(DOCUMENTS, [{**row, "warnings": [], "doc_type": "report"}])
    assert to_arrow(DOCUMENTS, [{**row, "warnings": ["arithmetic_conflict:iit_mean:2566"]}]).num_rows == 1
