"""``build``: build the DuckDB models (staging, intermediate, marts) and run the data checks."""

from __future__ import annotations

from pipeline.cli import add_dataset_argument, resolve_dataset
from pipeline.errors import UserError
from pipeline.paths import processed_dir

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


def run(args) -> int:
    from pipeline.models.build import CheckFailedError, build_database
    from pipeline.models.inputs import BuildInputs, MissingInputError

    dataset = resolve_dataset(args)
    target = processed_dir(dataset) / "atlas.duckdb"
    try:
        counts = build_database(BuildInputs.for_dataset(dataset), target, force=args.force)
    except (MissingInputError, CheckFailedError, ValueError) as error:
        raise UserError(str(error)) from None
    print(f"{dataset}: built {target}")
    for name, count in counts.items():
        print(f"  {name:24} {count:7} rows")
    return 0
