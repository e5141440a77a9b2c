"""Polite, reliable HTTP fetching: robots.txt, one request at a time per host, retries, limits.

Retries live in this loop, behind the per-host limiter (urllib3's Retry would sleep on Retry-After
uncapped and bypass the limiter). A wait before a retry (Retry-After, or back-off) pauses the whole
host, so no other URL on it is asked meanwhile, while other hosts go on. The waits are capped in
total per URL and per host: a Retry-After beyond what is left fails the URL at once, and the host
is not asked again until its Retry-After ends (its URLs fail with that reason) instead of holding
the run.

A read timeout bounds neither headers nor a body that arrive a byte at a time, so each request has
one total deadline from connect to its last byte: a watchdog shuts its socket when the deadline
passes. Bodies are also size-capped. TLS errors are reported, never bypassed.
"""

from __future__ import annotations

import math
import random
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
from protego import Protego
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from pipeline.errors import UnknownHostError

RETRY_STATUSES = {429, 500, 502, 503, 504}


@dataclass(frozen=True)
class CrawlSettings:
    """How the crawler behaves; the defaults are for live sites.

    ``deadline_seconds`` bounds one request from connect to its last byte. Waits before retries
    add up to at most ``max_retry_after_seconds`` for one URL and ``max_host_pause_seconds`` for
    one host in a run.
    ``max_fresh_hours`` caps how long a document is reused without asking its site again
    (``pipeline.scrape.freshness``); 0 asks about every document on every run.
    ``failure_backoff_hours`` caps the wait before a failed document is asked for again (it starts
    at 5 minutes and doubles with each failure in a row); 0 asks for every failed document.
    """

    user_agent: str = ("ICBInvolvementAtlas/0.1 (research crawler; "
                       "+https://github.com/icb-involvement-atlas/atlas)")
    delay_seconds: float = 1.0
    connect_timeout_seconds: float = 10.0
    read_timeout_seconds: float = 30.0
    deadline_seconds: float = 120.0
    max_bytes: int = 50 * 1024 * 1024
    max_attempts: int = 4
    backoff_seconds: float = 2.0
    max_retry_after_seconds: float = 120.0
    max_host_pause_seconds: float = 600.0
    max_redirects: int = 5
    failure_backoff_hours: float = 24.0
    max_fresh_hours: float = 24.0

    @classmethod
    def for_demo(cls) -> CrawlSettings:
        """No delay and short timeouts: the demo server is on this machine."""
        return cls(delay_seconds=0.0, connect_timeout_seconds=5.0, read_timeout_seconds=5.0,
                   deadline_seconds=5.0, backoff_seconds=0.05)


@dataclass
class FetchResult:
    requested_url: str
    url: str = ""
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    error: str | None = None
    request_count: int = 0

    @property
    def content_type(self) -> str:
        return self.headers.get("Content-Type", "").split(";")[0].strip().lower()


class HostLimiter:
    """At most one request at a time per host, a minimum gap between them, and pauses a host asks
    for (Retry-After), up to a total per host."""

    def __init__(self, max_pause_seconds: float = math.inf):
        self.max_pause_seconds = max_pause_seconds
        self._locks: dict[str, threading.Lock] = {}
        self._next: dict[str, float] = {}
        self._blocked_until: dict[str, float] = {}
        self._paused_seconds: dict[str, float] = {}
        self._guard = threading.Lock()

    def acquire(self, host: str, delay: float) -> threading.Lock | str:
        """Wait for the host's turn and return its lock (held); or, without waiting, why the host
        is not to be asked now (it asked for a pause longer than this run waits)."""
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        lock.acquire()
        blocked = self._blocked_until.get(host, 0.0) - time.monotonic()
        if blocked > 0:
            lock.release()
            return (f"not asked: {host} asked for no requests for another {blocked:.0f} s "
                    "(Retry-After), longer than this run waits")
        wait = self._next.get(host, 0.0) - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._next[host] = time.monotonic() + delay
        return lock

    def pause(self, host: str, seconds: float, url_budget: float) -> str | None:
        """Pause the host for ``seconds`` before its next request; None if the run will wait, else
        why not (``seconds`` is more than the URL's ``url_budget`` or the host's remaining pause
        budget). A pause the run does not wait for still holds: the host is not asked again
        until it ends."""
        with self._guard:
            now = time.monotonic()
            until = now + seconds
            extra = max(0.0, until - max(self._next.get(host, 0.0), now))
            paused = self._paused_seconds.get(host, 0.0)
            if seconds > url_budget:
                reason = f"more than the {max(url_budget, 0):.0f} s left for this URL's retries"
            elif paused + extra > self.max_pause_seconds:
                reason = (f"more than the {max(self.max_pause_seconds - paused, 0):.0f} s left "
                          f"of the pauses {host} may cause in this run")
            else:
                self._paused_seconds[host] = paused + extra
                self._next[host] = max(self._next.get(host, 0.0), until)
                return None
            self._blocked_until[host] = max(self._blocked_until.get(host, 0.0), until)
            return reason


