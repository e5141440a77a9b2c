"""How long a stored document may be reused without asking its site again (RFC 9111 section 4.2).

A rerun always asks about pages, because listing pages are where new papers appear. It does not ask
about a document that was fetched, or confirmed unchanged, within that document's freshness
lifetime. The lifetime is the one the site gave (``Cache-Control: max-age``, else ``Expires``);
without one, the heuristic that HTTP caches use: 10% of the time since ``Last-Modified``. Either is
capped at ``CrawlSettings.max_fresh_hours`` (24 h by default, as RFC 9309 caps a cached robots.txt).
``no-cache``, ``no-store`` or ``max-age=0``, or no validator at all, mean the site is asked every
time; a cap of 0 (``scrape --revalidate``) asks about every document.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

HEURISTIC_FRACTION = 0.1


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
    """True if the copy that ``row`` records (fetched at ``row['fetched_at']``, confirmed unchanged
    at ``confirmed_at`` if it has been since) is within its lifetime, so the site need not be
    asked about it."""
    answered = parse_timestamp(row["fetched_at"])
    if confirmed_at:
        answered = max(answered, parse_timestamp(confirmed_at))
    return (now or datetime.now(UTC)) - answered < lifetime(row, answered, cap)
