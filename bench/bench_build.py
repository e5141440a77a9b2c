"""Model build at scale: a synthetic dataset 100x the demo (about 4,000 ICB-years and 10 million
evidence rows) against the demo dataset's build (the baseline), each in its own process so time
and peak memory are measured alike."""

from __future__ import annotations

import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from pipeline import contracts
from pipeline.paths import REFERENCE_DIR, raw_dir
from pipeline.signals import load_signals

ICB_COUNT = 960
MEETINGS_PER_YEAR = 20
EVIDENCE_ROWS = 10_000_000
BUILD = """
import sys
from pathlib import Path
from pipeline.models.build import build_database
from pipeline.models.inputs import BuildInputs
root = Path(sys.argv[1])
inputs = BuildInputs.for_dataset("demo") if sys.argv[2] == "demo" else BuildInputs(
    dataset="demo", manifest=root / "manifest.jsonl", scrape_runs=root / "scrape_runs.jsonl",
    pages=root / "pages.parquet", documents=root / "documents.parquet",
    evidence=root / "evidence.parquet", reference_dir=root / "reference")
print(build_database(inputs, root / "atlas.duckdb", force=True)["mart_evidence"])
"""


def synthetic_registry(folder: Path, icb_count: int = ICB_COUNT) -> list[str]:
    """ICBs X0000... spread over the real regions, all in being since July 2022; their codes."""
    folder.mkdir(parents=True)
    regions = list(csv.DictReader((REFERENCE_DIR / "regions.csv").open(encoding="utf-8")))
    for name in ("regions.csv", "region_ons_codes.csv"):
        (folder / name).write_bytes((REFERENCE_DIR / name).read_bytes())
    (folder / "icb_successions.csv").write_text(
        "predecessor_icb_code_ods,successor_icb_code_ods,effective_date,change_type,"
        "sub_icb_locations_moved,confidence\n")
    with (folder / "icbs.csv").open("w", newline="") as icbs, \
            (folder / "icb_ons_codes.csv").open("w", newline="") as codes:
        icb_writer, code_writer = csv.writer(icbs), csv.writer(codes)
        icb_writer.writerow(["icb_code_ods", "icb_name", "icb_short_name", "region_code_ods",
                             "valid_from_date", "valid_to_date", "website_url", "website_basis",
                             "board_papers_url", "board_papers_url_status", "notes"])
        code_writer.writerow(["icb_code_ods", "icb_code_ons", "valid_from_date", "valid_to_date"])
        for number in range(icb_count):
            code = f"X{number:04d}"
            icb_writer.writerow([code, f"NHS Synthetic {number} ICB", f"Synthetic {number}",
                                 regions[number % len(regions)]["region_code_ods"], "2022-07-01", "",
                                 "", "", "", "", ""])
            code_writer.writerow([code, f"E9{number:07d}", "2022-07-01", ""])
    return [f"X{number:04d}" for number in range(icb_count)]


