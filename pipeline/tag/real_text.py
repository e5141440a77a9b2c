"""The real-text checks: the tagger scored on excerpts copied word for word from public pages.

Each check is ``data/evaluation/real_text_check_*.csv`` (columns: data/evaluation/README.md): one
row per excerpt with its page, its length and a digest of its text, two labellings, and the
signals the tagger finds in the text alone (as ``tag --jsonl`` reads an excerpt): before the
change the check was made for (``tagged_before``) and by the tagger named in
``tagged_after_version`` (``tagged_after``). The texts are other people's words, so they are not
in the repository; whoever holds them, as JSON lines ``{"excerpt_id", "text"}``, re-records
``tagged_after`` with ``tag --record-check CHECK --texts FILE``, and the digests make sure the
texts are the check's own. The version is kept per excerpt: an excerpt whose text cannot be
found again keeps the tagger that recorded it (``--allow-missing``), and only the excerpts that
the tagger in use recorded are pooled. Whoever has lost the texts finds them again with
``tag --find-excerpts``: given page texts as JSON lines ``{"url", "text"}`` (a page as the corpus
it was copied from stores it, or a search result's excerpt of it), it keeps each excerpt of a
page's check rows that is a substring of its text with the row's length and digest.

Counting, here and on the method page: a signal both labellings give is expected; a tag neither
gives is false; a signal only one gives is left out (the labellers disagree on it).
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from pipeline.io import replacing
from pipeline.tag.evaluate import EVALUATION_DIR, Score
from pipeline.tag.matcher import Matcher

COLUMNS = ("excerpt_id", "source_url", "body_kind", "document_kind", "half", "character_count",
           "text_sha256", "labels_a", "labels_b", "tagged_before", "tagged_after",
           "tagged_after_version")
SIGNAL_COLUMNS = ("labels_a", "labels_b", "tagged_before", "tagged_after")


@dataclass(frozen=True)
class Check:
    path: Path
    rows: list[dict[str, str]]

    @property
    def versions(self) -> set[str]:
        """The taggers whose signals ``tagged_after`` records."""
        return {row["tagged_after_version"] for row in self.rows}


def check_paths(directory: Path = EVALUATION_DIR) -> list[Path]:
    """Every real-text check, oldest first (their names end in the day they were made)."""
    return sorted(Path(directory).glob("real_text_check_*.csv"))


def signal_set(value: str) -> set[str]:
    """The signals of a ``;``-separated cell."""
    return set(filter(None, value.split(";")))


def read_check(path: Path, signal_ids: set[str]) -> Check:
    """A check's rows; an error names the file and line of what does not fit."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ValueError(f"{path}: expected the columns {', '.join(COLUMNS)}")
        rows = list(reader)
    for line, row in enumerate(rows, start=2):
        for column in SIGNAL_COLUMNS:
            unknown = sorted(signal_set(row[column]) - signal_ids)
            if unknown:
                raise ValueError(f"{path}:{line}: {column} has unknown signal "
                                 f"{', '.join(unknown)} (not in signals.toml)")
    return Check(Path(path), rows)


def _json_lines(path: Path, key: str) -> list[tuple[str, str]]:
    """(``key``, "text") of each JSON line of ``path``; an error names the file and line."""
    pairs = []
    with Path(path).open(encoding="utf-8") as handle:
        for line, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            try:
                item = json.loads(text)
                if not isinstance(item, dict) or not isinstance(item.get(key), str) \
                        or not isinstance(item.get("text"), str):
                    raise ValueError(f'expected an object with string "{key}" and "text"')
            except ValueError as error:
                raise ValueError(f"{path}:{line}: {error}") from None
            pairs.append((item[key], item["text"]))
    return pairs


def _texts(path: Path) -> dict[str, str]:
    return dict(_json_lines(path, "excerpt_id"))


def _normal_url(url: str) -> str:
    """A page's address without its scheme, ``www.``, case or trailing slash."""
    url = url.strip().lower().removeprefix("http://").removeprefix("https://")
    return url.removeprefix("www.").rstrip("/")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _substring(text: str, length: int, digest: str) -> str | None:
    """The substring of ``text`` with ``length`` characters and ``digest``, if there is one."""
    for start in range(len(text) - length + 1):
        if _digest(text[start:start + length]) == digest:
            return text[start:start + length]
    return None


