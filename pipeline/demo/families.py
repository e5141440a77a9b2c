"""HTML for the structural families of ICB website, and where each family puts documents.

Each family function takes a Site and returns ``{url path (with query): html}``; it also sets each
document's ``path``. Paths with a query string are stored by the writer under an encoded name.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from html import escape
from urllib.parse import quote

from pipeline.demo.plan import COUNCIL_COMMITTEES, Document, Site, long_date, ordinal, slug

EXTENSIONS = {"pdf": "pdf", "docx": "docx", "html": "html"}


def shell(site: Site, title: str, body: str) -> str:
    """A page with the header, navigation and footer every NHS site has."""
    name = escape(site.icb.icb_name)
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>{escape(title)} - {name}</title></head>
<body>
<header><a href="/">{name}</a>
<nav><ul><li><a href="/">Home</a></li><li><a href="/about-us/">About us</a></li>
<li><a href="/news/">News</a></li><li><a href="https://www.nhs.uk/">NHS website</a></li>
<li><a href="/contact-us/#top">Contact us</a></li></ul></nav></header>
<main id="content">
<nav class="breadcrumb"><a href="/">Home</a> &gt; <a href="/about-us/">About us</a> &gt; {escape(title)}</nav>
<h1>{escape(title)}</h1>
{body}
</main>
<footer><p>&copy; {name}</p><a href="/accessibility/">Accessibility</a>
<a href="https://www.england.nhs.uk/">NHS England</a></footer>
</body></html>
"""


def _file_name(doc: Document) -> str:
    day = doc.meeting_date
    stem = slug(doc.title)[:70]
    if day and doc.doc_id[-1] in "02468":
        stem = f"{stem}-{day:%d%m%y}"
    return f"{stem}.{EXTENSIONS[doc.file_format]}"


def _link(doc: Document, text: str | None = None) -> str:
    return f'<a href="{escape(doc.path)}">{escape(text or doc.title)}</a>'


def _meetings(docs: list[Document]) -> dict[tuple[str, object], list[Document]]:
    groups: dict[tuple[str, object], list[Document]] = defaultdict(list)
    for doc in docs:
        groups[(doc.committee_name, doc.meeting_date)].append(doc)
    return groups


def _type_label(doc: Document) -> str:
    return doc.document_type.replace("_", " ").capitalize()


def wordpress(site: Site) -> dict[str, str]:
    """Board meetings page, one accordion section per year; committee papers on a second page."""
    pages = {}
    for doc in site.documents:
        day = doc.meeting_date
        folder = f"{day:%Y/%m}" if day else "2022/07"
        doc.path = f"/wp-content/uploads/{folder}/{_file_name(doc)}"
    board = [d for d in site.documents if d.is_board and d.meeting_date]
    by_year = defaultdict(list)
    for (_, day), docs in sorted(_meetings(board).items(), key=lambda kv: str(kv[0][1])):
        by_year[day.year].append((day, docs))
    sections = []
    for year in sorted(by_year, reverse=True):
        items = "".join(
            f"<h4>Board meeting &ndash; {long_date(day)}</h4><ul>"
            + "".join(f"<li>{_link(d, _type_label(d))}</li>" for d in docs) + "</ul>"
            for day, docs in sorted(by_year[year], reverse=True)
        )
        sections.append(f'<div class="accordion"><h3 class="accordion-title">{year}</h3>'
                        f'<div class="accordion-panel">{items}</div></div>')
    other = [d for d in site.documents if not (d.is_board and d.meeting_date)]
    pages[site.start_path] = shell(site, "Board meetings", "".join(sections) + (
        '<p><a href="/about-us/committees/">Committee papers and governance documents</a></p>'))
    committee_items = "".join(f"<li>{_link(d)}</li>" for d in other)
    pages["/about-us/committees/"] = shell(site, "Committees", f"<ul>{committee_items}</ul>")
    return pages


