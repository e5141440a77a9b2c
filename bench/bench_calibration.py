"""Calibration of the measurement model by simulation: do its 90% intervals contain the truth?

Synthetic ICBs are given known signals: whether each ICB's record holds each signal, and how often
its meetings record it. Their papers are simulated (meetings, some of whose papers are never found
or fail to download; a standing document), the tagger is simulated at a given precision and
recall (its evaluation counts too, written as a tagger_accuracy.csv), and then the real build
(`pipeline.models.build.build_database`, the same code `python -m pipeline build` runs) scores
them. We count the share of ICBs whose involvement index interval contains the true index, and
compare the formal-involvement probability with how often formal involvement is truly there.

Baselines: the nominal level of the intervals, 0.90 (goal 0.85-0.95 in every scenario); measured in
the same run, how often the share of signals found (what the atlas published before it had
intervals) is exactly the truth; and for the probability, perfect calibration (observed share =
mean probability, goal within 0.05 in every decile with enough ICBs to tell).
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from bench.bench_build import synthetic_registry
from pipeline import contracts
from pipeline.models.build import build_database
from pipeline.models.inputs import BuildInputs
from pipeline.signals import load_signals

PERIOD = "2024/25"
FIRST_MEETING = date(2024, 4, 18)


@dataclass(frozen=True)
class Scenario:
    name: str
    recall: float
    precision: float
    coverage: float  # chance that an expected meeting's papers are found and readable
    board_meetings: int = 6
    committee_meetings: tuple[int, int] = (0, 4)
    icb_count: int = 120
    evaluation_positives: int = 30  # positive examples per signal in the simulated evaluation


SCENARIOS = (
    Scenario("high recall", recall=0.92, precision=0.95, coverage=0.95),
    Scenario("low recall", recall=0.46, precision=0.85, coverage=0.9),
    Scenario("low coverage", recall=0.8, precision=0.9, coverage=0.45),
)


@dataclass
class World:
    inputs: BuildInputs
    truth: pd.DataFrame  # icb_code_ods, true_index, has_formal_truth
    signal_truth: pd.DataFrame  # icb_code_ods, signal_id, is_true


def _evaluation(rng, signals, recall, precision, scenario: Scenario, path: Path) -> None:
    """A tagger_accuracy.csv as the tagger's evaluation would measure this simulated tagger."""
    rows = []
    for number, signal in enumerate(signals):
        positives = scenario.evaluation_positives
        true_positive = int(rng.binomial(positives, recall[number]))
        negatives = 8 * positives
        false_rate = (recall[number] * positives * (1 - precision[number])
                      / (precision[number] * negatives))
        false_positive = int(rng.binomial(negatives, min(false_rate, 1.0)))
        rows.append(_row("tagger_accuracy", signal_id=signal.signal_id, split="blind",
                         example_count=positives + negatives, true_positive_count=true_positive,
                         false_positive_count=false_positive,
                         false_negative_count=positives - true_positive,
                         tagger_version="simulated"))
    pd.DataFrame(rows, columns=contracts.columns("tagger_accuracy")).to_csv(path, index=False)


