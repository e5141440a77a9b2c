"""How long a stored document is reused without asking its site again (RFC 9111 section 4.2)."""

from datetime import UTC, datetime, timedelta

import pytest

from pipeline.scrape.freshness import is_fresh, lifetime

FETCHED = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def row(**headers):
    return {"retrieved_at": "2026-11-01T09:00:00Z", "etag": '"abc"', **headers}


@pytest.mark.parametrize(("headers", "expected"), [
    ({"last_modified": "Sun, 01 Nov 2026 08:00:00 GMT"}, timedelta(minutes=6)),
    ({"last_modified": "Mon, 01 Jul 2024 09:00:00 GMT"}, DAY),
    ({"last_modified": "Mon, 01 Jul 2024 09:00:00 GMT", "cache_control": "no-cache"},
     timedelta(0)),
    ({"last_modified": "Mon, 01 Jul 2024 09:00:00 GMT", "cache_control": "private, max-age=600"},
     timedelta(minutes=10)),
    ({"cache_control": "max-age=0, must-revalidate"}, timedelta(0)),
    ({"cache_control": "max-age=soon"}, timedelta(0)),
    ({"cache_control": "public, max-age=31536000"}, DAY),
    ({"expires": "Sun, 01 Nov 2026 12:00:00 GMT"}, timedelta(hours=3)),
    ({"expires": "0", "last_modified": "Mon, 01 Jul 2024 09:00:00 GMT"}, timedelta(0)),
    ({}, timedelta(0)),
    ({"last_modified": "yesterday"}, timedelta(0)),
])
def test_lifetime(headers, expected):
    assert lifetime(row(**headers), FETCHED, DAY) == expected


def test_no_validator_means_ask_every_time():
    assert lifetime({"retrieved_at": "2026-11-01T09:00:00Z", "last_modified": None,
                     "cache_control": "max-age=600"}, FETCHED, DAY) == timedelta(0)


def test_a_cap_of_zero_asks_about_everything():
    assert lifetime(row(cache_control="max-age=600"), FETCHED, timedelta(0)) == timedelta(0)


def test_freshness_runs_from_the_latest_confirmation():
    old = row(last_modified="Mon, 01 Jul 2024 09:00:00 GMT")
    assert is_fresh(old, None, DAY, now=FETCHED + timedelta(hours=23))
    assert not is_fresh(old, None, DAY, now=FETCHED + timedelta(hours=25))
    assert is_fresh(old, "2026-11-02T08:00:00Z", DAY, now=FETCHED + timedelta(hours=25))
    assert not is_fresh(old, None, timedelta(0), now=FETCHED)


def test_a_manifest_line_written_as_fetched_at_is_read_as_retrieved_at(tmp_path):
    """Lines written before the rename (the contract's ``formerly``) still tell the crawler when a
    document was retrieved, so its freshness is judged as for a line written today."""
    import json

    from pipeline import contracts
    from pipeline.scrape.run import previous_fetches

    line = contracts.fixture_rows("manifest", requested_url="https://x.nhs.uk/a.pdf",
                                  retrieved_at="2026-11-01T09:00:00Z",
                                  last_modified="Mon, 01 Jul 2024 09:00:00 GMT")[0]
    line["fetched_at"] = line.pop("retrieved_at")
    (tmp_path / "manifest.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    previous = previous_fetches(tmp_path)["https://x.nhs.uk/a.pdf"]
    assert previous["retrieved_at"] == "2026-11-01T09:00:00Z" and "fetched_at" not in previous
    assert is_fresh(previous, None, DAY, now=FETCHED + timedelta(hours=23))
    assert not is_fresh(previous, None, DAY, now=FETCHED + timedelta(hours=25))
