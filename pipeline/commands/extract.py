"""``extract``: page-numbered text from every collected document."""

from __future__ import annotations

import sys

from pipeline.cli import add_dataset_argument, resolve_dataset
from pipeline.errors import UserError
from pipeline.paths import processed_dir, raw_dir

HELP = "extract page-numbered text from every collected document (PDF, Word, HTML)"
DESCRIPTION = """\
Read every document in the scrape manifest and write one row per page to
data/processed/<dataset>/extract/pages.parquet, and one row per document (status, error,
page and character counts, text-density and OCR flags) to documents.parquet. Image-only pages
are read with Tesseract if it is installed, and flagged and counted if not. Each document runs
in a worker process with a time and a memory limit; a broken one is recorded with its reason and
the run goes on. Documents already extracted by this extractor version are skipped.

examples:
  python -m pipeline extract
  python -m pipeline extract --dataset live --workers 1 --timeout 120
"""


def add_arguments(parser) -> None:
    add_dataset_argument(parser)
    parser.add_argument("--workers", type=int, help="worker processes (default: all cores)")
    parser.add_argument("--timeout", type=int, default=60, help="seconds per document (60)")
    parser.add_argument("--memory-mb", type=int, default=2048, help="memory per worker (2048)")


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

    def progress(done, total, row):
        if interactive:
            sys.stderr.write(f"\rextracting {done}/{total}")
            sys.stderr.flush()

    counts = extract_dataset(raw, processed_dir(dataset) / "extract", workers=args.workers,
                             limits=Limits(args.timeout, args.memory_mb * 1024 * 1024),
                             progress=progress)
    if interactive:
        sys.stderr.write("\n")
    ocr = tesseract_version()
    ocr_note = f"OCR by {ocr}" if ocr else "OCR is off: apt-get install tesseract-ocr to read them"
    print(f"{dataset}: {counts['extracted']} documents extracted now; {counts['documents']} in all, "
          f"{counts['pages']} pages; {counts['errors']} errors, {counts['partial']} partial, "
          f"{counts['needs_ocr']} image-only; {counts['pages_read_by_ocr']} pages read by OCR, "
          f"{counts['pages_needing_ocr']} pages without text ({ocr_note})")
    return 0
