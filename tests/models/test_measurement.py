"""The measurement model's properties: two-sided intervals that bracket their estimates, fed by the
tagger's measured accuracy (a better tagger narrows them), formal involvement read from
counts_as_formal, and the calls against the England median."""

import dataclasses
import re

import duckdb
import numpy as np
import pandas as pd
import pytest

from pipeline import contracts
from pipeline.models.build import SQL_DIR, build_database
from pipeline.models.measurement import Observations, draw_presence
from pipeline.signals import SIGNALS_PATH, load_signals
from tests.conftest import MINI, build_mini_inputs

MINI_ACCURACY_PATH = MINI / "tagger_accuracy.csv"

SIGNAL_IDS = [signal.signal_id for signal in load_signals().signals]
BRACKETED = {
    "mart_icb_scores": ["involvement_index", "structures_score", "processes_score", "policies_score",
                        "rank"],
    "mart_region_comparison": ["involvement_index_median", "formal_involvement_pct"],
    "mart_national_summary": ["formal_involvement_count", "formal_involvement_pct"],
    "mart_trend_quarterly": ["involvement_index"],
}


def accuracy_file(path, true_positive, false_positive, false_negative, split="blind"):
    nulls = {column.name: None for column in contracts.contract("tagger_accuracy").columns
             if column.nullable}
    rows = [contracts.fixture_rows(
                "tagger_accuracy", **nulls, signal_id=signal_id, split=split,
                example_count=true_positive + false_positive + false_negative,
                true_positive_count=true_positive, false_positive_count=false_positive,
                false_negative_count=false_negative, tagger_version="test")[0]
            for signal_id in SIGNAL_IDS]
    pd.DataFrame(rows, columns=contracts.columns("tagger_accuracy")).to_csv(path, index=False)
    return path


def build_with(tmp_path, name, **changes):
    inputs = dataclasses.replace(build_mini_inputs(tmp_path / name), **changes)
    target = tmp_path / name / "atlas.duckdb"
    build_database(inputs, target)
    return duckdb.connect(str(target), read_only=True)


def mean_width(connection):
    return connection.execute("select avg(involvement_index_high - involvement_index_low) "
                              "from mart_icb_scores where involvement_index is not null").fetchone()[0]


@pytest.mark.parametrize("mart", sorted(BRACKETED))
def test_every_interval_brackets_its_estimate(mini_database, mart):
    connection = duckdb.connect(str(mini_database), read_only=True)
    for stem in BRACKETED[mart]:
        rows = connection.execute(f"select {stem}_low, {stem}, {stem}_high from {mart} "
                                  f"where {stem} is not null").fetchall()
        assert rows, (mart, stem)
        assert all(low is not None and low <= value <= high for low, value, high in rows), (mart, stem)


def test_index_intervals_are_two_sided(mini_database):
    """The old bootstrap could only lose signals: its top never rose above the estimate."""
    connection = duckdb.connect(str(mini_database), read_only=True)
    rows = connection.execute("select involvement_index_low, involvement_index, involvement_index_high "
                              "from mart_icb_scores where involvement_index is not null").fetchall()
    assert any(high > value for _, value, high in rows)
    assert any(low < value for low, value, _ in rows)
    assert all(high > low for low, _, high in rows)


def test_a_better_tagger_narrows_the_intervals_without_code_changes(tmp_path):
    poor = build_with(tmp_path, "poor", tagger_accuracy=accuracy_file(tmp_path / "poor.csv", 5, 3, 6))
    # The mini dataset's pinned copy of a measured accuracy file: the live one moves as the tagger
    # is re-measured, and may be worse than "poor" for some signals.
    measured = build_with(tmp_path, "dev", tagger_accuracy=MINI_ACCURACY_PATH)
    near_perfect = build_with(tmp_path, "good",
                              tagger_accuracy=accuracy_file(tmp_path / "good.csv", 2000, 0, 0))
    assert mean_width(poor) > mean_width(measured) > mean_width(near_perfect)
    evidenced = "select avg(signal_probability) from mart_icb_signals where is_evidenced"
    assert near_perfect.execute(evidenced).fetchone()[0] > 0.99
    assert poor.execute(evidenced).fetchone()[0] < measured.execute(evidenced).fetchone()[0]


