"""Run the crawl over many ICBs in parallel (one thread per site) and record what happened.

The stage knows nothing of where its web comes from: the caller gives it a session factory and the
start URLs (``pipeline/commands/scrape_wiring.py`` wires the demo web or the live sites). Its
journals are written and read through their contracts (``pipeline/contracts.toml``).
"""

from __future__ import annotations

import sys
import time
import uuid
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import asdict
from datetime import date
from pathlib import Path

import requests

from pipeline import contracts
from pipeline.errors import UserError
from pipeline.io import Journal, latest_by
from pipeline.paths import raw_dir
from pipeline.registry import load_registry
from pipeline.scrape import memo
from pipeline.scrape.crawler import CrawlFilters, SiteCrawler, SiteSummary, now_iso
from pipeline.scrape.fetch import CrawlSettings, Fetcher
from pipeline.scrape.freshness import FAILURES_KEY, failures_in_a_row
from pipeline.scrape.recipes import load_recipes, recipe_for
from pipeline.scrape.store import Store

ESTABLISHED = date(2022, 7, 1)


# the contracts of the journals the scrape writes in data/raw/<dataset>/
JOURNALS = ("manifest", "page_cache", "scrape_runs", "revalidations")


def registry_start_urls() -> dict[str, str]:
    """ICB ODS code -> the registry's board-papers URL (the live sites' start URLs)."""
    return {icb.icb_code_ods: icb.board_papers_url for icb in load_registry().all()}


def select_icbs(icb_codes: list[str] | None, since: date | None, until: date | None) -> list[str]:
    """The ICBs to crawl, each once: those named, else every ICB in being in the window."""
    registry = load_registry()
    if icb_codes:
        return list(dict.fromkeys(registry.get(code).icb_code_ods for code in icb_codes))
    start, end = since or ESTABLISHED, until or date.today()
    return [icb.icb_code_ods for icb in registry.active_between(start, end)]


def journal_path(root: Path, name: str) -> Path:
    """Where journal ``name`` is in ``root`` (the file its contract names)."""
    return root / Path(contracts.contract(name).file).name


def read_journal(root: Path, name: str) -> list[dict]:
    """Every row of one of the dataset's journals, checked against its contract and in today's
    column names; a row that breaks the contract is a ``UserError`` naming file, line and column
    (read before anything is written, so nothing collected is touched)."""
    try:
        return contracts.read_journal(journal_path(root, name), name)
    except ValueError as error:
        raise UserError(str(error)) from None


def open_journal(root: Path, name: str, journal_class=Journal) -> Journal:
    """One of the dataset's journals for appending; every row is checked against its contract
    before it is written."""
    path = journal_path(root, name)
    return journal_class(path, check=contracts.checker(name, path))


def previous_fetches(root: Path) -> dict[str, dict]:
    """The latest manifest row per document URL; a failed one carries how many failures in a row
    it ends (under ``FAILURES_KEY``, in memory only: it is no manifest column), from which the
    crawler knows how long to wait."""
    rows = read_journal(root, "manifest")
    failures = failures_in_a_row(rows)
    return {url: {**row, FAILURES_KEY: failures[url]} if failures[url] else row
            for url, row in latest_by(rows, "requested_url").items()}


class Progress:
    """A one-line progress bar on a terminal; otherwise a line every ``interval`` seconds. Each
    ICB's result is printed once, by the caller, when the run ends."""

    def __init__(self, total: int, stream=sys.stderr, interval: float = 10.0):
        self.total, self.done, self.stream, self.interval = total, 0, stream, interval
        self.is_tty = hasattr(stream, "isatty") and stream.isatty()
        self.started = self.last = time.monotonic()

    def update(self, summary: SiteSummary | None, documents: int) -> None:
        """After an ICB finishes (``summary``), or now and then while none does (None)."""
        self.done += summary is not None
        now = time.monotonic()
        if self.is_tty:
            filled = int(30 * self.done / max(self.total, 1))
            last = f"  last: {summary.icb_code_ods} {summary.status}" if summary else ""
            self.stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total}"
                              f" ICBs, {documents} documents{last}   ")
            if self.done == self.total:
                self.stream.write("\n")
        elif now - self.last >= self.interval:
            self.last = now
            self.stream.write(f"scrape: {self.done}/{self.total} ICBs done, {documents} "
                              f"documents recorded, {now - self.started:.0f} s\n")
        self.stream.flush()


class CountingJournal(Journal):
    """A journal that counts the rows this run appended (for progress lines)."""

    def __init__(self, path: Path, check=None):
        super().__init__(path, check=check)
        self.appended_count = 0

    def append(self, row: dict) -> None:
        super().append(row)
        self.appended_count += 1


