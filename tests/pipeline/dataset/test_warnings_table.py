"""Every warning the code can give a document is a constant, declared once where it is given
(parsers.warnings, normalizers.codes, pipeline.ita.warnings), and listed with its meaning in
pipeline/dataset/data/warnings.csv (the data dictionary is generated from it; the writer refuses
any other)."""

import ast

import pytest

from ita_extract.normalizers import codes
from ita_extract.parsers import warnings as parser_warnings
from ita_extract.pipeline.batch.fingerprint import package_root
from ita_extract.pipeline.dataset.schema import DOCUMENTS, known_warning, warning_meanings
from ita_extract.pipeline.dataset.validation import SchemaError, to_arrow
from ita_extract.pipeline.ita import warnings as ita_warnings

DECLARED = {*parser_warnings.WARNINGS, *codes.WARNINGS, *ita_warnings.WARNINGS}
DECLARING = {"parsers/warnings.py", "normalizers/codes.py", "pipeline/ita/warnings.py"}


def test_every_declared_warning_has_a_meaning_and_every_meaning_a_declaration() -> None:
    assert set(warning_meanings()) == DECLARED


def spelled_outside_their_declaration() -> dict[str, set[str]]:
    """{file: warning names it spells as string literals} for every file but the declaring ones."""
    root, found = package_root(), {}
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if relative in DECLARING:
            continue
        literals = {node.value for node in ast.walk(ast.parse(path.read_text("utf-8")))
                    if isinstance(node, ast.Constant) and isinstance(node.value, str)}
        spelled = {w for w in DECLARED if w in literals}
        spelled |= {s for s in literals if s.startswith("arithmetic_conflict:")}
        if spelled:
            found[relative] = spelled
    return found


def test_no_warning_is_spelled_outside_its_declaration() -> None:
    assert spelled_outside_their_declaration() == {}


@pytest.mark.parametrize(("warning", "known"), [
    ("arithmetic_conflict:overall_weighted:2566", True),
    ("arithmetic_conflict:no_such_rule:2566", False),
    ("arithmetic_conflict:iit_mean:", False),
    ("arithmetic_conflict:iit_mean:2566:x", False),
    ("grade_mismatch", True),
    ("made_up", False),
])
def test_rule_warnings_are_known_by_their_form(warning: str, known: bool) -> None:
    assert known_warning(warning) is known


def test_the_writer_refuses_an_unlisted_warning_or_enumeration_value() -> None:
    row = {"doc_id": "a" * 16, "source_path": "x.txt", "source_sha256": "a" * 64, "source_format": "text",
           "doc_type": "analysis", "n_scores": 0, "n_findings": 0, "n_measures": 0, "n_unread": 0,
           "parser_version": "1",
           "warnings": ["made_up"]}
    with pytest.raises(SchemaError, match="made_up"):
        to_arrow(DOCUMENTS, [row])
    with pytest.raises(SchemaError, match="report"):
        to_arrow(DOCUMENTS, [{**row, "warnings": [], "doc_type": "report"}])
    assert to_arrow(DOCUMENTS, [{**row, "warnings": ["arithmetic_conflict:iit_mean:2566"]}]).num_rows == 1
