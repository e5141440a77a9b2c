"""pipeline/contracts.toml: every contract loads, validation names the file, row and column, and
docs/contracts.md is generated from it."""

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipeline import contract_docs, contracts, io
from pipeline.paths import PROJECT_ROOT

NAMES = list(contracts.load_contracts())


def test_every_contract_loads_with_typed_described_columns():
    loaded = contracts.load_contracts()
    assert set(NAMES) >= {"manifest", "scrape_runs", "revalidations", "page_cache", "pages",
                          "documents", "evidence", "signals", "corrections", "tagger_accuracy"}
    for contract in loaded.values():
        assert contract.columns and contract.readers and contract.writer
        assert all(column.type in contracts.TYPES and column.description for column in contract.columns)


def test_the_same_column_name_has_the_same_type_in_every_contract():
    kinds: dict[str, set] = {}
    for contract in contracts.load_contracts().values():
        for column in contract.columns:
            kinds.setdefault(column.name, set()).add(column.type)
    assert {name: kind for name, kind in kinds.items() if len(kind) > 1} == {}


@pytest.mark.parametrize("text, message", [
    ('[[contract]]\nname = "x"\n', "contract x: missing key(s)"),
    ('[[contract]]\nname = "x"\nfile = "f"\nformat = "xml"\nwriter = "w"\nreaders = []\n'
     'grain = "g"\ndescription = "d"\ncolumns = [{ name = "a", type = "string", description = "d" }]\n',
     "contract x: format 'xml'"),
    ('[[contract]]\nname = "x"\nfile = "f"\nformat = "csv"\nwriter = "w"\nreaders = []\n'
     'grain = "g"\ndescription = "d"\ncolumns = [{ name = "a", type = "str", description = "d" }]\n',
     "contract x column a: type 'str'"),
    ('[[contract]]\nname = "x"\nfile = "f"\nformat = "csv"\nwriter = "w"\nreaders = []\n'
     'grain = "g"\ndescription = "d"\ncolumns = [{ name = "a", type = "integer", description = "d", '
     'example = "one" }]\n', "contract x column a: example or value 'one'"),
    ('[[contract]]\nname = "x"\nfile = "f"\nformat = "jsonl"\nwriter = "w"\nreaders = []\n'
     'grain = "g"\ndescription = "d"\ncolumns = [{ name = "a", type = "string", description = "d", '
     'since = "2026-12-02" }]\n', "contract x column a: a column added later (since) must be nullable"),
    ("not toml [", "bad.toml"),
])
def test_a_malformed_contracts_file_names_the_file_and_the_contract(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ValueError, match="bad.toml") as raised:
        contracts.load_contracts(path)
    assert message in str(raised.value) and "\n" not in str(raised.value)


@pytest.mark.parametrize("name", NAMES)
def test_fixture_rows_are_valid_and_frames_have_the_contract_columns(name):
    rows = contracts.fixture_rows(name, count=3)
    assert len(rows) == 3 and list(rows[0]) == contracts.columns(name)
    for number, row in enumerate(rows):
        assert contracts.validate_row(row, name, f"row {number}") == row
    assert list(contracts.empty_frame(name).columns) == contracts.columns(name)
    if contracts.contract(name).format != "csv":
        contracts.validate_frame(contracts.frame(rows, name), name, "fixture")
        contracts.validate_frame(contracts.empty_frame(name), name, "empty")


def one_line_error(call, *args, **kwargs) -> str:
    with pytest.raises(ValueError) as raised:
        call(*args, **kwargs)
    message = str(raised.value)
    assert "\n" not in message
    return message


def test_a_row_missing_a_column_is_named():
    row = contracts.fixture_rows("manifest")[0]
    del row["run_id"]
    message = one_line_error(contracts.validate_row, row, "manifest", "data/raw/demo/manifest.jsonl:7")
    assert message.startswith("data/raw/demo/manifest.jsonl:7: column 'run_id'")
    assert "missing" in message


def test_an_extra_column_fails_loudly_naming_file_and_column():
    row = {**contracts.fixture_rows("manifest")[0], "crawl_depth": 2}
    message = one_line_error(contracts.validate_row, row, "manifest", "data/raw/live/manifest.jsonl:3")
    assert message.startswith("data/raw/live/manifest.jsonl:3: column 'crawl_depth' is not in the "
                              "manifest contract")


