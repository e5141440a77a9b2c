r"""Where on a page the rules may match: every rule's key (its first pattern) and the roster's role
words, found in one pass over the page's lower-cased text.

With Hyperscan installed (wheels for x86-64 Linux, macOS and Windows), all keys are compiled into
one database in prefilter mode: Hyperscan reports every offset at which a key may end, a superset
of where Python's ``re`` would find it (prefilter mode widens what it cannot match exactly, such
as look-arounds). The matcher then tries a rule only in units and windows where its key may end,
and ``re`` decides. Hyperscan reads ``\w``, ``\d``, ``\s`` and ``\b`` as ASCII (its Unicode mode
takes a minute to compile these keys), so it scans a copy of the page in which every other letter
reads "x", digit "0" and space " ", as Python's Unicode classes read them; keys may not contain
such characters themselves. Without Hyperscan, the keys found anywhere on the page are searched
for in each unit with ``re``: the same evidence (a test compares the two on the dev set and the
demo), several times slower.

A key should be a pattern that prefilter mode cannot widen much: not one that starts with a
look-ahead followed by a loose run such as ``[^.]{0,110}``. It may not use ``^`` or ``$``: the page
is scanned whole, so they would not mean the start and end of a unit.

The signals' exclusions are found the same way, but a unit at a time (``ExclusionFilter``): they
are tested only in units where some rule matched, and many are loose patterns that would report
all over a page. ``re`` then searches only for the exclusions that may match the unit. The
roster's headings are looked for in the same way, in the stretch of a page around its role words
(``RegionFilter``).
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import os
import re
from pathlib import Path

from pipeline.tag.characters import non_ascii

try:
    import hyperscan
except ImportError:  # no wheel for this platform (e.g. Linux on ARM): the slower exact path
    hyperscan = None

_CACHE_DIR = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "icb-atlas" / "hyperscan"
_CONTROL_SPACES = "\x1c\x1d\x1e\x1f"  # spaces to Python's re, not to Hyperscan
_ANCHORED = re.compile(r"(?<!\\)[\^$]")  # ^ or $ outside a character class's escape


class Hits:
    """The keys that may match within a span of the page: ``keys(start, end)``."""

    def __init__(self, flat: str, ends: list[int], key_ids: list[int],
                 roles_at: tuple[int, int] | None, searched: tuple[tuple[int, re.Pattern], ...] = ()):
        self._flat = flat
        self._ends = ends  # sorted offsets where a key may end (Hyperscan) ...
        self._key_ids = key_ids  # ... and the key each belongs to
        self._searched = searched  # without Hyperscan: the keys found on the page, to search for
        self.roles_at = roles_at  # offsets of the last characters of the first and last role words

    def keys(self, start: int, end: int) -> set[int]:
        """Indexes of the keys that may match inside ``flat[start:end]``."""
        if self._searched:
            unit = self._flat[start:end]
            return {number for number, key in self._searched if key.search(unit)}
        low = bisect.bisect_right(self._ends, start)
        high = bisect.bisect_right(self._ends, end, low)
        return set(self._key_ids[low:high])

    @property
    def is_empty(self) -> bool:
        """No key may match anywhere on the page, and no role word is on it."""
        return not self._ends and not self._searched and self.roles_at is None

    def spans_with_keys(self, starts: list[int]) -> set[int]:
        """Indexes of the spans (by their ``starts``) where a key may end inside or just after
        (in the gap before the next span)."""
        if self._searched:
            return set(range(len(starts)))  # (no keys on the page: no ends, so no spans)
        return {bisect.bisect_right(starts, end - 1) - 1 for end in self._ends} - {-1}


class Prefilter:
    """Compiled keys and role words; ``scan(flat)`` returns the page's ``Hits``."""

    def __init__(self, keys: tuple[re.Pattern, ...], role_words: tuple[str, ...]):
        for key in keys:
            if _ANCHORED.search(key.pattern.replace("[^", "[")):
                raise ValueError(f"rule key {key.pattern!r} uses ^ or $; put another of the "
                                 "rule's patterns first")
            if _as_ascii_classes(key.pattern) != key.pattern:
                raise ValueError(f"rule key {key.pattern!r} has a non-ASCII letter, digit or "
                                 "space; write it as an escape or put another pattern first")
        self.keys = keys
        self.role_words = role_words
        self.is_fast = hyperscan is not None
        if self.is_fast:
            self._database, self._scratch = _compile(keys, role_words)

    def scan(self, flat: str, spans: list[tuple[int, int]] | None) -> Hits:
        """Where keys may end on the page ``flat``, cut into ``spans`` (units; needed only
        without Hyperscan, which scans the page whole)."""
        if not self.is_fast:
            return self._search(flat, spans)
        data = _as_ascii_classes(flat).encode("utf-8")
        reported: list[tuple[int, int]] = []
        self._database.scan(data, match_event_handler=_collect, context=reported,
                            scratch=self._scratch)
        reported.sort()
        if not data.isascii():
            reported = sorted(_in_characters(data, reported))
        count = len(self.keys)
        role_ends = [end for end, key in reported if key >= count]
        key_hits = [(end, key) for end, key in reported if key < count]
        roles_at = (role_ends[0] - 1, role_ends[-1] - 1) if role_ends else None
        return Hits(flat, [end for end, _ in key_hits], [key for _, key in key_hits], roles_at)

    def _search(self, flat: str, spans: list[tuple[int, int]]) -> Hits:
        """Without Hyperscan: keys not found anywhere on the page are not searched for in its
        units, unless a unit was cut mid-word (then a word boundary there means something else
        on the page than in the unit, and every key is searched for)."""
        is_cut_clean = all((start == 0 or flat[start - 1].isspace())
                           and (end == len(flat) or flat[end].isspace()) for start, end in spans)
        searched = tuple((number, key) for number, key in enumerate(self.keys)
                         if not is_cut_clean or key.search(flat))
        words = [word for word in self.role_words if word in flat]
        roles_at = (min(flat.find(word) + len(word) - 1 for word in words),
                    max(flat.rfind(word) + len(word) - 1 for word in words)) if words else None
        return Hits(flat, [], [], roles_at, searched)


