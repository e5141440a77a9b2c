"""Find signal evidence in text, with verbatim quotes and offsets.

Text is cut into units: sentences and list items (a bullet or a numbered item on a new line).
Line breaks inside a unit are read as spaces (PDF text wraps mid-phrase). Every rule's key (its
first pattern) is found in one pass over the text (``pipeline.tag.prefilter``); a rule is tried
only in units where its key may match, first alone and then joined with the next unit when that
carries it on (a window: a forum named in a heading or one sentence, its purpose in the next,
which begins "The Panel ..." or "It ...").
A unit is vetoed for a signal by the signal's exclusions, by a negation cue shortly before a
matched part, or by an empty "involvement implications: none" box.

A roster reader (the ``[roster]`` table of signals.toml) reads names with roles under Present,
In attendance or Membership headings and in member tables: a patient or public role there is a
seat on the body named before the heading or, failing that, on the document's committee; when
nothing names the body (an excerpt), on a committee under minutes' and terms of reference's
headings or for committee roles, else on the board. A seat a rule or the model finds on "the
Board" is a committee seat when the board last named is not the organisation's own (a health
and wellbeing board, a programme board).

A statistical second opinion (``pipeline.tag.model``), when given, reads the text in passages of
about an excerpt's size: it vetoes a rule's tag that it finds very unlikely both in the passage
and in the tag's own text (not the roster reader's: the model reads words, not layout), and adds
a tag the rules missed when it is confident, quoting the passage's sentence it scores highest,
with the words that weighed most as the tag's reason.

Every piece of evidence quotes text on the page: ``quote == " ".join(text[start:end].split())``.
"""

from __future__ import annotations

import bisect
import operator
import re
from dataclasses import dataclass, replace

from pipeline.signals import Rule, SignalSet
from pipeline.tag.model import Model
from pipeline.tag.pdf_text import for_tagging
from pipeline.tag.prefilter import ExclusionFilter, Prefilter, RegionFilter

TAGGER_CODE_VERSION = "9"  # raise it when the same text may be read differently
_PARAGRAPH = re.compile(r"\n\s*\n")
# A sentence ends at a full stop (a literal class the regex engine can scan for quickly, unlike a
# look-behind) followed by a capital. A list item starts a new line with a bullet, a dash, a number
# ("3.2 ") or a bracketed letter or numeral; lines that might start one are found with a cheap
# pattern, then checked.
# A roster block ends at a blank line followed by prose (a long line), not at the blank lines
# that HTML-to-text conversion puts between a roster's names and roles.
_PROSE_BREAK = re.compile(r"\n[ \t]*\n\s*(?=[^\n]{120})")
_SENTENCE_END = re.compile(r"[.!?]([\"'”’)\]]*\s+)(?=[A-Z0-9\"'“‘(•])")
_SPAN = operator.methodcaller("span")
_END = operator.itemgetter(1)
_AFTER_STOP = operator.methodcaller("span", 1)  # a sentence's end: after its full stop
_ITEM_CANDIDATE = re.compile(r"\n[ \t]*[•·▪●○◦‣∙*–(\d-]")
_ITEM = re.compile(r"\n[ \t]*(?:[•·▪●○◦‣∙*–-][ \t]|\(?\d{1,2}(?:\.\d{1,2})*[.)]?[ \t]+[A-Za-z]"
                   r"|\([a-z]\)[ \t]|\([ivx]{1,4}\)[ \t])")
MAX_SENTENCE = 700
MAX_WINDOW = 900
NEGATION_WINDOW = 45  # a negation cue this far before a matched part vetoes it
NEGATION_REACH = 60  # ... or this far into it
NEGATION_AFTER = 80  # a cue of `[negation] after` this far after a matched part vetoes it
ROSTER_BLOCK = 1500  # a roster block ends here at the latest
ROSTER_CONTEXT = 300  # how far before a roster heading to look for the body's name
LEAD_IN = 100  # a roster heading's lead-in line runs at most this far to its colon
ROSTER_QUOTE = 110  # at most this many characters of a long line before the role
_QUOTE_LEAD = " \t:;|–—-"  # not where a roster line's quote starts (the heading's colon, a dash)
PASSAGE = 700  # the model reads passages of at most this many characters (an excerpt's size)
MEMO = 20_000  # passages whose scores are remembered
# A unit that refers back to the one before: a pronoun, or "the" + a kind of forum or role.
_REFERS_BACK = re.compile(
    r"(?:[•·▪●○◦‣∙*–-]\s*)?(?:it|its|they|their|them|this|these|those|he|she|we|our|members|"
    r"(?:the|this|each|our) (?:panel|group|forum|council|network|partnership|collective|assembly|"
    r"congress|jury|role|post|partners?|representatives?|members?|champions?|ambassadors?|"
    r"volunteers?|reps?|prg|ppg|crg|cap|reg|srg|ppeg|psps?))\b")
