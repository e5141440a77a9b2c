"""Each platform against a small saved site written for it: every field of every expected row."""

from datetime import date
from pathlib import Path

import pytest

from pipeline.io import read_manifest, read_rows
from pipeline.scrape.fetch import CrawlSettings
from pipeline.scrape.links import Link, parse_page
from pipeline.scrape.platforms import PlatformAssumptionError, detect, platform_named
from pipeline.scrape.run import scrape
from pipeline.scrape.scoring import score
from tests.scrape.fixture_sites import PLATFORM_FIXTURES, FixtureAdapter, load_fixture, session_for

PLATFORMS = sorted(path.stem for path in PLATFORM_FIXTURES.glob("*.toml"))
SETTINGS = CrawlSettings.for_demo()
FIELDS = ("title", "meeting_date", "committee_name", "is_board", "document_type")
SOURCES = {"title": "title_source", "meeting_date": "date_source",
           "committee_name": "committee_source", "document_type": "type_source"}


def crawl(name: str, root: Path):
    fixture = load_fixture(name)
    site = fixture["site"]
    adapter = FixtureAdapter(fixture)
    start_url = f"https://{site['host']}{site['start_path']}"
    summary = scrape("live", icb_codes=[site["icb_code_ods"]], start_url=start_url, root=root,
                     settings=SETTINGS, session_factory=session_for(adapter), progress=False,
                     start_urls={site["icb_code_ods"]: start_url})[0]
    return fixture, adapter, summary, read_manifest(root)


@pytest.mark.parametrize("name", PLATFORMS)
def test_every_field_of_every_expected_row(name, tmp_path):
    fixture, adapter, summary, manifest = crawl(name, tmp_path)
    assert summary.status == "ok", summary.detail
    problems = differences(fixture["expected"], manifest)
    assert not problems, "\n".join(problems)
    assert all(entry["platform"] == name for entry in manifest.values())


def differences(expected: list[dict], manifest: dict) -> list[str]:
    """Every way the manifest differs from the expected rows, field by field, and every document
    it has that no row expects."""
    problems = []
    for row in expected:
        entry = manifest.get(row["url"])
        if entry is None:
            problems.append(f"not found: {row['url']}")
            continue
        if row["is_paper"] and not entry.get("sha256"):
            problems.append(f"not collected ({entry.get('error')}): {row['url']}")
        if row["is_paper"] == bool(entry.get("skip_reason")):
            problems.append(f"is_paper {row['is_paper']} but skip_reason "
                            f"{entry.get('skip_reason')!r}: {row['url']}")
        for field in FIELDS:
            wanted = None if row[field] == "" else row[field]
            if entry.get(field) != wanted:
                problems.append(f"{field}: expected {wanted!r}, got {entry.get(field)!r} "
                                f"(from {entry.get(SOURCES.get(field))}): {row['url']}")
    extra = set(manifest) - {row["url"] for row in expected}
    return problems + [f"unexpected document: {url}" for url in sorted(extra)]


def test_governance_registers_are_recorded_as_not_papers(tmp_path):
    """A register of interests, a gifts and hospitality register and standing financial
    instructions beside the board's papers: in the manifest, never fetched, each with its reason."""
    fixture, adapter, _, manifest = crawl("wordpress", tmp_path)
    uploads = f"https://{fixture['site']['host']}/wp-content/uploads/2024"
    reasons = {url: (manifest[url]["skip_reason"], manifest[url]["sha256"], manifest[url]["error"])
               for url in (f"{uploads}/08/Register-of-Interests-August-2024.pdf",
                           f"{uploads}/04/Gifts-and-Hospitality-Register-2024-25.pdf",
                           f"{uploads}/04/SFIs-2024-25.pdf")}
    assert list(reasons.values()) == [
        ("not a paper: a register of interests", None, "skipped: not a paper: a register of interests"),
        ("not a paper: a gifts and hospitality register", None,
         "skipped: not a paper: a gifts and hospitality register"),
        ("not a paper: standing financial instructions", None,
         "skipped: not a paper: standing financial instructions")]
    assert not {url.split("/", 3)[3] for url in reasons} & {path.lstrip("/")
                                                            for _, path in adapter.requests}


