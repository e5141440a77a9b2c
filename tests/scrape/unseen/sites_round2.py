"""A second round of small sites in structures real ICB websites use, written apart from the crawler,
its fixtures and the demo web.

- ``meeting_pages``: each board meeting has its own page ("Board meeting – 12 March 2025") with its
  agenda, papers pack and single reports; the minutes of a meeting are published on the NEXT
  meeting's page as "Minutes of the meeting held on ...". An upcoming meeting's page has no papers.
- ``meetings_table``: one page of tables, Date | Meeting | Agenda | Papers | Minutes | Last updated,
  every link reading "Download (PDF, 2MB)" and pointing at an opaque download URL without a file
  extension; a second table, under its own heading, for a committee meeting in public. The "Last
  updated" column is when the row was edited, never the meeting. A "Papers" link is the meeting's
  one pack of papers (board_pack).
- ``committee_hub``: a committees page linking to four committees, each with its own list of
  documents paged with ``?page=2``; one committee publishes nothing; the board is not among them.
- ``file_names``: link texts are file names only (hyphenated or with %-encoded spaces), dates in
  the names in more than one format, a board list and a previous year's archive page.

Expected rows follow tests/scrape/unseen/sites.py: url, title, meeting_date (minutes: the meeting
they record), committee (as the site names the body), is_board, document_type, is_paper. Document
types: a board meeting's whole pack is ``board_pack``, one report to the board ``papers``, a
committee's pack or report ``committee_papers``; agendas and minutes are ``agenda`` and ``minutes``
whoever meets. Privacy notices, job packs, schedules of meeting dates and forms are not papers.
"""

from __future__ import annotations

from datetime import date

from tests.scrape.unseen.sites import MONTHS, Site

PDF_NOTE = " (PDF, 180KB)"


