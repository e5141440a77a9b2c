"""Report speed on the demo dataset, timed in this run: the report stage rebuilt from scratch (the
baseline; goal <= 25 s, it took 67 s before the one-kernel report), and a `make report` rerun with
nothing changed, stage by stage (goal <= 5 s in all; `build`, `export` and `report` decide they are
up to date before importing anything heavy)."""

from __future__ import annotations

import subprocess
import sys
import time

from pipeline.paths import PROJECT_ROOT, processed_dir

STAGES = ["scrape", "extract", "tag", "build", "export", "report"]


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
    stages = {stage: timed([sys.executable, "-m", "pipeline", stage, "--dataset", "demo"])
              for stage in STAGES}
    print(f"report stage rebuilt from scratch: {rebuild:6.1f} s (goal <= 25 s)")
    print(f"make report, nothing changed     : {rerun:6.1f} s (goal <= 5 s)")
    for stage, seconds in stages.items():
        print(f"  {stage:8} nothing changed     : {seconds:6.2f} s")
    print(f"rerun / report rebuild = {rerun / rebuild:.2f}")
