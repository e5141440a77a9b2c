"""A small statistical second opinion beside the rules: one logistic regression per signal.

Features are the words of a passage and its pairs of neighbouring words (lower case, letters
only), each present or absent, scaled by the passage's feature count. The model is trained from
the dev split of the labelled examples only (``python -m pipeline tag --train-model``, about
half a minute, no randomness), and its weights are a data file in the repository
(``data/evaluation/tagger_model.json``); nothing is downloaded.

The matcher uses it two ways (``pipeline.tag.matcher``): a rule's tag (other than the roster
reader's) stands unless the model gives its signal less than ``veto_below`` both in that passage
and in the tag's own text, and the model tags a signal the rules missed when it gives more than
``add_above``, quoting the passage's sentence that it scores highest (not where an empty
involvement box or a negation cue says otherwise). The two thresholds were chosen by
cross-validation on the dev split (folds by source URL), never on the blind split. A model tag's
reason names the words of its passage that weighed most.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipeline.io import write_text

MODEL_PATH = Path(__file__).resolve().parents[2] / "data" / "evaluation" / "tagger_model.json"
_WORD = re.compile(r"[a-z]+")
_NOT_LETTERS = str.maketrans({chr(i): " " for i in range(128) if not "a" <= chr(i) <= "z"})
MIN_DOCUMENT_COUNT = 2  # a feature must be in this many training passages
STEPS = 1000
LEARNING_RATE = 20.0
L2 = 3e-5
ROUND = 4  # decimals kept in the weights file
# Words too common to explain a tag (a reason names other features first).
_PLAIN = frozenset("a an and are as at be by for from has have in is it its of on or our that the "
                   "their this to was we were will with".split())
ADD_ABOVE = 0.6
VETO_BELOW = 0.05


def features(text: str) -> set[str]:
    """The words of ``text`` (lower case, letters only) and its pairs of neighbouring words."""
    text = text.lower()
    words = text.translate(_NOT_LETTERS).split() if text.isascii() else _WORD.findall(text)
    return {*words, *map(" ".join, zip(words, words[1:], strict=False))}


@dataclass(frozen=True)
class Model:
    signal_ids: tuple[str, ...]
    vocabulary: dict[str, int]
    weights: np.ndarray  # (features, signals)
    bias: np.ndarray  # (signals,)
    add_above: float = ADD_ABOVE
    veto_below: float = VETO_BELOW
    trained_on: str = ""  # what it was trained on (examples, split, their digest)

    @property
    def version(self) -> str:
        digest = hashlib.sha256(self.weights.tobytes() + self.bias.tobytes())
        digest.update(f"{self.add_above}:{self.veto_below}".encode())
        return digest.hexdigest()[:8]

    def _rows(self, found: set[str]) -> list[int]:
        vocabulary = self.vocabulary
        return list(map(vocabulary.__getitem__, vocabulary.keys() & found))

    def probabilities(self, text: str) -> dict[str, float]:
        """Each signal's probability for the passage ``text``."""
        return dict(zip(self.signal_ids, self.scores(text).tolist(), strict=True))

    def scores(self, text: str) -> np.ndarray:
        """The signals' probabilities for the passage ``text``, in ``signal_ids`` order."""
        found = features(text)
        rows = self._rows(found)
        logits = self.bias
        if rows:
            logits = np.add.reduce(self.weights.take(rows, axis=0), axis=0)
            logits *= 1 / math.sqrt(len(found))
            logits += self.bias
        return 1 / (1 + np.exp(-logits))

    def reasons(self, text: str, signal_id: str, count: int = 3) -> list[str]:
        """The features of ``text`` that weigh most towards ``signal_id`` (not plain words or
        single letters)."""
        column = self.signal_ids.index(signal_id)
        weighted = sorted(((self.weights[self.vocabulary[feature], column], feature)
                           for feature in features(text) if feature in self.vocabulary
                           and not _PLAIN.issuperset(feature.split()) and len(feature) > 1),
                          reverse=True)
        return [feature for weight, feature in weighted[:count] if weight > 0]


