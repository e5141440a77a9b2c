"""Extract every stored document in parallel, each in a worker with a time and a memory limit.

Results go to a journal (``extract/journal.jsonl``, one line per document) as they finish, so a
killed run loses nothing; documents already done with this extractor version are skipped. The
journal is then consolidated into ``pages.parquet`` and ``documents.parquet``; a document's row there
carries the meeting date and committee its first page's title block states
(``pipeline.extract.title_block``).

A document that is encrypted, damaged, too slow or too big gives an error row with the reason; a
file of a kind the extractor does not read (a ZIP archive of a meeting's papers, a spreadsheet)
gives an ``unsupported`` row that says what it is, and is not tried again.
Pages read by OCR carry Tesseract's name as their extractor, and the document's extractor names both.
If a worker dies (a crash, or the memory limit), the documents it may have been working on are
retried one at a time, and the one that kills a worker again is recorded as the cause.

An error row records the limits it ran under. A document that failed for want of time or memory,
or by crashing its worker, is tried again by a run with other limits (or a new extractor version),
and any failed document by a run with more memory; ``retry_failed`` (``extract --retry-failed``)
tries every failed document again.

A long PDF is cut into page ranges (``RANGE_PAGES`` pages each), extracted by several workers at
once and joined in page order, so two cores share one 300-page board pack; the text is the same as
one worker would give (running headers and footers are found on the joined document).

The stage reads the scrape manifest and writes pages.parquet and documents.parquet through their
contracts (``pipeline/contracts.toml``), and finds stored documents with ``pipeline.io.store_path``.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import multiprocessing
import os
import resource
import signal
import statistics
import threading
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipeline import contracts
from pipeline.errors import Terminated, UserError
from pipeline.extract.engines import (
    PDF_ENGINE,
    ExtractionError,
    PageText,
    UnsupportedFormat,
    detect_format,
    extract,
    extractor_version,
    pdf_page_count,
    pdf_page_range,
    separate_running_lines,
)
from pipeline.extract.ocr import OCR_ENGINE_PREFIX
from pipeline.extract.title_block import read_title_block
from pipeline.io import Journal, latest_by, read_rows, store_path

EXTRACTOR_VERSION = extractor_version()
PR_SET_PDEATHSIG = 1  # linux/prctl.h
RANGE_PAGES = 40  # a PDF longer than this is shared between workers in ranges of this many pages
PAGE_COLUMNS = contracts.columns("pages")
DOCUMENT_COLUMNS = contracts.columns("documents")


# why an extraction failed: the document itself, or the limits it ran under (worth a retry)
LIMIT_FAILURES = {"timeout", "memory", "crash", "hung", "exception"}
_LIMIT_ERROR_PREFIXES = {"timed out after": "timeout", "ran out of memory": "memory",
                         "the extractor crashed": "crash", "hung for over": "hung"}


@dataclass(frozen=True)
class Limits:
    seconds: int = 60
    memory_bytes: int = 2 * 1024**3
    grace_seconds: int = 30  # after seconds + grace, a silent worker is killed

    def record(self) -> dict[str, int]:
        """What an error row keeps of the limits, to tell whether a rerun's differ."""
        return {"seconds": self.seconds, "memory_bytes": self.memory_bytes}


def _alarm(signum, frame):
    raise TimeoutError