class ExclusionFilter:
    """Compiled exclusions; ``possible(unit)`` gives the indexes of those that may match ``unit``
    (a superset), or None without Hyperscan (then any may). An exclusion with a letter, digit or
    space that is not ASCII is always possible."""

    def __init__(self, exclusions: tuple[re.Pattern, ...]):
        scanned = [number for number, exclusion in enumerate(exclusions)
                   if _as_ascii_classes(exclusion.pattern) == exclusion.pattern]
        self._always = frozenset(range(len(exclusions))).difference(scanned)
        self._database = None
        if hyperscan is not None and scanned:
            flags = (hyperscan.HS_FLAG_PREFILTER | hyperscan.HS_FLAG_UTF8
                     | hyperscan.HS_FLAG_ALLOWEMPTY | hyperscan.HS_FLAG_SINGLEMATCH)
            self._database, self._scratch = _database(
                tuple(exclusions[number].pattern.encode("utf-8") for number in scanned),
                (flags,) * len(scanned), tuple(scanned))

    def possible(self, unit: str) -> set[int] | None:
        if self._database is None:
            return None
        found = set(self._always)
        self._database.scan(_as_ascii_classes(unit).encode("utf-8"), match_event_handler=_note,
                            context=found, scratch=self._scratch)
        return found


class RegionFilter:
    """One pattern compiled in prefilter mode: ``may_match(flat, start, end)`` is False only when
    ``pattern.finditer(flat, start, end)`` can find nothing (``re`` sees the text before
    ``start`` and none after ``end``, so Hyperscan scans ``flat[:end]``). Always True without
    Hyperscan, for a pattern it cannot compile, or for one with a letter, digit or space that is
    not ASCII. Roster headings are searched for this way: Python's ``re`` reads their long
    alternation slowly, and most pages that name a role have no roster heading near it."""

    def __init__(self, pattern: re.Pattern):
        self._database = None
        if hyperscan is not None and _as_ascii_classes(pattern.pattern) == pattern.pattern:
            flags = hyperscan.HS_FLAG_PREFILTER | hyperscan.HS_FLAG_UTF8 | hyperscan.HS_FLAG_ALLOWEMPTY
            try:
                self._database, self._scratch = _database((pattern.pattern.encode("utf-8"),),
                                                          (flags,), (0,))
            except hyperscan.error:  # a construct Hyperscan cannot compile: ``re`` searches
                self._database = None

    def may_match(self, flat: str, start: int, end: int) -> bool:
        if self._database is None:
            return True
        scanned = _as_ascii_classes(flat[:end])
        data = scanned.encode("utf-8")
        reported: list[tuple[int, int]] = []
        self._database.scan(data, match_event_handler=_collect, context=reported,
                            scratch=self._scratch)
        if reported and not data.isascii():  # Hyperscan's offsets count bytes
            start = len(scanned[:start].encode("utf-8"))
        return any(reported_end > start for reported_end, _ in reported)


