"""The content-addressed document store: bytes under their SHA-256, written once, atomically.

The layout and the write-once algorithm are ``pipeline.io``'s (``store_path``, ``write_once``); this
class is the scrape stage's face on them.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline import io

PARTIAL_PREFIX = io.PARTIAL_PREFIX


class Store:
    """``<root>/<sha256[:2]>/<sha256>``; nothing in it is ever overwritten or edited."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def path(self, sha256: str) -> Path:
        """Where the bytes with this SHA-256 live; a value that is not a SHA-256 is refused."""
        return io.store_path(self.root, sha256)

    def has(self, sha256: str) -> bool:
        return self.path(sha256).exists()

    def read(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()

    def put(self, data: bytes) -> tuple[str, bool]:
        """Store ``data``; return (sha256, is_new). Never partial, and safe when several threads
        or processes store the same bytes at once (``pipeline.io.write_once``)."""
        sha256 = hashlib.sha256(data).hexdigest()
        return sha256, io.write_once(self.path(sha256), data)

    def remove_partials(self) -> int:
        """Delete temp files left by a killed run; return how many."""
        return io.remove_partials(self.root)
