"""What each demo ICB publishes: its site, meetings, documents and the passages planted in them.

Everything is drawn from a seeded random generator per ICB, so the same seed gives the same web.
ICBs, names, codes and hosts come from the registry; lifetimes follow it (abolished ICBs stop
publishing on their last day, new ones start on their first).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlsplit

from pipeline.demo import prose
from pipeline.registry import Icb, Registry

REFERENCE_DATE = date(2026, 11, 1)  # "today" for the demo web, fixed so output is deterministic
FAMILIES = ("wordpress", "doclib", "council", "meeting_pages", "landing", "archive",
            "moderngov", "sharepoint", "wp_news", "drupal", "nhsuk", "cmis")
# documents linked beside the papers that are not papers (the crawler must skip them)
NOT_PAPERS = (
    "Privacy notice", "Board meeting dates 2025/26", "Non-executive member candidate pack",
    "Patient leaflet: your health, your say", "Public questions form",
    "Board paper cover sheet template",
)
# a council's own committees on a democracy site it shares with the ICB
COUNCIL_COMMITTEES = ("Planning Committee", "Licensing Committee", "Health and Wellbeing Board")
PARTNERSHIP_BOARD = "Health and Care Partnership Board"
WEAKER_REGIONS = {"Y58", "Y59", "Y60"}  # South West, South East, Midlands (2023 review)
CRAWL_DELAY_SECONDS = 0.2  # the one demo site whose robots.txt sets a Crawl-delay


@dataclass
class Document:
    """One published document and the ground truth about it."""

    doc_id: str
    icb_code_ods: str
    committee_name: str
    is_board: bool
    meeting_date: date | None
    document_type: str
    title: str
    file_format: str  # pdf, docx, html
    paragraphs: list[str] = field(default_factory=list)
    signals: list[tuple[int, str]] = field(default_factory=list)  # (paragraph index, signal id)
    negatives: list[int] = field(default_factory=list)  # paragraph indexes of hard negatives
    columns: int = 1
    awkward: str = ""  # scanned, encrypted, truncated_pdf, html_as_pdf, oversize, slow, ...
    path: str = ""  # set by the site renderer
    is_reachable: bool = True
    is_paper: bool = True  # False for what the crawler must skip (leaflets, a council's papers)


@dataclass
class Site:
    """One ICB's website in the demo web."""

    icb: Icb
    host: str
    start_path: str
    family: str
    is_host_invented: bool
    coverage: str  # full, low, none, unreachable
    documents: list[Document] = field(default_factory=list)
    robots_disallow: str = ""  # a path prefix robots.txt disallows (documents there unreachable)
    crawl_delay: float = 0.0

    @property
    def start_url(self) -> str:
        return f"https://{self.host}{self.start_path}"


