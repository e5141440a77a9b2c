"""A document's title, meeting date, committee and type, chosen from its link's clues.

Each field is taken from the first clue, in an order a platform may change, that gives one; the
manifest records which source won (``date_source``, ``committee_source``, ``type_source``).
Minutes record the meeting they are the minutes of: a date that says when they were approved is
never theirs, and minutes "of the previous meeting" listed under a later meeting do not take that
meeting's date from the page structure, nor from a file name that says so
("item-3-minutes-of-previous-meeting-090524.pdf" is dated by the pack it is in). Minutes whose
own name gives only their month ("ICB-Board-Part-1-Minutes-May-25.pdf") listed under a later
meeting take the one meeting of their body known in that month (a note beside them, another
meeting on the site); when there is not exactly one, they keep what the clues give. Minutes
"held on 16 July" with no year take the year of the meeting they are listed under. A title taken
from around a button that says nothing ("Download (PDF, 2.3MB)") leaves the button's words out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pipeline.scrape import classify
from pipeline.scrape.dates import (
    ParsedDate,
    day_month_in,
    days_in,
    meeting_date_in,
    named_month,
    with_year,
    year_for,
)
from pipeline.scrape.links import GENERIC_LINK_TEXT, Link, file_name_text

# where each field is looked for, nearest and most specific first (a platform may reorder)
DATE_ORDER = (
    "document_heading", "link_text", "column:meeting_date", "field:meeting_date", "time",
    "column:title", "list_item",
    "paragraph", "group_header", "summary", "preceding_label", "heading", "caption",
    "outer_list_item", "outer_heading", "page_field:meeting_date", "file_name", "row",
    "page_heading", "page_lead", "page_title", "parent", "url")
COMMITTEE_ORDER = (
    "document_heading", "link_text", "column:committee", "field:committee", "column:title",
    "list_item", "paragraph",
    "group_header", "summary", "preceding_label", "heading", "caption", "outer_list_item",
    "outer_heading", "page_field:committee", "page_heading", "breadcrumb", "page_title",
    "file_name", "parent")
TYPE_ORDER = (
    "document_kind", "link_text", "own_column", "column:type", "column:title", "file_name",
    "list_item", "group_header", "summary", "preceding_label", "heading", "caption", "row")
TITLE_ORDER = ("link_text", "column:title", "list_item", "paragraph", "heading", "file_name",
               "row", "page_heading")
OWN = ("document_heading", "link_text", "column:title", "file_name")
PAGE_LEVEL = ("page_heading", "breadcrumb", "page_title")
# what names the document itself, for its type: a meetings table's column ("Papers") names the
# documents in it, one a meeting
OWN_NAME = (*OWN, "own_column")
MINUTES_OF = re.compile(r"(?=\b(?:minutes|notes)\s+(?:of|from)\b(.{0,80}))", re.I)  # overlapping
HELD = re.compile(r"\bheld\b", re.I)
PREVIOUS_MEETING = re.compile(r"\b(previous|last|prior)\s+meeting\b", re.I)
STRUCTURAL = {"column:meeting_date", "field:meeting_date", "page_field:meeting_date", "time",
              "group_header", "summary", "preceding_label", "heading",
              "caption",
              "outer_list_item", "outer_heading", "row", "page_heading", "page_lead", "page_title",
              "parent"}
# where a link to a page dates the meeting that page is about (an index row's date cell); not a
# paragraph, which may say when the next meeting is beside a link to every paper
REFERRING_ORDER = ("link_text", "column:meeting_date", "field:meeting_date", "time",
                   "column:title", "list_item", "row", "summary")


def prefer(order: tuple[str, ...], *first: str) -> tuple[str, ...]:
    """``order`` with the sources ``first`` moved to the front, in the given order."""
    return first + tuple(source for source in order if source not in first)


@dataclass(frozen=True)
class Orders:
    date: tuple[str, ...] = DATE_ORDER
    committee: tuple[str, ...] = COMMITTEE_ORDER
    type: tuple[str, ...] = TYPE_ORDER


def _by_source(link: Link, parent_text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for source, text in link.clues:
        if source == "link_text" and GENERIC_LINK_TEXT.match(text):
            found.setdefault("button_text", []).append(text)  # "Download (PDF, 2MB)"
            continue
        found.setdefault(source, []).append(text)
    if parent_text:
        found.setdefault("parent", []).append(parent_text)
    found.setdefault("url", []).append(link.url)
    if "file_name" not in found and file_name_text(link.url):
        found["file_name"] = [file_name_text(link.url)]
    return found


def pick_date(clues: dict[str, list[str]], order: tuple[str, ...], is_minutes: bool,
              known: frozenset[date] = frozenset()) -> tuple[ParsedDate | None, str]:
    """The meeting date and the source it came from: a full date wins over a month; a later full
    date is taken only if it agrees with an earlier month. Minutes take the meeting they say they
    record, else their own date; when their own name gives only a month the date found is not in,
    the one meeting in that month a clue or ``known`` (the body's meetings on the site) gives."""
    if not is_minutes:
        return _clue_date(clues, order, False)
    # minutes are often listed with the later meeting that approved them
    order = tuple(s for s in order if s in OWN) + tuple(s for s in order if s not in OWN)
    stated = _stated_meeting(clues, order)
    if stated:
        return stated
    found = _clue_date(clues, order, True)
    return _named_meeting(clues, found, known) or found


def _clue_date(clues: dict[str, list[str]], order: tuple[str, ...],
               is_minutes: bool) -> tuple[ParsedDate | None, str]:
    own = " ".join(clues.get("link_text", []) + clues.get("list_item", [])[:1])
    named_previous = is_minutes and bool(PREVIOUS_MEETING.search(" ".join(clues.get("file_name",
                                                                                      []))))
    of_previous = is_minutes and (PREVIOUS_MEETING.search(own) or named_previous)
    month_only: tuple[ParsedDate, str] | None = None
    for source in order:
        if of_previous and source in STRUCTURAL:
            continue
        if named_previous and source in ("file_name", "url"):
            continue  # "item-3-minutes-of-previous-meeting-090524.pdf": the approving pack's date
        for text in clues.get(source, []):
            found = meeting_date_in(text, allow_compact=source in ("file_name", "url"))
            if not found:
                continue
            if found.day:
                if month_only and month_only[0].month != found.month:
                    continue
                return found, source
            month_only = month_only or (found, source)
    if not of_previous:
        combined = _day_month_and_year(clues, order)
        if combined and (not month_only or month_only[0].month == combined[0].month):
            return combined
    return (month_only if month_only else (None, ""))


def _named_meeting(clues: dict[str, list[str]], found: tuple[ParsedDate | None, str],
                   known: frozenset[date]) -> tuple[ParsedDate, str] | None:
    """Minutes named by their month ("ICB-Board-Part-1-Minutes-May-25.pdf") whose date found is not
    in it: the one meeting in that month that a clue names ("the minutes listed are those of the
    previous meeting, 14 May 2025") or that the body's other documents on the site were dated to
    (``known``); None when there is not exactly one."""
    source, month = next(((source, named_month(text)) for source in OWN
                          for text in clues.get(source, []) if named_month(text)), ("", None))
    day = found[0].day if found[0] else None
    if month is None or (day and found[0].month == month):
        return None
    meetings: dict[date, str] = {}
    for clue, texts in clues.items():
        for text in texts:
            for meeting in days_in(text):
                meetings.setdefault(meeting, clue)
    for meeting in sorted(known):
        meetings.setdefault(meeting, "known_meeting")
    in_month = [(meeting, clue) for meeting, clue in meetings.items()
                if meeting.strftime("%Y-%m") == month]
    if len(in_month) != 1:
        return None
    meeting, clue = in_month[0]
    return ParsedDate(meeting, month), f"{source}+{clue}"


def _stated_meeting(clues: dict[str, list[str]], order: tuple[str, ...]
                    ) -> tuple[ParsedDate, str] | None:
    """The meeting minutes say they record ("Minutes of the meeting held on 5 March 2025"), from
    whichever clue says it: a statement beats any date a file name or the page's layout gives.
    A day and month without a year ("held on 16 July") take the year of the meeting the minutes
    are listed under, the latest such day not after it."""
    for source in order:
        for text in clues.get(source, []):
            for match in MINUTES_OF.finditer(text or ""):
                if PREVIOUS_MEETING.search(match.group(1)) and not HELD.search(match.group(1)):
                    continue  # "minutes of the previous meeting, 9 May 2024": whose date?
                found = meeting_date_in(match.group(1))
                if found and found.day:
                    return found, source
                day_month = day_month_in(match.group(1))
                if day_month and not found:
                    dated = _before_listing(clues, order, day_month)
                    if dated:
                        return dated[0], f"{source}+{dated[1]}"
    return None


def _before_listing(clues: dict[str, list[str]], order: tuple[str, ...],
                    day_month: tuple[int, int]) -> tuple[ParsedDate, str] | None:
    """The day and month on or before the meeting the document is listed under (its page, its
    section), with that source; None when nothing dates the listing."""
    listing = {source: texts for source, texts in clues.items() if source not in OWN}
    listed, source = _clue_date(listing, order, False)
    if listed is None or not listed.month:
        return None
    year, month = int(listed.month[:4]), int(listed.month[5:])
    last_day = listed.day.day if listed.day else 31
    if (day_month[1], day_month[0]) > (month, last_day):
        year -= 1
    found = with_year(day_month, year)
    return (found, source) if found else None


def referring_day(link: Link) -> date | None:
    """The meeting day a link to a page gives that page (its text, its row's date cell, its
    ``<time>``, its list item): the day of the meeting the linked page is about, or None."""
    parsed, _ = _clue_date(_by_source(link, ""), REFERRING_ORDER, False)
    return parsed.day if parsed else None


def _day_month_and_year(clues: dict[str, list[str]], order: tuple[str, ...]
                        ) -> tuple[ParsedDate, str] | None:
    """A day and month near the link ("Thursday 14 March") with the year of the section it is in
    ("2024", "2023/24")."""
    for source in order:
        if source in ("url", "file_name", "row", "page_title", "parent"):
            continue
        for text in clues.get(source, []):
            day_month = day_month_in(text)
            if not day_month:
                continue
            for later in order:
                for context in clues.get(later, []):
                    year = year_for(context, day_month[1])
                    if year:
                        found = with_year(day_month, year)
                        if found:
                            return found, f"{source}+{later}"
            return None
    return None


def pick_committee(clues: dict[str, list[str]], order: tuple[str, ...],
                   icb_names: tuple[str, ...]) -> tuple[classify.Body, str]:
    """The body the nearest clue names; a committee the document's own file name names is more
    specific than the heading or title of the page it sits on, unless that names the same
    committee in full ("NHS Fenland ICB Place Committee" for "ICB Place Committee")."""
    for source in order:
        for text in clues.get(source, []):
            body = classify.body_in(text, icb_names)
            if body and source in PAGE_LEVEL:
                return _own_committee(clues, icb_names, body, source)
            if body:
                return body, source
    name, is_board = classify.committee([], clues.get("url", [""])[0], icb_names)
    return classify.Body(name, is_board), "default"


def _own_committee(clues: dict[str, list[str]], icb_names: tuple[str, ...],
                   page_body: classify.Body, page_source: str) -> tuple[classify.Body, str]:
    for text in clues.get("file_name", []):
        body = classify.body_in(text, icb_names)
        if body and not body.is_board and \
                not page_body.name.lower().endswith(body.name.lower()):
            return body, "file_name"
    return page_body, page_source


def pick_type(clues: dict[str, list[str]], order: tuple[str, ...],
              is_board: bool) -> tuple[str, str]:
    for source in order:
        for text in clues.get(source, []):
            if source in OWN_NAME and classify.names_whole_meeting(text):
                return ("board_pack" if is_board else "committee_papers"), source
            found = classify.type_of(text, is_board)
            if found:
                return found, source
    return ("other" if is_board else "committee_papers"), "default"


FILE_NOISE_SUFFIX = re.compile(  # "(PDF, 1 MB)", "pdf icon PDF 297 KB", a file name's ".pdf"
    r"[\s.,;:|-]*[(\[]?\s*(?:pdf\s+icon\s*)?(?:\b(?:pdf|docx?|word|xlsx?|excel|pptx?)\b"
    r"(?:[\s,]*\d+(?:\.\d+)?\s*(?:[kmg]b|bytes))?|\d+(?:\.\d+)?\s*(?:[kmg]b|bytes))"
    r"\s*[)\]]?\s*$", re.I)


def pick_title(clues: dict[str, list[str]]) -> tuple[str, str]:
    """The document's title, without the file type and size a link text often ends with; a title
    taken from around a button ("Public Board Papers 18th September 2025 Download (PDF, 2.3MB)")
    without the button's words."""
    buttons = clues.get("button_text", [])
    for source in TITLE_ORDER:
        for text in clues.get(source, []):
            if source != "link_text":
                text = _without(text, buttons)
            if text and not GENERIC_LINK_TEXT.match(text):
                return (FILE_NOISE_SUFFIX.sub("", text) or text)[:300], source
    return "", ""


def _without(text: str, buttons: list[str]) -> str:
    """``text`` with the last occurrence of each button text taken out."""
    for button in buttons:
        before, found, after = (text or "").rpartition(button)
        if found:
            text = " ".join(f"{before} {after}".split()).strip(" -–|:")
    return text


def describe(link: Link, parent_text: str = "", orders: Orders = Orders(),
             icb_names: tuple[str, ...] = (),
             known_meetings: dict[str, frozenset[date]] | None = None) -> dict:
    """The manifest fields a link gives its document; ``known_meetings`` (body name -> meeting
    dates, from ``meetings_known``) dates minutes named only by their month."""
    clues = _by_source(link, parent_text)
    body, committee_source = pick_committee(clues, orders.committee, icb_names)
    document_type, type_source = pick_type(clues, orders.type, body.is_board)
    parsed, date_source = pick_date(clues, orders.date, document_type == "minutes",
                                    (known_meetings or {}).get(body.name, frozenset()))
    if type_source == "default" and parsed and parsed.day:
        document_type = "papers" if body.is_board else "committee_papers"  # a meeting's paper
    title, title_source = pick_title(clues)
    return {
        "committee_name": body.name,
        "is_board": body.is_board,
        "meeting_date": parsed.day.isoformat() if parsed and parsed.day else None,
        "meeting_month": parsed.month if parsed else None,
        "document_type": document_type,
        "title": title,
        "date_source": date_source or None,
        "committee_source": committee_source,
        "type_source": type_source,
        "title_source": title_source or None,
    }


def meetings_known(descriptions: list[dict]) -> dict[str, frozenset[date]]:
    """Each body's meeting dates as its documents other than minutes (which may be listed under
    the meeting that approved them) were dated."""
    known: dict[str, set[date]] = {}
    for description in descriptions:
        if description["meeting_date"] and description["document_type"] != "minutes":
            known.setdefault(description["committee_name"], set()).add(
                date.fromisoformat(description["meeting_date"]))
    return {body: frozenset(days) for body, days in known.items()}
