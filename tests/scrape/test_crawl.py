"""The crawler against the demo server: misbehaviours, recall, politeness, kill-and-resume."""

import csv
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
import requests
from protego import Protego

from pipeline import contracts
from pipeline.demo.server import DemoServer
from pipeline.demo.transport import mount_demo
from pipeline.demo.web import DemoWeb
from pipeline.errors import UnknownHostError
from pipeline.io import read_manifest, read_numbered_rows, read_rows
from pipeline.scrape.fetch import CrawlSettings, Fetcher
from pipeline.scrape.run import JOURNALS, check_start_urls, journal_path, scrape, select_icbs
from pipeline.scrape.scoring import score
from pipeline.scrape.store import Store

UNCOLLECTABLE = {"oversize", "slow", "truncated_body", "html_as_pdf"}
SETTINGS = CrawlSettings.for_demo()


@pytest.fixture
def fetcher(demo_web):
    """A fetcher on a server of its own: flaky URLs fail only on a server's first request."""
    with DemoServer(demo_web, drip_interval=0.05) as server:
        yield Fetcher(lambda: mount_demo(requests.Session(), server), SETTINGS)


def wired(demo_web, server) -> dict:
    """scrape()'s wiring to the demo web on ``server``."""
    return dict(start_urls=demo_web.start_urls(),
                session_factory=lambda: mount_demo(requests.Session(), server))


