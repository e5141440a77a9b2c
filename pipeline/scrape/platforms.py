"""The platforms ICBs publish on, as small classes over the shared crawler (LGSF style).

A platform knows its listing → meeting → document chain (which links to follow), how it paginates,
where its dates and committee names live (the order clues are read in), whether the site is shared
with other bodies (a council's democracy site), and which pages break its assumptions. It is
detected from the start page (generator meta tags, URL shapes, class names) unless the recipe
names one (``platform = "..."`` in ``recipes.toml``).
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import parse_qsl, urlsplit

from pipeline.scrape import classify, metadata
from pipeline.scrape.links import Link, Page

PAGINATION_QUERY = {"page", "paged", "pg", "p_id", "pagefirstrow", "start", "offset", "pagenum",
                    "page_no", "currentpage"}
PAGINATION_PATH = re.compile(r"/page/\d+/?$", re.I)
PAGINATION_KEY = re.compile(r"(?:^|[_-])(?:page|paged|pg|pagenum)$|^query-\d+-page$", re.I)


def _linked(page: Page, pattern: str, at_least: int = 2) -> bool:
    """Whether at least ``at_least`` of the page's links have addresses of this shape."""
    shape = re.compile(pattern, re.I)
    return sum(bool(shape.search(link.url)) for link in page.links) >= at_least


class PlatformAssumptionError(ValueError):
    """A page that does not look the way its platform's pages look."""


class Platform:
    name = "generic"
    shared_site = False  # documents of other bodies are published beside the ICB's
    orders = metadata.Orders()
    skip_paths: tuple[str, ...] = ()
    # the names of the ICB's own bodies on this platform (on a shared site, nothing else is kept)
    icb_bodies = classify.ICB_MARKERS

    def is_shared(self, page: Page) -> bool:
        """Whether the site the start page is on is shared with a council: a democracy platform
        on a council's host (.gov.uk), or one listing a council's own committees (planning,
        licensing, cabinet, …); an ICB's own committee system (an NHS host) is not."""
        host = (urlsplit(page.url).hostname or "").lower()
        if not self.shared_site or host.endswith(".nhs.uk"):
            return False
        return host.endswith(".gov.uk") or any(
            classify.COUNCIL_BODIES.search(link.text) for link in page.links)

    def recognises(self, body: str, extra: tuple[str, ...] = (), shared: bool = False) -> bool:
        """Whether ``body`` is the ICB's (its board, a committee) on this platform's sites."""
        return classify.is_icb_body(body, shared_site=shared, extra=extra,
                                    recognised=self.icb_bodies)

    @classmethod
    def detect_score(cls, page: Page) -> int:
        return 0

    def is_pagination(self, link: Link, page_url: str) -> bool:
        """A link to another page of the same listing."""
        if link.rel == "next":
            return True
        here, there = urlsplit(page_url), urlsplit(link.url)
        if PAGINATION_PATH.search(there.path):
            base = PAGINATION_PATH.sub("", there.path).rstrip("/")
            return PAGINATION_PATH.sub("", here.path).rstrip("/") == base
        keys = {key.lower() for key, _ in parse_qsl(there.query)}
        return there.path == here.path and (bool(keys & PAGINATION_QUERY) or any(
            PAGINATION_KEY.search(key) for key in keys))

    def follows(self, link: Link) -> bool:
        """Whether a page link is worth visiting on this platform."""
        return True

    def check(self, page: Page, icb: str) -> None:
        """Raise PlatformAssumptionError naming the ICB and URL if the page breaks the platform's
        assumptions about where documents and their metadata are."""


