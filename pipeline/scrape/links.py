"""A page's links, each with the structural clues a person would read it by.

For every link the page gives *clues*: ``(source, text)`` pairs, nearest first — the link text, the
cells of its table row by what their column header means (a "Modified" column is never a meeting
date), the group header above it, the list item and outer list item around it, the ``<summary>``
of the section it sits in, the nearest heading and the short notes between it and the link, the
one date the ``<time datetime>`` elements of its list item, row, section or article give, the page
heading, the meeting a page's lead states under a heading that names its month ("Public board
meeting agenda and papers: September 2025" over "Wednesday 17 September 2025 at 1:30pm"), the
last item of the page's breadcrumb and the %-decoded file name. A ``<time>`` element's text is
read as its ``datetime`` attribute says (Drupal's month-first "Thu, 07/10/2025 - 10:00" is 10
July); one that says when something was published or updated dates nothing. A button whose text
says nothing ("Download") is named by what its ``aria-labelledby`` or ``aria-describedby`` points
to (WordPress's File block), and a textless link (a thumbnail) by the link to the same address in
its block (GOV.UK's ``gem-c-attachment``: thumbnail, then title link). A link to the page itself as
a file ("Download this page as PDF", "Print this page") is named by the page's heading.
``pipeline.scrape.metadata`` picks a date, a committee and a type from them and says which source
won. Links that exist only in ``data-*`` attributes (download buttons with ``href="#"``) count, and
so do documents a page shows in place (an ``<iframe>``, ``<frame>`` or ``<embed>`` ``src``, an
``<object>``'s ``data``): their clues are read around the element just as around a link. A link to
a document viewer (PDF.js's ``viewer.html?file=/media/board-papers.pdf``, Google's ``gview?url=``,
Office Online's ``embed.aspx?src=``) is a link to the document it shows: the parameter's value,
%-decoded and resolved against the viewer's address, as a browser resolves it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import parse_qsl, unquote, urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from pipeline.scrape.dates import days_in, meeting_date_in, parse_date
from pipeline.scrape.memo import per_run

ARCHIVE_EXTENSIONS = (".zip",)  # a meeting's papers in one download ("All papers for this meeting")
DOCUMENT_EXTENSIONS = (".pdf", ".docx", ".doc", ".odt", ".rtf", ".xlsx", ".xls", ".pptx", ".ppt",
                       *ARCHIVE_EXTENSIONS)
HTML_DOCUMENT_MIN_CHARS = 1200
SECTION_NOTES_SCAN, SECTION_NOTE_MAX_CHARS = 200, 300  # nodes looked back through, note length
HTML_DOCUMENT_WORDS = re.compile(r"\b(minutes|agenda|papers)\b", re.I)
EMBED_SOURCES = {"iframe": "src", "frame": "src", "embed": "src", "object": "data"}
# a document viewer's address, and the query parameter that names the document it shows
VIEWER_PATH = re.compile(r"(?:^|/)(?:pdf)?viewer(?:\.\w+)?$|/gview$|/op/(?:embed|view)\.aspx$",
                         re.I)
VIEWER_PARAMETERS = ("file", "url", "src")
DATA_LINK_ATTRIBUTES = ("data-href", "data-url", "data-download", "data-download-url",
                        "data-downloadurl",
                        "data-file", "data-file-url", "data-link", "data-src", "data-document")
GENERIC_WORDS = re.compile(
    r"^(download|view|open|here|click here|read more|more|link|file|document|go|details|"
    r"download (?:file|document|now|here)|view (?:file|document|online|details)|see|get|"
    r"more (?:details|info|information)|find out more|see more|continue reading|"
    r"read (?:the )?(?:full )?(?:story|article|post)|(?:document |file )?viewer|"
    r"embedded(?: document| file| content)?)?$", re.I)
_FILE_NOISE = re.compile(r"\b(pdf|docx?|word|excel|xlsx?|pptx?|odt|rtf|zip|file|format|icon|"
                         r"opens? in (?:a )?new (?:window|tab)|external link)\b|"
                         r"\d+(?:\.\d+)?\s*(?:[kmg]b|bytes)\b|[^\w\s]", re.I)

# a link to the page itself in another form ("Download this page as PDF", "Print this page",
# "Printable version"), read after the file type is dropped
THIS_PAGE_WORDS = re.compile(
    r"^(?:(?:download|save|print|view|export|get|open)\s+this\s+(?:web\s*)?page"
    r"(?:\s+as(?:\s+an?)?)?|(?:printable|print(?:er)?[\s-]friendly|print)\s+version"
    r"(?:\s+of\s+this\s+page)?)$", re.I)
SAME_LINK_LEVELS = 4  # how far up a textless link looks for the link to the same address


def _bare(text: str) -> str:
    """A link text without file types, sizes and punctuation ("View (PDF, 80KB)" -> "View")."""
    return " ".join(_FILE_NOISE.sub(" ", text or "").split())


@per_run
def _is_generic(text: str) -> bool:
    return bool(GENERIC_WORDS.match(_bare(text)))


class _GenericText:
    """Link texts that say nothing about the document: "Download", "View (PDF, 80KB)"."""

    def match(self, text: str) -> bool:
        return _is_generic(text)


GENERIC_LINK_TEXT = _GenericText()
_CHARSET = re.compile(rb"""charset=["']?([\w-]+)""", re.I)
_REFRESH = re.compile(r"""^\s*\d+\s*;\s*url\s*=\s*['"]?([^'"\s]+)""", re.I)
# what a column header says its cells are
COLUMN_MEANINGS = [
    ("ignored", re.compile(r"modified|updated|uploaded|published|created|added|posted|size|"
                           r"review|expir|version", re.I)),
    ("meeting_date", re.compile(r"date|held|when", re.I)),
    ("committee", re.compile(r"committee|board|body|group|forum|panel|meeting", re.I)),
    ("type", re.compile(r"type|kind|category|format", re.I)),
    ("title", re.compile(r"title|name|document|paper|description|item|file", re.I)),
]


