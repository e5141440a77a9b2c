"""Check that every local link and image in the report resolves to a file that exists."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.targets.append(value)


def broken_links(folder: Path) -> list[tuple[Path, str]]:
    """(page, target) for every local href/src that does not resolve; http(s) links are skipped."""
    broken = []
    for page in sorted(Path(folder).rglob("*.html")):
        collector = _Collector()
        collector.feed(page.read_text(encoding="utf-8", errors="replace"))
        for target in collector.targets:
            parts = urlsplit(target)
            if parts.scheme in ("http", "https", "mailto", "data") or target.startswith("#"):
                continue
            resolved = (page.parent / unquote(parts.path)).resolve()
            if not parts.path or not resolved.exists():
                broken.append((page, target))
    return broken