def _long(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _weekday(day: date) -> str:
    return f"{day.strftime('%A')} {_long(day)}"


def _robots(site: Site, host: str, path: str, link: str) -> None:
    site.pages[f"{host}/robots.txt"] = ("text/plain", f"User-agent: *\nDisallow: {path}\n".encode())
    site.disallowed.add(link)


def _doc(site: Site, url: str, title: str, meeting: date | None, committee: str, is_board: bool,
         document_type: str, is_paper: bool = True) -> None:
    site.pdf(url, title)
    site.expect(url, title, meeting, committee, is_board, document_type, is_paper)


def meeting_pages_site() -> Site:
    """One page per board meeting; minutes published on the next meeting's page."""
    host = "https://www.tyneandwearside.icb.nhs.uk"
    site = Site("meeting_pages", "QHM", f"{host}/about-us/our-board/board-meetings/")
    meetings = [date(2025, 3, 12), date(2025, 5, 14), date(2025, 7, 9)]
    previous = {meetings[0]: date(2025, 1, 15), meetings[1]: meetings[0], meetings[2]: meetings[1]}
    upcoming = date(2025, 9, 10)
    header = (f"<header><a href='{host}/'>Home</a> <form action='{host}/search'><input name='q'>"
              f"</form> <a href='{host}/search?q=board+papers'>Search for board papers</a></header>")
    footer = (f"<footer><a href='{host}/media/2101/privacy-notice.pdf'>Privacy notice</a> "
              f"<a href='{host}/about-us/accessibility/'>Accessibility</a></footer>")
    _doc(site, f"{host}/media/2101/privacy-notice.pdf", "Privacy notice", None, "Board", True,
         "other", is_paper=False)
    cards = []
    for day in [upcoming, *reversed(meetings)]:
        slug = f"board-meeting-{day.day}-{MONTHS[day.month - 1].lower()}-{day.year}"
        cards.append(f"<li class='card'><a href='{host}/about-us/our-board/board-meetings/{slug}/'>"
                     f"Board meeting – {_long(day)}</a><p>Held in public, 10am, Kingfisher House"
                     f"</p></li>")
    schedule = f"{host}/media/2099/board-meeting-dates-2025-26.pdf"
    _doc(site, schedule, "Dates of Board meetings 2025/26", None, "Board", True, "other",
         is_paper=False)
    site.html(site.start_url,
              f"{header}<main><h1>Board meetings</h1><p>The Board meets in public every two "
              f"months. Papers are published a week before each meeting.</p>"
              f"<p><a href='{schedule}'>Dates of Board meetings 2025/26</a>{PDF_NOTE}</p>"
              f"<ul class='cards'>{''.join(cards)}</ul></main>{footer}", "Board meetings")
    item_titles = {meetings[0]: "Item 6: Chief executive's report",
                   meetings[1]: "Item 8: Patient and public involvement annual report",
                   meetings[2]: "Item 7: Finance report month 2"}
    for number, day in enumerate(meetings):
        slug = f"board-meeting-{day.day}-{MONTHS[day.month - 1].lower()}-{day.year}"
        folder = f"{host}/media/{2200 + number * 10}"
        stamp = day.strftime("%Y%m%d")
        links = [(f"{folder}/agenda-{stamp}.pdf", "Agenda", day, "agenda"),
                 (f"{folder}/board-papers-pack-{stamp}.pdf", "Papers pack (all papers in one file)",
                  day, "board_pack"),
                 (f"{folder}/item-{stamp}-report.pdf", item_titles[day], day, "papers"),
                 (f"{folder}/minutes-{previous[day].strftime('%Y%m%d')}.pdf",
                  f"Minutes of the meeting held on {_long(previous[day])}", previous[day], "minutes")]
        items = "".join(f"<li><a href='{url}'>{title}</a>{PDF_NOTE}</li>"
                        for url, title, _, _ in links)
        for url, title, recorded, kind in links:
            _doc(site, url, title, recorded, "Board", True, kind)
        site.html(f"{host}/about-us/our-board/board-meetings/{slug}/",
                  f"{header}<main><nav class='breadcrumb'><a href='{site.start_url}'>Board meetings"
                  f"</a></nav><h1>Board meeting – {_long(day)}</h1><p>{_weekday(day)}, 10am to 1pm,"
                  f" Kingfisher House, Newcastle</p><h2>Meeting papers</h2><ul>{items}</ul>"
                  f"<p>The minutes of this meeting will be published with the papers for the next "
                  f"meeting, once the Board has approved them.</p></main>{footer}",
                  f"Board meeting – {_long(day)}")
    slug = f"board-meeting-{upcoming.day}-{MONTHS[upcoming.month - 1].lower()}-{upcoming.year}"
    site.html(f"{host}/about-us/our-board/board-meetings/{slug}/",
              f"{header}<main><h1>Board meeting – {_long(upcoming)}</h1><p>Papers for this meeting "
              f"will be published a week before the meeting.</p><p><a href='{host}/media/2098/"
              f"public-question-form.docx'>Ask the Board a question (form)</a></p></main>{footer}")
    site.pages[f"{host}/media/2098/public-question-form.docx"] = (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK\x03\x04form")
    site.expect(f"{host}/media/2098/public-question-form.docx", "Ask the Board a question (form)",
                None, "Board", True, "other", is_paper=False)
    _robots(site, host, "/search", f"{host}/search?q=board+papers")
    return site


def meetings_table_site() -> Site:
    """Tables of meetings with a 'Last updated' column and 'Download (PDF, 2MB)' links."""
    host = "https://www.humberwold.icb.nhs.uk"
    site = Site("meetings_table", "QOQ", f"{host}/our-organisation/board-meetings-and-papers")
    board = [(date(2025, 6, 4), "Board meeting in public", date(2025, 6, 25)),
             (date(2025, 4, 2), "Board meeting in public", date(2025, 6, 5)),
             (date(2025, 2, 26), "Extraordinary Board meeting", date(2025, 4, 3))]
    counter = iter(range(5310, 5400))
    head = ("<thead><tr><th>Date</th><th>Meeting</th><th>Agenda</th><th>Papers</th><th>Minutes</th>"
            "<th>Last updated</th></tr></thead>")

    def cell(day: date, title: str, committee: str, is_board: bool, kind: str) -> str:
        url = f"{host}/download/file/{next(counter)}"
        _doc(site, url, title, day, committee, is_board, kind)
        return f"<td><a href='{url}'>Download (PDF, 2MB)</a></td>"

    rows = []
    for number, (day, meeting, updated) in enumerate(board):
        minutes = ("<td>To follow once approved</td>" if number == 0 else
                   cell(day, f"Minutes – {meeting} {_long(day)}", "Board", True, "minutes"))
        rows.append(f"<tr><td>{_weekday(day)}</td><td>{meeting}</td>"
                    f"{cell(day, f'Agenda – {meeting} {_long(day)}', 'Board', True, 'agenda')}"
                    f"{cell(day, f'Papers – {meeting} {_long(day)}', 'Board', True, 'board_pack')}"
                    f"{minutes}<td>{updated.strftime('%d/%m/%Y')}</td></tr>")
    pccc = "Primary Care Commissioning Committee"
    pccc_rows = []
    for day, updated in ((date(2025, 5, 21), date(2025, 6, 30)), (date(2025, 3, 19), date(2025, 5, 22))):
        pccc_rows.append(f"<tr><td>{_weekday(day)}</td><td>{pccc} (meeting in public)</td>"
                         f"{cell(day, f'Agenda – {pccc} {_long(day)}', pccc, False, 'agenda')}"
                         f"{cell(day, f'Papers – {pccc} {_long(day)}', pccc, False, 'committee_papers')}"
                         f"{cell(day, f'Minutes – {pccc} {_long(day)}', pccc, False, 'minutes')}"
                         f"<td>{updated.strftime('%d/%m/%Y')}</td></tr>")
    privacy = f"{host}/download/file/4001"
    job = f"{host}/download/file/4002"
    _doc(site, privacy, "How we use your information (privacy notice)", None, "Board", True, "other",
         is_paper=False)
    _doc(site, job, "Candidate pack: Non-executive member (Download (PDF, 1MB))", None, "Board",
         True, "other", is_paper=False)
    site.html(site.start_url,
              f"<main><h1>Board meetings and papers</h1><p>Our Board meets in public. Members of the "
              f"public are welcome to observe.</p><h2>Board meetings in public 2025</h2>"
              f"<table class='meetings'>{head}<tbody>{''.join(rows)}</tbody></table>"
              f"<h2>{pccc}</h2><table class='meetings'>{head}<tbody>{''.join(pccc_rows)}</tbody>"
              f"</table></main><aside><h2>Work for us</h2><p>We are recruiting a non-executive "
              f"member. <a href='{job}'>Candidate pack</a> (PDF, 1MB)</p><p><a href='{host}/admin/"
              f"login'>Staff login</a></p></aside><footer><a href='{privacy}'>How we use your "
              f"information</a></footer>", "Board meetings and papers")
    _robots(site, host, "/admin/", f"{host}/admin/login")
    return site


def committee_hub_site() -> Site:
    """A committees page linking to committees, each with a paged list of its documents."""
    host = "https://www.wessexvale.icb.nhs.uk"
    site = Site("committee_hub", "QSL", f"{host}/about-us/committees/")
    committees = {
        "Quality Committee": [
            [("Quality Committee papers – 23 April 2025", date(2025, 4, 23), "committee_papers"),
             ("Quality Committee minutes – 26 February 2025", date(2025, 2, 26), "minutes")],
            [("Quality Committee papers – 26 February 2025", date(2025, 2, 26), "committee_papers"),
             ("Quality Committee terms of reference", None, "terms_of_reference")]],
        "Finance and Performance Committee": [
            [("Finance and Performance Committee papers – 18 March 2025", date(2025, 3, 18),
              "committee_papers"),
             ("Finance and Performance Committee minutes – 21 January 2025", date(2025, 1, 21),
              "minutes")]],
        "Primary Care Commissioning Committee": [
            [("Agenda – 11 June 2025", date(2025, 6, 11), "agenda"),
             ("Meeting papers – 11 June 2025", date(2025, 6, 11), "committee_papers")],
            [("Approved minutes – 9 April 2025", date(2025, 4, 9), "minutes")]],
        "People Committee": [
            [("People Committee papers – 14 May 2025", date(2025, 5, 14), "committee_papers")],
            [("People Committee papers – 15 January 2025", date(2025, 1, 15), "committee_papers")]],
    }
    schedule = f"{host}/documents/committee-meeting-dates-2025-26.pdf"
    privacy = f"{host}/documents/privacy-notice.pdf"
    job = f"{host}/documents/jobs/associate-non-executive-member-information-pack.pdf"
    _doc(site, schedule, "Committee meeting dates 2025/26", None, "Board", True, "other",
         is_paper=False)
    _doc(site, privacy, "Privacy notice", None, "Board", True, "other", is_paper=False)
    _doc(site, job, "Associate non-executive member: information pack", None, "Board", True,
         "other", is_paper=False)
    footer = (f"<footer><a href='{privacy}'>Privacy notice</a> <a href='{host}/members/'>Members "
              f"area</a></footer>")
    cards = "".join(f"<li><a href='{host}/about-us/committees/{name.lower().replace(' ', '-')}/'>"
                    f"{name}</a></li>" for name in [*committees, "Audit Committee"])
    site.html(site.start_url,
              f"<main><h1>Committees of the Board</h1><p>The Board has established the following "
              f"committees.</p><ul>{cards}</ul><p><a href='{schedule}'>Committee meeting dates "
              f"2025/26</a></p><p>We are recruiting: <a href='{job}'>Associate non-executive member"
              f" information pack</a></p></main>{footer}", "Committees of the Board")
    site.html(f"{host}/about-us/committees/audit-committee/",
              "<main><h1>Audit Committee</h1><p>The Audit Committee meets in private; its papers "
              f"are not published. A summary is reported to the Board.</p></main>{footer}")
    for name, pages in committees.items():
        slug = name.lower().replace(" ", "-")
        base = f"{host}/about-us/committees/{slug}/"
        for number, items in enumerate(pages, start=1):
            entries = []
            for title, day, kind in items:
                file_slug = title.lower().replace(" – ", "-").replace(" ", "-")
                url = f"{host}/documents/committees/{slug}/{file_slug}.pdf"
                _doc(site, url, title, day, name, False, kind)
                entries.append(f"<div class='document-row'><a href='{url}'>{title}</a>"
                               f"<span class='meta'>PDF, 420KB</span></div>")
            pager = ""
            if len(pages) > 1:
                pager = (f"<nav class='pager'><a href='{base}?page=2'>Next page</a></nav>"
                         if number == 1 else f"<nav class='pager'><a href='{base}'>Previous page</a>"
                         f"</nav>")
            url = base if number == 1 else f"{base}?page={number}"
            site.html(url, f"<main><nav class='breadcrumb'><a href='{site.start_url}'>Committees</a>"
                           f"</nav><h1>{name}</h1><p>The committee reports to the Board.</p>"
                           f"<h2>Documents</h2>{''.join(entries)}{pager}</main>{footer}", name)
    _robots(site, host, "/members/", f"{host}/members/")
    return site


def file_names_site() -> Site:
    """Links whose text is only a file name; dates in the names in several formats."""
    host = "https://www.blackheathicb.nhs.uk"
    site = Site("file_names", "QUA", f"{host}/about-us/board/board-papers-2025/")
    archive = f"{host}/about-us/board/board-papers-2024/"
    uploads = f"{host}/wp-content/uploads"
    listed = [
        ("2025/07", "ICB Board Part A Agenda 09.07.2025.pdf", date(2025, 7, 9), "Board", "agenda"),
        ("2025/07", "ICB Board Part A Papers 09.07.2025.pdf", date(2025, 7, 9), "Board",
         "board_pack"),
        ("2025/07", "Approved-Minutes-ICB-Board-Part-A-2025-05-14.pdf", date(2025, 5, 14), "Board",
         "minutes"),
        ("2025/05", "ICB-Board-Part-A-Agenda-2025-05-14.pdf", date(2025, 5, 14), "Board", "agenda"),
        ("2025/05", "ICB-Board-Part-A-Papers-2025-05-14.pdf", date(2025, 5, 14), "Board",
         "board_pack"),
        ("2025/05", "Approved-Minutes-ICB-Board-Part-A-2025-03-12.pdf", date(2025, 3, 12), "Board",
         "minutes"),
        ("2025/03", "ICB Board Part A Papers 12 March 2025.pdf", date(2025, 3, 12), "Board",
         "board_pack"),
        ("2025/06", "Audit and Risk Committee Minutes 2025-04-02.pdf", date(2025, 4, 2),
         "Audit and Risk Committee", "minutes"),
        ("2025/06", "Primary-Care-Commissioning-Committee-Papers-2025-06-18.pdf", date(2025, 6, 18),
         "Primary Care Commissioning Committee", "committee_papers"),
    ]
    older = [
        ("2024/11", "ICB-Board-Part-A-Papers-2024-11-13.pdf", date(2024, 11, 13), "Board",
         "board_pack"),
        ("2024/11", "ICB-Board-Part-A-Agenda-2024-11-13.pdf", date(2024, 11, 13), "Board", "agenda"),
        ("2025/01", "Approved-Minutes-ICB-Board-Part-A-2024-11-13.pdf", date(2024, 11, 13), "Board",
         "minutes"),
    ]
    others = [("2023/04", "ICB-Privacy-Notice-v3.pdf"), ("2025/02", "Board-Meeting-Dates-2025-26.pdf"),
              ("2025/04", "NED-Recruitment-Candidate-Pack.pdf")]

    def links(rows) -> str:
        out = []
        for folder, name, day, committee, kind in rows:
            url = f"{uploads}/{folder}/{name.replace(' ', '%20')}"
            _doc(site, url, name, day, committee, committee == "Board", kind)
            out.append(f"<li><a href='{url}'>{name}</a></li>")
        return "".join(out)

    extra = []
    for folder, name in others:
        url = f"{uploads}/{folder}/{name}"
        _doc(site, url, name, None, "Board", True, "other", is_paper=False)
        extra.append(f"<li><a href='{url}'>{name}</a></li>")
    form = f"{uploads}/2025/02/Public-Questions-Form.docx"
    site.pages[form] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        b"PK\x03\x04form")
    site.expect(form, "Public-Questions-Form.docx", None, "Board", True, "other", is_paper=False)
    extra.append(f"<li><a href='{form}'>Public-Questions-Form.docx</a></li>")
    search = f"{host}/?s=board+papers"
    site.html(site.start_url,
              f"<header><a href='{search}'>Search</a></header><main><h1>Board papers 2025</h1>"
              f"<p>Papers for meetings of the Board held in public.</p><ul>{links(listed)}</ul>"
              f"<h2>Useful documents</h2><ul>{''.join(extra)}</ul><p><a href='{archive}'>Board papers"
              f" 2024</a></p></main>", "Board papers 2025")
    site.html(archive, f"<main><h1>Board papers 2024</h1><ul>{links(older)}</ul>"
                       f"<p><a href='{site.start_url}'>Board papers 2025</a></p></main>",
              "Board papers 2024")
    site.pages[f"{host}/robots.txt"] = ("text/plain",
                                        b"User-agent: *\nDisallow: /wp-admin/\nDisallow: /?s=\n")
    site.disallowed.add(search)
    return site


def all_sites() -> list[Site]:
    return [meeting_pages_site(), meetings_table_site(), committee_hub_site(), file_names_site()]
