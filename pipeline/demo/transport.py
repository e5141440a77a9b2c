"""Point a requests session at the demo server without changing any URL the crawler sees.

``mount_demo(session, server)`` mounts a transport adapter for http:// and https:// that sends each
request to the local demo server with the original host in the ``Host`` header (and the original
scheme in ``X-Demo-Scheme``), and puts the original URL back on the response. A host the demo web
does not serve raises ``NotInDemoWeb``: a ``requests.ConnectionError``, as an unreachable site would
give, and a ``pipeline.errors.UnknownHostError``, which the fetcher does not retry. The crawler's
code is the same for demo and live runs; only the session differs.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import requests
from requests.adapters import HTTPAdapter

from pipeline.demo.server import DemoServer
from pipeline.errors import UnknownHostError


class NotInDemoWeb(UnknownHostError, requests.ConnectionError):
    """A host the demo web does not serve."""

    def __init__(self, message: str, request=None):  # requests' keywords, not OSError's
        requests.ConnectionError.__init__(self, message, request=request)


class DemoAdapter(HTTPAdapter):
    """Route every request to the demo server."""

    def __init__(self, server: DemoServer):
        super().__init__(pool_connections=64, pool_maxsize=64)
        self.server = server

    def send(self, request, **kwargs):
        parts = urlsplit(request.url)
        host = (parts.hostname or "").lower()
        if not self.server.serves(host):
            raise NotInDemoWeb(
                f"{host}: name or service not known (not part of the demo web)", request=request)
        local = request.copy()
        local.url = urlunsplit(("http", f"127.0.0.1:{self.server.port}", parts.path or "/",
                                parts.query, ""))
        local.headers["Host"] = parts.netloc
        local.headers["X-Demo-Scheme"] = parts.scheme
        response = super().send(local, **kwargs)
        response.url = request.url
        response.request = request
        return response


def mount_demo(session: requests.Session, server: DemoServer) -> requests.Session:
    """Send all of ``session``'s traffic to the demo server; returns the session."""
    adapter = DemoAdapter(server)
    session.trust_env = False  # no proxy or netrc lookups: the demo server is on this machine
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
