"""A small statistical second opinion beside the rules: one logistic regression per signal.

Features are the words of a passage, its pairs of neighbouring words (lower case, letters
only) and the first five letters of each longer word (``~invol`` for involve, involved and
involvement, so a form of a word the examples lack still counts), weighted as TF-IDF
(``1 + log(count)`` times the feature's inverse document frequency in the training examples)
and scaled to unit length. The model is trained from the dev split of the
labelled examples only (``python -m pipeline tag --train-model``, under half a minute, no
randomness: accelerated full-batch gradient descent from zero), and its weights are a data file
in the repository (``data/evaluation/tagger_model.json``); nothing is downloaded.

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
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

import numpy as np

from pipeline.io import write_text

MODEL_PATH = Path(__file__).resolve().parents[2] / "data" / "evaluation" / "tagger_model.json"
_NOT_LETTERS = bytes(byte if 97 <= byte <= 122 else 32 for byte in range(256))  # a-z stay
STEM_LENGTH = 5  # a word longer than this also counts as its first five letters, marked "~"
MIN_DOCUMENT_COUNT = 2  # a feature must be in this many training passages
STEPS = 400
LEARNING_RATE = 30.0
L2 = 4e-6  # per example: scikit-learn's C = 1 / (L2 × examples), about 50 on 5,092 examples
# How many times an example's error counts for a signal it is labelled with. Above 1 the model
# finds more and tags more hard negatives (`tag --cross-validate --positive-weight W`, and
# docs/signals_changelog.md, session 24): left at 1 until a weight gains without that cost.
POSITIVE_WEIGHT = 1.0
ROUND = 4  # decimals kept in the weights file
# Words too common to explain a tag (a reason names other features first).
_PLAIN = frozenset("a an and are as at be by for from has have in is it its of on or our that the "
                   "their this to was we were will with".split())
ADD_ABOVE = 0.45
VETO_BELOW = 0.08
CACHED_WORDS = 200_000  # words remembered with their stems' rows
_TERM_WEIGHTS = np.log(np.arange(4097, dtype=float).clip(1)) + 1  # 1 + log(count), by count


def _words(text: str) -> list[str]:
    """The words of ``text``: lower case, runs of the letters a-z (any other character, once lower
    case, separates words; a character outside ASCII is encoded as "?" first)."""
    return text.lower().encode("ascii", "replace").translate(_NOT_LETTERS).decode("ascii").split()


def _tokens(text: str) -> list[str]:
    """The words of ``text`` (lower case, letters only), then its pairs of neighbouring words,
    then the stems (first ``STEM_LENGTH`` letters, marked ``~``) of its longer words."""
    words = _words(text)
    stems = ["~" + word[:STEM_LENGTH] for word in words if len(word) > STEM_LENGTH]
    return [*words, *map(" ".join, zip(words, words[1:], strict=False)), *stems]


def features(text: str) -> Counter[str]:
    """The words of ``text``, its pairs of neighbouring words and its stems, with how often each
    occurs."""
    return Counter(_tokens(text))


class _WordRows(dict):
    """Each word seen, with the rows of the word and of its stem that the model knows (none, one
    or both), remembered for the first ``CACHED_WORDS`` words."""

    def __init__(self, vocabulary: dict[str, int]):
        super().__init__()
        self.vocabulary = vocabulary

    def __missing__(self, word: str) -> tuple[int, ...]:
        found = self.vocabulary.get(word), (self.vocabulary.get("~" + word[:STEM_LENGTH])
                                            if len(word) > STEM_LENGTH else None)
        rows = tuple(row for row in found if row is not None)
        if len(self) < CACHED_WORDS:
            self[word] = rows
        return rows


class _Rows:
    """How often each known feature occurs in a passage, by row, counted the fast way: a word's
    rows (its own and its stem's, remembered per word) are one look-up, and so is each pair of
    neighbouring words (as a pair, not joined into a string). ``counts(text)`` equals
    ``_known(_tokens(text), ...)`` (training counts features that way)."""

    def __init__(self, vocabulary: dict[str, int]):
        self.words = _WordRows(vocabulary).__getitem__
        self.pairs = {tuple(feature.split(" ")): row for feature, row in vocabulary.items()
                      if " " in feature}.get

    def counts(self, text: str) -> Counter:
        words = _words(text)
        counts = Counter(chain(chain.from_iterable(map(self.words, words)),
                               map(self.pairs, zip(words, words[1:], strict=False))))
        counts.pop(None, None)  # the unknown pairs
        return counts


def _known(tokens: list[str], vocabulary: dict[str, int]) -> Counter:
    """How often each known feature among ``tokens`` occurs, by row."""
    counts = Counter(map(vocabulary.get, tokens))
    counts.pop(None, None)  # the unknown features
    return counts


def _scaled(counts: Counter, idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The rows of ``counts`` and their TF-IDF values (``1 + log`` of the count, times the
    idf), scaled to unit length."""
    rows = np.fromiter(counts, dtype=np.int64, count=len(counts))
    values = np.log(np.fromiter(counts.values(), dtype=float, count=len(counts))) + 1
    values *= idf.take(rows)
    if rows.size:
        values /= math.sqrt(values @ values)
    return rows, values


@dataclass(frozen=True)
class Model:
    signal_ids: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: np.ndarray  # (features,): each feature's inverse document frequency in training
    weights: np.ndarray  # (features, signals)
    bias: np.ndarray  # (signals,)
    add_above: float = ADD_ABOVE
    veto_below: float = VETO_BELOW
    trained_on: str = ""  # what it was trained on (examples, split, their digest)
    _rows: _Rows = field(init=False, repr=False, compare=False)
    _table: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self):  # (built once, not per page)
        object.__setattr__(self, "_rows", _Rows(self.vocabulary))
        object.__setattr__(self, "_table", np.hstack([self.weights, self.idf[:, None]]))

    @property
    def version(self) -> str:
        digest = hashlib.sha256(self.idf.tobytes() + self.weights.tobytes() + self.bias.tobytes())
        digest.update(f"{self.add_above}:{self.veto_below}".encode())
        return digest.hexdigest()[:8]

    def probabilities(self, text: str) -> dict[str, float]:
        """Each signal's probability for the passage ``text``."""
        return dict(zip(self.signal_ids, self.scores(text).tolist(), strict=True))

    def scores(self, text: str) -> np.ndarray:
        """The signals' probabilities for the passage ``text``, in ``signal_ids`` order (as
        ``_scaled`` weighs features, but each row's weights and idf are taken in one look-up, and
        1 + log of a count is read from a table when the text is short enough: no feature occurs
        more often than half the lower-cased text's length, and lower-casing at most triples a
        text's length)."""
        counts = self._rows.counts(text)
        if not counts:
            return 1 / (1 + np.exp(-self.bias))
        rows = np.fromiter(counts, dtype=np.int64, count=len(counts))
        table = self._table.take(rows, axis=0)  # each row's weights, then its idf
        often = np.fromiter(counts.values(), dtype=np.int64, count=len(counts))
        is_short = 3 * len(text) < len(_TERM_WEIGHTS)
        values = _TERM_WEIGHTS.take(often) if is_short else np.log(often) + 1
        values *= table[:, -1]
        logits = values @ table[:, :-1] / math.sqrt(values @ values) + self.bias
        return 1 / (1 + np.exp(-logits))

    def reasons(self, text: str, signal_id: str, count: int = 3) -> list[str]:
        """The features of ``text`` that weigh most towards ``signal_id`` (words and pairs of
        words as written: not stems, plain words or single letters)."""
        column = self.signal_ids.index(signal_id)
        weighted = sorted(((self.weights[self.vocabulary[feature], column], feature)
                           for feature in features(text) if feature in self.vocabulary
                           and not feature.startswith("~") and len(feature) > 1
                           and not _PLAIN.issuperset(feature.split())),
                          reverse=True)
        return [feature for weight, feature in weighted[:count] if weight > 0]