@dataclass(frozen=True)
class Link:
    url: str  # absolute, without fragment
    text: str  # the link text (or a data-* button's text)
    clues: tuple[tuple[str, str], ...] = ()  # (source, text), nearest first
    rel: str = ""  # "next" for a pager's next link
    region: str = ""  # "footer", "header", "nav" or "aside" when in the page's furniture

    @property
    def context(self) -> tuple[str, ...]:
        """The texts around the link, nearest first (for callers that do not need sources)."""
        return tuple(text for source, text in self.clues if source != "link_text")

    def to_row(self) -> dict:
        return {"url": self.url, "text": self.text, "clues": [list(c) for c in self.clues],
                "rel": self.rel, "region": self.region}

    @classmethod
    def from_row(cls, row) -> Link:
        """A link as ``pages.jsonl`` stored it; raises ValueError for an older layout."""
        if not isinstance(row, dict):
            raise ValueError("an older pages.jsonl layout")
        return cls(row["url"], row["text"], tuple(tuple(c) for c in row["clues"]),
                   row.get("rel", ""), row.get("region", ""))


@dataclass
class Page:
    url: str
    links: list[Link] = field(default_factory=list)
    canonical_url: str | None = None
    shortlink_url: str | None = None
    refresh_url: str | None = None
    generator: str = ""
    title: str = ""
    heading: str = ""
    markers: str = ""  # class names and script sources that identify a platform
    text_length: int = 0
    is_minutes_like: bool = False  # reads like minutes: "Present:" and "Apologies"


def decode_html(body: bytes, content_type: str) -> str:
    """Decode with the declared charset; undeclared or wrongly declared bytes that are not UTF-8
    are read as windows-1252 (which is what latin-1 pages really are)."""
    match = _CHARSET.search(content_type.encode()) or _CHARSET.search(body[:4096])
    declared = match.group(1).decode().lower() if match else ""
    if declared in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"):
        declared = "windows-1252"
    for encoding in (declared or "utf-8", "utf-8", "windows-1252"):
        try:
            return body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", errors="replace")


def clean(text: str) -> str:
    return " ".join(text.split())


def file_name_text(url: str) -> str:
    """The document's file name, %-decoded, separators as spaces, extension dropped; a download
    script's ``name=``/``file=`` value counts as its file name."""
    parts = urlsplit(url)
    name = unquote(unquote(parts.path.rstrip("/").rsplit("/", 1)[-1]))
    for key, value in parse_qsl(parts.query):
        if key.lower() in ("name", "file", "filename", "f", "doc") and "." in value:
            name = unquote(value)
    name = re.sub(r"\.(?:pdf|docx?|odt|rtf|xlsx?|pptx?|zip|html?|aspx|php)$", "", name, flags=re.I)
    return clean(re.sub(r"[_+\-]+", " ", name))


