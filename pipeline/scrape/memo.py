"""Memos for the scrape's pure text rules, which see the same texts again and again in a run.

Every link on a page carries the page's heading and title among its clues, and every document is
described from them, so ``classify.body_in``, ``classify.type_of``, ``dates.meeting_date_in`` and
the like are asked about the same few texts many times over. A function wrapped by ``per_run``
remembers its answers (it must be pure: its answer depends only on its hashable arguments, and is
immutable), up to ``MAX_ENTRIES`` of them. ``clear()`` forgets them all; ``pipeline.scrape.run``
calls it when a run starts, so a run in a long-lived process is as fast as one in a new process
and never faster thanks to an earlier run.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

MAX_ENTRIES = 1 << 16  # per function: enough for one run over every ICB's site
_memos: list = []
Function = TypeVar("Function", bound=Callable)


def per_run(function: Function) -> Function:
    """``function`` with a memo of its answers that ``clear()`` empties."""
    memo = functools.lru_cache(maxsize=MAX_ENTRIES)(function)
    _memos.append(memo)
    return memo


def clear() -> None:
    """Forget every memo's answers (at the start of a run)."""
    for memo in _memos:
        memo.cache_clear()
