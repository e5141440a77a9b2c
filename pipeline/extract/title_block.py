"""The meeting date and committee a document's own first page states in its title block.

Board minutes, agendas and cover sheets open with a block that says which meeting they are for:
"Minutes of the meeting of the Quality and Performance Committee held on Thursday 14 March 2024
at 10:00", "NHS X Integrated Care Board — Board meeting in public — 5 June 2025", "Agenda …
Date: 12/09/2024", a committee's name over "Tuesday, 10th September 2024 10.00 am". The scrape
reads the same facts from the page that links the document; the title block is the document's
own word, so it can confirm or correct them.

Only the first lines of page 1 are read. A statement that says what the document records
("minutes of … held on …") wins over a labelled date ("Date of meeting: …"), which wins over a
line that names a body beside a date; among those lines, one that names the document's kind
(minutes, agenda, papers) wins over a running header, which in a pack names the meeting the pack
is for rather than the one its minutes record. Dates that say when something was approved,
published, updated or is next due are never the meeting's. The ICB's own board comes back as
"Integrated Care Board", the name the scrape manifest gives it; any other body as the page writes
it, without the ICB's name before it ("NHS X ICB Audit Committee" → "Audit Committee").
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

BOARD_NAME = "Integrated Care Board"  # the scrape manifest's name for the ICB's board
HEAD_LINES = 20  # the title block is within the first lines of page 1
TITLE_LINE_WORDS = 16  # a longer line is a sentence of the text, not a title
EARLIEST_YEAR, LATEST_YEAR = 2015, 2035

_MONTHS = {name: number for number, names in enumerate([
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1) for name in names}
_MONTH = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_DATE = re.compile(
    rf"\b(?P<d1>\d{{1,2}})(?:\s?(?:st|nd|rd|th))?[\s,]+(?P<m1>{_MONTH})\.?,?\s+(?P<y1>\d{{4}})\b|"
    rf"\b(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})\b|"
    r"(?<![\d/.])(?P<d3>\d{1,2})(?P<s3>[/.])(?P<m3>\d{1,2})(?P=s3)(?P<y3>\d{4}|\d{2})(?![\d/.]\d)|"
    r"(?<!\d)(?P<y4>20\d{2})-(?P<m4>\d{2})-(?P<d4>\d{2})(?!\d)", re.I)
_NOT_MEETING = re.compile(
    r"\b(?:approved|ratified|confirmed|published|issued|updated|revised|modified|printed|"
    r"version|review(?:\s+date)?|next\s+meeting|deadline|circulated|despatched|dispatched)\b"
    r"[\s:,()-]*(?:(?:on|at|by|in|the|date|meeting|held|of)\s+)*$", re.I)

_BODY_WORD = (r"(?:Integrated\s+Care\s+Board|Governing\s+Body|Sub-?\s?Committee|Committee|Board|"
              r"Group|Panel|Forum|Partnership|Assembly|Council|Collaborative|Network|Alliance)")
_BODY = re.compile(
    rf"((?:\b(?:[A-Z0-9][\w&'’,()-]*|and|of|for|the|&|in|on)\s+){{0,9}}?{_BODY_WORD}"
    rf"(?:\s+{_BODY_WORD})*)(?![\w-])", re.I)
_CAPITALISED_BODY = re.compile(
    rf"((?:\b(?:[A-Z0-9][\w&'’,()-]*)\s+(?:(?:and|of|for|the|&|on)\s+)*){{0,9}}{_BODY_WORD}"
    rf"(?:\s+{_BODY_WORD})*)(?![\w-])")
_STATED = [  # what the document says it records, with the body named between the words
    re.compile(r"\bminutes\s+of\s+(?:the\s+|an?\s+)?(?:(?:public|extraordinary|annual|virtual|"
               r"ordinary|formal)\s+)*(?:meeting\s+of\s+(?:the\s+)?)?(?P<body>.{3,140}?)"
               r"(?:\s+meeting)?(?:\s+\(?(?:held\s+)?in\s+public\)?)?\s+held\b(?P<rest>.{0,120})",
               re.I | re.S),
    re.compile(r"(?P<body>[^\n]{3,140}?)\s+(?:meeting\s+)?(?:minutes|notes)\s+(?:of\s+the\s+meeting\s+)?"
               r"(?:held\s+)?(?P<rest>(?:on\s+)?[^\n]{0,80})", re.I),
    re.compile(r"\b(?:at\s+)?a\s+meeting\s+of\s+(?:the\s+)?(?P<body>.{3,140}?)\s+held\b"
               r"(?P<rest>.{0,120})", re.I | re.S),
    re.compile(r"(?P<body>[^\n]{3,140}?)\s+meeting(?:\s+in\s+public)?\s+held\b(?P<rest>.{0,120})",
               re.I | re.S),
]
_LABELLED_DATE = re.compile(
    r"\b(?:date\s+of\s+(?:the\s+)?meeting|meeting\s+date|date)\s*[:\u2013\u2014-]\s*(?P<rest>.{0,60})",
    re.I)
_LABELLED_BODY = re.compile(
    r"^\s*(?:meeting|committee|meeting\s+of|name\s+of\s+(?:the\s+)?meeting)\s*[:\u2013\u2014-]\s*"
    r"(?P<body>.{3,120})$", re.I | re.M)
_NOT_ITS_OWN = re.compile(
    r"^\s*(?:item\s+\d+|\d+(?:\.\d+)*[.:)]\s)|\b(?:approve|approval|confirm|agree|accept|receive|"
    r"ratify|note|consider|matters\s+arising)\b", re.I)
_PREVIOUS = re.compile(r"\b(?:previous|last|prior)\s+meeting\b", re.I)
_KIND = re.compile(r"\b(minutes|agenda|notes\s+of|papers|meeting\s+in\s+public|meeting)\b", re.I)
_LEADING = re.compile(
    r"^(?:(?:the|a|an|draft|unconfirmed|confirmed|approved|public|minutes|agenda|notes|papers|"
    r"meeting|of|for|held|in|part\s+(?:1|one|a|i))\b[\s:,.-]*)+", re.I)
_TRAILING = re.compile(r"(?:[\s:,.-]+(?:meeting|in\s+public|public|minutes|agenda|papers))+$",
                       re.I)
_ICB_PREFIX = re.compile(
    r"^(?:NHS\s+)?(?:[A-Z][\w&'’,-]*\s+(?:and\s+|&\s+|of\s+)?){0,6}?"
    r"(?:ICB|Integrated\s+Care\s+Board)(?:'s|’s)?\s+(?=\S)", re.I)
_NOT_THE_BOARD = re.compile(
    r"partnership|health\s+and\s+wellbeing|trust|joint|system|programme|provider|place|locality|"
    r"clinical\s+(?:reference|advisory)|executive|alliance|collaborative|safeguarding|advisory|"
    r"delivery|transformation|integration|youth|patient|citizens", re.I)


class TitleBlock(NamedTuple):
    meeting_date: date | None
    committee_name: str | None


def _make(year: int, month: int, day: int) -> date | None:
    year += 2000 if year < 100 else 0
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def meeting_date_in(text: str) -> date | None:
    """The first full date in ``text`` that is not an approval, publication or review date."""
    for match in _DATE.finditer(text or ""):
        if _NOT_MEETING.search(text[max(0, match.start() - 40):match.start()]):
            continue
        if match["y1"]:
            found = _make(int(match["y1"]), _MONTHS[match["m1"].lower()], int(match["d1"]))
        elif match["y2"]:
            found = _make(int(match["y2"]), _MONTHS[match["m2"].lower()], int(match["d2"]))
        elif match["y3"]:
            found = _make(int(match["y3"]), int(match["m3"]), int(match["d3"]))
        else:
            found = _make(int(match["y4"]), int(match["m4"]), int(match["d4"]))
        if found:
            return found
    return None


def body_name(text: str) -> str | None:
    """The body a title-block phrase names, cleaned ("the Quality and Performance Committee" →
    "Quality and Performance Committee"); the ICB's own board as ``BOARD_NAME``; None if none."""
    text = " ".join((text or "").split())
    if not text:
        return None
    text = re.sub(r"\s+(?:meeting\s+)?(?:\(?\s*(?:held\s+)?in\s+public\s*\)?|public)\s*$", "", text,
                  flags=re.I)
    matches = list(_BODY.finditer(text))
    if not matches:
        return None
    name = _LEADING.sub("", matches[-1].group(1).strip(" ,-–—|:")).strip(" ,-–—|:")
    name = _TRAILING.sub("", name).strip(" ,-–—|:")
    if not name or not re.search(_BODY_WORD + r"$", name, re.I):
        return None
    if re.fullmatch(r"(?:NHS\s+)?(?:[A-Z][\w&'’,-]*\s+(?:and\s+|&\s+|of\s+)?){0,6}?"
                    r"(?:ICB\s+Board|Integrated\s+Care\s+Board(?:\s+\(ICB\))?|Board)", name,
                    re.I) and not _NOT_THE_BOARD.search(name):
        return BOARD_NAME
    if re.fullmatch(r"(?:the\s+)?board\s+of\s+(?:NHS\s+)?.{0,80}?(?:ICB|Integrated\s+Care\s+Board)",
                    name, re.I):
        return BOARD_NAME
    stripped = _ICB_PREFIX.sub("", name)
    if stripped != name and re.search(_BODY_WORD + r"$", stripped, re.I):
        name = stripped
    if name.lower() in ("committee", "board", "group", "panel", "forum", "sub-committee"):
        return None
    if name.isupper():  # "NORTHMOOR PLACE PARTNERSHIP BOARD"
        name = " ".join(word if word in ("ICB", "NHS") else
                        word.lower() if word.lower() in ("and", "of", "for", "the", "on", "in")
                        else word.capitalize() for word in name.split())
    return name[0].upper() + name[1:]


