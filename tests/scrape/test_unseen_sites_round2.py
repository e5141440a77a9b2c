"""The crawler on a second round of site shapes it was not built from (tests/scrape/unseen/
sites_round2.py): every paper found, nothing else collected, meeting date, committee and type as a
careful reader records them, no off-site or disallowed request. Written apart from the crawler.

Where the crawler is wrong the test is an expected failure (strict), with the measured numbers and
the documents it got wrong, so a fix turns it into an unexpected pass. Per-site numbers and every
difference: ``.venv/bin/python -m tests.scrape.unseen.measure``.
"""

from pathlib import Path

import pytest

from tests.scrape.unseen.measure import crawl
from tests.scrape.unseen.serve import score
from tests.scrape.unseen.sites_round2 import all_sites

NAMES = [site.name for site in all_sites()]

WRONG: dict[tuple[str, str], str] = {}  # (test, site): the measured failure, while it fails


def sites_for(test: str) -> list:
    return [pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=WRONG[test, name]))
            if (test, name) in WRONG else name for name in NAMES]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    return {site.name: (site, *crawl(site, Path(tmp_path_factory.mktemp(site.name))))
            for site in all_sites()}


def test_sites_are_what_the_brief_describes():
    """Each site has 6-15 papers and at least one non-paper, all served, and links a path its
    robots.txt disallows."""
    for site in all_sites():
        papers = [row for row in site.expected if row["is_paper"]]
        assert 6 <= len(papers) <= 15, (site.name, len(papers))
        assert any(not row["is_paper"] for row in site.expected), site.name
        assert all(row["url"] in site.pages for row in site.expected), site.name
        host = "/".join(site.start_url.split("/")[:3])
        assert f"{host}/robots.txt" in site.pages, site.name
        bodies = b"".join(body for kind, body in site.pages.values() if kind.startswith("text/html"))
        assert site.disallowed and all(url.encode() in bodies for url in site.disallowed), site.name


@pytest.mark.parametrize("name", sites_for("recall"))
def test_every_paper_is_found(crawled, name):
    site, _, rows = crawled[name]
    assert score(site, rows)["recall"] == 1.0


@pytest.mark.parametrize("name", sites_for("precision"))
def test_nothing_but_papers_is_collected(crawled, name):
    site, _, rows = crawled[name]
    assert score(site, rows)["precision"] == 1.0


@pytest.mark.parametrize("name", sites_for("meeting_date"))
def test_meeting_dates(crawled, name):
    site, _, rows = crawled[name]
    assert score(site, rows)["meeting_date"] >= 0.95


@pytest.mark.parametrize("name", sites_for("committee"))
def test_committees(crawled, name):
    site, _, rows = crawled[name]
    assert score(site, rows)["committee"] >= 0.95


@pytest.mark.parametrize("name", sites_for("document_type"))
def test_document_types(crawled, name):
    site, _, rows = crawled[name]
    assert score(site, rows)["document_type"] >= 0.90


@pytest.mark.parametrize("name", NAMES)
def test_requests_stay_on_site_and_obey_robots(crawled, name):
    site, adapter, _ = crawled[name]
    host = site.start_url.split("/")[2]
    assert [url for url in adapter.requested if url.split("/")[2] != host] == []
    assert not set(adapter.requested) & site.disallowed


def test_document_types_across_round2(crawled):
    right = total = 0
    for site, _, rows in crawled.values():
        expected = {row["url"]: row["document_type"] for row in site.expected if row["is_paper"]}
        for row in rows:
            if row.get("sha256") and row["source_url"] in expected:
                total += 1
                right += row["document_type"] == expected[row["source_url"]]
    assert total and right / total >= 0.90, (right, total)
