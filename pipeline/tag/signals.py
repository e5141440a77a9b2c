"""Load and check the signal definitions in ``pipeline/signals.toml``."""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

SIGNALS_PATH = Path(__file__).resolve().parent.parent / "signals.toml"
DIMENSIONS = ("structures", "processes", "policies")
_UPPER_CASE = re.compile(r"(?<!\\)[A-Z]")  # an upper-case letter that is not an escape like \S
REQUIRED_KEYS = ("id", "dimension", "label", "definition", "why_it_matters", "positive_examples",
                 "negative_examples", "author", "reviewer", "review_date", "rule")


@dataclass(frozen=True)
class Rule:
    """All ``patterns`` must match; they are kept shortest first, so cheap ones fail early."""

    rule_id: str
    signal_id: str
    anchor_groups: tuple[tuple[str, ...], ...]  # a sentence needs one anchor from every group
    patterns: tuple[re.Pattern, ...]
    confidence: float


@dataclass(frozen=True)
class Signal:
    signal_id: str
    dimension: str
    label: str
    definition: str
    why_it_matters: str
    exclusions: tuple[re.Pattern, ...]
    rules: tuple[Rule, ...]
    positive_examples: tuple[str, ...]
    negative_examples: tuple[str, ...]
    counts_as_formal: bool = False


@dataclass(frozen=True)
class SignalSet:
    signals: tuple[Signal, ...]
    negation: re.Pattern
    empty_box: re.Pattern
    version: str

    def by_id(self) -> dict[str, Signal]:
        return {signal.signal_id: signal for signal in self.signals}


def _compile(pattern: str, vocabulary: dict[str, str], where: str) -> re.Pattern:
    """Compile a pattern for lower-cased text (faster than matching case-insensitively)."""
    names = "|".join(map(re.escape, vocabulary)) or "(?!)"
    expanded = re.sub(r"\{(" + names + r")\}", lambda m: f"(?:{vocabulary[m[1]]})", pattern)
    if _UPPER_CASE.search(expanded):
        raise ValueError(f"{where}: pattern {pattern!r} has an upper-case letter; text is "
                         "lower-cased before matching, so write patterns in lower case")
    try:
        return re.compile(expanded)
    except re.error as error:
        raise ValueError(f"{where}: bad pattern {pattern!r}: {error}") from None


def _anchor_groups(anchors: list, where: str) -> tuple[tuple[str, ...], ...]:
    """``["a", "b"]`` is one group; ``[["a", "b"], ["c"]]`` needs a or b, and c."""
    groups = anchors if anchors and all(isinstance(a, list) for a in anchors) else [anchors]
    if not all(group and all(isinstance(a, str) for a in group) for group in groups):
        raise ValueError(f"{where}: anchors must be a list of words or a list of lists of words")
    return tuple(tuple(anchor.lower() for anchor in group) for group in groups)


def load_signals(path: Path = SIGNALS_PATH) -> SignalSet:
    """Read, check and compile the signal definitions; errors name the file and the signal."""
    path = Path(path)
    raw = path.read_bytes()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{path}: {error}") from None
    vocabulary = data.get("vocabulary", {})
    negation = data.get("negation", {})
    signals = []
    for index, entry in enumerate(data.get("signal", []), start=1):
        where = f"{path}: signal {entry.get('id', f'#{index}')}"
        missing = [key for key in REQUIRED_KEYS if key not in entry]
        if missing:
            raise ValueError(f"{where}: missing {', '.join(missing)}")
        if entry["dimension"] not in DIMENSIONS:
            raise ValueError(f"{where}: dimension {entry['dimension']!r} is not one of {DIMENSIONS}")
        rules = []
        for rule in entry["rule"]:
            rule_where = f"{where}, rule {rule.get('id', '?')}"
            if not rule.get("id") or not rule.get("all") or not rule.get("anchors"):
                raise ValueError(f"{rule_where}: needs id, anchors and all")
            rules.append(Rule(
                rule_id=rule["id"], signal_id=entry["id"],
                anchor_groups=_anchor_groups(rule["anchors"], rule_where),
                patterns=tuple(sorted((_compile(p, vocabulary, rule_where) for p in rule["all"]),
                                      key=lambda compiled: len(compiled.pattern))),
                confidence=float(rule.get("confidence", 0.7)),
            ))
        signals.append(Signal(
            signal_id=entry["id"], dimension=entry["dimension"], label=entry["label"],
            definition=entry["definition"], why_it_matters=entry["why_it_matters"],
            exclusions=tuple(_compile(p, vocabulary, where) for p in entry.get("exclusions", [])),
            rules=tuple(rules), positive_examples=tuple(entry["positive_examples"]),
            negative_examples=tuple(entry["negative_examples"]),
            counts_as_formal=entry.get("counts_as_formal", False) is True,
        ))
    ids = [signal.signal_id for signal in signals]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{path}: duplicate signal ids")
    return SignalSet(
        signals=tuple(signals),
        negation=_compile(negation.get("cues", "(?!)"), vocabulary, f"{path}: negation"),
        empty_box=_compile(negation.get("empty_box", "(?!)"), vocabulary, f"{path}: negation"),
        version=hashlib.sha256(raw).hexdigest()[:12],
    )
