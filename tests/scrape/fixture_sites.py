"""Saved small sites, one per platform (City Scrapers style), served without a network.

Each ``fixtures/platforms/<name>.toml`` has a ``[site]`` table (``icb_code_ods``, ``host``,
``start_path``, ``robots``), ``[pages]`` (URL path with query -> HTML, served as windows-1252 when
the path is listed in ``site.windows_1252``) and ``[[expected]]`` rows: ``url``, ``title``,
``meeting_date`` ("" when the page does not say), ``committee_name``, ``is_board``,
``document_type``, ``is_paper``. Any other path named by an expected row is served as a small PDF
(a ``.docx`` as a Word document, a ``.zip`` as a ZIP archive); everything else is a 404, and any
other host is unreachable.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from urllib.parse import unquote, urlsplit

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

PLATFORM_FIXTURES = Path(__file__).parent / "fixtures" / "platforms"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DOCX = b"PK\x03\x04" + b"\x00" * 26
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ZIP = b"PK\x05\x06" + b"\x00" * 18  # an empty archive


def load_fixture(name: str) -> dict:
    with (PLATFORM_FIXTURES / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


class FixtureAdapter(BaseAdapter):
    """Serve one fixture site; ``requests`` records every (host, path with query) asked for."""

    def __init__(self, fixture: dict):
        super().__init__()
        self.fixture = fixture
        self.site = fixture["site"]
        self.requests: list[tuple[str, str]] = []
        self.documents = {_target(row["url"]) for row in fixture.get("expected", [])}
        self.pages = {unquote(path): html for path, html in fixture.get("pages", {}).items()}

    def send(self, request, **kwargs):
        parts = urlsplit(request.url)
        host = (parts.hostname or "").lower()
        target = _target(request.url)
        self.requests.append((host, target))
        if host != self.site["host"]:
            raise requests.ConnectionError(f"{host}: not part of this fixture", request=request)
        pages = self.pages
        status, content_type, body = 404, "text/html", b"<h1>Not found</h1>"
        if target == "/robots.txt":
            status, content_type, body = 200, "text/plain", self.site.get("robots", "").encode()
        elif target in pages:
            cp1252 = {unquote(path) for path in self.site.get("windows_1252", [])}
            encoding = "windows-1252" if target in cp1252 else "utf-8"
            status, body = 200, pages[target].encode(encoding)
            content_type = "application/xml" if target.endswith(".xml") else "text/html"
        elif target in self.documents and target.split("?")[0].endswith(".docx"):
            status, content_type, body = 200, DOCX_TYPE, DOCX
        elif target in self.documents and target.split("?")[0].endswith(".zip"):
            status, content_type, body = 200, "application/zip", ZIP
        elif target in self.documents:
            status, content_type, body = 200, "application/pdf", PDF
        response = requests.Response()
        response.status_code = status
        response.headers = CaseInsensitiveDict({"Content-Type": content_type,
                                                "Content-Length": str(len(body))})
        response.raw = _Raw(body)
        response.url = request.url
        response.request = request
        return response

    def close(self):
        return None


def _target(url: str) -> str:
    """Path and query, %-decoded (servers do not care how an escape is spelt)."""
    parts = urlsplit(url)
    return unquote(parts.path + (f"?{parts.query}" if parts.query else ""))


class _Raw:
    """Just enough of urllib3's response for the fetcher's streaming reader."""

    def __init__(self, body: bytes):
        self._body = body

    def read1(self, size: int = -1, decode_content: bool = True) -> bytes:
        chunk, self._body = self._body[:size], self._body[size:]
        return chunk

    def read(self, size: int = -1, decode_content: bool = True) -> bytes:
        return self.read1(size if size > 0 else len(self._body))

    def close(self):
        return None

    def release_conn(self):
        return None


def session_for(adapter: FixtureAdapter):
    def factory():
        session = requests.Session()
        session.trust_env = False
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        return session
    return factory
