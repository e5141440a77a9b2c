"""A misbehaving HTTP server on 127.0.0.1 for fault tests: each path answers as a test scripts it.

``FaultServer(routes)`` serves ``routes[path](request, number)``, where ``number`` counts that
path's requests from 1; a route returns (status, headers, body) or writes the response itself
and returns None. Every request is logged with its monotonic time. Slow routes must bound their
loops (``server.stopping`` is set when the server shuts down).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass

    def do_GET(self):  # noqa: N802 - the stdlib's name
        server: FaultServer = self.server.fault
        path = self.path.split("?")[0]
        with server.lock:
            server.counts[path] += 1
            number = server.counts[path]
            server.log.append((time.monotonic(), path))
        route = server.routes.get(path)
        answer = route(self, number) if route else (404, {}, b"not here")
        if answer is None:
            return
        status, headers, body = answer
        self.send_response(status)
        for name, value in {"Content-Length": str(len(body)), **headers}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


class FaultServer:
    def __init__(self, routes: dict):
        self.routes = routes
        self.counts: Counter = Counter()
        self.log: list[tuple[float, str]] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.fault = self
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> FaultServer:
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.1},
                         daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def times(self, path: str) -> list[float]:
        with self.lock:
            return [when for when, logged in self.log if logged == path]


def page(links: list[str]) -> tuple[int, dict, bytes]:
    body = "".join(f'<p><a href="{link}">Board meeting papers {link}</a></p>' for link in links)
    return 200, {"Content-Type": "text/html"}, f"<html><body>{body}</body></html>".encode()


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