class _Deadline:
    """One request's total deadline; the connections it uses register here."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self.is_expired = False
        self.connections: list = []

    def expire(self) -> None:
        self.is_expired = True
        for connection in list(self.connections):
            sock = getattr(connection, "sock", None)
            if sock is not None:
                try:  # the base class's shutdown: it unblocks a read in progress, TLS or not
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)
                except OSError:
                    pass


class Watchdog:
    """Shuts the sockets of requests past their deadline: one thread, running only while some
    request is being watched, checking a few times a second."""

    TICK_SECONDS = 0.1

    def __init__(self):
        self._active: set[_Deadline] = set()
        self._lock = threading.Lock()
        self._running = False

    def watch(self, seconds: float) -> _Deadline:
        deadline = _Deadline(seconds)
        with self._lock:
            self._active.add(deadline)
            if not self._running:
                self._running = True
                threading.Thread(target=self._run, name="fetch-watchdog", daemon=True).start()
        return deadline

    def release(self, deadline: _Deadline) -> None:
        with self._lock:
            self._active.discard(deadline)

    def _run(self) -> None:
        while True:
            time.sleep(self.TICK_SECONDS)
            with self._lock:
                if not self._active:
                    self._running = False
                    return
                now = time.monotonic()
                due = [deadline for deadline in self._active if deadline.at <= now]
            for deadline in due:  # again on every tick, in case it was still connecting
                deadline.expire()


WATCHDOG = Watchdog()
_watched = threading.local()


def _register(connection) -> None:
    deadline = getattr(_watched, "deadline", None)
    if deadline is not None:
        deadline.connections.append(connection)


class _WatchedHTTPPool(HTTPConnectionPool):
    def _get_conn(self, timeout=None):
        connection = super()._get_conn(timeout)
        _register(connection)
        return connection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    def _get_conn(self, timeout=None):
        connection = super()._get_conn(timeout)
        _register(connection)
        return connection


def watch_session(session: requests.Session) -> requests.Session:
    """Let the watchdog find the connections that ``session``'s transport adapters use."""
    for adapter in session.adapters.values():
        manager = getattr(adapter, "poolmanager", None)
        if manager is not None:
            manager.pool_classes_by_scheme = {"http": _WatchedHTTPPool,
                                              "https": _WatchedHTTPSPool}
    return session