def _die_with_parent(parent_pid: int) -> None:
    """Have the kernel kill this worker when its parent dies (Linux), else a thread that watches."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        is_set = libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        is_set = False
    if not is_set:
        threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()
    if os.getppid() != parent_pid:  # the parent died before the signal was set
        os._exit(1)


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(1.0)
    os._exit(1)


def _init_worker(memory_bytes: int, parent_pid: int) -> None:
    _die_with_parent(parent_pid)
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    signal.signal(signal.SIGALRM, _alarm)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def low_density(char_counts: list[int]) -> bool:
    """True when text collapses part-way: many near-empty pages among text-bearing ones."""
    if len(char_counts) < 3:
        return False
    median = statistics.median(char_counts)
    sparse = sum(1 for count in char_counts if count < max(50, median * 0.1))
    return median > 0 and sparse / len(char_counts) >= 0.3


def extract_one(sha256: str, path: str, seconds: int, start: int | None = None,
                stop: int | None = None, total: int | None = None) -> dict:
    """Run in a worker: extract one stored document, or pages ``start`` to ``stop`` (0-based,
    ``stop`` excluded) of a PDF of ``total`` pages, into a journal row (``join_ranges`` joins a
    document's ranges)."""
    started = time.monotonic()
    signal.alarm(seconds)
    try:
        if start is None:
            engine, pages = extract(Path(path).read_bytes())
        else:
            engine, pages = PDF_ENGINE, pdf_page_range(Path(path).read_bytes(), start, stop)
        status, error, failure = "ok", None, None
    except TimeoutError:
        engine, pages, status, error = "", [], "error", f"timed out after {seconds} s"
        failure = "timeout"
    except MemoryError:
        engine, pages, status, error = "", [], "error", "ran out of memory (limit reached)"
        failure = "memory"
    except UnsupportedFormat as kind:
        engine, pages, status, error, failure = "", [], "unsupported", str(kind), None
    except ExtractionError as problem:
        engine, pages, status, error, failure = "", [], "error", str(problem), "document"
    except Exception as problem:  # noqa: BLE001 - a broken document must never stop the run
        engine, pages, status = "", [], "error"
        error, failure = f"{type(problem).__name__}: {problem}", "exception"
    finally:
        signal.alarm(0)
    row = document_row(sha256, engine, pages, status, error, failure, time.monotonic() - started)
    return row if start is None else row | {"range": [start, stop, total]}


def document_row(sha256: str, engine: str, pages: list[PageText], status: str, error: str | None,
                 failure: str | None, seconds: float | None) -> dict:
    """A document's journal row from its pages: status, counts and the pages themselves."""
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
        "sha256": sha256, "status": status, "error": error, "failure": failure,
        "page_count": len(pages),
        "char_count": sum(counts), "pages_without_text_count": needs_ocr,
        "is_low_text_density": low_density(counts), "extractor_name": engine,
        "extractor_version": EXTRACTOR_VERSION,
        "seconds": None if seconds is None else round(seconds, 3),
        "pages": [{"page_number": page.page_number, "text": page.text,
                   "is_needs_ocr": page.is_needs_ocr, "extractor_name": page.ocr_engine}
                  for page in pages],
    }


def plan_jobs(documents: list[tuple[str, str]]) -> list[tuple]:
    """Jobs for the workers, longest first: (sha256, path) for a document, or (sha256, path,
    start, stop, total) for each range of a PDF longer than ``RANGE_PAGES`` pages."""
    sized = []
    for sha256, path in documents:
        try:
            data = Path(path).read_bytes()
            pages = pdf_page_count(data) if detect_format(data) == "pdf" else 1
        except (OSError, ExtractionError):
            pages = 1  # its worker records why it cannot be read
        if pages > RANGE_PAGES:
            sized += [((sha256, path, start, min(start + RANGE_PAGES, pages), pages),
                       min(RANGE_PAGES, pages - start)) for start in range(0, pages, RANGE_PAGES)]
        else:
            sized.append(((sha256, path), pages))
    return [job for job, _ in sorted(sized, key=lambda item: (-item[1], item[0][0]))]


def join_ranges(rows):
    """Pass whole-document rows on; hold a PDF's range rows until its pages are all in, then
    yield the document's row (with its first failure, if a range failed)."""
    held: dict[str, list[dict]] = {}
    for row in rows:
        if "range" not in row:
            yield row
            continue
        parts = held.setdefault(row["sha256"], [])
        parts.append(row)
        if sum(stop - start for start, stop, _ in (part["range"] for part in parts)) == row["range"][2]:
            del held[row["sha256"]]
            yield _joined(row["sha256"], sorted(parts, key=lambda part: part["range"][0]))


def _joined(sha256: str, parts: list[dict]) -> dict:
    failed = next((part for part in parts if part["status"] == "error"), None)
    seconds = sum(part["seconds"] or 0 for part in parts)
    if failed:
        return document_row(sha256, "", [], "error", failed["error"], failed["failure"], seconds)
    pages = separate_running_lines([PageText(page["page_number"], page["text"], page["is_needs_ocr"],
                                             page["extractor_name"])
                                    for part in parts for page in part["pages"]])
    return document_row(sha256, parts[0]["extractor_name"].split("+")[0], pages, "ok", None, None,
                        seconds)


def _crash_row(job: tuple, reason: str, failure: str) -> dict:
    row = document_row(job[0], "", [], "error", reason, failure, None)
    return row if len(job) == 2 else row | {"range": list(job[2:])}