@pytest.mark.parametrize("column, value, problem", [
    ("is_board", "yes", "not a boolean"),
    ("http_status", "200", "not an integer"),
    ("http_status", True, "not an integer"),
    ("meeting_date", "1 March 2024", "not an ISO date"),
    ("meeting_date", "2024-02-30", "not an ISO date"),
    ("retrieved_at", "2026-11-01 09:00", "not an ISO UTC time"),
    ("document_type", "leaflet", "not one of agenda"),
    ("dataset", "test", "not one of demo, live"),
    ("run_id", None, "is empty"),
])
def test_a_wrong_type_or_value_names_the_row_and_column(column, value, problem):
    row = {**contracts.fixture_rows("manifest")[0], column: value}
    message = one_line_error(contracts.validate_row, row, "manifest", "manifest.jsonl:2")
    assert message.startswith(f"manifest.jsonl:2: {column}") and problem in message


def test_a_frame_with_a_missing_extra_or_mistyped_column_names_the_file_row_and_column():
    good = contracts.frame(contracts.fixture_rows("evidence", count=3), "evidence")
    where = "data/processed/demo/tag/evidence.parquet"
    message = one_line_error(contracts.validate_frame, good.drop(columns=["quote"]), "evidence", where)
    assert message.startswith(f"{where}: column 'quote' of the evidence contract is missing")
    message = one_line_error(contracts.validate_frame, good.assign(score=1), "evidence", where)
    assert message.startswith(f"{where}: column 'score' is not in the evidence contract")
    bad = good.copy()
    bad["page_number"] = pd.Series([1, "2", 3], dtype=object)
    message = one_line_error(contracts.validate_frame, bad, "evidence", where)
    assert message.startswith(f"{where}: row 1: page_number '2' is not an integer")
    fractional = good.assign(start_char=[0.0, 1.5, 2.0])
    assert "row 1: start_char 1.5 is not an integer" in one_line_error(
        contracts.validate_frame, fractional, "evidence", where)
    missing = good.assign(quote=["a", None, "c"])
    assert "row 1: quote is empty" in one_line_error(contracts.validate_frame, missing, "evidence", where)
    whole = good.assign(start_char=[0.0, 1.0, 2.0])  # pandas makes floats of integers with a gap
    contracts.validate_frame(whole, "evidence", where)


def test_nullable_integers_with_gaps_pass_and_enumerations_are_checked_in_frames():
    rows = contracts.fixture_rows("documents", count=2, seconds=lambda n: None if n else 1.0)
    contracts.validate_frame(contracts.frame(rows, "documents"), "documents", "documents.parquet")
    bad = contracts.frame(contracts.fixture_rows("documents", count=2), "documents")
    bad.loc[1, "status"] = "fine"
    assert "row 1: status 'fine' is not one of ok, partial" in one_line_error(
        contracts.validate_frame, bad, "documents", "documents.parquet")


def test_frame_refuses_a_row_with_a_column_outside_the_contract_or_without_one():
    rows = [{**contracts.fixture_rows("pages")[0], "confidence": 1.0}]
    assert "column 'confidence' is not in the pages contract" in one_line_error(
        contracts.frame, rows, "pages")
    rows = contracts.fixture_rows("manifest", count=2)
    del rows[1]["etag"]  # nullable, but a writer must still write it
    assert one_line_error(contracts.frame, rows, "manifest").startswith(
        "manifest row 1: column 'etag' of the manifest contract is missing")


def test_a_missing_or_unreadable_parquet_file_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="evidence.parquet not found"):
        contracts.validate_parquet(tmp_path / "evidence.parquet", "evidence")
    (tmp_path / "evidence.parquet").write_bytes(b"PAR1 torn")
    assert one_line_error(contracts.validate_parquet, tmp_path / "evidence.parquet",
                          "evidence").startswith(f"{tmp_path / 'evidence.parquet'}: not a readable "
                                                 "Parquet file")


