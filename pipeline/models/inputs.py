"""Load the pipeline's files into DuckDB as ``raw_*`` tables, the sources the SQL models read.

Every input is named by its path, and a missing one is reported with the command that makes it.
"""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.paths import CORRECTIONS_DIR, REFERENCE_DIR, processed_dir, raw_dir
from pipeline.scrape.manifest import COLUMNS as MANIFEST_COLUMNS
from pipeline.scrape.manifest import read_rows
from pipeline.tag.signals import SIGNALS_PATH

CORRECTION_COLUMNS = ["correction_id", "icb_code_ods", "action", "sha256", "page_number",
                      "signal_id", "quote", "reason", "submitted_by", "submitted_date"]
RUN_COLUMNS = ["run_id", "icb_code_ods", "start_url", "status", "finished_at"]


class MissingInputError(FileNotFoundError):
    """An input file the build needs does not exist."""


@dataclass(frozen=True)
class BuildInputs:
    """Where the build reads from; ``for_dataset`` gives the real paths."""

    dataset: str
    manifest: Path
    scrape_runs: Path
    pages: Path
    documents: Path
    evidence: Path
    signals: Path = SIGNALS_PATH
    reference_dir: Path = REFERENCE_DIR
    corrections: Path | None = None

    @classmethod
    def for_dataset(cls, dataset: str) -> BuildInputs:
        raw, processed = raw_dir(dataset), processed_dir(dataset)
        return cls(dataset=dataset, manifest=raw / "manifest.jsonl",
                   scrape_runs=raw / "scrape_runs.jsonl",
                   pages=processed / "extract" / "pages.parquet",
                   documents=processed / "extract" / "documents.parquet",
                   evidence=processed / "tag" / "evidence.parquet",
                   corrections=CORRECTIONS_DIR / f"{dataset}.csv")

    def check(self) -> None:
        makers = {self.manifest: "scrape", self.scrape_runs: "scrape", self.pages: "extract",
                  self.documents: "extract", self.evidence: "tag"}
        for path, command in makers.items():
            if not Path(path).exists():
                raise MissingInputError(f"{path} not found: run `python -m pipeline {command} "
                                        f"--dataset {self.dataset}` first")


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame([{column: row.get(column) for column in columns} for row in rows],
                        columns=columns).astype("object")


def read_corrections(path: Path | None) -> list[dict]:
    """Correction rows; a bad row raises ValueError naming the file and line."""
    if path is None or not Path(path).exists():
        return []
    rows = []
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = set(CORRECTION_COLUMNS) - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{path}: missing column(s) {sorted(missing)}")
        for line, row in enumerate(reader, start=2):
            if row["action"] not in ("reject_evidence", "add_evidence"):
                raise ValueError(f"{path}:{line}: action must be reject_evidence or add_evidence, "
                                 f"not {row['action']!r}")
            if not row["page_number"].isdigit():
                raise ValueError(f"{path}:{line}: page_number {row['page_number']!r} is not a number")
            rows.append({**row, "line_number": line})
    return rows


def load_inputs(connection: duckdb.DuckDBPyConnection, inputs: BuildInputs) -> None:
    """Create the raw_* tables."""
    inputs.check()
    manifest = read_rows(inputs.manifest)
    connection.register("manifest_frame", _frame(manifest, MANIFEST_COLUMNS))
    connection.execute("create table raw_manifest as select * from manifest_frame")
    runs = read_rows(inputs.scrape_runs)
    connection.register("runs_frame", _frame(runs, RUN_COLUMNS))
    connection.execute("create table raw_scrape_runs as select * from runs_frame")
    for name, path in (("raw_pages", inputs.pages), ("raw_documents", inputs.documents),
                       ("raw_evidence", inputs.evidence)):
        connection.execute(f"create table {name} as select * from read_parquet(?)", [str(path)])
    with Path(inputs.signals).open("rb") as handle:
        signals = tomllib.load(handle)["signal"]
    connection.register("signals_frame", pd.DataFrame(
        [{key: signal[key] for key in ("id", "dimension", "label", "definition")}
         for signal in signals]))
    connection.execute("create table raw_signals as select * from signals_frame")
    for name in ("icbs", "icb_ons_codes", "icb_successions", "regions", "region_ons_codes"):
        connection.execute(
            f"create table raw_{name} as select * from read_csv(?, header = true, all_varchar = true)",
            [str(Path(inputs.reference_dir) / f"{name}.csv")])
    corrections = read_corrections(inputs.corrections)
    connection.register("corrections_frame", _frame(corrections, CORRECTION_COLUMNS + ["line_number"]))
    connection.execute("create table raw_corrections as select * from corrections_frame")
    connection.execute("create table raw_settings as select ?::varchar as dataset", [inputs.dataset])