def run_jobs(jobs: list[tuple], workers: int, limits: Limits, work=extract_one):
    """Yield a row per (sha256, path[, start, stop]) job, surviving hung and crashing workers."""
    context = multiprocessing.get_context("fork")
    pending = deque(jobs)
    suspects: deque = deque()
    while pending or suspects:
        isolate = bool(suspects)
        queue = suspects if isolate else pending
        pool = ProcessPoolExecutor(1 if isolate else workers, mp_context=context,
                                   initializer=_init_worker,
                                   initargs=(limits.memory_bytes, os.getpid()))
        inflight: dict = {}
        broken = False
        try:
            while (queue or inflight) and not broken:
                while queue and len(inflight) < (1 if isolate else workers * 2):
                    job = queue.popleft()
                    future = pool.submit(work, job[0], job[1], limits.seconds, *job[2:])
                    inflight[future] = (job, time.monotonic())
                done, _ = wait(inflight, timeout=1.0, return_when=FIRST_COMPLETED)
                for future in done:
                    job, _ = inflight.pop(future)
                    try:
                        yield future.result()
                    except BrokenProcessPool:
                        broken = True
                        if isolate:
                            yield _crash_row(job, "the extractor crashed on this document "
                                             "(memory limit or fatal error)", "crash")
                        else:
                            suspects.append(job)
                overdue = [f for f, (_, started) in inflight.items()
                           if time.monotonic() - started > limits.seconds + limits.grace_seconds]
                if overdue:
                    for future in overdue:
                        job, _ = inflight.pop(future)
                        yield _crash_row(job, "hung for over "
                                         f"{limits.seconds + limits.grace_seconds} s; stopped",
                                         "hung")
                    broken = True
            if broken:
                for job, _ in inflight.values():
                    (suspects if not isolate else pending).append(job)
        except BaseException:  # stopped (SIGTERM, Ctrl-C, the consumer gave up): stop the workers
            broken = True
            raise
        finally:
            if broken:
                for process in list(getattr(pool, "_processes", {}).values()):
                    process.kill()
            pool.shutdown(wait=not broken, cancel_futures=True)