def simulate(scenario: Scenario, root: Path, seed: int) -> World:
    """Write a synthetic dataset for ``scenario`` under ``root``; return its inputs and truth."""
    rng = np.random.default_rng(seed)
    signals = load_signals().signals
    formal = np.array([signal.counts_as_formal for signal in signals])
    codes = synthetic_registry(root / "reference", scenario.icb_count)
    for name in ("icb_successions.csv",):
        (root / "reference" / name).write_text(
            "predecessor_icb_code_ods,successor_icb_code_ods,effective_date,change_type,"
            "sub_icb_locations_moved,confidence\n")
    signal_count = len(signals)
    # each signal's rules are better or worse than the scenario's average
    recall = np.clip(scenario.recall + rng.normal(0, 0.06, signal_count), 0.05, 0.99)
    precision = np.clip(scenario.precision + rng.normal(0, 0.04, signal_count), 0.5, 0.995)
    base_share = rng.uniform(0.15, 0.85, signal_count)
    mention = rng.uniform(0.15, 0.6, signal_count)
    quality = rng.normal(0, 0.7, scenario.icb_count)
    share = 1 / (1 + np.exp(-(np.log(base_share / (1 - base_share))[None, :] + quality[:, None])))
    records = rng.random((scenario.icb_count, signal_count)) < share
    concentration = 4.0
    theta = np.where(records, rng.beta(mention * concentration, (1 - mention) * concentration,
                                       (scenario.icb_count, signal_count)), 0.0)
    units = []  # (icb index, unit key, meeting date or None, committee, is_board, outcome)
    for icb in range(scenario.icb_count):
        dates = [(FIRST_MEETING + timedelta(days=61 * j), "Integrated Care Board", True)
                 for j in range(scenario.board_meetings)]
        dates += [(FIRST_MEETING + timedelta(days=int(rng.integers(0, 340))), "Quality Committee", False)
                  for _ in range(int(rng.integers(*scenario.committee_meetings, endpoint=True)))]
        for meeting_date, committee, is_board in dates:
            found = rng.random() < scenario.coverage
            outcome = "found" if found else ("failed" if rng.random() < 0.5 else "unlisted")
            units.append((icb, meeting_date, committee, is_board, outcome))
        if rng.random() < 0.7:
            units.append((icb, None, "Integrated Care Board", True, "found"))
    unit_icb = np.array([u[0] for u in units])
    recorded = rng.random((len(units), signal_count)) < theta[unit_icb]
    truth_holds = np.zeros_like(records)
    np.logical_or.at(truth_holds, unit_icb, recorded)
    found = np.array([u[4] == "found" for u in units])
    true_tags = recorded & (rng.random(recorded.shape) < recall[None, :]) & found[:, None]
    true_rate = true_tags[found].mean(axis=0)
    false_rate = np.clip(true_rate * (1 - precision) / precision, 0, 0.5)
    tagged = true_tags | ((rng.random(recorded.shape) < false_rate[None, :]) & found[:, None])
    _write_dataset(root, scenario, codes, units, tagged, signals)
    _evaluation(rng, signals, recall, precision, scenario, root / "tagger_accuracy.csv")
    truth = pd.DataFrame({"icb_code_ods": codes,
                          "true_index": 100.0 * truth_holds.sum(axis=1) / signal_count,
                          "has_formal_truth": truth_holds[:, formal].any(axis=1)})
    signal_truth = pd.DataFrame({
        "icb_code_ods": np.repeat(codes, signal_count),
        "signal_id": np.tile([signal.signal_id for signal in signals], len(codes)),
        "is_true": truth_holds.reshape(-1)})
    inputs = BuildInputs(dataset="demo", manifest=root / "manifest.jsonl",
                         scrape_runs=root / "scrape_runs.jsonl", pages=root / "pages.parquet",
                         documents=root / "documents.parquet", evidence=root / "evidence.parquet",
                         reference_dir=root / "reference", corrections=None,
                         tagger_accuracy=root / "tagger_accuracy.csv")
    return World(inputs, truth, signal_truth)


