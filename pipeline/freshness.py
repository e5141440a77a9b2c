"""Is a stage's output up to date? Decided from its inputs' sizes and modification times, falling
back to their content, using the standard library only, so a rerun with nothing changed costs
milliseconds and imports nothing heavy.

A record (JSON) beside the output keeps, for every input file, its size and mtime, and one SHA-256
over all their bytes. Fresh when every output exists and either every (size, mtime) matches or,
failing that, the content hash does (a touched but unchanged file; the record is then refreshed).
Directories stand for every file under them (``__pycache__`` and dot files skipped).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path


def input_files(paths: list[Path]) -> list[Path]:
    """The files under ``paths`` (a directory stands for its files), sorted; missing paths kept."""
    files: set[Path] = set()
    for path in map(Path, paths):
        if path.is_dir():
            for root, folders, names in os.walk(path):
                folders[:] = [f for f in folders if f != "__pycache__" and not f.startswith(".")]
                files.update(Path(root) / name for name in names if not name.startswith("."))
        else:
            files.add(path)
    return sorted(files)


def _signature(files: list[Path]) -> dict[str, list[int] | None]:
    signature = {}
    for path in files:
        try:
            stat = path.stat()
        except FileNotFoundError:
            signature[str(path)] = None
        else:
            signature[str(path)] = [stat.st_size, stat.st_mtime_ns]
    return signature


def _digest(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path).encode() + b"\0")
        if path.exists():
            with path.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
        digest.update(b"\0")
    return digest.hexdigest()


def latest_rows_digest(path: Path, key: str, fields: list[str], cut: dict[str, int] | None = None) -> str:
    """A hash of the latest row per ``key`` of a JSON-lines log, keeping only ``fields`` (each cut to
    its first ``cut[field]`` characters): a log that only grows by repeats does not count as changed."""
    latest: dict[str, list] = {}
    cut = cut or {}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return "missing"
    for line in lines:
        try:
            row = json.loads(line)
        except ValueError:
            continue
        if isinstance(row, dict) and row.get(key) is not None:
            latest[str(row[key])] = [str(row.get(f))[:cut[f]] if f in cut else row.get(f) for f in fields]
    return hashlib.sha256(json.dumps(sorted(latest.items()), default=str).encode()).hexdigest()


class Freshness:
    """The up-to-date record of one output: ``is_fresh()`` before the work, ``record()`` after."""

    def __init__(self, record_path: Path, inputs: list[Path], outputs: list[Path], key: str = ""):
        self.record_path = Path(record_path)
        self.inputs = list(inputs)
        self.outputs = [Path(p) for p in outputs]
        self.key = key

    def _read(self) -> dict:
        try:
            return json.loads(self.record_path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return {}

    def is_fresh(self) -> bool:
        if not all(path.exists() for path in self.outputs):
            return False
        saved = self._read()
        if not saved or saved.get("key") != self.key:
            return False
        files = input_files(self.inputs)
        signature = _signature(files)
        if saved.get("signature") == signature:
            return True
        if saved.get("digest") == _digest(files):
            self._write(signature, saved["digest"])
            return True
        return False

    def record(self) -> None:
        files = input_files(self.inputs)
        self._write(_signature(files), _digest(files))

    def _write(self, signature: dict, digest: str) -> None:
        self.record_path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.record_path.with_name(self.record_path.name + f".tmp-{os.getpid()}")
        temporary.write_text(json.dumps({"key": self.key, "digest": digest, "signature": signature}),
                             encoding="utf-8")
        os.replace(temporary, self.record_path)
