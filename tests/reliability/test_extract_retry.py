"""Failed extractions are retried when the limits change, or with --retry-failed."""

import json
import time

from pipeline import contracts
from pipeline.cli import main
from pipeline.demo.pdf import Line, Page, layout, render_pdf
from pipeline.extract import engines
from pipeline.extract import run as run_module
from pipeline.extract.run import Limits, extract_dataset, needs_extraction
from pipeline.io import read_rows
from pipeline.scrape.store import Store

BODY = [f"Item {n}: the Board heard from the Healthwatch representative at length." for n in range(40)]


def write_dataset(root, documents):
    store = Store(root / "store")
    with (root / "manifest.jsonl").open("w") as handle:
        for number, data in enumerate(documents):
            sha, _ = store.put(data)
            handle.write(json.dumps(contracts.fixture_rows(
                "manifest", requested_url=f"https://x.nhs.uk/{number}.pdf", sha256=sha)[0]) + "\n")


def slow_extract(data):
    time.sleep(1.5)
    return engines.extract(data)


def test_documents_that_timed_out_are_retried_with_a_longer_timeout(tmp_path, monkeypatch):
    monkeypatch.setattr(run_module, "extract", slow_extract)  # the forked workers inherit it
    documents = [render_pdf(layout([f"Document {n}", *BODY])[0]) for n in range(3)]
    write_dataset(tmp_path / "raw", documents)
    out = tmp_path / "extract"
    short = Limits(seconds=1, grace_seconds=5)
    timed_out = extract_dataset(tmp_path / "raw", out, workers=2, limits=short)
    assert timed_out["extracted"] == 3 and timed_out["errors"] == 3
    failed = read_rows(out / "journal.jsonl")
    assert all(row["failure"] == "timeout" and "timed out after 1 s" in row["error"]
               for row in failed)
    assert all(row["limits"] == {"seconds": 1, "memory_bytes": short.memory_bytes}
               for row in failed)
    assert extract_dataset(tmp_path / "raw", out, workers=2, limits=short)["extracted"] == 0
    longer = Limits(seconds=10)
    retried = extract_dataset(tmp_path / "raw", out, workers=2, limits=longer)
    assert retried["extracted"] == 3 and retried["errors"] == 0 and retried["documents"] == 3
    assert extract_dataset(tmp_path / "raw", out, workers=2, limits=longer)["extracted"] == 0
    assert extract_dataset(tmp_path / "raw", out, workers=2, limits=short)["extracted"] == 0


def test_rows_journalled_before_limits_were_recorded_are_retried():
    old_timeout = {"status": "error", "error": "timed out after 60 s"}
    old_crash = {"status": "error", "error": "the extractor crashed on this document (...)"}
    encrypted = {"status": "error", "error": "encrypted PDF (a password is needed)"}
    assert needs_extraction(old_timeout, Limits()) and needs_extraction(old_crash, Limits())
    assert not needs_extraction(encrypted, Limits())
    assert needs_extraction(encrypted, Limits(), retry_failed=True)
    assert not needs_extraction({"status": "ok"}, Limits(), retry_failed=True)
    assert needs_extraction(None, Limits())


def test_a_document_reported_damaged_under_less_memory_is_retried_with_more():
    starved = {"status": "error", "failure": "document", "error": "damaged or unreadable PDF",
               "limits": {"seconds": 60, "memory_bytes": 1024 * 1024}}
    assert needs_extraction(starved, Limits())
    assert not needs_extraction(starved, Limits(memory_bytes=1024 * 1024))
    assert not needs_extraction(starved, Limits(seconds=120, memory_bytes=1024 * 1024))


def test_retry_failed_retries_every_failed_document_with_the_same_limits(tmp_path):
    locked = render_pdf([Page([Line(56, 700, 10, "secret")])], user_password="pw")
    write_dataset(tmp_path / "raw", [render_pdf(layout(BODY)[0]), locked])
    out = tmp_path / "extract"
    assert extract_dataset(tmp_path / "raw", out, workers=1)["errors"] == 1
    assert extract_dataset(tmp_path / "raw", out, workers=1)["extracted"] == 0
    again = extract_dataset(tmp_path / "raw", out, workers=1, retry_failed=True)
    assert again["extracted"] == 1 and again["errors"] == 1 and again["documents"] == 2
    assert len(read_rows(out / "journal.jsonl")) == 3


def test_extract_command_retries_failed_and_reports_progress_and_time(data_dirs, capsys):
    raw, processed = data_dirs
    locked = render_pdf([Page([Line(56, 700, 10, "secret")])], user_password="pw")
    (raw / "demo").mkdir(parents=True)
    write_dataset(raw / "demo", [render_pdf(layout(BODY)[0]), locked])
    journal = processed / "demo" / "extract" / "journal.jsonl"
    assert main(["extract", "--dataset", "demo", "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert "extract: 2/2 documents, 1 errors" in err
    assert err.strip().splitlines()[-1].startswith("extract: done in ")
    assert main(["extract", "--dataset", "demo", "--workers", "1"]) == 0
    assert len(read_rows(journal)) == 2
    assert main(["extract", "--dataset", "demo", "--workers", "1", "--retry-failed"]) == 0
    assert len(read_rows(journal)) == 3
