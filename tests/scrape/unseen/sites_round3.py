"""A third round of small sites in structures real ICB and NHS websites use, written apart from the
crawler, its fixtures, its recipes and the demo web.

- ``modgov_calendar``: an ICB's own Modern.Gov site entered from its calendar month view
  (``mgCalendarMonthView.aspx?M=5&Y=2025``, previous/next month links). Each meeting's
  ``ieListDocuments.aspx`` page lists numbered agenda items, each with its report linked as
  "<item title> pdf icon PDF 297 KB"; item 3 is the draft minutes of the PREVIOUS meeting (its date
  is in the item's text, not its link); "Additional documents" hang under an item; an issue-history
  page (``ieIssueDetails.aspx``) lists the same item at two meetings as "Meeting: 14/05/2025 -
  Integrated Care Board (Item 5)". A board member's page links their register of interests.
  Inspired by cabinet.leicester.gov.uk/ieListDocuments.aspx and committees.aberdeencity.gov.uk/
  ieIssueDetails.aspx.
- ``concrete_doclist``: a Concrete CMS document-library block: a table Title | Description | Date
  added | Size, sortable by column headers (``?ccm_order_by=fDateAdded&ccm_order_by_direction=desc``)
  and paged (``&ccm_paging_fl=2``), so the same rows appear at many URLs in other orders. Titles
  are file-like and give only a month ("ICB Board Part 1 Papers Sept 25"); the full meeting date,
  when there is one, is in the Description; "Date added" is never the meeting. Inspired by
  hlsc.franktesting.co.uk/icsboard?ccm_order_by=fDateAdded&ccm_paging_fl=2.
- ``accordion_items``: a Bootstrap accordion, one panel per meeting, the meeting's date only in the
  panel's button ("Thursday 17 July 2025 – Board meeting in public"), the panel's links reading
  "Item 5 – Chief Executive's report"; an upcoming meeting's panel has no papers yet. An "Archive"
  page groups earlier meetings under financial-year headings ("2024/25") whose first year is not
  the year of every meeting under them; the next meeting's online link is off-site (Microsoft
  Teams). Inspired by bedfordshirelutonandmiltonkeynes.icb.nhs.uk/about-us/board-meetings/ (next
  meeting with a Teams link, main meeting papers) and humberandnorthyorkshire.icb.nhs.uk/
  meetings-and-papers/12-june-2024 (one block per meeting); the accordion markup is Bootstrap's.
- ``governance_mix``: one "Publications and governance" page mixing the board's papers with the
  ICB's annual report, constitution, standing financial instructions, register of interests and
  gifts and hospitality register, plus papers of the partner councils' health scrutiny committee
  and health and wellbeing board, which are not the ICB's bodies. Board papers are files named like
  "ICB-Board-Part-1-Papers-Sept-25.pdf" under a heading that gives the full date. Inspired by
  bedfordshirelutonandmiltonkeynes.icb.nhs.uk/about-us/governance/... and
  staffsstoke.icb.nhs.uk/.../the-icb-constitution/.
- ``events_calendar``: a WordPress "The Events Calendar" site: a list of past events paged with
  ``/events/list/page/2/?eventDisplay=past``, each event page titled "ICB Board Meeting | Thursday
  20th November 2025" with its papers in the event description, an iCal export and an "Add to
  Google Calendar" link (off-site); a non-board event (a public engagement forum) with a
  presentation. Inspired by lincolnshire.icb.nhs.uk/event/icbs-cluster-board-meeting-thursday-
  20th-november-2025.

Expected rows follow tests/scrape/unseen/sites.py: url, title (the document's name as the page gives
it, without size or format notes), meeting_date (minutes: the meeting they record; None when the
page gives no full date: a month alone is not a date), committee (as the site names the body),
is_board, document_type, is_paper. Types as in round 2: a board meeting's whole pack is
``board_pack``, one report to the board ``papers``, a committee's pack or report
``committee_papers``; agendas and minutes are ``agenda`` and ``minutes`` whoever meets; the ICB's
annual report and constitution are ``annual_report`` and ``constitution``. Not papers: registers of
interests, gifts and hospitality registers, standing financial instructions, schedules of meeting
dates, calendar exports, privacy notices, and any document of a body that is not the ICB's (a
council's scrutiny committee or health and wellbeing board).
"""

