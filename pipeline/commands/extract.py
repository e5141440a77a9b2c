"""``extract``: page-numbered text from every collected document."""

from __future__ import annotations

import sys
import time

from pipeline.cli import add_dataset_argument, resolve_dataset
from pipeline.errors import UserError
from pipeline.paths import processed_dir, raw_dir

PROGRESS_SECONDS = 10.0
HELP = "extract page-numbered text from every collected document (PDF, Word, HTML)"
DESCRIPTION = """\
Read every document in the scrape manifest and write one row per page to
data/processed/<dataset>/extract/pages.parquet, and one row per document (status, error,
page and character counts, text-density and OCR flags) to documents.parquet. Image-only pages
are read with Tesseract if it is installed, and flagged and counted if not. Each document runs
in a worker process with a time and a memory limit; a broken one is recorded with its reason and
the run goes on. Documents already extracted by this extractor version are skipped; one that
failed for want of time or memory (or crashed its worker) is tried again when --timeout or
--memory-mb differ from its failed run's, and --retry-failed tries every failed document again.
On a terminal a progress line is updated as documents finish; otherwise one is printed every
10 seconds. SIGTERM or Ctrl-C stops the workers and keeps every document already extracted.

examples:
  python -m pipeline extract
  python -m pipeline extract --dataset live --workers 1 --timeout 120
  python -m pipeline extract --retry-failed          # try every failed document again
"""


def add_arguments(parser) -> None:
    add_dataset_argument(parser)
    parser.add_argument("--workers", type=int, help="worker processes (default: all cores)")
    parser.add_argument("--timeout", type=int, default=60, help="seconds per document (60)")
    parser.add_argument("--memory-mb", type=int, default=2048, help="memory per worker (2048)")
    parser.add_argument("--retry-failed", action="store_true",
                        help="extract every document whose last extraction failed again, "
                             "whatever its reason")


def run(args) -> int:
    from pipeline.extract.ocr import tesseract_version
    from pipeline.extract.run import Limits, extract_dataset

    dataset = resolve_dataset(args)
    for option, value in (("--workers", args.workers), ("--timeout", args.timeout),
                          ("--memory-mb", args.memory_mb)):
        if value is not None and value < 1:
            raise UserError(f"{option} must be 1 or more, not {value}")
    raw = raw_dir(dataset)
    if not (raw / "manifest.jsonl").exists():
        raise UserError(f"{raw / 'manifest.jsonl'} not found: run `python -m pipeline scrape "
                        f"--dataset {dataset}` first")
    interactive = sys.stderr.isatty()
    started = last = time.monotonic()
    errors = 0

    def progress(done, total, row):
        nonlocal last, errors
        errors += row["status"] == "error"
        now = time.monotonic()
        if interactive:
            sys.stderr.write(f"\rextracting {done}/{total} ({errors} errors)")
        elif now - last >= PROGRESS_SECONDS or done == total:
            last = now
            sys.stderr.write(f"extract: {done}/{total} documents, {errors} errors, "
                             f"{now - started:.0f} s\n")
        sys.stderr.flush()

    counts = extract_dataset(raw, processed_dir(dataset) / "extract", workers=args.workers,
                             limits=Limits(args.timeout, args.memory_mb * 1024 * 1024),
                             progress=progress, retry_failed=args.retry_failed)
    if interactive and counts["extracted"]:
        sys.stderr.write("\n")
    ocr = tesseract_version()
    ocr_note = f"OCR by {ocr}" if ocr else "OCR is off: apt-get install tesseract-ocr to read them"
    print(f"{dataset}: {counts['extracted']} documents extracted now; {counts['documents']} in all, "
          f"{counts['pages']} pages; {counts['errors']} errors, {counts['partial']} partial, "
          f"{counts['needs_ocr']} image-only, {counts['unsupported']} not read (archives, "
          f"spreadsheets); {counts['pages_read_by_ocr']} pages read by OCR, "
          f"{counts['pages_without_text']} pages without text ({ocr_note})")
    return 0
