"""docs/data-dictionary.md: every table of the contract with its keys and columns, every value of
every enumerated column, every warning and error type, the rules of the arithmetic and the
views of the DuckDB export, generated from the code that uses them."""

from __future__ import annotations

from ita_extract.pipeline.dataset.contract import CONTRACT_VERSION
from ita_extract.pipeline.dataset.export import views
from ita_extract.pipeline.dataset.lookups import lookup_tables
from ita_extract.pipeline.dataset.schema import (
    TABLES,
    Table,
    enumerations,
    meanings,
    warning_meanings,
)
from ita_extract.pipeline.ita import knowledge

_VERIFICATION_TEXT = [
    "## Verification",
    "",
    "NACC computes ITA scores by fixed arithmetic, so the scores a document prints check each other.",
    "The rules applied (`pipeline/ita/knowledge/score_rules.csv`), each for the score years it holds for:",
    "",
]


def data_dictionary() -> str:
    """docs/data-dictionary.md, generated from TABLES, the views of the DuckDB export and the
    tables of enumerations, warnings and rules."""
    out = [
        "# Data dictionary",
        "",
        f"Generated from `pipeline/dataset/schema.py` (contract version {CONTRACT_VERSION}) by",
        "`ita-extract schema --write docs/data-dictionary.md`. Do not edit by hand.",
        "",
    ]
    for table in TABLES.values():
        out += [f"## {table.name}", "", table.description, "", *_keys(table),
                f"Sorted by: {', '.join(table.sort_keys)}.", "",
                "| column | type | nullable | meaning |", "|---|---|---|---|"]
        out += [f"| {f.name} | {f.type} | {'yes' if f.nullable else 'no'} | {f.description} |"
                for f in table.fields]
        out.append("")
    out += ["## Enumerations", "",
            "Every value an enumerated column holds (`pipeline/dataset/data/enumerations.csv`);",
            "the writer refuses any other.", "", "| column | value | meaning |", "|---|---|---|"]
    out += [f"| {column} | `{value}` | {meaning} |" for column, values in enumerations().items()
            for value, meaning in values.items()]
    out += ["", "## Warnings", "",
            "Every value of `documents.warnings` (`pipeline/dataset/data/warnings.csv`);",
            "the writer refuses any other.", "", "| warning | meaning |", "|---|---|"]
    out += [f"| `{warning}` | {meaning} |" for warning, meaning in warning_meanings().items()]
    out += ["", "## Error types", "",
            "Values of `errors.error_type` (`pipeline/dataset/data/error_types.csv`). Any other value is",
            "the name of the Python exception met: an operating-system error while reading",
            "(`PermissionError`, `IsADirectoryError`) or an unexpected failure (a bug worth reporting).",
            "", "| error_type | stage | meaning |", "|---|---|---|"]
    out += [f"| `{r['error_type']}` | {r['stage']} | {r['meaning']} |" for r in meanings("error_types")]
    out += ["", *_VERIFICATION_TEXT, "| rule | what must hold | score years | source |", "|---|---|---|---|"]
    out += [f"| `{r['rule']}` | {r['meaning']} | {r['year_from']}–{r['year_to']} | {r['source']} |"
            for r in knowledge.rows("score_rules")]
    out += ["", "Printed values are rounded; a rule holds when it misses by no more than the rounding of",
            "every value in it allows (half a unit of each value's last printed decimal, weighted).",
            "`verification` and `score_check` values are listed under Enumerations.", ""]
    out += ["## Lookups", "",
            "The code tables beside the data (contract 3): each run folder holds them as",
            "`lookup_<name>.parquet` (linked from OUT like the tables), every row with the `source` it",
            "was taken from; the exports carry them under `<name>` (DuckDB) or `lookup_<name>`.", "",
            "| lookup | rows | columns |", "|---|---|---|"]
    out += [f"| `lookup_{name}` | {table.num_rows} | {', '.join(table.column_names)} |"
            for name, table in lookup_tables().items()]
    out += ["", "## Views", "",
            "`ita-extract export --format duckdb` writes these views beside the tables and the lookups.",
            "", "| view | what it holds |", "|---|---|"]
    out += [f"| `{name}` | {view.description} |" for name, view in views().items()]
    out.append("")
    return "\n".join(out)


def _keys(table: Table) -> list[str]:
    lines = []
    if table.primary_key:
        lines.append(f"Primary key: {', '.join(table.primary_key)}.")
    else:
        lines.append("No primary key: a row is a value as printed, and may be printed again elsewhere.")
    lines += [f"Foreign key: {column} → {target}." for column, target in table.foreign_keys]
    if table.derived:
        lines.append("Made by the writer at the end of a run, from the run's other tables.")
    if table.run_columns:
        lines.append(f"Filled by the writer at the end of a run, from the run's other documents (a "
                     f"document's value depends on what else the run holds): {', '.join(table.run_columns)}.")
    return [*lines, ""]
