"""Draws of the measurement model (pipeline/models/measurement.py, docs/uncertainty.md): one row
per area (``area_number`` of int_measurement_area_keys) and draw, with ``present_mask``: bit
``signal_bit`` (stg_signals) is set when, in that draw, the area's complete record truly
evidences the signal. Each scope and period learns its own shares; the draws are seeded, so the
same data give the same table."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.models.measurement import DRAWS, SEED, Observations, draw_presence

READS = ("int_measurement_area_keys", "int_measurement_areas", "stg_signals", "stg_tagger_accuracy")
COLUMNS = ["area_number", "draw_number", "present_mask"]


def frame(connection) -> pd.DataFrame:
    accuracy = connection.execute(
        "select true_positive_count, false_positive_count, false_negative_count "
        "from stg_signals join stg_tagger_accuracy using (signal_id) order by signal_bit"
    ).fetchnumpy()
    signal_count = len(accuracy["true_positive_count"])
    areas = connection.execute(
        "select k.area_number, k.group_number, "
        "k.units_searched_count, k.units_missing_count, "
        "list(a.units_evidenced_count order by s.signal_bit) "
        "from int_measurement_area_keys as k "
        "join int_measurement_areas as a using (scope, period_label, area_code_ods) "
        "join stg_signals as s using (signal_id) "
        "group by all order by k.area_number").fetchall()
    if not areas or signal_count == 0:
        return pd.DataFrame({column: pd.Series(dtype="int64") for column in COLUMNS})
    obs = Observations(
        group=np.array([row[1] for row in areas]),
        searched=np.array([row[2] for row in areas]),
        missing=np.array([row[3] for row in areas]),
        evidenced=np.array([row[4] for row in areas]),
        true_positive=accuracy["true_positive_count"].astype(float),
        false_positive=accuracy["false_positive_count"].astype(float),
        false_negative=accuracy["false_negative_count"].astype(float),
    )
    masks = draw_presence(obs, np.random.default_rng(SEED))
    numbers = np.array([row[0] for row in areas], dtype=np.int32)
    return pd.DataFrame({
        "area_number": np.tile(numbers, DRAWS),
        "draw_number": np.repeat(np.arange(1, DRAWS + 1, dtype=np.int32), len(numbers)),
        "present_mask": masks.reshape(-1),
    }, columns=COLUMNS)