def _in_characters(data: bytes, reported: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``reported`` (sorted (end, key) pairs, ends counting bytes of the UTF-8 ``data``) with
    each end counting the characters before it instead: one pass over the data, each stretch
    between two ends decoded once. An end inside a character, which Hyperscan's UTF-8 mode should
    not report, counts the characters wholly before it."""
    converted, byte_at, characters = [], 0, 0
    for end, key in reported:
        if end < len(data) and data[end] & 0xC0 == 0x80:  # inside a character: count the prefix
            converted.append((len(data[:end].decode("utf-8", "ignore")), key))
            continue
        characters += len(data[byte_at:end].decode("utf-8"))
        byte_at = end
        converted.append((characters, key))
    return converted


def _collect(key: int, start: int, end: int, flags: int, reported: list) -> None:
    reported.append((end, key))


def _note(key: int, start: int, end: int, flags: int, found: set) -> None:
    found.add(key)


@functools.cache
def _stand_in(char: str) -> str:
    """What Hyperscan reads in place of ``char``: a character of the same class in ASCII."""
    if char.isspace():
        return " "
    if char.isdecimal():
        return "0"
    if char.isalnum():
        return "x"
    return char


def _as_ascii_classes(flat: str) -> str:
    """``flat`` with each character that Python's Unicode classes count as a letter, digit or space
    but ASCII's do not replaced by its ASCII stand-in (same length): the characters outside ASCII
    that have one, and the ASCII control characters ``_CONTROL_SPACES``, which are spaces to
    ``re`` but not to Hyperscan."""
    odd = [char for char in _CONTROL_SPACES if char in flat]  # (faster than a regex scan)
    if not flat.isascii():
        odd += [char for char in non_ascii(flat) if _stand_in(char) != char]
    for char in odd:
        flat = flat.replace(char, _stand_in(char))
    return flat


def _compile(keys: tuple[re.Pattern, ...], role_words: tuple[str, ...]):
    """The database of keys (then role words) and a scratch space for it."""
    prefilter = hyperscan.HS_FLAG_PREFILTER | hyperscan.HS_FLAG_UTF8 | hyperscan.HS_FLAG_ALLOWEMPTY
    expressions = [key.pattern.encode("utf-8") for key in keys]
    expressions += [re.escape(word).encode("utf-8") for word in role_words]
    flags = [prefilter] * len(keys) + [hyperscan.HS_FLAG_UTF8] * len(role_words)
    return _database(tuple(expressions), tuple(flags), tuple(range(len(expressions))))


@functools.lru_cache(maxsize=8)
def _database(expressions: tuple[bytes, ...], flags: tuple[int, ...], ids: tuple[int, ...]):
    """A compiled database and a scratch space for it. Compiling the signal set's patterns takes a
    second or two, so the database is kept in the user's cache directory, named by what went into
    it."""
    recipe = repr((hyperscan.__version__, expressions, flags, ids))
    cached = _CACHE_DIR / f"{hashlib.sha256(recipe.encode('utf-8')).hexdigest()[:20]}.hsdb"
    try:
        database = hyperscan.loadb(cached.read_bytes(), hyperscan.HS_MODE_BLOCK)
    except (OSError, hyperscan.error):
        database = hyperscan.Database()
        database.compile(expressions=list(expressions), ids=list(ids), elements=len(expressions),
                         flags=list(flags))
        _keep(cached, hyperscan.dumpb(database))
    return database, hyperscan.Scratch(database)


def _keep(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all; a cache that cannot be written is skipped."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.part")
        partial.write_bytes(data)
        partial.replace(path)
    except OSError:
        pass