def _head(text: str) -> list[str]:
    lines = [" ".join(line.split()) for line in (text or "").splitlines()]
    return [line.lstrip("#* ").strip() for line in lines if line.strip()][:HEAD_LINES]


def _line_body(line: str) -> str | None:
    """A line's body name, when the line is (mostly) a body name: a title, not a sentence. Of a
    line's parts ("NHS X Integrated Care Board | Audit Committee", a running header), the most
    specific: a committee the ICB's name is set beside is the committee."""
    found = []
    for part in re.split(r"\s+[|\u2013\u2014]\s+|\s+-\s+|:\s+", line):
        match = _CAPITALISED_BODY.search(part) or re.search(r"integrated\s+care\s+board", part,
                                                            re.I)
        if match and len(part.split()) <= 14:
            found += [name for name in [body_name(part)] if name]
    return next((name for name in found if name != BOARD_NAME), found[0] if found else None)


def _stated(lines: list[str]):
    """(date, body, line index) for each statement of what the document records, in order of
    strength; an agenda's item ("3. To approve the minutes of the meeting held on …") and minutes
    "of the previous meeting" are not the document's own."""
    joined = "\n".join(lines)  # the same offsets as the lines joined by spaces
    flat = " ".join(lines)
    for pattern in _STATED:
        source = flat if pattern.flags & re.S else joined
        for match in pattern.finditer(source):
            before = joined[:match.start()].rsplit("\n", 1)[-1]
            if _NOT_ITS_OWN.search(f"{before} {match['body']}") or \
                    _PREVIOUS.search(match.group(0)):
                continue
            found = meeting_date_in(match["rest"])
            if found:
                index = joined.count("\n", 0, match.start("body"))
                yield found, body_name(match["body"]), index


