"""Serve the unseen sites to a requests session in-process, and score what a crawl collected."""

from __future__ import annotations

import io
from urllib.parse import unquote

import requests
from requests.adapters import BaseAdapter
from urllib3.response import HTTPResponse

from tests.scrape.unseen.sites import Site


class SitesAdapter(BaseAdapter):
    """Answers every request from the sites' pages (404 otherwise) and records each URL asked for."""

    def __init__(self, sites: list[Site]):
        super().__init__()
        self.pages = {url: page for site in sites for url, page in site.pages.items()}
        self.requested: list[str] = []

    def send(self, request, **kwargs):
        self.requested.append(request.url)
        response = requests.Response()
        response.request, response.url = request, request.url
        page = self.pages.get(request.url) or self.pages.get(unquote(request.url))
        content_type, body = page or ("text/plain", b"not found")
        response.status_code = 302 if content_type == "redirect" else 200 if page else 404
        if content_type == "redirect":
            response.headers["Location"], content_type, body = body.decode(), "text/plain", b""
        response.headers["Content-Type"] = content_type
        response.headers["Content-Length"] = str(len(body))
        response.raw = HTTPResponse(body=io.BytesIO(body), headers=dict(response.headers),
                                    status=response.status_code, preload_content=False)
        return response

    def close(self):
        pass


def session_for(adapter: SitesAdapter) -> requests.Session:
    session = requests.Session()
    session.trust_env = False
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


def score(site: Site, rows: list[dict]) -> dict[str, float]:
    """Recall and precision of papers, and on matched papers the share with the right meeting date,
    committee and document type. ``rows`` are manifest rows that were collected (not skipped)."""
    papers = {row["url"]: row for row in site.expected if row["is_paper"]}
    got = {row["source_url"]: row for row in rows if row.get("sha256")}
    matched = [url for url in got if url in papers]
    def share(test) -> float:
        return sum(test(papers[url], got[url]) for url in matched) / len(matched) if matched else 0.0
    def same_committee(want, have):
        if want["is_board"]:
            return bool(have.get("is_board"))
        return not have.get("is_board") and " ".join((have.get("committee_name") or "").lower().split()) \
            == " ".join(want["committee"].lower().split())
    return {
        "recall": len(matched) / len(papers) if papers else 1.0,
        "precision": len(matched) / len(got) if got else 1.0,
        "meeting_date": share(lambda want, have: want["meeting_date"] == have.get("meeting_date")),
        "committee": share(same_committee),
        "document_type": share(lambda want, have: want["document_type"] == have.get("document_type")),
    }