def _write_dataset(root: Path, scenario: Scenario, codes, units, tagged, signals) -> None:
    manifest, pages, documents, evidence = [], [], [], []
    for number, (icb, meeting_date, committee, is_board, outcome) in enumerate(units):
        if outcome == "unlisted":
            continue
        code = codes[icb]
        when = meeting_date.isoformat() if meeting_date else None
        url = f"https://{code.lower()}.example.nhs.uk/papers-{number}.pdf"
        quotes = [f"Evidence of {signal.signal_id.replace('_', ' ')} number {number}."
                  for signal, is_tagged in zip(signals, tagged[number], strict=True) if is_tagged]
        text = " ".join(["The meeting was quorate.", *quotes])
        sha = hashlib.sha256(f"{url}:{text}".encode()).hexdigest() if outcome == "found" else None
        manifest.append(_row("manifest", dataset="demo", icb_code_ods=code, committee_name=committee,
                             is_board=is_board, meeting_date=when,
                             meeting_month=when[:7] if when else None,
                             document_type="minutes" if when else "constitution",
                             title=f"Papers {number}", source_url=url, requested_url=url,
                             found_on_url=url.rsplit("/", 1)[0] + "/",
                             retrieved_at="2026-11-01T09:00:00Z", http_status=200 if sha else 503,
                             content_type="application/pdf", bytes_count=len(text), sha256=sha,
                             error=None if sha else "HTTP 503", run_id="calibration"))
        if not sha:
            continue
        pages.append(_row("pages", sha256=sha, page_number=1, text=text, char_count=len(text),
                          is_needs_ocr=False, extractor_name="simulated", extractor_version="1"))
        documents.append(_row("documents", sha256=sha, status="ok", page_count=1,
                              char_count=len(text), pages_without_text_count=0,
                              is_low_text_density=False, extractor_name="simulated",
                              extractor_version="1", seconds=0.0))
        for signal, is_tagged in zip(signals, tagged[number], strict=True):
            if is_tagged:
                quote = f"Evidence of {signal.signal_id.replace('_', ' ')} number {number}."
                start = text.index(quote)
                evidence.append(_row("evidence", sha256=sha, page_number=1,
                                     signal_id=signal.signal_id, rule_id="simulated",
                                     start_char=start, end_char=start + len(quote), quote=quote,
                                     confidence=0.9, tagger_version="simulated"))
    (root / "manifest.jsonl").write_text("".join(json.dumps(row) + "\n" for row in manifest))
    (root / "scrape_runs.jsonl").write_text("".join(
        json.dumps(_row("scrape_runs", run_id="calibration", icb_code_ods=code, start_url="",
                        status="ok", finished_at="2026-11-01T09:00:00Z")) + "\n" for code in codes))
    for name, rows in (("pages", pages), ("documents", documents), ("evidence", evidence)):
        table = contracts.frame(rows, name) if rows else contracts.empty_frame(name)
        contracts.write_parquet(table, name, root / f"{name}.parquet")


def _row(name: str, **values) -> dict:
    """A row of contract ``name``: the values given, null in every other nullable column."""
    nulls = {column.name: None for column in contracts.contract(name).columns if column.nullable}
    return contracts.fixture_rows(name, **{**nulls, **values})[0]


@dataclass
class Result:
    scores: pd.DataFrame  # per ICB: the index interval, is_covered, formal probability and truth
    signals: pd.DataFrame  # per ICB and signal: signal_probability and is_true
    national: tuple[int, int, int]  # true formal count, interval low, interval high

    @property
    def national_covered(self) -> bool:
        return self.national[1] <= self.national[0] <= self.national[2]


def score(world: World, root: Path) -> Result:
    """Build the world with the project's build; its scores for PERIOD joined to the truth."""
    target = root / "atlas.duckdb"
    build_database(world.inputs, target, force=True)
    connection = duckdb.connect(str(target), read_only=True)
    try:
        scores = connection.execute(
            "select icb_code_ods, involvement_index, involvement_index_low, involvement_index_high, "
            "signals_evidenced_pct, formal_involvement_probability, coverage_status "
            "from mart_icb_scores "
            "where period_label = ? and involvement_index is not null", [PERIOD]).df()
        signals = connection.execute(
            "select icb_code_ods, signal_id, signal_probability from mart_icb_signals "
            "where period_label = ? and signal_probability is not null", [PERIOD]).df()
        national = connection.execute(
            "select formal_involvement_count_low, formal_involvement_count_high, covered_icb_count "
            "from mart_national_summary where footprint = 'in_force' and period_label = ?",
            [PERIOD]).df()
    finally:
        connection.close()
    scored = scores.merge(world.truth, on="icb_code_ods")
    tolerance = 0.05  # the marts round to 0.1
    scored["is_covered"] = ((scored.involvement_index_low - tolerance <= scored.true_index)
                            & (scored.true_index <= scored.involvement_index_high + tolerance))
    scored["is_found_share_true"] = (scored.signals_evidenced_pct - scored.true_index).abs() <= tolerance
    covered = world.truth.merge(scores[scores.coverage_status == "ok"][["icb_code_ods"]])
    true_count = int(covered.has_formal_truth.sum())
    return Result(scored, signals.merge(world.signal_truth, on=["icb_code_ods", "signal_id"]),
                  (true_count, int(national.formal_involvement_count_low[0]),
                   int(national.formal_involvement_count_high[0])))