_LEAD_IN_WORDS = (r"\b(?:include|includes|including|are|will be|shall be|comprises?|consists? of|"
                  r"made up of|as follows|nominated|appointed)\s*:")
_LEAD_IN_END = re.compile(_LEAD_IN_WORDS + r"[ \t]*$", re.IGNORECASE | re.MULTILINE)
_LEAD_IN_COLON = re.compile(_LEAD_IN_WORDS, re.IGNORECASE)
# A board named by no more than "the" ("the Board", "(the Board)", a sentence's "Board members").
_BOARD_MENTION = re.compile(r"\b(?:boards?|governing bod(?:y|ies)|ijbs?)\b")
_BARE = re.compile(r"(?:\A|[^\w\s'’&-]|\b(?:the|this|our|its|that|each|every))\s*\Z")
BOARD_CONTEXT = 600  # how far before a seat to look for the board "the Board" stands for
_NOTHING: frozenset[str] = frozenset()
_FUNCTION_WORDS = {"the", "a", "an", "of", "and", "to", "in", "with", "for", "its", "on", "by",
                   "from", "at", "or", "their", "our", "that", "which", "was", "were", "is", "are"}
_ITEM_MARKS = (";", "|", "•", ",", "\t")  # separate the items of a roster line


@dataclass(frozen=True)
class Evidence:
    signal_id: str
    rule_id: str
    start: int
    end: int
    quote: str
    confidence: float


def squash(text: str) -> str:
    """Line breaks and runs of whitespace as single spaces (how quotes are written)."""
    return " ".join(text.split())


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of sentences and list items; paragraphs and long runs are split too."""
    cuts = list(map(_SPAN, _PARAGRAPH.finditer(text)))
    cuts += map(_AFTER_STOP, _SENTENCE_END.finditer(text))
    cuts += [(m.start(), m.start() + 1) for m in _ITEM_CANDIDATE.finditer(text)
             if _ITEM.match(text, m.start())]
    cuts.sort()
    cuts.append((len(text), len(text)))
    spans = []
    append = spans.append
    start = 0
    for end, next_start in cuts:
        if end < start:
            continue
        while end - start > MAX_SENTENCE:
            cut = text.rfind("\n", start, start + MAX_SENTENCE)
            cut = cut if cut > start else start + MAX_SENTENCE
            _add_trimmed(append, text, start, cut)
            start = cut
        if end > start:
            if text[start].isspace() or text[end - 1].isspace():
                _add_trimmed(append, text, start, end)
            else:
                append((start, end))
        if next_start > start:
            start = next_start
    return spans


def _passages(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs of neighbouring units, each at most ``PASSAGE`` characters long (or one unit), as
    (first, last) unit indexes."""
    groups, first = [], 0
    while first < len(spans):
        last = max(first, bisect.bisect_right(spans, spans[first][0] + PASSAGE, first, key=_END) - 1)
        groups.append((first, last))
        first = last + 1
    return groups


