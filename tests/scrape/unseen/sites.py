"""Small sites in structures the demo web does not have, with the documents a reader expects.

Written apart from the crawler and the demo web, to measure the crawler on site shapes it was
not built from: a council's committee-management site hosting an ICB committee among its own, a
WordPress site announcing papers in news posts behind download buttons, a document library with
a paged, grouped view and generic link texts, and collapsible year sections where minutes are
listed under the meeting that approved them.

Each site is a dict of URL -> (content type, body) and a list of expected documents: url, title,
meeting_date (the meeting the document is for; minutes: the meeting they record), committee
(as the site names the body), is_board, document_type (agenda, minutes, papers, board_pack,
committee_papers, terms_of_reference, ...). Documents that are not papers are listed with
``is_paper = False``: a crawler should skip them (or record them as skipped), never count them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pipeline.demo.pdf import Line, Page, render_pdf

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


@dataclass
class Site:
    name: str
    icb_code_ods: str
    start_url: str
    pages: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    expected: list[dict] = field(default_factory=list)
    disallowed: set[str] = field(default_factory=set)

    def html(self, url: str, body: str, title: str = "") -> None:
        self.pages[url] = ("text/html; charset=utf-8",
                           f"<!doctype html><html><head><title>{title}</title></head>"
                           f"<body>{body}</body></html>".encode())

    def pdf(self, url: str, text: str) -> None:
        self.pages[url] = ("application/pdf", render_pdf([Page([Line(56, 760, 12, text)])]))

    def expect(self, url: str, title: str, meeting: date | None, committee: str, is_board: bool,
               document_type: str, is_paper: bool = True) -> None:
        self.expected.append({"url": url, "title": title, "committee": committee,
                              "meeting_date": meeting.isoformat() if meeting else None,
                              "is_board": is_board, "document_type": document_type,
                              "is_paper": is_paper})


def _long(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _ordinal(day: date) -> str:
    suffix = "th" if 11 <= day.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10, "th")
    return f"{day.day}{suffix}-{MONTHS[day.month - 1][:3]}-{day.year}"


def council_committee_site() -> Site:
    """A council democracy site (Modern.Gov shapes) hosting an ICB place committee."""
    host = "https://democracy.wexbridge.gov.uk"
    site = Site("council", "QJG", f"{host}/mgCommitteeDetails.aspx?ID=412")
    committee = "NHS Fenland and Wexbridge ICB Place Committee"
    meetings = [(9101, date(2025, 1, 22)), (9102, date(2025, 4, 9)), (9103, date(2025, 7, 16))]
    site.html(site.start_url,
              f"<div id='modgov'><h1>{committee}</h1><p>The committee is a committee of NHS "
              f"Fenland and Wexbridge Integrated Care Board.</p>"
              f"<ul><li><a href='ieListMeetings.aspx?CommitteeId=412'>Browse meetings</a></li>"
              f"<li><a href='mgCommitteeMailingList.aspx?ID=412'>Subscribe</a></li>"
              f"<li><a href='documents/s5001/Terms%20of%20Reference%20ICB%20Place%20Committee.pdf'>"
              f"Terms of reference</a></li></ul>"
              f"<p>Other committees: <a href='mgCommitteeDetails.aspx?ID=18'>Planning Committee</a>"
              f" <a href='mgCommitteeDetails.aspx?ID=27'>Licensing Committee</a></p></div>",
              committee)
    site.pdf(f"{host}/documents/s5001/Terms%20of%20Reference%20ICB%20Place%20Committee.pdf",
             "Terms of reference")
    site.expect(f"{host}/documents/s5001/Terms%20of%20Reference%20ICB%20Place%20Committee.pdf",
                "Terms of reference", None, committee, False, "terms_of_reference")
    rows = "".join(f"<li><a href='ieListDocuments.aspx?CId=412&amp;MId={mid}'>{_long(day)} 2.00 pm"
                   f"</a></li>" for mid, day in meetings)
    site.html(f"{host}/ieListMeetings.aspx?CommitteeId=412",
              f"<h1>Meetings of {committee}</h1><ul class='mgCalendarList'>{rows}</ul>")
    for mid, day in meetings:
        stamp = _ordinal(day)
        docs = [(f"g{mid}/Public%20reports%20pack%20{stamp}%2014.00%20ICB%20Place%20Committee.pdf",
                 "Public reports pack", "committee_papers"),
                (f"g{mid}/Agenda%20frontsheet%20{stamp}%2014.00%20ICB%20Place%20Committee.pdf",
                 "Agenda frontsheet", "agenda"),
                (f"g{mid}/Printed%20minutes%20{stamp}%2014.00%20ICB%20Place%20Committee.pdf",
                 "Printed minutes", "minutes"),
                (f"s{mid}1/Primary%20care%20access%20report.pdf", "Primary care access report",
                 "committee_papers")]
        links = "".join(f"<li><a href='documents/{path}'>{text} PDF 120 KB</a></li>"
                        for path, text, _ in docs)
        site.html(f"{host}/ieListDocuments.aspx?CId=412&MId={mid}",
                  f"<h1>Agenda and minutes</h1><h2>{committee}</h2>"
                  f"<p class='mgSubTitleTxt'>Date: {day.strftime('%A')}, {_long(day)} 2.00 pm</p>"
                  f"<p>Venue: Council Chamber, Wexbridge Town Hall</p>"
                  f"<ul class='mgActionList'>{links}</ul>"
                  f"<p><a href='mgCommitteeDetails.aspx?ID=18'>Planning Committee</a></p>")
        for path, text, kind in docs:
            site.pdf(f"{host}/documents/{path}", text)
            site.expect(f"{host}/documents/{path}", text, day, committee, False, kind)
    site.html(f"{host}/mgCommitteeDetails.aspx?ID=18",
              "<h1>Planning Committee</h1><a href='ieListMeetings.aspx?CommitteeId=18'>Browse</a>")
    site.html(f"{host}/ieListMeetings.aspx?CommitteeId=18",
              "<h1>Planning Committee</h1><a href='ieListDocuments.aspx?CId=18&amp;MId=7001'>"
              "12 March 2025</a>")
    site.html(f"{host}/ieListDocuments.aspx?CId=18&MId=7001",
              "<h2>Planning Committee</h2><p>Date: 12 March 2025</p><a href='documents/g7001/"
              "Agenda%20frontsheet%2012th-Mar-2025%2018.00%20Planning%20Committee.pdf'>Agenda</a>")
    planning = (f"{host}/documents/g7001/"
                "Agenda%20frontsheet%2012th-Mar-2025%2018.00%20Planning%20Committee.pdf")
    site.pdf(planning, "Planning agenda")
    site.expect(planning, "Agenda", date(2025, 3, 12), "Planning Committee", False, "agenda",
                is_paper=False)
    site.pages[f"{host}/robots.txt"] = ("text/plain",
                                        b"User-agent: *\nDisallow: /mgCommitteeMailingList.aspx\n")
    site.disallowed.add(f"{host}/mgCommitteeMailingList.aspx?ID=412")
    return site


def wordpress_news_site() -> Site:
    """Board papers announced in news posts, behind download-manager buttons, with pagination."""
    host = "https://www.mershamicb.nhs.uk"
    site = Site("wordpress", "QJK", f"{host}/category/board-papers/")
    meetings = [date(2025, 6, 4), date(2025, 3, 5), date(2024, 12, 4), date(2024, 9, 4)]
    pages = [meetings[:2], meetings[2:]]
    for number, chunk in enumerate(pages, start=1):
        url = site.start_url if number == 1 else f"{host}/category/board-papers/page/{number}/"
        posts = "".join(
            f"<article><h2><a href='{host}/{day.year}/{day.month:02d}/board-papers-{day.day}-"
            f"{MONTHS[day.month - 1].lower()}-{day.year}/'>Papers published for the Board meeting in "
            f"public on {_long(day)}</a></h2><p>Posted {_long(date(day.year, day.month, 1))}</p>"
            f"</article>" for day in chunk)
        pager = (f"<a class='next page-numbers' href='{host}/category/board-papers/page/2/'>Next</a>"
                 if number == 1 else f"<a class='prev page-numbers' href='{site.start_url}'>Previous</a>")
        site.html(url, f"<main><h1>Category: Board papers</h1>{posts}<nav>{pager}</nav></main>"
                       f"<footer><a href='{host}/wp-content/uploads/2024/01/Privacy-notice.pdf'>"
                       f"Privacy notice</a> <a href='https://www.facebook.com/mershamicb'>Facebook</a>"
                       f"</footer>")
    site.pdf(f"{host}/wp-content/uploads/2024/01/Privacy-notice.pdf", "Privacy notice")
    site.expect(f"{host}/wp-content/uploads/2024/01/Privacy-notice.pdf", "Privacy notice", None,
                "Board", True, "other", is_paper=False)
    for index, day in enumerate(meetings):
        slug = f"board-papers-{day.day}-{MONTHS[day.month - 1].lower()}-{day.year}"
        post = f"{host}/{day.year}/{day.month:02d}/{slug}/"
        files = [("Agenda", "agenda"), ("Board papers", "board_pack"), ("Minutes", "minutes")]
        buttons = []
        for offset, (label, kind) in enumerate(files):
            number = 800 + index * 10 + offset
            download = f"{host}/download/{label.lower().replace(' ', '-')}-{day.isoformat()}/?wpdmdl={number}"
            buttons.append(f"<div class='wpdm-link-tpl'><strong>{label}</strong>"
                           f"<a href='#' class='wpdm-download-link btn' data-downloadurl='{download}'>"
                           f"Download</a></div>")
            previous = meetings[index + 1] if index + 1 < len(meetings) else None
            recorded = day if kind != "minutes" else previous
            if recorded is None:  # the oldest post's minutes record a meeting this site no longer lists
                buttons.pop()
                continue
            site.pdf(download, label)
            title = label if kind != "minutes" else f"Minutes of the meeting held on {_long(recorded)}"
            buttons[-1] = buttons[-1].replace(f"<strong>{label}</strong>", f"<strong>{title}</strong>")
            site.expect(download, title, recorded, "Board", True, kind)
        site.html(post, f"<main><article><h1>Papers published for the Board meeting in public on "
                        f"{_long(day)}</h1><p>The papers for the meeting are below. The minutes of the "
                        f"previous meeting are included for approval.</p>{''.join(buttons)}</article>"
                        f"</main>")
    site.pages[f"{host}/robots.txt"] = ("text/plain", b"User-agent: *\nDisallow: /wp-admin/\n")
    return site


def document_library_site() -> Site:
    """A document library: grouped by meeting date, a Modified column, paged view, generic links."""
    host = "https://intranet.holmwoodicb.nhs.uk"
    library = f"{host}/sites/governance/Board%20Papers"
    site = Site("doclib", "QJM", f"{library}/Forms/AllItems.aspx")
    meetings = [date(2025, 5, 14), date(2025, 3, 12), date(2025, 1, 15)]
    rows = []
    for day in meetings:
        group = (f"<tbody class='group'><tr><td colspan='4'>Meeting Date : {day.strftime('%d/%m/%Y')}"
                 f" (3)</td></tr></tbody><tbody>")
        items = []
        for name, kind in (("Agenda", "agenda"), ("Meeting pack", "board_pack"),
                           ("Minutes", "minutes")):
            file_name = f"{day.isoformat()}%20Board%20{name.replace(' ', '%20')}.pdf"
            url = f"{library}/{file_name}"
            items.append(f"<tr><td><a href='{url}'>Open</a></td><td>{day.strftime('%d/%m/%Y')}</td>"
                         f"<td>02/06/2025 09:14</td><td>Governance Team</td></tr>")
            site.pdf(url, f"{name} {day.isoformat()}")
            site.expect(url, f"{day.isoformat()} Board {name}", day, "Board", True, kind)
        rows.append(group + "".join(items) + "</tbody>")
    header = ("<thead><tr><th>Name</th><th>Meeting date</th><th>Modified</th><th>Modified By</th>"
              "</tr></thead>")
    first, second = rows[:2], rows[2:]
    site.html(site.start_url, f"<h1>Board Papers</h1><table>{header}{''.join(first)}</table>"
                              f"<a href='{library}/Forms/AllItems.aspx?Paged=TRUE&amp;PageFirstRow=31'>"
                              f"Next</a>")
    site.html(f"{library}/Forms/AllItems.aspx?Paged=TRUE&PageFirstRow=31",
              f"<h1>Board Papers</h1><table>{header}{''.join(second)}</table>")
    return site


def year_sections_site() -> Site:
    """Collapsible year sections with meeting headings; a committee that is not the board."""
    host = "https://www.tarnvaleicb.nhs.uk"
    site = Site("years", "QHL", f"{host}/about-us/our-board/board-meetings/")
    board = [date(2025, 2, 6), date(2024, 11, 7)]
    primary = [date(2025, 1, 23)]
    sections = []
    for year_label, days in (("2024/25", board),):
        blocks = []
        for day in days:
            items = []
            # the meeting's "Papers" beside its agenda is its one file of papers: a board pack
            for label, kind in (("Agenda", "agenda"), ("Papers", "board_pack")):
                url = (f"{host}/media/{day.strftime('%Y%m')}/"
                       f"board-{label.lower()}-{day.strftime('%d%m%y')}.pdf")
                items.append(f"<li><a href='{url}'>{label}</a> (PDF, 2MB)</li>")
                site.pdf(url, label)
                site.expect(url, label, day, "Board", True, kind)
            blocks.append(f"<h3>Board meeting held in public: {_long(day)}</h3><ul>{''.join(items)}</ul>")
        sections.append(f"<details><summary>{year_label}</summary>{''.join(blocks)}</details>")
    pcc = "Primary Care Commissioning Committee"
    items = []
    for day in primary:
        url = f"{host}/media/{day.strftime('%Y%m')}/pccc-papers-{day.strftime('%d%m%y')}.pdf"
        items.append(f"<li><a href='{url}'>Meeting papers – {_long(day)}</a></li>")
        site.pdf(url, "PCCC papers")
        site.expect(url, f"Meeting papers – {_long(day)}", day, pcc, False, "committee_papers")
    sections.append(f"<details><summary>{pcc}</summary><ul>{''.join(items)}</ul></details>")
    site.html(site.start_url, f"<main><h1>Board meetings</h1>{''.join(sections)}"
                              f"<p><a href='{host}/media/forms/public-question-form.docx'>Submit a "
                              f"question (form)</a></p></main>")
    site.pages[f"{host}/media/forms/public-question-form.docx"] = (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK\x03\x04form")
    site.expect(f"{host}/media/forms/public-question-form.docx", "Submit a question (form)", None,
                "Board", True, "other", is_paper=False)
    return site


def all_sites() -> list[Site]:
    return [council_committee_site(), wordpress_news_site(), document_library_site(),
            year_sections_site()]
