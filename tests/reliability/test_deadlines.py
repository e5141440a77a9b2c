"""One total deadline per request, from connect to the last byte, headers included."""

import time

import requests

from pipeline.scrape.fetch import CrawlSettings, Fetcher
from tests.reliability.faultserver import PDF, FaultServer

DEADLINE = 2.0
SETTINGS = CrawlSettings(delay_seconds=0.0, max_attempts=2, connect_timeout_seconds=2.0,
                         read_timeout_seconds=5.0, deadline_seconds=DEADLINE, backoff_seconds=0.01)
HOLD_SECONDS = 10  # how long the slow routes keep going if the client stays


def drip(request, data: bytes):
    """Send ``data`` one byte a second (at most HOLD_SECONDS of it), then hang up."""
    server = request.server.fault
    try:
        for byte in data[:HOLD_SECONDS]:
            request.wfile.write(bytes([byte]))
            request.wfile.flush()
            if server.stopping.wait(1.0):
                break
    except OSError:
        pass
    request.close_connection = True


def slow_headers(request, number):
    drip(request, b"HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: "
                  + str(len(PDF)).encode() + b"\r\n\r\n" + PDF)


def stalled_body(request, number):
    request.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: "
                        + str(len(PDF)).encode() + b"\r\n\r\n" + PDF[:5])
    request.wfile.flush()
    request.server.fault.stopping.wait(HOLD_SECONDS)
    request.close_connection = True


def fetcher():
    def session():
        made = requests.Session()
        made.trust_env = False
        return made
    return Fetcher(session, SETTINGS)


def timed_get(fetch, url):
    started = time.monotonic()
    result = fetch.get(url)
    return result, time.monotonic() - started


def test_headers_sent_a_byte_a_second_end_at_the_deadline():
    with FaultServer({"/slow-headers.pdf": slow_headers, "/stalled.pdf": stalled_body}) as server:
        fetch = fetcher()
        fetch.robots(server.url + "/")  # robots.txt (a 404) is not part of the timing
        result, seconds = timed_get(fetch, f"{server.url}/slow-headers.pdf")
        assert result.body is None and result.error.startswith("too slow"), result.error
        assert f"{DEADLINE:g} s" in result.error and result.request_count == 1
        assert DEADLINE - 0.2 <= seconds <= DEADLINE + 1.5
        result, seconds = timed_get(fetch, f"{server.url}/stalled.pdf")
        assert result.body is None and result.error.startswith("too slow"), result.error
        assert DEADLINE - 0.2 <= seconds <= DEADLINE + 1.5


def test_a_quick_answer_is_untouched_by_the_watchdog():
    quick = {"/quick.pdf": lambda request, number: (200, {"Content-Type": "application/pdf"}, PDF)}
    with FaultServer(quick) as server:
        fetch = fetcher()
        for _ in range(3):
            result = fetch.get(f"{server.url}/quick.pdf")
            assert result.error is None and result.body == PDF
        time.sleep(DEADLINE + 0.5)  # a pooled connection outlives its request's deadline
        assert fetch.get(f"{server.url}/quick.pdf").body == PDF


def test_a_scrape_records_the_slow_document_and_goes_on(tmp_path):
    from pipeline.io import read_manifest
    from pipeline.scrape.run import scrape
    from tests.reliability.faultserver import page

    routes = {"/board/": lambda request, number: page(["/slow-headers.pdf", "/quick.pdf"]),
              "/slow-headers.pdf": slow_headers,
              "/quick.pdf": lambda request, number: (200, {"Content-Type": "application/pdf"}, PDF)}
    with FaultServer(routes) as server:
        started = time.monotonic()
        summary = scrape("live", icb_codes=["QWO"], start_url=f"{server.url}/board/",
                         session_factory=fetcher()._session_factory, settings=SETTINGS,
                         root=tmp_path, progress=False)[0]
        assert time.monotonic() - started < DEADLINE + 4.0
    manifest = read_manifest(tmp_path)
    assert manifest[f"{server.url}/slow-headers.pdf"]["error"].startswith("too slow")
    assert manifest[f"{server.url}/quick.pdf"]["sha256"] and summary.failed_count == 1