def find_excerpts(checks: list[Check], pages_path: Path, texts_path: Path) -> tuple[int, int]:
    """Add to ``texts_path`` (JSON lines ``{"excerpt_id", "text"}``; created if missing,
    rewritten atomically) the texts of the excerpts of ``checks`` that it lacks and that the pages
    in ``pages_path`` (JSON lines ``{"url", "text"}``) hold: a substring of a page with the row's
    ``source_url`` that has the row's length and digest. Returns (texts added, excerpts still
    without a text)."""
    texts = _texts(texts_path) if Path(texts_path).exists() else {}
    by_url: dict[str, list[dict[str, str]]] = {}
    for check in checks:
        for row in check.rows:
            by_url.setdefault(_normal_url(row["source_url"]), []).append(row)
    added = 0
    for url, page in _json_lines(pages_path, "url"):
        for row in by_url.get(_normal_url(url), ()):
            if row["excerpt_id"] in texts:
                continue
            text = _substring(page, int(row["character_count"]), row["text_sha256"])
            if text is not None:
                texts[row["excerpt_id"]] = text
                added += 1
    if added:
        with replacing(Path(texts_path)) as temporary:
            temporary.write_text("".join(json.dumps({"excerpt_id": excerpt_id, "text": text},
                                                    ensure_ascii=False) + "\n"
                                         for excerpt_id, text in texts.items()), encoding="utf-8")
    missing = sum(row["excerpt_id"] not in texts for check in checks for row in check.rows)
    return added, missing


def record_check(check: Check, texts_path: Path, matcher: Matcher,
                 allow_missing: bool = False) -> tuple[int, int]:
    """Tag the excerpts of ``check`` from their texts alone and rewrite their ``tagged_after`` and
    ``tagged_after_version`` in place (atomically); return (excerpts recorded, tags changed).
    Nothing is written if a text in ``texts_path`` is not the check's (length or digest), or if
    an excerpt has no text there, unless ``allow_missing``: then the excerpts without a text keep
    their tags and the tagger that recorded them."""
    texts = _texts(texts_path)
    _check_texts(check, texts, texts_path, allow_missing)
    now, changed = _tagged(check, texts, matcher)
    by_id = {row["excerpt_id"]: row for row in now}
    rows = [by_id.get(row["excerpt_id"], row) for row in check.rows]
    with replacing(check.path) as temporary:
        with temporary.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    check.rows[:] = rows
    return len(now), changed


def tagged_now(check: Check, texts_path: Path, matcher: Matcher) -> tuple[Check, int]:
    """The excerpts of ``check`` that ``texts_path`` has a text for, with ``tagged_after`` as
    ``matcher`` tags them now (nothing is written), and how many of them it tags otherwise than
    recorded. A text that is not its excerpt's is refused, as by ``record_check``."""
    texts = _texts(texts_path)
    _check_texts(check, texts, texts_path, allow_missing=True)
    rows, changed = _tagged(check, texts, matcher)
    return Check(check.path, rows), changed


def _tagged(check: Check, texts: dict[str, str], matcher: Matcher) -> tuple[list[dict], int]:
    """Copies of the rows of ``check`` that have a text, tagged from it alone by ``matcher``, and
    how many are tagged otherwise than recorded."""
    rows, changed = [], 0
    for row in check.rows:
        text = texts.get(row["excerpt_id"])
        if text is not None:
            tagged = ";".join(sorted({evidence.signal_id for evidence in matcher.find(text)}))
            changed += tagged != row["tagged_after"]
            rows.append({**row, "tagged_after": tagged, "tagged_after_version": matcher.version})
    return rows, changed


def _check_texts(check: Check, texts: dict[str, str], texts_path: Path,
                 allow_missing: bool) -> None:
    """Refuse a text in ``texts`` that is not its excerpt's (length or digest), and, unless
    ``allow_missing``, an excerpt of ``check`` without a text."""
    for row in check.rows:
        text = texts.get(row["excerpt_id"])
        if text is None:
            if allow_missing:
                continue
            raise ValueError(f"{texts_path}: no text for excerpt {row['excerpt_id']} of "
                             f"{check.path} (--allow-missing records the others)")
        if _digest(text) != row["text_sha256"] or len(text) != int(row["character_count"]):
            raise ValueError(f"{texts_path}: the text of excerpt {row['excerpt_id']} is not the one "
                             f"{check.path.name} records (length or digest differs)")


def recorded_by(check: Check, version: str) -> Check:
    """The excerpts of ``check`` whose ``tagged_after`` the tagger ``version`` recorded."""
    return Check(check.path, [row for row in check.rows if row["tagged_after_version"] == version])


def scores(checks: list[Check], signal_ids: tuple[str, ...]) -> dict[str, Score]:
    """Per-signal counts over the excerpts of ``checks`` (``tagged_after`` against the labels)."""
    counts = {signal_id: [0, 0, 0] for signal_id in signal_ids}
    for check in checks:
        for row in check.rows:
            a, b, tagged = (signal_set(row[c]) for c in ("labels_a", "labels_b", "tagged_after"))
            for signal_id, tally in counts.items():
                tally[0] += signal_id in tagged and signal_id in a and signal_id in b
                tally[1] += signal_id in tagged and signal_id not in a | b
                tally[2] += signal_id not in tagged and signal_id in a and signal_id in b
    return {signal_id: Score(signal_id, *tally) for signal_id, tally in counts.items()}


def negatives_tagged(checks: list[Check]) -> tuple[int, int]:
    """(excerpts neither labelling gives a signal that were tagged, such excerpts)."""
    negatives = [signal_set(row["tagged_after"]) for check in checks for row in check.rows
                 if not signal_set(row["labels_a"]) | signal_set(row["labels_b"])]
    return sum(map(bool, negatives)), len(negatives)
