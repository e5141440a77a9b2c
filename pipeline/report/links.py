"""Checks on the written pages: every local link and image resolves to a file that exists, and what
a reader sees (visible text, images) can be read back for tests."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Text a reader must never see: matplotlib reprs, pandas' missing markers.
DEBRIS = re.compile(r"<Figure size|\bNaN\b|\bNaT\b|<NA>|\bnan\b")


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.targets: list[str] = []
        self.images: list[dict[str, str]] = []
        self.text: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        for name in ("href", "src"):
            if attributes.get(name):
                self.targets.append(attributes[name])
        if tag == "img":
            self.images.append(attributes)
        if tag in ("script", "style", "title"):
            self._hidden += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "title"):
            self._hidden = max(0, self._hidden - 1)

    def handle_data(self, data):
        if not self._hidden:
            self.text.append(data)


def read_page(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(Path(path).read_text(encoding="utf-8", errors="replace"))
    return collector


def visible_text(path: Path) -> str:
    """The page's text as a reader sees it (no markup, scripts or styles)."""
    return " ".join(read_page(path).text)


def images(path: Path) -> list[dict[str, str]]:
    """The attributes of every <img> on the page."""
    return read_page(path).images


def broken_links(folder: Path) -> list[tuple[Path, str]]:
    """(page, target) for every local href/src that does not resolve; http(s) links are skipped."""
    broken = []
    for page in sorted(Path(folder).rglob("*.html")):
        for target in read_page(page).targets:
            parts = urlsplit(target)
            if parts.scheme in ("http", "https", "mailto", "data") or target.startswith("#"):
                continue
            resolved = (page.parent / unquote(parts.path)).resolve()
            if not parts.path or not resolved.exists():
                broken.append((page, target))
    return broken
