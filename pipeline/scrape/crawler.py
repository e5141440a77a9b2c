"""Crawl one ICB's site: discover meeting and document links, fetch documents, record each one.

The crawl is breadth-first from the start page, within the site's host(s), to a bounded depth and
page budget, skipping what robots.txt disallows. HTML pages are kept in the store too, so a rerun
can send conditional requests for pages as well as documents and still read their links. A rerun
asks about every page, but not about a document fetched or confirmed unchanged within its freshness
lifetime (``pipeline.scrape.freshness``).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

from pipeline.scrape import classify
from pipeline.scrape.dates import first_date
from pipeline.scrape.fetch import Fetcher, FetchResult
from pipeline.scrape.freshness import FAILURES_KEY, is_fresh, is_waiting_after_failure
from pipeline.scrape.links import Link, decode_html, looks_like_document, page_links
from pipeline.scrape.manifest import Journal
from pipeline.scrape.recipes import Recipe
from pipeline.scrape.store import Store

PDF_TYPES = {"application/pdf", "application/x-pdf"}


@dataclass
class CrawlFilters:
    since: date | None = None
    until: date | None = None
    max_docs: int | None = None


@dataclass
class SiteSummary:
    icb_code_ods: str
    start_url: str
    pages_visited_count: int = 0
    documents_found_count: int = 0
    new_count: int = 0
    unchanged_count: int = 0
    fresh_count: int = 0
    failed_count: int = 0
    skipped_count: int = 0
    request_count: int = 0
    status: str = "ok"
    detail: str = ""
    errors: list[str] = field(default_factory=list)


@dataclass
class Candidate:
    link: Link
    found_on_url: str
    parent_text: str


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def conditional_headers(previous: dict) -> dict[str, str]:
    """If-None-Match / If-Modified-Since from what a previous fetch recorded."""
    headers = {}
    if previous.get("etag"):
        headers["If-None-Match"] = previous["etag"]
    if previous.get("last_modified"):
        headers["If-Modified-Since"] = previous["last_modified"]
    return headers


def sniff_error(result: FetchResult, url: str) -> str | None:
    """Why the body is not the document it claims to be, or None."""
    body = result.body or b""
    path = url.lower().split("#")[0]
    claims_pdf = result.content_type in PDF_TYPES or path.endswith(".pdf")
    if claims_pdf and not body.startswith(b"%PDF"):
        kind = "HTML" if body.lstrip()[:15].lower().startswith((b"<!doctype", b"<html")) else "not PDF"
        return f"served as a PDF but the body is {kind} ({url})"
    if path.endswith(".docx") and not body.startswith(b"PK"):
        return f"served as a Word document but the body is not one ({url})"
    if not body:
        return f"empty body ({url})"
    return None


class SiteCrawler:
    """One ICB's crawl; ``run()`` returns its summary."""

    def __init__(self, *, dataset: str, run_id: str, icb_code_ods: str, start_url: str,
                 fetcher: Fetcher, store: Store, manifest: Journal, pages: Journal,
                 revalidations: Journal, previous: dict[str, dict], confirmed: dict[str, str],
                 page_cache: dict[str, dict], recipe: Recipe, filters: CrawlFilters):
        self.dataset, self.run_id, self.icb = dataset, run_id, icb_code_ods
        self.start_url = start_url
        self.fetcher, self.store, self.manifest, self.pages = fetcher, store, manifest, pages
        self.revalidations = revalidations
        self.previous, self.confirmed, self.page_cache = previous, confirmed, page_cache
        self.fresh_for = timedelta(hours=fetcher.settings.max_fresh_hours)
        self.recipe, self.filters = recipe, filters
        self.hosts = {(urlsplit(start_url).hostname or "").lower()}
        self.summary = SiteSummary(icb_code_ods, start_url)

    def run(self) -> SiteSummary:
        candidates = self._discover()
        if self.summary.status == "site_unreachable":
            return self.summary
        self.summary.documents_found_count = len(candidates)
        if not candidates:
            self.summary.status = "no_papers_found"
            self.summary.detail = f"no document links found from {self.start_url}"
            return self.summary
        done = 0
        for url in sorted(candidates):
            if self.filters.max_docs is not None and done >= self.filters.max_docs:
                break
            if self._document(url, candidates[url]):
                done += 1
        return self.summary

    def _fetch_page(self, url: str) -> tuple[FetchResult, list[Link] | None]:
        """Fetch a page (conditionally when it was seen before) and return its links."""
        cached = self.page_cache.get(url)
        headers = conditional_headers(cached) if cached and cached.get("links") is not None else {}
        result = self.fetcher.get(url, headers, allowed_hosts=self.hosts)
        self.summary.request_count += result.request_count
        if result.error:
            return result, None
        if result.status == 304 and cached:
            return result, [Link(u, text, tuple(context)) for u, text, *context in cached["links"]]
        if result.status == 200 and result.body is not None:
            sha256, _ = self.store.put(result.body)
            html = decode_html(result.body, result.headers.get("Content-Type", ""))
            links = page_links(html, result.url or url)
            self.pages.append({"url": url, "etag": result.headers.get("ETag"),
                               "last_modified": result.headers.get("Last-Modified"),
                               "sha256": sha256,
                               "links": [[link.url, link.text, *link.context] for link in links]})
            return result, links
        return result, None

    def _discover(self) -> dict[str, Candidate]:
        queue = deque([(self.start_url, 0, "")])
        seen = {self.start_url}
        candidates: dict[str, Candidate] = {}
        while queue and self.summary.pages_visited_count < self.recipe.max_pages:
            url, depth, parent_text = queue.popleft()
            result, links = self._fetch_page(url)
            if url == self.start_url and links is None:
                self.summary.status = "site_unreachable"
                self.summary.detail = result.error or f"HTTP {result.status} from {url}"
                return {}
            if url == self.start_url and result.url != url:
                self.hosts.add((urlsplit(result.url).hostname or "").lower())
            if links is None:
                self.summary.errors.append(result.error or f"HTTP {result.status} from {url}")
                continue
            self.summary.pages_visited_count += 1
            for link in links:
                host = (urlsplit(link.url).hostname or "").lower()
                if host not in self.hosts:
                    continue
                if looks_like_document(link):
                    candidates.setdefault(link.url, Candidate(link, url, parent_text))
                elif (link.url not in seen and depth < self.recipe.max_depth
                      and not self.recipe.skips(link.url)):
                    seen.add(link.url)
                    context = link.text if len(link.text) > 8 else " ".join(link.context[:1])
                    queue.append((link.url, depth + 1, context or parent_text))
        return candidates

    def _describe(self, url: str, candidate: Candidate) -> dict:
        link = candidate.link
        texts = [link.text, *link.context, candidate.parent_text]
        title = link.text if len(link.text) > 12 else (link.context[2] or link.context[0]
                                                          or link.text)
        committee_name, is_board = classify.committee(texts, url)
        parsed = first_date(texts, url)
        return {
            "committee_name": committee_name,
            "is_board": is_board,
            "meeting_date": parsed.day.isoformat() if parsed and parsed.day else None,
            "meeting_month": parsed.month if parsed else None,
            "document_type": classify.document_type([title, *texts], url, committee_name),
            "title": title,
        }

    def _recently_failed(self, previous: dict | None) -> bool:
        """A failed document waits longer after each failure in a row (``freshness.retry_wait``)."""
        if not previous or previous.get("run_id") == self.run_id:
            return False
        cap = timedelta(hours=self.fetcher.settings.failure_backoff_hours)
        return is_waiting_after_failure(previous, previous.get(FAILURES_KEY, 1), cap)

    def _document(self, url: str, candidate: Candidate) -> bool:
        """Fetch and record one document; True if it counted towards --max-docs."""
        description = self._describe(url, candidate)
        known = description["meeting_date"]
        if known and ((self.filters.since and known < self.filters.since.isoformat()) or
                      (self.filters.until and known > self.filters.until.isoformat())):
            self.summary.skipped_count += 1
            return False
        previous = self.previous.get(url)
        if self._recently_failed(previous):
            self.summary.skipped_count += 1
            if not previous["error"].startswith("disallowed by robots.txt"):
                self.summary.failed_count += 1
            return True
        has_copy = previous and previous.get("sha256") and self.store.has(previous["sha256"])
        if has_copy and is_fresh(previous, self.confirmed.get(url), self.fresh_for):
            self.summary.unchanged_count += 1
            self.summary.fresh_count += 1
            return True
        headers = conditional_headers(previous) if has_copy else {}
        result = self.fetcher.get(url, headers, allowed_hosts=self.hosts)
        self.summary.request_count += result.request_count
        error = result.error or (None if result.status == 304 else sniff_error(result, url))
        sha256, is_new = (None, False)
        if error is None and result.status != 304:
            sha256, is_new = self.store.put(result.body)
        if error is None and (result.status == 304 or (previous or {}).get("sha256") == sha256):
            self.revalidations.append({"requested_url": url, "confirmed_at": now_iso(),
                                       "http_status": result.status, "run_id": self.run_id})
            self.summary.unchanged_count += 1
            return True
        row = {
            "dataset": self.dataset, "icb_code_ods": self.icb, **description,
            "source_url": result.url or url, "requested_url": url,
            "found_on_url": candidate.found_on_url, "fetched_at": now_iso(),
            "http_status": result.status, "etag": result.headers.get("ETag"),
            "last_modified": result.headers.get("Last-Modified"),
            "cache_control": result.headers.get("Cache-Control"),
            "expires": result.headers.get("Expires"),
            "content_type": result.content_type or None,
            "bytes_count": len(result.body) if result.body is not None and error is None else None,
            "sha256": sha256, "error": error, "run_id": self.run_id,
        }
        self.manifest.append(row)
        if error and error.startswith("disallowed by robots.txt"):
            self.summary.skipped_count += 1
        elif error:
            self.summary.failed_count += 1
            self.summary.errors.append(error)
        elif is_new or not previous:
            self.summary.new_count += 1
        else:
            self.summary.unchanged_count += 1
        return True