def test_a_moderngov_calendar_month_pages_through_its_months(tmp_path):
    """A crawl started from a Modern.Gov calendar month follows its previous and next months and
    each month's meetings: every document of those meetings, every field, and nothing from the
    committee pages the calendar does not link (the board's terms of reference)."""
    fixture = load_fixture("moderngov")
    adapter = FixtureAdapter(fixture)
    start_url = f"https://{fixture['site']['host']}/mgCalendarMonthView.aspx?M=4&Y=2024"
    summary = scrape("live", icb_codes=["QNX"], start_url=start_url, root=tmp_path,
                     settings=SETTINGS, session_factory=session_for(adapter), progress=False,
                     start_urls={"QNX": start_url})[0]
    manifest = read_manifest(tmp_path)
    expected = [row for row in fixture["expected"] if "Terms%20of%20Reference" not in row["url"]]
    assert summary.status == "ok", summary.detail
    assert differences(expected, manifest) == []
    assert {entry["platform"] for entry in manifest.values()} == {"moderngov"}
    months = sorted(path for _, path in adapter.requests if "mgCalendar" in path)
    assert months == [f"/mgCalendarMonthView.aspx?M={month}&Y=2024" for month in range(1, 7)]
    assert "/ieIssueDetails.aspx?IId=4410&Opt=3" not in {path for _, path in adapter.requests}


@pytest.mark.parametrize("href,is_page", [
    ("/mgCalendarMonthView.aspx?M=3&Y=2025", True),
    ("/mgCalendarMonthView.aspx?M=7&Y=2022", True),  # the month the ICBs were established
    ("/mgCalendarMonthView.aspx?M=6&Y=2022", False),
    ("/mgCalendarMonthView.aspx?M=11&Y=2025", True),  # next month: its papers may be out
    ("/mgCalendarMonthView.aspx?M=12&Y=2025", False),
    ("/mgCalendarMonthView.aspx?GL=1&bcr=1", True),  # the current month
    ("/mgCalendarMonthView.aspx?m=2&dd=2024&CID=0", True),
    ("/mgCalendarMonthView.aspx?m=2&dd=2021&CID=0", False),
])
def test_moderngov_calendar_months_from_the_icbs_to_next_month(href, is_page):
    moderngov = platform_named("moderngov")
    assert moderngov.is_calendar_month_in_range(f"https://d.example.nhs.uk{href}",
                                                date(2025, 10, 14)) == is_page


def test_moderngov_calendar_links_page_only_from_a_calendar():
    moderngov = platform_named("moderngov")
    calendar = "https://d.example.nhs.uk/mgCalendarMonthView.aspx?M=5&Y=2025"
    previous = Link("https://d.example.nhs.uk/mgCalendarMonthView.aspx?M=4&Y=2025",
                    "Previous month")
    far = Link("https://d.example.nhs.uk/mgCalendarMonthView.aspx?M=4&Y=2100", "Next month")
    meeting = Link("https://d.example.nhs.uk/ieListDocuments.aspx?CId=140&MId=2201", "Board")
    assert moderngov.is_pagination(previous, calendar)
    assert not moderngov.is_pagination(far, calendar)
    assert not moderngov.is_pagination(meeting, calendar) and moderngov.follows(meeting)
    assert not moderngov.is_pagination(previous, "https://d.example.nhs.uk/mgListCommittees.aspx")
    assert not moderngov.follows(previous)
    assert not moderngov.follows(Link("https://d.example.nhs.uk/ieIssueDetails.aspx?IId=3301",
                                      "View the history of this item"))


@pytest.mark.parametrize("name", PLATFORMS)
def test_polite_on_every_platform(name, tmp_path):
    fixture, adapter, summary, _ = crawl(name, tmp_path)
    host = fixture["site"]["host"]
    disallowed = [line.split(":", 1)[1].strip() for line in fixture["site"]["robots"].splitlines()
                  if line.lower().startswith("disallow:") and line.split(":", 1)[1].strip()]
    for asked_host, path in adapter.requests:
        assert asked_host == host, f"off-site request to {asked_host}{path}"
        assert not any(path.startswith(prefix) for prefix in disallowed), path
    pages = [path for _, path in adapter.requests if path in adapter.pages]
    assert len(pages) == len(set(pages)), "a page was fetched twice"
    checks = fixture.get("checks", {})
    for group in checks.get("fetched_once", []):
        assert sum(path in group for _, path in adapter.requests) == 1, group
    for path in checks.get("never_fetched", []):
        assert path not in {path for _, path in adapter.requests}, path


