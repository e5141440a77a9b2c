"""How long a stored document may be reused without asking its site again (RFC 9111 section 4.2).

A rerun always asks about pages, because listing pages are where new papers appear. It does not ask
about a document that was fetched, or confirmed unchanged, within that document's freshness
lifetime. The lifetime is the one the site gave (``Cache-Control: max-age``, else ``Expires``);
without one, the heuristic that HTTP caches use: 10% of the time since ``Last-Modified``. Either is
capped at ``CrawlSettings.max_fresh_hours`` (24 h by default, as RFC 9309 caps a cached robots.txt).
``no-cache``, ``no-store`` or ``max-age=0``, or no validator at all, mean the site is asked every
time; a cap of 0 (``scrape --revalidate``) asks about every document.

A document whose fetch failed is asked for again after a wait that doubles with each failure in a
row: 5 minutes after the first, 10 after the second, then 20, 40, ... up to
``CrawlSettings.failure_backoff_hours`` (24 h). ``scrape --revalidate`` asks for it at once.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

HEURISTIC_FRACTION = 0.1
FIRST_RETRY_WAIT = timedelta(minutes=5)
# set by the scrape on a document's latest manifest row when it is one of several failures in a row
FAILURES_KEY = "failures_in_a_row_count"


def _http_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def parse_timestamp(value: str) -> datetime:
    """A manifest ``*_at`` value (ISO UTC, ``Z`` suffix) as an aware datetime."""
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _directives(cache_control: str | None) -> dict[str, str]:
    out = {}
    for part in (cache_control or "").lower().split(","):
        name, _, value = part.strip().partition("=")
        if name:
            out[name] = value.strip('" ')
    return out


def lifetime(row: dict, answered_at: datetime, cap: timedelta) -> timedelta:
    """How long after ``answered_at`` (when the site last sent or confirmed the copy that ``row``
    records) that copy may be reused without asking again."""
    if cap <= timedelta(0) or not (row.get("etag") or row.get("last_modified")):
        return timedelta(0)
    directives = _directives(row.get("cache_control"))
    if "no-cache" in directives or "no-store" in directives:
        return timedelta(0)
    if "max-age" in directives:
        seconds = int(directives["max-age"]) if directives["max-age"].isdigit() else 0
        return min(timedelta(seconds=seconds), cap)
    if row.get("expires") is not None:
        expires = _http_date(row["expires"])
        return min(max(expires - answered_at, timedelta(0)), cap) if expires else timedelta(0)
    modified = _http_date(row.get("last_modified"))
    if modified is None:
        return timedelta(0)
    return min(max(answered_at - modified, timedelta(0)) * HEURISTIC_FRACTION, cap)


def is_fresh(row: dict, confirmed_at: str | None, cap: timedelta,
             now: datetime | None = None) -> bool:
    """True if the copy that ``row`` records (requested at ``row['retrieved_at']``, confirmed unchanged
    at ``confirmed_at`` if it has been since) is within its lifetime, so the site need not be
    asked about it."""
    answered = parse_timestamp(row["retrieved_at"])
    if confirmed_at:
        answered = max(answered, parse_timestamp(confirmed_at))
    return (now or datetime.now(UTC)) - answered < lifetime(row, answered, cap)


def is_failure(row: dict) -> bool:
    """A manifest row recording a fetch that did not collect the document."""
    return bool(row.get("error")) and not row.get("sha256")


def failures_in_a_row(rows: list[dict]) -> dict[str, int]:
    """For each document URL (``requested_url``), how many of its latest manifest rows, in order,
    are failures: 0 if the latest fetch collected it."""
    counts: dict[str, int] = {}
    for row in rows:
        url = row["requested_url"]
        counts[url] = counts.get(url, 0) + 1 if is_failure(row) else 0
    return counts


def retry_wait(failures: int, cap: timedelta) -> timedelta:
    """How long after its latest failure a document that failed ``failures`` times in a row is
    left alone: 5 min x 2^(failures - 1), at most ``cap``."""
    if failures < 1 or cap <= timedelta(0):
        return timedelta(0)
    return min(FIRST_RETRY_WAIT * 2 ** min(failures - 1, 30), cap)


def is_waiting_after_failure(row: dict, failures: int, cap: timedelta,
                             now: datetime | None = None) -> bool:
    """True if the failed fetch that ``row`` records is too recent to ask again."""
    if not is_failure(row):
        return False
    age = (now or datetime.now(UTC)) - parse_timestamp(row["retrieved_at"])
    return age < retry_wait(max(failures, 1), cap)
