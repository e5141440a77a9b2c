"""A fourth round of small sites in structures real ICB, NHS and council websites use, written apart
from the crawler, its fixtures, its recipes and the demo web.

- ``cmis_meetings``: a CMIS-style committee system: a "Meetings" page with a GET search form
  (committee, year) and the same searches as links (``Meetings.aspx?CommitteeId=4&Year=2025``);
  each result links a meeting page whose documents are on a separate "Documents" tab URL, behind
  opaque ``Document.ashx?czJKcaeAi5tUFL1DTL2UE4zNRBcoShgo=...`` links with no file extension and
  generic texts ("Agenda", "Public reports pack", "Printed minutes"); the meeting's date is only in
  the tab page's heading ("ICB Board, Thursday, 10th July, 2025 10.00 am"). Inspired by
  exeter.gov.uk/council-and-democracy/councillors-and-meetings/meetings-agenda-and-minutes/
  (search by keyword or browse by committee) and CMIS's public meeting views.
- ``download_handler``: "Board meetings in public" whose links go through a redirecting download
  handler (``/download.cfm?doc=docm93jijm4n4101`` -> 302 -> ``/media/documents/...pdf``); the
  latest pack is shown only in an ``<iframe>`` PDF viewer (``viewer.html?file=...``); minutes of
  the previous meeting sit under the next meeting's heading with their own date in the link text.
  Inspired by Jadu-style ``download.cfm?doc=docm93jijm4n`` handlers on council sites
  (docs.jadu.net/central/content-management/content_types/eGovernment/meetings).
- ``committee_tables``: one "Committee papers" page where each body is an ``<h2>`` followed by a
  ``<table>`` (caption "Meetings in 2025") of rows "Wednesday 3rd September | Agenda | Papers |
  Minutes (draft)"; some cells read "Not yet available"; the year is only in the caption; draft
  minutes are in the row of the meeting they record. Inspired by NHS trust "board and committee
  papers" tables.
- ``facet_library``: an Umbraco-style document library with a filter sidebar (category and year
  facets as links), so the same documents appear at many listing URLs; each result links a detail
  page (meeting date and body as fields) and its file, and the detail page's download button links
  the same file again with ``?download=true``: a duplicate, not another paper. "Published" dates
  are never meeting dates. Inspired by docs.jadu.net meetings/attachments fields and Umbraco
  ``/media/<id>/<file>.pdf`` libraries.

Expected rows follow tests/scrape/unseen/sites.py and round 3: url (the document's final URL,
after redirects), title (as the page gives it, without size or format notes), meeting_date
(minutes: the meeting they record), committee (as the site names the body), is_board,
document_type, is_paper. Not papers: registers of interests, schedules of meeting dates, privacy
notices, policies, and duplicate URLs of a document already listed.
"""

from __future__ import annotations

from datetime import date

from tests.scrape.unseen.sites import MONTHS, Site
from tests.scrape.unseen.sites_round3 import _doc, _long, _ordinal, _robots


def _redirect(site: Site, url: str, target: str) -> None:
    site.pages[url] = ("redirect", target.encode())