def _own_text(element: Tag) -> str:
    """An element's text without the nested lists, tables and sections inside it."""
    parts: list[str] = []

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Tag):
                if child.name not in ("ul", "ol", "table", "details"):
                    walk(child)
            else:
                parts.append(str(child))

    walk(element)
    return clean(" ".join(parts))


def _header_meanings(table: Tag) -> list[tuple[str, str]]:
    """(meaning, header text) per column of a table, or [] when it has no header row."""
    row = None
    head = table.find("thead")
    if head:
        row = head.find("tr")
    if row is None:
        first = table.find("tr")
        if first and first.find("th") and not first.find("td"):
            row = first
    if row is None:
        return []
    meanings = []
    for cell in row.find_all(["th", "td"]):
        text = clean(cell.get_text(" "))
        meaning = next((name for name, pattern in COLUMN_MEANINGS if pattern.search(text)),
                       "other")
        meanings.extend([(meaning, text)] * int(cell.get("colspan", 1) or 1))
    return meanings


def _row_clues(anchor: Tag) -> list[tuple[str, str]]:
    row = anchor.find_parent("tr")
    if row is None:
        return []
    table = row.find_parent("table")
    meanings = _header_meanings(table) if table else []
    clues, kept = [], []
    cells = row.find_all(["td", "th"], recursive=False)
    for index, cell in enumerate(cells):
        text = clean(cell.get_text(" "))
        meaning = meanings[index][0] if index < len(meanings) else "other"
        if cell is anchor or anchor in cell.descendants:
            if index < len(meanings) and meanings[index][1]:
                clues.append(("own_column", meanings[index][1]))
        if not text or meaning == "ignored":
            continue
        if meaning != "other":
            clues.append((f"column:{meaning}", text))
        if meaning in ("committee", "title") and index < len(meanings) and \
                re.search(r"meeting", meanings[index][1], re.I):
            clues.append(("column:meeting_date", text))  # a "Meeting" column: name and date
        kept.append(text)
    clues.append(("row", " ".join(kept)))
    levels: set[str] = set()
    for previous in row.find_previous_siblings("tr"):
        cells = previous.find_all(["td", "th"], recursive=False)
        classes = " ".join(previous.get("class", []))
        is_group = len(cells) == 1 or "group" in classes.lower() or "ms-gb" in classes
        if is_group and not _has_real_link(previous) and classes not in levels:
            clues.append(("group_header", clean(previous.get_text(" "))))
            levels.add(classes)  # nested groups (SharePoint ms-gb, ms-gb2): one of each level
            if len(levels) == 2 or not classes:
                break
    if table is not None:
        caption = table.find("caption")
        if caption:
            clues.append(("caption", clean(caption.get_text(" "))))
    return clues


def _structure_clues(anchor: Tag, unit_days: dict[int, set[date]] | None) -> list[tuple[str, str]]:
    clues = _row_clues(anchor) + _dl_fields(anchor) + _time_clue(anchor, unit_days)
    block = anchor.find_parent(["p", "dd", "dt", "figcaption", "blockquote"])
    if block is not None:
        clues.append(("paragraph", _own_text(block)))
        if block.name == "dd":
            term = block.find_previous_sibling("dt")
            if term is not None:
                clues.append(("group_header", clean(term.get_text(" "))))
    items = [li for li in anchor.find_parents("li")]
    if items:
        clues.append(("list_item", _own_text(items[0])))
        for outer in items[1:]:
            clues.append(("outer_list_item", _own_text(outer)))
    label = _preceding_label(anchor)
    if label:
        clues.append(("preceding_label", label))
    for details in anchor.find_parents("details"):
        summary = details.find("summary")
        if summary:
            clues.append(("summary", clean(summary.get_text(" "))))
    heading = anchor.find_previous(["h2", "h3", "h4", "h5", "h6"])
    if heading:
        clues.append(("heading", clean(heading.get_text(" "))))
        if heading.name in ("h4", "h5", "h6"):
            outer = heading.find_previous(["h2", "h3"])
            if outer:
                clues.append(("outer_heading", clean(outer.get_text(" "))))
        elif heading.name == "h3":
            outer = heading.find_previous("h2")
            if outer:
                clues.append(("outer_heading", clean(outer.get_text(" "))))
    clues += [("section_text", text) for text in _section_notes(anchor)]
    return clues