def _matrix(passages: list[list[str]], vocabulary: dict[str, int], idf: np.ndarray):
    """Sparse rows as (row index, feature index, value) arrays."""
    rows, columns, values = [], [], []
    for row, tokens in enumerate(passages):
        known, weighted = _scaled(_known(tokens, vocabulary), idf)
        rows += [row] * len(known)
        columns += known.tolist()
        values += weighted.tolist()
    return np.array(rows, dtype=np.int64), np.array(columns, dtype=np.int64), np.array(values)


def train(texts: list[str], labels: list[frozenset[str]], signal_ids: tuple[str, ...],
          trained_on: str = "", positive_weight: float = POSITIVE_WEIGHT) -> Model:
    """Fit one logistic regression per signal (accelerated full-batch gradient descent from zero,
    so the same examples always give the same weights), each labelled example's error counting
    ``positive_weight`` times."""
    passages = [_tokens(text) for text in texts]
    counts = Counter(feature for tokens in passages for feature in set(tokens))
    kept = sorted(feature for feature, count in counts.items() if count >= MIN_DOCUMENT_COUNT)
    vocabulary = {feature: index for index, feature in enumerate(kept)}
    idf = np.log((1 + len(texts)) / (1 + np.array([counts[f] for f in kept], dtype=float))) + 1
    idf = idf.round(ROUND)
    rows, columns, values = _matrix(passages, vocabulary, idf)
    targets = np.array([[signal_id in label for signal_id in signal_ids] for label in labels],
                       dtype=float)
    example_weights = (1 + (positive_weight - 1) * targets) / len(texts)
    width = len(signal_ids)
    weights, bias = np.zeros((len(vocabulary), width)), np.zeros(width)
    previous_weights, previous_bias = weights, bias
    into_rows = (rows[:, None] * width + np.arange(width)).ravel()  # (entry, signal) -> cell
    into_columns = (columns[:, None] * width + np.arange(width)).ravel()
    for step in range(STEPS):
        momentum = step / (step + 3)  # Nesterov's
        ahead_weights = weights + momentum * (weights - previous_weights)
        ahead_bias = bias + momentum * (bias - previous_bias)
        previous_weights, previous_bias = weights, bias
        contributions = (ahead_weights[columns] * values[:, None]).ravel()
        logits = np.bincount(into_rows, contributions, targets.size).reshape(targets.shape)
        error = (1 / (1 + np.exp(-(logits + ahead_bias))) - targets) * example_weights
        spread = (error[rows] * values[:, None]).ravel()
        gradient = np.bincount(into_columns, spread, weights.size).reshape(weights.shape)
        weights = ahead_weights - LEARNING_RATE * (gradient + L2 * ahead_weights)
        bias = ahead_bias - LEARNING_RATE * error.sum(axis=0)
    return Model(signal_ids, vocabulary, idf, weights.round(ROUND), bias.round(ROUND),
                 trained_on=trained_on)


