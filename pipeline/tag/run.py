"""Tag every extracted page of a dataset and write ``tag/evidence.parquet``.

Running headers and footers (lines repeated across a document's pages) are blanked before tagging,
so that a committee name in every page's header is not evidence on every page. The scrape
manifest (read as a data file) gives each document's committee, which tells the roster reader
whose seat an unheaded roster lists. Skipped when neither the pages, the manifest nor the signal
definitions changed since the last run. Pages are read, and evidence written, through their
contracts (``pipeline/contracts.toml``).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
from collections import Counter
from pathlib import Path

import duckdb
import pandas as pd

from pipeline import contracts
from pipeline.io import write_text
from pipeline.signals import SIGNALS_PATH, load_signals
from pipeline.tag.matcher import Matcher
from pipeline.tag.model import load as load_model

EVIDENCE_COLUMNS = contracts.columns("evidence")


_NO_DIGITS = str.maketrans("", "", "0123456789")
MAX_HEADER_LINE = 200
EDGE_LINES = 4  # running headers and footers are among a page's first and last lines


def _line_key(line: str) -> str:
    """A line as compared across pages: trimmed, lower case, digits dropped ("Page 3 of 9")."""
    key = line.strip().translate(_NO_DIGITS).lower()
    return key if 4 <= len(key) <= MAX_HEADER_LINE else ""


def _edges(lines: list[str]) -> range | list[int]:
    count = len(lines)
    if count <= 2 * EDGE_LINES:
        return range(count)
    return [*range(EDGE_LINES), *range(count - EDGE_LINES, count)]


def mask_repeated_lines(texts: list[str]) -> list[str]:
    """A document's pages with running headers and footers blanked by spaces (offsets unchanged).

    A running header or footer is a line among a page's first or last four that is on at least
    two pages and at least half of them (digits ignored, so "Page 3 of 9" repeats).
    """
    if len(texts) < 2:
        return list(texts)
    pages = [text.split("\n") for text in texts]
    edge_keys = [[(i, _line_key(lines[i])) for i in _edges(lines)] for lines in pages]
    counts = Counter(key for keys in edge_keys for key in {key for _, key in keys})
    counts.pop("", None)
    threshold = max(2, math.ceil(len(texts) / 2))
    repeated = {key for key, count in counts.items() if count >= threshold}
    if not repeated:
        return list(texts)
    masked = []
    for text, lines, keys in zip(texts, pages, edge_keys, strict=True):
        hits = [i for i, key in keys if key in repeated]
        for i in hits:
            lines[i] = " " * len(lines[i])
        masked.append("\n".join(lines) if hits else text)
    return masked


def read_committees(manifest_path: Path | None) -> dict[str, tuple[str | None, bool | None]]:
    """sha256 -> (committee_name, is_board) from the scrape manifest's latest row per document
    (rows checked against the manifest contract; an error names the file and line)."""
    if manifest_path is None or not Path(manifest_path).exists():
        return {}
    return {row["sha256"]: (row["committee_name"] or None, row["is_board"])
            for row in contracts.read_journal(Path(manifest_path), "manifest") if row["sha256"]}


def _stamp(pages_path: Path, manifest_path: Path | None, matcher: Matcher) -> str:
    parts = [matcher.version]
    for path in (pages_path, manifest_path):
        if path is not None and Path(path).exists():
            stat = Path(path).stat()
            parts.append(f"{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256(":".join(parts).encode()).hexdigest()


def tag_dataset(extract_dir: Path, out: Path, signals_path: Path = SIGNALS_PATH,
                manifest_path: Path | None = None, use_model: bool = True) -> dict:
    """Tag ``pages.parquet``; return counts (and whether the run was skipped as up to date).

    ``manifest_path`` is the scrape manifest, for each document's committee (optional);
    ``use_model`` adds the model's second opinion to the rules (``pipeline.tag.model``).
    """
    pages_path = extract_dir / "pages.parquet"
    if not pages_path.exists():
        raise FileNotFoundError(f"{pages_path} not found: run `python -m pipeline extract` first")
    matcher = Matcher(load_signals(signals_path), load_model() if use_model else None)
    out.mkdir(parents=True, exist_ok=True)
    stamp_path, evidence_path = out / "STAMP.json", out / "evidence.parquet"
    stamp = _stamp(pages_path, manifest_path, matcher)
    if evidence_path.exists() and stamp_path.exists():
        if json.loads(stamp_path.read_text()).get("stamp") == stamp:
            count = duckdb.sql(f"select count(*) from '{evidence_path}'").fetchall()[0][0]
            return {"evidence": count, "skipped": True}
    contracts.validate_parquet(pages_path, "pages")
    rows = []
    committees = read_committees(manifest_path)
    pages = duckdb.sql(f"select sha256, page_number, text from '{pages_path}' "
                       "order by sha256, page_number").fetchall()
    for sha256, document in itertools.groupby(pages, key=lambda page: page[0]):
        document = list(document)
        committee_name, is_board = committees.get(sha256, (None, None))
        texts = mask_repeated_lines([text or "" for _, _, text in document])
        for (_, page_number, _), text in zip(document, texts, strict=True):
            for evidence in matcher.find(text, committee_name=committee_name, is_board=is_board):
                rows.append((sha256, page_number, evidence.signal_id, evidence.rule_id,
                             evidence.start, evidence.end, evidence.quote, evidence.confidence,
                             matcher.version))
    contracts.write_parquet(pd.DataFrame(rows, columns=EVIDENCE_COLUMNS), "evidence", evidence_path)
    write_text(stamp_path, json.dumps({"stamp": stamp, "tagger_version": matcher.version}))
    return {"evidence": len(rows), "pages": len(pages), "skipped": False}


def tag_jsonl(lines, matcher: Matcher, write, warn) -> int:
    """Tag JSON lines {"id", "text"} (optionally "committee_name", the document's body, for the
    roster reader); write one JSON line each; return how many lines were bad."""
    bad = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise ValueError('expected an object with a string "text"')
        except ValueError as error:
            bad += 1
            warn(f"line {number}: {error}")
            continue
        committee = item.get("committee_name")
        found = matcher.find(item["text"], committee_name=committee if isinstance(committee, str) else None)
        write(json.dumps({
            "id": item.get("id"),
            "signals": sorted({e.signal_id for e in found}),
            "evidence": [{"signal": e.signal_id, "quote": e.quote, "start": e.start, "end": e.end,
                          "rule": e.rule_id} for e in found],
        }, ensure_ascii=False))
    return bad