def _section_notes(anchor: Tag) -> list[str]:
    """Up to two short paragraphs without links between the nearest heading and the link, nearest
    first ("The minutes listed are those of the previous meeting, 14 May 2025")."""
    around = set(map(id, anchor.parents))
    notes: list[str] = []
    for number, element in enumerate(anchor.previous_elements):
        if number > SECTION_NOTES_SCAN or (isinstance(element, Tag) and element.name in (
                "h1", "h2", "h3", "h4", "h5", "h6")):
            break
        if not isinstance(element, Tag) or element.name != "p" or id(element) in around or \
                _has_real_link(element):
            continue
        text = clean(element.get_text(" "))
        if 3 <= len(text) <= SECTION_NOTE_MAX_CHARS:
            notes.append(text)
        if len(notes) == 2:
            break
    return notes


def _has_real_link(element: Tag) -> bool:
    """Whether an element holds a link that goes somewhere (not ``href=""`` or ``#``)."""
    anchors = [element] if element.name == "a" else element.find_all("a", href=True)
    return any((a.get("href") or "").strip() not in ("", "#") and
               not (a.get("href") or "").startswith(("#", "javascript:")) for a in anchors)


def _preceding_label(anchor: Tag) -> str:
    """The nearest text just before the block the link sits in — an accordion's button, a bold
    line, a heading-like div — that is not itself a list of links."""
    node = anchor.find_parent("table") or anchor
    for _ in range(6):
        parent = node.parent
        if parent is None or parent.name in ("body", "html", "main", "[document]"):
            return ""
        for sibling in node.find_previous_siblings(limit=3):
            if not isinstance(sibling, Tag) or sibling.name in ("li", "tr", "dd", "script",
                                                                  "style", "br"):
                continue
            if _has_real_link(sibling):
                break
            text = clean(sibling.get_text(" "))
            if 3 <= len(text) <= 200:
                return text
            if text:
                break
        node = parent
    return ""


_DATETIME = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T\s]|$)")
# a <time> that says when the page or post was published or changed, never a meeting
_STAMP_MARKS = re.compile(r"publish|updated|modified|posted|entry-date|post-date|byline|"
                          r"date(?:Published|Modified|Created)", re.I)
TIME_UNITS = ("li", "tr", "dl", "details", "article", "section")  # what one <time> may date
STAMP_WORDS_CHARS = 40  # how much text before a <time> may say it is a publication date


def _time_day(element: Tag) -> date | None:
    """The day a ``<time datetime="2025-07-10T09:00:00Z">`` element gives, or None."""
    match = _DATETIME.match(element.get("datetime") or "")
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _shown_day(element: Tag) -> date | None:
    """The day a ``<time>`` shows, once ``_read_times`` has made its text agree with its
    attribute (a local day a time zone from the UTC attribute stays)."""
    shown = parse_date(clean(element.get_text(" ")))
    return shown.day if shown else None


