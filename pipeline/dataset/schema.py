"""The output contract, declared once: every table and column with its type and meaning.

The pyarrow schemas, the data dictionary (docs/data-dictionary.md) and the
writer's validation are all derived from `TABLES`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import pyarrow as pa

from ita_extract.normalizers.csv_rows import read_rows
from ita_extract.pipeline.ita import knowledge
from ita_extract.pipeline.ita.warnings import ARITHMETIC_CONFLICT_OF_RULE, failed_rule

# What the dataset's codes mean: enumerations, warnings and error types, one CSV each.
MEANINGS = Path(__file__).parent / "data"

_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "int8": pa.int8(),
    "int16": pa.int16(),
    "int32": pa.int32(),
    "float32": pa.float32(),
    "float64": pa.float64(),
    "date32": pa.date32(),
    "list<string>": pa.list_(pa.string()),
    "list<float64>": pa.list_(pa.float64()),
}

# contract type → (pandas_type, numpy_type) of the pandas metadata
_PANDAS_TYPES: dict[str, tuple[str, str]] = {
    "string": ("unicode", "object"),
    "int8": ("int8", "Int8"),
    "int16": ("int16", "Int16"),
    "int32": ("int32", "Int32"),
    "float32": ("float32", "float32"),
    "float64": ("float64", "float64"),
    "date32": ("date", "object"),
    "list<string>": ("list[unicode]", "object"),
    "list<float64>": ("list[float64]", "object"),
}


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    nullable: bool = True
    bounds: tuple[float, float] | None = None  # the least and the greatest value a row may hold

    def arrow(self) -> pa.Field:
        """The column as Arrow declares it, its meaning in the field metadata (`description`):
        a Parquet file read alone says what each column holds."""
        return pa.field(self.name, _TYPES[self.type], nullable=self.nullable,
                        metadata={b"description": self.description.encode("utf-8")})


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    fields: tuple[Field, ...]
    sort_keys: tuple[str, ...]
    primary_key: tuple[str, ...] = ()  # the columns no two rows share; () where rows have no key
    foreign_keys: tuple[tuple[str, str], ...] = ()  # (column, `table.column` it refers to)
    derived: bool = False  # made by the writer from the other tables of the run, at its end
    # Columns the writer fills at the run's end from the other documents of the run: a document's
    # value there depends on what else the run holds (every other column is the document's own).
    run_columns: tuple[str, ...] = ()

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def arrow_schema(self) -> pa.Schema:
        return _arrow_schema(self)

    def pandas_metadata(self) -> bytes:
        """What pandas reads back as dtypes: a nullable integer column stays a nullable integer
        (`Int32`) instead of float64 with NaN. Written by hand, without library versions, so the
        files are the same whichever pandas made the run."""
        columns = [{"name": f.name, "field_name": f.name, "pandas_type": _PANDAS_TYPES[f.type][0],
                    "numpy_type": _PANDAS_TYPES[f.type][1] if f.nullable or not f.type.startswith("int")
                    else f.type, "metadata": None} for f in self.fields]
        return json.dumps({"index_columns": [], "column_indexes": [], "columns": columns},
                          separators=(",", ":")).encode()


@cache
def _arrow_schema(table: Table) -> pa.Schema:
    # Asked for once per document and table as rows stream by; the same every time.
    return pa.schema([f.arrow() for f in table.fields], metadata={b"pandas": table.pandas_metadata()})


def F(name: str, type_: str, description: str, nullable: bool = True,  # noqa: N802
      bounds: tuple[float, float] | None = None) -> Field:
    return Field(name, type_, description, nullable, bounds)


SCORE_BOUNDS = (0.0, 100.0)


# Columns several tables share, declared once.
SOURCE_PATH = F("source_path", "string", "Path relative to the raw root, forward slashes; a byte of the name "
                "that is not UTF-8 is shown as `\\xNN` and a backslash as `\\\\`, so the name on disk is "
                "recovered exactly.", False)
DOC_ID = F("doc_id", "string", "First 16 hex chars of the SHA-256 of the file bytes.", False)
PAGE = F("page", "int32", "1-based page the row was read from (null for text input).")
SOURCE_TEXT = F("source_text", "string", "What the row was read from: its sentence or line, or its table row "
                "(cells tab-separated; a score read from a table, only its label, code and value cells).")
LINE = F("line", "int32", "1-based line the row was read from: on its page for a PDF, in the file for a "
         "text dump (a table row is one line; a measure of several rows, its first).")
BBOX = F("bbox", "list<float64>", "Where a PDF prints the line or table row the row was read from: [x0, top, "
         "x1, bottom] in points from the page's top-left corner (a measure of several rows: those on its "
         "first page). Null for text dumps and OCR'd pages.")
ASSESSMENT_YEAR = F("assessment_year_be", "int16",
                    "ITA fiscal year (Buddhist Era) whose results the document discusses.")
PLAN_YEAR = F("plan_year_be", "int16", "Fiscal year (BE) the measures are for, when stated.")
ISSUE_AREA = F("issue_area", "int8",
               "1–7 when the document groups by the seven analysis areas (ประเด็นที่ ๑–๗).")
TOOL = F("tool", "string", "`IIT`, `EIT` or `OIT`; null for the overall score.")
INDICATOR = F("indicator", "int8", "Indicator number 1–10 (ตัวชี้วัดที่), when known.")
SUB_INDICATOR = F("sub_indicator", "string", "Sub-indicator such as `9.1`, `10.2`.")
ITEM_CODES = F("item_codes", "list<string>", "Canonical item codes (`i1`, `e4`, `o10`) cited.")
ORG_ID = F("org_id", "string", "The organisation (organisations.org_id) the row is about: the same in every "
           "run and from every document that names it; null when no organisation was recognised.")
ORG_NAME = F("org_name", "string", "The organisation's canonical name (organisations.org_name), copied so "
             "that a table read alone names it; null when no organisation was recognised.")
TO_DOCUMENT = (("doc_id", "documents.doc_id"),)
TO_ORGANISATION = (("org_id", "organisations.org_id"),)
# What a score is of: the columns scores and panel share, and the panel's key.
SUBJECT_FIELDS = (
    F("score_year_be", "int16", "Year the score belongs to (comparison tables carry earlier years)."),
    F("level", "string", "`overall`, `tool`, `indicator`, `sub_indicator`, `item`.", False),
    TOOL,
    F("tool_part", "int8", "1 or 2 where a tool is split (EIT ส่วนที่ ๑/๒)."),
    F("indicator", "int8", "1–10; for items, the indicator the item belongs to when known."),
    SUB_INDICATOR,
    F("item_code", "string", "Canonical code: lowercase `i`/`e`/`o` + Arabic number."),
)
SUBJECT = tuple(f.name for f in SUBJECT_FIELDS)

DOCUMENTS = Table(
    "documents",
    "One row per input file that could be read.",
    (
        DOC_ID,
        SOURCE_PATH,
        F("source_sha256", "string", "Full SHA-256 hex of the file bytes.", False),
        F("source_format", "string", "`pdf` or `text` (.txt/.md/.html dumps).", False),
        F("text_source", "string", "`text_layer`, `ocr`, `mixed` (some pages OCR'd), `plain_text`."),
        F("page_count", "int32", "Pages (null for text)."),
        F("org_name", "string", "Full organisation name with its type, abbreviations expanded."),
        F("org_type", "string", "`เทศบาลนคร`, `เทศบาลเมือง`, `เทศบาลตำบล`, `องค์การบริหารส่วนตำบล`, "
          "`องค์การบริหารส่วนจังหวัด`, `กรุงเทพมหานคร`, `เมืองพัทยา` or `other`."),
        F("district", "string", "Amphoe name without `อำเภอ`/`เขต`; null when not stated."),
        F("province", "string", "Canonical province name without `จังหวัด`; null when not stated."),
        F("doc_type", "string", "`analysis`, `measures`, `measures_report`, `results` or `unknown`.", False),
        ASSESSMENT_YEAR,
        F("assessment_year_ce", "int16", "assessment_year_be − 543."),
        PLAN_YEAR,
        F("issued_date", "date32", "The document's own date; null if absent."),
        F("overall_score", "float64", "Overall ITA score of assessment_year_be, 0–100.", bounds=SCORE_BOUNDS),
        F("grade", "string", "`AA` `A` `B` `C` `D` `E` `F` derived from overall_score by the bands."),
        F("grade_stated", "string", "The grade or label as printed (`E`, `AA`, `ผ่านดี`); null if none."),
        F("n_scores", "int32", "Score rows this document contributed.", False),
        F("n_findings", "int32", "Finding rows this document contributed.", False),
        F("n_measures", "int32", "Measure rows this document contributed.", False),
        F("warnings", "list<string>", "Validation flags, each listed under Warnings below."),
        F("score_check", "string", "What the printed scores' own arithmetic says: `consistent`, "
          "`conflicting` or `unchecked` (see Verification); null when the document has no scores."),
        F("parser_version", "string", "Version of the code that produced the row.", False),
        ORG_ID,
        F("edition_id", "string", "Shared by the files that are one document in several formats (text, PDF, "
          "scan, a re-typed copy), recognised by content (organisation, type, years, the scores and "
          "measures printed), never by file name: `ed-` and the smallest doc_id of the edition."),
        F("n_unread", "int32", "Numbers of this document that could be scores and are not score rows "
          "(its rows in `unread`); 0 for a document that is not an ITA document.", False),
    ),
    ("source_path",),
    primary_key=("doc_id",),
    foreign_keys=TO_ORGANISATION,
    run_columns=("edition_id",),
)

PAGES = Table(
    "pages",
    "One row per page of every document: full repaired text and its quality.",
    (
        DOC_ID,
        F("page", "int32", "1-based; a text dump is one page, or one per form feed.", False),
        F("text", "string", "Repaired text in reading order; table rows as tab-separated lines."),
        F("text_source", "string", "`text_layer`, `ocr`, `plain_text`."),
        F("damaged_before", "int32", "Damaged Thai clusters in the raw text of the page."),
        F("damaged_after", "int32", "Damaged Thai clusters in `text`."),
        F("thai_word_ratio", "float32", "Share of Thai tokens of `text` that are dictionary words."),
    ),
    ("doc_id", "page"),
    primary_key=("doc_id", "page"),
    foreign_keys=TO_DOCUMENT,
)

SCORES = Table(
    "scores",
    "One row per score printed in a document.",
    (
        DOC_ID,
        F("org_name", "string", "Copied from documents (a results list's rows: the listed organisation's)."),
        F("province", "string", "Copied from documents (a results list's rows: the listed organisation's)."),
        ASSESSMENT_YEAR,
        *SUBJECT_FIELDS,
        F("item_code_raw", "string", "The code exactly as printed (`i๑`, `E๗`, `๐๑๐`)."),
        F("label", "string", "Indicator name or item question/title, repaired Thai."),
        F("score", "float64", "0–100.", False, SCORE_BOUNDS),
        PAGE,
        LINE,
        BBOX,
        SOURCE_TEXT,
        F("verification", "string", "`verified`, `unverified`, `conflict` or `corrected` (see Verification).",
          False),
        ORG_ID,
    ),
    ("doc_id", "score_year_be", "level", "tool", "indicator", "item_code", "source_text"),
    foreign_keys=(*TO_DOCUMENT, *TO_ORGANISATION),
)

FINDINGS = Table(
    "findings",
    "One row per finding, weakness, recommendation or limitation.",
    (
        DOC_ID,
        ASSESSMENT_YEAR,
        F("finding_id", "string", "doc_id + `-f` + ordinal, stable across re-runs.", False),
        F("kind", "string", "`finding`, `recommendation` or `limitation`.", False),
        ISSUE_AREA,
        TOOL,
        INDICATOR,
        SUB_INDICATOR,
        ITEM_CODES,
        F("text", "string", "Repaired Thai text."),
        PAGE,
        LINE,
        BBOX,
        SOURCE_TEXT,
        ORG_ID,
        ORG_NAME,
    ),
    ("doc_id", "finding_id"),
    primary_key=("finding_id",),
    foreign_keys=(*TO_DOCUMENT, *TO_ORGANISATION),
)

MEASURES = Table(
    "measures",
    "One row per measure, activity, project or improvement guideline.",
    (
        DOC_ID,
        ASSESSMENT_YEAR,
        PLAN_YEAR,
        F("measure_id", "string", "doc_id + `-m` + ordinal.", False),
        F("seq", "int16", "The row's own number (ลำดับ) when printed."),
        ISSUE_AREA,
        TOOL,
        INDICATOR,
        ITEM_CODES,
        F("title", "string", "มาตรการ / กิจกรรม / โครงการ / ประเด็นการพัฒนา."),
        F("steps", "list<string>", "ขั้นตอน / วิธีการดำเนินการ, one element per numbered step."),
        F("responsible", "list<string>", "Units or roles (ผู้รับผิดชอบ) as printed, one element each."),
        F("responsible_units", "list<string>", "`responsible` under canonical names "
          "(`normalizers/data/responsible_units.csv`: `สำนักปลัดเทศบาล`, `สำนักปลัด อบต.` → `สำนักปลัด`; "
          "`ทุกกอง` → `ทุกส่วนราชการ`; a role such as `นิติกร` stays a role), each once; a name the "
          "table does not know is kept as printed."),
        F("timeframe_raw", "string", "As printed, digits converted."),
        F("period_start", "date32", "Start of the resolved period."),
        F("period_end", "date32", "End of the resolved period."),
        F("follow_up", "string", "การติดตามผล / การกำกับติดตาม."),
        F("status", "string", "`done`, `in_progress`, `not_started` from ticked boxes; null if none."),
        F("result", "string", "สรุปผล / ผลลัพธ์ / ความก้าวหน้า."),
        PAGE,
        LINE,
        BBOX,
        SOURCE_TEXT,
        ORG_ID,
        ORG_NAME,
    ),
    ("doc_id", "measure_id"),
    primary_key=("measure_id",),
    foreign_keys=(*TO_DOCUMENT, *TO_ORGANISATION),
)

ERRORS = Table(
    "errors",
    "One row per input that could not be processed.",
    (
        SOURCE_PATH,
        F("source_sha256", "string", "Full SHA-256 hex of the bytes, when they could be read."),
        F("stage", "string", "Where it failed: `read`, `decode`, `parse`, `extract`.", False),
        F("error_type", "string", "Kind of failure, listed under Error types below.", False),
        F("message", "string", "What went wrong, for a person.", False),
    ),
    ("source_path",),
    primary_key=("source_path",),
)

UNREAD = Table(
    "unread",
    "One row per number of an ITA document that could be a score (0–100, no other role) and that no "
    "reader accounted for: every number is a score row, has a role that is not a score (a year, a "
    "date, a list marker, a pass mark …), or is listed here, so nothing is dropped silently.",
    (
        DOC_ID,
        PAGE,
        replace(LINE, description="1-based line of the number: on its page for a PDF, in the file for a "
                "text dump (a table row is one line).", nullable=False),
        F("number", "string", "The number as printed (Arabic digits).", False),
        F("context", "string", "The line or table row it stands in (cells tab-separated).", False),
    ),
    ("doc_id", "page", "line"),
    foreign_keys=TO_DOCUMENT,
)

ORGANISATIONS = Table(
    "organisations",
    "One row per organisation the documents are about, across all documents of the run.",
    (
        F("org_id", "string", "Stable identifier: a digest of the type, the name and the province "
          "(stated, or the gazetteer's), the same in every run and from every document that names it, "
          "however the name is printed.", False),
        F("org_name", "string", "Canonical full name with its type, as in documents.org_name."),
        F("org_type", "string", "As in documents."),
        F("district", "string", "As the documents state it; else from the gazetteer (GeoThai) where the name "
          "leaves no doubt; null otherwise, never guessed."),
        F("province", "string", "As the documents state it; else from the gazetteer where the name leaves no "
          "doubt; null otherwise, never guessed."),
        F("name_variants", "list<string>", "Every form the documents printed the name in (abbreviated, cut "
          "by a line break, …)."),
        F("n_documents", "int32", "Documents naming it as their own organisation, each edition once.", False),
    ),
    ("org_id",),
    primary_key=("org_id",),
    derived=True,
)

PANEL = Table(
    "panel",
    "One row per organisation, score year and score subject, across all documents: the value the "
    "documents support, and whether they agree.",
    (
        F("org_id", "string", "The organisation (organisations.org_id).", False),
        *SUBJECT_FIELDS,
        F("score", "float64", "The value with the best evidence: a verified row over an unverified one, a "
          "document of the score's own assessment year over a later one that recalls it, text or "
          "born-digital over OCR.", False, SCORE_BOUNDS),
        F("status", "string", "`agreed`, `single` or `conflict` (see Enumerations).", False),
        F("values", "list<float64>", "Every distinct value printed for this subject, in increasing order."),
        F("n_documents", "int32", "Independent documents printing it: the same document as text, PDF and "
          "scan (one edition) counts once.", False),
        F("doc_ids", "list<string>", "The documents printing it, best evidence first."),
        F("verification", "string", "The best verification among its rows (verified > corrected > "
          "unverified > conflict).", False),
    ),
    ("org_id", *SUBJECT),
    primary_key=("org_id", *SUBJECT),
    foreign_keys=TO_ORGANISATION,
    derived=True,
)

TABLES: dict[str, Table] = {t.name: t for t in (DOCUMENTS, PAGES, SCORES, FINDINGS, MEASURES,
                                                 ERRORS, UNREAD, ORGANISATIONS, PANEL)}


@cache
def meanings(name: str) -> tuple[dict[str, str], ...]:
    """Rows of `pipeline/dataset/data/<name>.csv`: enumerations, warnings or error_types."""
    return read_rows(MEANINGS / f"{name}.csv")


def enumerations() -> dict[str, dict[str, str]]:
    """{column: {value: meaning}} of every enumerated column (pipeline/dataset/data/enumerations.csv);
    a column of one table only is named `table.column`."""
    found: dict[str, dict[str, str]] = {}
    for row in meanings("enumerations"):
        found.setdefault(row["column"], {})[row["value"]] = row["meaning"]
    return found


def warning_meanings() -> dict[str, str]:
    """{warning: meaning} of every value of documents.warnings (pipeline/dataset/data/warnings.csv)."""
    return {row["warning"]: row["meaning"] for row in meanings("warnings")}


def known_warning(warning: str) -> bool:
    """Whether a warning is one the data dictionary lists; one naming a failed rule of the
    arithmetic (`arithmetic_conflict:<rule>:<year>`) by its form, with a rule that exists."""
    if warning in warning_meanings():
        return True
    failed = failed_rule(warning)
    return ARITHMETIC_CONFLICT_OF_RULE in warning_meanings() and failed is not None \
        and failed[0] in {r["rule"] for r in knowledge.rows("score_rules")}
