"""Extraction workers die with their parent, and SIGTERM stops a run keeping what it did."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.io import read_rows

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")

SCRIPT = """
import hashlib, json, sys, time
from pathlib import Path
from pipeline import contracts
from pipeline.demo.pdf import layout, render_pdf
from pipeline.errors import Terminated
from pipeline.extract import engines
from pipeline.extract import run as run_module
from pipeline.scrape.store import Store

root = Path(sys.argv[1])
store = Store(root / "raw" / "store")
quick = set()
with (root / "raw" / "manifest.jsonl").open("w") as handle:
    for number in range(4):
        sha, _ = store.put(render_pdf(layout([f"Document {number}", "Minutes."] * 20)[0]))
        quick = quick or {sha}
        handle.write(json.dumps(contracts.fixture_rows(
            "manifest", requested_url=f"https://x.nhs.uk/{number}.pdf", sha256=sha)[0]) + "\\n")


def quick_then_stuck(data):
    if hashlib.sha256(data).hexdigest() not in quick:
        time.sleep(120)  # outlives the test: only the parent's death can end it
    return engines.extract(data)


run_module.extract = quick_then_stuck
try:
    run_module.extract_dataset(root / "raw", root / "out", workers=2,
                               limits=run_module.Limits(seconds=100))
except Terminated:
    sys.exit(143)
"""


def children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def start(tmp_path):
    process = subprocess.Popen([sys.executable, "-c", SCRIPT, str(tmp_path)])
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while time.monotonic() < deadline and process.poll() is None:
        workers = {pid for pid in children(process.pid) if alive(pid)}
        if len(workers) >= 2 and read_rows(tmp_path / "out" / "journal.jsonl"):
            break
        time.sleep(0.1)
    assert len(workers) >= 2, "the extraction workers did not start"
    assert read_rows(tmp_path / "out" / "journal.jsonl"), "the quick document was not journalled"
    return process, workers


def gone_within(workers: set[int], seconds: float) -> set[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(alive(pid) for pid in workers):
        time.sleep(0.1)
    return {pid for pid in workers if alive(pid)}


def stop_leftovers(workers):
    for pid in workers:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


def test_workers_die_when_the_parent_is_killed(tmp_path):
    process, workers = start(tmp_path)
    try:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        assert gone_within(workers, 5) == set()
    finally:
        stop_leftovers(workers)


def test_sigterm_stops_the_workers_and_keeps_the_journal(tmp_path):
    process, workers = start(tmp_path)
    try:
        os.kill(process.pid, signal.SIGTERM)
        assert process.wait(timeout=10) == 143
        assert gone_within(workers, 5) == set()
        rows = read_rows(tmp_path / "out" / "journal.jsonl")
        assert len(rows) == 1 and rows[0]["status"] == "ok"
    finally:
        stop_leftovers(workers)
        if process.poll() is None:
            process.kill()
