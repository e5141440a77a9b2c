"""Bad input gives one line naming the option or path, exit 2, no traceback."""

import errno
import json
import os

import pytest

from pipeline.cli import main
from pipeline.io import Journal


def one_line_error(capsys, args, needle):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert needle in err, err
    assert len(err.strip().splitlines()) == 1, err
    return err


@pytest.mark.parametrize(("args", "needle"), [
    (["scrape", "--icb", "QWO", "--start-url", "http://[::1"], "--start-url"),
    (["scrape", "--start-url", "http://[::1"], "'http://[::1'"),
    (["scrape", "--start-url", "https://"], "--start-url"),
    (["scrape", "--since", "2025-04-01", "--until", "2025-03-01"], "--until 2025-03-01 is before"),
    (["scrape", "--delay", "-5"], "--delay"),
    (["scrape", "--delay", "nan"], "--delay"),
    (["scrape", "--delay", "inf"], "--delay"),
    (["extract", "--memory-mb", "-5"], "--memory-mb"),
    (["extract", "--memory-mb", "0"], "--memory-mb"),
    (["extract", "--timeout", "0"], "--timeout"),
    (["extract", "--workers", "0"], "--workers"),
])
def test_bad_options_name_the_option(data_dirs, capsys, args, needle):
    raw, _ = data_dirs
    (raw / "demo").mkdir(parents=True)
    (raw / "demo" / "manifest.jsonl").write_text("")
    one_line_error(capsys, args, needle)
    assert sorted(os.listdir(raw / "demo")) == ["manifest.jsonl"]


def test_a_data_folder_that_is_a_file_is_named(data_dirs, capsys):
    raw, processed = data_dirs
    raw.mkdir()
    (raw / "demo").write_text("not a folder")
    one_line_error(capsys, ["scrape", "--icb", "QWO"], str(raw / "demo"))
    (raw / "demo").unlink()
    (raw / "demo").mkdir()
    (raw / "demo" / "manifest.jsonl").write_text("")
    processed.mkdir()
    (processed / "demo").write_text("not a folder")
    one_line_error(capsys, ["extract"], str(processed / "demo"))


def test_permission_denied_names_the_path(data_dirs, capsys, monkeypatch):
    raw, _ = data_dirs
    journal = raw / "demo" / "manifest.jsonl"

    def denied(self, path, check=None):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(Journal, "__init__", denied)
    err = one_line_error(capsys, ["scrape", "--icb", "QWO"], str(journal))
    assert "Permission denied" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root is never denied by permission bits")
def test_an_unwritable_data_folder_is_named(data_dirs, capsys):
    raw, _ = data_dirs
    (raw / "demo").mkdir(parents=True)
    (raw / "demo").chmod(0o500)
    try:
        one_line_error(capsys, ["scrape", "--icb", "QWO"], str(raw / "demo"))
    finally:
        (raw / "demo").chmod(0o700)


@pytest.mark.parametrize("command", [["scrape", "--dataset", "live", "--icb", "QWO"],
                                     ["extract", "--dataset", "live"]])
def test_a_manifest_row_that_breaks_its_contract_is_named_and_nothing_is_written(
        data_dirs, capsys, command):
    from pipeline import contracts

    raw, _ = data_dirs
    (raw / "live").mkdir(parents=True)
    good = contracts.fixture_rows("manifest", sha256=None)[0]
    manifest = raw / "live" / "manifest.jsonl"
    text = json.dumps(good) + "\n" + json.dumps({**good, "http_status": "200"}) + "\n"
    manifest.write_text(text)
    err = one_line_error(capsys, command, f"{manifest}:2: http_status '200' is not an integer")
    assert "manifest contract" in err
    assert manifest.read_text() == text and os.listdir(raw / "live") == ["manifest.jsonl"]
