"""Sitemaps as an extra seed: the ``Sitemap:`` lines of robots.txt, sitemap indexes, url sets.

Only pages and documents whose address looks like board or committee business are seeded, so a
site's thousands of other pages do not crowd out its papers.
"""

from __future__ import annotations

import gzip
import re
from xml.etree import ElementTree

RELEVANT = re.compile(r"board|committee|meeting|minutes|agenda|papers|governance|"
                      r"partnership|forum|panel", re.I)
MAX_SITEMAPS = 10


def parse_sitemap(body: bytes) -> tuple[list[str], list[str]]:
    """(child sitemaps, page URLs) in a sitemap or sitemap index; ([], []) if it is neither."""
    if body[:2] == b"\x1f\x8b":
        try:
            body = gzip.decompress(body)
        except OSError:
            return [], []
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        return [], []
    children, pages = [], []
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] != "loc" or not element.text:
            continue
        url = element.text.strip()
        (children if root.tag.endswith("sitemapindex") else pages).append(url)
    return children, pages


def relevant(url: str) -> bool:
    return bool(RELEVANT.search(url.split("//", 1)[-1].split("/", 1)[-1]))
