"""The content-addressed document store: bytes under their SHA-256, written once, atomically."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

PARTIAL_PREFIX = ".tmp-"


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
        """Store ``data``; return (sha256, is_new). Never partial, and safe when several threads
        or processes store the same bytes at once: each writes a temporary file of its own, and
        the first to link it into place wins; the others find the same bytes there."""
        sha256 = hashlib.sha256(data).hexdigest()
        target = self.path(sha256)
        if target.exists():
            return sha256, False
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=f"{PARTIAL_PREFIX}{sha256[:16]}-",
                                                 dir=target.parent)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fchmod(handle.fileno(), 0o644)
                os.fsync(handle.fileno())
            return sha256, _publish(temporary, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)

    def remove_partials(self) -> int:
        """Delete temp files left by a killed run; return how many."""
        count = 0
        for temporary in self.root.glob(f"*/{PARTIAL_PREFIX}*"):
            temporary.unlink(missing_ok=True)
            count += 1
        return count


def _publish(temporary: str, target: Path) -> bool:
    """Put ``temporary`` at ``target`` atomically; False if the same content got there first."""
    try:
        os.link(temporary, target)
        return True
    except FileExistsError:
        return False
    except OSError:  # a filesystem without hard links: an atomic rename of identical bytes
        if target.exists():
            return False
        os.replace(temporary, target)
        return True
