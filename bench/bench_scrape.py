"""Scrape speed and accuracy on the demo web: a first run, then a rerun over the unchanged web (the
baseline is
the first run, measured in the same process). The rerun must download no document bodies.

A rerun asks about every page but not about documents still within their freshness lifetime; a
third run with ``max_fresh_hours=0`` (``scrape --revalidate``) asks about every document too, and
is reported against the same baseline.

A site whose robots.txt sets a Crawl-delay puts a floor under any run: its requests cannot be closer
together than that. The benchmark prints that floor beside each ratio, so a slow rerun can be told
apart from a polite one. After the first run it prints the five accuracy numbers per demo family
(``pipeline.scrape.scoring``), then what the documents' own title blocks say
(``pipeline.extract.title_block``) and what date and committee accuracy would be if a title block's
value overrode the scrape's; neither is timed.
"""

from __future__ import annotations

import csv
import shutil
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from protego import Protego

from pipeline.commands.scrape_wiring import scrape_dataset
from pipeline.demo import ensure_demo_web
from pipeline.extract.engines import ExtractionError, detect_format, extract, pdf_page_range
from pipeline.extract.title_block import BOARD_NAME, read_title_block
from pipeline.io import read_manifest, read_rows, store_path
from pipeline.scrape.crawler import SiteSummary
from pipeline.scrape.fetch import CrawlSettings
from pipeline.scrape.scoring import committee_key, is_kept, score


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


def title_block_accuracy(root: Path) -> None:
    """What the documents' own title blocks (``pipeline.extract.title_block`` on page 1) say, per
    demo family: how often they state a date and a committee, how often that agrees with the
    ground truth, and the date and committee accuracy if a stated value overrode the scrape's."""
    web = ensure_demo_web()
    family = {row["icb_code_ods"]: row["family"] for row in web.sites()}
    with (web.ground_truth_dir / "documents.csv").open(encoding="utf-8") as handle:
        expected = {row["url"]: row for row in csv.DictReader(handle)
                    if row["is_paper"] == "true" and row.get("is_reachable", "true") == "true"}
    counts: dict[str, Counter] = defaultdict(Counter)
    for url, entry in read_manifest(root).items():
        row = expected.get(url)
        if row is None or not is_kept(entry) or not entry.get("sha256"):
            continue
        data = store_path(root / "store", entry["sha256"]).read_bytes()
        try:
            pages = pdf_page_range(data, 0, 1) if detect_format(data) == "pdf" else extract(data)[1]
        except ExtractionError:
            continue
        block = read_title_block(pages[0].text if pages else "")
        right_committee = committee_key(row["committee_name"], row["is_board"])
        for key in (family[row["icb_code_ods"]], "all"):
            tally = counts[key]
            tally["documents"] += 1
            if block.meeting_date:
                tally["dates"] += 1
                tally["dates_right"] += block.meeting_date.isoformat() == row["meeting_date"]
            if block.committee_name:
                tally["committees"] += 1
                tally["committees_right"] += committee_key(
                    block.committee_name, block.committee_name == BOARD_NAME) == right_committee
            date = block.meeting_date.isoformat() if block.meeting_date else entry.get("meeting_date")
            tally["merged_date_right"] += (date or "") == row["meeting_date"]
            committee = committee_key(block.committee_name, block.committee_name == BOARD_NAME) \
                if block.committee_name else committee_key(entry.get("committee_name"), entry.get("is_board"))
            tally["merged_committee_right"] += committee == right_committee
    print("title blocks (page 1) against the demo ground truth; 'if it overrode' = the title "
          "block's value where it states one, else the scrape's:")
    for name in sorted(counts, key=lambda key: (key == "all", key)):
        tally = counts[name]
        print(f"  {name:14} date stated {tally['dates']}/{tally['documents']}, right "
              f"{tally['dates_right']}; committee stated {tally['committees']}, right "
              f"{tally['committees_right']}; if it overrode: date "
              f"{tally['merged_date_right'] / tally['documents']:.3f} committee "
              f"{tally['merged_committee_right'] / tally['documents']:.3f}")


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="bench-scrape-"))
    manifest = root / "data" / "manifest.jsonl"
    try:
        scrape_dataset("demo", icb_codes=["QWO"], root=root / "warm-up", progress=False)
        first_seconds, first = timed_run(root / "data")
        accuracy(root / "data")
        title_block_accuracy(root / "data")
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
