"""A fifth round of small sites in structures real ICB, NHS and council websites use, written apart
from the crawler, its fixtures, its recipes and the demo web.

- ``wp_details``: a WordPress block-editor page, one ``<details class="wp-block-details">`` per
  meeting whose ``<summary>`` alone gives the date ("Board meeting in public – Wednesday 9 July
  2025"; an extraordinary meeting among them). Each document is a core File block: a text link
  (``target="_blank"``) and a "Download" button to the same ``/wp-content/uploads/2025/07/...``
  file, sometimes with an ``<object>`` PDF preview of it too; one block's text link goes to the
  file's WordPress attachment page instead, and only its button to the file. Upload folders are the
  month of upload, not of the meeting; minutes sit in the next meeting's block; a nested
  ``<details>`` holds supporting papers. An archive link without its trailing slash redirects.
  Same page: an easy-read guide, a recruitment pack, a register of interests, a YouTube link and a
  robots-disallowed members' portal. Markup from WordPress's core/file and core/details blocks
  (github.com/WordPress/gutenberg packages/block-library/src/file/save.js); minutes on the next
  meeting's page as on joinedupcarederbyshire.co.uk/governing-body-meeting/
  governing-body-meeting-papers-20-april-2023.
- ``drupal_view``: a Drupal 10 view of "meeting" nodes paged with a zero-based ``?page=N`` pager
  (``?page=0`` is the first page again) and an exposed committee filter form. Node titles repeat
  ("ICB Board meeting in public", aliases ``...-public-0``, ``-1``), so the date is only in a
  datetime field rendered in Drupal's default medium format, month first ("Thu, 07/10/2025 -
  10:00"; the ``<time datetime>`` attribute is unambiguous). Documents are file fields:
  ``<span class="file file--mime-application-pdf ...">`` around a link whose text is the file's
  description, or its file name when it has none; one is a Word document; files are under
  ``/sites/default/files/<upload year-month>/``. Committee term pages list the same nodes.
  Markup from Drupal core templates (github.com/drupal/drupal core/modules/system/templates/
  pager.html.twig, core/modules/file/templates/file-link.html.twig) and Drupal's default
  robots.txt (``/search/`` disallowed).
- ``nhs_frontend``: an ICB site built on the NHS.UK frontend: a "How we make decisions" page of
  bodies; each meeting page's only statement of the body is its breadcrumb (the nhsuk breadcrumb's
  last item) and its facts are an ``nhsuk-summary-list`` ``<dl>`` (Date, Location, Papers); papers
  are "Item 5.1 – ..." with a whole-meeting "Combined pack (PDF, 12MB)" or "All papers for this
  meeting (ZIP, 8.4MB)" archive; an upcoming meeting has none; a committee that meets in private
  publishes only terms of reference. Off-site: the council's Health and Wellbeing Board on its
  Modern.Gov site. Markup from github.com/nhsuk/nhsuk-frontend (breadcrumb, summary-list);
  item-level papers as on humberandnorthyorkshire.icb.nhs.uk/meetings-and-papers/.
- ``base_href_years``: a "Board papers" page and financial-year archive pages ("2025/26 papers",
  "2024/25 papers") whose ``<head>`` has ``<base href="https://host/">`` and whose links are
  relative to it (``media/4412/...pdf``, ``about-us/our-board/board-papers/2024-25``) from page URLs
  without a trailing slash, so resolving against the page URL instead gives 404s. Each document is
  a title in a ``<span>`` followed by a ``target="_blank"`` link "Download (PDF, 2.3MB)"; approved
  minutes are listed with the next meeting; the latest meeting also appears in its year's page.
  Inspired by swast.nhs.uk/board-meeting-schedule-and-public-papers ("Public Board Papers 30th
  March 2023"), yas.nhs.uk/publications/trust-board-meetings/ (latest page and archive by year)
  and sites with a root ``<base href>``.
- ``agenda_list``: a NICE-style public board meeting page per meeting ("Public board meeting
  agenda and papers: September 2025") whose agenda is an ``<ol>``; each item links its paper in
  the item's heading with the format in brackets ("Action log (Excel)", "Report from the chief
  executive (PDF)", "Minutes of the last board meeting (Word)") and says "To approve the minutes
  of the public board meeting held on 16 July." with no year. The index is a table whose year
  cell spans rows (``rowspan``) and whose Minutes column links the approved minutes. Private
  part 2 papers are under a robots-disallowed path; the Zoom link is off-site. Inspired by
  nice.org.uk/get-involved/meetings-in-public/public-board-meetings/agenda-papers-september-2021.

Expected rows follow tests/scrape/unseen/sites.py and rounds 3 and 4: url (the document's final
URL, after redirects), title (as the page gives it, without size or format notes), meeting_date
(minutes: the meeting they record), committee (as the site names the body), is_board,
document_type, is_paper. A meeting's whole pack is ``board_pack`` (the board's) or
``committee_papers`` (a committee's), whether a PDF or a ZIP archive; one report to the board is
``papers``. Not papers: registers of interests, easy-read guides, recruitment packs, attendance
records, schedules of meeting dates, privacy notices, and pages (attachment pages, term pages).
"""

