"""What every stage command does at its end: a timing line, or one line for an OSError."""

import errno

import pytest

from pipeline import cli
from pipeline.commands import export, registry


def test_a_stage_ends_with_its_timing(monkeypatch, capsys):
    monkeypatch.setattr(export, "run", lambda args: 0)
    assert cli.main(["export"]) == 0
    assert capsys.readouterr().err.strip().startswith("export: done in ")


def test_an_os_error_on_a_data_path_is_one_line(monkeypatch, capsys):
    def denied(args):
        raise PermissionError(errno.EACCES, "Permission denied", "/data/processed/demo/csv")

    monkeypatch.setattr(export, "run", denied)
    assert cli.main(["export"]) == 2
    assert capsys.readouterr().err.strip() == (
        "python -m pipeline export: error: /data/processed/demo/csv: Permission denied")


def test_an_os_error_that_names_nothing_in_the_environment_is_not_hidden(monkeypatch):
    def broken(args):
        raise OSError(errno.EBADF, "Bad file descriptor")

    monkeypatch.setattr(export, "run", broken)
    with pytest.raises(OSError):
        cli.main(["export"])
    monkeypatch.setattr(registry, "run", lambda args: (_ for _ in ()).throw(
        PermissionError(errno.EACCES, "Permission denied", "x")))
    with pytest.raises(PermissionError):
        cli.main(["registry"])


def test_a_database_file_that_cannot_be_written_is_one_line(monkeypatch, capsys, tmp_path):
    import duckdb

    blocker = tmp_path / "processed"
    blocker.write_text("a file where a folder should be")

    def write(args):
        duckdb.sql(f"copy (select 1) to '{blocker / 'x.parquet'}' (format parquet)")

    monkeypatch.setattr(export, "run", write)
    assert cli.main(["export"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and str(blocker / "x.parquet") in err


def test_sigterm_in_a_stage_is_exit_143_in_one_line(monkeypatch, capsys):
    from pipeline.errors import Terminated

    def terminated(args):
        raise Terminated

    monkeypatch.setattr(export, "run", terminated)
    assert cli.main(["export"]) == 143
    assert capsys.readouterr().err.strip() == (
        "python -m pipeline export: terminated; what was already recorded is kept")
