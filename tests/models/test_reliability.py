"""Reliability of the build: the same inputs give the same bytes whatever their row order, killed
builds leave nothing behind for ever, and bad corrections or quotes are named by file and line."""

import hashlib
import subprocess
import sys

import duckdb
import pandas as pd
import pytest

from pipeline import contracts
from pipeline.errors import UserError
from pipeline.export.write import export_dataset, load_schema
from pipeline.io import remove_stale_builds, write_parquet
from pipeline.models.build import CheckFailedError, build_database
from pipeline.models.inputs import CORRECTION_COLUMNS
from tests.conftest import build_mini_inputs


def read_parquet(path):
    return duckdb.connect().execute("select * from read_parquet(?)", [str(path)]).df()


def csv_digests(folder):
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted((folder / "csv").glob("*.csv"))}


def reverse_rows(inputs):
    """The same inputs with every file's rows in reverse order."""
    for path in (inputs.pages, inputs.documents, inputs.evidence):
        reversed_path = path.with_name("reversed-" + path.name)
        duckdb.connect().execute(
            f"copy (select * exclude (n) from (select *, row_number() over () as n "
            f"from read_parquet('{path}')) order by n desc) to '{reversed_path}' (format parquet)")
        reversed_path.replace(path)
    for path in (inputs.manifest, inputs.scrape_runs):
        lines = path.read_text().splitlines()
        path.write_text("\n".join(reversed(lines)) + "\n")


def test_same_inputs_in_any_row_order_give_identical_exports(tmp_path):
    digests = []
    for run in ("first", "reversed"):
        inputs = build_mini_inputs(tmp_path / run)
        # two passages of one signal on one page with equal confidence: the strongest is a tie
        evidence = read_parquet(inputs.evidence)
        twin = evidence[evidence.signal_id == "patient_story"].copy()
        offset = "The Board heard a patient story.".index("patient story")
        twin["start_char"] += offset
        twin["end_char"] = twin["start_char"] + len("patient story")
        twin["quote"], twin["rule_id"] = "patient story", "fixture-twin"
        write_parquet(pd.concat([evidence, twin], ignore_index=True), inputs.evidence)
        if run == "reversed":
            reverse_rows(inputs)
        build_database(inputs, tmp_path / run / "atlas.duckdb")
        export_dataset(tmp_path / run / "atlas.duckdb", tmp_path / run / "out", "demo")
        digests.append(csv_digests(tmp_path / run / "out"))
    assert digests[0] == digests[1]
    assert len(digests[0]) == len(load_schema()[1])  # every exported table


def test_a_build_removes_the_temporary_files_of_killed_builds(tmp_path):
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)
    dead_pid = int(finished.stdout)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        target = tmp_path / "atlas.duckdb"
        stale = [tmp_path / f".atlas.duckdb.building-{dead_pid}",
                 tmp_path / f".atlas.duckdb.building-{dead_pid}.wal"]
        running = tmp_path / f".atlas.duckdb.building-{sleeper.pid}"
        other = tmp_path / ".other.duckdb.building-1"
        for path in (*stale, running, other):
            path.write_bytes(b"partial")
        assert remove_stale_builds(target) == stale
        assert not any(path.exists() for path in stale)
        assert running.exists() and other.exists()
        inputs = build_mini_inputs(tmp_path / "in")
        (tmp_path / f".atlas.duckdb.building-{dead_pid}").write_bytes(b"partial")
        build_database(inputs, target)
        assert sorted(p.name for p in tmp_path.glob(".atlas.duckdb.building-*")) == [running.name]
    finally:
        sleeper.kill()
        sleeper.wait()


def corrections_row(**changes):
    row = {"correction_id": "c1", "icb_code_ods": "QWO", "action": "reject_evidence",
           "sha256": "", "page_number": "1", "signal_id": "patient_story", "quote": "",
           "reason": "", "submitted_by": "", "submitted_date": "2026-11-01"}
    return {**row, **changes}


def build_with_corrections(tmp_path, write):
    inputs = build_mini_inputs(tmp_path / "in")
    write(inputs.corrections)
    build_database(inputs, tmp_path / "atlas.duckdb")


def test_a_corrections_row_with_too_few_columns_names_the_line(tmp_path):
    def write(path):
        path.write_text(",".join(CORRECTION_COLUMNS) + "\nc1,QWO,reject_evidence,abc\n", encoding="utf-8")

    with pytest.raises(UserError, match=r"corrections\.csv:2: 4 column\(s\), the header has 10$"):
        build_with_corrections(tmp_path, write)
    assert not (tmp_path / "atlas.duckdb").exists()


def test_a_corrections_file_that_is_not_utf8_names_the_line(tmp_path):
    def write(path):
        path.write_bytes((",".join(CORRECTION_COLUMNS) + "\n").encode()
                         + b"c1,QWO,reject_evidence,x,1,patient_story,,caf\xe9,,,2026-11-01\n")

    with pytest.raises(UserError, match=r"corrections\.csv:2: not UTF-8"):
        build_with_corrections(tmp_path, write)


@pytest.mark.parametrize("changes, message", [
    ({"sha256": "f" * 64}, r"corrections\.csv:2: sha256 'f{64}' is not a collected document"),
    ({"signal_id": "patient_voice"}, r"corrections\.csv:2: signal_id 'patient_voice' is not defined"),
])
def test_a_rejection_naming_an_unknown_document_or_signal_names_the_line(tmp_path, changes, message):
    def write(path):
        sha = duckdb.sql(f"select min(sha256) from '{path.parent / 'evidence.parquet'}'").fetchall()[0][0]
        frame = pd.DataFrame([corrections_row(**{"sha256": sha, **changes})],
                             columns=CORRECTION_COLUMNS)
        frame.to_csv(path, index=False)

    with pytest.raises(UserError, match=message):
        build_with_corrections(tmp_path, write)


