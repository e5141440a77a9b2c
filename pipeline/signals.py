"""Load and check the signal definitions in ``pipeline/signals.toml``."""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

SIGNALS_PATH = Path(__file__).resolve().with_name("signals.toml")
DIMENSIONS = ("structures", "processes", "policies")
_UPPER_CASE = re.compile(r"(?<!\\)[A-Z]")  # an upper-case letter that is not an escape like \S
REQUIRED_KEYS = ("id", "dimension", "label", "definition", "why_it_matters", "positive_examples",
                 "negative_examples", "author", "reviewer", "review_date", "rule")


@dataclass(frozen=True)
class Rule:
    """All ``patterns`` must match. The first is the rule's key: the rule is tried only where the
    key may match, so it is the rarest, most specific of them."""

    rule_id: str
    signal_id: str
    patterns: tuple[re.Pattern, ...]
    confidence: float
    is_windowed: bool = True  # also tried on two neighbouring sentences or list items
    review_date: str | None = None  # when a person last reviewed it as it is; None: awaiting review


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
    reviewer: str = ""
    review_date: str = ""  # the definition's last review by a person
    # Per exclusion, when a person last reviewed it as it is (None: added or changed since).
    exclusion_review_dates: tuple[str | None, ...] = ()

    def reviewed_rule_count(self) -> int:
        """Rules that are as a person last reviewed them (``review_date`` set on the rule)."""
        return sum(rule.review_date is not None for rule in self.rules)

    def reviewed_exclusion_count(self) -> int:
        """Exclusions that are as a person last reviewed them."""
        return sum(reviewed is not None for reviewed in self.exclusion_review_dates)


@dataclass(frozen=True)
class Roster:
    """How to read names with roles under Present / In attendance / Membership headings."""

    headings: re.Pattern  # a heading that opens a roster block
    ends: re.Pattern  # a heading or item that closes one
    roles: re.Pattern  # a role on a roster line that is a patient or public seat
    not_roles: re.Pattern  # a roster item that only looks like one (observers, the public gallery)
    speakers: re.Pattern  # a role speaking in minutes ("The Service User Representative asked")
    board: re.Pattern  # a body name that is a board (else a committee, when `committee` matches)
    committee: re.Pattern
    board_signal: str
    committee_signal: str
    confidence: float
    role_anchors: tuple[str, ...] = ()  # literals, one of which every role contains
    # Whose seat a role is when neither the text nor the document names the body: a committee's
    # when this matches the role ("patient safety partner"), else the board's.
    committee_roles: re.Pattern | None = None
    # ... and when this matches the roster's heading ("Membership", "Apologies").
    committee_headings: re.Pattern | None = None
    # A body whose roster lists its own members (a patients' council, a PPG): no seat is tagged.
    forums: re.Pattern | None = None
    # A lay role with another portfolio ("Lay Member for Audit"): the model adds no seat for it.
    other_roles: re.Pattern | None = None
    # A board that is not the organisation's own (a health and wellbeing board, a programme
    # board): a seat on a bare "the Board" after one is named is a committee seat.
    other_boards: re.Pattern | None = None


@dataclass(frozen=True)
class SignalSet:
    signals: tuple[Signal, ...]
    negation: re.Pattern
    empty_box: re.Pattern
    # A cue that negates what comes just before it ("asking questions ... is not permitted").
    negation_after: re.Pattern
    version: str
    roster: Roster | None = None

    def by_id(self) -> dict[str, Signal]:
        return {signal.signal_id: signal for signal in self.signals}

    def ids(self) -> tuple[str, ...]:
        return tuple(signal.signal_id for signal in self.signals)

    def formal_ids(self) -> tuple[str, ...]:
        """The signals that count as formal involvement (``counts_as_formal = true``)."""
        return tuple(signal.signal_id for signal in self.signals if signal.counts_as_formal)


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


def _is_list_of_strings(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _iso_date(value, where: str) -> str:
    """``value`` when it is a date written YYYY-MM-DD (a one-line error naming ``where`` if not)."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            date.fromisoformat(value)
            return value
        except ValueError:
            pass
    raise ValueError(f"{where}: review_date must be a date written YYYY-MM-DD, not {value!r}")


def _signal_review(entry, where: str) -> tuple[str, str]:
    """A signal's ``reviewer`` (a name) and ``review_date``: an ISO date, not later than today (a
    review that has not happened is not recorded). A TOML date (no quotes) is read as written."""
    reviewer, value = entry["reviewer"], entry["review_date"]
    if not isinstance(reviewer, str) or not reviewer.strip():
        raise ValueError(f"{where}: reviewer must name the person who reviewed the definition")
    if isinstance(value, date):
        value = value.isoformat()
    written = _iso_date(value, where)
    if date.fromisoformat(written) > date.today():
        raise ValueError(f"{where}: review_date {written} is in the future; record a review when a "
                         "person has made it")
    return reviewer, written


def _review_date(value, signal_date: str, where: str) -> str:
    """A rule's or exclusion's ``review_date``: an ISO date no later than its signal's review (a
    person who reviews a rule reviews its signal's definition too)."""
    if _iso_date(value, where) > signal_date:
        raise ValueError(f"{where}: review_date {value} is after the signal's review_date "
                         f"{signal_date}")
    return value