def test_a_csv_that_is_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "live.csv"
    header = ",".join(contracts.columns("corrections")).encode()
    path.write_bytes(header + b"\n" + b"2026-001,QE1,add_evidence," + b"0" * 64 +
                     b",1,patient_story,caf\xe9,r,s,2026-01-01\n")
    assert one_line_error(contracts.read_csv, path, "corrections") == (
        f"{path}:2: not UTF-8 (byte 0xe9); save the file as UTF-8")


def test_parquet_written_through_the_contract_is_typed_and_checked_without_loading(tmp_path):
    path = tmp_path / "documents.parquet"
    rows = contracts.fixture_rows("documents", count=3, error=None, seconds=None)
    contracts.write_parquet(contracts.frame(rows, "documents"), "documents", path)
    contracts.validate_parquet(path, "documents")
    assert contracts.validate_file(path, "documents") == 3
    with pytest.raises(ValueError, match="status 'fine'"):
        contracts.write_parquet(contracts.frame(rows, "documents").assign(status="fine"),
                                "documents", path)
    io.write_parquet(contracts.frame(rows, "documents").assign(status="fine"), path)
    assert f"{path}: status has 3 value(s) not in ok" in one_line_error(
        contracts.validate_parquet, path, "documents")
    io.write_parquet(contracts.frame(rows, "documents").assign(page_count="1"), path)
    assert f"{path}: page_count is stored as VARCHAR" in one_line_error(
        contracts.validate_parquet, path, "documents")
    io.write_parquet(contracts.frame(rows, "documents").drop(columns=["seconds"]), path)
    assert f"{path}: column 'seconds' of the documents contract is missing" in one_line_error(
        contracts.validate_parquet, path, "documents")


def test_a_reader_accepts_an_older_parquet_file_and_still_checks_it(tmp_path):
    """Reading, a column under its former name and a column added later that the file lacks are
    accepted (as for journals); a wrong type or value is not; a writer gets no such leniency."""
    path = tmp_path / "documents.parquet"
    rows = contracts.fixture_rows("documents", count=2, error=None, seconds=None)
    types = contracts.duckdb_types("documents")
    old = contracts.frame(rows, "documents").rename(
        columns={"pages_without_text_count": "needs_ocr_count"}).drop(
        columns=["title_block_meeting_date", "title_block_committee_name"])
    types["needs_ocr_count"] = types.pop("pages_without_text_count")
    io.write_parquet(old, path, column_types=types)
    contracts.validate_parquet(path, "documents", reading=True)
    assert "'needs_ocr_count' is not in the documents contract" in one_line_error(
        contracts.validate_parquet, path, "documents")
    io.write_parquet(old.assign(needs_ocr_count="none"), path)
    assert f"{path}: pages_without_text_count is stored as VARCHAR" in one_line_error(
        contracts.validate_parquet, path, "documents", reading=True)


def test_a_journal_is_checked_line_by_line_on_read(tmp_path):
    path = tmp_path / "scrape_runs.jsonl"
    rows = contracts.fixture_rows("scrape_runs", count=2)
    rows[1]["new_count"] = "3"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    assert one_line_error(contracts.validate_file, path, "scrape_runs").startswith(
        f"{path}:2: new_count '3' is not an integer")


def test_a_csv_contract_reads_text_cells_and_names_the_line(tmp_path):
    path = tmp_path / "demo.csv"
    header = ",".join(contracts.columns("corrections"))
    good = ",".join(contracts.fixture_rows("corrections")[0].values())
    path.write_text(f"{header}\n{good}\n", encoding="utf-8")
    assert contracts.read_csv(path, "corrections")[0]["page_number"] == "1"
    path.write_text(f"{header}\n{good}\n{good.replace(',1,', ',one,')}\n", encoding="utf-8")
    assert one_line_error(contracts.read_csv, path, "corrections").startswith(
        f"{path}:3: page_number 'one' is not an integer")
    path.write_text(header.replace(",reason", "") + "\n", encoding="utf-8")
    assert one_line_error(contracts.read_csv, path, "corrections").startswith(
        f"{path}:1: column 'reason' of the corrections contract is missing")


