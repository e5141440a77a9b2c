"""Text as the tagger reads it: a PDF's typesetting artefacts undone, with each character's offset
on the page, so evidence still quotes the page as written.

- A word broken at a line end ("consul-\\ntation") or, in run-on text where the line break became
  a space, "consul- tation", is joined ("consultation"); a prefix that keeps its hyphen
  (``KEPT_PREFIXES``: "co-\\nproduction", "non-\\nvoting") keeps it. "Short- and long-term" is a
  suspended hyphen, not a break: a hyphen and space before "and", "or", "to", "nor" or "but"
  stays.
- Soft hyphens and zero-width characters are dropped; ligatures ("ﬁ") are spelt out; the
  Unicode hyphens and minus sign read as "-", narrow and other Unicode spaces as " ", and the
  modifier-letter, prime and acute-accent apostrophes as "’".

Text with none of these is returned as it is, with no offsets, at the cost of a scan.
"""

from __future__ import annotations

import operator
import re

from pipeline.tag.characters import non_ascii

# Hyphenation points that are the start of a compound, not a break inside one word.
KEPT_PREFIXES = frozenset({"co", "non", "self", "cross", "well"})  # not "pre": "pre-\nsented"
# A break: a hyphen then a line break (or, in run-on text, one space), or a soft hyphen, before a
# lower-case letter, after a letter.
_BREAK = re.compile(r"-(?:[ \t]*\r?\n[ \t]*| (?!(?:and|or|to|nor|but)\b))(?=[a-z])|\u00ad\s*(?=[a-z])")
_PART_BEFORE = re.compile(r"[A-Za-z]+\Z")
_SINGLE = {
    **dict.fromkeys("\u2010\u2011\u2012\u2212\ufe63\uff0d", "-"),
    **dict.fromkeys("\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f"
                    "\u205f\u3000", " "),
    **dict.fromkeys("\u02bc\u2032\u00b4", "’"),
    **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", ""),
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st",
}
# Where a break or another artefact may be in text that holds one of ``_SINGLE``: one pass finds
# them all (a scan for one class of characters is the fastest the regex engine does).
_MAYBE = re.compile("[-" + "".join(re.escape(character) for character in _SINGLE) + "]")
_START = operator.methodcaller("start")
_SPACES = frozenset(" \t\r\n")


def _edits(text: str) -> list[tuple[int, int, str]]:
    """(start, end, what ``text[start:end]`` reads as) of each artefact: a break in a word reads
    as nothing, or as its hyphen after a prefix that keeps one (a soft hyphen is only ever a
    break); another character as ``_SINGLE`` says."""
    edits, covered = [], 0
    for start in _candidates(text):
        if start < covered or (text[start] == "-" and text[start + 1:start + 2] not in _SPACES):
            continue  # (a hyphen breaks a word only before a space or a line break)
        before = text[start - 1] if start else ""
        broken = _BREAK.match(text, start) if before.isascii() and before.isalpha() else None
        if broken is not None:
            part = _PART_BEFORE.search(text, max(0, start - 12), start)
            keeps = text[start] == "-" and part.group().lower() in KEPT_PREFIXES
            edits.append((start, broken.end(), "-" if keeps else ""))
            covered = broken.end()
        elif text[start] != "-":
            edits.append((start, start + 1, _SINGLE[text[start]]))
    return edits


def _candidates(text: str):
    """Where an artefact may start: each hyphen (found with ``str.find``) or, when the text holds
    one of ``_SINGLE``, each hyphen and each of those (found in one regex scan)."""
    if not non_ascii(text).isdisjoint(_SINGLE):
        yield from map(_START, _MAYBE.finditer(text))
        return
    at = text.find("-")
    while at >= 0:
        yield at
        at = text.find("-", at + 1)


def for_tagging(text: str) -> tuple[str, list[int] | None]:
    """``text`` as the tagger reads it, and for each of its characters (and one past the end) the
    offset in ``text`` it comes from; ``None`` when nothing changed."""
    edits = _edits(text)
    if not edits:
        return text, None
    pieces, origin, at = [], [], 0
    for start, end, replacement in edits:
        pieces += (text[at:start], replacement)
        origin += [*range(at, start), *[start] * len(replacement)]
        at = end
    pieces.append(text[at:])
    origin.extend(range(at, len(text)))
    origin.append(len(text))
    return "".join(pieces), origin