from __future__ import annotations

from datetime import date

from tests.scrape.unseen.sites import MONTHS, Site
from tests.scrape.unseen.sites_round3 import _long, _ordinal, _robots
from tests.scrape.unseen.sites_round4 import _redirect

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
}


def _file(site: Site, url: str, title: str, meeting: date | None, committee: str, is_board: bool,
          document_type: str, is_paper: bool = True) -> None:
    """Serve a document whose bytes are its own (its title and path: no two alike) and expect it."""
    text = f"{title} – {url.split('/', 3)[3]}"
    extension = url.rsplit(".", 1)[-1].lower()
    if extension in CONTENT_TYPES:
        site.pages[url] = (CONTENT_TYPES[extension], b"PK\x03\x04" + text.encode())
    else:
        site.pdf(url, text)
    site.expect(url, title, meeting, committee, is_board, document_type, is_paper)


def _weekday(day: date) -> str:
    return f"{day.strftime('%A')} {_long(day)}"


def wp_details_site() -> Site:
    """WordPress details blocks per meeting; File blocks with a Download button and previews."""
    host = "https://www.ashcombe.icb.nhs.uk"
    page = f"{host}/about-us/our-board/board-meetings/"
    archive = f"{page}archive/"
    site = Site("wp_details", "QNX", page)
    board = "Board"
    uploads = f"{host}/wp-content/uploads"
    counter = iter(range(4101, 4200))

    def block(url: str, title: str, meeting: date | None, kind: str, preview: bool = False,
              text_href: str | None = None, is_paper: bool = True) -> str:
        _file(site, url, title, meeting, board, True, kind, is_paper)
        media = f"wp-block-file--media-{next(counter)}"
        embed = (f"<object class='wp-block-file__embed' data='{url}' type='application/pdf' "
                 f"style='width:100%;height:600px' aria-label='{title}'></object>" if preview else "")
        return (f"<div class='wp-block-file'>{embed}<a id='{media}' href='{text_href or url}' "
                f"target='_blank' rel='noreferrer noopener'>{title}</a><a href='{url}' class='"
                f"wp-block-file__button wp-element-button' download aria-describedby='{media}'>"
                f"Download</a></div>")

    def details(summary: str, blocks: list[str], is_open: bool = False) -> str:
        return (f"<details class='wp-block-details'{' open' if is_open else ''}><summary>{summary}"
                f"</summary>{''.join(blocks)}</details>")

    sept, july, june, may = date(2025, 9, 10), date(2025, 7, 9), date(2025, 6, 25), date(2025, 5, 14)
    march, january = date(2025, 3, 12), date(2025, 1, 15)
    attachment = f"{page}item-9-winter-plan-2025-26/"
    winter = f"{uploads}/2025/09/Item-9-Winter-plan-2025-26.pdf"
    site.html(attachment, f"<main><h1>Item-9-Winter-plan-2025-26</h1><p class='attachment'><a href='"
                          f"{winter}'>Item-9-Winter-plan-2025-26</a></p></main>",
              "Item-9-Winter-plan-2025-26")
    supporting = details("Supporting papers", [
        block(winter, "Item 9 – Winter plan 2025/26", sept, "papers", text_href=attachment),
        block(f"{uploads}/2025/09/Item-10-Primary-care-access-update.pdf",
              "Item 10 – Primary care access update", sept, "papers")])
    meetings = [
        details(f"Board meeting in public – {_weekday(sept)}", [
            block(f"{uploads}/2025/09/Board-agenda-10.09.25.pdf", "Agenda", sept, "agenda"),
            block(f"{uploads}/2025/09/Public-Board-Papers-September-2025.pdf", "Board papers", sept,
                  "board_pack", preview=True),
            block(f"{uploads}/2025/09/Draft-minutes-July-2025.pdf",
                  f"Minutes of the Board meeting held on {_long(july)}", july, "minutes"),
            supporting], is_open=True),
        details(f"Board meeting in public – {_weekday(july)}", [
            block(f"{uploads}/2025/07/Board-agenda-09.07.25.pdf", "Agenda", july, "agenda"),
            block(f"{uploads}/2025/07/Public-Board-Papers-July-2025.pdf", "Board papers", july,
                  "board_pack"),
            block(f"{uploads}/2025/07/Draft-minutes-May-2025.pdf",
                  f"Minutes of the Board meeting held on {_long(may)}", may, "minutes"),
            block(f"{uploads}/2025/07/Draft-minutes-extraordinary-June-2025.pdf",
                  f"Minutes of the extraordinary Board meeting held on {_long(june)}", june,
                  "minutes")]),
        details(f"Extraordinary Board meeting in public – {_weekday(june)}", [
            block(f"{uploads}/2025/06/Extraordinary-Board-papers-25-June-2025.pdf",
                  "Extraordinary meeting papers", june, "board_pack")]),
        details(f"Board meeting in public – {_weekday(may)}", [
            block(f"{uploads}/2025/05/Board-agenda-14.05.25.pdf", "Agenda", may, "agenda"),
            block(f"{uploads}/2025/05/Public-Board-Papers-May-2025.pdf", "Board papers", may,
                  "board_pack")]),
    ]
    others = [
        block(f"{uploads}/2024/11/Easy-read-about-our-board.pdf", "Easy read: about our Board", None,
              "other", is_paper=False),
        block(f"{uploads}/2025/06/Non-executive-member-recruitment-pack.pdf",
              "Non-executive member recruitment pack", None, "other", is_paper=False),
        block(f"{uploads}/2025/08/Board-register-of-interests-August-2025.pdf",
              "Register of interests – Board members", None, "other", is_paper=False)]
    footer = (f"<footer><a href='{uploads}/2023/05/Privacy-notice.pdf'>Privacy notice</a> <a href='"
              f"{host}/members/board-portal/'>Board members' portal</a></footer>")
    _file(site, f"{uploads}/2023/05/Privacy-notice.pdf", "Privacy notice", None, board, True, "other",
          is_paper=False)
    site.html(page, f"<main><h1>Board meetings</h1><p>Our Board meets in public every two months. "
                    f"Watch previous meetings on our <a href='https://www.youtube.com/@ashcombeicb' "
                    f"target='_blank'>YouTube channel</a>.</p>{''.join(meetings)}<h2>About the Board"
                    f"</h2>{''.join(others)}<p><a href='{page}archive'>Board papers 2024/25</a></p>"
                    f"</main>{footer}", "Board meetings – NHS Ashcombe")
    _redirect(site, f"{page}archive", archive)
    earlier = [
        details(f"Board meeting in public – {_weekday(march)}", [
            block(f"{uploads}/2025/03/Board-agenda-12.03.25.pdf", "Agenda", march, "agenda"),
            block(f"{uploads}/2025/03/Public-Board-Papers-March-2025.pdf", "Board papers", march,
                  "board_pack"),
            block(f"{uploads}/2025/03/Approved-minutes-January-2025.pdf",
                  f"Minutes of the Board meeting held on {_long(january)}", january, "minutes")]),
        details(f"Board meeting in public – {_weekday(january)}", [
            block(f"{uploads}/2025/01/Public-Board-Papers-January-2025.pdf", "Board papers", january,
                  "board_pack")])]
    site.html(archive, f"<main><h1>Board papers 2024/25</h1>{''.join(earlier)}<p><a href='{page}'>"
                       f"Current board meetings</a></p></main>{footer}", "Board papers 2024/25")
    _robots(site, host, ["/wp-admin/", "/members/"], [f"{host}/members/board-portal/"])
    return site