def synthetic_dataset(root: Path) -> None:
    synthetic_registry(root / "reference")
    connection = duckdb.connect()
    connection.execute("set enable_progress_bar = false")
    meetings = ICB_COUNT * MEETINGS_PER_YEAR * 4
    connection.execute(f"""
        create table docs as
        select i as doc, printf('X%04d', i % {ICB_COUNT}) as icb_code_ods,
               date '2022-07-01' + cast((i // {ICB_COUNT}) * 18 as integer) as meeting_date,
               sha256(cast(i as varchar)) as sha256
        from range({meetings}) as t(i)""")
    manifest = _select("manifest", dataset="'demo'", icb_code_ods="icb_code_ods",
                       committee_name="'Integrated Care Board'", is_board="true",
                       meeting_date="cast(meeting_date as varchar)",
                       meeting_month="strftime(meeting_date, '%Y-%m')", document_type="'minutes'",
                       title="'Minutes'", source_url="'https://x.nhs.uk/' || doc || '.pdf'",
                       requested_url="'https://x.nhs.uk/' || doc || '.pdf'", found_on_url="''",
                       retrieved_at="'2026-11-01T00:00:00Z'", http_status="200",
                       content_type="'application/pdf'", bytes_count="1000", sha256="sha256",
                       run_id="'bench'")
    connection.execute(f"""copy (select * replace (strftime(retrieved_at, '%Y-%m-%dT%H:%M:%SZ')
                                            as retrieved_at)
                              from (select {manifest} from docs))
        to '{root / "manifest.jsonl"}' (format json)""")
    text = "abcdefghij" * 50
    connection.execute(f"""copy (select sha256, 1 as page_number, '{text}' as text, 500 as char_count,
        false as is_needs_ocr, 'bench' as extractor_name, '1' as extractor_version from docs)
        to '{root / "pages.parquet"}' (format parquet)""")
    connection.execute(f"""copy (select sha256, 'ok' as status, null as error, 1 as page_count,
        500 as char_count, 0 as pages_without_text_count, false as is_low_text_density,
        'bench' as extractor_name, '1' as extractor_version, 0.0 as seconds from docs)
        to '{root / "documents.parquet"}' (format parquet)""")
    signals = [signal.signal_id for signal in load_signals().signals]
    # the k-th passage of a document starts at 3k: distinct keys (the marts' column checks) while
    # a document has fewer than 150 passages (about 130 at full size)
    connection.execute(f"""copy (
        select d.sha256, 1 as page_number, ({signals!r})[1 + (e.k + d.doc) % {len(signals)}] as signal_id,
               'bench' as rule_id, cast(e.k * 3 % 450 as integer) as start_char,
               cast(e.k * 3 % 450 + 50 as integer) as end_char,
               substr('{text}', cast(e.k * 3 % 450 as integer) + 1, 50) as quote,
               0.8 as confidence, 'bench' as tagger_version
        from (select i, i // {meetings} as k from range({EVIDENCE_ROWS}) as r(i)) as e
        join docs as d on d.doc = e.i % {meetings})
        to '{root / "evidence.parquet"}' (format parquet)""")
    with (root / "scrape_runs.jsonl").open("w") as handle:
        for number in range(ICB_COUNT):
            handle.write(json.dumps(contracts.fixture_rows(
                "scrape_runs", **_nulls("scrape_runs"), run_id="bench", dataset="demo",
                started_at="2026-11-01T00:00:00Z", icb_code_ods=f"X{number:04d}", start_url="",
                status="ok", finished_at="2026-11-01T00:00:00Z")[0]) + "\n")


def _nulls(name: str) -> dict:
    return {column.name: None for column in contracts.contract(name).columns if column.nullable}


def _select(name: str, **expressions: str) -> str:
    """A select list for contract ``name``'s columns: the expressions given, null elsewhere."""
    return contracts.sql_select(name, {**{column: "null" for column in _nulls(name)}, **expressions})


def timed_build(root: Path, which: str) -> tuple[float, float, str]:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", BUILD, str(root), which], capture_output=True,
                            text=True, check=True)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, peak_mb, result.stdout.strip()


def main() -> None:
    if not (raw_dir("demo") / "manifest.jsonl").exists():
        print("demo dataset not built: run `make report` first for the baseline")
        return
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        demo_seconds, demo_peak, demo_rows = timed_build(root, "demo")
        (root / "atlas.duckdb").unlink(missing_ok=True)
        started = time.perf_counter()
        synthetic_dataset(root)
        print(f"synthetic dataset: {ICB_COUNT} ICBs x 4+ years, {EVIDENCE_ROWS:,} evidence rows "
              f"(generated in {time.perf_counter() - started:.0f} s)")
        big_seconds, big_peak, big_rows = timed_build(root, "synthetic")
    print(f"demo build     : {demo_seconds:6.1f} s, peak {demo_peak:6.0f} MB, {demo_rows} evidence rows")
    print(f"synthetic build: {big_seconds:6.1f} s, peak {big_peak:6.0f} MB, {big_rows} evidence rows")
    print(f"time ratio synthetic / demo = {big_seconds / demo_seconds:.1f}x "
          "(peak memory is the largest child process so far)")
