"""What `ita-extract export` offers: its formats, and the views the DuckDB export adds (lookups
joined in, the panel by organisation and year). Apart from the writers (dataset.export, which load
pyarrow, DuckDB and openpyxl), so the command line can list them in its help without loading them."""

from __future__ import annotations

from dataclasses import dataclass

from ita_extract.pipeline.ita.framework import indicators
from ita_extract.pipeline.ita.warnings import ARITHMETIC_CONFLICT, ARITHMETIC_CONFLICT_OF_RULE

FORMATS = ("duckdb", "csv", "xlsx", "sqlite")


@dataclass(frozen=True)
class View:
    description: str
    sql: str


def _indicator_columns() -> str:
    return ",\n        ".join(f"max(p.score) FILTER (WHERE p.indicator = {n}) AS indicator_{n}"
                               for n in indicators())


def views() -> dict[str, View]:
    """The DuckDB views: lookups joined in, so that a first query needs no knowledge of the codes,
    and the panel by organisation and year."""
    return {
        "overall_by_org_year": View(
            "The overall score of each organisation and year, one row each: the panel's value, its status "
            "(agreed, single, conflict), the documents behind it.", """
        SELECT p.org_id, o.org_name, o.org_type, o.district, o.province, p.score_year_be, p.score,
               p.status, p.n_documents, p.verification, p."values", p.doc_ids
        FROM panel p JOIN organisations o USING (org_id) WHERE p.level = 'overall'"""),
        "indicators_by_org_year": View(
            "One row per organisation and year, a column per indicator (the panel's values; null where no "
            "document prints it).", f"""
        SELECT p.org_id, o.org_name, o.province, p.score_year_be,
        {_indicator_columns()}
        FROM panel p JOIN organisations o USING (org_id) WHERE p.level = 'indicator'
        GROUP BY p.org_id, o.org_name, o.province, p.score_year_be"""),
        "coverage": View(
            "Which subjects each organisation and year has in the panel: documents often print only "
            "their weakest indicators, so an average across organisations should look here first.", """
        SELECT p.org_id, o.org_name, p.score_year_be, bool_or(p.level = 'overall') AS has_overall,
               list(DISTINCT p.tool ORDER BY p.tool) FILTER (WHERE p.level = 'tool') AS tools,
               list(DISTINCT p.indicator ORDER BY p.indicator)
                   FILTER (WHERE p.level = 'indicator') AS indicators,
               count(DISTINCT p.indicator) FILTER (WHERE p.level = 'indicator') AS n_indicators,
               count(*) FILTER (WHERE p.level = 'sub_indicator') AS sub_indicators,
               count(*) FILTER (WHERE p.level = 'item') AS items
        FROM panel p JOIN organisations o USING (org_id) GROUP BY p.org_id, o.org_name, p.score_year_be"""),
        "scores_named": View("scores with the names of their indicator and tool.", """
        SELECT s.*, i.name AS indicator_name, t.name_th AS tool_name
        FROM scores s LEFT JOIN indicators i ON i.indicator = s.indicator
        LEFT JOIN tools t ON t.tool = s.tool"""),
        "measures_named": View("measures with the names of their analysis area and indicator.", """
        SELECT m.*, a.name AS issue_area_name, i.name AS indicator_name
        FROM measures m LEFT JOIN issue_areas a ON a.issue_area = m.issue_area
        LEFT JOIN indicators i ON i.indicator = m.indicator"""),
        "measure_units": View("One row per measure and responsible unit, with the unit's kind.", """
        SELECT m.doc_id, m.measure_id, u.unit, k.kind
        FROM measures m, UNNEST(m.responsible_units) AS u(unit)
        LEFT JOIN units k ON k.unit = u.unit"""),
        "document_warnings": View("One row per document and warning, with the warning's meaning.", f"""
        SELECT d.doc_id, d.source_path, d.org_name, w.warning, l.meaning
        FROM documents d, UNNEST(d.warnings) AS w(warning)
        LEFT JOIN warnings l ON l.warning = w.warning
            OR (l.warning = '{ARITHMETIC_CONFLICT_OF_RULE}'
                AND split_part(w.warning, ':', 1) = '{ARITHMETIC_CONFLICT}')"""),
        "overall_by_year": View(
            "Every overall score every document prints, with its document (one row per file: the same "
            "report as text, PDF and scan is three rows; see overall_by_org_year for one per organisation).",
            """
        SELECT d.org_id, d.org_name, d.org_type, d.province, s.score_year_be, s.score, s.verification,
               d.doc_id, d.edition_id, d.doc_type, d.source_path
        FROM scores s JOIN documents d USING (doc_id) WHERE s.level = 'overall'"""),
    }
