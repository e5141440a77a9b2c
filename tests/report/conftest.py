"""Report fixtures: the mini database with a hostile quote, its report, and an empty dataset (a
live run where every site was unreachable) with its report."""

import json
from datetime import date
from pathlib import Path

import duckdb
import pytest

from pipeline.report.build import build_report

UNREACHABLE = "robots.txt unreachable (ConnectionError for https://{code}.example.nhs.uk/robots.txt)"


@pytest.fixture(scope="module")
def script_database(mini_database, tmp_path_factory):
    """The mini database with a quote that tries to run a script."""
    copy = tmp_path_factory.mktemp("hostile") / "atlas.duckdb"
    copy.write_bytes(Path(mini_database).read_bytes())
    connection = duckdb.connect(str(copy))
    connection.execute("update mart_evidence set quote = '<script>alert(1)</script> and more' "
                       "where icb_code_ods = 'QWO' and signal_id = 'patient_story'")
    connection.execute("update mart_icb_signals set best_quote = '<script>alert(1)</script>' "
                       "where icb_code_ods = 'QWO' and signal_id = 'patient_story'")
    connection.close()
    return copy


@pytest.fixture(scope="module")
def mini_scrape_runs(mini_database):
    return Path(mini_database).parent / "inputs" / "scrape_runs.jsonl"


@pytest.fixture(scope="module")
def report(script_database, mini_scrape_runs, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "demo"
    return build_report("demo", database=script_database, out=out, scrape_runs=mini_scrape_runs, quiet=True)


def write_empty_inputs(root: Path):
    """Inputs of a run that collected nothing: every ICB's site unreachable."""
    from pipeline import contracts
    from pipeline.models.inputs import BuildInputs
    from pipeline.registry import load_registry

    root.mkdir(parents=True, exist_ok=True)
    (root / "manifest.jsonl").write_text("")
    nulls = {column.name: None for column in contracts.contract("scrape_runs").columns
             if column.nullable}
    runs = [contracts.fixture_rows(
                "scrape_runs", **nulls, run_id="empty", dataset="live",
                started_at="2026-11-01T09:00:00Z", icb_code_ods=icb.icb_code_ods,
                start_url=f"https://{icb.icb_code_ods.lower()}.example.nhs.uk/board",
                status="site_unreachable", detail=UNREACHABLE.format(code=icb.icb_code_ods.lower()),
                finished_at="2026-11-01T09:00:00Z")[0]
            for icb in load_registry().active_on(date(2026, 6, 1))]
    (root / "scrape_runs.jsonl").write_text("".join(json.dumps(row) + "\n" for row in runs))
    for name in ("pages", "documents", "evidence"):
        contracts.write_parquet(contracts.empty_frame(name), name, root / f"{name}.parquet")
    return BuildInputs(dataset="live", manifest=root / "manifest.jsonl",
                       scrape_runs=root / "scrape_runs.jsonl",
                       pages=root / "pages.parquet", documents=root / "documents.parquet",
                       evidence=root / "evidence.parquet", corrections=None)


@pytest.fixture(scope="module")
def empty_report(tmp_path_factory):
    from pipeline.models.build import build_database

    root = tmp_path_factory.mktemp("empty")
    inputs = write_empty_inputs(root / "inputs")
    build_database(inputs, root / "atlas.duckdb")
    return build_report("live", database=root / "atlas.duckdb", out=root / "report" / "live",
                        scrape_runs=inputs.scrape_runs, quiet=True)
