"""Find signal evidence in text, sentence by sentence, with verbatim quotes and offsets.

Line breaks inside a sentence are read as spaces (PDF text wraps mid-phrase). All rules' anchor
words are compiled into one Aho-Corasick automaton, run once over the text; only
sentences containing an anchor are tried against the rules' regular expressions. A sentence is
vetoed for a signal by the signal's exclusions, by a negation cue shortly before a matched part,
or by an empty "involvement implications: none" box.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import ahocorasick

from pipeline.tag.signals import Rule, SignalSet

TAGGER_CODE_VERSION = "1"
_PARAGRAPH = re.compile(r"\n\s*\n")
# Starts at the full stop (a literal class the regex engine can scan for quickly, unlike a
# look-behind); the sentence ends just after it.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[A-Z0-9\"'“‘(•])")
MAX_SENTENCE = 700
NEGATION_WINDOW = 45


@dataclass(frozen=True)
class Evidence:
    signal_id: str
    rule_id: str
    start: int
    end: int
    quote: str
    confidence: float


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of sentences; paragraphs and long runs are split too."""
    spans = []
    position = 0
    for block in [*_PARAGRAPH.finditer(text), None]:
        end = block.start() if block else len(text)
        start = position
        for boundary in _SENTENCE_END.finditer(text, position, end):
            spans.append((start, boundary.start() + 1))
            start = boundary.end()
        spans.append((start, end))
        position = block.end() if block else len(text)
    out = []
    for start, end in spans:
        while end - start > MAX_SENTENCE:
            cut = text.rfind("\n", start, start + MAX_SENTENCE)
            cut = cut if cut > start else start + MAX_SENTENCE
            out.append((start, cut))
            start = cut
        out.append((start, end))
    trimmed = []
    for start, end in out:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            trimmed.append((start, end))
    return trimmed


class Matcher:
    """Compiled signal set: ``find(text)`` returns evidence."""

    def __init__(self, signal_set: SignalSet):
        self.signal_set = signal_set
        self.version = f"{TAGGER_CODE_VERSION}-{signal_set.version}"
        self._signals = signal_set.by_id()
        self._rules: dict[str, Rule] = {}
        self._first_group: dict[str, set[str]] = {}
        anchors: set[str] = set()
        for signal in signal_set.signals:
            for rule in signal.rules:
                self._rules[rule.rule_id] = rule
                for anchor in rule.anchor_groups[0]:
                    self._first_group.setdefault(anchor, set()).add(rule.rule_id)
                anchors.update(anchor for group in rule.anchor_groups for anchor in group)
        self._automaton = ahocorasick.Automaton()
        for anchor in anchors:
            self._automaton.add_word(anchor, anchor)
        self._automaton.make_automaton()

    def _negated(self, sentence: str, rule: Rule) -> bool:
        for pattern in rule.patterns:
            match = pattern.search(sentence)
            window = sentence[max(0, match.start() - NEGATION_WINDOW):match.end()]
            if self.signal_set.negation.search(window):
                return True
        return False

    def find(self, text: str) -> list[Evidence]:
        """Evidence for every signal in ``text``: one per signal per sentence, best rule."""
        lowered = text.lower()
        if len(lowered) != len(text):
            lowered = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
        flat = lowered.replace("\n", " ").replace("\r", " ").replace("\t", " ").replace("\xa0", " ")
        spans = sentences(text)
        starts = [start for start, _ in spans]
        found: dict[int, set[str]] = {}
        for end_index, anchor in self._automaton.iter(flat):
            index = bisect.bisect_right(starts, end_index) - 1
            if index >= 0 and end_index < spans[index][1]:
                found.setdefault(index, set()).add(anchor)
        candidates = {}
        for index, anchors in found.items():
            rule_ids = {rule_id for anchor in anchors for rule_id in self._first_group.get(anchor, ())}
            rule_ids = {rule_id for rule_id in rule_ids
                        if all(anchors.intersection(group)
                               for group in self._rules[rule_id].anchor_groups[1:])}
            if rule_ids:
                candidates[index] = rule_ids
        evidence = []
        for index in sorted(candidates):
            start, end = spans[index]
            sentence = flat[start:end]
            best: dict[str, Rule] = {}
            for rule_id in sorted(candidates[index]):
                rule = self._rules[rule_id]
                if not all(pattern.search(sentence) for pattern in rule.patterns):
                    continue
                signal = self._signals[rule.signal_id]
                if any(exclusion.search(sentence) for exclusion in signal.exclusions):
                    continue
                if self._negated(sentence, rule):
                    continue
                if rule.signal_id not in best or rule.confidence > best[rule.signal_id].confidence:
                    best[rule.signal_id] = rule
            if best and self.signal_set.empty_box.search(sentence):
                continue
            for signal_id, rule in sorted(best.items()):
                evidence.append(Evidence(signal_id, rule.rule_id, start, end, text[start:end],
                                         rule.confidence))
        return evidence