def drupal_view_site() -> Site:
    """A Drupal view of meeting nodes: zero-based pager, repeated titles, file-field spans."""
    host = "https://www.fenwold.icb.nhs.uk"
    listing = f"{host}/about-us/meetings"
    site = Site("drupal_view", "QT1", listing)
    board, quality = "ICB Board", "Quality Committee"
    terms = {board: 12, quality: 14}
    files = "/sites/default/files"
    # (alias, node title, meeting, body, [(upload folder, file name, description, type)])
    meetings = [
        ("icb-board-meeting-public-1", "ICB Board meeting in public", date(2025, 9, 11), board, [
            ("2025-09", "ICB Board agenda 11 September 2025.pdf", "Agenda", "agenda"),
            ("2025-09", "ICB Board papers 11 September 2025.pdf", "Board papers (combined)",
             "board_pack"),
            ("2025-09", "Draft minutes ICB Board 10 July 2025.pdf",
             "Minutes of the meeting held on 10 July 2025", "minutes"),
            ("2025-09", "05.2 Integrated Performance Report M4.pdf", "", "papers"),
            ("2025-09", "Board assurance framework Q1.docx", "Board assurance framework Q1 2025/26",
             "papers")]),
        ("quality-committee-meeting-0", "Quality Committee meeting", date(2025, 8, 21), quality, [
            ("2025-08", "QC agenda and papers August 2025.pdf", "Agenda and papers", "committee_papers"),
            ("2025-08", "QC minutes June 2025.pdf", "Minutes of the meeting held on 19 June 2025",
             "minutes")]),
        ("icb-board-meeting-public-0", "ICB Board meeting in public", date(2025, 7, 10), board, [
            ("2025-07", "ICB Board agenda 10 July 2025.pdf", "Agenda", "agenda"),
            ("2025-07", "ICB Board papers 10 July 2025.pdf", "Board papers (combined)", "board_pack"),
            ("2025-07", "Draft minutes ICB Board 8 May 2025.pdf",
             "Minutes of the meeting held on 8 May 2025", "minutes")]),
        ("quality-committee-meeting", "Quality Committee meeting", date(2025, 6, 19), quality, [
            ("2025-06", "QC agenda and papers June 2025.pdf", "Agenda and papers",
             "committee_papers")]),
        ("icb-board-meeting-public", "ICB Board meeting in public", date(2025, 5, 8), board, [
            ("2025-04", "ICB Board papers 8 May 2025.pdf", "Board papers (combined)", "board_pack")]),
    ]
    minutes_of = {"Draft minutes ICB Board 10 July 2025.pdf": date(2025, 7, 10),
                  "QC minutes June 2025.pdf": date(2025, 6, 19),
                  "Draft minutes ICB Board 8 May 2025.pdf": date(2025, 5, 8)}

    def when(day: date) -> str:
        return (f"<time datetime='{day.isoformat()}T09:00:00Z'>{day.strftime('%a, %m/%d/%Y')} - 10:00"
                f"</time>")

    def file_link(folder: str, name: str, description: str) -> str:
        href = f"{files}/{folder}/{name.replace(' ', '%20')}"
        mime = "application/pdf" if name.endswith(".pdf") else CONTENT_TYPES["docx"]
        classes = ("file--mime-application-pdf file--application-pdf" if name.endswith(".pdf") else
                   "file--mime-application-vnd-openxmlformats-officedocument-wordprocessingml-document"
                   " file--x-office-document")
        title = f" title='{name}'" if description else ""
        return (f"<div class='field__item'><span class='file {classes}'><a href='{href}' type='{mime}'"
                f"{title}>{description or name}</a></span> <span>(312.4 KB)</span></div>")

    search = f"{host}/search/node?keys=board+papers"
    header = ("<header><form action='/search/node' method='get'><input name='keys'></form><a href='"
              "/search/node?keys=board+papers'>Search</a></header>")
    for alias, title, day, body, documents in meetings:
        items = ""
        for folder, name, description, kind in documents:
            recorded = minutes_of.get(name, day)
            _file(site, f"{host}{files}/{folder}/{name.replace(' ', '%20')}",
                  description or name.rsplit(".", 1)[0], recorded, body, body == board, kind)
            items += file_link(folder, name, description)
        site.html(f"{host}/meetings/{alias}",
                  f"{header}<main><article class='node node--type-meeting node--view-mode-full'><h1>"
                  f"<span class='field field--name-title'>{title}</span></h1><div class='field field--"
                  f"name-field-meeting-date field--type-datetime field--label-inline'><div class='"
                  f"field__label'>Date</div><div class='field__item'>{when(day)}</div></div><div "
                  f"class='field field--name-field-committee field--label-inline'><div class='field__"
                  f"label'>Committee</div><div class='field__item'><a href='/taxonomy/term/"
                  f"{terms[body]}' hreflang='en'>{body}</a></div></div><div class='field field--name-"
                  f"field-documents field--type-file field--label-above'><div class='field__label'>"
                  f"Documents</div><div class='field__items'>{items}</div></div></article></main>",
                  f"{title} | NHS Fenwold")

    def row(alias: str, title: str, day: date, body: str) -> str:
        return (f"<div class='views-row'><article class='node node--type-meeting node--view-mode-teaser'>"
                f"<h3><a href='/meetings/{alias}' hreflang='en'>{title}</a></h3><div class='field "
                f"field--name-field-meeting-date'>{when(day)}</div><div class='field field--name-field-"
                f"committee'>{body}</div></article></div>")

    def pager(current: int, last: int) -> str:
        items = []
        if current > 0:
            items += ["<li class='pager__item pager__item--first'><a href='?page=0' title='Go to first "
                      "page'><span aria-hidden='true'>« First</span></a></li>",
                      f"<li class='pager__item pager__item--previous'><a href='?page={current - 1}' "
                      f"rel='prev'><span aria-hidden='true'>‹ Previous</span></a></li>"]
        items += [f"<li class='pager__item{' is-active' if key == current else ''}'><a href='?page={key}'"
                  f">{key + 1}</a></li>" for key in range(last + 1)]
        if current < last:
            items += [f"<li class='pager__item pager__item--next'><a href='?page={current + 1}' rel='"
                      f"next'><span aria-hidden='true'>Next ›</span></a></li>",
                      f"<li class='pager__item pager__item--last'><a href='?page={last}'><span aria-"
                      f"hidden='true'>Last »</span></a></li>"]
        return (f"<nav class='pager' role='navigation' aria-label='Pagination'><ul class='pager__items "
                f"js-pager__items'>{''.join(items)}</ul></nav>")

    dates = f"{host}{files}/2025-03/Meeting%20dates%202025-26.pdf"
    _file(site, dates, "Meeting dates 2025/26", None, board, True, "other", is_paper=False)
    options = "".join(f"<option value='{tid}'>{name}</option>" for name, tid in terms.items())
    chunks = [meetings[0:2], meetings[2:4], meetings[4:]]
    for number, chunk in enumerate(chunks):
        body = (f"{header}<main><h1>Meetings and papers</h1><div class='view view-meetings'><div class="
                f"'view-header'><p>Papers are published a week before each meeting. Recordings are on "
                f"<a href='https://www.youtube.com/@fenwoldicb'>YouTube</a>.</p></div><form class='views-"
                f"exposed-form' action='/about-us/meetings' method='get'><select name='committee'><option "
                f"value='All'>- Any -</option>{options}</select><input type='submit' value='Apply'>"
                f"</form><div class='view-content'>{''.join(row(*meeting[:4]) for meeting in chunk)}"
                f"</div>{pager(number, len(chunks) - 1)}<div class='view-footer'><span class='file "
                f"file--mime-application-pdf file--application-pdf'><a href='{dates}' type='application/"
                f"pdf'>Meeting dates 2025/26</a></span></div></div></main>")
        site.html(f"{listing}?page={number}", body, "Meetings and papers | NHS Fenwold")
        if number == 0:
            site.html(listing, body, "Meetings and papers | NHS Fenwold")
    for name, tid in terms.items():
        rows = "".join(row(*meeting[:4]) for meeting in meetings if meeting[3] == name)
        site.html(f"{host}/taxonomy/term/{tid}", f"{header}<main><h1>{name}</h1>{rows}</main>",
                  f"{name} | NHS Fenwold")
    _robots(site, host, ["/core/", "/admin/", "/search/", "/user/login/"], [search])
    return site