def reading_fingerprint(patterns: tuple[re.Pattern, ...]) -> str:
    """What a rule or exclusion reads, its patterns with the vocabulary expanded, as 12 hex
    digits: a review records it as ``reviewed_as``, so a later change shows."""
    return hashlib.sha256("\n".join(p.pattern for p in patterns).encode("utf-8")).hexdigest()[:12]


def _as_reviewed(item: dict, patterns: tuple[re.Pattern, ...], signal_date: str,
                 where: str) -> str | None:
    """An item's ``review_date`` when it still reads as its ``reviewed_as`` records (None when it
    carries no review). A reviewed item whose pattern, or a vocabulary entry it uses, has changed
    since is refused: a change must not silently keep a review mark."""
    reviewed, recorded = item.get("review_date"), item.get("reviewed_as")
    if reviewed is None:
        if recorded is not None:
            raise ValueError(f"{where}: reviewed_as needs the review_date of that review")
        return None
    reviewed = _review_date(reviewed, signal_date, where)
    reads = reading_fingerprint(patterns)
    if recorded != reads:
        found = "has no reviewed_as" if recorded is None else \
            f"reads {reads}, not {recorded!r} as reviewed on {reviewed}"
        raise ValueError(f"{where}: {found}; if a person has reviewed it as it reads now, record "
                         f'that day and reviewed_as = "{reads}", else remove review_date and '
                         f"reviewed_as (it awaits review)")
    return reviewed


def _exclusions(entry, vocabulary: dict[str, str], signal_date: str, where: str
                ) -> tuple[tuple[re.Pattern, ...], tuple[str | None, ...]]:
    """A signal's exclusions, each a pattern (added or changed since the last review) or a
    ``{ pattern = "...", review_date = "YYYY-MM-DD", reviewed_as = "..." }`` table (as a person
    reviewed it then)."""
    patterns, dates = [], []
    for number, item in enumerate(entry.get("exclusions", []), start=1):
        if isinstance(item, dict) and isinstance(item.get("pattern"), str) \
                and set(item) <= {"pattern", "review_date", "reviewed_as"}:
            compiled = _compile(item["pattern"], vocabulary, where)
            dates.append(_as_reviewed(item, (compiled,), signal_date,
                                      f"{where}, exclusion {number}"))
        elif isinstance(item, str):
            compiled = _compile(item, vocabulary, where)
            dates.append(None)
        else:
            raise ValueError(f"{where}: exclusion {number} must be a pattern or a table with "
                             f"pattern, review_date and reviewed_as")
        patterns.append(compiled)
    return tuple(patterns), tuple(dates)


def _roster(entry, vocabulary: dict[str, str], ids: set[str], where: str) -> Roster | None:
    if entry is None:
        return None
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: [roster] must be a table")
    patterns = ("headings", "ends", "roles", "not_roles", "speakers", "board", "committee")
    missing = [key for key in (*patterns, "board_signal", "committee_signal") if key not in entry]
    if missing:
        raise ValueError(f"{where}: missing {', '.join(missing)}")
    for key in patterns:
        if not isinstance(entry[key], str):
            raise ValueError(f"{where}: {key} must be a pattern (a string)")
    for key in ("board_signal", "committee_signal"):
        if entry[key] not in ids:
            raise ValueError(f"{where}: {key} {entry[key]!r} is not a signal id")
    confidence = entry.get("confidence", 0.8)
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)):
        raise ValueError(f"{where}: confidence must be a number from 0 to 1, not {confidence!r}")
    compiled = {key: _compile(entry[key], vocabulary, f"{where}, {key}") for key in patterns}
    role_anchors = entry.get("role_anchors", [])
    if not role_anchors or not _is_list_of_strings(role_anchors) or _UPPER_CASE.search("".join(role_anchors)):
        raise ValueError(f"{where}: role_anchors must be a list of lower-case words")
    optional = {}
    for key in ("committee_roles", "committee_headings", "forums", "other_roles", "other_boards"):
        if entry.get(key) is not None and not isinstance(entry[key], str):
            raise ValueError(f"{where}: {key} must be a pattern (a string)")
        if entry.get(key):
            optional[key] = _compile(entry[key], vocabulary, f"{where}, {key}")
    return Roster(**compiled, board_signal=entry["board_signal"],
                  committee_signal=entry["committee_signal"], confidence=float(confidence),
                  role_anchors=tuple(role_anchors), **optional)


