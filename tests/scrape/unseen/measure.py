"""Crawl the unseen sites and print, per site, recall, precision and metadata accuracy, then every
document the crawler missed, collected wrongly, or described differently from a careful reader.

    .venv/bin/python -m tests.scrape.unseen.measure            # round 2 (sites_round2.py)
    .venv/bin/python -m tests.scrape.unseen.measure --round 1  # round 1 (sites.py)
    .venv/bin/python -m tests.scrape.unseen.measure --round 3  # round 3 (sites_round3.py)
    .venv/bin/python -m tests.scrape.unseen.measure --round 4  # round 4 (sites_round4.py)
    .venv/bin/python -m tests.scrape.unseen.measure --round 5  # round 5 (sites_round5.py)
    .venv/bin/python -m tests.scrape.unseen.measure --round 6  # round 6 (sites_round6.py)
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from pipeline.io import read_rows
from pipeline.scrape.fetch import CrawlSettings
from pipeline.scrape.run import scrape
from tests.scrape.unseen import sites, sites_round2, sites_round3, sites_round4, sites_round5, sites_round6
from tests.scrape.unseen.serve import SitesAdapter, score, session_for

ROUNDS = {1: sites, 2: sites_round2, 3: sites_round3, 4: sites_round4, 5: sites_round5,
          6: sites_round6}
FIELDS = (("meeting_date", "meeting_date"), ("committee", "committee_name"),
          ("is_board", "is_board"), ("document_type", "document_type"))


def crawl(site, root: Path) -> tuple[SitesAdapter, list[dict]]:
    """Crawl one site from its start URL into ``root``; the requests made and the manifest rows."""
    adapter = SitesAdapter([site])
    scrape("live", icb_codes=[site.icb_code_ods], start_url=site.start_url,
           settings=CrawlSettings.for_demo(), session_factory=lambda: session_for(adapter),
           progress=False, root=root)
    return adapter, read_rows(root / "manifest.jsonl")


def differences(site, adapter: SitesAdapter, rows: list[dict]) -> list[str]:
    """One line per way the crawl differs from the site's expected documents and request rules."""
    expected = {row["url"]: row for row in site.expected}
    got = {row["source_url"]: row for row in rows if row.get("sha256")}
    lines = [f"missed {url}" for url, row in expected.items() if row["is_paper"] and url not in got]
    for url, have in got.items():
        want = expected.get(url)
        if want is None or not want["is_paper"]:
            lines.append(f"collected non-paper {url} (as {have.get('document_type')})")
            continue
        for mine, theirs in FIELDS:
            if want[mine] != have.get(theirs) and not (mine == "committee" and want["is_board"]):
                lines.append(f"{mine} {url}: expected {want[mine]!r}, got {have.get(theirs)!r}")
    host = site.start_url.split("/")[2]
    lines += [f"off-site request {url}" for url in adapter.requested if url.split("/")[2] != host]
    lines += [f"disallowed request {url}" for url in set(adapter.requested) & site.disallowed]
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Score the crawler on the unseen test sites.")
    parser.add_argument("--round", type=int, choices=sorted(ROUNDS), default=2,
                        help="which set of sites: 1 (sites.py), 2 (sites_round2.py), 3 "
                             "(sites_round3.py), 4 (sites_round4.py), 5 (sites_round5.py) or 6 "
                             "(sites_round6.py)")
    args = parser.parse_args(argv)
    module = ROUNDS[args.round]
    with tempfile.TemporaryDirectory() as tmp:
        for site in module.all_sites():
            adapter, rows = crawl(site, Path(tmp) / site.name)
            result = score(site, rows)
            print(site.name, " ".join(f"{key}={value:.2f}" for key, value in result.items()))
            for line in differences(site, adapter, rows):
                print("   ", line)


if __name__ == "__main__":
    main()
