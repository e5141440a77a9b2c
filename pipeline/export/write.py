"""Write the journalists' exports: CSV and Parquet tables, datapackage.json and a README.

CSV rules: UTF-8 with a byte-order mark (so Excel reads £, – and accents), a header row, ISO
dates, columns in the schema's order, rows sorted by primary key (then by every other column, so
that even rows sharing a key come out in one order), and the same inputs give the same bytes.
Text cells that a spreadsheet would run as a formula (starting =, +, -, @, tab or carriage
return) are prefixed with an apostrophe; numeric columns stay numeric.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb

SCHEMA_PATH = Path(__file__).with_name("schema.toml")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LICENCE = {"name": "OGL-UK-3.0", "title": "Open Government Licence v3.0",
           "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}


@dataclass(frozen=True)
class Table:
    name: str
    source: str
    description: str
    primary_key: list[str]
    columns: list[str]
    foreign_keys: list[dict]


def load_schema(path: Path = SCHEMA_PATH) -> tuple[dict[str, dict], list[Table]]:
    """Column definitions and tables; every table column must be defined once."""
    with Path(path).open("rb") as handle:
        data = tomllib.load(handle)
    columns = data["columns"]
    tables = [Table(t["name"], t["source"], t["description"], t["primary_key"], t["columns"],
                    t.get("foreign_keys", [])) for t in data["table"]]
    for table in tables:
        missing = [c for c in table.columns + table.primary_key if c not in columns]
        if missing:
            raise ValueError(f"{path}: table {table.name} uses undefined column(s) {missing}")
    return columns, tables


def neutralise(text: str) -> str:
    """Make a text cell inert in spreadsheet software (OWASP CSV injection)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell(value, kind: str) -> str:
    if value is None:
        return ""
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "datetime" and isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    if kind == "date" and isinstance(value, date):
        return value.isoformat()
    if kind == "number":
        number = round(float(value), 6)
        return str(int(number)) if number.is_integer() else repr(number)
    if kind == "integer":
        return str(int(value))
    return neutralise(str(value))