def doclib(site: Site, per_page: int = 15) -> dict[str, str]:
    """A document library: one table of every kind of document, paginated with ?page=N."""
    pages = {}
    docs = sorted(site.documents, key=lambda d: (str(d.meeting_date or ""), d.doc_id), reverse=True)
    for index, doc in enumerate(docs):
        prefix = site.robots_disallow.rstrip("/") if not doc.is_board else ""
        doc.path = f"{prefix}/download/{index + 1000}/{_file_name(doc)}"
        doc.is_reachable = not prefix
    chunks = [docs[i:i + per_page] for i in range(0, len(docs), per_page)] or [[]]
    filters = ('<form class="filters"><select name="type"><option>All</option>'
               '<option value="minutes">Minutes</option></select>'
               f'<a href="{site.start_path}?type=minutes">Minutes only</a></form>')
    for number, chunk in enumerate(chunks, start=1):
        rows = "".join(
            f"<tr><td>{_link(d)}</td><td>{escape(d.committee_name)}</td>"
            f"<td>{_type_label(d)}</td>"
            f"<td>{d.meeting_date.strftime('%d/%m/%Y') if d.meeting_date else ''}</td></tr>"
            for d in chunk)
        pager = " ".join(
            f'<a href="{site.start_path}?page={n}">{n}</a>' for n in range(1, len(chunks) + 1)
            if n != number)
        if number < len(chunks):
            pager += f' <a rel="next" href="{site.start_path}?page={number + 1}">Next</a>'
        key = site.start_path if number == 1 else f"{site.start_path}?page={number}"
        html = shell(site, "Publications and papers", filters + (
            "<table><thead><tr><th>Title</th><th>Committee</th><th>Type</th><th>Date</th></tr>"
            f"</thead><tbody>{rows}</tbody></table><nav class=\"pager\">{pager}</nav>"))
        pages[key] = pages[f"{site.start_path}?page={number}"] = html
    minutes = [d for d in docs if d.document_type == "minutes"][:per_page]
    pages[f"{site.start_path}?type=minutes"] = shell(site, "Publications: minutes", "<ul>" + "".join(
        f"<li>{_link(d)}</li>" for d in minutes) + "</ul>")
    return pages


def council(site: Site) -> dict[str, str]:
    """A committee system: committees, then meetings, then an ieListDocuments-like page."""
    pages = {}
    committees = sorted({d.committee_name for d in site.documents})
    links = []
    for cid, committee in enumerate(committees, start=1):
        docs = [d for d in site.documents if d.committee_name == committee]
        meeting_links = []
        for mid, ((_, day), meeting_docs) in enumerate(
                sorted(_meetings(docs).items(), key=lambda kv: str(kv[0][1])), start=1):
            for doc in meeting_docs:
                doc.path = f"/documents/s{cid}{mid:03d}/{_file_name(doc)}"
            heading = (f"{committee}, {day:%A} {long_date(day)} 10.00 am" if day
                       else f"{committee} - governance documents")
            key = f"/ieListDocuments.aspx?CId={cid}&MId={mid}"
            pages[key] = shell(site, heading, "<ul class=\"mgDocuments\">" + "".join(
                f"<li>{_link(d)}</li>" for d in meeting_docs) + "</ul>")
            label = f"{day:%d %b %Y}" if day else "Governance documents"
            meeting_links.append(f'<li><a href="{escape(key)}">{label}</a></li>')
        detail = f"/mgCommitteeDetails.aspx?ID={cid}"
        pages[detail] = shell(site, committee, "<ul>" + "".join(meeting_links) + "</ul>")
        links.append(f'<li><a href="{escape(detail)}">{escape(committee)}</a></li>')
    pages[site.start_path] = shell(site, "Committees and meetings",
                                   "<ul class=\"mgCommittees\">" + "".join(links) + "</ul>")
    return pages


def meeting_pages(site: Site) -> dict[str, str]:
    """An index of meetings, one page per meeting with papers and a combined full pack."""
    pages = {}
    items = []
    for (committee, day), docs in sorted(_meetings(site.documents).items(),
                                         key=lambda kv: str(kv[0][1]), reverse=True):
        base = f"/meetings/{slug(committee)}/{day.isoformat() if day else 'governance'}/"
        for doc in docs:
            doc.path = base + _file_name(doc)
        title = f"{committee} - {long_date(day)}" if day else f"{committee} documents"
        pages[base] = shell(site, title, "<ul>" + "".join(
            f"<li>{_link(d, 'Full pack' if d.document_type == 'board_pack' else None)}</li>"
            for d in docs) + "</ul>")
        items.append(f'<li><a href="{base}">{escape(title)}</a></li>')
    pages[site.start_path] = shell(site, "Meetings and papers", "<ul>" + "".join(items) + "</ul>")
    return pages