from __future__ import annotations

from datetime import date

from tests.scrape.unseen.sites import MONTHS, Site


def _long(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _ordinal(day: date) -> str:
    suffix = "th" if 11 <= day.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10, "th")
    return f"{day.day}{suffix}"


def _robots(site: Site, host: str, paths: list[str], links: list[str]) -> None:
    rules = "".join(f"Disallow: {path}\n" for path in paths)
    site.pages[f"{host}/robots.txt"] = ("text/plain", f"User-agent: *\n{rules}".encode())
    site.disallowed.update(links)


def _doc(site: Site, url: str, title: str, meeting: date | None, committee: str, is_board: bool,
         document_type: str, is_paper: bool = True) -> None:
    site.pdf(url, title)
    site.expect(url, title, meeting, committee, is_board, document_type, is_paper)


def modgov_calendar_site() -> Site:
    """An ICB's Modern.Gov site entered from a calendar month; reports per agenda item."""
    host = "https://meetings.calderbrook.icb.nhs.uk"
    site = Site("modgov_calendar", "QF7", f"{host}/mgCalendarMonthView.aspx?M=5&Y=2025")
    board, pccc = "Integrated Care Board", "Primary Care Commissioning Committee"
    docs = f"{host}/documents"
    footer = (f"<div id='mgFooter'><a href='{host}/mgRegisterKeywordInterest.aspx'>Subscribe to "
              f"updates</a> <a href='https://www.moderngov.co.uk/'>Powered by Modern.Gov</a></div>")

    def calendar(month: int, entries: list[tuple[date, str, str, int, int]]) -> None:
        cells = "".join(f"<li><span class='mgCalendarDate'>{_long(day)}</span> {time} "
                        f"<a href='ieListDocuments.aspx?CId={cid}&amp;MId={mid}'>{name}</a></li>"
                        for day, time, name, cid, mid in entries) or "<li>No meetings</li>"
        site.html(f"{host}/mgCalendarMonthView.aspx?M={month}&Y=2025",
                  f"<div id='modgov'><h1>Calendar - {MONTHS[month - 1]} 2025</h1>"
                  f"<p><a href='mgCalendarMonthView.aspx?M={month - 1}&amp;Y=2025'>Previous month</a>"
                  f" <a href='mgCalendarMonthView.aspx?M={month + 1}&amp;Y=2025'>Next month</a></p>"
                  f"<ul class='mgCalendarMonthList'>{cells}</ul></div>{footer}",
                  f"Calendar - {MONTHS[month - 1]} 2025")

    may, march, pccc_day = date(2025, 5, 14), date(2025, 3, 12), date(2025, 5, 28)
    calendar(5, [(may, "10.00 am", board, 140, 2201), (pccc_day, "2.00 pm", pccc, 152, 2210)])
    calendar(4, [])
    calendar(3, [(march, "10.00 am", board, 140, 2190)])
    calendar(6, [])

    def agenda_page(cid: int, mid: int, name: str, day: date, items: str, top: str,
                    time: str = "10.00 am") -> None:
        site.html(f"{host}/ieListDocuments.aspx?CId={cid}&MId={mid}",
                  f"<div id='modgov'><h1>Agenda and minutes</h1><h2 class='mgSubTitleTxt'>{name} - "
                  f"{day.strftime('%A')}, {_ordinal(day)} {MONTHS[day.month - 1]}, {day.year} "
                  f"{time}</h2><p>Venue: Calder House, Brookfield</p>"
                  f"<ul class='mgActionList'>{top}</ul><table class='mgItemTable'><tr><th>No.</th>"
                  f"<th>Item</th></tr>{items}</table></div>{footer}", f"{name} - {_long(day)}")

    def item(number: int, heading: str, text: str, links: list[tuple[str, str, str]],
             extra: list[tuple[str, str, str]] = ()) -> str:
        body = "".join(f"<a href='{url}'>{title} <img alt='pdf icon' src='mgIcon.gif'> {size}</a>"
                       for url, title, size in links)
        more = "".join(f"<li><a href='{url}'>{title} <img alt='pdf icon' src='mgIcon.gif'> {size}"
                       f"</a></li>" for url, title, size in extra)
        more = f"<p>Additional documents:</p><ul>{more}</ul>" if more else ""
        return (f"<tr><td>{number}.</td><td><p class='mgAiTitleTxt'>{heading}</p>{body}"
                f"<p>{text}</p>{more}</td></tr>")

    def top_links(mid: int, day: date, name: str, clock: str = "10.00") -> str:
        stamp = f"{_ordinal(day)}-{MONTHS[day.month - 1][:3]}-{day.year}%20{clock}"
        agenda = f"{docs}/g{mid}/Agenda%20frontsheet%20{stamp}%20{name.replace(' ', '%20')}.pdf"
        minutes = f"{docs}/g{mid}/Printed%20minutes%20{stamp}%20{name.replace(' ', '%20')}.pdf"
        is_board = name == board
        _doc(site, agenda, "Agenda frontsheet", day, name, is_board, "agenda")
        _doc(site, minutes, "Printed minutes", day, name, is_board, "minutes")
        return (f"<li><a href='{agenda}'>Agenda frontsheet <img alt='pdf icon' src='mgIcon.gif'> "
                f"PDF 150 KB</a></li><li><a href='{minutes}'>Printed minutes <img alt='pdf icon' "
                f"src='mgIcon.gif'> PDF 210 KB</a></li>")

    ceo_may, ceo_march = f"{docs}/s9102/CEO%20report%20May%202025.pdf", f"{docs}/s9001/CEO%20report.pdf"
    prev_may = f"{docs}/s9101/Draft%20minutes%2012%20March%202025.pdf"
    prev_march = f"{docs}/s9002/Minutes%20ICB%20Board%2015.01.25.pdf"
    involvement = f"{docs}/s9103/Working%20with%20people%20and%20communities%20report.pdf"
    appendix = f"{docs}/s9104/Appendix%20A%20Insight%20summary.pdf"
    _doc(site, prev_may, "Minutes of the previous meeting", march, board, True, "minutes")
    _doc(site, ceo_may, "Chief Executive's report", may, board, True, "papers")
    _doc(site, involvement, "Working with people and communities report", may, board, True, "papers")
    _doc(site, appendix, "Appendix A - Insight summary", may, board, True, "papers")
    _doc(site, prev_march, "Minutes of the previous meeting", date(2025, 1, 15), board, True,
         "minutes")
    _doc(site, ceo_march, "Chief Executive's report", march, board, True, "papers")
    issue = "<p><a href='ieIssueDetails.aspx?IId=3301&amp;Opt=3'>View the history of this item</a></p>"
    agenda_page(140, 2201, board, may, "".join([
        item(1, "Welcome and apologies", "", []),
        item(3, "Minutes of the previous meeting", "To approve the minutes of the meeting held on "
             "12 March 2025 as a correct record.", [(prev_may, "Minutes of the previous meeting",
                                                     "PDF 297 KB")]),
        item(5, "Chief Executive's report", "To receive the report." + issue,
             [(ceo_may, "Chief Executive's report", "PDF 1 MB")]),
        item(6, "Working with people and communities", "To note the report.",
             [(involvement, "Working with people and communities report", "PDF 640 KB")],
             [(appendix, "Appendix A - Insight summary", "PDF 400 KB")])]),
        top_links(2201, may, board))
    agenda_page(140, 2190, board, march, "".join([
        item(3, "Minutes of the previous meeting", "To approve the minutes of the meeting held on "
             "15 January 2025.", [(prev_march, "Minutes of the previous meeting", "PDF 250 KB")]),
        item(5, "Chief Executive's report", "To receive the report." + issue,
             [(ceo_march, "Chief Executive's report", "PDF 900 KB")])]),
        top_links(2190, march, board))
    access = f"{docs}/s9201/Primary%20care%20access%20recovery%20update.pdf"
    _doc(site, access, "Primary care access recovery update", pccc_day, pccc, False,
         "committee_papers")
    agenda_page(152, 2210, pccc, pccc_day, item(4, "Primary care access recovery", "To note.",
                [(access, "Primary care access recovery update", "PDF 520 KB")]),
                top_links(2210, pccc_day, pccc, "14.00"), "2.00 pm")
    site.html(f"{host}/ieIssueDetails.aspx?IId=3301&Opt=3",
              f"<div id='modgov'><h1>Issue - meetings</h1><h2>Chief Executive's report</h2>"
              f"<p>Meeting: 14/05/2025 - {board} (Item 5)</p><p>5 <a href='{ceo_may}'>Chief "
              f"Executive's report <img alt='pdf icon' src='mgIcon.gif'> PDF 1 MB</a></p>"
              f"<p>Meeting: 12/03/2025 - {board} (Item 5)</p><p>5 <a href='{ceo_march}'>Chief "
              f"Executive's report <img alt='pdf icon' src='mgIcon.gif'> PDF 900 KB</a></p>"
              f"<p>Members: <a href='mgUserInfo.aspx?UID=301'>Dr Asha Rahman</a></p></div>{footer}")
    interests = f"{docs}/b2301/Register%20of%20interests%20Dr%20Asha%20Rahman.pdf"
    _doc(site, interests, "Register of interests", None, board, True, "other", is_paper=False)
    site.html(f"{host}/mgUserInfo.aspx?UID=301",
              f"<div id='modgov'><h1>Dr Asha Rahman</h1><p>Chair, {board}</p><p><a href='"
              f"{interests}'>Register of interests <img alt='pdf icon' src='mgIcon.gif'> PDF 80 KB"
              f"</a></p></div>{footer}")
    _robots(site, host, ["/mgRegisterKeywordInterest.aspx"],
            [f"{host}/mgRegisterKeywordInterest.aspx"])
    return site


