"""Scrape speed on the demo web: a first run, then a rerun over the unchanged web (the baseline is
the first run, measured in the same process). The rerun must download no document bodies.

A site whose robots.txt sets a Crawl-delay puts a floor under any run: its requests cannot be closer
together than that. The benchmark prints that floor beside the ratio, so a slow rerun can be told
apart from a polite one.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from protego import Protego

from pipeline.demo import ensure_demo_web
from pipeline.scrape.crawler import SiteSummary
from pipeline.scrape.fetch import CrawlSettings
from pipeline.scrape.manifest import read_rows
from pipeline.scrape.run import scrape


def timed_run(root: Path) -> tuple[float, list]:
    started = time.perf_counter()
    summaries = scrape("demo", root=root, progress=False)
    return time.perf_counter() - started, summaries


def politeness_floor(summaries: list[SiteSummary]) -> tuple[float, str]:
    """The longest wait one site's Crawl-delay forces on a run, in seconds, and which site."""
    web = ensure_demo_web()
    user_agent = CrawlSettings().user_agent
    floor, site = 0.0, "none"
    for summary in summaries:
        host = urlsplit(summary.start_url).hostname or ""
        robots = web.site_dir / host / "robots.txt"
        if not robots.is_file():
            continue
        delay = Protego.parse(robots.read_text()).crawl_delay(user_agent) or 0.0
        # robots.txt is fetched without waiting, and the first request after it need not wait
        seconds = delay * max(summary.request_count - 2, 0)
        if seconds > floor:
            floor, site = seconds, (f"{summary.icb_code_ods} ({host}: Crawl-delay {delay:g} s, "
                                    f"{summary.request_count} requests)")
    return floor, site


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
        floor, site = politeness_floor(second)
        print(f"politeness floor: {floor:.1f} s ({floor / first_seconds:.2f} of the first run) from "
              f"{site}; no rerun can be faster, and this one took {second_seconds - floor:.1f} s more")
    finally:
        shutil.rmtree(root, ignore_errors=True)
