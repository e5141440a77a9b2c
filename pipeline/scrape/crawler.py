"""Crawl one ICB's site: discover meeting and document links, fetch documents, record each one.

The crawl is breadth-first from the start page, within the site's host(s), to a bounded depth and
page budget, skipping what robots.txt disallows. HTML pages are kept in the store too, so a rerun
can send conditional requests for pages as well as documents and still read their links. A rerun
asks about every page, but not about a document fetched or confirmed unchanged within its freshness
lifetime (``pipeline.scrape.freshness``).
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from itertools import count
from urllib.parse import unquote, urlsplit

from pipeline.io import Journal
from pipeline.scrape import classify, duplicates, sitemaps
from pipeline.scrape.dates import meeting_date_in
from pipeline.scrape.fetch import Fetcher, FetchResult
from pipeline.scrape.freshness import FAILURES_KEY, is_fresh, is_waiting_after_failure
from pipeline.scrape.links import (
    ARCHIVE_EXTENSIONS,
    DOCUMENT_EXTENSIONS,
    GENERIC_LINK_TEXT,
    Link,
    Page,
    decode_html,
    file_name_text,
    is_html_document,
    looks_like_document,
    parse_page,
)
from pipeline.scrape.metadata import describe, meetings_known, referring_day
from pipeline.scrape.platforms import Platform, PlatformAssumptionError, detect, platform_named
from pipeline.scrape.recipes import Recipe
from pipeline.scrape.store import Store

PDF_TYPES = {"application/pdf", "application/x-pdf"}
ARCHIVE_TYPES = {"application/zip", "application/x-zip-compressed", "application/x-zip"}
MAX_OTHER_LINKS = 8  # other links to the same document kept to describe it
MAX_OTHER_PAGINATION = 60  # pages of listings other than the start page's (calendars never end)
PAGE_FORMAT = 2  # the layout of a pages.jsonl row; older rows are fetched afresh
SHORTLINK = re.compile(r"[?&](p|page_id|post)=\d+$|/node/\d+/?$|/\?p=\d+", re.I)
NEWSY = re.compile(r"/(news|blog|latest|press|stories|updates)(/|$)|/20\d\d/\d\d/", re.I)
PAPERISH = re.compile(r"board|papers|meeting|minutes|agenda|committee|governance", re.I)
SCOPE_WORDS = re.compile(
    r"board|paper|meeting|minute|agenda|committee|governance|archive|forum|panel|partnership|"
    r"group|assembly|previous|past|older|earlier|historic|"
    r"mg[A-Z]\w+\.aspx|ieList|cmis|tabid|/category/|/page/\d", re.I)
YEARISH = re.compile(r"^\W*(?:(?:19|20)\d\d(?:\s*[/-]\s*(?:20)?\d\d)?|"
                     r"[A-Z][a-z]+\s+20\d\d)\W*$")
PAPER_TYPES = {"agenda", "minutes", "board_pack", "papers", "committee_papers"}


@cache
def icb_names(icb_code_ods: str) -> tuple[str, ...]:
    """The ICB's names in the registry (to tell "NHS Sussex Board" from other boards)."""
    from pipeline.registry import load_registry

    try:
        icb = load_registry().get(icb_code_ods)
    except (KeyError, ValueError, LookupError):
        return ()
    return tuple(name for name in (icb.icb_name, icb.icb_short_name) if name)


def is_document_response(result: FetchResult) -> bool:
    """A response that is a document (PDF, Word, …), whatever its address looked like."""
    kind = result.content_type
    body = result.body or b""
    return kind in PDF_TYPES or kind in ARCHIVE_TYPES or "officedocument" in kind or \
        "msword" in kind or "opendocument" in kind or body.startswith(b"%PDF")


