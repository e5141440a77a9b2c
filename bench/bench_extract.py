"""Extract + tag throughput (pages/s) on the demo corpus, single process and all cores, against
poppler's ``pdftotext`` on the same files in the same run (the baseline)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from pipeline.extract.engines import ExtractionError, extract
from pipeline.paths import raw_dir
from pipeline.scrape.manifest import read_manifest
from pipeline.tag.matcher import Matcher
from pipeline.tag.signals import load_signals

_MATCHER = None


def pdf_files() -> list[Path]:
    raw = raw_dir("demo")
    manifest = read_manifest(raw)
    if not manifest:
        from pipeline.scrape.run import scrape

        scrape("demo", progress=False)
        manifest = read_manifest(raw)
    files = {raw / "store" / row["sha256"][:2] / row["sha256"] for row in manifest.values()
             if row.get("sha256") and (row.get("content_type") or "").endswith("pdf")}
    return sorted(files)


def extract_and_tag(path: Path) -> tuple[int, float]:
    """Pages, and seconds spent tagging, for one file."""
    global _MATCHER
    _MATCHER = _MATCHER or Matcher(load_signals())
    try:
        _, pages = extract(path.read_bytes())
    except ExtractionError:
        return 0, 0.0
    started = time.perf_counter()
    for page in pages:
        _MATCHER.find(page.text)
    return len(pages), time.perf_counter() - started


def pdftotext(path: Path, out: Path) -> None:
    subprocess.run(["pdftotext", "-layout", str(path), str(out)], capture_output=True, check=False)


def main() -> None:
    files = pdf_files()
    workers = os.cpu_count() or 1
    started = time.perf_counter()
    results = [extract_and_tag(path) for path in files]
    single = time.perf_counter() - started
    pages = sum(count for count, _ in results)
    tagging = sum(seconds for _, seconds in results)
    started = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(extract_and_tag, files, chunksize=16))
    parallel = time.perf_counter() - started
    print(f"{len(files)} PDFs, {pages} pages")
    print(f"extract+tag, 1 process : {pages / single:7.0f} pages/s (tagging {tagging:.1f} s = "
          f"{100 * tagging / (single - tagging):.0f}% of extraction time)")
    print(f"extract+tag, {workers} processes: {pages / parallel:7.0f} pages/s")
    if not shutil.which("pdftotext"):
        print("baseline pdftotext: not installed (apt-get install poppler-utils); no ratio")
        return
    with tempfile.TemporaryDirectory() as scratch:
        started = time.perf_counter()
        for number, path in enumerate(files):
            pdftotext(path, Path(scratch) / f"{number}.txt")
        baseline = time.perf_counter() - started
    print(f"baseline pdftotext     : {pages / baseline:7.0f} pages/s (1 process)")
    print(f"ratio 1 process   = {baseline / single:.2f}x pdftotext (goal >= 0.9)")
    print(f"ratio all cores   = {baseline / parallel:.2f}x pdftotext (goal >= 1.7)")
