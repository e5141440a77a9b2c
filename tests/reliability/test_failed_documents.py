"""A failed document is asked for again after a wait that doubles, and at once with --revalidate."""

import json
from dataclasses import replace
from datetime import timedelta

import requests

from pipeline.cli import main
from pipeline.io import read_manifest, read_rows
from pipeline.scrape.fetch import CrawlSettings
from pipeline.scrape.freshness import failures_in_a_row, retry_wait
from pipeline.scrape.run import scrape
from tests.reliability.faultserver import PDF, FaultServer, page

DAY = timedelta(hours=24)
SETTINGS = CrawlSettings(delay_seconds=0.0, max_attempts=1, connect_timeout_seconds=2.0,
                         read_timeout_seconds=2.0, deadline_seconds=5.0, backoff_seconds=0.01)


def test_the_wait_doubles_from_five_minutes_up_to_the_cap():
    assert [retry_wait(n, DAY) for n in (1, 2, 3, 4)] == [
        timedelta(minutes=5), timedelta(minutes=10), timedelta(minutes=20), timedelta(minutes=40)]
    assert retry_wait(9, DAY) == timedelta(minutes=5 * 256)
    assert retry_wait(10, DAY) == DAY and retry_wait(500, DAY) == DAY
    assert retry_wait(3, timedelta(0)) == timedelta(0)


def test_failures_are_counted_in_a_row_per_document():
    rows = [{"requested_url": "a", "error": "HTTP 503", "sha256": None},
            {"requested_url": "b", "error": "HTTP 503", "sha256": None},
            {"requested_url": "a", "error": "HTTP 503", "sha256": None},
            {"requested_url": "b", "error": None, "sha256": "f00"},
            {"requested_url": "a", "error": "timed out", "sha256": None}]
    assert failures_in_a_row(rows) == {"a": 3, "b": 0}


def age_manifest(root, minutes):
    """Move every fetch in the manifest ``minutes`` into the past."""
    from datetime import datetime

    path = root / "manifest.jsonl"
    rows = read_rows(path)
    for row in rows:
        when = datetime.fromisoformat(row["retrieved_at"].replace("Z", "+00:00"))
        row["retrieved_at"] = (when - timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))


def unavailable_four_times(request, number):
    if number <= 4:
        return 503, {"Content-Type": "text/plain"}, b"busy"
    return 200, {"Content-Type": "application/pdf"}, PDF


def test_a_document_that_failed_is_asked_for_again_after_a_growing_wait(tmp_path):
    routes = {"/board/": lambda request, number: page(["/papers/minutes.pdf"]),
              "/papers/minutes.pdf": unavailable_four_times}
    with FaultServer(routes) as server:
        def run(settings=SETTINGS):
            def session():
                made = requests.Session()
                made.trust_env = False
                return made
            return scrape("live", icb_codes=["QWO"], start_url=f"{server.url}/board/",
                          session_factory=session, settings=settings, root=tmp_path,
                          progress=False)[0]

        def asked():
            return server.counts["/papers/minutes.pdf"]

        assert run().failed_count == 1 and asked() == 1
        run()
        assert asked() == 1  # failed once, just now: wait 5 minutes
        age_manifest(tmp_path, 6)
        run()
        assert asked() == 2  # 6 minutes on: asked again, and failed a second time
        age_manifest(tmp_path, 6)
        run()
        assert asked() == 2  # two failures in a row: wait 10 minutes
        age_manifest(tmp_path, 5)
        run()
        assert asked() == 3
        revalidate = replace(SETTINGS, max_fresh_hours=0.0, failure_backoff_hours=0.0)
        run(revalidate)
        assert asked() == 4
        summary = run(revalidate)
        assert asked() == 5 and summary.new_count == 1
    latest = read_manifest(tmp_path)[f"{server.url}/papers/minutes.pdf"]
    assert latest["sha256"] and latest["error"] is None


def test_revalidate_on_the_command_line_asks_for_failed_documents(data_dirs, monkeypatch):
    from pipeline.scrape import run as run_module

    seen = []
    monkeypatch.setattr(run_module, "scrape", lambda dataset, **options: seen.append(options) or [])
    assert main(["scrape", "--dataset", "live", "--icb", "QWO", "--revalidate"]) == 0
    assert seen[0]["settings"].failure_backoff_hours == 0
    assert seen[0]["settings"].max_fresh_hours == 0