def test_scores_on_the_fixtures(tmp_path):
    rows, entries = [], {}
    for name in PLATFORMS:
        fixture, _, _, manifest = crawl(name, tmp_path / name)
        rows += [{**row, "platform": name, "meeting_date": row["meeting_date"],
                  "is_board": str(row["is_board"]).lower(),
                  "is_paper": str(row["is_paper"]).lower()} for row in fixture["expected"]]
        entries.update(manifest)
    result = score(rows, entries, "platform")["all"]
    assert result.recall >= 0.97 and result.precision >= 0.97, result.line()
    assert result.date >= 0.95 and result.committee >= 0.95 and result.type >= 0.9, result.line()


@pytest.mark.parametrize("name", PLATFORMS)
def test_platform_is_detected(name):
    fixture = load_fixture(name)
    site = fixture["site"]
    page = parse_page(fixture["pages"][site["start_path"]],
                      f"https://{site['host']}{site['start_path']}")
    assert detect(page).name == name


@pytest.mark.parametrize("name,url,html", [
    ("moderngov", "https://d.example.gov.uk/ieListDocuments.aspx?CId=1&MId=2",
     "<title>Agenda</title><h1>Agenda and minutes</h1><a href='/documents/s1/a.pdf'>Report</a>"),
    ("cmis", "https://c.example.gov.uk/cmis5/Meetings/tabid/70/ctl/ViewMeetingPublic/mid/397/"
     "Meeting/1/Committee/2/Default.aspx", "<h1>Meeting</h1><a href='/a.pdf'>Agenda</a>"),
    ("sharepoint", "https://s.example.nhs.uk/Shared%20Documents/Forms/AllItems.aspx",
     "<table><tr><td><a href='/a.pdf'>Download</a></td></tr></table>"),
])
def test_a_page_that_breaks_the_platform_names_icb_and_url(name, url, html):
    with pytest.raises(PlatformAssumptionError, match=rf"^QNX: {url.split('?')[0]}"):
        platform_named(name).check(parse_page(html, url), "QNX")


def test_assumption_errors_are_reported_not_fatal(tmp_path):
    fixture = load_fixture("moderngov")
    page = "/ieListDocuments.aspx?CId=512&MId=8950&Ver=4"
    fixture["pages"][page] = fixture["pages"][page].replace("15th February, 2024", "").replace(
        "15th-Feb-2024", "")
    adapter = FixtureAdapter(fixture)
    site = fixture["site"]
    start_url = f"https://{site['host']}{site['start_path']}"
    summary = scrape("live", icb_codes=["QNX"], start_url=start_url, root=tmp_path,
                     settings=SETTINGS, session_factory=session_for(adapter), progress=False,
                     start_urls={"QNX": start_url})[0]
    assert any(error.startswith("QNX: https://democracy.example-council.gov.uk/ieListDocuments")
               for error in summary.errors)
    assert summary.new_count >= 7  # the rest of the site is still collected
    runs = read_rows(tmp_path / "scrape_runs.jsonl")
    assert any("a Modern.Gov meeting page without a dated heading" in error
               for error in runs[0]["error_examples"])


def test_a_start_page_that_only_meta_refreshes(tmp_path):
    fixture = load_fixture("drupal")
    fixture["pages"]["/board"] = ('<html><head><meta http-equiv="refresh" content="0; '
                                  'url=/about-us/meetings-and-papers"></head><body></body></html>')
    adapter = FixtureAdapter(fixture)
    start_url = f"https://{fixture['site']['host']}/board"
    summary = scrape("live", icb_codes=["QT6"], start_url=start_url, root=tmp_path,
                     settings=SETTINGS, session_factory=session_for(adapter), progress=False,
                     start_urls={"QT6": start_url})[0]
    manifest = read_manifest(tmp_path)
    assert summary.status == "ok"
    assert {row["url"] for row in fixture["expected"]} == set(manifest)
    assert {entry["platform"] for entry in manifest.values()} == {"drupal"}