def read_title_block(text: str) -> TitleBlock:
    """The meeting date and committee page-1 ``text`` states in its title block (either may be
    None when the block does not say)."""
    lines = _head(text)
    for found, body, index in _stated(lines):
        return TitleBlock(found, body or _line_body(lines[index]) or _nearest_body(lines, index)
                          or _first_body(lines))
    joined = "\n".join(lines)
    for match in _LABELLED_DATE.finditer(joined):
        found = meeting_date_in(match["rest"])
        if found:
            labelled = _LABELLED_BODY.search(joined)
            body = body_name(labelled["body"]) if labelled else None
            return TitleBlock(found, body or _first_body(lines))
    dated = [(index, line) for index, line in enumerate(lines)
             if len(line.split()) <= TITLE_LINE_WORDS and not _NOT_ITS_OWN.search(line)
             and meeting_date_in(line)]
    if dated:
        index, line = min(dated, key=lambda item: (not _KIND.search(item[1]), item[0]))
        body = _line_body(line) or _nearest_body(lines, index)
        return TitleBlock(meeting_date_in(line), body or _first_body(lines))
    return TitleBlock(None, _first_body(lines))


def _nearest_body(lines: list[str], index: int) -> str | None:
    """The body named on the lines just above a dated line (a committee's name over its date)."""
    for line in reversed(lines[max(0, index - 3):index]):
        found = _line_body(line)
        if found:
            return found
    return None


def _first_body(lines: list[str]) -> str | None:
    """The first body a title line names, preferring a line that names the document's kind."""
    named = [(index, found) for index, line in enumerate(lines[:8])
             if (found := _line_body(line))]
    if not named:
        return None
    kinds = [found for index, found in named if _KIND.search(lines[index])]
    return kinds[0] if kinds else named[0][1]