def concrete_doclist_site() -> Site:
    """A Concrete CMS document list: sortable, paged, month-only titles, dates in descriptions."""
    host = "https://www.ribblesdale.icb.nhs.uk"
    base = f"{host}/about-us/our-board/board-papers"
    site = Site("concrete_doclist", "QGH", base)
    board, quality = "Board", "Quality and Performance Committee"
    # (file id, title, description, date added, meeting date, committee, type, is paper)
    rows = [
        (5117, "ICB Board Part 1 Papers Sept 25",
         "Papers for the Board meeting in public held on 11 September 2025", date(2025, 9, 4),
         date(2025, 9, 11), board, "board_pack", True),
        (5118, "ICB Board Part 1 Agenda Sept 25", "", date(2025, 9, 4), None, board, "agenda", True),
        (5121, "ICB Board Part 1 Minutes July 25",
         "Minutes of the meeting held on 10 July 2025, approved on 11 September 2025",
         date(2025, 9, 15), date(2025, 7, 10), board, "minutes", True),
        (5096, "ICB Board Part 1 Papers July 25", "Board meeting in public, 10 July 2025",
         date(2025, 7, 3), date(2025, 7, 10), board, "board_pack", True),
        (5097, "ICB Board Part 1 Agenda July 25", "", date(2025, 7, 3), None, board, "agenda", True),
        (5088, "Quality and Performance Committee Papers Jun 25", "Meeting held on 19 June 2025",
         date(2025, 6, 12), date(2025, 6, 19), quality, "committee_papers", True),
        (5070, "ICB Board Part 1 Minutes May 25", "Minutes of the meeting held on 8 May 2025",
         date(2025, 7, 14), date(2025, 5, 8), board, "minutes", True),
        (5061, "ICB Board Part 1 Papers May 25", "Board meeting in public, 8 May 2025",
         date(2025, 5, 1), date(2025, 5, 8), board, "board_pack", True),
        (5032, "Chief Executive Report Mar 25", "Item 6, Board meeting in public 13 March 2025",
         date(2025, 3, 6), date(2025, 3, 13), board, "papers", True),
        (5010, "Board meeting dates 2025-26", "Dates of meetings in public for the year",
         date(2025, 2, 20), None, board, "other", False),
        (5125, "Register of interests Board members Sept 25", "Declared interests of Board members",
         date(2025, 9, 1), None, board, "other", False),
    ]
    links = {}
    for fid, title, _, added, day, committee, kind, is_paper in rows:
        url = (f"{host}/application/files/{fid}/{added.strftime('%y%m')}/{fid * 7 % 10000:04d}/"
               f"{title.replace(' ', '-')}.pdf")
        links[fid] = url
        _doc(site, url, title, day, committee, committee == board, kind, is_paper)
    orders = {"": sorted(rows, key=lambda row: row[3], reverse=True),
              "ccm_order_by=title&ccm_order_by_direction=asc": sorted(rows, key=lambda row: row[1]),
              "ccm_order_by=fDateAdded&ccm_order_by_direction=asc": sorted(rows,
                                                                            key=lambda row: row[3])}
    header = ("<thead><tr><th><a href='?ccm_order_by=title&amp;ccm_order_by_direction=asc'>Title</a>"
              "</th><th>Description</th><th><a href='?ccm_order_by=fDateAdded&amp;"
              "ccm_order_by_direction=asc'>Date added</a></th><th>Size</th></tr></thead>")
    for query, ordered in orders.items():
        for number, chunk in ((1, ordered[:6]), (2, ordered[6:])):
            body = "".join(f"<tr><td><a href='{links[fid]}'>{title}</a></td><td>{text}</td>"
                           f"<td>{added.strftime('%d/%m/%Y')}</td><td>1.2 MB</td></tr>"
                           for fid, title, text, added, *_ in chunk)
            params = "&".join(part for part in (query, "ccm_paging_fl=2" if number == 2 else "")
                              if part)
            url = f"{base}?{params}" if params else base
            other = "&amp;".join(part for part in (query.replace("&", "&amp;"),
                                                   "ccm_paging_fl=2" if number == 1 else "")
                                 if part)
            pager = (f"<a href='{base}?{other}'>Next &raquo;</a>" if number == 1 else
                     f"<a href='{base}{'?' + other if other else ''}'>&laquo; Previous</a>")
            site.html(url, f"<header><a href='{host}/login'>Sign in</a></header><main><h1>Board "
                           f"papers</h1><p>Watch our meetings on <a href='https://www.youtube.com/"
                           f"@ribblesdaleicb'>YouTube</a>.</p><table class='ccm-block-document-"
                           f"library-table'>{header}<tbody>{body}</tbody></table><div class='"
                           f"ccm-pagination-wrapper'>{pager}</div></main>", "Board papers")
    _robots(site, host, ["/login", "/dashboard/"], [f"{host}/login"])
    return site