def nhs_frontend_site() -> Site:
    """NHS.UK frontend pages: the body only in the breadcrumb, facts in a summary list, ZIP packs."""
    host = "https://www.calderwick.icb.nhs.uk"
    hub = f"{host}/about-us/how-we-make-decisions/"
    site = Site("nhs_frontend", "QR1", hub)
    board, pccc = "Integrated Care Board", "Primary Care Commissioning Committee"
    finance = "Finance and Performance Committee"
    slugs = {board: "integrated-care-board", pccc: "primary-care-commissioning-committee",
             finance: "finance-and-performance-committee"}
    media = f"{host}/media"

    def breadcrumb(trail: list[tuple[str, str]]) -> str:
        items = "".join(f"<li class='nhsuk-breadcrumb__item'><a class='nhsuk-breadcrumb__link' href='"
                        f"{href}'>{text}</a></li>" for href, text in trail)
        last_href, last_text = trail[-1]
        return (f"<nav class='nhsuk-breadcrumb' aria-label='Breadcrumb'><ol class='nhsuk-breadcrumb__"
                f"list'>{items}</ol><p class='nhsuk-breadcrumb__back'><a class='nhsuk-breadcrumb__"
                f"backlink' href='{last_href}'><span class='nhsuk-u-visually-hidden'>Back to &nbsp;"
                f"</span>{last_text}</a></p></nav>")

    def summary(rows: list[tuple[str, str]]) -> str:
        return "<dl class='nhsuk-summary-list'>" + "".join(
            f"<div class='nhsuk-summary-list__row'><dt class='nhsuk-summary-list__key'>{key}</dt><dd "
            f"class='nhsuk-summary-list__value'>{value}</dd></div>" for key, value in rows) + "</dl>"

    header = (f"<header class='nhsuk-header'><a href='{host}/'>NHS Calderwick</a><form action='/search'"
              f"><input name='q'></form><a href='{host}/search?q=board+papers'>Search</a></header>")
    top = [(f"{host}/", "Home"), (f"{host}/about-us/", "About us"), (hub, "How we make decisions")]

    def meeting_page(body: str, day: date, time: str, links: list[tuple[str, str, date, str, str]],
                     status: str = "Papers published") -> str:
        folder = f"{hub}{slugs[body]}/"
        url = f"{folder}meetings/{day.isoformat()}/"
        items = ""
        for file, title, recorded, kind, note in links:
            _file(site, f"{media}/{file}", title, recorded, body, body == board, kind)
            items += f"<li><a href='{media}/{file}'>{title}</a>{f' ({note})' if note else ''}</li>"
        papers = f"<ul class='nhsuk-list'>{items}</ul>" if items else "Not yet published"
        site.html(url, f"{header}{breadcrumb(top + [(folder, body)])}<main class='nhsuk-main-wrapper'>"
                       f"<h1>Meeting papers</h1>" + summary([
                           ("Date", f"{_weekday(day)}, {time}"),
                           ("Location", "Calderwick House, Elm Road, and online (Microsoft Teams)"),
                           ("Status", status), ("Papers", papers)]) + "</main>",
                  f"Meeting papers, {_long(day)} – NHS Calderwick")
        return f"<li><a href='meetings/{day.isoformat()}/'>{_long(day)}</a></li>"

    sept, july, nov = date(2025, 9, 24), date(2025, 7, 23), date(2025, 11, 26)
    board_meetings = [
        meeting_page(board, nov, "10am to 1pm", [],
                     "Papers will be published 5 working days before the meeting"),
        meeting_page(board, sept, "10am to 1pm", [
            ("board/2025-09-24/combined-pack.pdf", "Combined pack", sept, "board_pack", "PDF, 12MB"),
            ("board/2025-09-24/item-2-2.pdf", f"Item 2.2 – Minutes of the meeting held on {_long(july)}",
             july, "minutes", "PDF, 310KB"),
            ("board/2025-09-24/item-5-1.pdf", "Item 5.1 – Chief Executive's report", sept, "papers",
             "PDF, 420KB"),
            ("board/2025-09-24/item-5-2.pdf", "Item 5.2 – Integrated performance report", sept,
             "papers", "PDF, 2.1MB")]),
        meeting_page(board, july, "10am to 1pm", [
            ("board/2025-07-23/all-papers.zip", "All papers for this meeting", july, "board_pack",
             "ZIP, 15MB"),
            ("board/2025-07-23/item-6-1.pdf", "Item 6.1 – Winter plan 2025/26", july, "papers",
             "PDF, 880KB")]),
    ]
    june, april = date(2025, 6, 12), date(2025, 4, 10)
    pccc_meetings = [
        meeting_page(pccc, june, "2pm to 4pm", [
            ("pccc/2025-06-12/all-papers.zip", "All papers for this meeting", june, "committee_papers",
             "ZIP, 8.4MB"),
            ("pccc/2025-06-12/item-1-3.pdf", f"Item 1.3 – Minutes of the meeting held on {_long(april)}",
             april, "minutes", "PDF, 190KB"),
            ("pccc/2025-06-12/item-3-1.pdf", "Item 3.1 – Primary care access recovery plan update",
             june, "committee_papers", "PDF, 640KB"),
            ("pccc/2025-06-12/item-4-2.pdf", "Item 4.2 – Dental commissioning report", june,
             "committee_papers", "PDF, 510KB")]),
    ]

    def body_page(body: str, intro: str, meetings: list[str], extra: str = "") -> None:
        listed = f"<h2>Meetings</h2><ul class='nhsuk-list'>{''.join(meetings)}</ul>" if meetings else ""
        site.html(f"{hub}{slugs[body]}/", f"{header}{breadcrumb(top)}<main class='nhsuk-main-wrapper'>"
                                          f"<h1>{body}</h1><p>{intro}</p>{listed}{extra}</main>",
                  f"{body} – NHS Calderwick")

    pccc_terms = f"{media}/pccc/terms-of-reference-2025.pdf"
    _file(site, pccc_terms, "Terms of reference", None, pccc, False, "terms_of_reference")
    interests = f"{media}/pccc/register-of-interests-2025-26.pdf"
    _file(site, interests, "Register of interests: committee members", None, pccc, False, "other",
          is_paper=False)
    finance_terms = f"{media}/fpc/terms-of-reference-2025.pdf"
    _file(site, finance_terms, "Terms of reference", None, finance, False, "terms_of_reference")
    body_page(board, "The Board meets in public every two months.", board_meetings)
    body_page(pccc, "The committee makes decisions on GP, dental, pharmacy and optometry services.",
              pccc_meetings, f"<h2>About the committee</h2><ul><li><a href='{pccc_terms}'>Terms of "
                             f"reference</a> (PDF, 150KB)</li><li><a href='{interests}'>Register of "
                             f"interests: committee members</a> (PDF, 90KB)</li></ul>")
    body_page(finance, "The committee meets in private; it reports to the Board.", [],
              f"<p><a href='{finance_terms}'>Terms of reference</a> (PDF, 140KB)</p>")
    easy_read = f"{media}/easy-read-how-the-icb-makes-decisions.pdf"
    _file(site, easy_read, "Easy read: how the ICB makes decisions", None, board, True, "other",
          is_paper=False)
    cards = "".join(f"<div class='nhsuk-card nhsuk-card--clickable'><h2 class='nhsuk-card__heading'><a "
                    f"class='nhsuk-card__link' href='{slug}/'>{name}</a></h2></div>"
                    for name, slug in slugs.items())
    site.html(hub, f"{header}{breadcrumb(top[:2])}<main class='nhsuk-main-wrapper'><h1>How we make "
                   f"decisions</h1>{cards}<p><a href='{easy_read}'>Easy read: how the ICB makes decisions"
                   f"</a> (PDF, 1MB)</p><p>The Health and Wellbeing Board is a committee of the council: "
                   f"see <a href='https://democracy.calderwick.gov.uk/mgCommitteeDetails.aspx?ID=150'>its "
                   f"meetings on the council's website</a>.</p></main>", "How we make decisions")
    site.html(f"{host}/", f"{header}<main><h1>NHS Calderwick</h1><p><a href='/about-us/'>About us</a>"
                          f"</p></main>", "NHS Calderwick")
    site.html(f"{host}/about-us/", f"{header}{breadcrumb(top[:1])}<main><h1>About us</h1><p><a href='"
                                   f"{hub}'>How we make decisions</a></p></main>", "About us")
    _robots(site, host, ["/search"], [f"{host}/search?q=board+papers"])
    return site