def cmis_meetings_site() -> Site:
    """CMIS-style meetings search with a Documents tab per meeting and opaque document links."""
    host = "https://committees.ravensbourne.icb.nhs.uk"
    base = f"{host}/cmis5"
    site = Site("cmis_meetings", "QKK", f"{base}/Meetings.aspx")
    board, quality = "ICB Board", "Quality and Safety Committee"
    committees = {4: board, 9: quality}
    meetings = {4: {2025: [(5123, date(2025, 7, 10)), (5101, date(2025, 5, 8))]},
                9: {2025: [(5140, date(2025, 6, 19))]}}
    options = "".join(f"<option value='{cid}'>{name}</option>" for cid, name in committees.items())
    browse = "".join(f"<li><a href='Meetings.aspx?CommitteeId={cid}&amp;Year=2025'>{name} 2025</a>"
                     f"</li>" for cid, name in committees.items())
    site.html(site.start_url,
              f"<h1>Meetings</h1><form method='get' action='Meetings.aspx'><select name='CommitteeId'>"
              f"{options}</select><select name='Year'><option>2025</option><option>2024</option>"
              f"</select><input type='submit' value='Search'></form><h2>Browse meetings</h2>"
              f"<ul>{browse}</ul><p><a href='{base}/Calendar.aspx'>Calendar</a> <a href='https://"
              f"www.ravensbourne.gov.uk/'>Ravensbourne Council</a></p>", "Meetings")
    docs: dict[int, list[tuple[str, str, str, date, bool]]] = {
        5123: [("Agenda", "agenda", "a1", date(2025, 7, 10), True),
               ("Public reports pack", "board_pack", "a2", date(2025, 7, 10), True),
               ("Item 6 - Finance report", "papers", "a3", date(2025, 7, 10),
                True),
               ("Printed minutes", "minutes", "a4", date(2025, 7, 10), True),
               ("Register of interests", "other", "a5", None, False)],
        5101: [("Agenda", "agenda", "b1", date(2025, 5, 8), True),
               ("Public reports pack", "board_pack", "b2", date(2025, 5, 8), True)],
        5140: [("Agenda", "agenda", "c1", date(2025, 6, 19), True),
               ("Public reports pack", "committee_papers", "c2", date(2025, 6, 19), True),
               ("Printed minutes", "minutes", "c3", date(2025, 6, 19), True)]}
    for cid, years in meetings.items():
        name = committees[cid]
        for year, listed in years.items():
            rows = "".join(f"<tr><td>{_long(day)}</td><td>{name}</td><td><a href='Meetings/tabid/73/"
                           f"ctl/ViewMeetingPublic/mid/410/Meeting/{mid}/Committee/{cid}/Default.aspx'>"
                           f"View meeting</a></td></tr>" for mid, day in listed)
            site.html(f"{base}/Meetings.aspx?CommitteeId={cid}&Year={year}",
                      f"<h1>Meetings</h1><p>Results for {name}, {year}</p><table><tr><th>Date</th>"
                      f"<th>Committee</th><th></th></tr>{rows}</table>", "Meetings")
            for mid, day in listed:
                page = f"{base}/Meetings/tabid/73/ctl/ViewMeetingPublic/mid/410/Meeting/{mid}/Committee/{cid}"
                heading = (f"<h2>{name}, {day.strftime('%A')}, {_ordinal(day)} {MONTHS[day.month - 1]}"
                           f", {day.year} 10.00 am</h2>")
                tabs = (f"<ul class='tabs'><li><a href='{page}/Default.aspx'>Details</a></li><li><a "
                        f"href='{page}/SelectedTab/Documents/Default.aspx'>Documents</a></li><li><a "
                        f"href='{page}/SelectedTab/Attendance/Default.aspx'>Attendance</a></li></ul>")
                site.html(f"{page}/Default.aspx", f"{heading}{tabs}<p>Venue: Riverside House</p>")
                site.html(f"{page}/SelectedTab/Attendance/Default.aspx",
                          f"{heading}{tabs}<p>Members present: 12</p>")
                links = ""
                for title, kind, token, meeting, is_paper in docs[mid]:
                    url = f"{base}/Document.ashx?czJKcaeAi5tUFL1DTL2UE4zNRBcoShgo={token}Qx7Rk&G=G{mid}"
                    _doc(site, url, title, meeting, name, cid == 4, kind, is_paper)
                    links += f"<li><a href='{url}'>{title}</a> (PDF)</li>"
                site.html(f"{page}/SelectedTab/Documents/Default.aspx", f"{heading}{tabs}<ul>{links}</ul>")
    site.html(f"{base}/Calendar.aspx", "<h1>Calendar</h1>")
    _robots(site, host, ["/cmis5/Calendar.aspx"], [f"{base}/Calendar.aspx"])
    return site


