"""Tag every extracted page of a dataset and write ``tag/evidence.parquet``.

Skipped when neither the pages nor the signal definitions changed since the last run.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.extract.run import write_parquet
from pipeline.tag.matcher import Matcher
from pipeline.tag.signals import SIGNALS_PATH, load_signals

EVIDENCE_COLUMNS = ["sha256", "page_number", "signal_id", "rule_id", "start_char", "end_char",
                    "quote", "confidence", "tagger_version"]


def _stamp(pages_path: Path, matcher: Matcher) -> str:
    stat = pages_path.stat()
    return hashlib.sha256(f"{stat.st_size}:{stat.st_mtime_ns}:{matcher.version}".encode()).hexdigest()


def tag_dataset(extract_dir: Path, out: Path, signals_path: Path = SIGNALS_PATH) -> dict:
    """Tag ``pages.parquet``; return counts (and whether the run was skipped as up to date)."""
    pages_path = extract_dir / "pages.parquet"
    if not pages_path.exists():
        raise FileNotFoundError(f"{pages_path} not found: run `python -m pipeline extract` first")
    matcher = Matcher(load_signals(signals_path))
    out.mkdir(parents=True, exist_ok=True)
    stamp_path, evidence_path = out / "STAMP.json", out / "evidence.parquet"
    stamp = _stamp(pages_path, matcher)
    if evidence_path.exists() and stamp_path.exists():
        if json.loads(stamp_path.read_text()).get("stamp") == stamp:
            count = duckdb.sql(f"select count(*) from '{evidence_path}'").fetchall()[0][0]
            return {"evidence": count, "skipped": True}
    rows = []
    pages = duckdb.sql(f"select sha256, page_number, text from '{pages_path}' "
                       "order by sha256, page_number").fetchall()
    for sha256, page_number, text in pages:
        for evidence in matcher.find(text or ""):
            rows.append((sha256, page_number, evidence.signal_id, evidence.rule_id, evidence.start,
                         evidence.end, evidence.quote, evidence.confidence, matcher.version))
    write_parquet(pd.DataFrame(rows, columns=EVIDENCE_COLUMNS), evidence_path)
    stamp_path.write_text(json.dumps({"stamp": stamp, "tagger_version": matcher.version}))
    return {"evidence": len(rows), "pages": len(pages), "skipped": False}


def tag_jsonl(lines, matcher: Matcher, write, warn) -> int:
    """Tag JSON lines {"id", "text"}; write one JSON line each; return how many lines were bad."""
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
        found = matcher.find(item["text"])
        write(json.dumps({
            "id": item.get("id"),
            "signals": sorted({e.signal_id for e in found}),
            "evidence": [{"signal": e.signal_id, "quote": e.quote, "start": e.start, "end": e.end,
                          "rule": e.rule_id} for e in found],
        }, ensure_ascii=False))
    return bad
