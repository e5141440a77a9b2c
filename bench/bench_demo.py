"""Demo-web generation speed: documents/s and pages/s, against the 2-minute budget (baseline)."""

from __future__ import annotations

import csv
import shutil
import tempfile
import time
from pathlib import Path

from pipeline.demo.web import generate

BUDGET_SECONDS = 120.0


def main() -> None:
    for scale in (1, 4):
        target = Path(tempfile.mkdtemp(prefix="bench-demo-")) / "web"
        started = time.perf_counter()
        web = generate(target, scale=scale)
        seconds = time.perf_counter() - started
        with (web.ground_truth_dir / "documents.csv").open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        pages = sum(int(row["page_count"]) for row in rows)
        print(f"scale {scale}: {len(rows)} documents, {pages} pages in {seconds:.1f} s "
              f"({len(rows) / seconds:.0f} docs/s, {pages / seconds:.0f} pages/s); "
              f"{seconds / BUDGET_SECONDS:.2f}x of the {BUDGET_SECONDS:.0f} s budget")
        shutil.rmtree(target.parent, ignore_errors=True)
