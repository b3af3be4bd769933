"""The code tables shipped beside the data (contract 3, Lookups): what the codes of the tables
mean, every row with the source it was taken from, so that `indicator = 7`, `issue_area = 3`
or `item_code = 'e14'` can be read without this package. Each is written by the writer into the
run folder as `lookup_<name>.parquet` (and linked from OUT like the tables), and exported to
DuckDB, CSV and xlsx under the same names."""

from __future__ import annotations

from collections import defaultdict
from functools import cache

import pyarrow as pa

from ita_extract.normalizers.units import unit_table
from ita_extract.pipeline.dataset.schema import enumerations, meanings, warning_meanings
from ita_extract.pipeline.ita import knowledge
from ita_extract.pipeline.ita.framework import indicators, tool_of_code, tools

PREFIX = "lookup_"
# Where the facts of a table without a source column of its own come from (framework notes of
# the project, which cite each: ../shared/corpus/framework/FRAMEWORK_NOTES.md).
_FRAMEWORK = ("NACC ITA framework as published by agencies: SDU IIT form FY2564; "
              "sakonarea1.go.th/new2024/iit (FY2567); tm.mahidol.ac.th/ita/eit; "
              "th.ksu.ac.th/ita66-2 (FY2567)")
_BANDS = ("letter grades: University of Phayao internal ITA report (AA 95-100 … F 0-49.99); Thai levels: the "
          "same code's getRateNew (FY2564-2570); pass mark 85: Nation 2022")
_PROJECT = "this project's data dictionary (docs/data-dictionary.md)"
_ISSUE_AREAS = "the seven analysis areas local-government measures documents group their rows by"


def lookup_names() -> tuple[str, ...]:
    return tuple(lookup_tables())


@cache
def lookup_tables() -> dict[str, pa.Table]:
    """Every lookup table by name, each with a `source` column."""
    return {
        "tools": pa.Table.from_pylist([
            {"tool": t.name, "name_th": t.name_th, "name_en": t.name_en,
             "indicators": f"{min(t.indicators)}–{max(t.indicators)}", "weight": t.weight,
             "source": _source_of("tools", "tool", t.name)}
            for t in tools().values()]),
        "indicators": pa.Table.from_pylist([
            {"indicator": i.number, "tool": i.tool, "name": i.name, "source": _FRAMEWORK}
            for i in indicators().values()]),
        "sub_indicators": _sub_indicators(),
        "items": _items(),
        "issue_areas": pa.Table.from_pylist([
            {"issue_area": int(r["area"]), "name": r["name"], "source": _ISSUE_AREAS}
            for r in knowledge.rows("issue_areas")]),
        "grade_bands": pa.Table.from_pylist([
            {"label": r["label"], "kind": r["kind"], "min_score": float(r["min_score"]),
             "max_score": float(r["max_score"]), "source": _BANDS}
            for r in knowledge.rows("grade_bands")]),
        "score_rules": pa.Table.from_pylist([
            {"rule": r["rule"], "parent": r["parent"], "children": r["children"],
             "year_from": int(r["year_from"]), "year_to": int(r["year_to"]), "meaning": r["meaning"],
             "source": r["source"]}
            for r in knowledge.rows("score_rules")]),
        "org_types": pa.Table.from_pylist([
            {"org_type": value, "meaning": meaning, "source": _PROJECT}
            for value, meaning in enumerations()["org_type"].items()]),
        "units": pa.Table.from_pylist([
            {"unit": r["unit"], "kind": r["kind"], "source": "normalizers/data/responsible_units.csv"}
            for r in unit_table()]),
        "error_types": pa.Table.from_pylist([{**row, "source": _PROJECT} for row in meanings("error_types")]),
        "warnings": pa.Table.from_pylist([
            {"warning": w, "meaning": m, "source": _PROJECT} for w, m in warning_meanings().items()]),
        "enumerations": pa.Table.from_pylist([
            {"column": column, "value": value, "meaning": meaning, "source": _PROJECT}
            for column, values in enumerations().items() for value, meaning in values.items()]),
    }


def _source_of(table: str, key: str, value: str) -> str:
    return next(r["source"] for r in knowledge.rows(table) if r[key] == value)


def _items() -> pa.Table:
    """Items by year: their tool, indicator and sub-indicator where the year's map gives them,
    and their question where the year's form gives it."""
    rows: dict[tuple[int, str], dict] = {}
    for r in knowledge.rows("item_indicators"):
        key = (int(r["year_be"]), r["item_code"])
        rows[key] = {"year_be": key[0], "item_code": key[1], "tool": tool_of_code(key[1]),
                     "indicator": int(r["indicator"]), "sub_indicator": r["sub_indicator"] or None,
                     "question": None, "source": r["source"]}
    for r in knowledge.rows("item_questions"):
        key = (int(r["year_be"]), r["item_code"])
        found = rows.setdefault(key, {"year_be": key[0], "item_code": key[1], "tool": tool_of_code(key[1]),
                                      "indicator": None, "sub_indicator": None, "question": None,
                                      "source": r["source"]})
        found["question"] = r["question"]
        if r["source"] not in found["source"]:
            found["source"] += f"; {r['source']}"
    schema = pa.schema([("year_be", pa.int16()), ("item_code", pa.string()), ("tool", pa.string()),
                        ("indicator", pa.int8()), ("sub_indicator", pa.string()), ("question", pa.string()),
                        ("source", pa.string())])
    ordered = sorted(rows.values(), key=lambda r: (r["year_be"], r["item_code"][0], int(r["item_code"][1:])))
    return pa.Table.from_pylist(ordered, schema)


def _sub_indicators() -> pa.Table:
    """The sub-indicators the framework knows (knowledge/sub_indicators.csv), with how many items
    each year's item map puts under them (0 where no map is known)."""
    counted: dict[tuple[int, str], int] = defaultdict(int)
    for r in knowledge.rows("item_indicators"):
        if r["sub_indicator"]:
            counted[(int(r["year_be"]), r["sub_indicator"])] += 1
    schema = pa.schema([("sub_indicator", pa.string()), ("indicator", pa.int8()), ("tool", pa.string()),
                        ("name", pa.string()), ("items_by_year", pa.string()), ("source", pa.string())])
    return pa.Table.from_pylist([
        {"sub_indicator": r["sub_indicator"], "indicator": int(r["indicator"]),
         "tool": indicators()[int(r["indicator"])].tool, "name": r["name"] or None,
         "items_by_year": ", ".join(f"{year}: {n}" for (year, sub), n in sorted(counted.items())
                                    if sub == r["sub_indicator"]) or None,
         "source": r["source"]}
        for r in knowledge.rows("sub_indicators")], schema)