def landing(site: Site) -> dict[str, str]:
    """Documents behind landing pages with a Download button."""
    pages = {}
    rows = []
    for index, doc in enumerate(sorted(site.documents, key=lambda d: str(d.meeting_date))):
        doc.path = f"/download.php?file={index + 1}&name={_file_name(doc)}"
        landing_path = f"/document/{slug(doc.title)[:60]}-{index + 1}/"
        published = doc.meeting_date.strftime("%d/%m/%y") if doc.meeting_date else "n/a"
        pages[landing_path] = shell(site, doc.title, (
            f"<p>Meeting: {escape(doc.committee_name)}</p><p>Published: {published}</p>"
            f'<a class="button btn-download" href="{escape(doc.path)}">Download</a>'))
        rows.append(f'<li><a href="{landing_path}">{escape(doc.title)}</a></li>')
    pages[site.start_path] = shell(site, "Our board and committee papers",
                                   "<ul>" + "".join(rows) + "</ul>")
    return pages


def archive(site: Site) -> dict[str, str]:
    """Current year on the main page, earlier years on archive pages, messy links throughout."""
    pages = {}
    by_year = defaultdict(list)
    for doc in site.documents:
        year = doc.meeting_date.year if doc.meeting_date else 2022
        doc.path = f"/files/{year}/{_file_name(doc)}"
        by_year[year].append(doc)
    years = sorted(by_year, reverse=True)
    host = f"https://{site.host}"
    for position, year in enumerate(years):
        links = []
        for n, doc in enumerate(sorted(by_year[year], key=lambda d: str(d.meeting_date))):
            style = n % 4
            href = (f"{host}{doc.path}" if style == 0 else f"{doc.path}?v=2" if style == 1
                    else f"{doc.path}#page=1" if style == 2 else doc.path)
            if style == 1:
                doc.path = f"{doc.path}?v=2"
            links.append(f"<li><a href='{escape(href)}'>{escape(doc.title)}</a> "
                         f"<a href='{escape(href)}'>(PDF)</a></li>")
        links.append(f"<li><a href='/files/{year}/missing-paper.pdf'>Supplementary paper</a></li>")
        links.append("<li><a href='https://www.legislation.gov.uk/ukpga/2022/31'>Health and Care "
                     "Act 2022</a></li>")
        others = " | ".join(f"<a href='/archive/{y}/'>{y}</a>" for y in years[1:])
        body = f"<ul>{''.join(links)}</ul><p>Archive: {others}</p>"
        key = site.start_path if position == 0 else f"/archive/{year}/"
        pages[key] = shell(site, f"Board papers {year}", body)
    if not years:
        pages[site.start_path] = shell(site, "Board papers", "<p>No papers.</p>")
    return pages


def _shared_name(doc: Document) -> str:
    """How a democracy site shared with a council names the ICB's bodies."""
    if not doc.is_paper or doc.committee_name in COUNCIL_COMMITTEES:
        return doc.committee_name
    return "ICB Board" if doc.is_board else f"ICB {doc.committee_name}"


