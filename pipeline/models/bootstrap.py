"""Bootstrap intervals (90%) for each ICB's involvement index and rank, and each region's median.

Each ICB's meetings with papers are resampled with replacement (its undated standing documents are
kept in every replicate); a signal counts as evidenced in a replicate if any resampled meeting
evidences it. Seeded, so the same data gives the same intervals.
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


def build_bootstrap(connection: duckdb.DuckDBPyConnection) -> None:
    """Create int_bootstrap_icb and int_bootstrap_region."""
    units, signal_count = _masks(connection)
    popcount = np.array([bin(value).count("1") for value in range(1 << signal_count)])
    ranked = connection.execute(
        "select icb_code_ods, period_label, region_code_ods from int_coverage "
        "where coverage_status = 'ok' and is_in_footprint order by period_label, icb_code_ods"
    ).fetchall()
    by_period: dict = defaultdict(list)
    for icb, period, region in ranked:
        by_period[period].append((icb, region))
    rng = np.random.default_rng(SEED)
    icb_rows, region_rows = [], []
    for period, members in sorted(by_period.items()):
        draws = np.zeros((REPLICATES, len(members)))
        for column, (icb, _) in enumerate(members):
            meetings = units[(icb, period)]
            fixed = meetings.get("undated", 0)
            masks = np.array([mask for key, mask in sorted(meetings.items()) if key != "undated"],
                             dtype=np.int64)
            if len(masks):
                picks = masks[rng.integers(0, len(masks), size=(REPLICATES, len(masks)))]
                combined = np.bitwise_or.reduce(picks, axis=1) | fixed
            else:
                combined = np.full(REPLICATES, fixed, dtype=np.int64)
            draws[:, column] = 100.0 * popcount[combined] / signal_count
        ranks = 1 + (draws[:, None, :] > draws[:, :, None]).sum(axis=2)
        for column, (icb, _) in enumerate(members):
            icb_rows.append({
                "icb_code_ods": icb, "period_label": period,
                "involvement_index_low": float(np.percentile(draws[:, column], LOW)),
                "involvement_index_high": float(np.percentile(draws[:, column], HIGH)),
                "rank_low": int(np.percentile(ranks[:, column], LOW, method="lower")),
                "rank_high": int(np.percentile(ranks[:, column], HIGH, method="higher")),
            })
        regions: dict = defaultdict(list)
        for column, (_, region) in enumerate(members):
            regions[region].append(column)
        for region, columns in sorted(regions.items()):
            medians = np.median(draws[:, columns], axis=1)
            region_rows.append({"region_code_ods": region, "period_label": period,
                                "footprint": "in_force",
                                "median_low": float(np.percentile(medians, LOW)),
                                "median_high": float(np.percentile(medians, HIGH))})
    icb_frame = pd.DataFrame(icb_rows, columns=["icb_code_ods", "period_label", "involvement_index_low",
                                                "involvement_index_high", "rank_low", "rank_high"])
    region_frame = pd.DataFrame(region_rows, columns=["region_code_ods", "period_label", "footprint",
                                                      "median_low", "median_high"])
    connection.register("bootstrap_icb_frame", icb_frame)
    connection.register("bootstrap_region_frame", region_frame)
    connection.execute("create table int_bootstrap_icb as select * from bootstrap_icb_frame")
    connection.execute("create table int_bootstrap_region as select * from bootstrap_region_frame")
