"""The scrape manifest: an append-only JSON-lines journal, one row per document fetch.

Rows are fsync'd as they are written, so a killed run loses at most the row being written; a torn
last line is cut off when the journal is next opened for writing and ignored by readers.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

COLUMNS = [
    "dataset", "icb_code_ods", "committee_name", "is_board", "meeting_date", "meeting_month",
    "document_type", "title", "source_url", "requested_url", "found_on_url", "fetched_at",
    "http_status", "etag", "last_modified", "cache_control", "expires", "content_type",
    "bytes_count", "sha256", "error", "run_id",
    "skip_reason", "platform", "date_source", "committee_source", "type_source", "title_source",
]


def read_rows(path: Path) -> list[dict]:
    """Every complete row of a JSON-lines journal (a torn last line is skipped)."""
    path = Path(path)
    if not path.exists():
        return []
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.endswith("\n"):
                break
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError:
                continue
    return rows


def read_manifest(dataset_dir: Path) -> dict[str, dict]:
    """The latest row per document URL (``requested_url``) in ``<dataset_dir>/manifest.jsonl``."""
    latest: dict[str, dict] = {}
    for row in read_rows(Path(dataset_dir) / "manifest.jsonl"):
        latest[row["requested_url"]] = row
    return latest


class Journal:
    """Thread-safe appender for a JSON-lines file."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._repair()
        self._handle = self.path.open("a", encoding="utf-8")
        self._lock = threading.Lock()

    def _repair(self) -> None:
        if not self.path.exists() or self.path.stat().st_size == 0:
            return
        with self.path.open("rb+") as handle:
            data = handle.read()
            if not data.endswith(b"\n"):
                handle.truncate(data.rfind(b"\n") + 1)

    def append(self, row: dict) -> None:
        line = json.dumps(row, sort_keys=True, ensure_ascii=False) + "\n"
        with self._lock:
            self._handle.write(line)
            self._handle.flush()
            os.fsync(self._handle.fileno())

    def close(self) -> None:
        self._handle.close()
