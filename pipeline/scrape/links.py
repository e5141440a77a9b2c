"""Links on an HTML page, each with the context a person would read it in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup

DOCUMENT_EXTENSIONS = (".pdf", ".docx", ".doc", ".odt", ".rtf", ".xlsx", ".pptx")
HTML_DOCUMENT_WORDS = re.compile(r"\b(minutes|agenda|papers)\b", re.I)
_CHARSET = re.compile(rb"""charset=["']?([\w-]+)""", re.I)


@dataclass(frozen=True)
class Link:
    url: str  # absolute, without fragment
    text: str  # the link text
    context: tuple[str, ...]  # row or list item, nearest heading, page heading (nearest first)


def decode_html(body: bytes, content_type: str) -> str:
    """Decode with the charset the server or the page declares (windows-1252 sites exist)."""
    match = _CHARSET.search(content_type.encode()) or _CHARSET.search(body[:2048])
    encoding = match.group(1).decode() if match else "utf-8"
    try:
        return body.decode(encoding, errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")


def _clean(text: str) -> str:
    return " ".join(text.split())


def page_links(html: str, page_url: str) -> list[Link]:
    """Every http(s) link on the page, resolved against it, fragment removed, in page order."""
    soup = BeautifulSoup(html, "html.parser")
    base = soup.find("base", href=True)
    base_url = urljoin(page_url, base["href"]) if base else page_url
    heading = soup.find("h1")
    page_heading = _clean(heading.get_text(" ")) if heading else ""
    links = []
    for anchor in soup.find_all("a", href=True):
        href = anchor["href"].strip()
        if not href or href.startswith(("mailto:", "tel:", "javascript:", "#")):
            continue
        url = urldefrag(urljoin(base_url, href))[0]
        if urlsplit(url).scheme not in ("http", "https"):
            continue
        holder = anchor.find_parent(["tr", "li"])
        nearest = anchor.find_previous(["h2", "h3", "h4", "h5", "h6"])
        context = (
            _clean(holder.get_text(" ")) if holder else "",
            _clean(nearest.get_text(" ")) if nearest else "",
            page_heading,
        )
        links.append(Link(url, _clean(anchor.get_text(" ")), context))
    return links


def looks_like_document(link: Link) -> bool:
    """A link to a document (PDF, Word, …, a download script, or HTML minutes/agendas)."""
    path = urlsplit(link.url).path.lower()
    if path.endswith(DOCUMENT_EXTENSIONS):
        return True
    if "download" in path and (urlsplit(link.url).query or path.endswith(".php")):
        return True
    if path.endswith((".html", ".htm")) and HTML_DOCUMENT_WORDS.search(link.text):
        return True
    return any(f"name={name}" in link.url.lower() or name in urlsplit(link.url).query.lower()
               for name in (".pdf", ".docx"))