def moderngov(site: Site) -> dict[str, str]:
    """A council's Modern.Gov democracy site that hosts the ICB's board and committees among the
    council's own: committee list → committee details (meetings) → ieListDocuments pages whose
    heading names the committee and date; packs ("Agenda reports pack"), "Printed minutes",
    item reports with file sizes in the link text, %-encoded file names."""
    pages = {}
    dated = [d for d in site.documents if d.meeting_date]
    undated = [d for d in site.documents if not d.meeting_date]
    names = sorted({_shared_name(d) for d in dated})
    nav = ('<p><a href="/mgMemberIndex.aspx?bcr=1">Councillors</a> | '
           '<a href="/mgCalendarMonthView.aspx?GL=1&bcr=1">Calendar</a></p>')
    committee_links = []
    for cid, name in enumerate(names, start=1):
        docs = [d for d in dated if _shared_name(d) == name]
        meetings = []
        for mid, ((_, day), meeting_docs) in enumerate(
                sorted(_meetings(docs).items(), key=lambda kv: str(kv[0][1])), start=1):
            mid = cid * 100 + mid
            stamp = f"{ordinal(day.day)}-{day:%b-%Y}"
            items = []
            for n, doc in enumerate(meeting_docs):
                if doc.document_type in ("board_pack", "committee_papers") and (
                        not doc.is_paper or n % 2 == 0):
                    name_part = f"Public reports pack {stamp} 10.00 {name}.pdf"
                    doc.path = f"/documents/g{mid}/{quote(name_part)}?T=10"
                    text = "Agenda reports pack"
                elif doc.document_type == "agenda":
                    doc.path = f"/documents/g{mid}/{quote(f'Agenda frontsheet {stamp} 10.00 {name}.pdf')}?T=0"
                    text = "Agenda frontsheet"
                elif doc.document_type == "minutes" and doc.file_format == "pdf":
                    doc.path = f"/documents/g{mid}/{quote(f'Printed minutes {stamp} 10.00 {name}.pdf')}?T=1"
                    text = "Printed minutes"
                else:
                    doc.path = f"/documents/s{mid}{n:02d}/{quote(doc.title)}.{EXTENSIONS[doc.file_format]}"
                    text = f"{doc.title} {'PDF' if doc.file_format == 'pdf' else 'DOCX'} 312 KB"
                items.append(f'<li><a href="{escape(doc.path)}">{escape(text)}</a></li>')
            key = f"/ieListDocuments.aspx?CId={cid}&MId={mid}"
            heading = (f"Agenda for {name} on {day:%A}, {ordinal(day.day)} {day:%B}, {day.year}, "
                       "10.00 am")
            pages[key] = shell(site, heading, nav + '<h2 class="mgSubTitleTxt">Agenda and '
                               f'minutes</h2><ul class="mgBulletList">{"".join(items)}</ul>')
            meetings.append(f'<li><a href="{escape(key)}">{day:%d/%m/%Y} 10.00 am</a></li>')
        detail = f"/mgCommitteeDetails.aspx?ID={cid}"
        pages[detail] = shell(site, name, nav + '<h2>Meetings</h2><ul class="mgBulletList">'
                              + "".join(meetings) + "</ul>")
        committee_links.append(f'<li><a href="{escape(detail)}">{escape(name)}</a></li>')
    for number, doc in enumerate(undated):
        doc.path = f"/documents/b{900 + number}/{quote(doc.title)}.{EXTENSIONS[doc.file_format]}"
    library = "".join(
        f'<li><a href="{escape(d.path)}">'
        f"{escape(d.title.replace(d.committee_name, _shared_name(d)))} PDF 120 KB</a></li>"
        for d in undated)
    pages["/ieListMeetings.aspx?CommitteeId=0"] = shell(site, "ICB governance documents",
                                                        f"<ul>{library}</ul>")
    committee_links.append('<li><a href="/ieListMeetings.aspx?CommitteeId=0">ICB governance '
                           'documents</a></li>')
    pages[site.start_path] = shell(site, "Browse meetings", (
        '<script src="/jquery-ui/js/mgJavaScript.js"></script>' + nav
        + '<ul class="mgBulletList">' + "".join(committee_links) + "</ul>"))
    return pages


def _set_path(doc: Document, path: str) -> str:
    doc.path = path
    return path


