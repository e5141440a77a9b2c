"""``registry``: print the ICBs in being on a date, or one ICB's history."""

from __future__ import annotations

import csv
import sys
from datetime import date
from pathlib import Path

from pipeline.errors import UserError
from pipeline.paths import REFERENCE_DIR
from pipeline.registry import UnknownIcbError, load_registry, parse_date
from pipeline.registry.importer import build_registry

HELP = "print the ICB registry for a date, or one ICB with its history"
DESCRIPTION = """\
Print the ICBs in being on a date (default: today) with their ODS and ONS codes, NHS England
region, website and board-papers URL.

examples:
  python -m pipeline registry --on 2024-01-01               # 42 ICBs in 7 regions
  python -m pipeline registry --on 2026-06-01 --format csv  # 36 ICBs, as CSV
  python -m pipeline registry --icb QNQ                     # Frimley, its codes and successors
"""

TABLE_COLUMNS = ["icb_code_ods", "icb_code_ons", "icb_short_name", "region_name"]


def add_arguments(parser) -> None:
    parser.add_argument("--on", metavar="YYYY-MM-DD", help="the date (default: today)")
    parser.add_argument("--icb", metavar="CODE", help="show one ICB (ODS or ONS code, or name)")
    parser.add_argument(
        "--format", choices=["table", "csv"], default="table",
        help="table for reading (default) or csv with a header row",
    )
    parser.add_argument(
        "--rebuild-from", metavar="DIR", type=Path,
        help="rebuild data/reference/ from the gathered reference folder (e.g. ../shared/reference)",
    )


def run(args) -> int:
    if args.rebuild_from:
        try:
            counts = build_registry(args.rebuild_from, REFERENCE_DIR)
        except FileNotFoundError as error:
            raise UserError(str(error)) from None
        print(", ".join(f"{name}: {count}" for name, count in counts.items()))
        return 0
    try:
        on = parse_date(args.on) if args.on else date.today()
    except ValueError as error:
        raise UserError(f"--on: {error}") from None
    registry = load_registry()
    if args.icb:
        try:
            print_history(registry, args.icb, on)
        except UnknownIcbError as error:
            raise UserError(f"--icb: {error}") from None
        return 0
    rows = registry.rows_on(on)
    if args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else TABLE_COLUMNS,
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        print_table([{k: row[k] for k in TABLE_COLUMNS} for row in rows])
        regions = {row["region_code_ods"] for row in rows}
        print(f"\n{len(rows)} ICBs in {len(regions)} regions on {on.isoformat()}")
    return 0


def print_table(rows: list[dict[str, str]]) -> None:
    if not rows:
        print("(no ICBs)")
        return
    widths = {key: max(len(key), *(len(row[key]) for row in rows)) for key in rows[0]}
    print("  ".join(key.ljust(widths[key]) for key in widths))
    print("  ".join("-" * widths[key] for key in widths))
    for row in rows:
        print("  ".join(row[key].ljust(widths[key]) for key in widths))


def print_history(registry, code: str, on: date) -> None:
    icb = registry.get(code)
    ended = icb.valid_to_date.isoformat() if icb.valid_to_date else "still in being"
    print(f"{icb.icb_name} ({icb.icb_code_ods})")
    print(f"  in being:        {icb.valid_from_date.isoformat()} to {ended}")
    for code_ons, span in registry.ons_codes(icb.icb_code_ods):
        to = span.valid_to_date.isoformat() if span.valid_to_date else "now"
        print(f"  ONS code:        {code_ons} ({span.valid_from_date.isoformat()} to {to})")
    region = registry.region(icb.region_code_ods, min(on, icb.valid_to_date or on))
    print(f"  region:          {region.region_name} ({region.region_code_ods}, {region.region_code_ons})")
    print(f"  website:         {icb.website_url or 'unknown'}")
    print(f"  board papers:    {icb.board_papers_url or 'unknown'} [{icb.board_papers_url_status}]")
    for label, others in (("predecessors", registry.predecessors(icb.icb_code_ods)),
                          ("successors", registry.successors(icb.icb_code_ods))):
        if others:
            names = "; ".join(f"{other.icb_code_ods} {other.icb_short_name}" for other in others)
            print(f"  {label + ':':<17}{names}")