def base_href_years_site() -> Site:
    """Year archive pages with a root <base href> and relative links; 'Download (PDF, 2.3MB)' links."""
    host = "https://www.harlowmere.icb.nhs.uk"
    latest = f"{host}/about-us/our-board/board-papers"
    site = Site("base_href_years", "QUE", latest)
    board = "Board"
    head = f"<base href='{host}/'>"

    def page(url: str, title: str, body: str) -> None:
        site.pages[url] = ("text/html; charset=utf-8",
                           f"<!doctype html><html><head>{head}<title>{title}</title></head><body>"
                           f"<header><a href='./'>Home</a> <a href='umbraco/login'>Staff login</a>"
                           f"</header>{body}</body></html>".encode())

    def item(media: str, title: str, meeting: date | None, kind: str, size: str,
             is_paper: bool = True) -> str:
        _file(site, f"{host}/{media}", title, meeting, board, True, kind, is_paper)
        return (f"<li><span class='doc__title'>{title}</span> <a class='doc__link' href='{media}' "
                f"target='_blank' rel='noopener'>Download (PDF, {size})</a></li>")

    def meeting(day: date, number: int, previous: date | None) -> str:
        stamp = f"{_ordinal(day)} {MONTHS[day.month - 1]} {day.year}"
        slug = f"{day.day}-{MONTHS[day.month - 1].lower()}-{day.year}"
        items = [item(f"media/{number}/public-board-papers-{slug}.pdf", f"Public Board Papers {stamp}", day,
                      "board_pack", "2.3MB"),
                 item(f"media/{number + 1}/agenda-{slug}.pdf", f"Agenda {stamp}", day, "agenda", "180KB")]
        if previous:
            before = f"{_ordinal(previous)} {MONTHS[previous.month - 1]} {previous.year}"
            items.append(item(f"media/{number + 2}/approved-minutes-{previous.day}-"
                              f"{MONTHS[previous.month - 1].lower()}-{previous.year}.pdf",
                              f"Approved minutes {before}", previous, "minutes", "350KB"))
        return f"<h3>Board meeting, {_weekday(day)}</h3><ul class='docs'>{''.join(items)}</ul>"

    sept, july, may = date(2025, 9, 18), date(2025, 7, 17), date(2025, 5, 15)
    march, january, november = date(2025, 3, 20), date(2025, 1, 16), date(2024, 11, 21)
    latest_meeting = meeting(sept, 4412, july)  # on the latest page and again in its year's page
    archive = ("<h2>Archive</h2><ul><li><a href='about-us/our-board/board-papers/2025-26'>2025/26 papers"
               "</a></li><li><a href='about-us/our-board/board-papers/2024-25'>2024/25 papers</a></li>"
               "</ul>")
    others = "<h2>Other documents</h2><ul class='docs'>" + "".join([
        item("media/4390/ned-recruitment-pack-2025.pdf", "Non-executive director recruitment pack", None,
             "other", "1.1MB", is_paper=False),
        item("media/4391/register-of-interests-2025-26.pdf", "Register of interests 2025/26", None,
             "other", "240KB", is_paper=False)]) + "</ul>"
    page(latest, "Board papers", f"<main><h1>Board papers</h1><p>Our Board meets in public six times a "
                                 f"year. <a href='https://www.youtube.com/@harlowmereicb' target='_blank'>"
                                 f"Watch the meetings on YouTube</a>.</p><h2>Latest board papers</h2>"
                                 f"{latest_meeting}{archive}{others}</main>")
    page(f"{latest}/2025-26", "2025/26 papers",
         f"<main><h1>2025/26 papers</h1><p><a href='about-us/our-board/board-papers'>Latest board papers"
         f"</a></p>{latest_meeting}{meeting(july, 4301, may)}{meeting(may, 4207, None)}"
         f"{archive}</main>")
    attendance = item("media/4099/board-attendance-2024-25.pdf", "Board attendance 2024/25", None,
                      "other", "95KB", is_paper=False)
    page(f"{latest}/2024-25", "2024/25 papers",
         f"<main><h1>2024/25 papers</h1><p><a href='about-us/our-board/board-papers'>Latest board papers"
         f"</a></p>{meeting(march, 4102, january)}{meeting(january, 4011, november)}<ul class='docs'>"
         f"{attendance}</ul>{archive}</main>")
    page(f"{host}/", "NHS Harlowmere", "<main><h1>NHS Harlowmere</h1><p><a href='about-us/our-board/"
                                       "board-papers'>Board papers</a></p></main>")
    _robots(site, host, ["/umbraco/"], [f"{host}/umbraco/login"])
    return site


