"""Precision and recall of the tagger against labelled passages (the development set, ground truth)."""

from __future__ import annotations

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
