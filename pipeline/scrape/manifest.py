"""Kept only for ``pipeline/models/inputs.py`` and ``pipeline/models/build.py``, which import it
until they read through ``pipeline.contracts`` (issue 17); nothing in the scrape stage uses it.

The manifest's columns are the ``manifest`` contract's (``pipeline/contracts.toml``) and its journal
is ``pipeline.io``'s. Delete this module once those two imports are gone.
"""

from pipeline import contracts
from pipeline.io import read_rows

COLUMNS = contracts.columns("manifest")

__all__ = ["COLUMNS", "read_rows"]
