"""Extract + tag throughput (pages/s) on two corpora, against poppler's ``pdftotext`` in plain text
mode on the same files in the same run (the baseline, one process).

- demo: every PDF of the demo web (small files, about 4 pages each);
- packs: realistic-size board papers from ``pipeline.demo.packs`` (10 packs of 80-400 pages, with
  minutes and agendas, typeset as Word exports them), generated deterministically once and cached
  under data/raw/bench_packs/.

"engine alone" is pypdfium2 loading each page and its text, nothing else: the floor under any
pdfium-based extraction, so its ratio to pdftotext bounds what extract + tag can reach.

"2 processes" runs the extract stage's own worker pool (``pipeline.extract.run``: time and memory
limits, long PDFs cut into page ranges, longest work first) and then tags the pages in 2
processes. Goals (issue 18): 1 process >= 0.9x pdftotext, 2 processes >= 1.7x, tagging < 10% of
extraction time.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pypdfium2 as pdfium

from pipeline.demo import ensure_demo_web
from pipeline.demo.packs import corpus
from pipeline.extract.run import Limits, extract_one, join_ranges, plan_jobs, run_jobs
from pipeline.paths import RAW_DIR
from pipeline.signals import load_signals
from pipeline.tag.matcher import Matcher
from pipeline.tag.model import load as load_model

WORKERS = 2
_MATCHER = None


def _matcher() -> Matcher:
    global _MATCHER
    _MATCHER = _MATCHER or Matcher(load_signals(), load_model())
    return _MATCHER


def _tag(texts: list[str]) -> float:
    matcher = _matcher()
    started = time.perf_counter()
    for text in texts:
        matcher.find(text)
    return time.perf_counter() - started


def _whole(path: Path) -> tuple[list[str], float, float]:
    """One process, as one extract worker does it: page texts, seconds extracting, seconds tagging."""
    started = time.perf_counter()
    row = extract_one(path.name, str(path), 600)
    extracting = time.perf_counter() - started
    texts = [page["text"] for page in row["pages"]]
    return texts, extracting, _tag(texts)


def _engine_alone(files: list[Path]) -> float:
    """Seconds for pypdfium2 to load every page and its text layer, with no other work (a file it
    cannot open, as the demo's deliberately broken ones, costs only the attempt)."""
    started = time.perf_counter()
    for path in files:
        try:
            document = pdfium.PdfDocument(path)
        except pdfium.PdfiumError:
            continue
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        document.close()
    return time.perf_counter() - started


def measure(name: str, files: list[Path]) -> None:
    engine = _engine_alone(files)
    started = time.perf_counter()
    results = [_whole(path) for path in files]
    single = time.perf_counter() - started
    pages = sum(len(texts) for texts, _, _ in results)
    extracting = sum(seconds for _, seconds, _ in results)
    tagging = sum(seconds for _, _, seconds in results)
    started = time.perf_counter()
    jobs = plan_jobs([(str(number), str(path)) for number, path in enumerate(files)])
    rows = list(join_ranges(run_jobs(jobs, WORKERS, Limits())))
    texts = [[page["text"] for page in row["pages"]] for row in rows]
    with ProcessPoolExecutor(WORKERS) as pool:
        list(pool.map(_tag, texts, chunksize=max(1, len(texts) // (8 * WORKERS))))
    parallel = time.perf_counter() - started
    print(f"\n[{name}] {len(files)} PDFs, {pages} pages")
    print(f"  extract+tag, 1 process  : {pages / single:7.0f} pages/s (tagging {tagging:.2f} s, "
          f"{1e6 * tagging / pages:.0f} µs a page: {100 * tagging / extracting:.1f}% of extraction "
          "time; goal < 10%)")
    print(f"  extract+tag, {WORKERS} processes: {pages / parallel:7.0f} pages/s")
    print(f"  engine alone, 1 process : {pages / engine:7.0f} pages/s (pypdfium2 page and text load)")
    if not shutil.which("pdftotext"):
        print("  baseline pdftotext: not installed (apt-get install poppler-utils); no ratio")
        return
    with tempfile.TemporaryDirectory() as scratch:
        started = time.perf_counter()
        for number, path in enumerate(files):
            subprocess.run(["pdftotext", str(path), str(Path(scratch) / f"{number}.txt")],
                           capture_output=True, check=False)
        baseline = time.perf_counter() - started
    print(f"  baseline pdftotext      : {pages / baseline:7.0f} pages/s (1 process, plain text mode)")
    print(f"  ratio 1 process   = {baseline / single:.2f}x pdftotext (goal >= 0.9)")
    print(f"  ratio {WORKERS} processes = {baseline / parallel:.2f}x pdftotext (goal >= 1.7)")
    print(f"  ratio engine alone = {baseline / engine:.2f}x pdftotext (the ceiling for 1 process)")


def main() -> None:
    demo = sorted(ensure_demo_web().site_dir.rglob("*.pdf"))
    measure("demo", demo)
    measure("packs", corpus(RAW_DIR / "bench_packs"))