def _spelled(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _read_times(soup: BeautifulSoup) -> None:
    """Give each ``<time datetime>`` the text its attribute means, where its own text reads
    otherwise or not at all (Drupal's month-first "Thu, 07/10/2025 - 10:00" is 10 July 2025); a
    text a time zone away from it (a day either side of the UTC attribute) is kept."""
    for element in soup.find_all("time", datetime=True):
        day = _time_day(element)
        shown = parse_date(clean(element.get_text(" ")))
        if day and not (shown and shown.day and abs((shown.day - day).days) <= 1):
            element.string = _spelled(day)


def _is_stamp(element: Tag) -> bool:
    """Whether a ``<time>`` says when something was published or updated: by its class or
    ``itemprop`` (``class="entry-date published"``, ``itemprop="datePublished"``), or by the words
    just before it ("Posted on", "Last updated")."""
    marks = " ".join([*element.get("class", []), element.get("itemprop") or ""])
    if _STAMP_MARKS.search(marks):
        return True
    before = " ".join(sibling.get_text(" ") if isinstance(sibling, Tag) else str(sibling)
                      for sibling in reversed(list(element.previous_siblings)))
    said = f"{clean(before)[-STAMP_WORDS_CHARS:]} {clean(element.get_text(' '))}"
    return parse_date(said) is not None and meeting_date_in(said) is None


def _time_clue(anchor: Tag, unit_days: dict[int, set[date]] | None) -> list[tuple[str, str]]:
    """The one day the ``<time>`` elements of the nearest list item, row, definition list,
    section or article around the link give (a Drupal node's date field); none where that unit's
    times give more than one day, or say only when something was published. ``unit_days`` keeps
    each unit's days (None: the page has no ``<time datetime>``)."""
    if unit_days is None:
        return []
    for unit in anchor.find_parents(TIME_UNITS):
        if id(unit) not in unit_days:
            unit_days[id(unit)] = {_shown_day(element) for element in
                                   unit.find_all("time", datetime=True)
                                   if _time_day(element) and not _is_stamp(element)} - {None}
        days = unit_days[id(unit)]
        if days:
            return [("time", _spelled(next(iter(days))))] if len(days) == 1 else []
    return []


def _breadcrumb(soup: BeautifulSoup) -> str:
    """The last item of the page's breadcrumb trail (``nav[aria-label=Breadcrumb]``,
    ``ol.nhsuk-breadcrumb__list``, ``.breadcrumb``): the section, often the body, a page is in."""
    def is_trail(tag: Tag) -> bool:
        marks = " ".join([*tag.get("class", []), tag.get("aria-label") or "",
                          tag.get("itemtype") or ""])
        return tag.name in ("nav", "ol", "ul", "div", "p") and "breadcrumb" in marks.lower()

    trail = soup.find(is_trail)
    if trail is None:
        return ""
    items = [clean(item.get_text(" ")) for item in trail.find_all("li")]
    if not items:
        items = [clean(part) for part in re.split(r"\s[>»›/|]\s|[>»›]", trail.get_text(" "))]
    items = [item for item in items if item]
    return items[-1] if len(items) > 1 or (items and items[0].lower() != "home") else ""


LEAD_STOPS = ("h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "details", "dl", "form")


def _page_lead(heading: Tag | None) -> str:
    """What a meeting's page states right under its heading ("Wednesday 17 September 2025 at
    1:30pm, Ouseland House"), when the heading names that day's month ("…: September 2025") and
    the lead gives that one day; "" otherwise (a listing's heading names no month)."""
    if heading is None:
        return ""
    month = parse_date(clean(heading.get_text(" ")))
    if month is None or month.day is not None:
        return ""
    parts = []
    for sibling in heading.find_next_siblings():
        if not isinstance(sibling, Tag) or sibling.name in LEAD_STOPS or sibling.find(LEAD_STOPS) \
                or any(urlsplit(a.get("href") or "").path.lower().endswith(DOCUMENT_EXTENSIONS)
                       for a in sibling.find_all("a", href=True)):
            break
        parts.append(clean(sibling.get_text(" ")))
    lead = " ".join(part for part in parts if part)[:SECTION_NOTE_MAX_CHARS]
    days = set(days_in(lead))
    if len(days) != 1 or days.pop().strftime("%Y-%m") != month.month:
        return ""
    return lead


def _meaning(label: str) -> str:
    return next((name for name, pattern in COLUMN_MEANINGS if pattern.search(label)), "other")


def _dl_fields(anchor: Tag) -> list[tuple[str, str]]:
    """Labelled fields of the definition list a link is in ("Meeting date" → "16 May 2024")."""
    holder = anchor.find_parent("dl")
    if holder is None:
        return []
    clues = []
    for term in holder.find_all("dt"):
        meaning = _meaning(clean(term.get_text(" ")))
        value = term.find_next_sibling("dd")
        if meaning in ("meeting_date", "committee") and value is not None:
            clues.append((f"field:{meaning}", clean(value.get_text(" "))))
    return clues


def _page_fields(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """"Label: value" lines of a page about one document ("Meeting date: 16 May
    2024", "Committee: Audit Committee"); none on a page that lists many documents."""
    anchors = [a for a in soup.find_all("a", href=True)
               if urlsplit(a["href"]).path.lower().endswith(DOCUMENT_EXTENSIONS)]
    if len(anchors) > 2:
        return []
    clues = []
    for element in soup.find_all(["p", "li", "div", "span"]):
        text = clean(element.get_text(" "))
        match = re.match(r"^([A-Za-z ]{3,30}?)\s*[:\u2013-]\s*(.{3,90})$", text)
        if not match or element.find(["p", "div", "li"]) is not None:
            continue
        meaning = _meaning(match[1])
        if meaning in ("meeting_date", "committee"):
            clues.append((f"page_field:{meaning}", match[2]))
    return clues[:4]


def is_this_page_text(text: str) -> bool:
    """Whether a link text names the page it is on as a file ("Download this page as PDF")."""
    return bool(THIS_PAGE_WORDS.match(_bare(text)))


def _same_link_text(anchor: Tag) -> str:
    """The text of the link to the same address in the block a textless link sits in (a
    thumbnail beside its title link), nearest block first."""
    href = (anchor.get("href") or "").strip()
    node = anchor
    for _ in range(SAME_LINK_LEVELS):
        node = node.parent
        if node is None or node.name in ("body", "html", "main", "[document]"):
            return ""
        for other in node.find_all("a", href=True):
            text = clean(other.get_text(" "))
            if other is not anchor and other["href"].strip() == href and text and \
                    not GENERIC_LINK_TEXT.match(text):
                return text
    return ""


def _link_text(anchor: Tag, ids: dict[str, Tag]) -> str:
    if anchor.name in EMBED_SOURCES:  # what is inside is for browsers that cannot show the file
        return next((clean(anchor.get(attribute) or "") for attribute in ("title", "aria-label",
                     "data-title") if clean(anchor.get(attribute) or "")), "")
    text = clean(anchor.get_text(" "))
    if text and not GENERIC_LINK_TEXT.match(text):
        return text
    for attribute in ("title", "aria-label", "data-title"):
        value = clean(anchor.get(attribute, "") or "")
        if value:
            return value
    for attribute in ("aria-labelledby", "aria-describedby"):  # "Download" named by its file
        named = " ".join(clean(ids[key].get_text(" ")) for key in
                         (anchor.get(attribute) or "").split() if key in ids)
        if named.strip() and not GENERIC_LINK_TEXT.match(named):
            return clean(named)
    if not text and anchor.name == "a":
        return _same_link_text(anchor)
    return text


def _data_target(element: Tag) -> str | None:
    if element.name in EMBED_SOURCES:
        value = (element.get(EMBED_SOURCES[element.name]) or "").strip()
        if value and not value.startswith(("#", "javascript:", "about:", "data:")):
            return value
    for attribute in DATA_LINK_ATTRIBUTES:
        value = (element.get(attribute) or "").strip()
        if value and not value.startswith(("#", "javascript:")):
            return value
    return None


def parse_page(html: str, page_url: str) -> Page:
    """The page's links with their clues, and what the page says about itself."""
    soup = BeautifulSoup(html, "html.parser")
    _read_times(soup)
    base = soup.find("base", href=True)
    base_url = urljoin(page_url, base["href"]) if base else page_url
    page = Page(page_url)
    heading = soup.find("h1")
    page.heading = clean(heading.get_text(" ")) if heading else ""
    page.title = clean(soup.title.get_text(" ")) if soup.title else ""
    text = clean(soup.get_text(" "))
    page.text_length = len(text)
    page.is_minutes_like = bool(re.search(r"\bpresent\s*:", text, re.I)
                                and re.search(r"\bapologies\b", text, re.I))
    for meta in soup.find_all("meta"):
        name = (meta.get("name") or meta.get("http-equiv") or "").lower()
        if name == "generator":
            page.generator += " " + (meta.get("content") or "")
        elif name == "refresh":
            match = _REFRESH.match(meta.get("content") or "")
            if match:
                page.refresh_url = urldefrag(urljoin(base_url, match.group(1)))[0]
    for link in soup.find_all("link", href=True):
        rel = " ".join(link.get("rel") or []).lower()
        if "canonical" in rel:
            page.canonical_url = urldefrag(urljoin(base_url, link["href"]))[0]
        elif "shortlink" in rel:
            page.shortlink_url = urldefrag(urljoin(base_url, link["href"]))[0]
    page.markers = " ".join(
        [" ".join(tag.get("class", [])) for tag in soup.find_all(["body", "div", "table", "ul"],
                                                                limit=80)]
        + [tag.get("src", "") for tag in soup.find_all("script", src=True)]
        + [tag.get("href", "") for tag in soup.find_all("link", href=True)])
    fields = _page_fields(soup)
    lead = _page_lead(heading)
    if lead:
        fields.append(("page_lead", lead))
    trail = _breadcrumb(soup)
    ids = {tag["id"]: tag for tag in soup.find_all(id=True) if isinstance(tag.get("id"), str)}
    unit_days: dict[int, set[date]] | None = {} if soup.find("time", datetime=True) else None
    seen_data = set()
    for element in soup.find_all(True):
        href = None
        if element.name == "a" and element.get("href"):
            href = element["href"].strip()
            if href.startswith("#") or not href:
                href = _data_target(element)
        else:
            href = _data_target(element)
            if href and href in seen_data:
                continue
        if not href or href.startswith(("mailto:", "tel:", "javascript:", "#")):
            continue
        url = shown_document(urldefrag(urljoin(base_url, href))[0])
        if urlsplit(url).scheme not in ("http", "https"):
            continue
        if element.name != "a":
            seen_data.add(href)
        text = _link_text(element, ids)
        if page.heading and is_this_page_text(text):
            text = page.heading
        clues = [("link_text", text)] if text else []
        clues += _structure_clues(element, unit_days)
        clues += fields
        if page.heading:
            clues.append(("page_heading", page.heading))
        if trail:
            clues.append(("breadcrumb", trail))
        if page.title:
            clues.append(("page_title", page.title))
        name = file_name_text(url)
        if name:
            clues.append(("file_name", name))
        rel = " ".join(element.get("rel") or []) if element.name == "a" else ""
        if not rel and re.fullmatch(r"(next|next page|older( posts| entries)?|›|»|>)\s*[›»>]?",
                                    text, re.I):
            rel = "next"
        furniture = element.find_parent(["footer", "header", "nav", "aside"])
        region = furniture.name if furniture is not None and (
            furniture.name == "aside" or element.find_parent("main") is None) else ""
        page.links.append(Link(url, text, tuple((s, t) for s, t in clues if t), rel.lower(),
                               region))
    return page


def shown_document(url: str) -> str:
    """The document a viewer's address shows (``/pdfviewer/web/viewer.html?file=%2Fmedia%2Fa.pdf``
    -> ``/media/a.pdf``), resolved against the viewer's address; any other address as it is."""
    parts = urlsplit(url)
    if not VIEWER_PATH.search(parts.path):
        return url
    for key, value in parse_qsl(parts.query):
        if key.lower() in VIEWER_PARAMETERS and value.strip():
            shown = urldefrag(urljoin(url, value.strip()))[0]
            if urlsplit(shown).scheme in ("http", "https") and looks_like_document(Link(shown, "")):
                return shown
    return url


def page_links(html: str, page_url: str) -> list[Link]:
    """Every http(s) link on the page, resolved against it, fragment removed, in page order."""
    return parse_page(html, page_url).links


def looks_like_document(link: Link) -> bool:
    """A link to a document (PDF, Word, …, a download script, or HTML minutes/agendas)."""
    parts = urlsplit(link.url)
    path = parts.path.lower()
    query = unquote(parts.query.lower())
    if path.endswith(DOCUMENT_EXTENSIONS):
        return True
    if path.endswith(("document.ashx", "getdocument.aspx", "viewdocument.aspx", "download.aspx")):
        return True
    if "download" in path and (query or path.endswith(".php")):
        return True
    if re.search(r"/(?:download|wpdmdl|dlm_download|attachment)s?/\d+", path) and \
            "page" not in path:
        return True
    if any(f"{key}=" in query for key in ("wpdmdl", "download_id", "dlm_download")):
        return True
    if HTML_DOCUMENT_WORDS.search(link.text) and path.endswith((".html", ".htm")):
        return True
    return any(name in query for name in DOCUMENT_EXTENSIONS)


def is_html_document(page: Page) -> bool:
    """A page that is itself minutes or an agenda (HTML minutes at a URL ending in ``/``): its
    heading says so, it is long, and it links to no document of its own."""
    return ((bool(re.search(r"\b(minutes|agenda)\b", page.heading, re.I)) or page.is_minutes_like)
            and page.text_length >= HTML_DOCUMENT_MIN_CHARS
            and not any(looks_like_document(link) for link in page.links))
