"""``export``: CSV and Parquet tables for journalists, with a data dictionary."""

from __future__ import annotations

from pipeline.cli import add_dataset_argument, resolve_dataset
from pipeline.errors import UserError
from pipeline.freshness import Freshness
from pipeline.paths import PROJECT_ROOT, processed_dir

HELP = "write CSV and Parquet exports with datapackage.json and a README data dictionary"
DESCRIPTION = """\
Write scores, signals with evidence, regional comparison, national summary, coverage, documents,
evidence passages and quarterly trends to data/processed/<dataset>/csv/ (UTF-8 with BOM, sorted,
formula-safe) and parquet/, with datapackage.json (Frictionless Table Schema) and README.md.

examples:
  python -m pipeline export
"""


def add_arguments(parser) -> None:
    add_dataset_argument(parser)


def freshness(dataset: str) -> Freshness:
    """The exports are up to date when the database and the export code are unchanged and every
    file written last time is still there, unchanged."""
    folder = processed_dir(dataset)
    inputs = [folder / "atlas.duckdb", PROJECT_ROOT / "pipeline" / "export", folder / "csv",
              folder / "parquet"]
    return Freshness(folder / ".export.inputs.json", inputs,
                     [folder / "csv" / "datapackage.json", folder / "csv" / "README.md"], key=dataset)


def run(args) -> int:
    dataset = resolve_dataset(args)
    database = processed_dir(dataset) / "atlas.duckdb"
    if not database.exists():
        raise UserError(f"{database} not found: run `python -m pipeline build --dataset {dataset}` first")
    record = freshness(dataset)
    if record.is_fresh():
        print(f"{dataset}: exports in {processed_dir(dataset) / 'csv'} are up to date")
        return 0
    from pipeline.export.write import export_dataset

    counts = export_dataset(database, processed_dir(dataset), dataset)
    record.record()
    print(f"{dataset}: exported to {processed_dir(dataset) / 'csv'} (and parquet/)")
    for name, count in counts.items():
        print(f"  {name:10} {count:7} rows")
    return 0