@contextlib.contextmanager
def sigterm_stops_the_run():
    """In the main thread, turn SIGTERM into ``Terminated``: the workers are stopped and every row
    already journalled is kept (a rerun goes on from there)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise Terminated

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def documents_to_extract(raw: Path) -> dict[str, Path]:
    """sha256 -> stored file, for every document the scrape manifest collected (the latest row
    per document URL, read through the manifest contract)."""
    try:
        rows = contracts.read_journal(raw / "manifest.jsonl", "manifest")
        return {row["sha256"]: store_path(raw / "store", row["sha256"])
                for row in latest_by(rows, "requested_url").values() if row["sha256"]}
    except ValueError as error:
        raise UserError(str(error)) from None


def failure_kind(row: dict) -> str | None:
    """Why an error row failed (``LIMIT_FAILURES``, or "document"); None for a row without error.
    Rows journalled before failures were recorded are read from their error text."""
    if row.get("status") != "error":
        return None
    if row.get("failure"):
        return row["failure"]
    error = row.get("error") or ""
    return next((kind for prefix, kind in _LIMIT_ERROR_PREFIXES.items()
                 if error.startswith(prefix)), "document")


def needs_extraction(latest: dict | None, limits: Limits, retry_failed: bool = False) -> bool:
    """Whether a document whose latest journal row (for this extractor version) is ``latest``
    should be extracted now: never tried, or failed and worth trying again."""
    if latest is None:
        return True
    kind = failure_kind(latest)
    if kind is None:
        return False
    recorded = latest.get("limits")
    if retry_failed or (kind in LIMIT_FAILURES and recorded != limits.record()):
        return True
    # an engine starved of memory can report a good file as damaged: more memory, another try
    return recorded is not None and recorded.get("memory_bytes", 0) < limits.memory_bytes


def extract_dataset(raw: Path, out: Path, *, workers: int | None = None,
                    limits: Limits = Limits(), progress=None,
                    retry_failed: bool = False) -> dict[str, int]:
    """Extract what is new (or failed and worth retrying), then write pages.parquet and
    documents.parquet; return counts."""
    out.mkdir(parents=True, exist_ok=True)
    journal_path = out / "journal.jsonl"
    latest = {row["sha256"]: row for row in read_rows(journal_path)
              if row["extractor_version"] == EXTRACTOR_VERSION}
    wanted = documents_to_extract(raw)
    jobs = sorted((sha, str(path)) for sha, path in wanted.items()
                  if needs_extraction(latest.get(sha), limits, retry_failed))
    if not jobs and _written_for(out, set(wanted)):
        counts = duckdb.sql(f"select count(*), count(*) filter (where status = 'error'), "
                            f"count(*) filter (where status = 'needs_ocr'), "
                            f"count(*) filter (where status = 'partial'), "
                            f"coalesce(sum(pages_without_text_count), 0), "
                            f"count(*) filter (where status = 'unsupported') "
                            f"from '{out / 'documents.parquet'}'").fetchall()[0]
        pages, by_ocr = duckdb.sql(
            f"select count(*), count(*) filter (where extractor_name like '{OCR_ENGINE_PREFIX}%') "
            f"from '{out / 'pages.parquet'}'").fetchall()[0]
        return {"documents": counts[0], "pages": pages, "errors": counts[1], "needs_ocr": counts[2],
                "partial": counts[3], "pages_without_text": int(counts[4]),
                "unsupported": counts[5], "pages_read_by_ocr": by_ocr, "extracted": 0}
    journal = Journal(journal_path)
    try:
        with sigterm_stops_the_run():
            rows = join_ranges(run_jobs(plan_jobs(jobs), workers or os.cpu_count() or 1, limits))
            for count, row in enumerate(rows, 1):
                if row["status"] == "error":
                    row["limits"] = limits.record()
                journal.append(row)
                if progress:
                    progress(count, len(jobs), row)
    finally:
        journal.close()
    return consolidate(journal_path, out, set(wanted)) | {"extracted": len(jobs)}


def _written_for(out: Path, shas: set[str]) -> bool:
    """True if pages.parquet and documents.parquet meet their contracts and hold exactly these
    documents (a file from before a contract change is written again, never misread)."""
    try:
        contracts.validate_parquet(out / "pages.parquet", "pages")
        contracts.validate_parquet(out / "documents.parquet", "documents")
    except (FileNotFoundError, ValueError):
        return False
    written = duckdb.sql(f"select sha256 from '{out / 'documents.parquet'}'").fetchall()
    return {sha for (sha,) in written} == shas


def title_block_columns(row: dict) -> dict:
    """The meeting date and committee the document's first page states (``title_block``), read
    from the journal row's page 1, so rows journalled before they were recorded get them too."""
    first = next((page["text"] for page in row["pages"] if page["page_number"] == 1), "")
    block = read_title_block(first)
    return {"title_block_meeting_date": block.meeting_date.isoformat() if block.meeting_date
            else None, "title_block_committee_name": block.committee_name}


def consolidate(journal_path: Path, out: Path, shas: set[str]) -> dict[str, int]:
    """Write the latest journal row per document as pages.parquet and documents.parquet."""
    latest = {}
    for row in read_rows(journal_path):
        if row["sha256"] in shas and row["extractor_version"] == EXTRACTOR_VERSION:
            latest[row["sha256"]] = contracts.upgrade_row(row, "documents")  # rows of older names
    pages = [{"sha256": sha, "page_number": page["page_number"], "text": page["text"],
              "char_count": len(page["text"]), "is_needs_ocr": page["is_needs_ocr"],
              "extractor_name": page.get("extractor_name") or row["extractor_name"],
              "extractor_version": EXTRACTOR_VERSION}
             for sha, row in sorted(latest.items()) for page in row["pages"]]
    documents = [{column: full[column] for column in DOCUMENT_COLUMNS}
                 for full in (row | title_block_columns(row) for _, row in sorted(latest.items()))]
    contracts.write_parquet(contracts.frame(pages, "pages"), "pages", out / "pages.parquet")
    contracts.write_parquet(contracts.frame(documents, "documents"), "documents",
                            out / "documents.parquet")
    statuses = [row["status"] for row in latest.values()]
    return {"documents": len(latest), "pages": len(pages),
            "errors": statuses.count("error"), "needs_ocr": statuses.count("needs_ocr"),
            "partial": statuses.count("partial"), "unsupported": statuses.count("unsupported"),
            "pages_without_text": sum(row["pages_without_text_count"] for row in latest.values()),
            "pages_read_by_ocr": sum(1 for page in pages
                                     if page["extractor_name"].startswith(OCR_ENGINE_PREFIX))}
