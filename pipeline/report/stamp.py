"""What the report reads, for its up-to-date check (standard library only: the ``report`` command
decides it has nothing to do before importing pandas, matplotlib or Jupyter)."""

from __future__ import annotations

from pathlib import Path

from pipeline.freshness import Freshness, latest_rows_digest
from pipeline.paths import PROJECT_ROOT, REFERENCE_DIR

NOTEBOOK_DIR = PROJECT_ROOT / "notebooks"
REPORT_CODE = Path(__file__).resolve().parent
SIGNALS_TOML = PROJECT_ROOT / "pipeline" / "signals.toml"
EVALUATION_DIR = PROJECT_ROOT / "data" / "evaluation"
TAGGER_ACCURACY = EVALUATION_DIR / "tagger_accuracy.csv"


def latest_real_text_check() -> Path | None:
    """The newest real-text check (``data/evaluation/real_text_check_*.csv``): the one the method
    page shows."""
    checks = sorted(EVALUATION_DIR.glob("real_text_check_*.csv"))
    return checks[-1] if checks else None


def report_freshness(database: Path, out: Path, scrape_runs: Path, downloads: list[Path]) -> Freshness:
    """Every file a page reads (``tests/report/test_stamp.py`` records them): the marts, the
    notebooks and the report's code, the signal definitions, the tagger's accuracy and its latest
    real-text check (the method page), the map boundaries, the 2023 review's figures and the
    downloads. The registry is not among them: pages take ICB codes and names from the marts."""
    notebooks = sorted(NOTEBOOK_DIR.glob("*.py"))
    check = latest_real_text_check()
    inputs = [database, *notebooks, REPORT_CODE, SIGNALS_TOML, TAGGER_ACCURACY,
              *([check] if check else []),
              REFERENCE_DIR / "icb_boundaries_2023.geojson", REFERENCE_DIR / "icb_boundaries_2026.geojson",
              REFERENCE_DIR / "review_2023_formal_involvement.csv", *downloads]
    # The pages show each ICB's latest crawl: its status, reason and the day it was checked.
    crawl = latest_rows_digest(scrape_runs, "icb_code_ods", ["status", "detail", "start_url", "finished_at"],
                               cut={"finished_at": 10})
    return Freshness(Path(out) / ".stamp.json", inputs, [Path(out) / "index.html"],
                     key=f"{Path(out)}:{crawl}")
