"""Report speed: a full `make report` rerun with nothing changed, against the report stage alone
rebuilt from scratch (the baseline), both on the demo dataset and timed in this run. For the first
run from a fresh clone, time `make report` there (README: the goal is 3 minutes)."""

from __future__ import annotations

import subprocess
import sys
import time

from pipeline.paths import PROJECT_ROOT, processed_dir


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=PROJECT_ROOT, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    if not (processed_dir("demo") / "atlas.duckdb").exists():
        print("demo database not built: run `make report` first")
        return
    rebuild = timed([sys.executable, "-m", "pipeline", "report", "--dataset", "demo", "--force"])
    rerun = timed(["make", "report"])
    print(f"report stage rebuilt from scratch: {rebuild:6.1f} s")
    print(f"make report, nothing changed     : {rerun:6.1f} s (goal <= 30 s)")
    print(f"rerun / report rebuild = {rerun / rebuild:.2f}")
