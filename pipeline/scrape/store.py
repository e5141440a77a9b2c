"""The content-addressed document store: bytes under their SHA-256, written once, atomically."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


class Store:
    """``<root>/<sha256[:2]>/<sha256>``; nothing in it is ever overwritten or edited."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).exists()

    def read(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()

    def put(self, data: bytes) -> tuple[str, bool]:
        """Store ``data``; return (sha256, is_new). Temp file + fsync + rename: never partial."""
        sha256 = hashlib.sha256(data).hexdigest()
        target = self.path(sha256)
        if target.exists():
            return sha256, False
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".tmp-{sha256}-{os.getpid()}")
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
        return sha256, True

    def remove_partials(self) -> int:
        """Delete temp files left by a killed run; return how many."""
        count = 0
        for temporary in self.root.glob("*/.tmp-*"):
            temporary.unlink(missing_ok=True)
            count += 1
        return count
