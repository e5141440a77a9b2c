"""Scrape speed on the demo web: a first run, then a rerun over the unchanged web (the baseline is
the first run, measured in the same process). The rerun must download no document bodies."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from pipeline.scrape.manifest import read_rows
from pipeline.scrape.run import scrape


def timed_run(root: Path) -> tuple[float, list]:
    started = time.perf_counter()
    summaries = scrape("demo", root=root, progress=False)
    return time.perf_counter() - started, summaries


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="bench-scrape-"))
    try:
        scrape("demo", icb_codes=["QWO"], root=root / "warm-up", progress=False)
        first_seconds, first = timed_run(root / "data")
        rows_after_first = len(read_rows(root / "data" / "manifest.jsonl"))
        second_seconds, second = timed_run(root / "data")
        new_rows = len(read_rows(root / "data" / "manifest.jsonl")) - rows_after_first
        for label, seconds, summaries in (("first run", first_seconds, first),
                                          ("rerun", second_seconds, second)):
            documents = sum(s.new_count + s.unchanged_count for s in summaries)
            requests_made = sum(s.request_count for s in summaries)
            print(f"{label:9}: {seconds:6.1f} s, {documents} documents ({documents / seconds:.0f}/s), "
                  f"{requests_made} requests ({requests_made / seconds:.0f}/s), "
                  f"new {sum(s.new_count for s in summaries)}")
        print(f"rerun downloaded {sum(s.new_count for s in second)} document bodies and wrote "
              f"{new_rows} manifest rows")
        print(f"rerun / first run = {second_seconds / first_seconds:.2f} (goal <= 0.10)")
    finally:
        shutil.rmtree(root, ignore_errors=True)