class ModernGov(Platform):
    """Modern.Gov democracy sites: committees (mgListCommittees, mgCommitteeDetails) → meetings
    (ieListMeetings) → a meeting's documents (ieListDocuments). The meeting page's heading names
    the committee and the date; the site is usually a council's, shared with its own committees."""

    name = "moderngov"
    shared_site = True
    icb_bodies = re.compile(r"\b(icb|integrated\s+care|nhs|clinical\s+commissioning|ccg|"
                            r"primary\s+care\s+commissioning|joint\s+committee\s+of)\b", re.I)
    orders = metadata.Orders(
        date=metadata.prefer(metadata.DATE_ORDER, "document_heading", "link_text",
                             "page_heading", "heading", "page_title"),
        committee=metadata.prefer(metadata.COMMITTEE_ORDER, "document_heading", "page_heading",
                                  "link_text", "heading", "page_title"))
    FOLLOW = re.compile(r"mg(ListCommittees|CommitteeDetails|MeetingDetails|ListMeetings)|"
                        r"ieListMeetings|ieListDocuments|ieDocHome", re.I)
    NEVER = re.compile(r"mg(Member|Calendar|Issue|Decision|Outside|Elect|Ward|Parish|Search|"
                       r"Attendance|Register|Plans|ConvertPDF|Rss|EPetition|Survey|Delegated)|"
                       r"ieDecision|ieIssue|ieListMeetings\.aspx\?.*XXR=1|mgWebService", re.I)

    # a calendar month view the crawl starts from (mgCalendarMonthView.aspx?M=5&Y=2025) is the
    # listing: its "Previous month"/"Next month" links page through it, from the month the ICBs were
    # established to next month (later months have no papers yet); a calendar reached from any other
    # page is never followed (NEVER), nor is an item's issue history (ieIssueDetails.aspx), whose
    # meetings the calendar and the meeting lists already reach
    CALENDAR = re.compile(r"/mgCalendarMonthView\.aspx$", re.I)
    CALENDAR_MONTH_KEYS = ("m",)
    CALENDAR_YEAR_KEYS = ("y", "dd", "yy")
    CALENDAR_FIRST_MONTH = (2022, 7)

    @classmethod
    def detect_score(cls, page: Page) -> int:
        text = f"{page.url} {page.markers} {page.generator}"
        return 10 if re.search(r"mg[A-Z]\w+\.aspx|ieList\w+\.aspx|mgJavaScript|modern\.?gov",
                               text, re.I) or _linked(page, r"/(mg[A-Z]\w+|ieList\w+)\.aspx") else 0

    def is_pagination(self, link: Link, page_url: str) -> bool:
        if self.CALENDAR.search(urlsplit(page_url).path) and \
                self.CALENDAR.search(urlsplit(link.url).path):
            return self.is_calendar_month_in_range(link.url, date.today())
        return super().is_pagination(link, page_url)

    def is_calendar_month_in_range(self, url: str, today: date) -> bool:
        """Whether a calendar month view's month (its M and Y/DD parameters; the current month
        when it names none) is from CALENDAR_FIRST_MONTH to the month after ``today``."""
        query = {key.lower(): value for key, value in parse_qsl(urlsplit(url).query)}
        month = next((query[key] for key in self.CALENDAR_MONTH_KEYS if key in query), "")
        year = next((query[key] for key in self.CALENDAR_YEAR_KEYS if key in query), "")
        if not (month.isdigit() and year.isdigit()):
            return True
        first = self.CALENDAR_FIRST_MONTH[0] * 12 + self.CALENDAR_FIRST_MONTH[1] - 1
        return first <= int(year) * 12 + int(month) - 1 <= today.year * 12 + today.month

    def follows(self, link: Link) -> bool:
        path = urlsplit(link.url).path
        if self.NEVER.search(link.url):
            return False
        return bool(self.FOLLOW.search(path)) or not path.lower().endswith(".aspx")

    def check(self, page: Page, icb: str) -> None:
        if "ielistdocuments" in page.url.lower() and not re.search(
                r"\d{4}", f"{page.heading} {page.title}"):
            raise PlatformAssumptionError(
                f"{icb}: {page.url}: a Modern.Gov meeting page without a dated heading")


class Cmis(Platform):
    """CMIS (Civica) democracy sites: /cmis5/Meetings/tabid/…/ctl/ViewMeetingPublic/…/Meeting/N
    pages list documents (Document.ashx); the meeting heading has the committee and date."""

    name = "cmis"
    shared_site = True
    icb_bodies = ModernGov.icb_bodies
    orders = ModernGov.orders
    NEVER = re.compile(r"/(People|Councillors|Calendar|Decisions|Search|Elections|Petitions)",
                       re.I)

    @classmethod
    def detect_score(cls, page: Page) -> int:
        text = f"{page.url} {page.markers} {page.generator}"
        return 10 if re.search(r"/cmis\d*/|tabid/\d+|ViewMeetingPublic|Document\.ashx", text,
                               re.I) or _linked(page, r"/cmis\d*/|/tabid/\d+/") else 0

    def follows(self, link: Link) -> bool:
        return not self.NEVER.search(link.url)

    def check(self, page: Page, icb: str) -> None:
        if "viewmeetingpublic" in page.url.lower() and not re.search(r"\d{4}", page.heading):
            raise PlatformAssumptionError(
                f"{icb}: {page.url}: a CMIS meeting page without a dated heading")