def agenda_list_site() -> Site:
    """Per-meeting agenda pages as an <ol> with papers in Word, Excel and PDF; a rowspan index."""
    host = "https://www.ouseland.icb.nhs.uk"
    index = f"{host}/get-involved/meetings-in-public/board-meetings"
    site = Site("agenda_list", "QWU", index)
    board = "Board"
    media = f"{host}/media/documents/board"
    formats = {"docx": "Word", "xlsx": "Excel", "pdf": "PDF"}

    def agenda_item(heading: str, text: str, paper: tuple[str, str, date, str] | None = None) -> str:
        if paper:
            file, title, recorded, kind = paper
            _file(site, f"{media}/{file}", title, recorded, board, True, kind)
            heading = f"<a href='{media}/{file}'>{title} ({formats[file.rsplit('.', 1)[1]]})</a>"
        return f"<li><h3>{heading}</h3><p>{text}</p></li>"

    sept, july, may, nov = date(2025, 9, 17), date(2025, 7, 16), date(2025, 5, 21), date(2025, 11, 19)
    interests = f"{media}/register-of-board-members-interests-2025-26.pdf"
    _file(site, interests, "register of board members' interests", None, board, True, "other",
          is_paper=False)
    private = f"{host}/media/private/board-2025-09-part-2.pdf"

    def meeting_page(slug: str, day: date, items: list[str], extra: str = "") -> None:
        site.html(f"{index}/{slug}",
                  f"<main><h1>Public board meeting agenda and papers: {MONTHS[day.month - 1]} {day.year}"
                  f"</h1><p>{_weekday(day)} at 1:30pm, Ouseland House and via Zoom. <a href='https://"
                  f"zoom.us/j/98765432100'>Join the meeting on Zoom</a>.</p><ol class='agenda'>"
                  f"{''.join(items)}</ol>{extra}</main>",
                  f"Public board meeting agenda and papers: {MONTHS[day.month - 1]} {day.year}")

    meeting_page("agenda-papers-september-2025", sept, [
        agenda_item("Apologies for absence", "To receive any apologies for absence."),
        agenda_item("Declarations of interest", f"To declare any new interests. See the <a href='"
                                                f"{interests}'>register of board members' interests "
                                                f"(PDF)</a>."),
        agenda_item("", "To approve the minutes of the public board meeting held on 16 July.",
                    ("2025-09/item-3-minutes-of-the-last-board-meeting.docx",
                     "Minutes of the last board meeting", july, "minutes")),
        agenda_item("", "To review the actions from previous meetings.",
                    ("2025-09/item-4-action-log.xlsx", "Action log", sept, "papers")),
        agenda_item("", "Presented by the chief executive. To review the report.",
                    ("2025-09/item-5-chief-executive-report.pdf", "Report from the chief executive",
                     sept, "papers")),
        agenda_item("", "Presented by the director of finance. To review the report.",
                    ("2025-09/item-6-integrated-performance-report.pdf", "Integrated performance report",
                     sept, "papers")),
        agenda_item("", "To receive the annual report on involving people and communities.",
                    ("2025-09/item-7-ppi-annual-report-2024-25.docx",
                     "Patient and public involvement annual report 2024/25", sept, "papers")),
        agenda_item("Any other business", "To consider any other business of an urgent nature."),
        agenda_item("Date of the next meeting", f"The next public board meeting will be held on "
                                                f"{_weekday(nov)}.")],
        f"<p>Part 2 of the meeting is held in private. <a href='{private}'>Part 2 papers (board members "
        f"only)</a></p>")
    meeting_page("agenda-papers-july-2025", july, [
        agenda_item("Apologies for absence", "To receive any apologies for absence."),
        agenda_item("", "To approve the minutes of the public board meeting held on 21 May.",
                    ("2025-07/item-3-minutes-of-the-last-board-meeting.docx",
                     "Minutes of the last board meeting", may, "minutes")),
        agenda_item("", "Presented by the chief executive. To review the report.",
                    ("2025-07/item-5-chief-executive-report.pdf", "Report from the chief executive",
                     july, "papers")),
        agenda_item("", "Presented by the director of finance. To review the report.",
                    ("2025-07/item-6-finance-report-month-2.pdf", "Finance report month 2", july,
                     "papers"))])
    meeting_page("agenda-papers-may-2025", may, [
        agenda_item("Apologies for absence", "To receive any apologies for absence."),
        agenda_item("Papers", "The papers for this meeting are available on request from the board "
                              "secretary.")])
    approved = [(f"{media}/2025-09/minutes-board-16-july-2025-approved.pdf", july),
                (f"{media}/2025-07/minutes-board-21-may-2025-approved.pdf", may)]
    for url, day in approved:
        _file(site, url, "Minutes", day, board, True, "minutes")
    easy_read = f"{host}/media/documents/easy-read-coming-to-a-board-meeting.pdf"
    _file(site, easy_read, "Easy read: coming to a board meeting", None, board, True, "other",
          is_paper=False)
    rows = (f"<tr><td rowspan='3'>2025</td><td><a href='board-meetings/agenda-papers-september-2025'>"
            f"Agenda and papers: September 2025</a></td><td>Not yet approved</td></tr>"
            f"<tr><td><a href='board-meetings/agenda-papers-july-2025'>Agenda and papers: July 2025</a>"
            f"</td><td><a href='{approved[0][0]}'>Minutes</a> (PDF)</td></tr>"
            f"<tr><td><a href='board-meetings/agenda-papers-may-2025'>Agenda and papers: May 2025</a>"
            f"</td><td><a href='{approved[1][0]}'>Minutes</a> (PDF)</td></tr>")
    site.html(index, f"<main><h1>Board meetings</h1><p>Our board meets in public every two months. "
                     f"<a href='{easy_read}'>Easy read: coming to a board meeting</a> (PDF)</p><table>"
                     f"<thead><tr><th>Year</th><th>Meeting</th><th>Minutes</th></tr></thead><tbody>{rows}"
                     f"</tbody></table></main>", "Board meetings")
    _robots(site, host, ["/media/private/"], [private])
    return site


def all_sites() -> list[Site]:
    return [wp_details_site(), drupal_view_site(), nhs_frontend_site(), base_href_years_site(),
            agenda_list_site()]