def test_the_bundled_csv_inputs_meet_their_contracts():
    for dataset in ("demo", "live"):
        contracts.read_csv(PROJECT_ROOT / "data" / "corrections" / f"{dataset}.csv", "corrections")
    accuracy = PROJECT_ROOT / "data" / "evaluation" / "tagger_accuracy.csv"
    assert len(contracts.read_csv(accuracy, "tagger_accuracy")) > 0


def test_the_signal_definitions_meet_their_contract():
    from pipeline.signals import load_signals

    frame = pd.DataFrame([{"id": s.signal_id, "dimension": s.dimension, "label": s.label,
                           "definition": s.definition, "counts_as_formal": s.counts_as_formal}
                          for s in load_signals().signals])
    contracts.validate_frame(frame, "signals", "pipeline/signals.toml")


def test_reading_accepts_former_names_and_columns_added_later_writing_does_not(tmp_path, monkeypatch):
    text = contracts.CONTRACTS_PATH.read_text(encoding="utf-8").replace(
        '{ name = "confirmed_at", type = "datetime",',
        '{ name = "confirmed_at", type = "datetime", formerly = ["checked_at"],').replace(
        '{ name = "run_id", type = "string", example = "run-1", description = "The scrape run" },',
        '{ name = "run_id", type = "string", example = "run-1", description = "The scrape run" },\n'
        '  { name = "etag", type = "string", nullable = true, since = "2026-12-02", '
        'description = "ETag" },')
    path = tmp_path / "contracts.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(contracts, "_default_contracts", lambda: contracts.load_contracts(path))
    old = {"requested_url": "https://x.nhs.uk/a.pdf", "checked_at": "2026-11-01T09:00:00Z",
           "http_status": 304, "run_id": "r"}
    assert contracts.validate_row(old, "revalidations", "old:1", reading=True) == {
        "requested_url": "https://x.nhs.uk/a.pdf", "confirmed_at": "2026-11-01T09:00:00Z",
        "http_status": 304, "run_id": "r", "etag": None}
    assert "column 'checked_at' is not in the revalidations contract" in one_line_error(
        contracts.validate_row, old, "revalidations", "new:1")
    assert "| `confirmed_at` | datetime |" in contracts.markdown_table("revalidations")
    assert "(formerly `checked_at`)" in contracts.markdown_table("revalidations")
    assert "(since 2026-12-02; older rows read as null)" in contracts.markdown_table("revalidations")


def test_markdown_table_lists_every_column_with_type_and_writer():
    table = contracts.markdown_table("documents").splitlines()
    assert table[0] == "| column | type | meaning | written by |"
    assert [line.split("|")[1].strip(" `") for line in table[2:]] == contracts.columns("documents")
    assert "| `seconds` | number, nullable |" in "\n".join(table)


def test_docs_contracts_page_matches_the_contracts():
    page = (PROJECT_ROOT / "docs" / "contracts.md").read_text(encoding="utf-8")
    assert page == contract_docs.render_contracts_page(), \
        "docs/contracts.md is out of date: run `python -m pipeline.contract_docs`"
    assert contract_docs.stale_blocks(page) == []
    assert [name for name in NAMES if f"<!-- contract:{name} -->" not in page] == []
    for document in contract_docs.DOCUMENTS:
        assert contract_docs.stale_blocks(document.read_text(encoding="utf-8")) == [], \
            f"{document} is out of date: run `python -m pipeline.contract_docs`"


def test_the_architecture_page_shows_every_scrape_and_extract_handoff_from_the_contracts():
    page = (PROJECT_ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for name in ("manifest", "scrape_runs", "revalidations", "page_cache", "pages", "documents"):
        assert f"<!-- contract:{name} -->\n{contract_docs.block(name)}<!-- /contract -->" in page


def test_regenerate_rewrites_only_the_marked_blocks_and_check_reports_staleness(tmp_path):
    text = ("# Architecture\nkept\n<!-- contract:evidence -->\nold table\n<!-- /contract -->\n"
            "also kept\n")
    assert contract_docs.stale_blocks(text) == ["evidence"]
    fresh = contract_docs.regenerate(text)
    assert fresh.startswith("# Architecture\nkept\n<!-- contract:evidence -->\n")
    assert fresh.endswith("<!-- /contract -->\nalso kept\n")
    assert contracts.markdown_table("evidence") in fresh and contract_docs.stale_blocks(fresh) == []
    document = tmp_path / "architecture.md"
    document.write_text(text, encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "pipeline.contract_docs", "--check", str(document)],
                           capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=60)
    assert check.returncode == 1 and f"{document}: out of date" in check.stderr
    assert document.read_text(encoding="utf-8") == text


