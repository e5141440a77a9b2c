"""Bootstrap intervals (90%) for each ICB's involvement index and rank, and each region's median.

Each ICB's meetings with papers are resampled with replacement (its undated standing documents are
kept in every replicate); a signal counts as evidenced in a replicate if any resampled meeting
evidences it. Seeded, so the same data gives the same intervals. A replicate can lose signals but
never gain one, so the upper end is at most the point estimate: read the interval as how far the
index could fall on a different draw of meetings.
"""

from __future__ import annotations

from collections import defaultdict

import duckdb
import numpy as np
import pandas as pd

REPLICATES = 500
SEED = 20230701
LOW, HIGH = 5, 95


def _masks(connection: duckdb.DuckDBPyConnection) -> tuple[dict, int]:
    signal_ids = [row[0] for row in connection.execute(
        "select signal_id from stg_signals order by signal_id").fetchall()]
    bit = {signal_id: 1 << position for position, signal_id in enumerate(signal_ids)}
    units: dict = defaultdict(lambda: defaultdict(int))
    for icb, period, unit, signal_id in connection.execute(
            "select icb_code_ods, period_label, unit_key, signal_id from int_bootstrap_units "
            "order by all").fetchall():
        units[(icb, period)][unit] |= bit.get(signal_id, 0)
    return units, len(signal_ids)


def _draws(unit_maps: list[dict], rng: np.random.Generator, popcount: np.ndarray,
           signal_count: int) -> np.ndarray:
    """REPLICATES draws of the involvement index of an area whose evidence is the pooled units."""
    fixed = 0
    masks = []
    for meetings in unit_maps:
        fixed |= meetings.get("undated", 0)
        masks += [mask for key, mask in sorted(meetings.items()) if key != "undated"]
    if masks:
        pool = np.array(masks, dtype=np.int64)
        picks = pool[rng.integers(0, len(pool), size=(REPLICATES, len(pool)))]
        combined = np.bitwise_or.reduce(picks, axis=1) | fixed
    else:
        combined = np.full(REPLICATES, fixed, dtype=np.int64)
    return 100.0 * popcount[combined] / signal_count


def _region_rows(draws: np.ndarray, regions: list[str], period: str, footprint: str) -> list[dict]:
    """90% intervals of each region's median index; ``regions`` names each column's region."""
    columns_by_region: dict = defaultdict(list)
    for column, region in enumerate(regions):
        columns_by_region[region].append(column)
    rows = []
    for region, columns in sorted(columns_by_region.items()):
        medians = np.median(draws[:, columns], axis=1)
        rows.append({"region_code_ods": region, "period_label": period, "footprint": footprint,
                     "median_low": float(np.percentile(medians, LOW)),
                     "median_high": float(np.percentile(medians, HIGH))})
    return rows


def _covered(connection: duckdb.DuckDBPyConnection, sql: str) -> dict:
    """period -> [(area ICB code, region code)] for the covered areas a query returns."""
    by_period: dict = defaultdict(list)
    for icb, period, region in connection.execute(sql).fetchall():
        by_period[period].append((icb, region))
    return by_period


def build_bootstrap(connection: duckdb.DuckDBPyConnection) -> None:
    """Create int_bootstrap_icb, and int_bootstrap_region for both footprints.

    in_force: each ICB in being, on its own meetings. fixed_2026: each 2026 ICB on the pooled
    meetings of every ICB that covered its area (int_footprint_2026), drawn from a second seeded
    stream so the in_force intervals do not depend on it.
    """
    units, signal_count = _masks(connection)
    popcount = np.array([bin(value).count("1") for value in range(1 << signal_count)])
    in_force = _covered(connection, "select icb_code_ods, period_label, region_code_ods "
                        "from int_coverage where coverage_status = 'ok' and is_in_footprint "
                        "order by period_label, icb_code_ods")
    fixed = _covered(connection, "select icb_code_ods, period_label, region_code_ods "
                     "from int_footprint_scores where coverage_status = 'ok' "
                     "order by period_label, icb_code_ods")
    members: dict = defaultdict(list)
    for member, area in connection.execute(
            "select icb_code_ods, footprint_icb_code_ods from int_footprint_2026 order by all"
    ).fetchall():
        members[area].append(member)
    rng, fixed_rng = np.random.default_rng(SEED), np.random.default_rng([SEED, 2026])
    icb_rows, region_rows = [], []
    for period, areas in sorted(in_force.items()):
        draws = np.column_stack([_draws([units[(icb, period)]], rng, popcount, signal_count)
                                 for icb, _ in areas])
        ranks = 1 + (draws[:, None, :] > draws[:, :, None]).sum(axis=2)
        for column, (icb, _) in enumerate(areas):
            icb_rows.append({
                "icb_code_ods": icb, "period_label": period,
                "involvement_index_low": float(np.percentile(draws[:, column], LOW)),
                "involvement_index_high": float(np.percentile(draws[:, column], HIGH)),
                "rank_low": int(np.percentile(ranks[:, column], LOW, method="lower")),
                "rank_high": int(np.percentile(ranks[:, column], HIGH, method="higher")),
            })
        region_rows += _region_rows(draws, [region for _, region in areas], period, "in_force")
    for period, areas in sorted(fixed.items()):
        draws = np.column_stack([
            _draws([units[(member, period)] for member in members[area]], fixed_rng, popcount,
                   signal_count)
            for area, _ in areas])
        region_rows += _region_rows(draws, [region for _, region in areas], period, "fixed_2026")
    icb_frame = pd.DataFrame(icb_rows, columns=["icb_code_ods", "period_label", "involvement_index_low",
                                                "involvement_index_high", "rank_low", "rank_high"])
    region_frame = pd.DataFrame(region_rows, columns=["region_code_ods", "period_label", "footprint",
                                                      "median_low", "median_high"])
    connection.register("bootstrap_icb_frame", icb_frame)
    connection.register("bootstrap_region_frame", region_frame)
    connection.execute("create table int_bootstrap_icb as select * from bootstrap_icb_frame")
    connection.execute("create table int_bootstrap_region as select * from bootstrap_region_frame")
