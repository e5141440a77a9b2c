"""Build the project's ICB registry files in ``data/reference/`` from the gathered reference data.

The gathered files (``../shared/reference/``) are wide and mix several code generations in one
row. The registry splits them into one file per fact, each row dated:

- ``icbs.csv``: one row per ICB (an ODS code), its names, region, website and lifetime;
- ``icb_ons_codes.csv``: which ONS (GSS) code an ICB carried over which dates;
- ``icb_successions.csv``: predecessor to successor pairs (mergers, splits, boundary changes);
- ``regions.csv`` and ``region_ons_codes.csv``: the NHS England regions and their ONS codes.

Run it again whenever the gathered data changes: ``python -m pipeline registry --rebuild-from DIR``.
"""

from __future__ import annotations

import csv
import shutil
from datetime import date, timedelta
from pathlib import Path

ESTABLISHED = "2022-07-01"
ONS_RECODE_2023 = "2023-04-01"
REORGANISATION_2026 = "2026-04-01"
# The ONS region recodes (E40000007 -> E40000013, E40000010 -> E40000014) first appear in the
# January 2024 region boundaries; the legal date was not researched (see SOURCES.md).
REGION_RECODE = "2024-01-01"

# Gathered file -> project file. Copied byte for byte; attribution is in SOURCES.md.
COPIED_FILES = {
    "LOC22_ICB22_NHSER22_EN_LU.csv": "ons_lookup_loc22_icb22_nhser22.csv",
    "icb_region_lookup.csv": "ons_lookup_sicbl26_icb26_nhser26.csv",
    "icb_population_deprivation.csv": "icb_population_deprivation.csv",
    "Integrated_Care_Boards_April_2023_EN_BSC_-187828753279616787.geo.json": (
        "icb_boundaries_2023.geojson"
    ),
    "ons-icb-april-2026-bsc.geojson": "icb_boundaries_2026.geojson",
    "NHS_England_Regions_January_2024_EN_BSC_7500404208533377417.geo.json": (
        "nhs_region_boundaries_2024.geojson"
    ),
}

