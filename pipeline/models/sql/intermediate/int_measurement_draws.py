"""Draws of the measurement model (pipeline/models/measurement.py, docs/uncertainty.md): one row
per scope, period, area and draw, with ``present_mask``: bit ``signal_bit`` (stg_signals) is set
when, in that draw, the area's complete record truly evidences the signal. Each scope and period
learns its own prior share; the draws are seeded, so the same data give the same table."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.models.measurement import DRAWS, SEED, Observations, draw_presence

READS = ("int_measurement_areas", "stg_signals", "stg_tagger_accuracy")
COLUMNS = ["scope", "period_label", "area_code_ods", "draw_number", "present_mask"]


def frame(connection) -> pd.DataFrame:
    accuracy = connection.execute(
        "select true_positive_count, false_positive_count, false_negative_count "
        "from stg_signals join stg_tagger_accuracy using (signal_id) order by signal_bit"
    ).fetchnumpy()
    signal_count = connection.execute("select count(*) from stg_signals").fetchone()[0]
    rows = connection.execute(
        "select a.scope, a.period_label, a.area_code_ods, max(a.units_searched_count), "
        "max(a.units_missing_count), list(a.units_evidenced_count order by s.signal_bit) "
        "from int_measurement_areas as a join stg_signals as s using (signal_id) "
        "group by a.scope, a.period_label, a.area_code_ods "
        "order by a.scope, a.period_label, a.area_code_ods").fetchall()
    if not rows or signal_count == 0:
        return pd.DataFrame(columns=COLUMNS)
    groups = {key: number for number, key in enumerate(sorted({(r[0], r[1]) for r in rows}))}
    obs = Observations(
        group=np.array([groups[(r[0], r[1])] for r in rows]),
        searched=np.array([r[3] for r in rows]),
        missing=np.array([r[4] for r in rows]),
        evidenced=np.array([r[5] for r in rows]),
        true_positive=accuracy["true_positive_count"].astype(float),
        false_positive=accuracy["false_positive_count"].astype(float),
        false_negative=accuracy["false_negative_count"].astype(float),
    )
    masks = draw_presence(obs, np.random.default_rng(SEED))
    area_count = len(rows)
    return pd.DataFrame({
        "scope": np.tile([r[0] for r in rows], DRAWS),
        "period_label": np.tile([r[1] for r in rows], DRAWS),
        "area_code_ods": np.tile([r[2] for r in rows], DRAWS),
        "draw_number": np.repeat(np.arange(1, DRAWS + 1), area_count),
        "present_mask": masks.reshape(-1),
    }, columns=COLUMNS)
