"""``scrape``: collect ICB board papers into the content-addressed store and manifest."""

from __future__ import annotations

import math
from urllib.parse import urlsplit

from pipeline.cli import add_dataset_argument, resolve_dataset
from pipeline.errors import UserError
from pipeline.registry import UnknownIcbError, load_registry, parse_date

HELP = "collect ICB board papers politely and incrementally (demo web or live sites)"
DESCRIPTION = """\
Crawl each ICB's board-papers pages (meetings, committees, archives, download pages) and store
every document under its SHA-256 in data/raw/<dataset>/store/, with a row per fetch in
data/raw/<dataset>/manifest.jsonl and a summary per ICB in scrape_runs.jsonl. Reruns send
conditional requests and download only what changed; they ask about every page, but not about a
document fetched or confirmed unchanged within its HTTP freshness lifetime (at most 24 h), nor for
a document that failed recently: 5 minutes after one failure, doubling with each failure in a row
up to 24 h. --revalidate asks about every document, failed ones included. robots.txt and
Crawl-delay are obeyed; live runs wait at least 1 s between requests to a site.

examples:
  python -m pipeline scrape                          # the demo web (default)
  python -m pipeline scrape --icb QWO --icb QF7      # two ICBs only
  python -m pipeline scrape --since 2025-04-01 --max-docs 20
  python -m pipeline scrape --revalidate             # ask about every stored document again
  SOURCE=live python -m pipeline scrape --check      # which live start URLs need attention
  python -m pipeline scrape --dataset live --icb QNX --start-url https://example.nhs.uk/board/
"""


def add_arguments(parser) -> None:
    add_dataset_argument(parser)
    parser.add_argument("--icb", action="append", metavar="CODE",
                        help="crawl only this ICB (ODS or ONS code, or name); repeatable")
    parser.add_argument("--since", metavar="YYYY-MM-DD", help="skip documents dated before this")
    parser.add_argument("--until", metavar="YYYY-MM-DD", help="skip documents dated after this")
    parser.add_argument("--max-docs", type=int, metavar="N", help="at most N documents per ICB")
    parser.add_argument("--start-url", metavar="URL",
                        help="crawl this URL as the (single) --icb's board-papers page")
    parser.add_argument("--delay", type=float, metavar="SECONDS",
                        help="seconds between requests to one site (live default 1)")
    parser.add_argument("--user-agent", metavar="TEXT", help="User-Agent with a contact URL")
    parser.add_argument("--revalidate", action="store_true",
                        help="send a conditional request for every stored document, even one "
                             "fetched or confirmed within its freshness lifetime, and ask again "
                             "for every document that failed")
    parser.add_argument("--check", action="store_true",
                        help="only check each ICB's start URL and report which need attention")


def _date(value: str | None, option: str):
    try:
        return parse_date(value) if value else None
    except ValueError as error:
        raise UserError(f"{option}: {error}") from None


def _check_start_url(url: str) -> None:
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as error:
        raise UserError(f"--start-url: {url!r} is not a valid URL ({error})") from None
    if parts.scheme not in ("http", "https") or not host:
        raise UserError(f"--start-url: {url!r} is not an http(s) URL with a host name")


def run(args) -> int:
    from dataclasses import replace

    from pipeline.commands.scrape_wiring import scrape_dataset
    from pipeline.scrape.fetch import CrawlSettings
    from pipeline.scrape.run import check_start_urls

    dataset = resolve_dataset(args)
    since, until = _date(args.since, "--since"), _date(args.until, "--until")
    if since and until and until < since:
        raise UserError(f"--until {until} is before --since {since}: no document could match")
    if args.max_docs is not None and args.max_docs < 1:
        raise UserError(f"--max-docs must be 1 or more, not {args.max_docs}")
    if args.delay is not None and not (math.isfinite(args.delay) and args.delay >= 0):
        raise UserError(f"--delay must be 0 seconds or more, not {args.delay:g}")
    try:
        # the same ICB may be named by two codes (ODS and ONS) or its name: crawl it once
        icbs = list(dict.fromkeys(load_registry().get(code).icb_code_ods
                                  for code in args.icb or []))
    except UnknownIcbError as error:
        raise UserError(f"--icb: {error}") from None
    if args.start_url:
        _check_start_url(args.start_url)
        if len(icbs) != 1:
            raise UserError("--start-url needs exactly one --icb (the ICB the site belongs to)")
    settings = CrawlSettings.for_demo() if dataset == "demo" else CrawlSettings()
    if args.delay is not None:
        settings = replace(settings, delay_seconds=args.delay)
    if args.user_agent:
        settings = replace(settings, user_agent=args.user_agent)
    if args.revalidate:
        settings = replace(settings, max_fresh_hours=0.0, failure_backoff_hours=0.0)
    if args.check:
        if dataset == "demo":
            raise UserError("--check is for live runs (use --dataset live or SOURCE=live)")
        for code, url, verdict in check_start_urls(dataset, settings):
            print(f"{code:6} {verdict:40} {url}")
        return 0
    summaries = scrape_dataset(dataset, icb_codes=icbs or None, since=since, until=until,
                               max_docs=args.max_docs, start_url=args.start_url,
                               settings=settings)
    print(f"{'ICB':6} {'status':17} {'pages':>5} {'found':>5} {'new':>5} {'same':>5} "
          f"{'fresh':>5} {'failed':>6}  detail")
    for s in summaries:
        print(f"{s.icb_code_ods:6} {s.status:17} {s.pages_visited_count:5} "
              f"{s.documents_found_count:5} {s.new_count:5} {s.unchanged_count:5} "
              f"{s.fresh_count:5} {s.failed_count:6}  {s.detail[:70]}")
    loud = [s for s in summaries if s.status == "no_papers_found"]
    if loud:
        print(f"WARNING: {len(loud)} ICB(s) above found no papers at their start URL - "
              "check their recipes")
    print(f"{dataset}: {sum(s.new_count for s in summaries)} new, "
          f"{sum(s.unchanged_count for s in summaries)} unchanged "
          f"({sum(s.fresh_count for s in summaries)} not asked again: still fresh), "
          f"{sum(s.failed_count for s in summaries)} failed documents")
    return 0
