"""``report``: write the static HTML report from the built database."""

from __future__ import annotations

import time

from pipeline.cli import add_dataset_argument, resolve_dataset
from pipeline.errors import UserError

HELP = "execute the notebooks and write the static HTML report to reports/<dataset>/"
DESCRIPTION = """\
Execute the notebooks in notebooks/ headless (one kernel) against
data/processed/<dataset>/atlas.duckdb and write reports/<dataset>/: index.html (headline, map,
regions, current and abolished ICBs), each notebook as a page, one profile and one evidence pack
per ICB, the figures (PNG, SVG and the CSV of the numbers each draws) and the CSV/Parquet
downloads. Demo reports carry a "demo data - not findings" banner on every page. Skipped, in a
fraction of a second, when nothing it reads has changed (use --force to rebuild).

examples:
  python -m pipeline report
  python -m pipeline report --force
"""


def add_arguments(parser) -> None:
    add_dataset_argument(parser)
    parser.add_argument("--force", action="store_true", help="rebuild even if nothing changed")


def run(args) -> int:
    from pipeline.report.build import BrokenLinksError, NotebookError, build_report

    dataset = resolve_dataset(args)
    started = time.monotonic()
    try:
        index = build_report(dataset, force=args.force)
    except (FileNotFoundError, BrokenLinksError, NotebookError) as error:
        raise UserError(str(error)) from None
    print(f"{dataset} report: {index} ({time.monotonic() - started:.1f} s)")
    return 0
