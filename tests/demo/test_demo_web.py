import csv
import hashlib
import re
from collections import Counter
from datetime import date

import pypdfium2 as pdfium
import pytest
import requests

from pipeline.demo.plan import CRAWL_DELAY_SECONDS, FAMILIES
from pipeline.demo.server import DemoServer
from pipeline.demo.transport import mount_demo
from pipeline.demo.web import generate
from pipeline.registry import load_registry


def tree_hash(root):
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def read_csv(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def session(demo_server):
    with requests.Session() as session:
        yield mount_demo(session, demo_server)


def test_same_seed_gives_byte_identical_web(tmp_path):
    first = generate(tmp_path / "a", seed=7)
    second = generate(tmp_path / "b", seed=7)
    other = generate(tmp_path / "c", seed=8)
    assert tree_hash(first.root) == tree_hash(second.root)
    assert tree_hash(first.root) != tree_hash(other.root)


def test_every_icb_in_the_registry_has_a_site(demo_web):
    sites = demo_web.sites()
    assert {row["icb_code_ods"] for row in sites} == {
        icb.icb_code_ods for icb in load_registry().all()}
    assert set(Counter(row["family"] for row in sites)) == set(FAMILIES)
    assert {row["coverage"] for row in sites} == {"full", "low", "none", "unreachable"}


def test_documents_follow_icb_lifetimes(demo_web):
    registry = load_registry()
    for row in read_csv(demo_web.ground_truth_dir / "documents.csv"):
        if row["meeting_date"]:
            icb = registry.get(row["icb_code_ods"])
            assert icb.is_active_on(date.fromisoformat(row["meeting_date"])), row["url"]


def test_scale_and_mix_of_documents(demo_web):
    rows = read_csv(demo_web.ground_truth_dir / "documents.csv")
    assert 1200 <= len(rows) <= 2500
    assert sum(int(row["page_count"]) for row in rows) <= 15000
    assert {"pdf", "docx", "html"} <= {row["file_format"] for row in rows}
    awkward = {row["awkward_reason"] for row in rows}
    assert {"scanned", "encrypted", "truncated_pdf", "html_as_pdf", "oversize"} <= awkward


def test_ground_truth_quotes_are_on_their_pages(demo_web):
    passages = read_csv(demo_web.ground_truth_dir / "passages.csv")
    assert {p["signal_id"] for p in passages if p["is_negative"] == "false"} >= {
        "board_representation", "patient_story", "community_networks"}
    columns = {row["url"]: row["column_count"] for row in read_csv(
        demo_web.ground_truth_dir / "documents.csv")}
    pdf_passages = [p for p in passages if p["url"].split("?")[0].endswith(".pdf")]
    single = [p for p in pdf_passages if columns[p["url"]] == "1"][:300]
    double = [p for p in pdf_passages if columns[p["url"]] == "2"][:100]
    assert single and double
    for passage in double:
        data = demo_web.served_file(passage["url"]).read_bytes()
        page = pdfium.PdfDocument(data)[int(passage["page_number"]) - 1]
        words = set(page.get_textpage().get_text_range().split())
        assert set(passage["quote"].split()) <= words, passage
    for passage in single:
        data = demo_web.served_file(passage["url"]).read_bytes()
        page = pdfium.PdfDocument(data)[int(passage["page_number"]) - 1]
        text = " ".join(page.get_textpage().get_text_range().split())
        assert " ".join(passage["quote"].split()) in text, passage


def test_each_family_serves_pages(demo_web, session):
    seen = set()
    for row in demo_web.sites():
        if row["coverage"] != "full" or row["family"] in seen:
            continue
        response = session.get(row["start_url"], timeout=10)
        assert response.status_code == 200, row
        assert response.url == row["start_url"]
        assert "<main" in response.text and ("href" in response.text)
        seen.add(row["family"])
    assert seen == set(FAMILIES)




@pytest.fixture
def fresh_session(demo_web):
    """A session on a server of its own: flaky URLs fail only on a server's first request."""
    with DemoServer(demo_web) as server, requests.Session() as session:
        yield mount_demo(session, server)


def test_500_then_200(demo_web, fresh_session):
    url = demo_web.url_with_behaviour("flaky_500")
    assert fresh_session.get(url, timeout=10).status_code == 500
    assert fresh_session.get(url, timeout=10).status_code == 200


def test_429_with_retry_after_then_200(demo_web, fresh_session):
    url = demo_web.url_with_behaviour("flaky_429")
    first = fresh_session.get(url, timeout=10)
    assert first.status_code == 429 and first.headers["Retry-After"] == "1"
    assert fresh_session.get(url, timeout=10).status_code == 200


def test_conditional_get_gives_304(demo_web, session):
    url = demo_web.sites()[1]["start_url"]
    first = session.get(url, timeout=10)
    assert first.headers["Content-Encoding"] == "gzip"
    again = session.get(url, headers={"If-None-Match": first.headers["ETag"]}, timeout=10)
    assert again.status_code == 304 and again.content == b""


def test_404_redirects_and_loop(demo_web, session):
    site = next(row for row in demo_web.sites() if row["coverage"] == "full")
    base = f"https://{site['host']}"
    assert session.get(f"{base}/no/such/page.pdf", timeout=10).status_code == 404
    moved = session.get(f"{base}/old-board-papers/", timeout=10)
    assert moved.history[0].status_code == 301 and moved.url == site["start_url"]
    plain = session.get(site["start_url"].replace("https://", "http://"), allow_redirects=False)
    assert plain.status_code == 301 and plain.headers["Location"] == site["start_url"]
    with pytest.raises(requests.TooManyRedirects):
        session.get(f"{base}/loop-a/", timeout=10)


def test_robots_rules(demo_web, session):
    robots = {row["host"]: session.get(f"https://{row['host']}/robots.txt", timeout=10).text
              for row in demo_web.sites() if row["coverage"] != "unreachable"}
    assert any("Disallow: /private/" in text for text in robots.values())
    assert any(f"Crawl-delay: {CRAWL_DELAY_SECONDS:g}" in text for text in robots.values())


def test_unserved_hosts_are_unreachable(demo_web, session):
    unreachable = next(row for row in demo_web.sites() if row["coverage"] == "unreachable")
    with pytest.raises(requests.ConnectionError):
        session.get(unreachable["start_url"], timeout=10)
    with pytest.raises(requests.ConnectionError):
        session.get("https://www.nhs.uk/", timeout=10)


def test_oversize_and_truncated_bodies(demo_web, session):
    big = session.get(demo_web.url_with_behaviour("oversize"), stream=True, timeout=10)
    assert int(big.headers["Content-Length"]) > 100 * 1024 * 1024
    big.close()
    with pytest.raises(requests.exceptions.RequestException):
        _ = session.get(demo_web.url_with_behaviour("truncated_body"), timeout=10).content


def test_families_carry_the_awkwardness_real_platforms_have(demo_web):
    rows = read_csv(demo_web.ground_truth_dir / "documents.csv")
    family = {row["icb_code_ods"]: row["family"] for row in demo_web.sites()}
    not_papers = Counter(family[row["icb_code_ods"]] for row in rows if row["is_paper"] == "false")
    assert set(not_papers) == set(FAMILIES), "every family links documents that are not papers"
    council = {row["committee_name"] for row in rows if family[row["icb_code_ods"]] == "moderngov"
               and row["is_paper"] == "false"}
    assert "Planning Committee" in council or "Licensing Committee" in council
    assert any(row["committee_name"].endswith("Partnership Board") and row["is_paper"] == "true"
               and row["is_board"] == "false" for row in rows)
    urls = [row["url"] for row in rows]
    assert any("%20" in url for url in urls), "%-encoded file names"
    assert any("wpdmdl=" in url for url in urls), "download-manager links"
    assert any(url.endswith("/") for url in urls), "HTML minutes at URLs ending in /"
    sharepoint = next(row for row in demo_web.sites() if row["family"] == "sharepoint"
                      and row["coverage"] == "full")
    start = demo_web.served_file(sharepoint["start_url"]).read_text(encoding="utf-8")
    assert "Modified" in start and ">Download</a>" in start
    nhsuk = next(row for row in demo_web.sites() if row["family"] == "nhsuk"
                 and row["coverage"] == "full")
    years = [path for path in (demo_web.site_dir / nhsuk["host"]).rglob("index.html")
             if re.fullmatch(r"20\d\d-\d\d", path.parent.name)]
    page = years[0].read_bytes()
    assert b"charset" not in page[:300] and b"\x96" in page, "undeclared windows-1252"