class SharePoint(Platform):
    """SharePoint document libraries: list views (AllItems.aspx) in pages (Paged=TRUE,
    PageFirstRow=), generic link texts, a Modified column that is never a meeting date, group
    headers ("Meeting Date : 14/03/2024") above the rows."""

    name = "sharepoint"
    orders = metadata.Orders(
        date=metadata.prefer(metadata.DATE_ORDER, "document_heading", "link_text",
                             "column:meeting_date", "group_header", "file_name", "column:title"),
        committee=metadata.prefer(metadata.COMMITTEE_ORDER, "document_heading",
                                  "column:committee", "link_text", "group_header",
                                  "column:title"))
    NEVER = re.compile(r"/_layouts/|/_vti_bin/|/Forms/(EditForm|DispForm|Upload)", re.I)

    @classmethod
    def detect_score(cls, page: Page) -> int:
        text = f"{page.url} {page.markers} {page.generator}"
        return 9 if re.search(r"sharepoint|/Forms/AllItems\.aspx|ms-listviewtable|/_layouts/",
                              text, re.I) or _linked(page, r"/Forms/AllItems\.aspx|/_layouts/") else 0

    def is_pagination(self, link: Link, page_url: str) -> bool:
        query = urlsplit(link.url).query.lower()
        return "paged=true" in query or "pagefirstrow=" in query or \
            super().is_pagination(link, page_url)

    def follows(self, link: Link) -> bool:
        return not self.NEVER.search(link.url)

    def check(self, page: Page, icb: str) -> None:
        if "allitems.aspx" in page.url.lower() and not any(
                source.startswith("column:") for link in page.links for source, _ in link.clues):
            raise PlatformAssumptionError(
                f"{icb}: {page.url}: a SharePoint list view without column headers")


class WordPress(Platform):
    """WordPress: pages and news posts that announce papers, category archives paginated as
    /page/N/, download managers whose buttons carry the file in data-* attributes."""

    name = "wordpress"
    skip_paths = ("/wp-admin", "/wp-login", "/wp-json", "/feed", "/comments/feed", "/xmlrpc")
    NEVER = re.compile(r"/(feed|tag|author|wp-json|comments)/|[?&](replytocom|share|print)=|"
                       r"/wp-login|/wp-admin", re.I)

    @classmethod
    def detect_score(cls, page: Page) -> int:
        text = f"{page.markers} {page.generator}"
        return 8 if re.search(r"wordpress|/wp-content/|/wp-includes/", text, re.I) or \
            _linked(page, r"/wp-content/uploads/") else 0

    def follows(self, link: Link) -> bool:
        return not self.NEVER.search(link.url)


class Drupal(Platform):
    """Drupal: views with ?page=N pagers (counting from 0), files under /sites/…/files/,
    collapsible year sections (<details><summary>)."""

    name = "drupal"
    NEVER = re.compile(r"/(user|admin|taxonomy/term/\d+/feed|rss\.xml)|[?&]destination=", re.I)

    @classmethod
    def detect_score(cls, page: Page) -> int:
        text = f"{page.markers} {page.generator}"
        return 8 if re.search(r"drupal|/sites/default/files/|views-row|/core/misc/", text,
                              re.I) or _linked(page, r"/sites/[\w.-]+/files/") else 0

    def follows(self, link: Link) -> bool:
        return not self.NEVER.search(link.url)


class NhsUk(Platform):
    """Sites on the NHS.UK frontend (nhsuk-* classes): per-year pages or tables with a meeting
    date column, expanders (<details class="nhsuk-details">) per meeting."""

    name = "nhsuk"

    @classmethod
    def detect_score(cls, page: Page) -> int:
        return 7 if re.search(r"\bnhsuk-", page.markers) else 0


PLATFORMS: dict[str, type[Platform]] = {
    cls.name: cls for cls in (ModernGov, Cmis, SharePoint, WordPress, Drupal, NhsUk, Platform)}


def detect(page: Page) -> Platform:
    """The platform a page is served by (generic when nothing says)."""
    best = max(PLATFORMS.values(), key=lambda cls: cls.detect_score(page))
    return best() if best.detect_score(page) > 0 else Platform()


def platform_named(name: str) -> Platform:
    if name not in PLATFORMS:
        raise ValueError(f"unknown platform {name!r} (known: {', '.join(sorted(PLATFORMS))})")
    return PLATFORMS[name]()
