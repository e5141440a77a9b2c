"""pipeline.io: journals survive a torn line, atomic files are never partial, the store is shared."""

import hashlib
import json
import os
import threading
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipeline import io


def test_journal_appends_sorted_json_lines_and_reads_them_back(tmp_path):
    path = tmp_path / "deep" / "journal.jsonl"
    with io.Journal(path) as journal:
        journal.append({"b": 1, "a": "é"})
        journal.append({"a": "second"})
    assert path.read_text(encoding="utf-8") == '{"a": "é", "b": 1}\n{"a": "second"}\n'
    assert io.read_rows(path) == [{"a": "é", "b": 1}, {"a": "second"}]
    assert io.read_rows(tmp_path / "missing.jsonl") == []


def test_a_torn_last_line_is_skipped_by_readers_and_cut_off_by_the_next_writer(tmp_path):
    path = tmp_path / "manifest.jsonl"
    path.write_bytes(b'{"n": 1}\n{"n": 2}\n{"n": 3, "half')
    assert io.read_rows(path) == [{"n": 1}, {"n": 2}]
    with io.Journal(path) as journal:
        assert path.read_bytes() == b'{"n": 1}\n{"n": 2}\n'
        journal.append({"n": 4})
    assert io.read_rows(path) == [{"n": 1}, {"n": 2}, {"n": 4}]


def test_a_journal_that_is_all_torn_is_emptied(tmp_path):
    path = tmp_path / "runs.jsonl"
    path.write_bytes(b'{"n": 1')
    io.Journal(path).close()
    assert path.read_bytes() == b""


def test_a_corrupt_complete_line_is_skipped_not_fatal(tmp_path):
    path = tmp_path / "j.jsonl"
    path.write_bytes(b'{"n": 1}\nnot json\n{"n": 2}\n')
    assert io.read_rows(path) == [{"n": 1}, {"n": 2}]
    assert io.read_numbered_rows(path) == [(1, {"n": 1}), (3, {"n": 2})]


def test_read_manifest_keeps_the_latest_row_per_requested_url(tmp_path):
    rows = [{"requested_url": "a", "v": 1}, {"requested_url": "b", "v": 1},
            {"requested_url": "a", "v": 2}]
    (tmp_path / "manifest.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert io.read_manifest(tmp_path) == {"a": {"requested_url": "a", "v": 2},
                                          "b": {"requested_url": "b", "v": 1}}


def test_a_journal_check_that_fails_writes_nothing(tmp_path):
    path = tmp_path / "j.jsonl"

    def check(row):
        if "bad" in row:
            raise ValueError("bad row")

    with io.Journal(path, check=check) as journal:
        journal.append({"good": 1})
        with pytest.raises(ValueError, match="bad row"):
            journal.append({"bad": 1})
    assert io.read_rows(path) == [{"good": 1}]


