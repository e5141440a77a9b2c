"""Extract every stored document in parallel, each in a worker with a time and a memory limit.

Results go to a journal (``extract/journal.jsonl``, one line per document) as they finish, so a
killed run loses nothing; documents already done with this extractor version are skipped. The
journal is then consolidated into ``pages.parquet`` and ``documents.parquet``.

A document that is encrypted, damaged, too slow or too big gives an error row with the reason.
Pages read by OCR carry Tesseract's name as their extractor, and the document's extractor names both.
If a worker dies (a crash, or the memory limit), the documents it may have been working on are
retried one at a time, and the one that kills a worker again is recorded as the cause.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import statistics
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.extract.engines import ExtractionError, extract, extractor_version
from pipeline.extract.ocr import OCR_ENGINE_PREFIX
from pipeline.scrape.manifest import Journal, read_manifest, read_rows

EXTRACTOR_VERSION = extractor_version()
PAGE_COLUMNS = ["sha256", "page_number", "text", "char_count", "is_needs_ocr", "extractor_name",
                "extractor_version"]
DOCUMENT_COLUMNS = ["sha256", "status", "error", "page_count", "char_count", "needs_ocr_count",
                    "is_low_text_density", "extractor_name", "extractor_version", "seconds"]


@dataclass(frozen=True)
class Limits:
    seconds: int = 60
    memory_bytes: int = 2 * 1024**3
    grace_seconds: int = 30  # after seconds + grace, a silent worker is killed


def _alarm(signum, frame):
    raise TimeoutError


def _init_worker(memory_bytes: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    signal.signal(signal.SIGALRM, _alarm)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def low_density(char_counts: list[int]) -> bool:
    """True when text collapses part-way: many near-empty pages among text-bearing ones."""
    if len(char_counts) < 3:
        return False
    median = statistics.median(char_counts)
    sparse = sum(1 for count in char_counts if count < max(50, median * 0.1))
    return median > 0 and sparse / len(char_counts) >= 0.3


def extract_one(sha256: str, path: str, seconds: int) -> dict:
    """Run in a worker: extract one stored document into a journal row."""
    started = time.monotonic()
    signal.alarm(seconds)
    try:
        engine, pages = extract(Path(path).read_bytes())
        status, error = "ok", None
    except TimeoutError:
        engine, pages, status, error = "", [], "error", f"timed out after {seconds} s"
    except MemoryError:
        engine, pages, status, error = "", [], "error", "ran out of memory (limit reached)"
    except ExtractionError as failure:
        engine, pages, status, error = "", [], "error", str(failure)
    except Exception as failure:  # noqa: BLE001 - a broken document must never stop the run
        engine, pages, status, error = "", [], "error", f"{type(failure).__name__}: {failure}"
    finally:
        signal.alarm(0)
    counts = [len(page.text.strip()) for page in pages]
    needs_ocr = sum(page.is_needs_ocr for page in pages)
    ocr_engines = sorted({page.ocr_engine for page in pages if page.ocr_engine})
    if ocr_engines:
        engine = "+".join([engine, *ocr_engines])
    if status == "ok" and pages and needs_ocr == len(pages):
        status = "needs_ocr"
    elif status == "ok" and (needs_ocr or low_density(counts)):
        status = "partial"
    return {
        "sha256": sha256, "status": status, "error": error, "page_count": len(pages),
        "char_count": sum(counts), "needs_ocr_count": needs_ocr,
        "is_low_text_density": low_density(counts), "extractor_name": engine,
        "extractor_version": EXTRACTOR_VERSION, "seconds": round(time.monotonic() - started, 3),
        "pages": [{"page_number": page.page_number, "text": page.text,
                   "is_needs_ocr": page.is_needs_ocr, "extractor_name": page.ocr_engine}
                  for page in pages],
    }


def _crash_row(sha256: str, reason: str) -> dict:
    return {"sha256": sha256, "status": "error", "error": reason, "page_count": 0,
            "char_count": 0, "needs_ocr_count": 0, "is_low_text_density": False,
            "extractor_name": "", "extractor_version": EXTRACTOR_VERSION, "seconds": None,
            "pages": []}


def run_jobs(jobs: list[tuple[str, str]], workers: int, limits: Limits, work=extract_one):
    """Yield a row per (sha256, path) job, surviving hung and crashing workers."""
    context = multiprocessing.get_context("fork")
    pending = deque(jobs)
    suspects: deque = deque()
    while pending or suspects:
        isolate = bool(suspects)
        queue = suspects if isolate else pending
        pool = ProcessPoolExecutor(1 if isolate else workers, mp_context=context,
                                   initializer=_init_worker, initargs=(limits.memory_bytes,))
        inflight: dict = {}
        broken = False
        try:
            while (queue or inflight) and not broken:
                while queue and len(inflight) < (1 if isolate else workers * 2):
                    job = queue.popleft()
                    future = pool.submit(work, job[0], job[1], limits.seconds)
                    inflight[future] = (job, time.monotonic())
                done, _ = wait(inflight, timeout=1.0, return_when=FIRST_COMPLETED)
                for future in done:
                    job, _ = inflight.pop(future)
                    try:
                        yield future.result()
                    except BrokenProcessPool:
                        broken = True
                        if isolate:
                            yield _crash_row(job[0], "the extractor crashed on this document "
                                             "(memory limit or fatal error)")
                        else:
                            suspects.append(job)
                overdue = [f for f, (_, started) in inflight.items()
                           if time.monotonic() - started > limits.seconds + limits.grace_seconds]
                if overdue:
                    for future in overdue:
                        job, _ = inflight.pop(future)
                        yield _crash_row(job[0], "hung for over "
                                         f"{limits.seconds + limits.grace_seconds} s; stopped")
                    broken = True
            if broken:
                for job, _ in inflight.values():
                    (suspects if not isolate else pending).append(job)
        finally:
            if broken:
                for process in list(getattr(pool, "_processes", {}).values()):
                    process.kill()
            pool.shutdown(wait=not broken, cancel_futures=True)


def documents_to_extract(raw: Path) -> dict[str, Path]:
    """sha256 -> stored file, for every document the scrape manifest collected."""
    store = raw / "store"
    return {row["sha256"]: store / row["sha256"][:2] / row["sha256"]
            for row in read_manifest(raw).values() if row.get("sha256")}


def extract_dataset(raw: Path, out: Path, *, workers: int | None = None,
                    limits: Limits = Limits(), progress=None) -> dict[str, int]:
    """Extract what is new, then write pages.parquet and documents.parquet; return counts."""
    out.mkdir(parents=True, exist_ok=True)
    journal_path = out / "journal.jsonl"
    done = {(row["sha256"], row["extractor_version"]) for row in read_rows(journal_path)}
    wanted = documents_to_extract(raw)
    jobs = sorted((sha, str(path)) for sha, path in wanted.items()
                  if (sha, EXTRACTOR_VERSION) not in done)
    if not jobs and _written_for(out, set(wanted)):
        counts = duckdb.sql(f"select count(*), count(*) filter (where status = 'error'), "
                            f"count(*) filter (where status = 'needs_ocr'), "
                            f"count(*) filter (where status = 'partial'), "
                            f"coalesce(sum(needs_ocr_count), 0) from '{out / 'documents.parquet'}'"
                            ).fetchall()[0]
        pages, by_ocr = duckdb.sql(
            f"select count(*), count(*) filter (where extractor_name like '{OCR_ENGINE_PREFIX}%') "
            f"from '{out / 'pages.parquet'}'").fetchall()[0]
        return {"documents": counts[0], "pages": pages, "errors": counts[1], "needs_ocr": counts[2],
                "partial": counts[3], "pages_needing_ocr": int(counts[4]),
                "pages_read_by_ocr": by_ocr, "extracted": 0}
    journal = Journal(journal_path)
    try:
        for count, row in enumerate(run_jobs(jobs, workers or os.cpu_count() or 1, limits), 1):
            journal.append(row)
            if progress:
                progress(count, len(jobs), row)
    finally:
        journal.close()
    return consolidate(journal_path, out, set(wanted)) | {"extracted": len(jobs)}


def _written_for(out: Path, shas: set[str]) -> bool:
    """True if pages.parquet and documents.parquet hold exactly these documents."""
    if not ((out / "pages.parquet").exists() and (out / "documents.parquet").exists()):
        return False
    written = duckdb.sql(f"select sha256 from '{out / 'documents.parquet'}'").fetchall()
    return {sha for (sha,) in written} == shas


def consolidate(journal_path: Path, out: Path, shas: set[str]) -> dict[str, int]:
    """Write the latest journal row per document as pages.parquet and documents.parquet."""
    latest = {}
    for row in read_rows(journal_path):
        if row["sha256"] in shas and row["extractor_version"] == EXTRACTOR_VERSION:
            latest[row["sha256"]] = row
    pages = [{"sha256": sha, "page_number": page["page_number"], "text": page["text"],
              "char_count": len(page["text"]), "is_needs_ocr": page["is_needs_ocr"],
              "extractor_name": page.get("extractor_name") or row["extractor_name"],
              "extractor_version": EXTRACTOR_VERSION}
             for sha, row in sorted(latest.items()) for page in row["pages"]]
    documents = [{column: row[column] for column in DOCUMENT_COLUMNS}
                 for _, row in sorted(latest.items())]
    write_parquet(pd.DataFrame(pages, columns=PAGE_COLUMNS), out / "pages.parquet")
    write_parquet(pd.DataFrame(documents, columns=DOCUMENT_COLUMNS), out / "documents.parquet")
    statuses = [row["status"] for row in latest.values()]
    return {"documents": len(latest), "pages": len(pages),
            "errors": statuses.count("error"), "needs_ocr": statuses.count("needs_ocr"),
            "partial": statuses.count("partial"),
            "pages_needing_ocr": sum(row["needs_ocr_count"] for row in latest.values()),
            "pages_read_by_ocr": sum(1 for page in pages
                                     if page["extractor_name"].startswith(OCR_ENGINE_PREFIX))}


def write_parquet(frame: pd.DataFrame, path: Path) -> None:
    """Write a DataFrame to Parquet through DuckDB, atomically (temp file, then rename)."""
    temporary = path.with_suffix(".parquet.tmp")
    connection = duckdb.connect()
    try:
        connection.register("frame", frame)
        connection.execute(f"COPY frame TO '{temporary}' (FORMAT parquet)")
    finally:
        connection.close()
    os.replace(temporary, path)