def _page_from_cache(url: str, cached: dict) -> Page:
    return Page(url, [Link.from_row(row) for row in cached["links"]],
                canonical_url=cached.get("canonical_url"),
                shortlink_url=cached.get("shortlink_url"), refresh_url=cached.get("refresh_url"),
                generator=cached.get("generator", ""), heading=cached.get("heading", ""),
                markers=cached.get("markers", ""), text_length=cached.get("text_length", 0),
                is_minutes_like=cached.get("is_minutes_like", False))


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
    fetched: FetchResult | None = None  # an HTML document already fetched as a page
    others: list[tuple[Link, str, str]] = field(default_factory=list)  # other links to it


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
    if path.endswith(ARCHIVE_EXTENSIONS) and not body.startswith(b"PK"):
        return f"served as a ZIP archive but the body is not one ({url})"
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
        self.platform: Platform = platform_named(recipe.platform) if recipe.platform else Platform()
        self.icb_names = icb_names(icb_code_ods)
        self.start_bodies: tuple[str, ...] = ()
        self.known_meetings: dict[str, frozenset[date]] = {}  # body -> meeting dates on the site
        self.descriptions: dict[str, tuple[dict, Link, str]] = {}  # url -> (fields, link, page)
        self.is_shared = False  # a council's democracy site that also hosts the ICB's bodies

    def run(self) -> SiteSummary:
        candidates = self._discover()
        if self.summary.status == "site_unreachable":
            return self.summary
        repeats = self._merge_duplicates(candidates)
        self.summary.documents_found_count = len(candidates)
        self.descriptions = {url: self._fullest(candidate) for url, candidate in candidates.items()}
        self.known_meetings = meetings_known([best[0] for best in self.descriptions.values()])
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
        for url in sorted(repeats):
            kept, candidate = repeats[url]
            self._duplicate(url, candidate, kept, self._describe(kept, candidates[kept]))
        return self.summary

    def _merge_duplicates(self, candidates: dict[str, Candidate]) -> dict[str, tuple[str, Candidate]]:
        """Take out of ``candidates`` each other address of a document (``duplicates``), its links
        added to the kept address's; each one taken out -> (the address kept, its candidate)."""
        repeats = {}
        names = self.recipe.download_parameters
        for url, kept in duplicates.duplicates(list(candidates), names).items():
            candidate = candidates.pop(url)
            others = [(candidate.link, candidate.found_on_url, candidate.parent_text),
                      *candidate.others]
            room = MAX_OTHER_LINKS - len(candidates[kept].others)
            candidates[kept].others.extend(others[:max(room, 0)])
            repeats[url] = (kept, candidate)
        return repeats

    def _duplicate(self, url: str, candidate: Candidate, kept: str, description: dict) -> None:
        """Record, once, that ``url`` is another address of the document at ``kept``: skipped,
        with that document's ``description``."""
        skip = f"duplicate of {kept}"
        self.summary.skipped_count += 1
        if (self.previous.get(url) or {}).get("skip_reason") != skip:
            self.manifest.append(self._manifest_row(url, candidate, description,
                                                    error=f"skipped: {skip}", skip_reason=skip))

    def _fetch_page(self, url: str) -> tuple[FetchResult, Page | None]:
        """Fetch a page (conditionally when it was seen before) and parse it."""
        cached = self.page_cache.get(url)
        usable = bool(cached and cached.get("format") == PAGE_FORMAT)
        headers = conditional_headers(cached) if usable else {}
        result = self.fetcher.get(url, headers, allowed_hosts=self.hosts)
        self.summary.request_count += result.request_count
        if result.error:
            return result, None
        if result.status == 304 and usable:
            return result, _page_from_cache(url, cached)
        if result.status == 200 and result.body is not None:
            if is_document_response(result):
                return result, None
            sha256, _ = self.store.put(result.body)
            html = decode_html(result.body, result.headers.get("Content-Type", ""))
            page = parse_page(html, result.url or url)
            self.pages.append({"url": url, "etag": result.headers.get("ETag"),
                               "last_modified": result.headers.get("Last-Modified"),
                               "sha256": sha256, "format": PAGE_FORMAT,
                               "canonical_url": page.canonical_url,
                               "shortlink_url": page.shortlink_url,
                               "refresh_url": page.refresh_url, "generator": page.generator,
                               "markers": page.markers[:4000], "heading": page.heading,
                               "text_length": page.text_length,
                               "is_minutes_like": page.is_minutes_like,
                               "links": [link.to_row() for link in page.links]})
            return result, page
        return result, None

    def _priority(self, link: Link, depth: int) -> int:
        """Breadth first, but pages about meetings before news and shortlink duplicates."""
        path = urlsplit(link.url).path.lower()
        penalty = 0
        if SHORTLINK.search(link.url):
            penalty += 3
        if NEWSY.search(path) and not PAPERISH.search(link.text):
            penalty += 1
        if PAPERISH.search(link.text) or PAPERISH.search(path):
            penalty -= 1
        return depth * 2 + penalty

    def _discover(self) -> dict[str, Candidate]:
        order = count()
        queue: list = [(0, next(order), self.start_url, 0, "", True)]
        seen = {self.start_url}
        done_pages: set[str] = set()
        candidates: dict[str, Candidate] = {}
        listing = urlsplit(self.start_url).path.rsplit("/", 1)[0] + "/"

        referrers: dict[str, tuple[Link, str]] = {}
        redirected_to = None
        paged = count()

        def push(url, depth, parent, is_listing, priority, via=None):
            seen.add(url)
            if via is not None:
                referrers[url] = via
            heapq.heappush(queue, (priority, next(order), url, depth, parent, is_listing))

        while queue and self.summary.pages_visited_count < self.recipe.max_pages:
            _, _, url, depth, parent_text, is_listing = heapq.heappop(queue)
            if url in done_pages:  # the canonical form of a page already read
                continue
            result, page = self._fetch_page(url)
            if url == self.start_url and page is None:
                self.summary.status = "site_unreachable"
                self.summary.detail = result.error or f"HTTP {result.status} from {url}"
                return {}
            if url == self.start_url:
                if result.url != url:
                    self.hosts.add((urlsplit(result.url).hostname or "").lower())
                if not self.recipe.platform:
                    self.platform = detect(page)
                self.is_shared = self.platform.is_shared(page)
                self._seed_sitemaps(push, seen)
                started_at = classify.body_in(page.heading, self.icb_names) or \
                    classify.body_in(page.title, self.icb_names)
                if started_at:  # the body whose page the crawl was started from is the ICB's
                    self.start_bodies = (started_at.name,)
            elif url == redirected_to and page is not None and not self.recipe.platform:
                self.platform = detect(page)  # the start page only meta-refreshed to this one
                self.is_shared = self.platform.is_shared(page)
            if page is None and url in referrers and is_document_response(result):
                link, found_on = referrers[url]  # a document at an address that did not say so
                candidates.setdefault(url, Candidate(link, found_on, parent_text, result))
                continue
            if page is None:
                self.summary.errors.append(result.error or f"HTTP {result.status} from {url}")
                continue
            self.summary.pages_visited_count += 1
            canonical = page.canonical_url
            if canonical and canonical != url and self._on_site(canonical):
                if canonical in done_pages:
                    continue
                seen.add(canonical)
            if page.shortlink_url and self._on_site(page.shortlink_url):
                seen.add(page.shortlink_url)
            done_pages.add(canonical or url)
            if url != self.start_url and url in referrers and is_html_document(page):
                link, found_on = referrers[url]
                own = (("document_heading", page.heading),) + (
                    (("document_kind", "minutes"),) if page.is_minutes_like else ())
                link = Link(link.url, link.text, own + link.clues, link.rel, link.region)
                fetched = result if result.status == 200 and result.body else None
                candidates.setdefault(url, Candidate(link, found_on, parent_text, fetched))
                continue
            if page.refresh_url and self._on_site(page.refresh_url) and \
                    page.refresh_url not in seen:
                push(page.refresh_url, depth, parent_text, is_listing, depth * 2)
                if url == self.start_url:
                    redirected_to = page.refresh_url
            try:
                self.platform.check(page, self.icb)
            except PlatformAssumptionError as error:
                self.summary.errors.append(str(error))
            for link in page.links:
                if not self._on_site(link.url):
                    continue
                if looks_like_document(link) or link.url in self.previous:
                    known = candidates.get(link.url)
                    if known is None:
                        candidates[link.url] = Candidate(link, url, parent_text)
                    elif len(known.others) < MAX_OTHER_LINKS:
                        known.others.append((link, url, parent_text))
                    continue
                if link.url in seen:
                    continue
                if self.platform.is_pagination(link, url):
                    if is_listing:
                        push(link.url, depth, parent_text, True, depth * 2)
                    elif next(paged) < MAX_OTHER_PAGINATION and not self.recipe.skips(
                            link.url, self.platform.name, listing):
                        push(link.url, depth, parent_text, False, depth * 2 + 1)
                elif (depth < self.recipe.max_depth and self.platform.follows(link)
                      and self._in_scope(link, listing)
                      and not self.recipe.skips(link.url, self.platform.name, listing)):
                    context = link.text if len(link.text) > 8 else " ".join(link.context[:1])
                    day = referring_day(link)  # an index row's date: the linked page's meeting
                    stated = meeting_date_in(context)
                    if day and not (stated and stated.day):
                        context = f"{context} ({day.day} {day:%B %Y})".strip()
                    push(link.url, depth + 1, context or parent_text, False,
                         self._priority(link, depth + 1), (link, url))
        for url, link in self.sitemap_documents.items():
            candidates.setdefault(url, Candidate(link, "sitemap", ""))
        return candidates

    def _in_scope(self, link: Link, listing: str) -> bool:
        """Whether a page link may lead to papers: it is under the start page's path, or its text
        or address is about meetings, papers, bodies, years or archives, or names a document."""
        path = urlsplit(link.url).path
        if listing != "/" and path.lower().startswith(listing.lower()):
            return True
        if SCOPE_WORDS.search(link.text) or SCOPE_WORDS.search(unquote(link.url)):
            return True
        if GENERIC_LINK_TEXT.match(link.text) and any(  # "Read more" under a post's title
                SCOPE_WORDS.search(text) for source, text in link.clues
                if source in ("list_item", "paragraph", "row", "heading")):
            return True
        if YEARISH.search(link.text) or classify.body_in(link.text, self.icb_names):
            return True
        return classify.type_of(link.text, True) not in (None, "papers")

    def _on_site(self, url: str) -> bool:
        return (urlsplit(url).hostname or "").lower() in self.hosts

    def _seed_sitemaps(self, push, seen: set[str]) -> None:
        """Pages and papers that robots.txt's sitemaps list, as extra seeds."""
        self.sitemap_documents: dict[str, Link] = {}
        if not self.recipe.use_sitemaps:
            return
        rules = self.fetcher.robots(self.start_url)
        todo = [url for url in (list(rules.sitemaps) if rules else []) if self._on_site(url)]
        fetched = 0
        while todo and fetched < sitemaps.MAX_SITEMAPS:
            url = todo.pop(0)
            fetched += 1
            result = self.fetcher.get(url, {}, allowed_hosts=self.hosts)
            self.summary.request_count += result.request_count
            if result.error or result.status != 200 or not result.body:
                self.summary.errors.append(result.error or f"HTTP {result.status} from {url}")
                continue
            children, urls = sitemaps.parse_sitemap(result.body)
            todo += [child for child in children if self._on_site(child)]
            for page_url in urls:
                if not self._on_site(page_url) or not sitemaps.relevant(page_url):
                    continue
                link = Link(page_url, "", (("file_name", file_name_text(page_url)),))
                if looks_like_document(link) or page_url.lower().split("?")[0].endswith(
                        DOCUMENT_EXTENSIONS):
                    if classify.type_of(file_name_text(page_url), True) in PAPER_TYPES:
                        self.sitemap_documents[page_url] = link
                elif page_url not in seen:
                    push(page_url, 1, "", False, 6)

    def _describe(self, url: str, candidate: Candidate) -> dict:
        """The fullest description any link to the document gives (a link in the page's content
        before one in its footer, one with a date and a named committee before a bare one), as
        ``run`` first found it; minutes again, with the meetings known on the site."""
        best = self.descriptions.get(url)
        if best is None or (best[0]["document_type"] == "minutes" and self.known_meetings):
            best = self._fullest(candidate)
        description, link, found_on = best
        candidate.link, candidate.found_on_url = link, found_on
        return description

    def _fullest(self, candidate: Candidate) -> tuple[dict, Link, str]:
        """The fullest description; its title from another link's own text when it has only
        the file name's (a "Download" button under a meeting, the title linked elsewhere)."""
        best, best_rank, named = None, None, None
        for link, found_on, parent in [(candidate.link, candidate.found_on_url,
                                         candidate.parent_text), *candidate.others]:
            description = describe(link, parent, self.platform.orders, self.icb_names,
                                   self.known_meetings)
            rank = (not link.region, bool(description["meeting_date"]),
                    description["committee_source"] != "default",
                    description["type_source"] != "default")
            if best_rank is None or rank > best_rank:
                best, best_rank = (description, link, found_on), rank
            if named is None and description["title_source"] == "link_text" and \
                    not classify.FILE_NAME_LIKE.search(description["title"]) and \
                    description["title"].lower() != file_name_text(link.url).lower():
                named = description
        if named is not None and best[0]["title_source"] in ("file_name", None):
            best = ({**best[0], "title": named["title"], "title_source": "link_text"}, *best[1:])
        return best

    def _skip_reason(self, url: str, candidate: Candidate, description: dict) -> str | None:
        link = candidate.link
        if link.region and (link.region != "aside" or description["type_source"] == "default"):
            return f"not a paper: linked from the page's {link.region}, not its content"
        rule = classify.not_a_paper([description["title"], link.text, file_name_text(url)],
                                    is_dated=bool(description["meeting_date"]))
        if rule:
            return f"not a paper: {rule.reason}"
        if urlsplit(url).path.lower().endswith(ARCHIVE_EXTENSIONS) and not (
                description["document_type"] in PAPER_TYPES and description["meeting_month"]):
            return "not a paper: a ZIP archive that is not a meeting's papers"
        if not self.platform.recognises(description["committee_name"],
                                        self.recipe.icb_bodies + self.start_bodies,
                                        self.is_shared):
            return f"not an ICB body: {description['committee_name']}"
        return None

    def _recently_failed(self, previous: dict | None) -> bool:
        """A failed document waits longer after each failure in a row (``freshness.retry_wait``)."""
        if not previous or previous.get("run_id") == self.run_id:
            return False
        cap = timedelta(hours=self.fetcher.settings.failure_backoff_hours)
        return is_waiting_after_failure(previous, previous.get(FAILURES_KEY, 1), cap)

    def _manifest_row(self, url: str, candidate: Candidate, description: dict, *,
                      result: FetchResult | None = None, sha256: str | None = None,
                      error: str | None = None, skip_reason: str | None = None) -> dict:
        """The manifest row for a document fetched (``result``) or not downloaded because it is
        not one of the ICB's papers (``skip_reason``): every column of the manifest contract
        (``pipeline/contracts.toml``), in its order; the journal checks it against the contract."""
        headers = result.headers if result is not None else {}
        is_stored = result is not None and result.body is not None and error is None
        return {
            "dataset": self.dataset, "icb_code_ods": self.icb,
            "committee_name": description["committee_name"], "is_board": description["is_board"],
            "meeting_date": description["meeting_date"],
            "meeting_month": description["meeting_month"],
            "document_type": description["document_type"], "title": description["title"],
            "source_url": (result.url if result is not None else None) or url,
            "requested_url": url, "found_on_url": candidate.found_on_url,
            "retrieved_at": now_iso(),
            "http_status": result.status if result is not None else None,
            "etag": headers.get("ETag"), "last_modified": headers.get("Last-Modified"),
            "cache_control": headers.get("Cache-Control"), "expires": headers.get("Expires"),
            "content_type": (result.content_type or None) if result is not None else None,
            "bytes_count": len(result.body) if is_stored else None,
            "sha256": sha256, "error": error, "run_id": self.run_id,
            "skip_reason": skip_reason, "platform": self.platform.name,
            "date_source": description["date_source"],
            "committee_source": description["committee_source"],
            "type_source": description["type_source"], "title_source": description["title_source"],
        }

    def _document(self, url: str, candidate: Candidate) -> bool:
        """Fetch and record one document; True if it counted towards --max-docs."""
        description = self._describe(url, candidate)
        skip = self._skip_reason(url, candidate, description)
        if skip:
            self.summary.skipped_count += 1
            if (self.previous.get(url) or {}).get("skip_reason") != skip:
                self.manifest.append(self._manifest_row(url, candidate, description,
                                                        error=f"skipped: {skip}", skip_reason=skip))
            return False
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
        if candidate.fetched is not None:
            result = candidate.fetched
        else:
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
        self.manifest.append(self._manifest_row(url, candidate, description, result=result,
                                                sha256=sha256, error=error))
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