class Fetcher:
    """Fetch URLs for one crawl, sharing robots rules and the host limiter across threads."""

    def __init__(self, session_factory, settings: CrawlSettings, limiter: HostLimiter | None = None):
        self._session_factory = session_factory
        self._local = threading.local()
        self.settings = settings
        self.limiter = limiter or HostLimiter(settings.max_host_pause_seconds)
        self._robots: dict[str, Protego | None] = {}
        self._robots_errors: dict[str, str] = {}
        self._robots_lock = threading.Lock()

    @property
    def session(self) -> requests.Session:
        if not hasattr(self._local, "session"):
            session = watch_session(self._session_factory())
            session.headers["User-Agent"] = self.settings.user_agent
            self._local.session = session
        return self._local.session

    def robots(self, url: str) -> Protego | None:
        """The host's robots rules; None means robots.txt was unreachable (disallow all)."""
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:
            if key in self._robots:
                return self._robots[key]
        result = self._request(f"{key}/robots.txt", {}, check_robots=False)
        if result.error is None and result.status == 200 and result.body is not None:
            rules = Protego.parse(result.body.decode("utf-8", errors="replace"))
        elif result.status is not None and 400 <= result.status < 500:
            rules = Protego.parse("")
        else:
            rules = None
        with self._robots_lock:
            self._robots[key] = rules
            self._robots_errors[key] = result.error or f"HTTP {result.status}"
        return rules

    def is_allowed(self, url: str) -> bool:
        rules = self.robots(url)
        return rules is not None and rules.can_fetch(url, self.settings.user_agent)

    def _delay_for(self, url: str, check_robots: bool) -> float:
        delay = self.settings.delay_seconds
        if check_robots:
            rules = self.robots(url)
            crawl_delay = rules.crawl_delay(self.settings.user_agent) if rules else None
            if crawl_delay:
                delay = max(delay, float(crawl_delay))
        return delay

    def get(self, url: str, headers: dict[str, str] | None = None,
            allowed_hosts: set[str] | None = None) -> FetchResult:
        """GET with robots, redirects (within ``allowed_hosts``), retries and body limits."""
        seen = {url}
        current = url
        total_requests = 0
        for _ in range(self.settings.max_redirects + 1):
            if not self.is_allowed(current):
                parts = urlsplit(current)
                cause = self._robots_errors.get(f"{parts.scheme}://{parts.netloc}")
                reason = (f"robots.txt unreachable ({cause}), so not crawling"
                          if self.robots(current) is None else "disallowed by robots.txt")
                return FetchResult(url, current, error=f"{reason}: {current}",
                                   request_count=total_requests)
            result = self._request(current, headers or {}, check_robots=True)
            total_requests += result.request_count
            result.requested_url, result.request_count = url, total_requests
            if result.status not in (301, 302, 303, 307, 308) or result.error:
                return result
            location = urljoin(current, result.headers.get("Location", ""))
            host = (urlsplit(location).hostname or "").lower()
            if allowed_hosts is not None and host not in allowed_hosts:
                return FetchResult(url, current, status=result.status, request_count=total_requests,
                                   error=f"redirected off-site to {location}")
            if location in seen:
                return FetchResult(url, current, status=result.status, request_count=total_requests,
                                   error=f"redirect loop at {location}")
            seen.add(location)
            current = location
        return FetchResult(url, current, request_count=total_requests,
                           error=f"more than {self.settings.max_redirects} redirects from {url}")

    def _request(self, url: str, headers: dict[str, str], check_robots: bool) -> FetchResult:
        settings = self.settings
        host = (urlsplit(url).hostname or "").lower()
        delay = self._delay_for(url, check_robots)
        result = FetchResult(url, url)
        waited = 0.0
        for attempt in range(1, settings.max_attempts + 1):
            lock = self.limiter.acquire(host, delay)
            if isinstance(lock, str):
                result.error = f"{lock} ({url})"
                return result
            retry_after = None
            deadline = WATCHDOG.watch(settings.deadline_seconds)
            _watched.deadline = deadline
            try:
                result.request_count += 1
                response = self.session.get(
                    url, headers=headers, stream=True, allow_redirects=False,
                    timeout=(settings.connect_timeout_seconds, settings.read_timeout_seconds))
                result.status = response.status_code
                result.headers = dict(response.headers)
                result.url = response.url or url
                if response.status_code in RETRY_STATUSES and attempt < settings.max_attempts:
                    retry_after = _retry_after(response.headers.get("Retry-After"))
                    response.close()
                    result.error = f"HTTP {response.status_code} from {url}"
                else:
                    result.body, result.error = self._read_body(response, url, deadline)
                    if result.error is None and response.status_code >= 400:
                        result.error = f"HTTP {response.status_code} from {url}"
                    return result
            except requests.exceptions.SSLError as error:
                result.error = _too_slow(deadline, url) or f"TLS error for {url}: {error}"
                return result
            except (requests.ConnectionError, requests.Timeout, UnknownHostError) as error:
                if deadline.is_expired:
                    result.error = _too_slow(deadline, url)
                    return result
                if isinstance(error, UnknownHostError):  # no such host: asking again will not help
                    result.error = f"ConnectionError for {url}: {error}"
                    return result
                result.error = f"{type(error).__name__} for {url}: {error}"
                if attempt == settings.max_attempts:
                    return result
            finally:
                _watched.deadline = None
                WATCHDOG.release(deadline)
                lock.release()
            pause = settings.backoff_seconds * 2 ** (attempt - 1) * (1 + random.random() / 2)
            if retry_after is not None:
                pause = max(retry_after, pause)
            refused = self.limiter.pause(host, pause, settings.max_retry_after_seconds - waited)
            if refused:
                result.error = f"{result.error}: asked to wait {pause:.0f} s, {refused}"
                return result
            waited += pause
        return result

    def _read_body(self, response: requests.Response, url: str,
                   deadline: _Deadline) -> tuple[bytes | None, str | None]:
        settings = self.settings
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > settings.max_bytes:
            response.close()
            return None, f"too large: {int(declared)} bytes > cap {settings.max_bytes} ({url})"
        chunks, size = [], 0
        raw = response.raw
        try:
            while True:
                chunk = raw.read1(64 * 1024, decode_content=True)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if size > settings.max_bytes:
                    return None, f"too large: over cap {settings.max_bytes} bytes ({url})"
                if time.monotonic() > deadline.at:
                    return None, _too_slow(deadline, url)
        except (requests.exceptions.ChunkedEncodingError, requests.ConnectionError,
                requests.Timeout, urllib3.exceptions.HTTPError, OSError) as error:
            return None, (_too_slow(deadline, url) if deadline.is_expired
                          else f"incomplete body from {url}: {type(error).__name__}")
        finally:
            response.close()
        if deadline.is_expired:  # the socket was shut: what arrived may look complete
            return None, _too_slow(deadline, url)
        return b"".join(chunks), None


def _too_slow(deadline: _Deadline, url: str) -> str | None:
    if not deadline.is_expired and time.monotonic() <= deadline.at:
        return None
    return f"too slow: not complete after {deadline.seconds:g} s ({url})"


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds: a number of seconds, or an HTTP date."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    when = when if when.tzinfo else when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