def download_handler_site() -> Site:
    """Links through a redirecting download handler; the latest pack only in an iframe viewer."""
    host = "https://www.leaside.icb.nhs.uk"
    site = Site("download_handler", "QMF", f"{host}/about-us/board-meetings-in-public/")
    board, finance = "Board", "Finance and Performance Committee"
    media = f"{host}/media/documents"
    counter = iter(range(4101, 4200))

    def handler(file: str, title: str, meeting: date | None, committee: str, kind: str,
                is_paper: bool = True) -> str:
        link = f"{host}/download.cfm?doc=docm93jijm4n{next(counter)}"
        _redirect(site, link, f"{media}/{file}")
        _doc(site, f"{media}/{file}", title, meeting, committee, committee == board, kind, is_paper)
        return f"<a href='{link}'>{title}</a> (PDF, 1.1MB)"

    nov, sept, july, october = date(2025, 11, 26), date(2025, 9, 24), date(2025, 7, 23), date(2025, 10, 8)
    viewer_file = f"{media}/board/board-papers-26-november-2025.pdf"
    _doc(site, viewer_file, "Board papers", nov, board, True, "board_pack")
    viewer = (f"{host}/pdfviewer/web/viewer.html?file=%2Fmedia%2Fdocuments%2Fboard%2F"
              f"board-papers-26-november-2025.pdf")
    site.html(viewer, "<div id='viewerContainer'></div>", "PDF viewer")

    def items(rows: list[tuple[str, str, date | None, str, str, bool]]) -> str:
        return "<ul>" + "".join(f"<li>{handler(*row)}</li>" for row in rows) + "</ul>"

    minutes_july = "Minutes of the meeting held on 23 July 2025"
    body = (f"<main><h1>Board meetings in public</h1>"
            f"<h3>Board meeting – {_long(nov)}</h3><iframe src='{viewer}' title='Board papers' "
            f"width='100%' height='600'></iframe>"
            f"<h3>Board meeting – {_long(sept)}</h3>"
            + items([("board/agenda-24-september-2025.pdf", "Agenda", sept, board, "agenda", True),
                     ("board/board-papers-24-september-2025.pdf", "Board papers", sept, board,
                      "board_pack", True),
                     ("board/minutes-23-july-2025.pdf", minutes_july, july, board, "minutes", True)])
            + f"<h3>Board meeting – {_long(july)}</h3>"
            + items([("board/agenda-23-july-2025.pdf", "Agenda", july, board, "agenda", True),
                     ("board/board-papers-23-july-2025.pdf", "Board papers", july, board,
                      "board_pack", True),
                     ("board/chief-executive-report-july-2025.pdf", "Chief Executive report", july,
                      board, "papers", True)])
            + "<p><a href='https://www.youtube.com/@leasideicb'>Watch the recording</a></p>"
            f"<h2>{finance}</h2><h3>{_long(october)}</h3>"
            + items([("committees/fpc-papers-8-october-2025.pdf", "Meeting papers", october, finance,
                      "committee_papers", True)])
            + "<h2>More</h2>"
            + items([("board/board-meeting-dates-2025-26.pdf", "Board meeting dates 2025/26", None,
                      board, "other", False),
                     ("privacy-notice.pdf", "Privacy notice", None, board, "other", False)])
            + f"<form action='{host}/search/'><input name='q'></form><a href='{host}/search/?q="
            f"board'>Search</a></main>")
    site.html(site.start_url, body, "Board meetings in public")
    _robots(site, host, ["/search/"], [f"{host}/search/?q=board"])
    return site


def committee_tables_site() -> Site:
    """Per committee an h2 and a table Date | Agenda | Papers | Minutes (draft); year in the caption."""
    host = "https://www.dovecliffe.icb.nhs.uk"
    site = Site("committee_tables", "QNC", f"{host}/about-us/committee-papers/")
    files = f"{host}/umbraco-media"

    def table(name: str, is_board: bool, rows: list[tuple[date, bool, bool, bool]]) -> str:
        pack = "board_pack" if is_board else "committee_papers"
        slug = name.lower().replace(" ", "-")
        cells = ""
        for day, agenda, papers, minutes in rows:
            stamp = day.strftime("%Y%m%d")
            out = f"<tr><td>{day.strftime('%A')} {_ordinal(day)} {MONTHS[day.month - 1]}</td>"
            for present, label, kind, part in ((agenda, "Agenda", "agenda", "agenda"),
                                               (papers, "Papers", pack, "papers"),
                                               (minutes, "Minutes", "minutes", "draft-minutes")):
                if present:
                    url = f"{files}/{slug}/{stamp}-{part}.pdf"
                    _doc(site, url, label, day, name, is_board, kind)
                    out += f"<td><a href='{url}'>{label}</a></td>"
                else:
                    out += "<td>Not yet available</td>"
            cells += out + "</tr>"
        return (f"<h2>{name}</h2><table><caption>Meetings in 2025</caption><tr><th>Date</th><th>"
                f"Agenda</th><th>Papers</th><th>Minutes (draft)</th></tr>{cells}</table>")

    board, audit = "Integrated Care Board", "Audit Committee"
    terms = f"{files}/audit-committee/terms-of-reference-2025.pdf"
    _doc(site, terms, "Audit Committee terms of reference", None, audit, False, "terms_of_reference")
    plan = f"{files}/forward-plan-2025.pdf"
    _doc(site, plan, "Forward plan of meetings 2025", None, board, True, "other", is_paper=False)
    site.html(site.start_url,
              "<main><h1>Committee papers</h1>"
              + table(board, True, [(date(2025, 9, 3), True, True, False),
                                    (date(2025, 7, 2), True, True, True),
                                    (date(2025, 5, 7), True, True, True)])
              + table(audit, False, [(date(2025, 6, 17), True, True, False)])
              + f"<p><a href='{terms}'>Audit Committee terms of reference</a></p>"
              f"<p><a href='{plan}'>Forward plan of meetings 2025</a></p>"
              f"<p><a href='https://www.england.nhs.uk/integratedcare/'>About integrated care</a> "
              f"<a href='{host}/umbraco/surface/print?page=committee-papers'>Print</a></p></main>",
              "Committee papers")
    _robots(site, host, ["/umbraco/"], [f"{host}/umbraco/surface/print?page=committee-papers"])
    return site