def sharepoint(site: Site, per_page: int = 12) -> dict[str, str]:
    """A SharePoint document library view grouped by meeting date: every link says "Download",
    a Modified column holds upload dates, file names are %-encoded, pages are Paged=TRUE views."""
    pages = {}
    docs = sorted(site.documents, key=lambda d: (str(d.meeting_date or "0"), d.doc_id),
                  reverse=True)
    for doc in docs:
        stem = doc.title if doc.doc_id[-1] in "13579" or not doc.is_paper else (
            f"{_type_label(doc)} {doc.committee_name}"
            + (f" {doc.meeting_date:%d %B %Y}" if doc.meeting_date else ""))
        doc.path = (f"/sites/governance/Board%20Papers/"
                    f"{quote(stem.replace('/', '-'))}.{EXTENSIONS[doc.file_format]}")
    chunks = [docs[i:i + per_page] for i in range(0, len(docs), per_page)] or [[]]
    for number, chunk in enumerate(chunks):
        rows, last_group = [], None
        for doc in chunk:
            group = doc.meeting_date.strftime("%d/%m/%Y") if doc.meeting_date else "(blank)"
            if group != last_group:
                rows.append(f'<tr class="ms-gb"><td colspan="4">Meeting Date : {group}</td></tr>')
                last_group = group
            modified = (doc.meeting_date.replace(day=1) if doc.meeting_date else None)
            rows.append(
                f'<tr><td><a href="{escape(doc.path)}" title="">Download</a></td>'
                f"<td>{_type_label(doc) if doc.is_paper else 'Document'}</td>"
                f"<td>{escape(doc.committee_name)}</td>"
                f"<td>{modified.strftime('%d/%m/%Y') if modified else '01/07/2024'} 09:12</td>"
                "</tr>")
        pager = ""
        if number + 1 < len(chunks):
            pager = (f'<a href="{site.start_path}?Paged=TRUE&PageFirstRow={(number + 1) * per_page + 1}"'
                     ' title="Next"><img src="/_layouts/images/next.gif" alt=""></a>')
        key = site.start_path if number == 0 else \
            f"{site.start_path}?Paged=TRUE&PageFirstRow={number * per_page + 1}"
        pages[key] = shell(site, "Board papers", (
            '<meta name="generator" content="Microsoft SharePoint">'
            '<table class="ms-listviewtable"><thead><tr><th>Name</th><th>Document Type</th>'
            f"<th>Committee</th><th>Modified</th></tr></thead><tbody>{''.join(rows)}</tbody>"
            f"</table>{pager}"))
    return pages


def wp_news(site: Site) -> dict[str, str]:
    """WordPress where papers are announced in news posts: the board page points to a news
    category archive (/page/2/, …), each post has download-manager buttons whose file is only in
    a data-* attribute, posts have shortlinks (/?p=N) and one old post is only in the sitemap."""
    pages = {}
    groups = sorted(_meetings([d for d in site.documents if d.meeting_date]).items(),
                    key=lambda kv: str(kv[0][1]), reverse=True)
    undated = [d for d in site.documents if not d.meeting_date]
    posts, sitemap = [], []
    counter = 100
    for (committee, day), docs in groups:
        counter += 1
        what = "Board" if docs[0].is_board else committee
        title = f"{what} papers for the meeting on {long_date(day)}"
        post = f"/news/{day:%Y/%m}/{slug(title)[:60]}/"
        cards = []
        for doc in docs:
            counter += 1
            doc.path = (f"/download/{slug(doc.title)[:50]}/?wpdmdl={counter}"
                        f"&filename={slug(doc.title)[:40]}.{EXTENSIONS[doc.file_format]}")
            label = _type_label(doc) if doc.document_type != "committee_papers" else "Papers"
            cards.append(f'<div class="wpdm-card"><h3 class="package-title">{escape(label)}</h3>'
                         f'<a href="#" class="wpdm-download-link btn" '
                         f'data-downloadurl="{escape(doc.path)}">Download</a></div>')
        published = day.replace(day=1)
        body = (f'<p class="posted-on">Posted on {long_date(published)}</p>'
                f"<p>The papers for the next meeting are below.</p>{''.join(cards)}")
        html = shell(site, title, body).replace(
            "</title>", f'</title><link rel="canonical" href="https://{site.host}{post}">'
            f'<link rel="shortlink" href="https://{site.host}/?p={counter}">'
            '<meta name="generator" content="WordPress 6.5">', 1)
        pages[post] = pages[f"/?p={counter}"] = html
        posts.append((title, post, counter))
        sitemap.append(post)
    archive_posts = posts[:-1]  # the oldest post is only in the sitemap
    per_page = 6
    chunks = [archive_posts[i:i + per_page] for i in range(0, len(archive_posts), per_page)] or [[]]
    base = "/news/category/board-papers/"
    for number, chunk in enumerate(chunks, start=1):
        items = "".join(f'<article><h2><a href="{post}">{escape(title)}</a></h2>'
                        f'<a href="/?p={pid}">Share</a></article>' for title, post, pid in chunk)
        nav = f'<a class="next" href="{base}page/{number + 1}/">Older posts</a>' \
            if number < len(chunks) else ""
        key = base if number == 1 else f"{base}page/{number}/"
        pages[key] = shell(site, "Category: Board papers", items + nav).replace(
            "</title>", '</title><meta name="generator" content="WordPress 6.5">', 1)
    library = "".join(
        f'<li><a href="{escape(_set_path(d, f"/wp-content/uploads/2023/05/{quote(_file_name(d))}"))}">'
        f"{escape(d.title)}</a></li>" for d in undated)
    pages[site.start_path] = shell(site, "Board meetings", (
        f'<p>Papers for each meeting are published in <a href="{base}">our news</a>.</p>'
        f"<h2>Governance documents</h2><ul>{library}</ul>")).replace(
        "</title>", '</title><meta name="generator" content="WordPress 6.5">'
        '<link rel="stylesheet" href="/wp-content/themes/nhs/style.css">', 1)
    urls = "".join(f"<url><loc>https://{site.host}{path}</loc></url>" for path in sitemap)
    pages["/post-sitemap.xml"] = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns='
                                  f'"http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>')
    pages["/sitemap_index.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/'
        f'schemas/sitemap/0.9"><sitemap><loc>https://{site.host}/post-sitemap.xml</loc>'
        "</sitemap></sitemapindex>")
    return pages


