"""HTML for the six structural families of ICB website, and where each family puts documents.

Each family function takes a Site and returns ``{url path (with query): html}``; it also sets each
document's ``path``. Paths with a query string are stored by the writer under an encoded name.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape

from pipeline.demo.plan import Document, Site, long_date, slug

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


FAMILY_RENDERERS = {
    "wordpress": wordpress, "doclib": doclib, "council": council,
    "meeting_pages": meeting_pages, "landing": landing, "archive": archive,
}


def render_site(site: Site) -> dict[str, str]:
    """Every HTML page of a site, keyed by path (with query string)."""
    if not site.documents:
        return {site.start_path: shell(site, "Board meetings", (
            "<p>Papers for our next meeting will be published here a week beforehand.</p>"))}
    return FAMILY_RENDERERS[site.family](site)
