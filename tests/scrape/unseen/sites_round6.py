"""A sixth round of small sites in structures real ICB, NHS and council websites use, written apart
from the crawler, its fixtures, its recipes and the demo web.

- ``modgov_committees``: an ICB's own Modern.Gov site entered from its committee list
  (``mgListCommittees.aspx?bcr=1``). Each ``mgCommitteeDetails.aspx`` page lists its meetings
  ("10 Sep 2025 10.00 am") straight to ``ieListDocuments.aspx?CId=..&MId=..&Ver=4``, whose heading
  alone gives the date ("Integrated Care Board - Wednesday, 10th September, 2025 10.00 am"). The
  meeting's whole-meeting documents sit above the items in Modern.Gov's own names and with
  Modern.Gov's ``?T=`` query strings ("Agenda frontsheet", "Public reports pack", "Printed
  minutes": the printed minutes are of that meeting); items link reports as "Winter plan 2025/26
  pdf icon PDF 540 KB" with "Additional documents" under them; the item approving the previous
  minutes links nothing (they are in the pack). An audit committee meeting in private publishes
  only its terms of reference; the partner council's health and wellbeing board is on the
  council's own Modern.Gov site (off-site); the calendar is robots-disallowed. Inspired by
  cabinet.leicester.gov.uk/ieListDocuments.aspx?CId=420&MId=11048&Ver=4 and
  mycouncil.surreycc.gov.uk/ieListDocuments.aspx?CId=120&MId=7763 (heading, items, "pdf icon PDF
  365 KB"), and Modern.Gov's committee list and details pages.
- ``govuk_collection``: a GOV.UK-publishing-style "collection" page of publications grouped under
  headings ("Board meetings 2025", "Committee meetings", "Governance"), each entry a
  ``gem-c-document-list__item`` with an "Updated" ``<time>`` that is never the meeting; each
  publication page ("ICB board meeting: 17 September 2025", "Published 10 September 2025", "Last
  updated 19 September 2025") holds its files as ``<section class="gem-c-attachment">`` blocks: the
  title in ``gem-c-attachment__title``, then metadata "PDF, 1.2 MB, 34 pages" and a "Request an
  accessible format" ``<details>``; the page's "Updates to this page" log dates every change.
  Approved minutes are attached to the next meeting's publication. Markup from GOV.UK's publishing
  components (gem-c-attachment, gem-c-document-list) as on gov.uk/government/collections pages.
- ``tabs_by_year``: a Squiz Matrix "Board papers" page with financial-year tabs built from
  ``<ul role="tablist">`` links to ``#panel-...`` and ``<div role="tabpanel">`` panels (all in the
  HTML, the others ``hidden``); each panel is a table with one "Date" column in dd.mm.yy
  ("10.09.25") and a "Papers" column of numbered ``<ol>`` lists whose appendices are nested
  ``<ol type="a">``; minutes read "Minutes of the meeting held on 09.07.25". A "Latest papers"
  sidebar repeats the newest meeting's links (same URLs). Files under Squiz's
  ``/__data/assets/pdf_file/0021/41234/...``. Inspired by trust pages such as
  yas.nhs.uk/publications/trust-board-meetings/ (latest papers beside an archive by year) and
  Squiz Matrix asset URLs.
- ``html_papers``: board papers published as HTML pages (one page per paper: "Paper for: Board
  meeting, 11 September 2025 – Item 5"), each with a "Download this page as PDF" link to
  ``<page>/pdf`` (no file extension) and a robots-disallowed "Print this page" version under
  ``/print/``; agendas and a committee's pack are plain PDF links; minutes of the previous meeting
  are an HTML paper too. An easy-read summary is a page with a PDF download. Inspired by sites
  that publish reports as web pages with a PDF rendition (GOV.UK's HTML publications, which sit
  beside PDF attachments on gov.uk/government/publications pages).

Expected rows follow tests/scrape/unseen/sites.py and rounds 3 to 5: url (the document's final URL),
title (as the page gives it, without size or format notes), meeting_date (minutes: the meeting they
record), committee (as the site names the body), is_board, document_type, is_paper. A meeting's whole
pack is ``board_pack`` (the board's) or ``committee_papers`` (a committee's); one report to the board
is ``papers``. Not papers: registers of interests, schedules of meeting dates, easy-read summaries,
and pages (publication pages, HTML renditions whose PDF is the paper).
"""