def run_scenario(scenario: Scenario, replicates: int, seed: int = 1) -> list[Result]:
    results = []
    for replicate in range(replicates):
        with tempfile.TemporaryDirectory() as scratch:
            root = Path(scratch)
            world = simulate(scenario, root, seed=seed * 1000 + replicate)
            results.append(score(world, root))
    return results


def deciles(scored: pd.DataFrame, probability: str = "formal_involvement_probability",
            truth: str = "has_formal_truth") -> pd.DataFrame:
    """Mean probability against the observed share of truths, per tenth of probability."""
    bins = np.minimum((scored[probability] * 10).astype(int), 9)
    grouped = scored.assign(decile=bins).groupby("decile")
    table = pd.DataFrame({"count": grouped.size(),
                          "mean_probability": grouped[probability].mean(),
                          "observed_share": grouped[truth].mean()})
    table["standard_error"] = np.sqrt(table.mean_probability * (1 - table.mean_probability)
                                      / table["count"])
    table["difference"] = table.observed_share - table.mean_probability
    table["within_0.05"] = table.difference.abs() <= 0.05
    table["within_2_se"] = table.difference.abs() <= 2 * table.standard_error
    return table


def main(replicates: int = 14) -> None:
    pooled, signals = [], []
    print(f"90% interval coverage of the true involvement index (goal 0.85-0.95; baseline: nominal "
          f"0.90), {replicates} synthetic datasets per scenario, period {PERIOD}")
    for number, scenario in enumerate(SCENARIOS, start=1):
        results = run_scenario(scenario, replicates, seed=number)
        scored = pd.concat([result.scores for result in results])
        pooled.append(scored)
        signals += [result.signals for result in results]
        width = (scored.involvement_index_high - scored.involvement_index_low).mean()
        above = (scored.true_index > scored.involvement_index_high + 0.05).mean()
        below = (scored.true_index < scored.involvement_index_low - 0.05).mean()
        national = np.mean([result.national_covered for result in results])
        found = scored.is_found_share_true.mean()
        print(f"  {scenario.name:13} recall {scenario.recall:.2f} precision {scenario.precision:.2f} "
              f"coverage {scenario.coverage:.2f}: {scored.is_covered.mean():.3f} of {len(scored)} "
              f"intervals contain the truth (ratio to nominal {scored.is_covered.mean() / 0.9:.2f}; "
              f"truth above {above:.3f}, below {below:.3f}); mean width {width:.1f} points; "
              f"national formal count interval contains the truth in {national:.2f} of {len(results)}; "
              f"baseline, the share of signals found taken as exact: right for {found:.3f} of ICBs")
    show = {"float_format": lambda value: f"{value:.3f}"}
    print("formal-involvement probability by decile (all scenarios pooled; goal |difference| <= 0.05; "
          "a decile with few ICBs cannot tell: within_2_se says whether the difference is within "
          "sampling error):")
    print(deciles(pd.concat(pooled)).to_string(**show))
    print("signal probability by decile (every ICB x signal, all scenarios pooled):")
    print(deciles(pd.concat(signals), "signal_probability", "is_true").to_string(**show))
