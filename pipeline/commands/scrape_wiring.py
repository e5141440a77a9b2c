"""What the scrape command hands the scrape stage: the web to crawl and how to reach it.

For the demo dataset that is the demo web, generated (or reused) and served on this machine, with
its own start URLs and demo settings; documents collected from an older demo web are moved aside
first. For live runs it is plain HTTP sessions and the registry's start URLs. The stage itself
(``pipeline.scrape.run.scrape``) knows neither: it is given a session factory and start URLs.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
from pathlib import Path


@contextlib.contextmanager
def demo_session_factory():
    """Generate or reuse the demo web, serve it, and yield (web, session factory)."""
    import requests

    from pipeline.demo import ensure_demo_web
    from pipeline.demo.server import DemoServer
    from pipeline.demo.transport import mount_demo

    web = ensure_demo_web()
    with DemoServer(web) as server:
        yield web, lambda: mount_demo(requests.Session(), server)


def retire_stale_demo(root: Path, web) -> Path | None:
    """Move aside demo documents collected from an older demo web, so a newer generator's web is
    never mixed with them; returns where they went. Only ever called for the demo dataset: it is
    regenerated at will, while live documents are never moved."""
    build = (web.root / "BUILD.json").read_text(encoding="utf-8")
    stamp = root / "demo_web.json"
    if stamp.exists() and stamp.read_text(encoding="utf-8") == build:
        return None
    retired = None
    if (root / "manifest.jsonl").exists():
        retired = root.with_name(f"{root.name}.previous")
        shutil.rmtree(retired, ignore_errors=True)
        root.rename(retired)
    root.mkdir(parents=True, exist_ok=True)
    stamp.write_text(build, encoding="utf-8")
    return retired


def _retiring_stale_demo(web):
    def before_collect(root: Path) -> None:
        retired = retire_stale_demo(root, web)
        if retired:
            print(f"the demo web has changed since {root} was collected: the old demo documents "
                  f"are now in {retired}", file=sys.stderr)
    return before_collect


def scrape_dataset(dataset: str, **options) -> list:
    """``pipeline.scrape.run.scrape`` wired to the dataset's web; ``options`` are scrape()'s
    (``settings`` defaults to ``CrawlSettings.for_demo()`` for the demo)."""
    import requests

    from pipeline.scrape.fetch import CrawlSettings
    from pipeline.scrape.run import scrape

    if dataset != "demo":
        options.setdefault("session_factory", requests.Session)
        return scrape(dataset, **options)
    with demo_session_factory() as (web, factory):
        options["settings"] = options.get("settings") or CrawlSettings.for_demo()
        options["start_urls"] = options.get("start_urls") or web.start_urls()
        return scrape(dataset, session_factory=factory, before_collect=_retiring_stale_demo(web),
                      **options)
