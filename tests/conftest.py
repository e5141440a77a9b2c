"""Shared fixtures: the demo web (generated once and cached) and a running demo server."""

from pathlib import Path

import pytest

from pipeline.demo import ensure_demo_web
from pipeline.demo.server import DemoServer


@pytest.fixture(scope="session")
def demo_web():
    """The default demo web (cached under data/raw/demo_web/; seconds to generate)."""
    return ensure_demo_web()


@pytest.fixture(scope="session")
def demo_server(demo_web):
    """The demo web served on 127.0.0.1 for the whole test session (fast slow-drip)."""
    with DemoServer(demo_web, drip_interval=0.05) as server:
        yield server


MINI = Path(__file__).parent / "fixtures" / "mini"


def build_mini_inputs(root: Path, corrections: list[dict] | None = None):
    """Write the hand-made mini dataset (tests/fixtures/mini/spec.toml) as pipeline inputs, each
    file built from its contract (pipeline/contracts.toml) and checked against it."""
    import csv
    import hashlib
    import tomllib

    from pipeline import contracts
    from pipeline.io import Journal
    from pipeline.models.inputs import BuildInputs

    spec = tomllib.loads((MINI / "spec.toml").read_text(encoding="utf-8"))
    root.mkdir(parents=True, exist_ok=True)
    manifest, pages, documents, evidence = [], [], [], []
    for number, meeting in enumerate(spec["meeting"]):
        text = " ".join(quote for _, quote in meeting["evidence"]) or "Apologies were noted."
        sha = hashlib.sha256(f"{number}:{text}".encode()).hexdigest()
        url = f"https://{meeting['icb_code_ods'].lower()}.example.nhs.uk/minutes-{meeting['date']}.pdf"
        manifest += contracts.fixture_rows(
            "manifest", dataset="demo", icb_code_ods=meeting["icb_code_ods"],
            committee_name="Integrated Care Board", is_board=True, meeting_date=meeting["date"],
            meeting_month=meeting["date"][:7], document_type="minutes",
            title=f"Minutes {meeting['date']}", source_url=url, requested_url=url,
            found_on_url=url.rsplit("/", 1)[0] + "/", retrieved_at="2026-11-01T09:00:00Z",
            http_status=200, content_type="application/pdf", bytes_count=1000, sha256=sha,
            error=None, run_id="mini")
        pages += contracts.fixture_rows("pages", sha256=sha, page_number=1, text=text,
                                        char_count=len(text), is_needs_ocr=False,
                                        extractor_name="fixture", extractor_version="1")
        documents += contracts.fixture_rows(
            "documents", sha256=sha, status="ok", error=None, page_count=1, char_count=len(text),
            pages_without_text_count=0, is_low_text_density=False, extractor_name="fixture",
            extractor_version="1", seconds=0.0, title_block_meeting_date=None,
            title_block_committee_name=None)
        for signal_id, quote in meeting["evidence"]:
            start = text.index(quote)
            evidence += contracts.fixture_rows(
                "evidence", sha256=sha, page_number=1, signal_id=signal_id, rule_id="fixture",
                start_char=start, end_char=start + len(quote), quote=quote, confidence=0.9,
                tagger_version="fixture")
    for name, rows in (("manifest", manifest), ("scrape_runs", [
            row for scrape in spec["scrape"] for row in contracts.fixture_rows(
                "scrape_runs", run_id="mini", dataset="demo", icb_code_ods=scrape["icb_code_ods"],
                start_url="", status=scrape["status"], started_at="2026-11-01T09:00:00Z",
                finished_at="2026-11-01T09:00:00Z")])):
        path = root / f"{name}.jsonl"
        path.unlink(missing_ok=True)
        with Journal(path, check=lambda row, n=name, p=path: contracts.validate_row(row, n, str(p))) \
                as journal:
            for row in rows:
                journal.append(row)
    for name, rows in (("pages", pages), ("documents", documents), ("evidence", evidence)):
        contracts.write_parquet(contracts.frame(rows, name), name, root / f"{name}.parquet")
    with (root / "corrections.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=contracts.columns("corrections"))
        writer.writeheader()
        writer.writerows(corrections or [])
    contracts.read_csv(root / "corrections.csv", "corrections")
    return BuildInputs(dataset="demo", manifest=root / "manifest.jsonl",
                       scrape_runs=root / "scrape_runs.jsonl", pages=root / "pages.parquet",
                       documents=root / "documents.parquet", evidence=root / "evidence.parquet",
                       corrections=root / "corrections.csv",
                       # pinned, so the mini goldens do not move when the tagger is re-measured
                       tagger_accuracy=MINI / "tagger_accuracy.csv")


@pytest.fixture(scope="session")
def mini_database(tmp_path_factory):
    """The mini dataset built into a DuckDB database (path)."""
    from pipeline.models.build import build_database

    root = tmp_path_factory.mktemp("mini")
    target = root / "atlas.duckdb"
    build_database(build_mini_inputs(root / "inputs"), target)
    return target
