"""Fault-testing fixtures: stage commands run in-process against data folders under tmp_path."""

import pytest

from pipeline import paths


@pytest.fixture
def data_dirs(tmp_path, monkeypatch):
    """Point data/raw and data/processed at tmp_path for commands run through ``cli.main``."""
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    monkeypatch.setattr(paths, "RAW_DIR", raw)
    monkeypatch.setattr(paths, "PROCESSED_DIR", processed)
    return raw, processed