def _atomic_write(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def _field(name: str, definition: dict) -> dict:
    field = {"name": name, "type": definition["type"], "description": definition["description"]}
    if definition["type"] == "datetime":
        field["format"] = "%Y-%m-%dT%H:%M:%SZ"
    if "unit" in definition:
        field["unit"] = definition["unit"]
    return field


def datapackage(dataset: str, columns: dict, tables: list[Table]) -> dict:
    resources = []
    for table in tables:
        schema = {"fields": [_field(name, columns[name]) for name in table.columns],
                  "primaryKey": table.primary_key, "missingValues": [""]}
        if table.foreign_keys:
            schema["foreignKeys"] = [{"fields": fk["fields"],
                                      "reference": {"resource": fk["reference"], "fields": fk["fields"]}}
                                     for fk in table.foreign_keys]
        resources.append({"name": table.name, "path": f"{table.name}.csv", "format": "csv",
                          "mediatype": "text/csv", "encoding": "utf-8-sig",
                          "description": table.description, "schema": schema})
    demo = dataset == "demo"
    return {
        "name": f"icb-involvement-atlas-{dataset}",
        "title": ("DEMO DATA - NOT FINDINGS: " if demo else "") +
                 "ICB Involvement Atlas: patient and public involvement in NHS Integrated Care Boards",
        "description": ("Generated from a simulated web of ICB sites to demonstrate the pipeline. "
                        "These numbers describe no real ICB." if demo else
                        "Built from ICB board papers collected from the ICBs' own websites."),
        "licenses": [LICENCE],
        "sources": [{"title": "ICB board papers (each row's source_url)"},
                    {"title": "Office for National Statistics: ICB and region codes and names",
                     "path": "https://geoportal.statistics.gov.uk/"}],
        "resources": resources,
    }


def readme(dataset: str, columns: dict, tables: list[Table]) -> str:
    lines = []
    if dataset == "demo":
        lines += ["# DEMO DATA — NOT FINDINGS", "",
                  "These files were built from a **generated stand-in web** of ICB sites, to show how "
                  "the pipeline works. They describe no real ICB. Do not report them.", ""]
    lines += [
        "# ICB Involvement Atlas: data for checking and reuse", "",
        "Evidence of patient and public involvement in the decisions of NHS England's Integrated Care "
        "Boards (ICBs), found in the ICBs' own board papers. Every number can be traced to a "
        "document, a page and a verbatim quote: `evidence.csv` has one row per passage, with "
        "`source_url` (ending `#page=N`), the document's `sha256` and when it was retrieved.", "",
        "## Method", "",
        "- Board and committee papers are collected from each ICB's website (robots.txt obeyed).",
        "- Text is extracted page by page; passages are tagged with 12 signals in three dimensions "
        "(structures: who has a seat; processes: how involvement happens; policies: commitments and "
        "capacity). Each signal is a definition reviewed by a person, read by patterns and exclusions "
        "of which most were added or changed since that review (the report's method page counts "
        "them; the project's `docs/signals_changelog.md` lists each change).",
        "- `signals_evidenced_pct` is the share of the signals with evidence found in an ICB's papers "
        "in a period (0–100): what the quotes show. `involvement_index` is the estimated share its "
        "complete papers truly evidence, allowing for passages the tagger missed or got wrong (its "
        "measured recall and precision) and for meetings whose papers were not found. "
        "`has_formal_involvement` means board or committee representation was found; "
        "`formal_involvement_probability` is the chance it is truly there.",
        "- Every estimate comes with a two-sided 90% interval (`_low`, `_high`) from draws of a "
        "measurement model (the project's `docs/uncertainty.md`): the truth lies outside it about "
        "1 time in 10. `england_comparison` says above, similar or below the England median by "
        "whether the ICB's interval excludes it.",
        "- ICBs are ranked only when in being at the period's end with at least 3 meetings with papers; "
        "read a rank with `ranked_icb_count` and its interval (7th of 29, 4th–12th).",
        "- Financial years run April to March; undated documents (constitutions, terms of reference) "
        "count as current: in the latest financial year and the rolling 12 months.", "",
        "## Caveats", "",
        "- Board papers under-record what happens: a signal not found is not proof of absence.",
        "- The tagger misses passages: `tagger_accuracy.csv` gives, per signal, how many of the "
        "passages showing it that it finds (`recall`) and how many of its tags are right "
        "(`precision`), as measured and as the intervals allow for. Quote a signal's recall with "
        "any \"not found\".",
        "- No papers is not the same as no involvement: `coverage_status` keeps them apart, and ICBs "
        "without papers have no index.",
        "- The tagger makes mistakes. Check the quotes; report errors as corrections (see the project's "
        "`data/corrections/README.md`).",
        "- ICBs merged and split on 1 April 2026: use `predecessor_icb_codes_ods` / "
        "`successor_icb_codes_ods`, or the `fixed_2026` footprint, to follow an area over time.", "",
        "## Licence and attribution", "",
        "Data: Open Government Licence v3.0. Codes and names: Source: Office for National Statistics "
        "licensed under the Open Government Licence v.3.0. Quotes are short extracts from ICB board "
        "papers, published by each ICB, reproduced with their source for checking.", "",
        "## Files and columns", "",
        "Each table is in `csv/` (UTF-8 with BOM) and `parquet/`. `datapackage.json` describes them "
        "as a Frictionless data package (types, keys).", "",
    ]
    for table in tables:
        lines += [f"### {table.name}.csv", "", table.description + ".",
                  f"One row per {', '.join(table.primary_key)}.", "",
                  "| column | type | meaning |", "|---|---|---|"]
        for name in table.columns:
            definition = columns[name]
            unit = f" ({definition['unit']})" if "unit" in definition else ""
            lines.append(f"| `{name}` | {definition['type']} | {definition['description']}{unit} |")
        lines.append("")
    return "\n".join(lines)


def export_dataset(database: Path, out: Path, dataset: str) -> dict[str, int]:
    """Write every table as CSV and Parquet under ``out``; return the row count of each."""
    columns, tables = load_schema()
    csv_dir, parquet_dir = Path(out) / "csv", Path(out) / "parquet"
    csv_dir.mkdir(parents=True, exist_ok=True)
    parquet_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    connection = duckdb.connect(str(database), read_only=True)
    try:
        for table in tables:
            keys = table.primary_key + [c for c in table.columns if c not in table.primary_key]
            order = ", ".join(f"{key} nulls first" for key in keys)
            query = f"select {', '.join(table.columns)} from {table.source} order by {order}"
            rows = connection.execute(query).fetchall()
            kinds = [columns[name]["type"] for name in table.columns]
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            writer.writerow(table.columns)
            for row in rows:
                writer.writerow([cell(value, kind) for value, kind in zip(row, kinds, strict=True)])
            _atomic_write(csv_dir / f"{table.name}.csv", ("\ufeff" + buffer.getvalue()).encode("utf-8"))
            temporary = parquet_dir / f".{table.name}.parquet.tmp"
            connection.execute(f"copy ({query}) to '{temporary}' (format parquet)")
            os.replace(temporary, parquet_dir / f"{table.name}.parquet")
            counts[table.name] = len(rows)
    finally:
        connection.close()
    package = json.dumps(datapackage(dataset, columns, tables), indent=2, ensure_ascii=False)
    _atomic_write(csv_dir / "datapackage.json", (package + "\n").encode("utf-8"))
    _atomic_write(csv_dir / "README.md", readme(dataset, columns, tables).encode("utf-8"))
    return counts
