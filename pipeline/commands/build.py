"""``build``: build the DuckDB models (staging, intermediate, marts) and run the data checks."""

from __future__ import annotations

from pipeline.cli import add_dataset_argument, resolve_dataset
from pipeline.errors import UserError
from pipeline.freshness import Freshness, latest_rows_digest
from pipeline.paths import PROJECT_ROOT, processed_dir, raw_dir

HELP = "build the DuckDB database of coverage, signals, scores and regional comparisons"
DESCRIPTION = """\
Run the SQL models in pipeline/models/sql (staging -> intermediate -> marts) over the scrape
manifest, extracted pages, evidence, signal definitions, registry and recorded corrections into
data/processed/<dataset>/atlas.duckdb, then the data checks (SQL that must return no rows). The
database is replaced only when every check passes; a failing check is named with its rows.

examples:
  python -m pipeline build
  SOURCE=live python -m pipeline build
"""


def add_arguments(parser) -> None:
    add_dataset_argument(parser)
    parser.add_argument("--force", action="store_true", help="rebuild even if no input changed")


def freshness(dataset: str) -> Freshness:
    """A superset of what the build reads, checked by size and mtime before anything is imported;
    when any of it changed, the models' own content stamp decides."""
    package = PROJECT_ROOT / "pipeline"
    target = processed_dir(dataset) / "atlas.duckdb"
    inputs = [raw_dir(dataset) / "manifest.jsonl", processed_dir(dataset) / "extract",
              processed_dir(dataset) / "tag",
              PROJECT_ROOT / "data" / "reference", PROJECT_ROOT / "data" / "evaluation",
              PROJECT_ROOT / "data" / "corrections", package / "signals.toml", package / "models",
              package / "scrape" / "manifest.py", package / "tag" / "signals.py", package / "paths.py",
              target, target.with_name(target.name + ".stamp")]
    # The scrape log grows on every run; what the build reads from it is each ICB's latest outcome.
    crawl = latest_rows_digest(raw_dir(dataset) / "scrape_runs.jsonl", "icb_code_ods",
                               ["status", "start_url", "detail"])
    return Freshness(target.with_name(target.name + ".inputs.json"), inputs,
                     [target, target.with_name(target.name + ".stamp")], key=f"{dataset}:{crawl}")


def run(args) -> int:
    dataset = resolve_dataset(args)
    target = processed_dir(dataset) / "atlas.duckdb"
    record = freshness(dataset)
    if not args.force and record.is_fresh():
        print(f"{dataset}: {target} is up to date (nothing it reads has changed)")
        return 0
    from pipeline.models.build import CheckFailedError, build_database
    from pipeline.models.inputs import BuildInputs, MissingInputError

    try:
        counts = build_database(BuildInputs.for_dataset(dataset), target, force=args.force)
    except (MissingInputError, CheckFailedError, ValueError) as error:
        raise UserError(str(error)) from None
    record.record()
    print(f"{dataset}: built {target}")
    for name, count in counts.items():
        print(f"  {name:24} {count:7} rows")
    return 0