def _add_trimmed(append, text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        append((start, end))


class Matcher:
    """Compiled signal set (and, optionally, the model): ``find(text, committee_name=...)``
    returns evidence."""

    def __init__(self, signal_set: SignalSet, model: Model | None = None):
        self.signal_set = signal_set
        self.model = model
        self.version = f"{TAGGER_CODE_VERSION}-{signal_set.version}"
        if model is not None:
            ids = tuple(signal.signal_id for signal in signal_set.signals)
            if model.signal_ids != ids:
                raise ValueError("the tagger model was trained for other signals than the signal "
                                 "definitions: retrain it with `python -m pipeline tag --train-model`")
            self.version += f"-m{model.version}"
        self._signal_index = {signal.signal_id: i for i, signal in enumerate(signal_set.signals)}
        self._rules: dict[str, Rule] = {}
        keys: dict[str, re.Pattern] = {}  # each rule's first pattern, once, in order
        self._rules_by_key: dict[int, list[str]] = {}
        for signal in signal_set.signals:
            for rule in signal.rules:
                self._rules[rule.rule_id] = rule
                keys.setdefault(rule.patterns[0].pattern, rule.patterns[0])
                self._rules_by_key.setdefault(list(keys).index(rule.patterns[0].pattern),
                                              []).append(rule.rule_id)
        self._prefilter = Prefilter(tuple(keys.values()),
                                    signal_set.roster.role_anchors if signal_set.roster else ())
        numbered: dict[str, tuple[int, re.Pattern]] = {}  # each exclusion once, with its index
        for signal in signal_set.signals:
            for exclusion in signal.exclusions:
                numbered.setdefault(exclusion.pattern, (len(numbered), exclusion))
        self._exclusions = {signal.signal_id: tuple(numbered[exclusion.pattern]
                                                    for exclusion in signal.exclusions)
                            for signal in signal_set.signals}
        self._exclusion_filter = ExclusionFilter(tuple(pattern for _, pattern in numbered.values()))
        roster = signal_set.roster
        self._heading_filter = RegionFilter(roster.headings) if roster is not None else None
        # The model adds no seat on one body where a rule or the roster reader found one on the
        # other: they read which body; the model reads only that a seat is spoken of.
        self._other_seat = {roster.board_signal: roster.committee_signal,
                            roster.committee_signal: roster.board_signal} if roster else {}
        self._candidate_cache: dict[frozenset[int], tuple[str, ...]] = {}
        self._scores: dict[str, list[float]] = {}  # the model's scores of passages (they recur)

    def _negated(self, unit: str, rule: Rule, found: dict[str, re.Match | None]) -> bool:
        """A cue of `[negation] after` just after a matched part ("... is not permitted"); or a
        negation cue shortly before or early in one, unless one of the rule's patterns matches
        from the cue on ("not yet hearing from" is what an inclusion pattern looks for), or the
        cue is inside a match of a pattern that spells it out. ``found`` holds each pattern's
        first match in ``unit``."""
        matches = [(pattern, found[pattern.pattern]) for pattern in rule.patterns]
        after = self.signal_set.negation_after
        if any(after.match(unit, match.end(), match.end() + NEGATION_AFTER) for _, match in matches):
            return True
        for _, match in matches:
            start = max(0, match.start() - NEGATION_WINDOW)
            end = min(match.end(), match.start() + NEGATION_REACH)
            for cue in self.signal_set.negation.finditer(unit, start, end):
                if not any(_starts_within(pattern, unit, cue.start(), cue.end())
                           or _quotes_cue(pattern, other, cue) for pattern, other in matches):
                    return True
        return False

    def _candidates(self, keys: set[int]) -> tuple[str, ...]:
        """The rules whose keys are in ``keys``, sorted (cached: sets recur)."""
        key = frozenset(keys)
        cached = self._candidate_cache.get(key)
        if cached is None:
            cached = tuple(sorted(rule_id for k in key for rule_id in self._rules_by_key[k]))
            if len(self._candidate_cache) < 100_000:
                self._candidate_cache[key] = cached
        return cached

    def _best(self, unit: str, rule_ids, skip: set[str]) -> tuple[dict[str, Rule], bool]:
        """The most confident matching rule per signal (signals in ``skip`` are not tried), and
        whether any tried rule's key matched the unit.

        Patterns are tested once per unit (rules share them), and a signal's exclusions once per
        signal (only those the exclusion filter says may match the unit); negation is checked
        from the most confident matching rule down, and stops at the first that holds."""
        matching: dict[str, list[Rule]] = {}
        tested: dict[str, re.Match | None] = {}
        is_keyed = False
        for rule_id in rule_ids:
            rule = self._rules[rule_id]
            if rule.signal_id in skip:
                continue
            for pattern in rule.patterns:
                if pattern.pattern in tested:
                    matched = tested[pattern.pattern]
                else:
                    matched = tested[pattern.pattern] = pattern.search(unit)
                if matched is None:
                    break
                is_keyed = True
            else:
                matching.setdefault(rule.signal_id, []).append(rule)
        best: dict[str, Rule] = {}
        possible = self._exclusion_filter.possible(unit) if matching else None
        for signal_id, rules in matching.items():
            if any(exclusion.search(unit) for number, exclusion in self._exclusions[signal_id]
                   if possible is None or number in possible):
                continue
            for rule in sorted(rules, key=lambda rule: -rule.confidence):
                if not self._negated(unit, rule, tested):
                    best[signal_id] = rule
                    break
        if best and self.signal_set.empty_box.search(unit):
            return {}, is_keyed
        return best, is_keyed

    def find(self, text: str, committee_name: str | None = None,
             is_board: bool | None = None) -> list[Evidence]:
        """Evidence for every signal in ``text``: one per signal per unit, best rule.

        ``committee_name`` and ``is_board`` (the document's body, as the scrape manifest gives
        it) tell the roster reader whose seat a role on an unheaded roster is. The text is read
        with its PDF artefacts undone (``pipeline.tag.pdf_text``); offsets and quotes are
        ``text``'s own.
        """
        read, origin = for_tagging(text)
        evidence = self._find(read, committee_name, is_board)
        if origin is None:
            return evidence
        on_page = [(origin[item.start], origin[item.end - 1] + 1) for item in evidence]
        return [replace(item, start=start, end=end, quote=squash(text[start:end]))
                for item, (start, end) in zip(evidence, on_page, strict=True)]

    def _find(self, text: str, committee_name: str | None, is_board: bool | None) -> list[Evidence]:
        lowered = text.lower()
        if len(lowered) != len(text):
            lowered = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
        flat = lowered.replace("\n", " ").replace("\r", " ").replace("\t", " ").replace("\xa0", " ")
        spans = None if self._prefilter.is_fast else sentences(text)
        hits = self._prefilter.scan(flat, spans)
        if hits.is_empty:  # no key and no role word anywhere on the page: nothing can fire
            return []
        spans = spans if spans is not None else sentences(text)
        tried = hits.spans_with_keys([start for start, _ in spans])
        fired: dict[int, set[str]] = {}
        keyed: set[int] = set()  # units where a rule's key matched (where the model may add)
        found: list[tuple[int, int, str, str, float]] = []
        for index in sorted(tried):
            start, end = spans[index]
            keys = hits.keys(start, end)
            if not keys:
                continue
            best, is_keyed = self._best(flat[start:end], self._candidates(keys), _NOTHING)
            if is_keyed:
                keyed.add(index)
            for signal_id, rule in best.items():
                fired.setdefault(index, set()).add(signal_id)
                found.append((start, end, signal_id, rule.rule_id, rule.confidence))
        for index in sorted(tried | {i - 1 for i in tried if i > 0}):
            if index + 1 >= len(spans):
                continue
            start, end = spans[index][0], spans[index + 1][1]
            if end - start > MAX_WINDOW or not _continues(text, flat, spans[index], spans[index + 1]):
                continue
            rule_ids = [rule_id for rule_id in self._candidates(hits.keys(start, end))
                        if self._rules[rule_id].is_windowed]
            if not rule_ids:
                continue
            skip = fired.get(index, set()) | fired.get(index + 1, set())
            for signal_id, rule in self._best(flat[start:end], rule_ids, skip)[0].items():
                found.append((start, end, signal_id, f"{rule.rule_id}+window", rule.confidence))
        found = self._retarget(flat, found)
        if hits.roles_at is not None:
            found += self._rosters(text, flat, spans, hits.roles_at, committee_name, is_board)
        if self.model is not None and spans and (found or keyed):
            found = self._retarget(flat, self._second_opinion(flat, spans, keyed, found))
        evidence, seen = [], set()
        for start, end, signal_id, rule_id, confidence in sorted(found):
            if (signal_id, start, end) in seen:
                continue
            seen.add((signal_id, start, end))
            evidence.append(Evidence(signal_id, rule_id, start, end, squash(text[start:end]),
                                     confidence))
        return evidence

    def _retarget(self, flat: str, found: list[tuple[int, int, str, str, float]]):
        """``found`` with a board seat that a rule or the model tagged on a unit naming no board
        but "the Board", after another body's board is named ("Bury Health and Wellbeing Board
        (the Board) ... The Board brings together ... HealthWatch"), made a committee seat. The
        deciding name is the unit's last board named with more than "the", else the last one in
        the ``BOARD_CONTEXT`` characters before it; the roster reader finds its body itself."""
        roster = self.signal_set.roster
        if roster is None or roster.other_boards is None:
            return found
        retargeted = []
        for start, end, signal_id, rule_id, confidence in found:
            if (signal_id == roster.board_signal and not rule_id.startswith("roster")
                    and self._other_board(flat, start, end)):
                signal_id, rule_id = roster.committee_signal, f"{rule_id}+body"
            retargeted.append((start, end, signal_id, rule_id, confidence))
        return retargeted

    def _other_board(self, flat: str, start: int, end: int) -> bool:
        """Whether the board flat[start:end] speaks of is one of the roster's ``other_boards``."""
        context_start = max(0, start - BOARD_CONTEXT)
        for low, high in ((start, end), (context_start, start)):
            for mention in reversed(list(_BOARD_MENTION.finditer(flat, low, high))):
                if not _BARE.search(flat, max(0, mention.start() - 20), mention.start()):
                    return bool(self.signal_set.roster.other_boards.search(
                        flat, max(context_start, mention.start() - 80), mention.end()))
        return False

    def _second_opinion(self, flat: str, spans: list[tuple[int, int]], keyed: set[int],
                        found: list[tuple[int, int, str, str, float]]):
        """``found`` less the tags the model vetoes, plus those it adds in passages where some
        rule's key matched a unit (``keyed``). A tag is vetoed when both its passage and its own
        quoted text are unlikely for its signal (one involvement sentence in a long paragraph
        about something else is not diluted away); a roster reader's tag never is."""
        model, memo = self.model, self._scores
        groups = _passages(spans)
        starts = [spans[first][0] for first, _ in groups]

        def score(start: int, end: int) -> list[float]:
            passage = flat[start:end]
            scores = memo.get(passage)
            if scores is None:
                scores = model.scores(passage).tolist()
                if len(memo) >= MEMO:
                    memo.clear()
                memo[passage] = scores
            return scores

        def opinion(group: int) -> list[float]:
            first, last = groups[group]
            return score(spans[first][0], spans[last][1])

        kept, tagged = [], set()
        for item in found:
            group = bisect.bisect_right(starts, item[0]) - 1
            index = self._signal_index[item[2]]
            if (item[3].startswith("roster")  # the model reads words, not a roster's layout
                    or opinion(group)[index] >= model.veto_below
                    or score(item[0], item[1])[index] >= model.veto_below):
                kept.append(item)
                tagged.add((group, item[2]))
        firsts = [first for first, _ in groups]
        for group in sorted({bisect.bisect_right(firsts, index) - 1 for index in keyed}):
            first, last = groups[group]
            for column, (signal_id, probability) in enumerate(zip(model.signal_ids,
                                                                 opinion(group), strict=True)):
                if (probability <= model.add_above or (group, signal_id) in tagged
                        or (group, self._other_seat.get(signal_id)) in tagged):
                    continue
                start, end = max(spans[first:last + 1], key=lambda span: score(*span)[column])
                passage = flat[spans[first][0]:spans[last][1]]
                if self._vetoed(flat[start:end], signal_id, passage):
                    continue
                reasons = model.reasons(passage, signal_id)
                kept.append((start, end, signal_id, f"model[{'; '.join(reasons)}]",
                             round(probability, 2)))
        return kept

    def _vetoed(self, unit: str, signal_id: str, passage: str) -> bool:
        """A unit of ``passage`` the model may not tag for ``signal_id``: an empty "involvement
        implications: none" box; a negation cue shortly before the word that weighed most in the
        unit ("members of the public may not ask questions"), or one of `[negation] after` just
        after it in the unit or the passage ("asking questions ... is not permitted"); or, for a
        seat on the board or a committee, a unit with a lay role of another portfolio and no
        patient or public role ("Lay Member for Audit")."""
        if self.signal_set.empty_box.search(unit):
            return True
        roster = self.signal_set.roster
        if (roster is not None and roster.other_roles is not None
                and signal_id in (roster.board_signal, roster.committee_signal)
                and roster.other_roles.search(unit) and not roster.roles.search(unit)):
            return True
        negation, after = self.signal_set.negation, self.signal_set.negation_after
        for text, reads_before in ((unit, True), (passage, False)):  # cues before: the unit only
            for reason in self.model.reasons(text, signal_id, count=1):
                at = text.find(reason)
                if at < 0:
                    continue
                end = at + len(reason)
                if ((reads_before and negation.search(text, max(0, at - NEGATION_WINDOW), end))
                        or after.match(text, end, end + NEGATION_AFTER)):
                    return True
        return False

    def _body(self, named: tuple[str, ...], committee_name: str | None,
              is_board: bool | None) -> str | None:
        """Whose seat: the body named in ``named`` (texts as on the page: the heading, then the
        text before it), else the document's committee. In running text a group, panel or forum
        is a body only when capitalised as a name ("the Quality Group", not "a wider group").
        A patients' own body (``forums``: a PPG, a patients' council) holds no seats: ``""``."""
        roster = self.signal_set.roster
        for text in named:
            if roster.forums is not None and roster.forums.search(text.lower()):
                return ""
            if _names_committee(roster.committee, text):
                return roster.committee_signal
            if roster.board.search(text.lower()):
                return roster.board_signal
        name = (committee_name or "").lower()
        if roster.forums is not None and roster.forums.search(name):
            return ""
        if is_board is not None:
            return roster.board_signal if is_board else roster.committee_signal
        if roster.committee.search(name):
            return roster.committee_signal
        if roster.board.search(name):
            return roster.board_signal
        return None

    def _unnamed_body(self, role: str, heading: str = "") -> str:
        """Whose seat ``role`` is when nothing names the body (an excerpt, a page without its
        heading): a committee's when the role is one that sits on committees ("Patient Safety
        Partner", the roster's ``committee_roles``) or the heading is one whose rosters are
        mostly committees' ("Membership", "Apologies", "Present", its ``committee_headings``);
        else the board's ("Voting members: ... Lay Member for PPI")."""
        roster = self.signal_set.roster
        if roster.committee_roles is not None and roster.committee_roles.search(role):
            return roster.committee_signal
        if roster.committee_headings is not None and roster.committee_headings.search(heading):
            return roster.committee_signal
        return roster.board_signal

    def _rosters(self, text: str, flat: str, spans: list[tuple[int, int]],
                 roles_at: tuple[int, int], committee_name: str | None,
                 is_board: bool | None) -> list[tuple]:
        """Patient and public roles listed under roster headings, quoted by their line, and
        roles speaking in minutes, quoted by their sentence. ``roles_at`` is where the first and
        last role words end: only text within a block's reach of them is searched."""
        roster = self.signal_set.roster
        if roster is None:
            return []
        hits = []
        reach = max(0, roles_at[0] - ROSTER_BLOCK - 200), roles_at[1]
        headings = [heading for heading in roster.headings.finditer(flat, *reach)
                    if _is_heading(text, heading.start(), heading.end())
                    ] if self._heading_filter.may_match(flat, *reach) else []
        for number, heading in enumerate(headings):
            block_end = min(len(text), heading.end() + ROSTER_BLOCK)
            if number + 1 < len(headings):
                block_end = min(block_end, headings[number + 1].start())
            for stop in (_PROSE_BREAK.search(text, heading.end(), block_end),
                         roster.ends.search(flat, heading.end(), block_end)):
                if stop:
                    block_end = min(block_end, stop.start())
            roles = list(roster.roles.finditer(flat, heading.end(), block_end))
            if not roles:
                continue
            lead_in_end = _lead_in_end(text, heading.end())
            named = (text[heading.start():lead_in_end],
                     text[max(0, heading.start() - ROSTER_CONTEXT):heading.start()])
            body_signal = self._body(named, committee_name, is_board)
            if body_signal == "":
                continue
            for role in roles:
                signal_id = body_signal or self._unnamed_body(role[0], heading[0])
                item_start = max(flat.rfind(mark, heading.end(), role.start()) for mark in _ITEM_MARKS) + 1
                item_end = min((i for i in (flat.find(mark, role.end(), block_end)
                                            for mark in _ITEM_MARKS) if i != -1), default=block_end)
                item = flat[max(item_start, heading.end()):item_end]
                if roster.not_roles.search(item) or self.signal_set.negation.search(item):
                    continue
                start = max(text.rfind("\n", heading.end(), role.start()) + 1, heading.end(),
                            role.start() - ROSTER_QUOTE)
                line_end = text.find("\n", role.end(), block_end)
                end = line_end if line_end != -1 else block_end
                while start < role.start() and start > heading.end() and not text[start - 1].isspace():
                    start += 1
                while start < role.start() and text[start] in _QUOTE_LEAD:  # ": Ann Lee ..."
                    start += 1
                while end > role.end() and text[end - 1].isspace():
                    end -= 1
                hits.append((start, end, signal_id, "roster", roster.confidence))
        starts = [start for start, _ in spans]
        for speaker in roster.speakers.finditer(flat, max(0, roles_at[0] - 200),
                                                min(len(flat), roles_at[1] + 200)):
            index = bisect.bisect_right(starts, speaker.start()) - 1
            if index < 0:
                continue
            start, end = spans[index]
            if roster.not_roles.search(flat, start, end):
                continue
            signal_id = self._body((), committee_name, is_board)
            if signal_id is None:
                signal_id = self._body((text[start:end],), None, None)
            if signal_id == "":
                continue
            signal_id = signal_id or self._unnamed_body(speaker[0])
            hits.append((start, end, signal_id, "roster_speaker", roster.confidence))
        return hits


def _quotes_cue(pattern: re.Pattern, match: re.Match, cue: re.Match) -> bool:
    """Whether ``match`` covers ``cue`` because its pattern spells the negation out ("people who
    do not usually take part" is what an inclusion pattern looks for)."""
    return (match.start() <= cue.start() and cue.end() <= match.end()
            and re.search(rf"\b{re.escape(cue[0])}\b", pattern.pattern) is not None)


def _starts_within(pattern: re.Pattern, unit: str, start: int, end: int) -> bool:
    """Whether ``pattern`` has a match that starts between ``start`` and ``end``."""
    found = pattern.search(unit, start)
    return found is not None and found.start() < end


def _continues(text: str, flat: str, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Whether the second unit carries on the first: the first is a lead-in (ends in a colon) or
    a heading (mostly capitalised words, or a few words without a full stop), or the second
    refers back to it ("The Panel ...", "They ...")."""
    if _REFERS_BACK.match(flat, second[0]):
        return True
    last = flat[first[1] - 1]
    if last == ":":
        return True
    if last in ".!?;,":
        return False
    words = text[first[0]:first[1]].split()
    if len(words) > 14:
        return False
    if len(words) <= 5 and words[-1].lower() not in _FUNCTION_WORDS:
        return True
    return sum(word[0].isupper() for word in words) * 2 >= len(words)


def _is_heading(text: str, start: int, end: int) -> bool:
    """A roster heading ends in a colon, dash, bar or line break, or (in run-on PDF text) is
    capitalised and followed by a capitalised name: "Present Ann Smith (AS) ...", or is a lead-in
    line ending in a colon ("Non-voting members who must be appointed to each IJB include:")."""
    after = text[end:end + 3].lstrip(" \t")
    if not after or after[0] in ":-–—|\n(":
        return True
    line_end = text.find("\n", end)
    if line_end != -1 and _is_lead_in(text, end, line_end):
        return True
    return text[start].isupper() and after[0].isupper()


def _is_lead_in(text: str, end: int, line_end: int) -> bool:
    """Whether the line from a heading word to ``line_end`` is a short lead-in that ends by
    introducing the members ("... include:", "... will be:", "... are as follows:")."""
    return line_end - end <= LEAD_IN and _LEAD_IN_END.search(text, end, line_end) is not None


def _lead_in_end(text: str, end: int) -> int:
    """Where the lead-in of the heading word ending at ``end`` ends: at its line's end when the
    line is a short lead-in that ends by introducing the members ("... include:", "... will be:",
    "... are as follows:"); in run-on PDF text, where the members follow on the same line, just
    after such a colon within ``LEAD_IN`` characters ("The membership of the Practice PPG shall
    include: Patient representatives ..."); else at ``end``."""
    line_end = text.find("\n", end)
    if line_end != -1 and _is_lead_in(text, end, line_end):
        return line_end
    line_end = len(text) if line_end == -1 else line_end
    colon = _LEAD_IN_COLON.search(text, end, min(line_end, end + LEAD_IN))
    return colon.end() if colon else end


def _names_committee(pattern: re.Pattern, text: str) -> bool:
    """Whether ``text`` names a committee: "committee" in any case, other body words (group,
    panel, forum, council) capitalised."""
    lowered = text.lower()
    for match in pattern.finditer(lowered):
        word = text[match.start():match.end()] if len(lowered) == len(text) else match[0].title()
        if word[0].isupper() or match[0].startswith(("committee", "sub")):
            return True
    return False