def test_the_build_command_reports_a_bad_corrections_file_in_one_line(tmp_path, monkeypatch,
                                                                     capsys):
    import pipeline.commands.build as command
    from pipeline.cli import main
    from pipeline.models.inputs import BuildInputs

    inputs = build_mini_inputs(tmp_path / "in")
    inputs.corrections.write_bytes(inputs.corrections.read_bytes() + b"c1,QWO,\xff\n")
    monkeypatch.setattr(BuildInputs, "for_dataset", classmethod(lambda cls, dataset: inputs))
    monkeypatch.setattr(command, "processed_dir", lambda dataset: tmp_path / "out")
    assert main(["build", "--dataset", "demo"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"python -m pipeline build: error: {inputs.corrections}:2: not UTF-8 (byte 0xff); "
        "save the file as UTF-8"]
    assert not list((tmp_path / "out").glob("*"))


def with_quote(tmp_path, name, quote_of):
    """The mini inputs with the first passage's page and quote rewritten by ``quote_of(text)``."""
    inputs = build_mini_inputs(tmp_path / name)
    pages, evidence = read_parquet(inputs.pages), read_parquet(inputs.evidence)
    sha = evidence.sha256[0]
    text = "Healthwatch  attends\nthe Board\u00a0as a participant."
    pages.loc[pages.sha256 == sha, "text"] = text
    evidence.loc[evidence.sha256 == sha, ["start_char", "end_char", "quote"]] = \
        [0, len(text), quote_of(text)]
    evidence = evidence.drop_duplicates(["sha256", "page_number", "start_char", "signal_id"])
    write_parquet(pages, inputs.pages)
    write_parquet(evidence, inputs.evidence)
    return inputs


@pytest.mark.parametrize("quote_of", [lambda text: text, lambda text: " ".join(text.split())],
                         ids=["verbatim", "whitespace-normalised"])
def test_quotes_may_be_verbatim_or_whitespace_normalised(tmp_path, quote_of):
    build_database(with_quote(tmp_path, "in", quote_of), tmp_path / "atlas.duckdb")


def test_a_quote_that_is_not_the_page_text_fails_the_check(tmp_path):
    inputs = with_quote(tmp_path, "in", lambda text: "Healthwatch attends the Board.")
    with pytest.raises(CheckFailedError, match="evidence_quotes_are_verbatim"):
        build_database(inputs, tmp_path / "atlas.duckdb")


def test_a_documents_file_with_the_former_column_name_builds_as_todays(tmp_path):
    """documents.parquet written before needs_ocr_count became pages_without_text_count (the
    contract's ``formerly``) is read under today's name: the coverage mart is the same."""
    inputs = build_mini_inputs(tmp_path / "inputs")
    build_database(inputs, tmp_path / "today.duckdb")
    documents = read_parquet(inputs.documents).assign(pages_without_text_count=[
        1 if number == 0 else 0 for number in range(len(read_parquet(inputs.documents)))])
    types = contracts.duckdb_types("documents")
    write_parquet(documents, inputs.documents, column_types=types)
    build_database(inputs, tmp_path / "today.duckdb", force=True)
    types["needs_ocr_count"] = types.pop("pages_without_text_count")
    write_parquet(documents.rename(columns={"pages_without_text_count": "needs_ocr_count"}),
                  inputs.documents, column_types=types)
    build_database(inputs, tmp_path / "former.duckdb")
    query = "select * from mart_icb_coverage order by all"
    today = duckdb.connect(str(tmp_path / "today.duckdb"), read_only=True).execute(query).fetchall()
    former = duckdb.connect(str(tmp_path / "former.duckdb"), read_only=True).execute(query).fetchall()
    assert today == former
    counted = duckdb.connect(str(tmp_path / "former.duckdb"), read_only=True).execute(
        "select sum(pages_without_text_count) from mart_icb_coverage").fetchone()[0]
    assert counted >= 1  # the one page without text is counted, not lost as a null


def test_a_manifest_written_with_the_former_time_column_builds_as_todays(tmp_path):
    """manifest.jsonl lines written before fetched_at became retrieved_at (the contract's
    ``formerly``) are history and are never rewritten: the build reads them under today's name, so
    the documents mart, and when each document was retrieved, are the same."""
    inputs = build_mini_inputs(tmp_path / "inputs")
    build_database(inputs, tmp_path / "today.duckdb")
    lines = inputs.manifest.read_text(encoding="utf-8").splitlines()
    assert lines and all('"retrieved_at"' in line for line in lines)
    inputs.manifest.write_text("".join(line.replace('"retrieved_at"', '"fetched_at"') + "\n"
                                       for line in lines), encoding="utf-8")
    build_database(inputs, tmp_path / "former.duckdb")
    query = "select * from mart_documents order by all"
    today = duckdb.connect(str(tmp_path / "today.duckdb"), read_only=True).execute(query).fetchall()
    former = duckdb.connect(str(tmp_path / "former.duckdb"), read_only=True).execute(query).fetchall()
    assert former == today
    retrieved = duckdb.connect(str(tmp_path / "former.duckdb"), read_only=True).execute(
        "select count(*), count(retrieved_at) from mart_documents").fetchone()
    assert retrieved == (len(lines), len(lines))  # every document keeps its time, none is null
