"""The content-addressed store under concurrent writers of the same bytes."""

import hashlib
import os
import threading

import pytest

from pipeline.scrape.store import Store


def test_two_threads_storing_the_same_bytes_at_once(tmp_path, monkeypatch):
    store = Store(tmp_path / "store")
    data = b"%PDF-1.4 shared national document\n"
    both_written = threading.Barrier(2, timeout=10)
    real_fsync = os.fsync

    def fsync_together(descriptor):
        real_fsync(descriptor)
        both_written.wait()  # neither thread renames before both have written their copy

    monkeypatch.setattr(os, "fsync", fsync_together)  # the os module pipeline.io writes with
    results, errors = [], []

    def put():
        try:
            results.append(store.put(data))
        except Exception as error:  # noqa: BLE001 - recorded and asserted below
            errors.append(error)

    threads = [threading.Thread(target=put) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert errors == []
    sha256 = hashlib.sha256(data).hexdigest()
    assert sorted(results) == [(sha256, False), (sha256, True)]
    assert store.read(sha256) == data
    assert [path.name for path in (tmp_path / "store").rglob("*") if path.is_file()] == [sha256]


def test_a_stored_file_is_readable_by_others(tmp_path):
    store = Store(tmp_path / "store")
    sha256, is_new = store.put(b"minutes")
    assert is_new and store.path(sha256).stat().st_mode & 0o444 == 0o444


def test_partials_left_by_a_killed_run_are_removed(tmp_path):
    store = Store(tmp_path / "store")
    sha256, _ = store.put(b"kept")
    leftover = store.path(sha256).parent / ".tmp-abandoned"
    leftover.write_bytes(b"half")
    assert store.remove_partials() == 1 and not leftover.exists() and store.has(sha256)


def test_a_value_that_is_not_a_sha256_cannot_leave_the_store(tmp_path):
    store = Store(tmp_path / "store")
    with pytest.raises(ValueError, match="is not a SHA-256"):
        store.has("../../manifest.jsonl")
