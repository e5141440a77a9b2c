"""``tag --cross-validate``: the rules and model scored on the dev split out of fold.

The model's settings (its thresholds, the weight of a labelled example) are chosen on the dev
split, never on the blind split. Scoring the shipped model on the dev split would flatter it,
since it was trained there, so each fold of the dev split (folds by a digest of the source URL,
so an example is never scored by a model trained on its own page) is tagged by a model trained
on the other folds; the scores are summed over folds. The same examples and settings always
give the same figures.
"""

from __future__ import annotations

import hashlib

from pipeline.signals import SignalSet
from pipeline.tag import model as tagger_model
from pipeline.tag.evaluate import Example, Score, tally, train_model
from pipeline.tag.matcher import Matcher


def fold_of(example: Example, folds: int) -> int:
    """The example's fold: by its source URL (by its id when it has none), with other digits of
    the digest than the blind-split rule's."""
    key = example.source_url or example.example_id
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest()[8:16], 16) % folds


def cross_validate(signal_set: SignalSet, examples: list[Example], folds: int = 5,
                   positive_weight: float = tagger_model.POSITIVE_WEIGHT
                   ) -> tuple[dict[str, Score], int, int]:
    """Per-signal counts over the dev split of ``examples``, each fold tagged by the rules and a
    model trained on the other folds (with the shipped thresholds); and (hard negatives tagged,
    hard negatives)."""
    if folds < 2:
        raise ValueError(f"--folds {folds}: needs at least 2 folds")
    dev = [example for example in examples if example.split == "dev"]
    placed = [(fold_of(example, folds), example) for example in dev]
    ids = signal_set.ids()
    counts = {signal_id: [0, 0, 0] for signal_id in ids}
    fired = negatives = 0
    for fold in range(folds):
        held = [example for place, example in placed if place == fold]
        rest = [example for place, example in placed if place != fold]
        if not held or not rest:
            raise ValueError(f"--folds {folds}: fold {fold + 1} of the dev split's "
                             f"{len(dev)} examples is empty or holds them all")
        fold_matcher = Matcher(signal_set, train_model(rest, ids, positive_weight=positive_weight))
        scores, fold_fired, fold_negatives = tally(fold_matcher, held)
        for signal_id, counted in scores.items():
            counts[signal_id][0] += counted.true_positive_count
            counts[signal_id][1] += counted.false_positive_count
            counts[signal_id][2] += counted.false_negative_count
        fired, negatives = fired + fold_fired, negatives + fold_negatives
    return ({signal_id: Score(signal_id, *tallied) for signal_id, tallied in counts.items()},
            fired, negatives)