from __future__ import annotations

from datetime import date

from tests.scrape.unseen.sites import MONTHS, Site
from tests.scrape.unseen.sites_round3 import _long, _ordinal, _robots
from tests.scrape.unseen.sites_round5 import _file


def _short(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def modgov_committees_site() -> Site:
    """Modern.Gov committee list -> committee details -> ieListDocuments with ?T= whole-meeting files."""
    host = "https://democracy.lunesdale.icb.nhs.uk"
    site = Site("modgov_committees", "QE1", f"{host}/mgListCommittees.aspx?bcr=1")
    board, primary, audit = ("Integrated Care Board", "Primary Care Commissioning Committee",
                             "Audit Committee")
    docs = f"{host}/documents"
    calendar = f"{host}/mgCalendarMonthView.aspx?GL=1"
    shell = ("<div id='modgov'><p class='mgBreadcrumb'><a href='mgListCommittees.aspx?bcr=1'>"
             "Committees</a></p>{}<p><a href='mgCalendarMonthView.aspx?GL=1'>Meetings "
             "calendar</a></p></div>")
    site.html(site.start_url, shell.format(
        "<h1>Committee structure</h1><ul class='mgBulletList'>"
        "<li><a href='mgCommitteeDetails.aspx?ID=101'>Integrated Care Board</a></li>"
        "<li><a href='mgCommitteeDetails.aspx?ID=104'>Primary Care Commissioning Committee</a></li>"
        "<li><a href='mgCommitteeDetails.aspx?ID=107'>Audit Committee</a></li>"
        "<li><a href='https://democracy.lunesdale.gov.uk/mgCommitteeDetails.aspx?ID=300'>Lunesdale "
        "Health and Wellbeing Board (Lunesdale Council)</a></li></ul>"), "Committee structure")

    def whole(mid: int, day: date, name: str, kind: str, pack_kind: str, minutes: bool) -> list[str]:
        stamp = f"{_ordinal(day)}-{MONTHS[day.month - 1][:3]}-{day.year}%2010.00%20{name.replace(' ', '%20')}"
        files = [(f"Agenda%20frontsheet%20{stamp}.pdf?T=0", "Agenda frontsheet", "agenda", "210 KB"),
                 (f"Public%20reports%20pack%20{stamp}.pdf?T=10", "Public reports pack", pack_kind,
                  "4 MB")]
        if minutes:
            files.append((f"Printed%20minutes%20{stamp}.pdf?T=1", "Printed minutes", "minutes", "180 KB"))
        links = []
        for path, title, document_type, size in files:
            url = f"{docs}/g{mid}/{path}"
            _file(site, url, title, day, name, kind == "board", document_type)
            links.append(f"<li><a href='documents/g{mid}/{path}'>{title} <span class='mgFileSize'>"
                         f"PDF {size}</span></a></li>")
        return links

    def report(sid: int, file: str, title: str, day: date, name: str, document_type: str,
               size: str) -> str:
        url = f"{docs}/s{sid}/{file}"
        _file(site, url, title, day, name, name == board, document_type)
        return (f"<a href='documents/s{sid}/{file}' title=\"Link to document '{title}' pdf file\">"
                f"{title} <img src='mgImages/logo-pdf.gif' alt='pdf icon'> PDF {size}</a>")

    def meeting(cid: int, mid: int, day: date, name: str, top: list[str], items: list[str]) -> None:
        heading = (f"<h2 class='mgSubTitleTxt'>{name} - {day.strftime('%A')}, {_ordinal(day)} "
                   f"{MONTHS[day.month - 1]}, {day.year} 10.00 am</h2>")
        rows = "".join(f"<tr><td class='mgItemNumberCell'>{number}.</td><td>{text}</td></tr>"
                       for number, text in enumerate(items, 1))
        site.html(f"{host}/ieListDocuments.aspx?CId={cid}&MId={mid}&Ver=4", shell.format(
            f"<h1>Agenda and minutes</h1>{heading}<p>Venue: Lunesdale House, Kendal Road</p><p>Contact:"
            f" Corporate governance team</p><ul class='mgBulletList'>{''.join(top)}</ul><p><a href='"
            f"mgMeetingAttendance.aspx?ID={mid}'>Attendance details</a></p><table class='mgItemTable'>"
            f"<tr><th>No.</th><th>Item</th></tr>{rows}</table>"), f"Agenda for {name} on {_long(day)}")
        site.html(f"{host}/mgMeetingAttendance.aspx?ID={mid}", shell.format(
            f"<h1>Attendance</h1>{heading}<p>Members present: 11</p>"))

    sept, july, pccc = date(2025, 9, 10), date(2025, 7, 9), date(2025, 7, 24)
    meeting(101, 2201, sept, board, whole(2201, sept, board, "board", "board_pack", True), [
        "Apologies for absence",
        "Minutes of the previous meeting<p>To approve the minutes of the meeting held on 9 July 2025."
        "</p>",
        "Chair's announcements",
        report(9105, "Winter%20plan.pdf", "Winter plan 2025/26", sept, board, "papers", "540 KB")
        + "<p>Additional documents:</p><ul><li>"
        + report(9106, "Appendix%20A%20data%20pack.pdf", "Appendix A – Winter plan data pack", sept,
                 board, "papers", "1 MB") + "</li></ul>",
    ])
    meeting(101, 2188, july, board, whole(2188, july, board, "board", "board_pack", True), [
        "Apologies for absence",
        report(9021, "CEO%20report%20July.pdf", "Chief Executive's report", july, board, "papers",
               "310 KB"),
    ])
    meeting(104, 2195, pccc, primary, whole(2195, pccc, primary, "committee", "committee_papers",
                                            False), [
        "Apologies for absence",
        report(9060, "Dental%20access%20recovery%20plan.pdf", "Dental access recovery plan", pccc,
               primary, "committee_papers", "420 KB"),
    ])
    interests = f"{docs}/s9001/Register%20of%20interests%20ICB%20Board.pdf"
    _file(site, interests, "Register of interests – Board members", None, board, True, "other",
          is_paper=False)
    schedule = f"{docs}/s9002/Meeting%20dates%202025-26.pdf"
    _file(site, schedule, "Meeting dates 2025/26", None, board, True, "other", is_paper=False)
    site.html(f"{host}/mgCommitteeDetails.aspx?ID=101", shell.format(
        f"<h1>{board}</h1><p>The Board of NHS Lunesdale Integrated Care Board meets in public every "
        f"two months.</p><h2>Meetings</h2><ul class='mgBulletList'>"
        f"<li><a href='ieListDocuments.aspx?CId=101&amp;MId=2201&amp;Ver=4'>{_short(sept)} 10.00 am"
        f"</a></li><li><a href='ieListDocuments.aspx?CId=101&amp;MId=2188&amp;Ver=4'>{_short(july)} "
        f"10.00 am</a></li></ul><h2>Documents</h2><ul class='mgBulletList'><li><a href='documents/"
        f"s9001/Register%20of%20interests%20ICB%20Board.pdf'>Register of interests – Board members "
        f"PDF 95 KB</a></li><li><a href='documents/s9002/Meeting%20dates%202025-26.pdf'>Meeting "
        f"dates 2025/26 PDF 40 KB</a></li></ul>"), board)
    site.html(f"{host}/mgCommitteeDetails.aspx?ID=104", shell.format(
        f"<h1>{primary}</h1><p>A committee of the Board.</p><h2>Meetings</h2><ul class='mgBulletList'>"
        f"<li><a href='ieListDocuments.aspx?CId=104&amp;MId=2195&amp;Ver=4'>{_short(pccc)} 10.00 am"
        f"</a></li><li>20 Nov 2025 10.00 am</li></ul>"), primary)
    terms = f"{docs}/s9080/Audit%20Committee%20terms%20of%20reference.pdf"
    _file(site, terms, "Terms of reference", None, audit, False, "terms_of_reference")
    site.html(f"{host}/mgCommitteeDetails.aspx?ID=107", shell.format(
        f"<h1>{audit}</h1><p>This committee meets in private.</p><ul class='mgBulletList'><li><a "
        f"href='documents/s9080/Audit%20Committee%20terms%20of%20reference.pdf'>Terms of reference "
        f"PDF 120 KB</a></li></ul>"), audit)
    site.html(calendar, "<h1>Calendar</h1>")
    _robots(site, host, ["/mgCalendarMonthView.aspx"], [calendar])
    return site


def govuk_collection_site() -> Site:
    """A GOV.UK-style collection of publications, each with gem-c-attachment sections."""
    host = "https://www.wealdmoor.icb.nhs.uk"
    collection = f"{host}/collections/board-and-committee-meetings"
    site = Site("govuk_collection", "QK1", collection)
    board, commissioning = "ICB board", "Strategic Commissioning Committee"
    sept, july, august = date(2025, 9, 17), date(2025, 7, 16), date(2025, 8, 20)
    media = iter(["68c1f0a2e8f5ec3b1a7d4e01", "68c1f0a2e8f5ec3b1a7d4e02", "68c1f0a2e8f5ec3b1a7d4e03",
                  "6877b1c4a9d2f07e35c1a801", "6877b1c4a9d2f07e35c1a802", "6877b1c4a9d2f07e35c1a803",
                  "68a4d3e1b2c0917f4e6d2b01", "68a4d3e1b2c0917f4e6d2b02", "67f0c2d1a8e3b9045c7d1e01",
                  "67f0c2d1a8e3b9045c7d1e02"])

    def attachment(file: str, title: str, meeting: date | None, committee: str, kind: str,
                   size: str, pages: int, is_paper: bool = True) -> str:
        url = f"{host}/media/{next(media)}/{file}"
        _file(site, url, title, meeting, committee, committee == board, kind, is_paper)
        return (f"<section class='gem-c-attachment govuk-!-display-none-print'><div class='gem-c-"
                f"attachment__thumbnail'><a class='govuk-link' href='{url}' tabindex='-1' aria-hidden="
                f"'true'><svg class='gem-c-attachment__thumbnail-image' viewBox='0 0 99 140'></svg></a>"
                f"</div><div class='gem-c-attachment__details'><h3 class='gem-c-attachment__title'><a "
                f"class='govuk-link' href='{url}'>{title}</a></h3><p class='gem-c-attachment__metadata'>"
                f"<span class='gem-c-attachment__attribute'><abbr title='Portable Document Format' "
                f"class='gem-c-attachment__abbr'>PDF</abbr></span>, <span class='gem-c-attachment__"
                f"attribute'>{size}</span>, <span class='gem-c-attachment__attribute'>{pages} pages"
                f"</span></p><p class='gem-c-attachment__metadata'>This file may not be suitable for "
                f"users of assistive technology.</p><details class='govuk-details'><summary class="
                f"'govuk-details__summary'>Request an accessible format.</summary><div class='govuk-"
                f"details__text'>Email <a href='mailto:governance@wealdmoor.nhs.uk'>governance@wealdmoor"
                f".nhs.uk</a> and tell us what format you need.</div></details></div></section>")

    def publication(slug: str, title: str, published: date, updated: date, summary: str,
                    files: list[str], changes: list[tuple[date, str]]) -> None:
        log = "".join(f"<p><time datetime='{day.isoformat()}'>{_long(day)}</time><br>{text}</p>"
                      for day, text in changes)
        site.html(f"{host}/publications/{slug}",
                  f"<div class='govuk-width-container'><main class='govuk-main-wrapper'><span class='"
                  f"govuk-caption-xl'>Corporate report</span><h1 class='gem-c-heading'>{title}</h1><p "
                  f"class='gem-c-lead-paragraph'>{summary}</p><div class='gem-c-metadata'><dl><dt>From:"
                  f"</dt><dd><a href='{host}/'>NHS Wealdmoor Integrated Care Board</a></dd><dt>Published"
                  f"</dt><dd>{_long(published)}</dd><dt>Last updated</dt><dd>{_long(updated)}</dd></dl>"
                  f"</div><h2 id='documents'>Documents</h2>{''.join(files)}<h2>Details</h2><p>Papers "
                  f"are published a week before the meeting. <a href='https://www.youtube.com/@"
                  f"wealdmoorICB'>Watch the meeting on YouTube</a>.</p><details class='gem-c-"
                  f"published-dates__change-history'><summary>Updates to this page</summary>{log}"
                  f"</details></main></div>", f"{title} - NHS Wealdmoor")

    publication("icb-board-meeting-17-september-2025", f"ICB board meeting: {_long(sept)}",
                date(2025, 9, 10), date(2025, 9, 19),
                f"Agenda, papers and approved minutes for the ICB board meeting held in public on "
                f"{_long(sept)}.",
                [attachment("ICB_board_agenda_17_September_2025.pdf", "Agenda", sept, board, "agenda",
                            "245 KB", 3),
                 attachment("ICB_board_papers_17_September_2025.pdf", "Board papers", sept, board,
                            "board_pack", "8.4 MB", 212),
                 attachment("ICB_board_minutes_16_July_2025_approved.pdf",
                            f"Minutes of the meeting held on {_long(july)}", july, board, "minutes",
                            "310 KB", 11)],
                [(date(2025, 9, 10), "First published."),
                 (date(2025, 9, 19), f"Added approved minutes of the {_long(july)} meeting.")])
    publication("icb-board-meeting-16-july-2025", f"ICB board meeting: {_long(july)}",
                date(2025, 7, 9), date(2025, 7, 14),
                f"Agenda and papers for the ICB board meeting held in public on {_long(july)}.",
                [attachment("ICB_board_agenda_16_July_2025.pdf", "Agenda", july, board, "agenda",
                            "230 KB", 3),
                 attachment("ICB_board_papers_16_July_2025.pdf", "Board papers", july, board,
                            "board_pack", "7.9 MB", 188),
                 attachment("Item_7_operational_plan_update.pdf", "Item 7: Operational plan 2025/26 "
                            "update", july, board, "papers", "1.2 MB", 34)],
                [(date(2025, 7, 9), "First published."),
                 (date(2025, 7, 14), "Added late paper for item 7.")])
    publication("strategic-commissioning-committee-20-august-2025",
                f"{commissioning}: {_long(august)}", date(2025, 8, 13), date(2025, 8, 13),
                f"Agenda and papers for the {commissioning} meeting in public on {_long(august)}.",
                [attachment("SCC_agenda_20_August_2025.pdf", "Agenda", august, commissioning, "agenda",
                            "120 KB", 2),
                 attachment("SCC_papers_20_August_2025.pdf", "Committee papers", august, commissioning,
                            "committee_papers", "3.1 MB", 76)],
                [(date(2025, 8, 13), "First published.")])
    publication("register-of-interests", "Register of interests",
                date(2025, 4, 1), date(2025, 10, 2),
                "Declared interests of ICB board and committee members.",
                [attachment("ICB_register_of_interests_October_2025.pdf", "Register of interests: "
                            "October 2025", None, board, "other", "410 KB", 18, is_paper=False),
                 attachment("ICB_board_meeting_dates_2025_to_2026.pdf", "Board meeting dates 2025 to "
                            "2026", None, board, "other", "60 KB", 1, is_paper=False)],
                [(date(2025, 4, 1), "First published."), (date(2025, 10, 2), "Updated register.")])

    def entry(slug: str, title: str, description: str, updated: date) -> str:
        return (f"<li class='gem-c-document-list__item'><a class='govuk-link gem-c-document-list__item-"
                f"title' href='/publications/{slug}'>{title}</a><p class='gem-c-document-list__item-"
                f"description'>{description}</p><ul class='gem-c-document-list__item-metadata'><li "
                f"class='gem-c-document-list__attribute'>Corporate report</li><li class='gem-c-document"
                f"-list__attribute'>Updated: <time datetime='{updated.isoformat()}T10:00:00+01:00'>"
                f"{_long(updated)}</time></li></ul></li>")

    board_entries = (
        entry("icb-board-meeting-17-september-2025", f"ICB board meeting: {_long(sept)}",
              "Agenda, papers and approved minutes.", date(2025, 9, 19))
        + entry("icb-board-meeting-16-july-2025", f"ICB board meeting: {_long(july)}",
                "Agenda and papers.", date(2025, 7, 14)))
    committee_entries = entry("strategic-commissioning-committee-20-august-2025",
                              f"{commissioning}: {_long(august)}", "Agenda and papers.",
                              date(2025, 8, 13))
    governance_entries = entry("register-of-interests", "Register of interests",
                               "Declared interests of members.", date(2025, 10, 2))
    site.html(collection,
              f"<header><form action='/search/all' method='get'><input name='keywords'></form><a href="
              f"'/search/all?organisations%5B%5D=nhs-wealdmoor'>Search</a></header><main><span class="
              f"'govuk-caption-xl'>Collection</span><h1 class='gem-c-heading'>Board and committee "
              f"meetings</h1><p class='gem-c-lead-paragraph'>Papers for meetings held in public by NHS "
              f"Wealdmoor Integrated Care Board and its committees.</p><h2 class='govuk-heading-m' id="
              f"'board-meetings-2025'>Board meetings 2025</h2><ul class='gem-c-document-list'>"
              f"{board_entries}</ul><h2 class='govuk-heading-m' id='committee-meetings'>Committee "
              f"meetings</h2><ul class='gem-c-document-list'>{committee_entries}</ul><h2 class='govuk-"
              f"heading-m' id='governance'>Governance</h2><ul class='gem-c-document-list'>"
              f"{governance_entries}</ul></main>", "Board and committee meetings - NHS Wealdmoor")
    site.html(f"{host}/", "<h1>NHS Wealdmoor</h1>")
    _robots(site, host, ["/search"], [f"{host}/search/all?organisations%5B%5D=nhs-wealdmoor"])
    return site


def tabs_by_year_site() -> Site:
    """Squiz Matrix year tabs (role=tablist), a one-column dd.mm.yy Date table, numbered paper lists."""
    host = "https://www.tarnvale.icb.nhs.uk"
    page = f"{host}/about-us/our-board/board-papers"
    site = Site("tabs_by_year", "QKS", page)
    board = "Board"
    assets = iter(range(41230, 41300))

    def asset(file: str, title: str, meeting: date | None, kind: str, is_paper: bool = True) -> str:
        number = next(assets)
        url = f"{host}/__data/assets/pdf_file/00{number % 90 + 10}/{number}/{file}"
        _file(site, url, title, meeting, board, True, kind, is_paper)
        return url

    def dotted(day: date) -> str:
        return day.strftime("%d.%m.%y")

    def row(day: date, papers: list[tuple[str, list[tuple[str, str]]]]) -> str:
        items = "".join(
            f"<li><a href='{url}'>{title}</a>" + (
                "<ol type='a'>" + "".join(f"<li><a href='{sub}'>{text}</a></li>" for sub, text in subs)
                + "</ol>" if subs else "") + "</li>"
            for (url, title), subs in ((paper[0], paper[1]) for paper in papers))
        return f"<tr><td>{dotted(day)}</td><td><ol>{items}</ol></td></tr>"

    sept, july, march, january = date(2025, 9, 10), date(2025, 7, 9), date(2025, 3, 12), date(2025, 1, 15)
    latest = [
        ((asset("Board-agenda-10-September-2025.pdf", "Agenda", sept, "agenda"), "Agenda"), []),
        ((asset("Board-minutes-9-July-2025.pdf", f"Minutes of the meeting held on {dotted(july)}",
                july, "minutes"), f"Minutes of the meeting held on {dotted(july)}"), []),
        ((asset("Chief-Executive-report-September-2025.pdf", "Chief Executive's report", sept,
                "papers"), "Chief Executive's report"), []),
        ((asset("Finance-report-month-4.pdf", "Finance report", sept, "papers"), "Finance report"),
         [(asset("Appendix-1-month-4-finance-dashboard.pdf", "Appendix 1 – Month 4 finance dashboard",
                 sept, "papers"), "Appendix 1 – Month 4 finance dashboard")]),
    ]
    july_row = [
        ((asset("Board-agenda-9-July-2025.pdf", "Agenda", july, "agenda"), "Agenda"), []),
        ((asset("Board-papers-pack-9-July-2025.pdf", "Board papers pack", july, "board_pack"),
          "Board papers pack"), []),
    ]
    march_row = [
        ((asset("Board-agenda-12-March-2025.pdf", "Agenda", march, "agenda"), "Agenda"), []),
        ((asset("Board-papers-pack-12-March-2025.pdf", "Board papers pack", march, "board_pack"),
          "Board papers pack"), []),
        ((asset("Board-minutes-15-January-2025.pdf", f"Minutes of the meeting held on {dotted(january)}",
                january, "minutes"), f"Minutes of the meeting held on {dotted(january)}"), []),
    ]
    dates = asset("Board-meeting-dates-2025-26.pdf", "Board meeting dates 2025/26", None, "other",
                  is_paper=False)
    interests = asset("Board-register-of-interests-2025-26.pdf", "Register of interests 2025/26", None,
                      "other", is_paper=False)

    def panel(key: str, rows: str, hidden: bool) -> str:
        return (f"<div class='tabs__panel' role='tabpanel' id='panel-{key}' aria-labelledby='tab-{key}'"
                f"{' hidden' if hidden else ''}><table class='table'><thead><tr><th scope='col'>Date</th>"
                f"<th scope='col'>Papers</th></tr></thead><tbody>{rows}</tbody></table></div>")

    unselected = " tabindex='-1'"
    tabs = "".join(f"<li role='presentation'><a role='tab' id='tab-{key}' href='#panel-{key}' "
                   f"aria-controls='panel-{key}' aria-selected='{'true' if first else 'false'}'"
                   f"{'' if first else unselected}>{label}</a></li>"
                   for key, label, first in (("2025-26", "2025/26", True), ("2024-25", "2024/25", False)))
    sidebar = ("<aside class='sidebar'><h2>Latest papers</h2><ul>"
               + "".join(f"<li><a href='{url}'>{title}</a></li>" for (url, title), _ in latest[:3])
               + f"<li><a href='{dates}'>Board meeting dates 2025/26</a></li></ul></aside>")
    site.html(page,
              f"<header><a href='{host}/staff-zone/'>Staff zone</a></header><main><h1>Board papers"
              f"</h1><p>Our Board meets in public. Papers for each meeting are listed under the "
              f"financial year. We work with partners in the <a href='https://www.tarnvalepartnership"
              f".org.uk/'>Tarnvale Health and Care Partnership</a>.</p><div class='tabs'><ul class="
              f"'tabs__list' role='tablist'>{tabs}</ul>"
              f"{panel('2025-26', row(sept, latest) + row(july, july_row), False)}"
              f"{panel('2024-25', row(march, march_row), True)}</div><h2>Board governance</h2><ul>"
              f"<li><a href='{interests}'>Register of interests 2025/26</a></li></ul></main>{sidebar}",
              "Board papers - NHS Tarnvale")
    _robots(site, host, ["/staff-zone/", "/_admin/"], [f"{host}/staff-zone/"])
    return site


def html_papers_site() -> Site:
    """Papers as HTML pages, each with a 'Download this page as PDF' rendition and a print version."""
    host = "https://www.brackenford.icb.nhs.uk"
    index = f"{host}/about-us/board/meetings"
    site = Site("html_papers", "QM7", index)
    board, quality = "Board", "Quality Committee"
    sept, july, august = date(2025, 9, 11), date(2025, 7, 10), date(2025, 8, 21)
    printed: list[str] = []

    def html_paper(meeting_url: str, slug: str, title: str, day: date, item: int, recorded: date,
                   kind: str, is_paper: bool = True) -> str:
        url = f"{meeting_url}/{slug}"
        path = url.split("/", 3)[3]
        _file(site, f"{url}/pdf", title, recorded, board, True, kind, is_paper)
        caption = f"Paper for: Board meeting, {_long(day)} – Item {item}" if item else \
            f"Easy read: Board meeting, {_long(day)}"
        printed.append(f"{host}/print/{path}")
        site.html(url, f"<main><p class='caption'>{caption}</p><h1>{title}</h1><p>This paper is "
                       f"published as a web page.</p><p><a href='{url}/pdf'>Download this page as PDF</a> "
                       f"<a href='/print/{path}'>Print this page"
                       f"</a></p><h2>Summary</h2><p>The Board is asked to note this paper.</p></main>",
                  title)
        return f"<li><a href='{url}'>{title}</a></li>"

    def meeting_page(day: date, agenda: str, papers: list[str]) -> str:
        slug = f"{day.day}-{MONTHS[day.month - 1].lower()}-{day.year}"
        url = f"{index}/{slug}"
        _file(site, f"{host}/media/board/{agenda}", "Agenda", day, board, True, "agenda")
        site.html(url, f"<main><h1>Board meeting {_long(day)}</h1><p>{day.strftime('%A')} "
                       f"{_long(day)}, 1pm, Brackenford Civic Centre. <a href='https://www.youtube.com/"
                       f"@brackenfordicb'>Watch live on YouTube</a>.</p><p><a href='{host}/media/board/"
                       f"{agenda}'>Agenda (PDF, 150KB)</a></p><h2>Papers</h2><ol>{''.join(papers)}</ol>"
                       f"</main>", f"Board meeting {_long(day)}")
        return url

    sept_url, july_url = f"{index}/11-september-2025", f"{index}/10-july-2025"
    meeting_page(sept, "board-agenda-11-september-2025.pdf", [
        html_paper(sept_url, "minutes-10-july-2025", f"Minutes of the Board meeting held on {_long(july)}",
                   sept, 3, july, "minutes"),
        html_paper(sept_url, "chief-executives-report", "Chief Executive's report", sept, 5, sept,
                   "papers"),
        html_paper(sept_url, "quality-and-safety-report", "Quality and safety report", sept, 6, sept,
                   "papers"),
        html_paper(sept_url, "easy-read-summary", "Easy read summary of this meeting", sept, 0, sept,
                   "other", is_paper=False),
    ])
    meeting_page(july, "board-agenda-10-july-2025.pdf", [
        html_paper(july_url, "chief-executives-report", "Chief Executive's report", july, 5, july,
                   "papers"),
        html_paper(july_url, "finance-report-month-2", "Finance report: month 2", july, 6, july,
                   "papers"),
    ])
    committee = f"{host}/about-us/board/committees/quality-committee"
    for file, title, kind in (("quality-committee-agenda-21-august-2025.pdf", "Agenda", "agenda"),
                              ("quality-committee-papers-21-august-2025.pdf", "Quality Committee papers",
                               "committee_papers")):
        _file(site, f"{host}/media/committees/{file}", title, august, quality, False, kind)
    site.html(committee, f"<main><h1>{quality}</h1><p>The committee meets in public four times a "
                         f"year.</p><h2>Meeting on {_long(august)}</h2><ul><li><a href='{host}/media/"
                         f"committees/quality-committee-agenda-21-august-2025.pdf'>Agenda (PDF)</a>"
                         f"</li><li><a href='{host}/media/committees/quality-committee-papers-21-"
                         f"august-2025.pdf'>Quality Committee papers (PDF, 2.4MB)</a></li></ul></main>",
              quality)
    site.html(index, f"<main><h1>Board meetings</h1><p>Our Board publishes its papers as web pages, "
                     f"each with a PDF version.</p><ul><li><a href='{sept_url}'>Board meeting "
                     f"{_long(sept)}</a></li><li><a href='{july_url}'>Board meeting {_long(july)}</a>"
                     f"</li></ul><h2>Committees</h2><ul><li><a href='{committee}'>{quality}</a></li>"
                     f"</ul></main>", "Board meetings")
    _robots(site, host, ["/print/"], printed)
    return site


def all_sites() -> list[Site]:
    return [modgov_committees_site(), govuk_collection_site(), tabs_by_year_site(), html_papers_site()]
