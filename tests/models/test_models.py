import csv
import subprocess
import sys

import duckdb
import pytest

from pipeline.models.build import CheckFailedError, build_database, models
from tests.conftest import MINI, build_mini_inputs

GOLDEN_KEYS = {"expected_scores.csv": ("mart_icb_scores", ["icb_code_ods", "period_label"]),
               "expected_coverage.csv": ("mart_icb_coverage", ["icb_code_ods", "period_label"]),
               "expected_regions.csv": ("mart_region_comparison",
                                        ["region_code_ods", "period_label", "footprint"]),
               "expected_national.csv": ("mart_national_summary", ["footprint", "period_label"])}


def as_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.1f}" if round(value, 1) == value else f"{value:.3f}"
    return str(value)


@pytest.mark.parametrize("golden", sorted(GOLDEN_KEYS))
def test_marts_match_hand_worked_answers(mini_database, golden):
    mart, keys = GOLDEN_KEYS[golden]
    with (MINI / golden).open(encoding="utf-8") as handle:
        expected = list(csv.DictReader(handle))
    connection = duckdb.connect(str(mini_database), read_only=True)
    columns = list(expected[0])
    for row in expected:
        where = " and ".join(f"{key} = ?" for key in keys)
        found = connection.execute(f"select {', '.join(columns)} from {mart} where {where}",
                                   [row[key] for key in keys]).fetchall()
        assert len(found) == 1, row
        assert {c: as_text(v) for c, v in zip(columns, found[0], strict=True)} == row


def test_merged_icb_lists_predecessors_and_abolished_ones_successors(mini_database):
    connection = duckdb.connect(str(mini_database), read_only=True)
    assert connection.execute("select distinct predecessor_icb_codes_ods from mart_icb_scores "
                              "where icb_code_ods = 'Z9B2Z'").fetchall() == [("QMJ;QRV",)]
    assert connection.execute("select distinct successor_icb_codes_ods from mart_icb_scores "
                              "where icb_code_ods = 'QMJ'").fetchall() == [("Z9B2Z",)]
    fixed = connection.execute("select coverage_status, signals_evidenced_count from int_footprint_scores "
                               "where icb_code_ods = 'Z9B2Z' and period_label = '2024/25'").fetchall()
    assert fixed == [("ok", 1)]


def test_footprints_follow_the_registry(mini_database):
    connection = duckdb.connect(str(mini_database), read_only=True)
    counts = dict(connection.execute(
        "select period_label, count(*) filter (where is_in_footprint) from mart_icb_scores "
        "group by 1").fetchall())
    assert counts["2024/25"] == 42 and counts["2026/27"] == 36


def test_models_are_one_per_file_in_dependency_order():
    order = [model.name for model in models("intermediate")]
    assert order.index("int_periods") < order.index("int_icb_periods") < order.index("int_coverage")
    for model in models("marts"):
        assert model.path.stem == model.name and model.sql.lstrip().startswith(("--", "with", "select"))


def test_rejecting_and_adding_evidence(tmp_path):
    inputs = build_mini_inputs(tmp_path / "plain")
    sha = duckdb.sql(f"select sha256 from '{inputs.evidence}' where signal_id = 'patient_insight'"
                     ).fetchall()[0][0]
    corrections = [
        {"correction_id": "c1", "icb_code_ods": "QF7", "action": "reject_evidence", "sha256": sha,
         "page_number": "1", "signal_id": "patient_insight", "quote": "", "reason": "not insight",
         "submitted_by": "NHS South Yorkshire ICB", "submitted_date": "2026-11-01"},
        {"correction_id": "c2", "icb_code_ods": "QF7", "action": "add_evidence", "sha256": sha,
         "page_number": "1", "signal_id": "inclusion_reach",
         "quote": "Friends and Family Test", "reason": "missed", "submitted_by": "a reader",
         "submitted_date": "2026-11-02"},
    ]
    corrected = build_mini_inputs(tmp_path / "corrected", corrections)
    build_database(corrected, tmp_path / "atlas.duckdb")
    connection = duckdb.connect(str(tmp_path / "atlas.duckdb"), read_only=True)
    signals = dict(connection.execute(
        "select signal_id, is_evidenced from mart_icb_signals where icb_code_ods = 'QF7' "
        "and period_label = '2024/25' and signal_id in ('patient_insight', 'inclusion_reach')").fetchall())
    assert signals == {"patient_insight": False, "inclusion_reach": True}
    assert connection.execute("select rule_id, is_correction from mart_evidence "
                              "where signal_id = 'inclusion_reach' and icb_code_ods = 'QF7'").fetchall() == [
        ("correction:c2", True)]


def test_a_correction_quoting_text_not_on_the_page_fails_naming_the_line(tmp_path):
    inputs = build_mini_inputs(tmp_path / "in", [
        {"correction_id": "c9", "icb_code_ods": "QF7", "action": "add_evidence", "sha256": "0" * 64,
         "page_number": "1", "signal_id": "patient_story", "quote": "not on any page",
         "reason": "", "submitted_by": "", "submitted_date": ""}])
    with pytest.raises(CheckFailedError, match=r"(?s)corrections_apply.*line_number=2"):
        build_database(inputs, tmp_path / "atlas.duckdb")
    assert not (tmp_path / "atlas.duckdb").exists()


def test_missing_inputs_name_the_file_and_command(tmp_path):
    result = subprocess.run([sys.executable, "-c", (
        "from pipeline.models.inputs import BuildInputs; from pathlib import Path;"
        f"BuildInputs('demo', *[Path('{tmp_path}') / n "
        "for n in ('m.jsonl', 'r.jsonl', 'p', 'd', 'e')]).check()")],
        capture_output=True, text=True)
    assert "m.jsonl not found: run `python -m pipeline scrape --dataset demo` first" in result.stderr


@pytest.mark.slow
def test_all_checks_pass_on_the_demo_dataset(tmp_path):
    from pipeline.commands.scrape_wiring import scrape_dataset
    from pipeline.models.inputs import BuildInputs
    from pipeline.paths import raw_dir

    if not (raw_dir("demo") / "manifest.jsonl").exists():
        scrape_dataset("demo", progress=False)
    for command in ("extract", "tag"):
        subprocess.run([sys.executable, "-m", "pipeline", command, "--dataset", "demo"], check=True)
    counts = build_database(BuildInputs.for_dataset("demo"), tmp_path / "atlas.duckdb")
    assert counts["mart_icb_scores"] > 0 and counts["mart_evidence"] > 0