def test_real_text_then_blind_split_figures_are_used_when_present(tmp_path):
    path = tmp_path / "accuracy.csv"
    accuracy_file(path, 11, 0, 0, split="dev")
    blind = pd.read_csv(accuracy_file(tmp_path / "blind.csv", 4, 1, 5, split="blind"))
    real = pd.read_csv(accuracy_file(tmp_path / "real.csv", 2, 1, 3, split="real_text"))
    pd.concat([pd.read_csv(path), blind.iloc[:3], real.iloc[2:4]]).to_csv(path, index=False)
    connection = build_with(tmp_path, "mixed", tagger_accuracy=path)
    splits = dict(connection.execute("select accuracy_split, count(*) from stg_tagger_accuracy "
                                     "group by 1").fetchall())
    assert splits == {"real_text": 2, "blind": 2, "dev": len(SIGNAL_IDS) - 4}
    counts = dict(connection.execute("select signal_id, true_positive_count "
                                     "from stg_tagger_accuracy").fetchall())
    assert [counts[signal_id] for signal_id in SIGNAL_IDS[:5]] == [4, 4, 2, 2, 11]


def test_formal_involvement_follows_counts_as_formal(tmp_path):
    text = SIGNALS_PATH.read_text(encoding="utf-8").replace("counts_as_formal = true\n", "")
    text = text.replace('id = "patient_story"\n', 'id = "patient_story"\ncounts_as_formal = true\n')
    signals = tmp_path / "signals.toml"
    signals.write_text(text, encoding="utf-8")
    connection = build_with(tmp_path, "flipped", signals=signals)
    formal = dict(connection.execute("select icb_code_ods, has_formal_involvement from mart_icb_scores "
                                     "where period_label = '2024/25' and involvement_index is not null"
                                     ).fetchall())
    assert formal == {"QWO": True, "QF7": False, "QMJ": False, "QHL": False}


def test_no_sql_model_names_a_signal():
    pattern = re.compile("|".join(rf"'{re.escape(signal_id)}'" for signal_id in SIGNAL_IDS))
    for path in SQL_DIR.rglob("*.sql"):
        assert not pattern.search(path.read_text(encoding="utf-8")), path


def test_calls_against_the_england_median_follow_the_interval(mini_database):
    connection = duckdb.connect(str(mini_database), read_only=True)
    rows = connection.execute(
        "select rank, ranked_icb_count, england_median_index, involvement_index_low, "
        "involvement_index_high, england_comparison from mart_icb_scores").fetchall()
    for rank, count, median, low, high, call in rows:
        if rank is None:
            assert call is None
            continue
        assert 1 <= rank <= count
        expected = "above" if low > median else "below" if high < median else "similar"
        assert call == expected
    assert {row[-1] for row in rows if row[0] is not None} >= {"above", "below"}


def test_national_counts_carry_the_evidence_and_the_estimate(mini_database):
    connection = duckdb.connect(str(mini_database), read_only=True)
    row = connection.execute(
        "select covered_icb_count, formal_involvement_evidenced_count, formal_involvement_count_low, "
        "formal_involvement_count_high from mart_national_summary "
        "where footprint = 'in_force' and period_label = '2024/25'").fetchone()
    covered, evidenced, low, high = row
    assert 0 <= low <= high <= covered and evidenced == 1


def draws_for(evidenced, searched, missing, true_positive, false_positive, false_negative, seed=1):
    evidenced = np.asarray(evidenced)
    count = len(evidenced)
    obs = Observations(group=np.zeros(count, dtype=int), searched=np.full(count, searched),
                       missing=np.full(count, missing), evidenced=evidenced[:, None],
                       true_positive=np.array([true_positive]),
                       false_positive=np.array([false_positive]),
                       false_negative=np.array([false_negative]))
    return (draw_presence(obs, np.random.default_rng(seed)) & 1).mean(axis=0)


def test_missing_meetings_and_low_recall_raise_the_chance_of_an_unseen_signal():
    areas = [0] * 20 + [2] * 20
    full = draws_for(areas, 6, 0, 40, 1, 4)[:20].mean()
    gaps = draws_for(areas, 6, 6, 40, 1, 4)[:20].mean()
    low_recall = draws_for(areas, 6, 0, 20, 1, 24)[:20].mean()
    assert full < gaps and full < low_recall
    assert draws_for(areas, 6, 0, 40, 1, 4)[20:].mean() > 0.95


def test_draws_are_seeded():
    first = draws_for([0, 1, 2, 0], 5, 1, 10, 1, 2, seed=7)
    assert (first == draws_for([0, 1, 2, 0], 5, 1, 10, 1, 2, seed=7)).all()