def drupal(site: Site, per_page: int = 3) -> dict[str, str]:
    """Drupal: collapsible year sections (<details><summary>2024</summary>), each meeting an outer
    list item with the date and an inner list of papers named only by type; %-encoded files under
    /sites/default/files/YYYY-MM/; a ?page=N pager (from 0) over the years."""
    pages = {}
    dated = [d for d in site.documents if d.meeting_date]
    undated = [d for d in site.documents if not d.meeting_date]
    for doc in undated:
        doc.path = "/sites/default/files/2023-04/" + quote(_file_name(doc))
    by_year: dict[int, list] = defaultdict(list)
    for (committee, day), docs in _meetings(dated).items():
        by_year[day.year].append((committee, day, docs))
    years = sorted(by_year, reverse=True)
    chunks = [years[i:i + per_page] for i in range(0, len(years), per_page)] or [[]]
    for number, chunk in enumerate(chunks):
        sections = []
        for year in chunk:
            parts = []
            for committee in sorted({c for c, _, _ in by_year[year]}):
                meetings = sorted((m for m in by_year[year] if m[0] == committee),
                                  key=lambda m: m[1], reverse=True)
                items = []
                for _, day, docs in meetings:
                    inner = []
                    for doc in docs:
                        name = f"{_type_label(doc)} {day:%B %Y}".replace(" ", "%20")
                        doc.path = (f"/sites/default/files/{day:%Y-%m}/{name}-{doc.doc_id[-4:]}."
                                    f"{EXTENSIONS[doc.file_format]}")
                        inner.append(f'<li><a href="{doc.path}">{_type_label(doc)}</a></li>')
                    label = "Meeting" if committee != "Integrated Care Board" else "Board meeting"
                    items.append(f"<li>{label} &ndash; {long_date(day)}<ul>{''.join(inner)}"
                                 "</ul></li>")
                parts.append(f"<h3>{escape(committee)}</h3><ul>{''.join(items)}</ul>")
            sections.append(f'<details class="year"><summary>{year}</summary>{"".join(parts)}'
                            "</details>")
        pager = f'<nav class="pager"><a href="{site.start_path}?page={number + 1}">Next ›</a></nav>' \
            if number + 1 < len(chunks) else ""
        key = site.start_path if number == 0 else f"{site.start_path}?page={number}"
        pages[key] = shell(site, "Board and committee meetings", (
            '<meta name="generator" content="Drupal 10 (https://www.drupal.org)">'
            '<div class="view-content">' + "".join(sections) + "</div>" + pager
            + "<h2>Key documents</h2><ul>" + "".join(
                f'<li><a href="{escape(d.path)}">'
                f"{escape(d.title)}</a> <span>Last updated: 1 July 2024</span></li>"
                for d in undated) + "</ul>"))
    return pages


