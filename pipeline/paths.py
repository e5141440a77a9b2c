"""Where things live on disk. Every stage asks here rather than building paths itself."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"
RAW_DIR = PROJECT_ROOT / "data" / "raw"
PROCESSED_DIR = PROJECT_ROOT / "data" / "processed"
REPORTS_DIR = PROJECT_ROOT / "reports"
CORRECTIONS_DIR = PROJECT_ROOT / "data" / "corrections"

DATASETS = ("demo", "live")


def default_dataset() -> str:
    """The dataset named by the SOURCE environment variable (``demo`` unless set)."""
    value = os.environ.get("SOURCE", "demo").strip().lower() or "demo"
    if value not in DATASETS:
        raise ValueError(f"SOURCE={value!r} is not a dataset; use one of {', '.join(DATASETS)}")
    return value


def raw_dir(dataset: str) -> Path:
    """Immutable collected documents and the scrape manifest for a dataset."""
    return RAW_DIR / _checked(dataset)


def processed_dir(dataset: str) -> Path:
    """Extracted pages, tags, the DuckDB database and exports for a dataset."""
    return PROCESSED_DIR / _checked(dataset)


def reports_dir(dataset: str) -> Path:
    """The static HTML report for a dataset."""
    return REPORTS_DIR / _checked(dataset)


def _checked(dataset: str) -> str:
    if dataset not in DATASETS:
        raise ValueError(f"unknown dataset {dataset!r}; use one of {', '.join(DATASETS)}")
    return dataset
