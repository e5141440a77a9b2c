"""Precision and recall of the tagger against labelled examples.

The labelled examples live in ``data/evaluation/devset/*.jsonl`` (format: data/evaluation/README.md).
Each example is in the dev split or the blind split by a rule on its source URL, fixed before any
rule was tuned; the blind split is scored, never tuned on. ``demo_scores`` scores the demo's ground truth.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from pipeline import contracts
from pipeline.io import replacing
from pipeline.tag import model as tagger_model
from pipeline.tag.matcher import Matcher

EVALUATION_DIR = Path(__file__).resolve().parents[2] / "data" / "evaluation"
DEVSET_DIR = EVALUATION_DIR / "devset"
DEVSET_PATH = DEVSET_DIR  # older name, kept for readers that import it
ACCURACY_PATH = EVALUATION_DIR / "tagger_accuracy.csv"
BLIND_SPLIT_PATH = EVALUATION_DIR / "blind_split.txt"
SPLIT_RULE_COMMIT = "f49460a"  # the commit that fixed the blind-split rule (README.md)
SPLITS = ("dev", "blind")
ACCURACY_COLUMNS = contracts.columns("tagger_accuracy")
BODY_KINDS = ("icb", "ics", "ccg", "trust", "council", "health_board", "other")
ERAS = ("icb", "ccg", "other")
DOCUMENT_KINDS = ("minutes", "agenda", "terms_of_reference", "constitution", "cover_sheet",
                  "engagement_report", "strategy", "role_description", "annual_report",
                  "board_pack", "other")
STRUCTURES = ("sentence", "paragraph", "roster", "table_row", "bullets", "run_on")
_CHOICES = {"body_kind": BODY_KINDS, "era": ERAS, "document_kind": DOCUMENT_KINDS,
            "structure": STRUCTURES}
_REQUIRED = ("example_id", "signals", "text", "source_url", "body_kind", "era", "document_kind",
             "structure")


@dataclass(frozen=True)
class Example:
    example_id: str
    signals: frozenset[str]
    text: str
    source_url: str
    body_kind: str
    era: str
    document_kind: str
    structure: str
    committee_name: str | None
    where: str  # file:line

    @property
    def split(self) -> str:
        return "blind" if is_blind(self.source_url) else "dev"


@dataclass(frozen=True)
class Score:
    signal_id: str
    true_positive_count: int
    false_positive_count: int
    false_negative_count: int

    @property
    def precision(self) -> float:
        found = self.true_positive_count + self.false_positive_count
        return self.true_positive_count / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positive_count + self.false_negative_count
        return self.true_positive_count / expected if expected else 1.0


def is_blind(source_url: str) -> bool:
    """The blind-split rule of data/evaluation/README.md (an empty URL is always dev)."""
    if not source_url:
        return False
    return int(hashlib.sha256(source_url.encode("utf-8")).hexdigest()[:8], 16) % 100 < 30


def _example(item, where: str, signal_ids: set[str] | None) -> Example:
    if not isinstance(item, dict):
        raise ValueError("expected a JSON object")
    missing = [key for key in _REQUIRED if key not in item]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    for key in ("example_id", "text", "source_url", *_CHOICES):
        if not isinstance(item[key], str):
            raise ValueError(f"{key} must be a string")
    if not item["example_id"] or not item["text"].strip():
        raise ValueError("example_id and text must not be empty")
    for key, choices in _CHOICES.items():
        if item[key] not in choices:
            raise ValueError(f"{key} {item[key]!r} is not one of {', '.join(choices)}")
    labels = item["signals"]
    if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
        raise ValueError("signals must be a list of signal ids")
    unknown = sorted(set(labels) - signal_ids) if signal_ids is not None else []
    if unknown:
        raise ValueError(f"unknown signal {', '.join(unknown)} (not in signals.toml)")
    committee = item.get("committee_name")
    if committee is not None and not isinstance(committee, str):
        raise ValueError("committee_name must be a string or absent")
    return Example(item["example_id"], frozenset(labels), item["text"], item["source_url"],
                   item["body_kind"], item["era"], item["document_kind"], item["structure"],
                   committee or None, where)


def read_devset(directory: Path | list[Path] = DEVSET_DIR,
                signal_ids: set[str] | None = None) -> list[Example]:
    """Every example in ``directory/*.jsonl`` (files in name order; several directories are read
    in turn); errors name file:line."""
    directories = [Path(d) for d in directory] if isinstance(directory, list) else [Path(directory)]
    files = []
    for folder in directories:
        found = sorted(folder.glob("*.jsonl"))
        if not found:
            raise ValueError(f"{folder}: no devset *.jsonl files")
        files += found
    if signal_ids is None:
        from pipeline.signals import load_signals

        signal_ids = {signal.signal_id for signal in load_signals().signals}
    examples, seen = [], {}
    for path in files:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError as error:
            raise ValueError(f"{path}: not UTF-8 ({error.reason} at byte {error.start})") from None
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                example = _example(json.loads(line), where, signal_ids)
            except ValueError as error:  # json.JSONDecodeError is a ValueError
                raise ValueError(f"{where}: {error}") from None
            if example.example_id in seen:
                raise ValueError(f"{where}: example_id {example.example_id} already used at "
                                 f"{seen[example.example_id]}")
            seen[example.example_id] = where
            examples.append(example)
    return examples


def train_model(examples: list[Example], signal_ids: tuple[str, ...],
                positive_weight: float = tagger_model.POSITIVE_WEIGHT) -> tagger_model.Model:
    """The model trained from the dev split of ``examples`` (the blind split is never used)."""
    dev = [example for example in examples if example.split == "dev"]
    digest = hashlib.sha256("\n".join(f"{e.example_id}\t{sorted(e.signals)}\t{e.text}"
                                       for e in dev).encode("utf-8")).hexdigest()
    return tagger_model.train([e.text for e in dev], [e.signals for e in dev], signal_ids,
                              trained_on=f"{len(dev)} dev-split examples, digest {digest[:16]}",
                              positive_weight=positive_weight)


def found_signals(matcher: Matcher, example: Example, *, text_only: bool = False) -> set[str]:
    """The signals tagged in an example: with its document's committee, as the pipeline tags a
    page, or (``text_only``) from its text alone, as ``tag --jsonl`` tags an excerpt."""
    committee_name = None if text_only else example.committee_name
    return {e.signal_id for e in matcher.find(example.text, committee_name=committee_name)}


def tally(matcher: Matcher, examples, *, text_only: bool = False
          ) -> tuple[dict[str, Score], int, int]:
    """Per-signal counts over labelled examples (an example counts once per signal), and (hard
    negatives with any tag, hard negatives), from one tagging of each example."""
    counts = {signal.signal_id: [0, 0, 0] for signal in matcher.signal_set.signals}
    fired = negatives = 0
    for example in examples:
        found, labels = found_signals(matcher, example, text_only=text_only), example.signals
        for signal_id, tallied in counts.items():
            tallied[0] += signal_id in found and signal_id in labels
            tallied[1] += signal_id in found and signal_id not in labels
            tallied[2] += signal_id in labels and signal_id not in found
        if not labels:
            negatives += 1
            fired += bool(found)
    return {signal_id: Score(signal_id, *tallied) for signal_id, tallied in counts.items()}, \
        fired, negatives


def score(matcher: Matcher, examples, *, text_only: bool = False) -> dict[str, Score]:
    """Per-signal counts over labelled examples (an example counts once per signal)."""
    return tally(matcher, examples, text_only=text_only)[0]


def hard_negatives_fired(matcher: Matcher, examples) -> tuple[int, int]:
    """(hard negatives with any tag, hard negatives)."""
    return tally(matcher, [example for example in examples if not example.signals])[1:]


def pooled(scores: dict[str, Score]) -> Score:
    """The counts of every signal together."""
    return Score("all", sum(s.true_positive_count for s in scores.values()),
                 sum(s.false_positive_count for s in scores.values()),
                 sum(s.false_negative_count for s in scores.values()))


def micro_f1(scores: dict[str, Score]) -> float:
    total = pooled(scores)
    tp, fp, fn = total.true_positive_count, total.false_positive_count, total.false_negative_count
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def wilson(successes: int, trials: int, z: float = 1.959964) -> tuple[float, float] | None:
    """95% Wilson score interval for a proportion; None when there are no trials."""
    if not trials:
        return None
    p = successes / trials
    centre = p + z * z / (2 * trials)
    spread = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials))
    denominator = 1 + z * z / trials
    low = 0.0 if successes == 0 else max(0.0, (centre - spread) / denominator)
    high = 1.0 if successes == trials else min(1.0, (centre + spread) / denominator)
    return low, high


def _proportion(successes: int, trials: int) -> tuple[str, str, str]:
    interval = wilson(successes, trials)
    if interval is None:
        return "", "", ""
    return (f"{successes / trials:.4f}", f"{interval[0]:.4f}", f"{interval[1]:.4f}")


def accuracy_rows(scores_by_split: dict[str, dict[str, Score]], example_counts: dict[str, int],
                  tagger_version: str) -> list[dict]:
    """Rows of tagger_accuracy.csv; an undefined proportion (nothing tagged or expected) is blank."""
    rows = []
    for split, scores in scores_by_split.items():
        for s in scores.values():
            tp, fp, fn = s.true_positive_count, s.false_positive_count, s.false_negative_count
            precision, recall = _proportion(tp, tp + fp), _proportion(tp, tp + fn)
            rows.append(dict(zip(ACCURACY_COLUMNS, (
                s.signal_id, split, example_counts[split], tp, fp, fn, *precision, *recall,
                tagger_version), strict=True)))
    return rows


def write_accuracy(rows: list[dict], path: Path = ACCURACY_PATH) -> None:
    """Write tagger_accuracy.csv atomically; a file that breaks its contract is never put in place."""
    with replacing(path) as temporary:
        with temporary.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, ACCURACY_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        contracts.read_csv(temporary, "tagger_accuracy")


def write_blind_split(examples, path: Path = BLIND_SPLIT_PATH) -> int:
    """List the blind URLs, sorted, under the commit that fixed the rule; return how many."""
    urls = sorted({example.source_url for example in examples if example.split == "blind"})
    Path(path).write_text(
        f"# blind split: rule fixed at commit {SPLIT_RULE_COMMIT} "
        "(int(sha256(source_url).hexdigest()[:8], 16) % 100 < 30; see README.md)\n"
        + "".join(f"{url}\n" for url in urls), encoding="utf-8")
    return len(urls)


def demo_scores(ground_truth_dir: Path, page_texts, matcher: Matcher
                ) -> tuple[dict[str, Score], dict[str, int], int, int]:
    """Score the tagger on every page of every demo document.

    ``ground_truth_dir`` is the demo web's ground truth (``documents.csv``, ``passages.csv``);
    ``page_texts(url)`` gives a document's extracted pages as (page_number, text) pairs, or None
    when it cannot be read (the caller extracts: the tag stage does not import the extract stage).

    Returns per-signal scores, where a false positive is a tag on text with no planted passage;
    per signal, how many planted passages of other signals it also tagged (the generator gives
    each passage one label, though real text is often multi-label: read these, do not ignore
    them); and hard negatives (fired, total).
    """
    from pipeline.tag.run import mask_repeated_lines

    def squash(text: str) -> str:
        return " ".join(text.split())

    planted: dict[tuple[str, int], list[dict]] = defaultdict(list)
    with (Path(ground_truth_dir) / "passages.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            planted[(row["url"], int(row["page_number"]))].append(row)
    with (Path(ground_truth_dir) / "documents.csv").open(encoding="utf-8") as handle:
        documents = [(row["url"], row["committee_name"]) for row in csv.DictReader(handle)]
    counts = {signal.signal_id: [0, 0, 0] for signal in matcher.signal_set.signals}
    cross = dict.fromkeys(counts, 0)
    negatives_fired = negatives = 0
    for url, committee_name in documents:
        pages = page_texts(url)
        if pages is None:
            continue
        texts = mask_repeated_lines([text for _, text in pages])
        for (page_number, _), text in zip(pages, texts, strict=True):
            found = {(evidence.signal_id, squash(evidence.quote))
                     for evidence in matcher.find(text, committee_name=committee_name)}
            explained: set[tuple[str, str]] = set()  # tags on some planted passage
            own: set[tuple[str, str]] = set()  # tags on a passage planted for their own signal
            for passage in planted.get((url, page_number), []):
                whole = squash(passage["quote"])
                # a tag that quotes the passage's start, or quotes text inside the passage
                hits = {hit for hit in found if whole[:40] in hit[1] or hit[1] in whole}
                explained |= hits
                if passage["is_negative"] == "true":
                    negatives += 1
                    negatives_fired += bool(hits)
                    continue
                mine = {hit for hit in hits if hit[0] == passage["signal_id"]}
                own |= mine
                counts[passage["signal_id"]][0 if mine else 2] += 1
            for signal, quote in found - own:
                if (signal, quote) in explained:
                    cross[signal] += 1
                else:
                    counts[signal][1] += 1
    scores = {signal_id: Score(signal_id, *tally) for signal_id, tally in counts.items()}
    return scores, cross, negatives_fired, negatives