def nhsuk(site: Site) -> dict[str, str]:
    """An NHS.UK-frontend site with a page per financial year: a table per year whose rows are
    meetings (Meeting date, Papers, Published); minutes sit in the row of the meeting that
    approved them, dated in their link text or file name; HTML minutes at URLs ending in /; an
    old archive URL that only meta-refreshes; pages in undeclared windows-1252."""
    pages = {}
    dated = sorted((d for d in site.documents if d.meeting_date), key=lambda d: d.meeting_date)
    undated = [d for d in site.documents if not d.meeting_date]
    meetings = sorted(_meetings(dated).items(), key=lambda kv: str(kv[0][1]))
    placed: dict[tuple[str, object], list] = defaultdict(list)
    by_committee: dict[str, list] = defaultdict(list)
    for committee, day in (key for key, _ in meetings):
        by_committee[committee].append(day)
    for (committee, day), docs in meetings:
        later = [d for d in by_committee[committee] if d > day]
        for doc in docs:
            host_day = later[0] if doc.document_type == "minutes" and later else day
            placed[(committee, host_day)].append(doc)
    year_of = lambda day: day.year if day.month >= 4 else day.year - 1  # noqa: E731
    years = sorted({year_of(day) for _, day in placed}, reverse=True)
    base = site.start_path.rstrip("/")
    for year in years:
        label = f"{year}-{str(year + 1)[2:]}"
        rows = []
        for (committee, day), docs in sorted(placed.items(), key=lambda kv: (kv[0][0], kv[0][1])):
            if year_of(day) != year:
                continue
            links = []
            for doc in docs:
                own = doc.meeting_date
                if doc.document_type == "minutes" and own != day:
                    if doc.doc_id[-1] in "02468":
                        text = f"Minutes of the meeting held on {long_date(own)}"
                    else:
                        text = "Minutes of the previous meeting"
                    stem = f"minutes-{own.day}-{own:%B-%Y}".lower()
                else:
                    text = _type_label(doc)
                    stem = f"{slug(_type_label(doc))}-{slug(committee)[:20]}-{doc.doc_id[-4:]}"
                if doc.file_format == "html":
                    doc.path = f"{base}/{stem}/"
                else:
                    doc.path = f"/media/{year}/{stem}.{EXTENSIONS[doc.file_format]}"
                links.append(f'<li><a href="{doc.path}">{escape(text)}</a></li>')
            published = day.replace(day=1)
            rows.append(f"<tr><td>{long_date(day)}</td><td>{escape(committee)}</td>"
                        f'<td><ul class="nhsuk-list">{"".join(links)}</ul></td>'
                        f"<td>{published:%d/%m/%Y}</td></tr>")
        table = ('<table class="nhsuk-table"><thead><tr><th>Meeting date</th><th>Meeting</th>'
                 f"<th>Papers</th><th>Published</th></tr></thead><tbody>{''.join(rows)}</tbody>"
                 "</table>")
        pages[f"{base}/{label}/"] = shell(site, f"Meetings and papers {label} – NHS",
                                          f'<div class="nhsuk-width-container">{table}</div>')
    newest = [f'<li><a href="{base}/{year}-{str(year + 1)[2:]}/">{year}/{str(year + 1)[2:]}'
              "</a></li>" for year in years[:-1]]
    if years:
        pages["/board-papers-archive/"] = (
            '<html><head><meta http-equiv="refresh" content="0; url='
            f'{base}/{years[-1]}-{str(years[-1] + 1)[2:]}/"></head><body></body></html>')
        newest.append('<li><a href="/board-papers-archive/">Older papers</a></li>')
    library = "".join(
        f'<li><a href="{escape(_set_path(d, "/media/documents/" + quote(_file_name(d))))}">'
        f"{escape(d.title)}</a></li>" for d in undated)
    pages[site.start_path] = shell(site, "Board meetings – papers", (
        '<div class="nhsuk-width-container"><h2>Papers by year</h2><ul class="nhsuk-list">'
        + "".join(newest) + f"</ul><h2>Documents</h2><ul>{library}</ul></div>"))
    return pages