def truth(demo_web):
    with (demo_web.ground_truth_dir / "documents.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_retries_500_and_429_then_succeeds(demo_web, fetcher):
    for kind in ("flaky_500", "flaky_429"):
        result = fetcher.get(demo_web.url_with_behaviour(kind))
        assert result.error is None and result.status == 200, kind
        assert result.request_count == 2 and result.body.startswith(b"%PDF")


def test_limits_and_faults_become_errors(demo_web, fetcher):
    cases = {"oversize": "too large", "slow": "too slow", "truncated_body": "incomplete body"}
    for kind, reason in cases.items():
        result = fetcher.get(demo_web.url_with_behaviour(kind))
        assert result.body is None and reason in result.error, (kind, result.error)
    missing = fetcher.get(demo_web.url_with_behaviour("flaky_500").rsplit("/", 1)[0] + "/nope.pdf")
    assert missing.status == 404 and "HTTP 404" in missing.error


def test_redirect_loop_and_off_site(demo_web, fetcher):
    site = next(row for row in demo_web.sites() if row["coverage"] == "full")
    loop = fetcher.get(f"https://{site['host']}/loop-a/", allowed_hosts={site["host"]})
    assert "redirect loop" in loop.error
    moved = fetcher.get(f"https://{site['host']}/old-board-papers/", allowed_hosts={site["host"]})
    assert moved.error is None and moved.url == site["start_url"]
    off = fetcher.get("https://www.nhs.uk/")
    assert off.error and "ConnectionError" in off.error


def test_robots_disallow_and_crawl_delay(demo_web, fetcher):
    private = next(row for row in truth(demo_web) if "/private/" in row["url"])
    result = fetcher.get(private["url"])
    assert result.error.startswith("disallowed by robots.txt") and result.request_count == 0
    slow_site = next(row for row in demo_web.sites() if row["coverage"] == "low"
                     and row["start_url"])
    delay = fetcher.robots(slow_site["start_url"]).crawl_delay(SETTINGS.user_agent)
    assert delay and SETTINGS.delay_seconds == 0
    started = time.monotonic()
    for _ in range(3):
        fetcher.get(slow_site["start_url"])
    assert time.monotonic() - started >= 2 * delay * 0.9


def test_html_served_as_pdf_is_rejected(demo_web, demo_server, tmp_path):
    row = next(row for row in truth(demo_web) if row["awkward_reason"] == "html_as_pdf")
    scrape("demo", icb_codes=[row["icb_code_ods"]], root=tmp_path, progress=False,
           settings=SETTINGS, **wired(demo_web, demo_server))
    entry = read_manifest(tmp_path)[row["url"]]
    assert entry["sha256"] is None and "served as a PDF but the body is HTML" in entry["error"]


@pytest.mark.slow
def test_recall_on_the_demo_web(demo_web, demo_server, tmp_path):
    summaries = scrape("demo", root=tmp_path, progress=False, settings=SETTINGS,
                       **wired(demo_web, demo_server))
    statuses = {s.icb_code_ods: s.status for s in summaries}
    coverage = {row["icb_code_ods"]: row["coverage"] for row in demo_web.sites()}
    for code, kind in coverage.items():
        expected = {"none": "no_papers_found", "unreachable": "site_unreachable"}.get(kind, "ok")
        assert statuses[code] == expected, code
    manifest = read_manifest(tmp_path)
    family = {row["icb_code_ods"]: row["family"] for row in demo_web.sites()}
    expected = [{**row, "family": family[row["icb_code_ods"]]} for row in truth(demo_web)]
    scores = score(expected, manifest, "family")
    for name, result in scores.items():
        assert result.recall >= 0.97 and result.precision >= 0.97, (name, result.line())
        assert result.committee >= 0.95 and result.type >= 0.9, (name, result.line())
        assert result.date >= 0.9, (name, result.line())
    assert scores["all"].date >= 0.95, scores["all"].line()
    collected = [row for row in expected if row["is_paper"] == "true" and
                 row["is_reachable"] == "true" and row["awkward_reason"] not in UNCOLLECTABLE]
    fetched = sum(bool((manifest.get(row["url"]) or {}).get("sha256")) for row in collected)
    assert fetched / len(collected) >= 0.99
    not_papers = [row for row in expected if row["is_paper"] == "false"]
    assert not_papers and all(manifest.get(row["url"], {}).get("sha256") is None
                              for row in not_papers), "a non-paper was downloaded"
    hosts = {row["host"] for row in demo_web.sites()}
    for url, entry in manifest.items():
        assert url.split("/")[2] in hosts
        assert "/private/" not in url or entry["sha256"] is None
    store = Store(tmp_path / "store")
    for entry in manifest.values():
        if entry["sha256"]:
            assert store.has(entry["sha256"])


def manifest_facts(root: Path) -> set:
    keep = ("icb_code_ods", "requested_url", "source_url", "sha256", "document_type",
            "meeting_date", "title", "committee_name")
    return {tuple(row[k] for k in keep) + (bool(row["error"]),)
            for row in read_rows(root / "manifest.jsonl")}


def store_files(root: Path) -> set:
    return {path.name for path in (root / "store").rglob("*") if path.is_file()}


SCRAPE_SCRIPT = """
import sys
from pipeline.commands.scrape_wiring import scrape_dataset
scrape_dataset("demo", icb_codes=sys.argv[2].split(","), root=sys.argv[1], progress=False,
               workers=4)
"""


@pytest.mark.slow
def test_kill_and_resume_loses_and_duplicates_nothing(demo_web, tmp_path):
    codes = ",".join(row["icb_code_ods"] for row in demo_web.sites()
                     if row["coverage"] == "full")
    codes = ",".join(codes.split(",")[:6])
    whole, killed = tmp_path / "whole", tmp_path / "killed"
    subprocess.run([sys.executable, "-c", SCRAPE_SCRIPT, str(whole), codes], check=True,
                   timeout=600)
    process = subprocess.Popen([sys.executable, "-c", SCRAPE_SCRIPT, str(killed), codes])
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        rows = len(read_rows(killed / "manifest.jsonl"))
        if rows >= 60:
            break
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    partial = len(read_rows(killed / "manifest.jsonl"))
    assert 0 < partial < len(read_rows(whole / "manifest.jsonl"))
    subprocess.run([sys.executable, "-c", SCRAPE_SCRIPT, str(killed), codes], check=True,
                   timeout=600)
    assert manifest_facts(killed) == manifest_facts(whole)
    rows = read_rows(killed / "manifest.jsonl")
    assert len({row["requested_url"] for row in rows}) == len(rows)
    assert store_files(killed) == store_files(whole)
    assert not list((killed / "store").rglob(".tmp-*"))


def document_requests(server, before: int) -> list[int]:
    return [status for _, _, path, status in server.requests[before:]
            if path.split("?")[0].endswith((".pdf", ".docx"))]


def test_rerun_asks_about_pages_and_stale_documents_only(demo_web, demo_server, tmp_path):
    code = next(row["icb_code_ods"] for row in demo_web.sites() if row["coverage"] == "full")
    options = dict(icb_codes=[code], root=tmp_path, progress=False, **wired(demo_web, demo_server))
    first = scrape("demo", settings=SETTINGS, **options)[0]
    assert first.new_count >= 5 and first.fresh_count == 0
    before = len(demo_server.requests)
    second = scrape("demo", settings=SETTINGS, **options)[0]
    assert second.new_count == 0 and second.unchanged_count == second.fresh_count == first.new_count
    assert document_requests(demo_server, before) == []
    pages = [status for _, _, path, status in demo_server.requests[before:]
             if not path.endswith("robots.txt")]
    assert pages and 200 not in pages
    before = len(demo_server.requests)
    revalidate = replace(SETTINGS, max_fresh_hours=0.0)
    third = scrape("demo", settings=revalidate, **options)[0]
    assert third.new_count == third.fresh_count == 0 and third.unchanged_count == first.new_count
    statuses = document_requests(demo_server, before)
    assert statuses and set(statuses) <= {304, 404}
    assert len(read_rows(tmp_path / "revalidations.jsonl")) == statuses.count(304)
    rows = read_rows(tmp_path / "manifest.jsonl")
    skipped = [row for row in rows if row.get("skip_reason")]
    assert len(rows) - len(skipped) == first.new_count + first.failed_count
    assert skipped and len({row["requested_url"] for row in skipped}) == len(skipped), \
        "a skipped document is recorded once, not again on every rerun"
    fourth = scrape("demo", settings=SETTINGS, **options)[0]
    assert fourth.fresh_count == first.new_count
    for name in JOURNALS:  # every row the scrape wrote has every contract column
        path = journal_path(tmp_path, name)
        assert contracts.validate_file(path, name) > 0, path
        for number, row in read_numbered_rows(path):
            contracts.validate_row(row, name, f"{path}:{number}")


def test_changed_bytes_keep_both_versions(demo_web, tmp_path):
    web = DemoWeb(tmp_path / "web")
    shutil.copytree(demo_web.root, web.root)
    row = next(row for row in truth(web) if row["is_reachable"] == "true" and
               not row["awkward_reason"] and row["url"].endswith(".pdf"))
    with DemoServer(web) as server:
        options = dict(icb_codes=[row["icb_code_ods"]], root=tmp_path / "raw", progress=False,
                       **wired(web, server))
        scrape("demo", settings=SETTINGS, **options)
        old = read_manifest(tmp_path / "raw")[row["url"]]["sha256"]
        served = web.served_file(row["url"])
        served.write_bytes(served.read_bytes() + b"\n% corrected\n")
        scrape("demo", settings=SETTINGS, **options)
        assert read_manifest(tmp_path / "raw")[row["url"]]["sha256"] == old
        summary = scrape("demo", settings=replace(SETTINGS, max_fresh_hours=0.0), **options)[0]
    assert summary.new_count == 1
    versions = [entry["sha256"] for entry in read_rows(tmp_path / "raw" / "manifest.jsonl")
                if entry["requested_url"] == row["url"]]
    assert versions[0] == old and len(set(versions)) == 2
    store = Store(tmp_path / "raw" / "store")
    assert all(store.has(sha256) for sha256 in versions)
    assert hashlib.sha256(store.read(versions[1])).hexdigest() == versions[1]


def test_bad_cli_input_names_the_value():
    result = subprocess.run([sys.executable, "-m", "pipeline", "scrape", "--icb", "NOPE"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "'NOPE'" in result.stderr
    result = subprocess.run([sys.executable, "-m", "pipeline", "scrape", "--start-url",
                             "https://x.nhs.uk/"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "--start-url needs exactly one --icb" in result.stderr


class _Offline(requests.adapters.HTTPAdapter):
    def send(self, request, **kwargs):
        raise requests.ConnectionError(f"{request.url}: network unreachable", request=request)


class _NoSuchHost(requests.adapters.HTTPAdapter):
    def send(self, request, **kwargs):
        raise UnknownHostError(f"{request.url}: no such host")


def test_an_unknown_host_is_not_asked_again_and_an_unreachable_one_is():
    settings = replace(SETTINGS, max_attempts=3)
    for adapter, attempts in ((_NoSuchHost(), 1), (_Offline(), 3)):
        session = requests.Session()
        session.mount("https://", adapter)
        fetcher = Fetcher(lambda session=session: session, settings)
        fetcher._robots["https://gone.example.nhs.uk"] = Protego.parse("")
        result = fetcher.get("https://gone.example.nhs.uk/board/")
        assert result.request_count == attempts, type(adapter).__name__
        assert result.error.startswith("ConnectionError for https://gone.example.nhs.uk/board/: ")


def test_check_gives_every_icb_a_verdict(demo_server):
    verdicts = check_start_urls("live", SETTINGS,
                                session_factory=lambda: mount_demo(requests.Session(), demo_server))
    assert [code for code, _, _ in verdicts] == select_icbs(None, None, None)
    assert sum(1 for _, url, _ in verdicts if url) >= len(verdicts) // 2
    for code, url, verdict in verdicts:
        assert verdict == ("ok" if url else "needs attention: no start URL in the registry"), code

    def offline():
        session = requests.Session()
        session.mount("https://", _Offline())
        return session

    settings = CrawlSettings(max_attempts=1)
    for code, url, verdict in check_start_urls("live", settings, session_factory=offline):
        if url:
            assert verdict.startswith("needs attention: robots.txt unreachable"), (code, verdict)
            assert url in verdict, code


def test_a_changed_demo_web_retires_the_old_demo_documents(tmp_path):
    from types import SimpleNamespace

    from pipeline.commands.scrape_wiring import retire_stale_demo

    web = SimpleNamespace(root=tmp_path / "web")
    web.root.mkdir()
    (web.root / "BUILD.json").write_text('{"generator_hash": "a"}')
    root = tmp_path / "demo"
    assert retire_stale_demo(root, web) is None
    (root / "manifest.jsonl").write_text('{"url": "x"}\n')
    assert retire_stale_demo(root, web) is None and (root / "manifest.jsonl").exists()
    (web.root / "BUILD.json").write_text('{"generator_hash": "b"}')
    retired = retire_stale_demo(root, web)
    assert retired == tmp_path / "demo.previous"
    assert (retired / "manifest.jsonl").read_text() == '{"url": "x"}\n'
    assert not (root / "manifest.jsonl").exists()
    assert retire_stale_demo(root, web) is None
