"""Meeting dates as UK public bodies write them, from link text, headings, file names and URLs.

A full date gives a ``date``; a month alone ("March 2024") gives only a month, never a guessed day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pipeline.scrape.memo import per_run

MONTHS = {name: number for number, names in enumerate([
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1) for name in names}
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
         r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DAY_MONTH_YEAR = re.compile(
    rf"\b(\d{{1,2}})(?:\s?(?:st|nd|rd|th))?[\s\-_]+{_MONTH}\.?[\s,\-_]+(\d{{4}})\b", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}[\s\-_]+(\d{{1,2}})(?:st|nd|rd|th)?,?[\s\-_]+(\d{{4}})\b", re.I)
# one separator throughout, and no decimal after the day: an upload folder and an item number
# ("files/2025-09/05.2 Integrated Performance Report.pdf") are not a date
_ISO = re.compile(r"(?<!\d)(20\d{2})([-_/])(\d{1,2})\2(\d{1,2})(?!\d|\.\d)")
_NUMERIC = re.compile(r"(?<![\d/])(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d/])")
_DASHED = re.compile(r"(?<![\d/.])(\d{1,2})([-_])(\d{1,2})\2(20\d{2})(?!\d|[/.\-_]\d)")
# file names once their separators are spaces: "board minutes 14 03 2024", "2024 03 14 agenda"
_SPACED = re.compile(r"(?<!\d)(\d{1,2}) (\d{1,2}) (20\d{2})(?!\d)")
_SPACED_ISO = re.compile(r"(?<!\d)(20\d{2}) (\d{1,2}) (\d{1,2})(?!\d)")
_MONTH_YEAR = re.compile(rf"\b{_MONTH}[\s\-_]+(\d{{4}})\b", re.I)
_COMPACT = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})(?!\d)")
_COMPACT_ISO = re.compile(r"(?<!\d)(20\d{2})(\d{2})(\d{2})(?!\d)")
EARLIEST_YEAR, LATEST_YEAR = 2015, 2035


@dataclass(frozen=True)
class ParsedDate:
    """A date found in text: ``day`` when the day is known, otherwise only ``month`` (YYYY-MM)."""

    day: date | None
    month: str | None


def _make(year: int, month: int, day: int) -> date | None:
    if year < 100:
        year += 2000
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str, *, allow_compact: bool = False) -> ParsedDate | None:
    """The first date in ``text``: full dates win over month-only ones; None if there is none.

    ``allow_compact`` also accepts what only file names and URLs write: six-digit ddmmyy runs
    ("minutes-140324.pdf") and numbers whose separators became spaces ("minutes 14 03 2024"). A
    two-digit year after a month name is not read: download managers truncate file names
    ("…-13th-september-20.pdf" was 2022).
    """
    if not text:
        return None
    for pattern, order in ((_DAY_MONTH_YEAR, "dmy"), (_MONTH_DAY_YEAR, "mdy")):
        for match in pattern.finditer(text):
            groups = match.groups()
            if order == "dmy":
                day, month, year = int(groups[0]), MONTHS[groups[1].lower()], int(groups[2])
            else:
                month, day, year = MONTHS[groups[0].lower()], int(groups[1]), int(groups[2])
            found = _make(year, month, day)
            if found:
                return ParsedDate(found, found.strftime("%Y-%m"))
    for match in _ISO.finditer(text):
        found = _make(int(match[1]), int(match[3]), int(match[4]))
        if found:
            return ParsedDate(found, found.strftime("%Y-%m"))
    for match in _NUMERIC.finditer(text):
        found = _make(int(match[4]), int(match[3]), int(match[1]))
        if found:
            return ParsedDate(found, found.strftime("%Y-%m"))
    for match in _DASHED.finditer(text):
        found = _make(int(match[4]), int(match[3]), int(match[1]))
        if found:
            return ParsedDate(found, found.strftime("%Y-%m"))
    if allow_compact:
        for pattern, year, month, day in ((_SPACED, 3, 2, 1), (_SPACED_ISO, 1, 2, 3)):
            for match in pattern.finditer(text):
                found = _make(int(match[year]), int(match[month]), int(match[day]))
                if found:
                    return ParsedDate(found, found.strftime("%Y-%m"))
        for match in _COMPACT_ISO.finditer(text):
            found = _make(int(match[1]), int(match[2]), int(match[3]))
            if found:
                return ParsedDate(found, found.strftime("%Y-%m"))
        for match in _COMPACT.finditer(text):
            found = _make(int(match[3]), int(match[2]), int(match[1]))
            if found:
                return ParsedDate(found, found.strftime("%Y-%m"))
    for match in _MONTH_YEAR.finditer(text):
        year = int(match[2])
        if EARLIEST_YEAR <= year <= LATEST_YEAR:
            return ParsedDate(None, f"{year}-{MONTHS[match[1].lower()]:02d}")
    return None


def first_date(texts: list[str], url: str = "") -> ParsedDate | None:
    """The first full date across ``texts`` then the URL; else the first month-only date."""
    month_only = None
    candidates = [(text, False) for text in texts] + [(url, True)]
    for text, is_url in candidates:
        found = parse_date(text, allow_compact=is_url)
        if found and found.day:
            return found
        month_only = month_only or found
    return month_only


_NOT_MEETING = re.compile(
    rf"\b(?:approved|ratified|agreed|confirmed|published|uploaded|updated|modified|posted|added|"
    rf"reviewed|review\s+date|next\s+meeting|deadline|revised|issued|effective|valid)\b"
    rf"[\s:,()-]*(?:(?:on|at|by|in|from|date|the|meeting|held|of)\s+)*"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?[\s\-_]+{_MONTH}\.?[\s,\-_]+\d{{4}}|"
    rf"{_MONTH}[\s\-_]+\d{{1,2}}(?:st|nd|rd|th)?,?[\s\-_]+\d{{4}}|"
    rf"\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|20\d{{2}}-\d{{2}}-\d{{2}}|{_MONTH}[\s\-_]+\d{{4}})",
    re.I)


@per_run
def meeting_date_in(text: str, *, allow_compact: bool = False) -> ParsedDate | None:
    """The meeting date a text gives: dates that say when something was approved, published,
    modified or is next due ("minutes of 14 March 2024, approved 9 May 2024") are not it."""
    return parse_date(_NOT_MEETING.sub(" ", text or ""), allow_compact=allow_compact)


def days_in(text: str) -> list[date]:
    """Every full date in ``text``, in the order the date shapes are tried, but not those that say
    when something was approved, published or is next due."""
    text = _NOT_MEETING.sub(" ", text or "")
    found = [_make(int(m[3]), MONTHS[m[2].lower()], int(m[1])) for m in _DAY_MONTH_YEAR.finditer(text)]
    found += [_make(int(m[3]), MONTHS[m[1].lower()], int(m[2])) for m in _MONTH_DAY_YEAR.finditer(text)]
    found += [_make(int(m[1]), int(m[3]), int(m[4])) for m in _ISO.finditer(text)]
    found += [_make(int(m[4]), int(m[3]), int(m[1])) for pattern in (_NUMERIC, _DASHED)
              for m in pattern.finditer(text)]
    return [day for day in found if day]


_MONTH_SHORT_YEAR = re.compile(rf"\b{_MONTH}\.?[\s\-_]+(\d{{2}})(?![\d/:]|\.\d|[\s\-_]+\d)", re.I)


def named_month(text: str) -> str | None:
    """The month (YYYY-MM) a document's own name gives with its year, in full or in two digits
    ("Minutes May 2025", "ICB-Board-Minutes-May-25", "Papers Sept 25"), or None. A two-digit year
    may be a day ("May 25"): callers take it only where a known meeting agrees."""
    found = parse_date(text or "")
    if found and found.month:
        return found.month
    for match in _MONTH_SHORT_YEAR.finditer(text or ""):
        if EARLIEST_YEAR <= 2000 + int(match[2]) <= LATEST_YEAR:
            return f"{2000 + int(match[2])}-{MONTHS[match[1].lower()]:02d}"
    return None


_DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:\s?(?:st|nd|rd|th))?[\s\-_]+{_MONTH}\b(?![\s,.\-_]*\d)", re.I)
_FINANCIAL_YEAR = re.compile(r"\b(20\d{2})\s*(?:/|-|to|–)\s*(?:20)?(\d{2})\b")
_YEAR = re.compile(r"(?<![\d/£$])\b(20\d{2})\b(?![/\d])")


def day_month_in(text: str) -> tuple[int, int] | None:
    """A day and month written without a year ("Thursday 14 March"), or None."""
    match = _DAY_MONTH.search(_NOT_MEETING.sub(" ", text or ""))
    if not match:
        return None
    return int(match[1]), MONTHS[match[2].lower()]


def year_for(text: str, month: int) -> int | None:
    """The calendar year a heading like "2024" or "2023/24" (a financial year, April to March)
    gives a meeting in ``month``, or None."""
    financial = _FINANCIAL_YEAR.search(text or "")
    if financial:
        first = int(financial[1])
        if int(financial[2]) == (first + 1) % 100:
            return first if month >= 4 else first + 1
    years = {int(year) for year in _YEAR.findall(text or "")}
    return years.pop() if len(years) == 1 else None


def with_year(day_month: tuple[int, int], year: int) -> ParsedDate | None:
    found = _make(year, day_month[1], day_month[0])
    return ParsedDate(found, found.strftime("%Y-%m")) if found else None