def test_the_body_a_crawl_starts_from_is_the_icbs_on_a_shared_site(tmp_path):
    fixture = load_fixture("moderngov")
    page = fixture["pages"]["/mgCommitteeDetails.aspx?ID=513"]
    fixture["pages"]["/mgCommitteeDetails.aspx?ID=513"] = page.replace(
        "NHS Sussex ICB Quality Committee", "Sussex Health and Care Assembly")
    meeting = "/ieListDocuments.aspx?CId=513&MId=9020&Ver=4"
    fixture["pages"][meeting] = fixture["pages"][meeting].replace(
        "NHS Sussex ICB Quality Committee", "Sussex Health and Care Assembly")
    adapter = FixtureAdapter(fixture)
    start_url = f"https://{fixture['site']['host']}/mgCommitteeDetails.aspx?ID=513"
    scrape("live", icb_codes=["QNX"], start_url=start_url, root=tmp_path, settings=SETTINGS,
           session_factory=session_for(adapter), progress=False, start_urls={"QNX": start_url})
    entry = read_manifest(tmp_path)["https://democracy.example-council.gov.uk/documents/s70300/"
                                    "Patient%20Safety%20Report%20Q4.pdf"]
    assert entry["committee_name"] == "Sussex Health and Care Assembly"
    assert entry["skip_reason"] is None and entry["sha256"]


def test_a_document_is_described_by_the_fullest_link_to_it(tmp_path):
    fixture = load_fixture("nhsuk")
    start = fixture["site"]["start_path"]
    fixture["pages"][start] = fixture["pages"][start].replace(
        "<h1>Board meetings</h1>", '<h1>Board meetings</h1><p>Latest: <a href="/media/board/'
        'agenda-may.pdf">agenda for our next meeting</a></p>')
    adapter = FixtureAdapter(fixture)
    start_url = f"https://{fixture['site']['host']}{start}"
    scrape("live", icb_codes=["QOX"], start_url=start_url, root=tmp_path, settings=SETTINGS,
           session_factory=session_for(adapter), progress=False, start_urls={"QOX": start_url})
    entry = read_manifest(tmp_path)["https://www.example-bsw.icb.nhs.uk/media/board/agenda-may.pdf"]
    assert (entry["meeting_date"], entry["date_source"]) == ("2024-05-16", "column:meeting_date")
    assert entry["found_on_url"].endswith("/2024-25/")


def test_another_address_of_a_document_is_recorded_once_as_a_duplicate(tmp_path):
    """``?download=true`` beside the same file is one document: the plain address is fetched, the
    other is a skipped row naming it, written by the first crawl and not again by a rerun."""
    fixture, adapter, _, _ = crawl("generic", tmp_path)
    crawl("generic", tmp_path)
    host = f"https://{fixture['site']['host']}"
    plain = f"{host}/documents/2025/board-papers-2-october-2025.pdf"
    rows = [row for row in read_rows(tmp_path / "manifest.jsonl")
            if row["requested_url"] in (plain, f"{plain}?download=true")]
    assert [(row["requested_url"], row["skip_reason"], bool(row["sha256"])) for row in rows] == [
        (plain, None, True), (f"{plain}?download=true", f"duplicate of {plain}", False)]
    assert rows[1]["found_on_url"] == f"{host}/board/meetings-2025/"


def test_a_meetings_zip_archive_is_collected_and_another_zip_is_not(tmp_path):
    """"All papers for this meeting" as a ZIP is the meeting's pack, fetched and stored; a ZIP of
    data tables on a committee's page, dated to no meeting, is recorded and never fetched."""
    fixture, adapter, _, manifest = crawl("nhsuk", tmp_path)
    host = f"https://{fixture['site']['host']}"
    pack, data = (manifest[f"{host}/media/{path}"] for path in (
        "pccc/2025-06-12/all-papers.zip", "pccc/practice-list-sizes.zip"))
    assert (pack["document_type"], pack["content_type"], pack["skip_reason"], bool(pack["sha256"])) == (
        "committee_papers", "application/zip", None, True)
    assert (data["skip_reason"], data["sha256"]) == (
        "not a paper: a ZIP archive that is not a meeting's papers", None)
    assert "/media/pccc/practice-list-sizes.zip" not in {path for _, path in adapter.requests}
