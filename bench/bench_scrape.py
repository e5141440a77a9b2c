"""Scrape speed and accuracy on the demo web: a first run, then a rerun over the unchanged web (the
baseline is
the first run, measured in the same process). The rerun must download no document bodies.

A rerun asks about every page but not about documents still within their freshness lifetime; a
third run with ``max_fresh_hours=0`` (``scrape --revalidate``) asks about every document too, and
is reported against the same baseline.

A site whose robots.txt sets a Crawl-delay puts a floor under any run: its requests cannot be closer
together than that. The benchmark prints that floor beside each ratio, so a slow rerun can be told
apart from a polite one. After the first run it prints the five accuracy numbers per demo family
(``pipeline.scrape.scoring``).
"""

from __future__ import annotations

import csv
import shutil
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from protego import Protego

from pipeline.commands.scrape_wiring import scrape_dataset
from pipeline.demo import ensure_demo_web
from pipeline.io import read_manifest, read_rows
from pipeline.scrape.crawler import SiteSummary
from pipeline.scrape.fetch import CrawlSettings
from pipeline.scrape.scoring import score


def timed_run(root: Path, settings: CrawlSettings | None = None) -> tuple[float, list]:
    started = time.perf_counter()
    summaries = scrape_dataset("demo", root=root, progress=False, settings=settings)
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


def accuracy(root: Path) -> None:
    """Recall, precision and, on matched documents, date, committee and type accuracy per demo
    family, against the demo web's ground truth (goals: 0.97, 0.97, 0.95, 0.95, 0.90)."""
    web = ensure_demo_web()
    family = {row["icb_code_ods"]: row["family"] for row in web.sites()}
    with (web.ground_truth_dir / "documents.csv").open(encoding="utf-8") as handle:
        expected = [{**row, "family": family[row["icb_code_ods"]]} for row in csv.DictReader(handle)]
    scores = score(expected, read_manifest(root), "family")
    print("accuracy against the demo ground truth (goal: recall, precision >= 0.97; date, "
          "committee >= 0.95; type >= 0.90):")
    for name in sorted(scores, key=lambda key: (key == "all", key)):
        print(f"  {name:14} {scores[name].line()}")


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="bench-scrape-"))
    manifest = root / "data" / "manifest.jsonl"
    try:
        scrape_dataset("demo", icb_codes=["QWO"], root=root / "warm-up", progress=False)
        first_seconds, first = timed_run(root / "data")
        accuracy(root / "data")
        runs = [("first run", first_seconds, first, 0)]
        for label, settings in (("rerun", None),
                                ("revalidate", replace(CrawlSettings.for_demo(),
                                                       max_fresh_hours=0.0))):
            rows_before = len(read_rows(manifest))
            seconds, summaries = timed_run(root / "data", settings)
            runs.append((label, seconds, summaries, len(read_rows(manifest)) - rows_before))
        for label, seconds, summaries, _ in runs:
            documents = sum(s.new_count + s.unchanged_count for s in summaries)
            requests_made = sum(s.request_count for s in summaries)
            print(f"{label:10}: {seconds:6.1f} s, {documents} documents ({documents / seconds:.0f}/s), "
                  f"{requests_made} requests ({requests_made / seconds:.0f}/s), "
                  f"new {sum(s.new_count for s in summaries)}, "
                  f"not asked again (fresh) {sum(s.fresh_count for s in summaries)}")
        for label, seconds, summaries, new_rows in runs[1:]:
            floor, site = politeness_floor(summaries)
            print(f"{label}: downloaded {sum(s.new_count for s in summaries)} document bodies, "
                  f"wrote {new_rows} manifest rows; {label} / first run = "
                  f"{seconds / first_seconds:.2f} (goal <= 0.10 for the rerun)")
            print(f"  politeness floor: {floor:.1f} s ({floor / first_seconds:.2f} of the first run) "
                  f"from {site}; this run took {seconds - floor:.1f} s more")
    finally:
        shutil.rmtree(root, ignore_errors=True)