def accordion_items_site() -> Site:
    """A Bootstrap accordion per meeting, 'Item N – ...' links; an archive by financial year."""
    host = "https://www.eastmarch.icb.nhs.uk"
    start = f"{host}/about-us/our-board/board-meetings-and-papers/"
    archive = f"{host}/about-us/our-board/board-papers-archive/"
    site = Site("accordion_items", "QH8", start)
    board, people = "Board", "People and Communities Committee"
    media = f"{host}/media/documents/board"

    def panel(key: str, button: str, links: list[tuple[str, str, date | None, str, str, bool]]) -> str:
        items = []
        for url, title, day, committee, kind, is_board in links:
            _doc(site, url, title, day, committee, is_board, kind)
            items.append(f"<li><a href='{url}'>{title}</a> <span class='file-meta'>(PDF)</span></li>")
        content = f"<ul>{''.join(items)}</ul>" if items else "<p>Papers will be published a week " \
                                                             "before the meeting.</p>"
        return (f"<div class='accordion-item'><h2 class='accordion-header' id='h{key}'><button "
                f"class='accordion-button collapsed' type='button' data-bs-toggle='collapse' "
                f"data-bs-target='#c{key}'>{button}</button></h2><div id='c{key}' class='"
                f"accordion-collapse collapse'><div class='accordion-body'>{content}</div></div></div>")

    def board_links(day: date, previous: date, report: tuple[int, str]) -> list:
        folder = f"{media}/{day.strftime('%Y-%m')}"
        return [(f"{folder}/item-01-agenda.pdf", "Item 1 – Agenda", day, board, "agenda", True),
                (f"{folder}/item-03-minutes.pdf",
                 f"Item 3 – Minutes of the meeting held on {_long(previous)}", previous, board,
                 "minutes", True),
                (f"{folder}/item-05-chief-executives-report.pdf", "Item 5 – Chief Executive's report",
                 day, board, "papers", True),
                (f"{folder}/item-{report[0]:02d}.pdf", f"Item {report[0]} – {report[1]}", day, board,
                 "papers", True)]

    july, may, march = date(2025, 7, 17), date(2025, 5, 15), date(2025, 3, 20)
    panels = [
        panel("1", "Thursday 18 September 2025 – Board meeting in public", []),
        panel("2", f"{july.strftime('%A')} {_long(july)} – Board meeting in public",
              board_links(july, may, (8, "Patient experience and insight report"))),
        panel("3", f"{date(2025, 6, 25).strftime('%A')} {_long(date(2025, 6, 25))} – {people}",
              [(f"{host}/media/documents/committees/pcc-2025-06-papers.pdf", "Meeting papers",
                date(2025, 6, 25), people, "committee_papers", False)]),
        panel("4", f"{may.strftime('%A')} {_long(may)} – Board meeting in public",
              board_links(may, march, (7, "Integrated performance report"))),
    ]
    site.html(start, f"<main><h1>Board meetings and papers</h1><p>The Board meets in public every "
                     f"two months. Next meeting: <a href='https://teams.microsoft.com/l/meetup-join/"
                     f"19%3ameeting_eastmarch'>join the meeting online (Microsoft Teams)</a>.</p>"
                     f"<div class='accordion' id='meetings'>{''.join(panels)}</div>"
                     f"<p><a href='{archive}'>Archive of board papers</a></p><p><a href='{host}/"
                     f"umbraco/login'>Staff</a></p></main>", "Board meetings and papers")
    years = []
    for label, meetings in (("2024/25", [(march, date(2025, 1, 16)), (date(2025, 1, 16),
                                                                        date(2024, 11, 21))]),):
        blocks = []
        for day, previous in meetings:
            folder = f"{media}/{day.strftime('%Y-%m')}"
            links = [(f"{folder}/board-papers-{day.strftime('%d%m%Y')}.pdf",
                      "Board papers (full pack)", day, board, "board_pack", True),
                     (f"{folder}/board-minutes-{previous.strftime('%d%m%Y')}.pdf",
                      f"Minutes of the meeting held on {_long(previous)}", previous, board,
                      "minutes", True)]
            blocks.append(panel(day.strftime("%Y%m%d"), f"{day.strftime('%A')} {_long(day)}", links))
        years.append(f"<h2>{label}</h2><div class='accordion'>{''.join(blocks)}</div>")
    dates = f"{host}/media/documents/board/board-meeting-dates-2025-26.pdf"
    _doc(site, dates, "Board meeting dates 2025/26", None, board, True, "other", is_paper=False)
    site.html(archive, f"<main><h1>Archive of board papers</h1><p>Papers of earlier meetings, by "
                       f"financial year (April to March).</p>{''.join(years)}<p><a href='{dates}'>"
                       f"Board meeting dates 2025/26</a></p></main>", "Archive of board papers")
    _robots(site, host, ["/umbraco/"], [f"{host}/umbraco/login"])
    return site


