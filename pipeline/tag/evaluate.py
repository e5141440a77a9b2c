"""Precision and recall of the tagger against labelled passages (the development set, ground truth)."""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from pipeline.tag.matcher import Matcher

DEVSET_PATH = Path(__file__).resolve().parents[2] / "tests" / "tag" / "devset.tsv"


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


def read_devset(path: Path = DEVSET_PATH) -> list[tuple[set[str], str]]:
    """(labels, passage) pairs from the tab-separated development set; '#' lines are comments."""
    rows = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        labels, separator, text = line.partition("\t")
        if not separator or not text.strip():
            raise ValueError(f"{path}:{number}: expected 'signals<TAB>passage'")
        rows.append((set() if labels == "-" else set(labels.split(",")), text))
    return rows


def score(matcher: Matcher, rows: list[tuple[set[str], str]]) -> dict[str, Score]:
    """Per-signal counts over labelled passages (a passage counts once per signal)."""
    counts = {signal.signal_id: [0, 0, 0] for signal in matcher.signal_set.signals}
    for labels, text in rows:
        found = {evidence.signal_id for evidence in matcher.find(text)}
        for signal_id, tally in counts.items():
            tally[0] += signal_id in found and signal_id in labels
            tally[1] += signal_id in found and signal_id not in labels
            tally[2] += signal_id in labels and signal_id not in found
    return {signal_id: Score(signal_id, *tally) for signal_id, tally in counts.items()}


def micro_f1(scores: dict[str, Score]) -> float:
    tp = sum(s.true_positive_count for s in scores.values())
    fp = sum(s.false_positive_count for s in scores.values())
    fn = sum(s.false_negative_count for s in scores.values())
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def demo_scores(web, matcher: Matcher) -> tuple[dict[str, Score], dict[str, int], int, int]:
    """Score the tagger on every page of every demo document.

    Returns per-signal scores, where a false positive is a tag on text with no planted passage;
    per signal, how many planted passages of other signals it also tagged (the generator gives
    each passage one label, though real text is often multi-label: read these, do not ignore
    them); and hard negatives (fired, total).
    """
    from pipeline.extract.engines import ExtractionError, extract

    def squash(text: str) -> str:
        return " ".join(text.split())

    planted: dict[tuple[str, int], list[dict]] = defaultdict(list)
    with (web.ground_truth_dir / "passages.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            planted[(row["url"], int(row["page_number"]))].append(row)
    with (web.ground_truth_dir / "documents.csv").open(encoding="utf-8") as handle:
        documents = [row["url"] for row in csv.DictReader(handle)]
    counts = {signal.signal_id: [0, 0, 0] for signal in matcher.signal_set.signals}
    cross = dict.fromkeys(counts, 0)
    negatives_fired = negatives = 0
    for url in documents:
        try:
            _, pages = extract(web.served_file(url).read_bytes())
        except (ExtractionError, OSError):
            continue
        for page in pages:
            found = {(evidence.signal_id, squash(evidence.quote)) for evidence in matcher.find(page.text)}
            explained: set[tuple[str, str]] = set()  # tags on some planted passage
            own: set[tuple[str, str]] = set()  # tags on a passage planted for their own signal
            for passage in planted.get((url, page.page_number), []):
                start = squash(passage["quote"])[:40]
                hits = {hit for hit in found if start in hit[1]}
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
