"""The crawler on the third to sixth rounds of site shapes it was not built from
(tests/scrape/unseen/sites_round3.py to sites_round6.py): every paper found, nothing else
collected, and on every paper found the meeting date, committee, is_board, document type and title
exactly as a careful reader records them; no off-site or disallowed request. Written apart from
the crawler, its fixtures and recipes.

Each (check, site) where the crawler is wrong is an expected failure (strict) whose reason names the
documents it got wrong, measured before any fix, so a fix turns it into an unexpected pass and the
mark must go. Round 3's were all fixed, and so were round 4's (a board pack shown only in an
``<iframe>`` PDF viewer, a forward plan of meetings, ``?download=true`` duplicates and a policy in a
document library) and round 5's (ZIP "All papers for this meeting" archives, easy-read guides and
an attendance record, a Drupal ``<time datetime>`` field, an item number after an upload folder, a
meeting page's lead and minutes "held on 16 July" without a year, a body named only by the
breadcrumb, combined packs, a subject's annual report, and titles beside a "Download" button),
and so were round 6's (an easy-read summary listed among a meeting's papers, papers published
as web pages whose "Download this page as PDF" rendition takes the page's heading as title and
type, and GOV.UK ``gem-c-attachment`` thumbnails titled by their attachment's title link).
Per-site numbers and every difference:
``.venv/bin/python -m tests.scrape.unseen.measure --round 3`` (or ``4``, ``5``, ``6``).
"""

from pathlib import Path

import pytest

from tests.scrape.unseen import sites_round3, sites_round4, sites_round5, sites_round6
from tests.scrape.unseen.measure import crawl


def all_sites() -> list:
    return (sites_round3.all_sites() + sites_round4.all_sites() + sites_round5.all_sites()
            + sites_round6.all_sites())


NAMES = [site.name for site in all_sites()]

WRONG: dict[tuple[str, str], str] = {}  # (check, site): the measured failure, while it fails


def cases(check: str) -> list:
    return [pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=WRONG[check, name]))
            if (check, name) in WRONG else name for name in NAMES]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    return {site.name: (site, *crawl(site, Path(tmp_path_factory.mktemp(site.name))))
            for site in all_sites()}


def papers_and_collected(site, rows) -> tuple[dict, dict]:
    papers = {row["url"]: row for row in site.expected if row["is_paper"]}
    collected = {row["source_url"]: row for row in rows if row.get("sha256")}
    return papers, collected


def differing(site, rows, same) -> list[str]:
    """The papers collected whose recorded value differs from the expected one, with both."""
    papers, collected = papers_and_collected(site, rows)
    return [f"{url}: {same(papers[url], have)}" for url, have in collected.items()
            if url in papers and same(papers[url], have) is not True]


def equal(mine: str, theirs: str):
    def same(want: dict, have: dict):
        return True if want[mine] == have.get(theirs) else (want[mine], have.get(theirs))
    return same


def same_committee(want: dict, have: dict):
    """The board's name varies by site ('Board', 'Integrated Care Board'): the board's documents
    need is_board; a committee's, its name as the site gives it."""
    if want["is_board"]:
        return True
    name = " ".join((have.get("committee_name") or "").lower().split())
    return True if name == " ".join(want["committee"].lower().split()) else \
        (want["committee"], have.get("committee_name"))


def test_sites_are_what_the_brief_describes():
    """Each site has 6-16 papers and at least one non-paper, all served, links a path its
    robots.txt disallows and a page off its host, and its ICB code is in the ICB registry."""
    registry = Path(__file__).resolve().parents[2] / "data" / "reference" / "icbs.csv"
    codes = {line.split(",", 1)[0] for line in registry.read_text().splitlines()[1:]}
    for site in all_sites():
        papers = [row for row in site.expected if row["is_paper"]]
        assert 6 <= len(papers) <= 16, (site.name, len(papers))
        assert any(not row["is_paper"] for row in site.expected), site.name
        assert all(row["url"] in site.pages for row in site.expected), site.name
        host = "/".join(site.start_url.split("/")[:3])
        assert f"{host}/robots.txt" in site.pages, site.name
        bodies = b"".join(body for kind, body in site.pages.values() if kind.startswith("text/html"))
        linked = [any(form.encode() in bodies for form in (url, f"'/{url.split('/', 3)[3]}'",
                                                          f"'{url.split('/', 3)[3]}'"))
                  for url in site.disallowed]  # absolute, root-relative or (under <base>) relative
        assert site.disallowed and all(linked), site.name
        assert b"href='https://" in bodies.replace(f"href='{host}".encode(), b""), site.name
        assert site.icb_code_ods in codes, site.name


@pytest.mark.parametrize("name", cases("recall"))
def test_every_paper_is_found(crawled, name):
    site, _, rows = crawled[name]
    papers, collected = papers_and_collected(site, rows)
    assert sorted(set(papers) - set(collected)) == []


@pytest.mark.parametrize("name", cases("precision"))
def test_nothing_but_papers_is_collected(crawled, name):
    site, _, rows = crawled[name]
    papers, collected = papers_and_collected(site, rows)
    assert sorted(set(collected) - set(papers)) == []


@pytest.mark.parametrize("name", cases("meeting_date"))
def test_meeting_dates(crawled, name):
    site, _, rows = crawled[name]
    assert differing(site, rows, equal("meeting_date", "meeting_date")) == []


@pytest.mark.parametrize("name", cases("committee"))
def test_committees(crawled, name):
    site, _, rows = crawled[name]
    assert differing(site, rows, same_committee) == []


@pytest.mark.parametrize("name", cases("is_board"))
def test_board_or_not(crawled, name):
    site, _, rows = crawled[name]
    assert differing(site, rows, equal("is_board", "is_board")) == []


@pytest.mark.parametrize("name", cases("document_type"))
def test_document_types(crawled, name):
    site, _, rows = crawled[name]
    assert differing(site, rows, equal("document_type", "document_type")) == []


@pytest.mark.parametrize("name", cases("title"))
def test_titles(crawled, name):
    site, _, rows = crawled[name]
    assert differing(site, rows, equal("title", "title")) == []


@pytest.mark.parametrize("name", cases("requests"))
def test_requests_stay_on_site_and_obey_robots(crawled, name):
    site, adapter, _ = crawled[name]
    host = site.start_url.split("/")[2]
    assert [url for url in adapter.requested if url.split("/")[2] != host] == []
    assert sorted(set(adapter.requested) & site.disallowed) == []