def cmis(site: Site) -> dict[str, str]:
    """A council's CMIS committee site shared with the ICB: a table of committees, a table of
    each committee's meetings, meeting pages whose heading names the committee and the date, and
    documents served by Document.ashx with opaque tokens and no file name at all."""
    pages = {}
    base = "/cmis5/Meetings/tabid/70/ctl"
    dated = [d for d in site.documents if d.meeting_date]
    undated = [d for d in site.documents if not d.meeting_date]
    names = sorted({_shared_name(d) for d in dated})
    rows = []
    for cid, name in enumerate(names, start=11):
        docs = [d for d in dated if _shared_name(d) == name]
        meetings = []
        for mid, ((_, day), meeting_docs) in enumerate(
                sorted(_meetings(docs).items(), key=lambda kv: str(kv[0][1])), start=cid * 100):
            items = []
            for doc in meeting_docs:
                token = hashlib.sha1(doc.doc_id.encode()).hexdigest()[:20]
                doc.path = f"/cmis5/Document.ashx?czJKcaeAi5tUFL1DTL2UE4zNRBcoShgo={token}"
                text = {"agenda": "Agenda", "minutes": "Minutes",
                        "board_pack": "Public Reports Pack"}.get(doc.document_type, doc.title)
                if not doc.is_paper and doc.document_type == "committee_papers":
                    text = "Public Reports Pack"
                items.append(f'<tr><td><a href="{escape(doc.path)}">{escape(text)}</a></td>'
                             f"<td>{day.replace(day=1):%d/%m/%Y}</td></tr>")
            key = f"{base}/ViewMeetingPublic/mid/397/Meeting/{mid}/Committee/{cid}/Default.aspx"
            heading = f"{name} - {day:%A} {day.day} {day:%B %Y}, 10:00 am"
            pages[key] = shell(site, heading, (
                "<table><thead><tr><th>Document</th><th>Uploaded</th></tr></thead><tbody>"
                + "".join(items) + "</tbody></table>"))
            meetings.append(f'<tr><td><a href="{escape(key)}">{day:%d/%m/%Y} - '
                            f"{escape(name)}</a></td></tr>")
        detail = f"/cmis5/Meetings/tabid/73/ctl/ViewCMIS_CommitteeDetails/mid/565/id/{cid}/Default.aspx"
        pages[detail] = shell(site, name, "<table><tbody>" + "".join(meetings) + "</tbody></table>")
        rows.append(f'<tr><td><a href="{escape(detail)}">{escape(name)}</a></td></tr>')
    for number, doc in enumerate(undated):
        doc.path = f"/cmis5/Document.ashx?czJKcaeAi5tUFL1DTL2UE4zNRBcoShgo=gov{number:04d}"
    library = "".join(f'<li><a href="{escape(d.path)}">'
                      f"{escape(d.title.replace(d.committee_name, _shared_name(d)))}</a></li>"
                      for d in undated)
    pages[site.start_path] = shell(site, "Committees", (
        "<table><thead><tr><th>Committee</th></tr></thead><tbody>" + "".join(rows)
        + f"</tbody></table><h2>ICB governance documents</h2><ul>{library}</ul>"))
    return pages


FAMILY_RENDERERS = {
    "wordpress": wordpress, "doclib": doclib, "council": council,
    "meeting_pages": meeting_pages, "landing": landing, "archive": archive,
    "moderngov": moderngov, "sharepoint": sharepoint, "wp_news": wp_news, "drupal": drupal,
    "nhsuk": nhsuk, "cmis": cmis,
}


def render_site(site: Site) -> dict[str, str]:
    """Every HTML page of a site, keyed by path (with query string)."""
    if not site.documents:
        return {site.start_path: shell(site, "Board meetings", (
            "<p>Papers for our next meeting will be published here a week beforehand.</p>"))}
    return FAMILY_RENDERERS[site.family](site)