def governance_mix_site() -> Site:
    """Board papers among corporate documents and partner councils' committee papers."""
    host = "https://www.severnlea.icb.nhs.uk"
    site = Site("governance_mix", "QHG", f"{host}/about-us/publications-and-governance/")
    uploads = f"{host}/wp-content/uploads"
    board = "Board"
    meetings = [(date(2025, 9, 10), "Sept-25", date(2025, 7, 9)),
                (date(2025, 7, 9), "July-25", date(2025, 5, 14))]
    sections = []
    for day, stamp, previous in meetings:
        folder = f"{uploads}/{day.strftime('%Y/%m')}"
        links = [(f"{folder}/ICB-Board-Part-1-Agenda-{stamp}.pdf", "agenda", day),
                 (f"{folder}/ICB-Board-Part-1-Papers-{stamp}.pdf", "board_pack", day),
                 (f"{folder}/ICB-Board-Part-1-Minutes-{previous.strftime('%B-%y')}.pdf", "minutes",
                  previous)]
        items = []
        for url, kind, recorded in links:
            name = url.rsplit("/", 1)[1]  # the link text; its title is without the file type
            _doc(site, url, name.removesuffix(".pdf"), recorded, board, True, kind)
            items.append(f"<li><a href='{url}'>{name}</a></li>")
        sections.append(f"<h3>Board meeting in public – {day.strftime('%A')} {_long(day)}</h3>"
                        f"<p>The minutes listed are those of the previous meeting, "
                        f"{_long(previous)}, approved at this one.</p><ul>{''.join(items)}</ul>")
    corporate = [(f"{uploads}/2025/07/Severnlea-ICB-Annual-Report-and-Accounts-2024-25.pdf",
                  "Annual report and accounts 2024/25", "annual_report", True),
                 (f"{uploads}/2025/04/Severnlea-ICB-Constitution-v4-April-2025.pdf",
                  "ICB constitution (version 4, April 2025)", "constitution", True),
                 (f"{uploads}/2025/04/Standing-Financial-Instructions-2025-26.pdf",
                  "Standing financial instructions 2025/26", "other", False),
                 (f"{uploads}/2025/08/Register-of-Interests-August-2025.pdf",
                  "Register of interests (August 2025)", "other", False),
                 (f"{uploads}/2025/08/Gifts-and-Hospitality-Register-2025-26.pdf",
                  "Gifts and hospitality register 2025/26", "other", False)]
    corporate_items = []
    for url, title, kind, is_paper in corporate:
        _doc(site, url, title, None, board, True, kind, is_paper)
        corporate_items.append(f"<li><a href='{url}'>{title}</a> (PDF)</li>")
    scrutiny = "Severnlea County Council Health Overview and Scrutiny Committee"
    wellbeing = "Severnlea Health and Wellbeing Board"
    partner = [(f"{uploads}/2025/06/HOSC-Agenda-24-June-2025.pdf",
                f"{scrutiny}: agenda, 24 June 2025", date(2025, 6, 24), scrutiny, "agenda"),
               (f"{uploads}/2025/06/HOSC-ICB-Update-24-June-2025.pdf",
                f"{scrutiny}: ICB update report, 24 June 2025", date(2025, 6, 24), scrutiny,
                "committee_papers"),
               (f"{uploads}/2025/07/HWB-Minutes-3-July-2025.pdf",
                f"{wellbeing}: minutes, 3 July 2025", date(2025, 7, 3), wellbeing, "minutes")]
    partner_items = []
    for url, title, day, committee, kind in partner:
        _doc(site, url, title, day, committee, False, kind, is_paper=False)
        partner_items.append(f"<li><a href='{url}'>{title}</a></li>")
    site.html(site.start_url,
              f"<main><h1>Publications and governance</h1><h2>Board papers</h2>"
              f"<p>Our Board meets in public every two months.</p>{''.join(sections)}"
              f"<h2>Corporate documents</h2><ul>{''.join(corporate_items)}</ul>"
              f"<h2>Partner meetings</h2><p>The ICB reports to our partner councils' meetings. These "
              f"are the councils' meetings, not the ICB's; their full papers are on the councils' "
              f"websites, for example <a href='https://democracy.severnleacc.gov.uk/"
              f"ieListMeetings.aspx?CommitteeId=88'>the scrutiny committee's meetings</a>.</p>"
              f"<ul>{''.join(partner_items)}</ul></main><footer><a href='{host}/wp-login.php'>Log in"
              f"</a></footer>", "Publications and governance")
    _robots(site, host, ["/wp-admin/", "/wp-login.php"], [f"{host}/wp-login.php"])
    return site