ICB_COLUMNS = [
    "icb_code_ods",
    "icb_name",
    "icb_short_name",
    "region_code_ods",
    "valid_from_date",
    "valid_to_date",
    "website_url",
    "website_basis",
    "board_papers_url",
    "board_papers_url_status",
    "notes",
]
ONS_CODE_COLUMNS = ["icb_code_ods", "icb_code_ons", "valid_from_date", "valid_to_date"]
SUCCESSION_COLUMNS = [
    "predecessor_icb_code_ods",
    "successor_icb_code_ods",
    "effective_date",
    "change_type",
    "sub_icb_locations_moved",
    "confidence",
]
REGION_COLUMNS = ["region_code_ods", "region_name"]
REGION_ONS_COLUMNS = ["region_code_ods", "region_code_ons", "valid_from_date", "valid_to_date"]


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _write(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    tmp.replace(path)


def _day_before(iso: str) -> str:
    return (date.fromisoformat(iso) - timedelta(days=1)).isoformat()


def _ons_code_spans(codes: list[tuple[str, str]], valid_to: str) -> list[tuple[str, str, str]]:
    """Collapse (from_date, code) steps into (code, from, to) spans, dropping repeats."""
    spans: list[list[str]] = []
    for start, code in codes:
        if not code or (spans and spans[-1][0] == code):
            continue
        if spans:
            spans[-1][2] = _day_before(start)
        spans.append([code, start, ""])
    if spans:
        spans[-1][2] = valid_to
    return [tuple(span) for span in spans]


def build_registry(source_dir: Path, target_dir: Path) -> dict[str, int]:
    """Write the registry files from ``source_dir`` into ``target_dir``; return row counts."""
    source_dir, target_dir = Path(source_dir), Path(target_dir)
    if not (source_dir / "icbs.csv").exists():
        raise FileNotFoundError(f"{source_dir / 'icbs.csv'}: gathered ICB list not found")
    target_dir.mkdir(parents=True, exist_ok=True)
    icbs_2022 = _read(source_dir / "icbs.csv")
    icbs_2026 = _read(source_dir / "icbs_2026.csv")
    changes = _read(source_dir / "icb_changes.csv")
    by_code_2022 = {row["icb_ods_code"]: row for row in icbs_2022}

    icbs, ons_codes, regions, region_codes = [], [], {}, {}
    for row in icbs_2022:
        icbs.append(
            {
                "icb_code_ods": row["icb_ods_code"],
                "icb_name": row["icb_name"],
                "icb_short_name": row["short_name"],
                "region_code_ods": row["nhs_region_ods_code"],
                "valid_from_date": row["valid_from"],
                "valid_to_date": row["valid_to"],
                "website_url": row["website"],
                "website_basis": row["website_basis"],
                "board_papers_url": row["board_papers_url"],
                "board_papers_url_status": row["board_papers_url_status"],
                "notes": row["notes"],
            }
        )
        steps = [
            (ESTABLISHED, row["icb_ons_code"]),
            (ONS_RECODE_2023, row["icb_ons_code_2023"]),
            (REORGANISATION_2026, row["icb_ons_code_2026"]),
        ]
        for code, start, end in _ons_code_spans(steps, row["valid_to"]):
            ons_codes.append(
                {"icb_code_ods": row["icb_ods_code"], "icb_code_ons": code,
                 "valid_from_date": start, "valid_to_date": end}
            )
        regions[row["nhs_region_ods_code"]] = row["nhs_region_name"]
        region_codes.setdefault(row["nhs_region_ods_code"], set()).update(
            {("old", row["nhs_region_code"]), ("new", row["nhs_region_code_2024"])}
        )

    for row in icbs_2026:
        if row["icb_ods_code"] in by_code_2022:
            continue
        icbs.append(
            {
                "icb_code_ods": row["icb_ods_code"],
                "icb_name": row["icb_name"],
                "icb_short_name": row["short_name"],
                "region_code_ods": row["nhs_region_ods_code"],
                "valid_from_date": row["valid_from"],
                "valid_to_date": "",
                "website_url": row["website"],
                "website_basis": row["website_basis"],
                "board_papers_url": "",
                "board_papers_url_status": "not found",
                "notes": f"Created {row['valid_from']} from {row['predecessor_ods_codes']}.",
            }
        )
        ons_codes.append(
            {"icb_code_ods": row["icb_ods_code"], "icb_code_ons": row["icb_ons_code"],
             "valid_from_date": row["valid_from"], "valid_to_date": ""}
        )
        regions.setdefault(row["nhs_region_ods_code"], row["nhs_region_name"])

    successions = []
    for row in changes:
        if not row["new_ods_code"] or row["old_ods_code"] == row["new_ods_code"]:
            continue
        successions.append(
            {
                "predecessor_icb_code_ods": row["old_ods_code"],
                "successor_icb_code_ods": row["new_ods_code"],
                "effective_date": row["effective_date"],
                "change_type": row["change_type"],
                "sub_icb_locations_moved": row["sub_icb_locations_moved"],
                "confidence": row["confidence"],
            }
        )

    region_rows = [{"region_code_ods": k, "region_name": v} for k, v in sorted(regions.items())]
    region_ons_rows = []
    for region_code, pairs in sorted(region_codes.items()):
        old = next(code for kind, code in pairs if kind == "old")
        new = next(code for kind, code in pairs if kind == "new")
        steps = [(ESTABLISHED, old), (REGION_RECODE, new)]
        for code, start, end in _ons_code_spans(steps, ""):
            region_ons_rows.append(
                {"region_code_ods": region_code, "region_code_ons": code,
                 "valid_from_date": start, "valid_to_date": end}
            )

    icbs.sort(key=lambda r: (r["valid_from_date"], r["icb_code_ods"]))
    ons_codes.sort(key=lambda r: (r["icb_code_ods"], r["valid_from_date"]))
    successions.sort(key=lambda r: (r["predecessor_icb_code_ods"], r["successor_icb_code_ods"]))
    _write(target_dir / "icbs.csv", ICB_COLUMNS, icbs)
    _write(target_dir / "icb_ons_codes.csv", ONS_CODE_COLUMNS, ons_codes)
    _write(target_dir / "icb_successions.csv", SUCCESSION_COLUMNS, successions)
    _write(target_dir / "regions.csv", REGION_COLUMNS, region_rows)
    _write(target_dir / "region_ons_codes.csv", REGION_ONS_COLUMNS, region_ons_rows)
    for source_name, target_name in COPIED_FILES.items():
        shutil.copyfile(source_dir / source_name, target_dir / target_name)
    return {
        "icbs": len(icbs),
        "icb_ons_codes": len(ons_codes),
        "icb_successions": len(successions),
        "regions": len(region_rows),
    }
