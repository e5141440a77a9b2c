"""Retry-After pauses the host (other hosts go on), within a total per URL and per host."""

import threading
import time
from dataclasses import replace

import requests

from pipeline.io import read_manifest
from pipeline.scrape.fetch import CrawlSettings, Fetcher
from pipeline.scrape.run import scrape
from tests.reliability.faultserver import PDF, FaultServer, page

SETTINGS = CrawlSettings(delay_seconds=0.0, max_attempts=4, connect_timeout_seconds=2.0,
                         read_timeout_seconds=5.0, deadline_seconds=5.0, backoff_seconds=0.01,
                         max_retry_after_seconds=3.0, max_host_pause_seconds=5.0)
OK = (200, {"Content-Type": "application/pdf"}, PDF)


def session():
    made = requests.Session()
    made.trust_env = False
    return made


def busy_for(seconds: int, times: int):
    def route(request, number):
        if number <= times:
            return 503, {"Retry-After": str(seconds), "Content-Type": "text/plain"}, b"busy"
        return OK
    return route


def test_a_long_retry_after_fails_the_url_and_holds_its_host_not_the_run(tmp_path):
    routes = {"/board/": lambda request, number: page(["/a.pdf", "/b.pdf"]),
              "/a.pdf": busy_for(3600, 99), "/b.pdf": lambda request, number: OK}
    with FaultServer(routes) as server:
        started = time.monotonic()
        summary = scrape("live", icb_codes=["QWO"], start_url=f"{server.url}/board/",
                         session_factory=session, settings=SETTINGS, root=tmp_path,
                         progress=False)[0]
        seconds = time.monotonic() - started
    assert seconds < SETTINGS.max_retry_after_seconds
    assert server.counts["/a.pdf"] == 1  # not asked again before its hour is up
    assert server.counts["/b.pdf"] == 0  # nor is anything else on that host
    manifest = read_manifest(tmp_path)
    a, b = manifest[f"{server.url}/a.pdf"], manifest[f"{server.url}/b.pdf"]
    assert "HTTP 503" in a["error"] and "asked to wait 3600 s" in a["error"]
    assert b["error"].startswith("not asked: 127.0.0.1 asked for no requests")
    assert summary.failed_count == 2


def test_a_retry_after_within_the_caps_pauses_the_host_and_not_others():
    routes = {"/a.pdf": busy_for(2, 1), "/b.pdf": lambda request, number: OK,
              "/c.pdf": lambda request, number: OK}
    with FaultServer(routes) as server:
        fetch = Fetcher(session, SETTINGS)
        other = server.url.replace("127.0.0.1", "localhost")
        for host in (server.url, other):
            fetch.robots(host + "/")
        results = {}

        def get(name, url, after=0.0):
            time.sleep(after)
            results[name] = (fetch.get(url), time.monotonic())

        threads = [threading.Thread(target=get, args=("a", f"{server.url}/a.pdf")),
                   threading.Thread(target=get, args=("b", f"{server.url}/b.pdf", 0.5)),
                   threading.Thread(target=get, args=("c", f"{other}/c.pdf", 0.5))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    first_a, second_a = server.times("/a.pdf")
    assert results["a"][0].body == PDF and second_a - first_a >= 2.0
    assert results["b"][0].body == PDF and server.times("/b.pdf")[0] >= first_a + 2.0
    assert results["c"][0].body == PDF and server.times("/c.pdf")[0] < first_a + 1.9


def test_the_pauses_of_one_host_are_capped_in_total():
    routes = {f"/{name}.pdf": busy_for(2, 1) for name in "abcd"}
    with FaultServer(routes) as server:
        fetch = Fetcher(session, replace(SETTINGS, max_host_pause_seconds=4.5))
        fetch.robots(server.url + "/")
        started = time.monotonic()
        errors = [fetch.get(f"{server.url}/{name}.pdf").error for name in "abcd"]
        seconds = time.monotonic() - started
    assert errors[:2] == [None, None]
    assert "pauses 127.0.0.1 may cause" in errors[2]
    assert errors[3].startswith("not asked")
    assert seconds < 7.0
