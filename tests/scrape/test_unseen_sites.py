"""The crawler on site shapes it was not built from (tests/scrape/unseen/sites.py): every paper
found, nothing else collected, metadata from the page's structure, no off-site or disallowed
request. Written apart from the crawler, so a regression here means a real site would suffer."""

from pathlib import Path

import pytest

from pipeline.io import read_rows
from pipeline.scrape.fetch import CrawlSettings
from pipeline.scrape.run import scrape
from tests.scrape.unseen.serve import SitesAdapter, score, session_for
from tests.scrape.unseen.sites import all_sites


def crawl(site, root):
    adapter = SitesAdapter([site])
    scrape("live", icb_codes=[site.icb_code_ods], start_url=site.start_url,
           settings=CrawlSettings.for_demo(), session_factory=lambda: session_for(adapter),
           progress=False, root=root)
    return adapter, read_rows(Path(root) / "manifest.jsonl")


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    return {site.name: (site, *crawl(site, tmp_path_factory.mktemp(site.name))) for site in all_sites()}


@pytest.mark.parametrize("name", [site.name for site in all_sites()])
def test_every_paper_and_nothing_else(crawled, name):
    site, adapter, rows = crawled[name]
    result = score(site, rows)
    assert result["recall"] == 1.0 and result["precision"] == 1.0, result
    assert result["meeting_date"] >= 0.95 and result["committee"] >= 0.95, result
    host = site.start_url.split("/")[2]
    assert [url for url in adapter.requested if url.split("/")[2] != host] == []
    assert not set(adapter.requested) & site.disallowed


def test_document_types_across_the_unseen_sites(crawled):
    """Every document's type, against the goal of issue 15 (0.90): "Board papers" under a news
    post's download button is the meeting's whole pack."""
    right = total = 0
    for site, _, rows in crawled.values():
        expected = {row["url"]: row["document_type"] for row in site.expected if row["is_paper"]}
        for row in rows:
            if row.get("sha256") and row["source_url"] in expected:
                total += 1
                right += row["document_type"] == expected[row["source_url"]]
    assert total and right / total >= 0.90, (right, total)