def facet_library_site() -> Site:
    """A document library with category and year facets, detail pages and ?download=true duplicates."""
    host = "https://www.purbeckvale.icb.nhs.uk"
    base = f"{host}/document-library/"
    site = Site("facet_library", "QWE", f"{base}?category=board-papers")
    board, pccc = "Board", "Primary Care Commissioning Committee"
    # (media id, slug, title, meeting, body, type, published, category, year)
    docs = [
        ("2f3k1a", "board-papers-11-september-2025", "Board papers – 11 September 2025",
         date(2025, 9, 11), board, "board_pack", date(2025, 9, 4), "board-papers", 2025),
        ("2f3k1b", "board-agenda-11-september-2025", "Board agenda – 11 September 2025",
         date(2025, 9, 11), board, "agenda", date(2025, 9, 4), "board-papers", 2025),
        ("2f3k0c", "board-minutes-10-july-2025", "Board minutes – 10 July 2025",
         date(2025, 7, 10), board, "minutes", date(2025, 9, 15), "board-papers", 2025),
        ("2f3j9d", "board-papers-10-july-2025", "Board papers – 10 July 2025",
         date(2025, 7, 10), board, "board_pack", date(2025, 7, 3), "board-papers", 2025),
        ("1x8m2e", "board-papers-14-november-2024", "Board papers – 14 November 2024",
         date(2024, 11, 14), board, "board_pack", date(2024, 11, 7), "board-papers", 2024),
        ("2f3m4f", "pccc-papers-16-october-2025", f"{pccc} papers – 16 October 2025",
         date(2025, 10, 16), pccc, "committee_papers", date(2025, 10, 9), "committee-papers", 2025),
        ("2f3h5g", "pccc-minutes-14-august-2025", f"{pccc} minutes – 14 August 2025",
         date(2025, 8, 14), pccc, "minutes", date(2025, 10, 20), "committee-papers", 2025),
        ("2e1a7h", "medicines-management-policy", "Medicines management policy", None, board,
         "other", date(2025, 4, 1), "policies", 2025),
    ]
    sidebar = ("<aside><h2>Category</h2><ul><li><a href='?category=board-papers'>Board papers</a></li>"
               "<li><a href='?category=committee-papers'>Committee papers</a></li><li><a href='"
               "?category=policies'>Policies</a></li></ul><h2>Year</h2><ul>"
               "<li><a href='?category=board-papers&amp;year=2025'>2025</a></li>"
               "<li><a href='?category=board-papers&amp;year=2024'>2024</a></li></ul></aside>")
    for media, slug, title, meeting, body, kind, published, _, _ in docs:
        file = f"{host}/media/{media}/{slug}.pdf"
        _doc(site, file, title, meeting, body, body == board, kind, kind != "other")
        site.expect(f"{file}?download=true", title, meeting, body, body == board, kind, False)
        site.pages[f"{file}?download=true"] = site.pages[file]
        fields = (f"<dl><dt>Meeting date</dt><dd>{_long(meeting)}</dd><dt>Committee</dt><dd>{body}"
                  f"</dd></dl>" if meeting else "")
        site.html(f"{base}{slug}/", f"<main><h1>{title}</h1>{fields}<p>Published {_long(published)}"
                                    f"</p><a class='btn' href='{file}?download=true'>Download (PDF, "
                                    f"2.4MB)</a></main>", title)
    facets = {"category=board-papers": lambda row: row[7] == "board-papers",
              "category=board-papers&year=2025": lambda row: row[7] == "board-papers" and row[8] == 2025,
              "category=board-papers&year=2024": lambda row: row[7] == "board-papers" and row[8] == 2024,
              "category=committee-papers": lambda row: row[7] == "committee-papers",
              "category=policies": lambda row: row[7] == "policies"}
    for query, keep in facets.items():
        cards = "".join(f"<div class='card'><h3><a href='{base}{row[1]}/'>{row[2]}</a></h3><p>Published "
                        f"{_long(row[6])}</p><a href='{host}/media/{row[0]}/{row[1]}.pdf'>Download</a>"
                        f"</div>" for row in docs if keep(row))
        site.html(f"{base}?{query}", f"<main><h1>Document library</h1>{sidebar}<section>{cards}"
                                     f"</section><p><a href='https://www.purbeckvale.gov.uk/'>Council"
                                     f"</a> <a href='{base}search?q=papers'>Search</a></p></main>",
                  "Document library")
    _robots(site, host, ["/document-library/search"], [f"{base}search?q=papers"])
    return site


def all_sites() -> list[Site]:
    return [cmis_meetings_site(), download_handler_site(), committee_tables_site(),
            facet_library_site()]