def _matrix(passages: list[set[str]], vocabulary: dict[str, int]):
    """Sparse rows as (row index, feature index, value) arrays."""
    rows, columns, values = [], [], []
    for row, found in enumerate(passages):
        known = [vocabulary[feature] for feature in found if feature in vocabulary]
        if known:
            rows += [row] * len(known)
            columns += known
            values += [1 / math.sqrt(len(found))] * len(known)
    return np.array(rows, dtype=np.int64), np.array(columns, dtype=np.int64), np.array(values)


def train(texts: list[str], labels: list[frozenset[str]], signal_ids: tuple[str, ...],
          trained_on: str = "") -> Model:
    """Fit one logistic regression per signal (full-batch gradient descent from zero, so the
    same examples always give the same weights)."""
    passages = [features(text) for text in texts]
    counts: dict[str, int] = {}
    for found in passages:
        for feature in found:
            counts[feature] = counts.get(feature, 0) + 1
    vocabulary = {feature: index for index, feature in
                  enumerate(sorted(f for f, count in counts.items() if count >= MIN_DOCUMENT_COUNT))}
    rows, columns, values = _matrix(passages, vocabulary)
    targets = np.array([[signal_id in label for signal_id in signal_ids] for label in labels],
                       dtype=float)
    weights = np.zeros((len(vocabulary), len(signal_ids)))
    bias = np.zeros(len(signal_ids))
    width = len(signal_ids)
    into_rows = (rows[:, None] * width + np.arange(width)).ravel()  # (entry, signal) -> cell
    into_columns = (columns[:, None] * width + np.arange(width)).ravel()
    for _ in range(STEPS):
        contributions = (weights[columns] * values[:, None]).ravel()
        logits = np.bincount(into_rows, contributions, targets.size).reshape(targets.shape)
        error = (1 / (1 + np.exp(-(logits + bias))) - targets) / len(texts)
        spread = (error[rows] * values[:, None]).ravel()
        gradient = np.bincount(into_columns, spread, weights.size).reshape(weights.shape)
        weights -= LEARNING_RATE * (gradient + L2 * weights)
        bias -= LEARNING_RATE * error.sum(axis=0)
    return Model(signal_ids, vocabulary, weights.round(ROUND), bias.round(ROUND),
                 trained_on=trained_on)


def save(model: Model, path: Path = MODEL_PATH) -> None:
    """Write ``model`` as JSON with one feature's weights a line (readable diffs on retraining)."""
    header = {
        "about": "Per-signal logistic regression on words and word pairs (pipeline/tag/model.py); "
                 "trained by `python -m pipeline tag --train-model`. Do not edit by hand.",
        "trained_on": model.trained_on,
        "add_above": model.add_above,
        "veto_below": model.veto_below,
        "signal_ids": list(model.signal_ids),
        "bias": model.bias.tolist(),
    }
    by_index = sorted(model.vocabulary, key=model.vocabulary.__getitem__)
    rows = [f"{json.dumps(feature)}: {json.dumps(model.weights[i].tolist())}"
            for i, feature in enumerate(by_index) if np.abs(model.weights[i]).max() > 0]
    fields = [f"{json.dumps(key)}: {json.dumps(value)}" for key, value in header.items()]
    write_text(path, "{\n" + ",\n".join(fields) + ',\n"weights": {\n' + ",\n".join(rows) + "\n}}\n")


def load(path: Path = MODEL_PATH) -> Model:
    """The model in ``path`` (an error names the file when it is not a model file)."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
        signal_ids = tuple(document["signal_ids"])
        vocabulary = {feature: index for index, feature in enumerate(document["weights"])}
        weights = np.array(list(document["weights"].values()), dtype=float).reshape(
            len(vocabulary), len(signal_ids))
        return Model(signal_ids, vocabulary, weights, np.array(document["bias"], dtype=float),
                     float(document["add_above"]), float(document["veto_below"]),
                     document.get("trained_on", ""))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ValueError(f"{path}: not a tagger model file ({error}); retrain it with "
                         "`python -m pipeline tag --train-model`") from error