def save(model: Model, path: Path = MODEL_PATH) -> None:
    """Write ``model`` as JSON with one feature's weights a line (readable diffs on retraining)."""
    header = {
        "about": "Per-signal logistic regression on TF-IDF of words, word pairs and "
                 "five-letter stems (~) "
                 "(pipeline/tag/model.py); each feature's line is [idf, one weight per signal]; "
                 "trained by `python -m pipeline tag --train-model`. Do not edit by hand.",
        "trained_on": model.trained_on,
        "add_above": model.add_above,
        "veto_below": model.veto_below,
        "signal_ids": list(model.signal_ids),
        "bias": model.bias.tolist(),
    }
    by_index = sorted(model.vocabulary, key=model.vocabulary.__getitem__)
    rows = [f"{json.dumps(feature)}: {json.dumps([model.idf[i], *model.weights[i].tolist()])}"
            for i, feature in enumerate(by_index)]
    fields = [f"{json.dumps(key)}: {json.dumps(value)}" for key, value in header.items()]
    write_text(path, "{\n" + ",\n".join(fields) + ',\n"weights": {\n' + ",\n".join(rows) + "\n}}\n")


def load(path: Path = MODEL_PATH) -> Model:
    """The model in ``path`` (an error names the file when it is not a model file)."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
        signal_ids = tuple(document["signal_ids"])
        vocabulary = {feature: index for index, feature in enumerate(document["weights"])}
        table = np.array(list(document["weights"].values()), dtype=float).reshape(
            len(vocabulary), len(signal_ids) + 1)
        return Model(signal_ids, vocabulary, table[:, 0].copy(), table[:, 1:].copy(),
                     np.array(document["bias"], dtype=float),
                     float(document["add_above"]), float(document["veto_below"]),
                     document.get("trained_on", ""))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ValueError(f"{path}: not a tagger model file ({error}); retrain it with "
                         "`python -m pipeline tag --train-model`") from error