def events_calendar_site() -> Site:
    """WordPress events: a paged list of past events; papers in each event's description."""
    host = "https://www.fenmoor.icb.nhs.uk"
    site = Site("events_calendar", "QJ2", f"{host}/events/list/?eventDisplay=past")
    board, forum = "Board", "Patient and Public Engagement Forum"
    uploads = f"{host}/wp-content/uploads"
    events = [(date(2025, 11, 20), board, date(2025, 9, 18)),
              (date(2025, 10, 8), forum, None),
              (date(2025, 9, 18), board, date(2025, 7, 17)),
              (date(2025, 7, 17), board, None)]

    def slug(day: date, name: str) -> str:
        kind = "icb-board-meeting" if name == board else "patient-and-public-engagement-forum"
        return f"{kind}-{day.strftime('%A').lower()}-{_ordinal(day)}-{MONTHS[day.month - 1].lower()}-" \
               f"{day.year}"

    def heading(day: date, name: str) -> str:
        label = "ICB Board Meeting" if name == board else forum
        return f"{label} | {day.strftime('%A')} {_ordinal(day)} {MONTHS[day.month - 1]} {day.year}"

    for day, name, previous in events:
        event = f"{host}/event/{slug(day, name)}/"
        folder = f"{uploads}/{day.strftime('%Y/%m')}"
        if name == board:
            links = [(f"{folder}/Board-Agenda-{day.strftime('%d-%m-%Y')}.pdf", "Agenda", day,
                      "agenda"),
                     (f"{folder}/Board-Papers-{day.strftime('%d-%m-%Y')}.pdf", "Meeting papers", day,
                      "board_pack")]
            if previous:
                links.append((f"{folder}/Draft-Minutes-{previous.strftime('%d-%m-%Y')}.pdf",
                              f"Minutes of the meeting held on {_long(previous)}", previous,
                              "minutes"))
        else:
            links = [(f"{folder}/Engagement-Forum-Presentation-October-2025.pdf",
                      "Forum presentation", day, "committee_papers")]
        items = []
        for url, title, recorded, kind in links:
            _doc(site, url, title, recorded, name, name == board, kind)
            items.append(f"<li><a href='{url}'>{title}</a></li>")
        ical = f"{event}?ical=1"
        site.pages[ical] = ("text/calendar", b"BEGIN:VCALENDAR\nEND:VCALENDAR\n")
        site.expect(ical, "Export to iCal", None, name, name == board, "other", is_paper=False)
        site.html(event,
                  f"<main><div class='tribe-events-single'><a href='{site.start_url}'>&laquo; All "
                  f"Events</a><h1 class='tribe-events-single-event-title'>{heading(day, name)}</h1>"
                  f"<div class='tribe-events-schedule'><span class='tribe-event-date-start'>"
                  f"{_long(day)} @ 10:00 am</span> - <span class='tribe-event-time'>1:00 pm</span>"
                  f"</div><div class='tribe-events-single-event-description'><p>Members of the "
                  f"public are welcome to observe. Papers for the meeting:</p><ul>{''.join(items)}"
                  f"</ul></div><div class='tribe-events-cal-links'><a href='https://www.google.com/"
                  f"calendar/event?action=TEMPLATE&amp;text=Board'>+ Google Calendar</a> <a href='"
                  f"{ical}'>+ Export to iCal</a></div></div></main>", heading(day, name))
    pages = [events[:2], events[2:]]
    for number, chunk in enumerate(pages, start=1):
        url = site.start_url if number == 1 else f"{host}/events/list/page/2/?eventDisplay=past"
        cards = "".join(f"<article class='tribe-events-calendar-list__event'><time datetime='"
                        f"{day.isoformat()}'>{day.strftime('%b')} {day.day}</time><h3><a href='"
                        f"{host}/event/{slug(day, name)}/'>{heading(day, name)}</a></h3></article>"
                        for day, name, _ in chunk)
        nav = (f"<a class='tribe-events-c-nav__prev' href='{host}/events/list/page/2/?eventDisplay="
               f"past'>Previous Events</a>" if number == 1 else
               f"<a class='tribe-events-c-nav__next' href='{site.start_url}'>Next Events</a>")
        site.html(url, f"<main><h1>Events</h1><p><a href='{host}/events/month/'>Month view</a></p>"
                       f"{cards}<nav>{nav}</nav></main><footer><a href='{host}/wp-json/tribe/"
                       f"events/v1/events'>API</a></footer>", "Events")
    site.html(f"{host}/events/month/", "<main><h1>Events for November 2025</h1><p>No events "
                                       "scheduled.</p></main>")
    _robots(site, host, ["/wp-json/", "/wp-admin/"], [f"{host}/wp-json/tribe/events/v1/events"])
    return site


def all_sites() -> list[Site]:
    return [modgov_calendar_site(), concrete_doclist_site(), accordion_items_site(),
            governance_mix_site(), events_calendar_site()]