def test_threads_appending_at_once_never_interleave_lines(tmp_path):
    path = tmp_path / "j.jsonl"
    journal = io.Journal(path)
    threads = [threading.Thread(target=lambda n=n: [journal.append({"t": n, "i": i, "pad": "x" * 500})
                                                   for i in range(50)]) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    journal.close()
    rows = io.read_rows(path)
    assert len(rows) == 200 and {(r["t"], r["i"]) for r in rows} == {(t, i) for t in range(4)
                                                                     for i in range(50)}


def test_write_parquet_writes_and_casts_columns(tmp_path):
    path = tmp_path / "out" / "t.parquet"
    frame = pd.DataFrame({"a": [1, 2], "b": [None, None]})
    io.write_parquet(frame, path, column_types={"b": "VARCHAR"})
    described = dict(duckdb.sql(f"describe select * from '{path}'").fetchall()[i][:2]
                     for i in range(2))
    assert described == {"a": "BIGINT", "b": "VARCHAR"}
    assert duckdb.sql(f"select a from '{path}' order by a").fetchall() == [(1,), (2,)]
    assert sorted(p.name for p in path.parent.iterdir()) == ["t.parquet"]
    assert path.stat().st_mode & 0o777 == 0o644


def test_a_parquet_write_that_fails_leaves_the_old_file_and_no_partial(tmp_path):
    path = tmp_path / "t.parquet"
    io.write_parquet(pd.DataFrame({"a": [1]}), path)
    before = path.read_bytes()
    with pytest.raises(duckdb.Error):
        io.write_parquet(pd.DataFrame({"a": ["not a number"]}), path, column_types={"a": "INTEGER"})
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["t.parquet"]


def test_a_parquet_writer_interrupted_mid_write_leaves_no_file(tmp_path, monkeypatch):
    path = tmp_path / "t.parquet"

    def interrupted(source, target):
        assert Path(source).stat().st_size > 0  # the temporary file was written
        raise KeyboardInterrupt

    monkeypatch.setattr(io.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        io.write_parquet(pd.DataFrame({"a": range(1000)}), path)
    assert list(tmp_path.iterdir()) == []


def test_write_bytes_replaces_atomically_and_cleans_up_on_failure(tmp_path, monkeypatch):
    path = tmp_path / "sub" / "f.bin"
    io.write_bytes(path, b"one")
    io.write_bytes(path, b"two")
    assert path.read_bytes() == b"two"

    def failing(source, target):
        raise OSError("disk full")

    monkeypatch.setattr(io.os, "replace", failing)
    with pytest.raises(OSError, match="disk full"):
        io.write_bytes(path, b"three")
    assert path.read_bytes() == b"two" and [p.name for p in path.parent.iterdir()] == ["f.bin"]


def test_replacing_gives_a_writer_a_temporary_path_that_replaces_the_file_only_on_success(tmp_path):
    path = tmp_path / "scores.parquet"
    with io.replacing(path) as temporary:
        assert temporary.parent == tmp_path and temporary != path
        duckdb.sql(f"copy (select 1 as v) to '{temporary}' (format parquet)")
        assert not path.exists()
    assert duckdb.sql(f"select v from '{path}'").fetchall() == [(1,)]
    with pytest.raises(RuntimeError):
        with io.replacing(path) as temporary:
            temporary.write_bytes(b"half")
            raise RuntimeError("the writer failed part-way")
    assert duckdb.sql(f"select v from '{path}'").fetchall() == [(1,)]
    assert [p.name for p in tmp_path.iterdir()] == ["scores.parquet"]


def _at_once(count: int, work) -> list:
    barrier, results, errors = threading.Barrier(count), [], []

    def run():
        barrier.wait()
        try:
            results.append(work())
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


def test_two_threads_writing_the_same_bytes_both_succeed_and_leave_one_file(tmp_path, monkeypatch):
    data = os.urandom(1024 * 1024)
    sha256 = hashlib.sha256(data).hexdigest()
    target = io.store_path(tmp_path, sha256)
    both_written = threading.Barrier(2, timeout=10)
    real_fsync = os.fsync

    def fsync_together(descriptor):
        real_fsync(descriptor)
        both_written.wait()  # neither thread puts its file in place before both have written it

    monkeypatch.setattr(io.os, "fsync", fsync_together)
    results = _at_once(2, lambda: io.write_once(target, data))
    assert sorted(results) == [False, True]
    assert list(target.parent.iterdir()) == [target]
    assert hashlib.sha256(target.read_bytes()).hexdigest() == sha256
    results = _at_once(2, lambda: io.write_bytes(tmp_path / "same.bin", data))
    assert results == [None, None] and (tmp_path / "same.bin").read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == [sha256[:2], "same.bin"]


def test_write_once_never_overwrites(tmp_path):
    path = tmp_path / "ab" / "x"
    assert io.write_once(path, b"first") is True
    assert io.write_once(path, b"other") is False
    assert path.read_bytes() == b"first"


def test_store_path_is_root_prefix_sha_and_rejects_what_is_not_a_sha(tmp_path):
    sha256 = hashlib.sha256(b"x").hexdigest()
    assert io.store_path(tmp_path, sha256) == tmp_path / sha256[:2] / sha256
    for bad in ("", "../../etc/passwd", sha256.upper(), sha256[:63]):
        with pytest.raises(ValueError, match="is not a SHA-256"):
            io.store_path(tmp_path, bad)


def test_remove_partials_deletes_only_temporary_files(tmp_path):
    sha256 = hashlib.sha256(b"x").hexdigest()
    io.write_once(io.store_path(tmp_path, sha256), b"x")
    (tmp_path / sha256[:2] / f"{io.PARTIAL_PREFIX}{sha256}-abc").write_bytes(b"half")
    assert io.remove_partials(tmp_path) == 1
    assert [p.name for p in (tmp_path / sha256[:2]).iterdir()] == [sha256]


def test_building_duckdb_replaces_the_target_only_when_the_block_succeeds(tmp_path):
    target = tmp_path / "atlas.duckdb"
    with io.building_duckdb(target) as connection:
        connection.execute("create table t as select 1 as v")
        assert not target.exists()
    with pytest.raises(RuntimeError):
        with io.building_duckdb(target) as connection:
            connection.execute("create table t as select 2 as v")
            raise RuntimeError("a check failed")
    with duckdb.connect(str(target), read_only=True) as connection:
        assert connection.execute("select v from t").fetchall() == [(1,)]
    assert [p.name for p in tmp_path.iterdir()] == ["atlas.duckdb"]


def test_stale_builds_of_dead_processes_are_removed_live_ones_kept(tmp_path):
    target = tmp_path / "atlas.duckdb"
    dead = io.building_name(target, pid=2**22 + 12345)  # above Linux's largest pid
    mine = io.building_name(target)
    for path in (dead, dead.with_name(dead.name + ".wal"), mine):
        path.write_bytes(b"")
    assert io.remove_stale_builds(target) == [dead, dead.with_name(dead.name + ".wal")]
    assert mine.exists()
