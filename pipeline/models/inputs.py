"""Load the pipeline's files into DuckDB as ``raw_*`` tables, the sources the SQL models read.

Every input is named by its path, and a missing one is reported with the command that makes it.
Journals are read with ``pipeline.io`` and the signal definitions with ``pipeline.signals``; the
column lists are the contracts' (``pipeline/contracts.toml``), and a column a file still has under
an earlier name (the contract's ``formerly``) is loaded under today's name.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from pipeline import contracts
from pipeline.errors import UserError
from pipeline.paths import CORRECTIONS_DIR, PROJECT_ROOT, REFERENCE_DIR, processed_dir, raw_dir
from pipeline.signals import SIGNALS_PATH, load_signals

MANIFEST_COLUMNS = contracts.columns("manifest")
CORRECTION_COLUMNS = contracts.columns("corrections")
RUN_COLUMNS = ["run_id", "icb_code_ods", "start_url", "status", "finished_at"]
TAGGER_ACCURACY_PATH = PROJECT_ROOT / "data" / "evaluation" / "tagger_accuracy.csv"


class MissingInputError(FileNotFoundError):
    """An input file the build needs does not exist."""


class CorrectionError(UserError):
    """A corrections file the build cannot apply: the message names the file and line."""


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
    tagger_accuracy: Path = TAGGER_ACCURACY_PATH

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


def _decoded(path: Path) -> str:
    raw = Path(path).read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise CorrectionError(f"{path}:{line}: not UTF-8 (byte {raw[error.start]:#04x}); "
                              "save the file as UTF-8") from None


def read_corrections(path: Path | None) -> list[dict]:
    """Correction rows; a bad row raises CorrectionError naming the file and line."""
    if path is None or not Path(path).exists():
        return []
    rows = []
    reader = csv.reader(io.StringIO(_decoded(path), newline=""))
    header = next(reader, [])
    missing = set(CORRECTION_COLUMNS) - set(header)
    if missing:
        raise CorrectionError(f"{path}:1: missing column(s) {sorted(missing)}")
    for cells in reader:
        line = reader.line_num
        if not cells:
            continue
        if len(cells) != len(header):
            raise CorrectionError(f"{path}:{line}: {len(cells)} column(s), the header has "
                                  f"{len(header)}")
        row = dict(zip(header, cells, strict=True))
        if row["action"] not in ("reject_evidence", "add_evidence"):
            raise CorrectionError(f"{path}:{line}: action must be reject_evidence or add_evidence, "
                                  f"not {row['action']!r}")
        if not row["page_number"].isdigit():
            raise CorrectionError(f"{path}:{line}: page_number {row['page_number']!r} is not a number")
        rows.append({**row, "line_number": line})
    return rows


def check_corrections(path: Path | None, rows: list[dict], signal_ids: set[str],
                      document_shas: set[str]) -> None:
    """A correction must name a signal that is defined and, to reject, a document collected."""
    for row in rows:
        where = f"{path}:{row['line_number']}"
        if row["signal_id"] not in signal_ids:
            raise CorrectionError(f"{where}: signal_id {row['signal_id']!r} is not defined in "
                                  "pipeline/signals.toml")
        if row["action"] == "reject_evidence" and row["sha256"] not in document_shas:
            raise CorrectionError(f"{where}: sha256 {row['sha256']!r} is not a collected document "
                                  "(see documents.csv)")


def read_tagger_accuracy(path: Path) -> pd.DataFrame:
    """The tagger's measured counts per signal and split (checked against the tagger_accuracy
    contract: an error names the file and line)."""
    if not Path(path).exists():
        raise MissingInputError(f"{path} not found: run `python -m pipeline tag --evaluate` first")
    return pd.DataFrame(contracts.read_csv(path, "tagger_accuracy"),
                        columns=contracts.columns("tagger_accuracy")).astype("object")


def load_parquet(connection: duckdb.DuckDBPyConnection, table: str, path: Path, name: str) -> None:
    """Create ``table`` from the Parquet file of contract ``name``, columns under today's names;
    columns added to the contract after the file was written read as null. The file is checked
    against the contract first (an error names the file and the column)."""
    contracts.validate_parquet(path, name, reading=True)
    present = [row[0] for row in connection.execute("describe select * from read_parquet(?)",
                                                     [str(path)]).fetchall()]
    renames = contracts.former_names(name, present)
    clause = (" rename (" + ", ".join(f'"{old}" as "{new}"' for old, new in renames.items()) + ")"
              if renames else "")
    added = "".join(f', cast(null as {kind}) as "{column}"'
                    for column, kind in contracts.added_since(name, present).items())
    connection.execute(f"create table {table} as select *{clause}{added} from read_parquet(?)",
                       [str(path)])


def signals_frame(path: Path) -> pd.DataFrame:
    """The signal definitions as the ``signals`` contract's columns (checked by ``load_signals``)."""
    rows = [{"id": s.signal_id, "dimension": s.dimension, "label": s.label,
             "definition": s.definition, "counts_as_formal": s.counts_as_formal}
            for s in load_signals(path).signals]
    return contracts.validate_frame(contracts.frame(rows, "signals"), "signals", str(path))


def load_inputs(connection: duckdb.DuckDBPyConnection, inputs: BuildInputs) -> None:
    """Create the raw_* tables."""
    inputs.check()
    manifest = contracts.read_journal(inputs.manifest, "manifest")
    connection.register("manifest_frame", _frame(manifest, MANIFEST_COLUMNS))
    connection.execute("create table raw_manifest as select * from manifest_frame")
    runs = contracts.read_journal(inputs.scrape_runs, "scrape_runs")
    connection.register("runs_frame", _frame(runs, RUN_COLUMNS))
    connection.execute("create table raw_scrape_runs as select * from runs_frame")
    for name, path in (("pages", inputs.pages), ("documents", inputs.documents),
                       ("evidence", inputs.evidence)):
        load_parquet(connection, f"raw_{name}", path, name)
    signals = signals_frame(inputs.signals)
    connection.register("signals_frame", signals)
    connection.execute("create table raw_signals as select * from signals_frame")
    connection.register("accuracy_frame", read_tagger_accuracy(inputs.tagger_accuracy))
    connection.execute("create table raw_tagger_accuracy as select * from accuracy_frame")
    for name in ("icbs", "icb_ons_codes", "icb_successions", "regions", "region_ons_codes"):
        connection.execute(
            f"create table raw_{name} as select * from read_csv(?, header = true, all_varchar = true)",
            [str(Path(inputs.reference_dir) / f"{name}.csv")])
    corrections = read_corrections(inputs.corrections)
    check_corrections(inputs.corrections, corrections, set(signals["id"]),
                      {row["sha256"] for row in manifest if row.get("sha256")})
    connection.register("corrections_frame", _frame(corrections, CORRECTION_COLUMNS + ["line_number"]))
    connection.execute("create table raw_corrections as select * from corrections_frame")
    connection.execute("create table raw_settings as select ?::varchar as dataset", [inputs.dataset])