def load_signals(path: Path = SIGNALS_PATH) -> SignalSet:
    """Read, check and compile the signal definitions; errors name the file and the signal."""
    path = Path(path)
    raw = path.read_bytes()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: not UTF-8 ({error.reason} at byte {error.start})") from None
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{path}: {' '.join(str(error).split())}") from None
    vocabulary = data.get("vocabulary", {})
    negation = data.get("negation", {})
    if not isinstance(vocabulary, dict) or not all(isinstance(v, str) for v in vocabulary.values()):
        raise ValueError(f"{path}: [vocabulary] must map names to patterns (strings)")
    if not isinstance(data.get("signal", []), list) or not all(
            isinstance(entry, dict) for entry in data.get("signal", [])):
        raise ValueError(f"{path}: signal must be a list of [[signal]] tables")
    signals = []
    for index, entry in enumerate(data.get("signal", []), start=1):
        where = f"{path}: signal {entry.get('id', f'#{index}')}"
        missing = [key for key in REQUIRED_KEYS if key not in entry]
        if missing:
            raise ValueError(f"{where}: missing {', '.join(missing)}")
        if entry["dimension"] not in DIMENSIONS:
            raise ValueError(f"{where}: dimension {entry['dimension']!r} is not one of {DIMENSIONS}")
        if not isinstance(entry["rule"], list) or not all(isinstance(r, dict) for r in entry["rule"]):
            raise ValueError(f"{where}: rule must be a list of [[signal.rule]] tables")
        if not isinstance(entry.get("exclusions", []), list):
            raise ValueError(f"{where}: exclusions must be a list")
        for key in ("positive_examples", "negative_examples"):
            if not _is_list_of_strings(entry.get(key, [])):
                raise ValueError(f"{where}: {key} must be a list of strings")
        if not isinstance(entry.get("counts_as_formal", False), bool):
            raise ValueError(f"{where}: counts_as_formal must be true or false")
        reviewer, signal_date = _signal_review(entry, where)
        rules = []
        for rule in entry["rule"]:
            rule_where = f"{where}, rule {rule.get('id', '?')}"
            if not rule.get("id") or not rule.get("all"):
                raise ValueError(f"{rule_where}: needs id and all")
            if not _is_list_of_strings(rule["all"]):
                raise ValueError(f"{rule_where}: all must be a list of patterns")
            confidence = rule.get("confidence", 0.7)
            if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) \
                    or not 0 <= confidence <= 1:
                raise ValueError(f"{rule_where}: confidence must be a number from 0 to 1, "
                                 f"not {confidence!r}")
            if not isinstance(rule.get("window", True), bool):
                raise ValueError(f"{rule_where}: window must be true or false")
            patterns = tuple(_compile(p, vocabulary, rule_where) for p in rule["all"])
            rules.append(Rule(
                rule_id=rule["id"], signal_id=entry["id"], patterns=patterns,
                confidence=float(confidence),
                is_windowed=rule.get("window", True),
                review_date=_as_reviewed(rule, patterns, signal_date, rule_where),
            ))
        exclusions, exclusion_review_dates = _exclusions(entry, vocabulary, signal_date, where)
        signals.append(Signal(
            signal_id=entry["id"], dimension=entry["dimension"], label=entry["label"],
            definition=entry["definition"], why_it_matters=entry["why_it_matters"],
            exclusions=exclusions, exclusion_review_dates=exclusion_review_dates,
            rules=tuple(rules), positive_examples=tuple(entry["positive_examples"]),
            negative_examples=tuple(entry["negative_examples"]),
            counts_as_formal=entry.get("counts_as_formal", False) is True,
            reviewer=reviewer, review_date=signal_date,
        ))
    ids = [signal.signal_id for signal in signals]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{path}: duplicate signal ids")
    return SignalSet(
        roster=_roster(data.get("roster"), vocabulary, set(ids), f"{path}: roster"),
        signals=tuple(signals),
        negation=_compile(negation.get("cues", "(?!)"), vocabulary, f"{path}: negation"),
        empty_box=_compile(negation.get("empty_box", "(?!)"), vocabulary, f"{path}: negation"),
        negation_after=_compile(negation.get("after", "(?!)"), vocabulary, f"{path}: negation"),
        version=hashlib.sha256(raw).hexdigest()[:12],
    )
