"""Serve the demo web on 127.0.0.1, routing by Host header, misbehaving the way real sites do.

    with DemoServer(ensure_demo_web()) as server:
        session = requests.Session()
        mount_demo(session, server)          # pipeline.demo.transport
        session.get("https://www.sussex.ics.nhs.uk/nhs-sussex/our-board/board-meetings-in-public/")

Behaviour: robots.txt per site; ETag/Last-Modified with 304 on conditional GET; gzip for HTML when
asked; http:// requests and a site's old host names redirect (301) to https on the site's host;
moved pages and a redirect loop; per-URL faults from behaviours.json: a 500 then 200, a 429 with
Retry-After then 200, a slow-drip body, an over-size body, a body cut short of its Content-Length.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from stat import S_ISREG

from pipeline.demo.web import DemoWeb, storage_key

LAST_MODIFIED = "Mon, 01 Jul 2024 09:00:00 GMT"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
}
OVERSIZE_BYTES = 300 * 1024 * 1024
DRIP_STEPS = 400  # a slow-drip body arrives in this many pieces, one per drip interval


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - silence the default stderr log
        return

    def do_HEAD(self):
        self._respond(head=True)

    def do_GET(self):
        self._respond(head=False)

    def _send(self, status: int, headers: dict[str, str], body: bytes = b"", head=False) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head and body:
            self.wfile.write(body)
        self.server.log(self.command, self._host, self.path, status)

    def _redirect(self, location: str, head: bool) -> None:
        self._send(301, {"Location": location, "Content-Type": "text/html"},
                   b"<p>Moved permanently.</p>", head)

    def _respond(self, head: bool) -> None:
        web = self.server
        self._host = (self.headers.get("Host") or "").split(":")[0].lower()
        path = self.path
        if self._host in web.aliases:
            return self._redirect(f"https://{web.aliases[self._host]}{path}", head)
        if self._host not in web.hosts:
            return self._send(421, {"Content-Type": "text/plain"}, b"Misdirected request", head)
        if self.headers.get("X-Demo-Scheme", "https") == "http":
            return self._redirect(f"https://{self._host}{path}", head)
        rule = web.hosts[self._host].get(path.split("#")[0], {})
        kind = rule.get("kind")
        if kind == "redirect":
            return self._redirect(f"https://{self._host}{rule['location']}", head)
        if kind in ("flaky_500", "flaky_429") and web.first_time(self._host, path):
            if kind == "flaky_500":
                return self._send(500, {"Content-Type": "text/plain"}, b"Internal error", head)
            return self._send(429, {"Retry-After": "1", "Content-Type": "text/plain"},
                              b"Too many requests", head)
        file = web.site_dir / self._host / storage_key(path)
        found = web.etag(file)
        if found is None:
            body = b"<html><body><h1>Page not found</h1></body></html>"
            return self._send(404, {"Content-Type": "text/html; charset=utf-8"}, body, head)
        etag, data = found
        if self.headers.get("If-None-Match") == etag or (
                self.headers.get("If-Modified-Since") == LAST_MODIFIED
                and not self.headers.get("If-None-Match")):
            return self._send(304, {"ETag": etag, "Last-Modified": LAST_MODIFIED}, b"", head)
        data = data if data is not None else file.read_bytes()
        base, _, query = file.name.partition("__q__")
        extension = (query if "." in query[-6:] else base).rsplit(".", 1)[-1]
        content_type = CONTENT_TYPES.get(extension) or _sniffed_type(data)
        if extension == "html" and b'charset="windows-1252"' in data[:300]:
            content_type = "text/html; charset=windows-1252"
        headers = {"Content-Type": content_type, "ETag": etag, "Last-Modified": LAST_MODIFIED}
        if kind == "oversize":
            return self._stream_oversize(headers, head)
        if kind == "slow":
            return self._drip(headers, data, head)
        if kind == "truncated_body":
            headers["Content-Length"] = str(len(data))
            self._send(200, headers, data[: len(data) // 2], head)
            self.close_connection = True
            return
        if extension == "html" and "gzip" in self.headers.get("Accept-Encoding", ""):
            data = gzip.compress(data, mtime=0)
            headers["Content-Encoding"] = "gzip"
        self._send(200, headers, data, head)

    def _stream_oversize(self, headers: dict[str, str], head: bool) -> None:
        headers["Content-Length"] = str(OVERSIZE_BYTES)
        self._send(200, headers, b"", head)
        if head:
            return
        chunk = b"%PDF-1.4\n" + b"0" * 65527
        try:
            for _ in range(OVERSIZE_BYTES // len(chunk)):
                if self.server.stopping.is_set():
                    break
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def _drip(self, headers: dict[str, str], data: bytes, head: bool) -> None:
        headers["Content-Length"] = str(len(data))
        self._send(200, headers, b"", head)
        if head:
            return
        step = max(1, len(data) // DRIP_STEPS)
        try:
            for start in range(0, len(data), step):
                if self.server.stopping.wait(self.server.drip_interval):
                    break
                self.wfile.write(data[start:start + step])
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True


def _sniffed_type(data: bytes) -> str:
    """The type of a file served from an address without an extension (Document.ashx?…)."""
    if data.startswith(b"%PDF"):
        return CONTENT_TYPES["pdf"]
    if data.startswith(b"PK"):
        return CONTENT_TYPES["docx"]
    if b"<html" in data[:400].lower():
        return CONTENT_TYPES["html"]
    return "application/octet-stream"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, web: DemoWeb, drip_interval: float):
        super().__init__(("127.0.0.1", 0), _Handler)
        behaviours = web.behaviours()
        self.site_dir = web.site_dir
        self.hosts: dict[str, dict] = behaviours["hosts"]
        self.aliases: dict[str, str] = behaviours["aliases"]
        self.drip_interval = drip_interval
        self.stopping = threading.Event()
        self.requests: list[tuple[str, str, str, int]] = []
        self._seen: set[tuple[str, str]] = set()
        self._etags: dict[Path, tuple[tuple[int, int], str]] = {}
        self._lock = threading.Lock()

    def etag(self, file: Path) -> tuple[str, bytes | None] | None:
        """The file's ETag (a hash of its bytes, cached by size and mtime) and, when they had to
        be read to make it, its bytes; None if there is no such file."""
        try:
            stat = file.stat()
        except OSError:
            return None
        if not S_ISREG(stat.st_mode):
            return None
        key = (stat.st_size, stat.st_mtime_ns)
        cached = self._etags.get(file)
        if cached is not None and cached[0] == key:
            return cached[1], None
        data = file.read_bytes()
        etag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
        self._etags[file] = (key, etag)
        return etag, data

    def first_time(self, host: str, path: str) -> bool:
        with self._lock:
            if (host, path) in self._seen:
                return False
            self._seen.add((host, path))
            return True

    def log(self, method: str, host: str, path: str, status: int) -> None:
        with self._lock:
            self.requests.append((method, host, path, status))


class DemoServer:
    """The demo web's HTTP server: a context manager, or ``start()``/``stop()``."""

    def __init__(self, web: DemoWeb, *, drip_interval: float = 0.5):
        self.web = web
        self._server = _Server(web, drip_interval)
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def requests(self) -> list[tuple[str, str, str, int]]:
        """Every request served so far: (method, host, path, status)."""
        return list(self._server.requests)

    def serves(self, host: str) -> bool:
        host = host.lower()
        return host in self._server.hosts or host in self._server.aliases

    def start(self) -> DemoServer:
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.1}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        if self._thread:
            self._thread.join(timeout=5)

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def wait_forever() -> None:
    """Block until interrupted (for ``python -m pipeline demo serve``)."""
    while True:
        time.sleep(3600)