def scrape(dataset: str, *, session_factory, start_urls: dict[str, str] | None = None,
           icb_codes: list[str] | None = None, since: date | None = None,
           until: date | None = None, max_docs: int | None = None,
           start_url: str | None = None, settings: CrawlSettings | None = None,
           workers: int = 8, progress: bool = True, root=None,
           before_collect=None) -> list[SiteSummary]:
    """Crawl the chosen ICBs into ``data/raw/<dataset>/`` (or ``root``); return one summary per ICB.

    ``session_factory`` makes the HTTP session of each crawling thread; ``start_urls`` (ICB ODS
    code -> URL) defaults to the registry's board-papers URLs, and ``start_url`` overrides the
    first ICB's. ``before_collect(root)``, if given, runs before anything in ``root`` is read."""
    settings = settings or CrawlSettings()
    memo.clear()
    codes = select_icbs(icb_codes, since, until)
    urls = dict(start_urls or registry_start_urls())
    if start_url:
        urls[codes[0]] = start_url
    recipes = load_recipes()
    root = Path(root) if root else raw_dir(dataset)
    if before_collect is not None:
        before_collect(root)
    previous = previous_fetches(root)
    confirmed = {row["requested_url"]: row["confirmed_at"]
                 for row in read_journal(root, "revalidations")}
    page_cache = latest_by(read_journal(root, "page_cache"), "url")
    store = Store(root / "store")
    store.remove_partials()
    manifest, pages, runs, revalidations = (
        open_journal(root, "manifest", CountingJournal), open_journal(root, "page_cache"),
        open_journal(root, "scrape_runs"), open_journal(root, "revalidations", CountingJournal))
    fetcher = Fetcher(session_factory, settings)
    run_id = uuid.uuid4().hex[:12]
    filters = CrawlFilters(since, until, max_docs)
    bar = Progress(len(codes)) if progress else None
    summaries = []

    def crawl(code: str) -> tuple[SiteSummary, str]:
        started = now_iso()
        recipe = recipe_for(recipes, code)
        url = (recipe.start_urls[0] if recipe.start_urls and not start_url else urls.get(code))
        if not url:
            return SiteSummary(code, "", status="no_start_url",
                               detail="the registry has no board-papers URL"), started
        crawler = SiteCrawler(dataset=dataset, run_id=run_id, icb_code_ods=code, start_url=url,
                              fetcher=fetcher, store=store, manifest=manifest, pages=pages,
                              revalidations=revalidations, previous=previous, confirmed=confirmed,
                              page_cache=page_cache, recipe=recipe, filters=filters)
        return crawler.run(), started

    def record_site(summary: SiteSummary, started: str) -> None:
        record = {key: value for key, value in asdict(summary).items() if key != "errors"}
        runs.append({"run_id": run_id, "dataset": dataset, "started_at": started,
                     "finished_at": now_iso(), **record, "error_examples": summary.errors[:5]})
        summaries.append(summary)
        if bar:
            bar.update(summary, manifest.appended_count + revalidations.appended_count)

    crashed: list[BaseException] = []
    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            pending = {pool.submit(crawl, code) for code in codes}
            while pending:
                finished, pending = wait(pending, timeout=1.0, return_when=FIRST_COMPLETED)
                if not finished and bar:
                    bar.update(None, manifest.appended_count + revalidations.appended_count)
                for future in finished:
                    if future.exception() is not None:  # the other sites go on and are recorded
                        crashed.append(future.exception())
                    else:
                        record_site(*future.result())
    finally:
        for journal in (manifest, pages, runs, revalidations):
            journal.close()
    if crashed:
        raise crashed[0]
    return sorted(summaries, key=lambda summary: summary.icb_code_ods)


def check_start_urls(dataset: str, settings: CrawlSettings | None = None,
                     session_factory=None) -> list[tuple[str, str, str]]:
    """(ICB, start URL, verdict) for every ICB: does the registry's start page still answer?"""
    settings = settings or CrawlSettings()
    fetcher = Fetcher(session_factory or requests.Session, settings)
    recipes = load_recipes()
    out = []
    for code in select_icbs(None, None, None):
        recipe = recipe_for(recipes, code)
        url = recipe.start_urls[0] if recipe.start_urls else registry_start_urls().get(code)
        if not url:
            out.append((code, "", "needs attention: no start URL in the registry"))
            continue
        result = fetcher.get(url)
        verdict = "ok" if result.status == 200 and not result.error else \
            f"needs attention: {result.error or f'HTTP {result.status}'}"
        if result.url and result.url != url and verdict == "ok":
            verdict = f"ok, redirected to {result.url}"
        out.append((code, url, verdict))
    return out
