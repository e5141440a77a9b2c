"""The one implementation of how stages write and read their files.

- ``Journal`` / ``read_rows``: append-only JSON lines, fsync'd per row. A killed run loses at most
  the row being written: a torn last line is cut off when the journal is next opened for writing and
  skipped by readers.
- ``write_parquet``, ``write_bytes``, ``replacing``, ``building_duckdb``: a file is written under a
  temporary name in the same folder and renamed into place, so a reader sees the old file or the new
  one, never half of one.
- ``store_path``, ``write_once``: the content-addressed store, ``<root>/<sha256[:2]>/<sha256>``,
  whose files are written once and never changed.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd

PARTIAL_PREFIX = ".tmp-"


# ------------------------------------------------------------------------------------ journals

def read_numbered_rows(path: Path) -> list[tuple[int, dict]]:
    """(line number, row) for every complete row of a JSON-lines journal: a torn last line and a
    line that is not JSON are skipped."""
    path = Path(path)
    if not path.exists():
        return []
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.endswith("\n"):
                break
            try:
                rows.append((number, json.loads(line)))
            except json.JSONDecodeError:
                continue
    return rows


def read_rows(path: Path) -> list[dict]:
    """Every complete row of a JSON-lines journal (a torn last line is skipped)."""
    return [row for _, row in read_numbered_rows(path)]


def latest_by(rows: list[dict], key: str) -> dict[str, dict]:
    """The last row for each value of ``key`` (a journal's current state)."""
    latest: dict[str, dict] = {}
    for row in rows:
        latest[row[key]] = row
    return latest


def read_manifest(dataset_dir: Path) -> dict[str, dict]:
    """The latest row per document URL (``requested_url``) in ``<dataset_dir>/manifest.jsonl``."""
    return latest_by(read_rows(Path(dataset_dir) / "manifest.jsonl"), "requested_url")


class Journal:
    """Thread-safe appender for a JSON-lines file; ``check`` (e.g. a contract's validate_row)
    sees each row before it is written, so a bad row raises and is never written."""

    def __init__(self, path: Path, check=None):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._repair()
        self._handle = self.path.open("a", encoding="utf-8")
        self._lock = threading.Lock()
        self._check = check

    def _repair(self) -> None:
        if not self.path.exists() or self.path.stat().st_size == 0:
            return
        with self.path.open("rb+") as handle:
            data = handle.read()
            if not data.endswith(b"\n"):
                handle.truncate(data.rfind(b"\n") + 1)

    def append(self, row: dict) -> None:
        if self._check is not None:
            self._check(row)
        line = json.dumps(row, sort_keys=True, ensure_ascii=False) + "\n"
        with self._lock:
            self._handle.write(line)
            self._handle.flush()
            os.fsync(self._handle.fileno())

    def close(self) -> None:
        self._handle.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# ------------------------------------------------------------------------------------ atomic files

def _temporary(path: Path) -> Path:
    """A new, unique, empty file beside ``path`` (so the rename stays on one filesystem)."""
    descriptor, name = tempfile.mkstemp(prefix=f"{PARTIAL_PREFIX}{path.name}-", dir=path.parent)
    os.fchmod(descriptor, 0o644)  # mkstemp makes it private; the file it becomes is for others too
    os.close(descriptor)
    return Path(name)


def _write_temporary(path: Path, data: bytes) -> Path:
    descriptor, name = tempfile.mkstemp(prefix=f"{PARTIAL_PREFIX}{path.name}-", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), 0o644)
            os.fsync(handle.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically. Each writer has a temporary file of its own, so
    threads or processes writing the same path at once each succeed and the last rename wins."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = _write_temporary(path, data)
    try:
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A unique temporary path beside ``path`` for a writer that writes files itself (DuckDB's
    COPY, a CSV writer); it replaces ``path`` when the block ends without an error, and is deleted
    otherwise, leaving the old file as it was."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary(path)
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_parquet(frame: pd.DataFrame, path: Path, column_types: dict[str, str] | None = None) -> None:
    """Write a DataFrame to Parquet through DuckDB, atomically; ``column_types`` casts columns
    (name -> DuckDB type). If writing fails, the old file (if any) is left as it was."""
    types = column_types or {}
    select = ", ".join(
        f"cast({_identifier(column)} as {types[column]}) as {_identifier(column)}"
        if column in types else _identifier(column) for column in map(str, frame.columns))
    with replacing(path) as temporary:
        connection = duckdb.connect()
        try:
            connection.register("frame", frame)
            connection.execute(f"copy (select {select or '*'} from frame) to '{_literal(temporary)}' "
                               "(format parquet)")
        finally:
            connection.close()


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(path: Path) -> str:
    return str(path).replace("'", "''")


def building_name(target: Path, pid: int | None = None) -> Path:
    """Where a DuckDB database is built before it replaces ``target``."""
    target = Path(target)
    return target.with_name(f".{target.name}.building-{pid or os.getpid()}")


def _is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_builds(target: Path) -> list[Path]:
    """Delete the temporary files (and their .wal) of builds of ``target`` whose process is gone."""
    target = Path(target)
    pattern = re.compile(rf"\.{re.escape(target.name)}\.building-(\d+)(?:\.wal)?")
    removed = []
    for path in sorted(target.parent.glob(f".{target.name}.building-*")):
        match = pattern.fullmatch(path.name)
        if match and int(match[1]) != os.getpid() and not _is_alive(int(match[1])):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


@contextlib.contextmanager
def building_duckdb(target: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to a new database that replaces ``target`` when the block ends without an
    error; on an error (or interruption) the temporary database is deleted and ``target`` kept."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_builds(target)
    temporary = building_name(target)
    wal = temporary.with_name(temporary.name + ".wal")
    temporary.unlink(missing_ok=True)
    wal.unlink(missing_ok=True)
    connection = duckdb.connect(str(temporary))
    try:
        connection.execute("set enable_progress_bar = false")
        yield connection
        connection.execute("checkpoint")
        connection.close()
        os.replace(temporary, target)
    finally:
        connection.close()
        temporary.unlink(missing_ok=True)
        wal.unlink(missing_ok=True)


# ------------------------------------------------------------------------------------ the store

def store_path(root: Path, sha256: str) -> Path:
    """Where the bytes with this SHA-256 live in a content-addressed store."""
    if not re.fullmatch(r"[0-9a-f]{64}", sha256 or ""):
        raise ValueError(f"{sha256!r} is not a SHA-256 (64 lower-case hex digits)")
    return Path(root) / sha256[:2] / sha256


def write_once(path: Path, data: bytes) -> bool:
    """Put ``data`` at ``path`` unless something is there already; True if this call put it.

    For content-addressed files (same path, same bytes): several threads or processes may store
    the same bytes at once; each writes a temporary file of its own, the first to link it into
    place wins and the others find the same bytes there. Never a partial file at ``path``."""
    path = Path(path)
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = _write_temporary(path, data)
    try:
        try:
            os.link(temporary, path)
            return True
        except FileExistsError:
            return False
        except OSError:  # a filesystem without hard links: an atomic rename of identical bytes
            if path.exists():
                return False
            os.replace(temporary, path)
            return True
    finally:
        temporary.unlink(missing_ok=True)


def remove_partials(root: Path) -> int:
    """Delete the temporary files a killed run left in a store; return how many."""
    count = 0
    for temporary in Path(root).glob(f"*/{PARTIAL_PREFIX}*"):
        temporary.unlink(missing_ok=True)
        count += 1
    return count