def ordinal(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th') }"


def long_date(day: date) -> str:
    """'14th March 2024', as most ICB sites write it."""
    return f"{ordinal(day.day)} {day:%B %Y}"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _host_and_path(icb: Icb) -> tuple[str, str, bool]:
    url = icb.board_papers_url or ""
    if url:
        parts = urlsplit(url)
        return parts.netloc.lower(), parts.path or "/", False
    name = slug(icb.icb_short_name).replace("-and-", "and").replace("-", "")
    return f"www.{name}.icb.nhs.uk", "/about-us/board-meetings/", True


def _meeting_dates(rng: random.Random, start: date, end: date, per_year: int) -> list[date]:
    months = sorted(rng.sample(range(1, 13), per_year))
    out = []
    for year in range(start.year, end.year + 1):
        for month in months:
            day = date(year, month, rng.randint(3, 27))
            if start <= day <= end:
                out.append(day)
    return out


class Planner:
    """Draws every site's content from one seed."""

    def __init__(self, registry: Registry, seed: int, scale: int = 1):
        self.registry = registry
        self.seed = seed
        self.scale = scale

    def sites(self) -> list[Site]:
        icbs = sorted(self.registry.all(), key=lambda icb: icb.icb_code_ods)
        chooser = random.Random(f"{self.seed}:coverage")
        order = [icb.icb_code_ods for icb in icbs]
        chooser.shuffle(order)
        new_icbs = [icb.icb_code_ods for icb in icbs if icb.valid_from_date > date(2022, 7, 1)]
        special = {order[0]: "none", order[1]: "low", order[2]: "low", order[3]: "low"}
        invented = [code for code in new_icbs if not self.registry.get(code).board_papers_url]
        if invented:
            special[sorted(invented)[-1]] = "unreachable"
        sites = []
        for index, icb in enumerate(icbs):
            host, path, is_invented = _host_and_path(icb)
            site = Site(icb, host, path, FAMILIES[index % len(FAMILIES)], is_invented,
                        special.get(icb.icb_code_ods, "full"))
            if site.coverage != "unreachable":
                site.documents = self._documents(site)
            sites.append(site)
        doclib = next(s for s in sites if s.family == "doclib" and s.coverage == "full")
        doclib.robots_disallow = "/private/"
        # Demo crawls run with no delay between requests, so their timings measure the crawler;
        # one Crawl-delay proves it is obeyed without making every demo run wait on it.
        next(s for s in sites if s.coverage == "low").crawl_delay = CRAWL_DELAY_SECONDS
        self._assign_awkward(sites)
        return sites

    def _documents(self, site: Site) -> list[Document]:
        icb = site.icb
        rng = random.Random(f"{self.seed}:{icb.icb_code_ods}")
        start = max(icb.valid_from_date, date(2022, 7, 1))
        end = min(icb.valid_to_date or REFERENCE_DATE, REFERENCE_DATE)
        if site.coverage == "none":
            return []
        richness = rng.uniform(0.2, 0.95) - (0.2 if icb.region_code_ods in WEAKER_REGIONS else 0)
        onset = {}
        for signal_id in prose.SIGNAL_IDS:
            chance = richness - (0.15 if signal_id.endswith("representation") else 0)
            if rng.random() < chance:
                span = (end - start).days
                onset[signal_id] = start + timedelta(days=int(rng.random() ** 2 * span))
        place = icb.icb_short_name
        committees = rng.sample(prose.COMMITTEES, 2)
        if prose.FORUM_COMMITTEE in committees:
            onset["involvement_forum"] = start  # a people and communities committee is a forum
        minutes_format = rng.choice(["pdf", "pdf", "pdf", "docx", "html"])
        if site.family == "nhsuk":
            minutes_format = "html"  # minutes as web pages at addresses ending in /
        board_dates = _meeting_dates(rng, start, end, 3 * self.scale)
        if site.coverage == "low":
            board_dates = board_dates[-2:]
        docs: list[Document] = []
        counter = iter(range(10**6))

        def new(committee, is_board, day, doc_type, title, file_format="pdf", **kw):
            doc = Document(f"{icb.icb_code_ods}-{next(counter):04d}", icb.icb_code_ods,
                           committee, is_board, day, doc_type, title, file_format, **kw)
            docs.append(doc)
            return doc

        for day in board_dates:
            agenda = new("Integrated Care Board", True, day, "agenda",
                         f"Board meeting agenda {long_date(day)}")
            self._fill(agenda, rng, place, onset, day, 8, 0.0)
            minutes = new("Integrated Care Board", True, day, "minutes",
                          f"Minutes of the Board meeting held on {long_date(day)}",
                          minutes_format)
            self._fill(minutes, rng, place, onset, day, rng.randint(40, 110), 0.3)
            if site.family == "meeting_pages" or rng.random() < 0.15:
                pack = new("Integrated Care Board", True, day, "board_pack",
                           f"Board papers (full pack) {long_date(day)}")
                self._fill(pack, rng, place, onset, day, rng.randint(150, 300), 0.35)
        if site.coverage == "low":
            return docs
        for committee in committees:
            for day in _meeting_dates(rng, start, end, self.scale):
                papers = new(committee, False, day, "committee_papers",
                             f"{committee} papers {long_date(day)}")
                self._fill(papers, rng, place, onset, day, rng.randint(40, 80), 0.3)
            tor = new(committee, False, None, "terms_of_reference",
                      f"{committee} terms of reference")
            self._fill(tor, rng, place, onset, end, 20, 0.3)
        constitution = new("Integrated Care Board", True, None, "constitution",
                           f"{icb.icb_name} Constitution")
        self._fill(constitution, rng, place, {}, start, 50, 0.0)
        if "involvement_strategy" in onset:
            strategy = new("Integrated Care Board", True, onset["involvement_strategy"],
                           "involvement_strategy", "Working with people and communities strategy",
                           columns=2)
            self._fill(strategy, rng, place, onset, end, 60, 0.5)
        for year in range(start.year, end.year + 1):
            day = date(year, 9, 20)
            if start <= day <= end:
                report = new("Integrated Care Board", True, day, "annual_report",
                             f"Annual report and accounts {year - 1}/{str(year)[2:]}",
                             columns=2)
                self._fill(report, rng, place, onset, day, 120, 0.3)
        if "consultation_engagement" in onset:
            day = max(onset["consultation_engagement"], start)
            owner = prose.FORUM_COMMITTEE if prose.FORUM_COMMITTEE in committees else \
                "Integrated Care Board"
            report = new(owner, owner != prose.FORUM_COMMITTEE, day, "engagement_report",
                         f"Engagement report {day:%B %Y}")
            self._fill(report, rng, place, onset, end, 40, 0.5)
        self._extras(site, docs, new, start, end)
        return docs

    def _extras(self, site: Site, docs: list[Document], new, start: date, end: date) -> None:
        """What is linked beside the papers but is not the ICB's papers, and (on two families) a
        partnership board's papers, drawn from a generator of their own so the papers above
        are the same whatever the family."""
        rng = random.Random(f"{self.seed}:{site.icb.icb_code_ods}:extras")
        place = site.icb.icb_short_name
        for title in rng.sample(NOT_PAPERS, 2):
            doc = new("Integrated Care Board", True, None, "other", title, is_paper=False)
            doc.paragraphs = [f"## {title}", *prose.boilerplate(rng, place, 4)]
        if site.family in ("moderngov", "cmis"):
            for committee in rng.sample(COUNCIL_COMMITTEES, 2):
                for day in _meeting_dates(rng, start, end, 1)[-3:]:
                    for kind, title in (("agenda", "Agenda frontsheet"),
                                        ("committee_papers", "Public reports pack")):
                        doc = new(committee, False, day, kind, f"{committee} {title.lower()} "
                                  f"{long_date(day)}", is_paper=False)
                        doc.paragraphs = [f"## {doc.title}", *prose.boilerplate(rng, place, 5)]
        if site.family in ("drupal", "nhsuk"):
            for day in _meeting_dates(rng, start, end, 2)[-4:]:
                doc = new(PARTNERSHIP_BOARD, False, day, "committee_papers",
                          f"{PARTNERSHIP_BOARD} papers {long_date(day)}")
                doc.paragraphs = [f"## {doc.title}", *prose.boilerplate(rng, place, 12)]

    def _fill(self, doc: Document, rng: random.Random, place: str, onset: dict[str, date],
              on: date, length: int, signal_rate: float) -> None:
        paragraphs = [f"## {doc.title}", f"{doc.committee_name}, {prose.fill('{place}', rng, place)}"]
        paragraphs += prose.boilerplate(rng, place, length)
        live = [signal for signal, day in onset.items() if day <= on]
        for signal_id in live:
            if rng.random() < signal_rate:
                index = rng.randint(2, len(paragraphs))
                paragraphs.insert(index, prose.signal_passage(signal_id, rng, place))
                doc.signals = [(i + (i >= index), s) for i, s in doc.signals]
                doc.negatives = [i + (i >= index) for i in doc.negatives]
                doc.signals.append((index, signal_id))
        for _ in range(rng.randint(0, 3)):
            index = rng.randint(2, len(paragraphs))
            paragraphs.insert(index, prose.negative_passage(rng, place))
            doc.signals = [(i + (i >= index), s) for i, s in doc.signals]
            doc.negatives = [i + (i >= index) for i in doc.negatives] + [index]
        doc.paragraphs = paragraphs

    def _assign_awkward(self, sites: list[Site]) -> None:
        """Turn a few documents into the awkward files every real crawl meets."""
        rng = random.Random(f"{self.seed}:awkward")
        candidates = [doc for site in sites for doc in site.documents
                      if doc.file_format == "pdf" and doc.is_paper
                      and doc.document_type in ("minutes", "agenda", "committee_papers")
                      and not (site.robots_disallow and not doc.is_board)]  # reachable ones
        rng.shuffle(candidates)
        kinds = ["scanned", "scanned", "encrypted", "truncated_pdf", "html_as_pdf", "oversize",
                 "slow", "flaky_500", "flaky_429", "truncated_body"]
        for doc, kind in zip(candidates, kinds, strict=False):
            doc.awkward = kind