def test_fixture_rows_reject_an_override_outside_the_contract():
    with pytest.raises(KeyError, match="no column 'score'"):
        contracts.fixture_rows("evidence", score=1)


def test_unknown_contract_names_the_contracts_file():
    with pytest.raises(KeyError, match="contracts.toml has no contract 'pagez'"):
        contracts.columns("pagez")


def test_a_journal_checked_by_its_contract_refuses_a_bad_row(tmp_path):
    path = tmp_path / "revalidations.jsonl"
    row = contracts.fixture_rows("revalidations")[0]
    with io.Journal(path, check=lambda r: contracts.validate_row(r, "revalidations", str(path))) as j:
        j.append(row)
        with pytest.raises(ValueError, match="column 'extra' is not in"):
            j.append({**row, "extra": 1})
    assert io.read_rows(path) == [row]
    assert Path(path).read_text().count("\n") == 1


def test_read_journal_names_the_line_and_the_command_line_checks_a_dataset(tmp_path, monkeypatch):
    path = tmp_path / "revalidations.jsonl"
    rows = contracts.fixture_rows("revalidations", count=2)
    path.write_text("".join(json.dumps(row) + "\n" for row in [rows[0], {**rows[1], "extra": 1}]))
    assert one_line_error(contracts.read_journal, path, "revalidations").startswith(
        f"{path}:2: column 'extra' is not in the revalidations contract")
    monkeypatch.setattr(contracts, "dataset_files", lambda dataset: {"revalidations": path})
    assert contracts.main(["demo"]) == 2
    path.write_text(json.dumps(rows[0]) + "\n")
    assert contracts.main(["demo"]) == 0 and contracts.read_journal(path, "revalidations") == rows[:1]


def test_sql_select_makes_every_contract_column_typed_or_names_the_gap(tmp_path):
    expressions = {column: "null" for column in contracts.columns("evidence")}
    expressions.update(sha256="repeat('0', 64)", page_number="1", signal_id="'board_representation'",
                       rule_id="'r'", start_char="0", end_char="4", quote="'text'",
                       confidence="0.5", tagger_version="'t'")
    path = tmp_path / "evidence.parquet"
    select = contracts.sql_select("evidence", expressions)
    duckdb.sql(f"copy (select {select} from range(3)) to '{path}' (format parquet)")
    contracts.validate_parquet(path, "evidence")
    del expressions["quote"]
    assert "no expression for column(s) quote" in one_line_error(contracts.sql_select, "evidence",
                                                                 expressions)
    assert "column 'score' is not in the evidence contract" in one_line_error(
        contracts.sql_select, "evidence", {**expressions, "quote": "'q'", "score": "1"})


def test_the_contract_files_are_where_the_build_reads_them():
    from pipeline.models.inputs import BuildInputs

    for dataset in ("demo", "live"):
        files, inputs = contracts.dataset_files(dataset), BuildInputs.for_dataset(dataset)
        for name in ("manifest", "scrape_runs", "pages", "documents", "evidence", "corrections"):
            assert files[name] == getattr(inputs, name), (dataset, name)
        assert files["revalidations"].parent == files["page_cache"].parent == inputs.manifest.parent
    assert PROJECT_ROOT / contracts.contract("signals").file == BuildInputs.signals


def test_former_names_maps_a_columns_earlier_name_only_when_todays_is_absent():
    assert contracts.former_names("documents", ["sha256", "needs_ocr_count"]) == {
        "needs_ocr_count": "pages_without_text_count"}
    assert contracts.former_names("documents", ["needs_ocr_count", "pages_without_text_count"]) == {}
    assert contracts.former_names("documents", contracts.columns("documents")) == {}
