import json
from datetime import date
from pathlib import Path

import pytest

from pipeline.scrape import classify
from pipeline.scrape.dates import first_date, parse_date
from pipeline.scrape.links import decode_html, looks_like_document, page_links, parse_page
from pipeline.scrape.recipes import load_recipes, recipe_for

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("text,day,month", [
    ("Board meeting 14th March 2024", date(2024, 3, 14), "2024-03"),
    ("Tuesday 2nd September 2025 10.00 am", date(2025, 9, 2), "2025-09"),
    ("Published: 14/03/24", date(2024, 3, 14), "2024-03"),
    ("14/03/2024", date(2024, 3, 14), "2024-03"),
    ("14.03.2024", date(2024, 3, 14), "2024-03"),
    ("2024-03-14", date(2024, 3, 14), "2024-03"),
    ("/meetings/board/2024-03-14/", date(2024, 3, 14), "2024-03"),
    ("March 14, 2024", date(2024, 3, 14), "2024-03"),
    ("1 Sept 2023", date(2023, 9, 1), "2023-09"),
    ("Board papers March 2024", None, "2024-03"),
    ("Sept 2023", None, "2023-09"),
])
def test_dates_as_uk_bodies_write_them(text, day, month):
    parsed = parse_date(text)
    assert parsed is not None and parsed.day == day and parsed.month == month


@pytest.mark.parametrize("text", ["31/02/2024", "Annual report 2023/24", "Item 12.3", "",
                                  "Room 101", "14/03/1999",
                                  "/files/2025-09/05.2%20Integrated%20Performance%20Report.pdf",
                                  "/files/2025/09/05.2 Integrated Performance Report.pdf",
                                  "/files/2025-09/05 report.pdf"])
def test_unparseable_dates_are_unknown_never_guessed(text):
    assert parse_date(text) is None


def test_file_name_dates_only_from_urls():
    assert parse_date("minutes-140324.pdf") is None
    assert first_date(["Minutes"], "https://x.nhs.uk/minutes-140324.pdf").day == date(2024, 3, 14)
    assert first_date([], "https://x.nhs.uk/Board-Papers-20240314.pdf").day == date(2024, 3, 14)
    assert first_date(["March 2024", "Board 5th March 2024"], "").day == date(2024, 3, 5)
    assert first_date(["March 2024"], "").day is None


@pytest.mark.parametrize("title,committee_name,expected", [
    ("Board papers (full pack) 14th March 2024", "Integrated Care Board", "board_pack"),
    ("Agenda", "Integrated Care Board", "agenda"),
    ("Minutes of the Board meeting held on 3rd May 2024", "Integrated Care Board", "minutes"),
    ("Quality Committee papers 14 March 2024", "Quality Committee", "committee_papers"),
    ("Audit Committee terms of reference", "Audit Committee", "terms_of_reference"),
    ("NHS Sussex Constitution", "Integrated Care Board", "constitution"),
    ("Working with people and communities strategy", "Integrated Care Board",
     "involvement_strategy"),
    ("Public engagement framework 2024", "Integrated Care Board", "involvement_strategy"),
    ("Our approach to working with people and communities", "Integrated Care Board",
     "involvement_strategy"),
    ("Working with people and communities report", "Integrated Care Board", "papers"),
    ("Engagement strategy update", "Integrated Care Board", "papers"),
    ("Involvement strategy: progress report", "People and Communities Committee",
     "committee_papers"),
    ("Engagement report June 2025", "People and Communities Committee", "engagement_report"),
    ("Annual report and accounts 2023/24", "Integrated Care Board", "annual_report"),
    ("NHS Kent and Medway annual report 2023/24", "Integrated Care Board", "annual_report"),
    ("Severnlea ICB Annual Report and Accounts 2024-25", "Integrated Care Board", "annual_report"),
    ("Item 7: Annual report and accounts 2024/25", "Integrated Care Board", "annual_report"),
    ("Patient and public involvement annual report 2024/25", "Integrated Care Board", "papers"),
    ("Item 8: PPI annual report", "Integrated Care Board", "papers"),
    ("Safeguarding Annual Report", "Integrated Care Board", "papers"),
    ("Annual report of the Audit Committee", "Audit Committee", "committee_papers"),
    ("Annual report on involving people and communities", "Integrated Care Board", "papers"),
    ("Combined pack", "Integrated Care Board", "board_pack"),
    ("Combined pack", "Quality Committee", "committee_papers"),
    ("Board papers (combined)", "Integrated Care Board", "board_pack"),
    ("All papers for this meeting", "Integrated Care Board", "board_pack"),
    ("All papers for this meeting", "Quality Committee", "committee_papers"),
    ("Item 7: Finance report", "Integrated Care Board", "papers"),
])
def test_document_types(title, committee_name, expected):
    assert classify.document_type([title], "", committee_name) == expected


@pytest.mark.parametrize("texts,expected", [
    (["Quality and Safety Committee papers 14th March 2024"], ("Quality and Safety Committee", False)),
    (["Agenda", "Primary Care Commissioning Committee, Tuesday 14th March 2024"],
     ("Primary Care Commissioning Committee", False)),
    (["Minutes of the Board meeting held on 3rd May 2024"], ("Integrated Care Board", True)),
    (["Agenda", "", "Integrated Care Board meetings"], ("Integrated Care Board", True)),
    (["Extraordinary Board meeting"], ("Integrated Care Board", True)),
    (["Special Board meeting 3 March 2025"], ("Integrated Care Board", True)),
    (["Part B Board"], ("Integrated Care Board", True)),
    (["Private Board meeting"], ("Integrated Care Board", True)),
    (["ICB Extraordinary Board meeting (Part A)"], ("Integrated Care Board", True)),
    (["Annual General Meeting of the Board"], ("Integrated Care Board", True)),
    (["Reconvened Quality Committee"], ("Quality Committee", False)),
    (["Adjourned Audit and Risk Committee meeting"], ("Audit and Risk Committee", False)),
    (["Special Educational Needs Board"], ("Special Educational Needs Board", False)),
])
def test_committees(texts, expected):
    assert classify.committee(texts, "") == expected


EXPECTED_DOCUMENT_LINKS = {  # from the saved pages: document links each family's start page has
    "wordpress": 5, "doclib": 15, "council": 0, "meeting_pages": 0, "landing": 0, "archive": 3,
}


@pytest.mark.parametrize("family", sorted(EXPECTED_DOCUMENT_LINKS))
def test_saved_pages_of_each_family(family):
    pages = json.loads((FIXTURES / "pages.json").read_text())
    html = decode_html((FIXTURES / f"{family}.html").read_bytes(), "text/html")
    links = page_links(html, pages[family]["url"])
    documents = {link.url for link in links if looks_like_document(link)}
    assert len(documents) == EXPECTED_DOCUMENT_LINKS[family]
    if family == "archive":  # the same papers linked twice, absolute, relative and with anchors
        raw = [link for link in links if looks_like_document(link)]
        assert len(raw) > len(documents)
    assert all(not url.endswith("#") and "#" not in url for url in documents)
    assert all(url.startswith("http") for url in documents)
    pages_to_follow = [link for link in links if not looks_like_document(link)]
    assert pages_to_follow, "every family's start page links onwards"


def test_windows_1252_pages_decode():
    body = '<meta charset="windows-1252"><a href="/a.pdf">Board £5m – agenda</a>'.encode("cp1252")
    assert "£5m – agenda" in decode_html(body, "text/html")
    assert "£5m – agenda" in decode_html(body, "text/html; charset=windows-1252")


def test_recipes_are_data(tmp_path):
    recipes = load_recipes()
    default = recipe_for(recipes, "QWO")
    assert default.skips("https://x.nhs.uk/contact-us/") and not default.skips("https://x/board/")
    assert not default.skips("https://x.nhs.uk/news/board-papers-published/"), \
        "papers are announced in news posts"
    assert not default.skips("https://x.nhs.uk/search/board/p2", listing="/search/board/")
    assert default.skips("https://x.nhs.uk/mgMemberIndex.aspx", platform="moderngov")
    assert recipe_for(recipes, "QKS").max_depth == 6
    assert {"download", "dl", "attachment", "inline"} <= set(default.download_parameters)
    assert not {"v", "ver", "version", "page", "id", "doc", "file"} & set(default.download_parameters)
    extra = tmp_path / "extra.toml"
    extra.write_text("[defaults]\ndownload_parameters = ['download']\n"
                     "[icb.QWO]\ndownload_parameters = ['attach']\n")
    assert recipe_for(load_recipes(extra), "QWO").download_parameters == ("download", "attach")
    bad = tmp_path / "recipes.toml"
    bad.write_text("[defaults]\n[icb.QWO]\nstart_url = 'x'\n")
    with pytest.raises(ValueError, match="QWO.*start_url"):
        load_recipes(bad)


def described(html: str, url: str = "https://x.nhs.uk/board/", index: int = 0) -> dict:
    from pipeline.scrape.links import parse_page
    from pipeline.scrape.metadata import describe

    links = [link for link in parse_page(html, url).links if looks_like_document(link)]
    return describe(links[index], icb_names=("NHS Sussex Integrated Care Board", "Sussex"))


def test_a_partnership_board_is_not_the_icb_board():
    assert classify.body_in("Health and Care Partnership Board papers") == classify.Body(
        "Health and Care Partnership Board", False)
    assert classify.body_in("NHS Sussex Board meeting", ("Sussex",)).is_board
    assert classify.body_in("Meeting of the Board in public").is_board
    assert classify.body_in("People and Communities Assembly") == classify.Body(
        "People and Communities Assembly", False)


@pytest.mark.parametrize("text,expected", [
    ("Agenda reports pack", "board_pack"), ("Public reports pack", "board_pack"),
    ("Agenda frontsheet", "agenda"), ("Printed minutes", "minutes"),
    ("Minutes of the meeting (item 3 on the agenda)", "minutes"),
    ("Agenda and papers", "board_pack"), ("Supplementary pack", "board_pack"),
    ("Notes of the meeting held on 3 May 2024", "minutes"),
])
def test_pack_and_minutes_names(text, expected):
    assert classify.type_of(text, True) == expected


def test_percent_encoded_file_names_are_decoded_before_classifying():
    url = "https://x.nhs.uk/Shared%20Documents/Board%20Minutes%2014%20March%202024.pdf"
    assert classify.document_type(["View"], url, classify.BOARD_NAME) == "minutes"
    row = described(f'<h1>Board papers</h1><a href="{url}">View</a>')
    assert (row["meeting_date"], row["date_source"]) == ("2024-03-14", "file_name")


def test_a_modified_column_is_never_the_meeting_date():
    row = described("<table><tr><th>Name</th><th>Modified</th><th>Meeting date</th></tr>"
                    "<tr><td><a href='/a.pdf'>Agenda</a></td><td>02/03/2024</td>"
                    "<td>14/03/2024</td></tr></table>")
    assert (row["meeting_date"], row["date_source"]) == ("2024-03-14", "column:meeting_date")
    row = described("<table><tr><th>Name</th><th>Modified</th></tr>"
                    "<tr><td><a href='/a.pdf'>Agenda</a></td><td>02/03/2024</td></tr></table>")
    assert row["meeting_date"] is None


def test_minutes_are_dated_by_the_meeting_they_record():
    html = ("<h3>Board meeting 9 May 2024</h3><ul><li><a href='/a.pdf'>Agenda</a></li>"
            "<li><a href='/m.pdf'>Minutes of 14 March 2024 (approved 9 May 2024)</a></li>"
            "<li><a href='/p.pdf'>Minutes of the previous meeting</a></li></ul>")
    assert described(html)["meeting_date"] == "2024-05-09"
    assert described(html, index=1)["meeting_date"] == "2024-03-14"
    assert described(html, index=2)["meeting_date"] is None, "never the approving meeting's date"


def test_short_link_texts_do_not_take_the_page_heading():
    row = described("<h1>Board papers and minutes</h1><ul><li><a href='/x.pdf'>Agenda</a></li></ul>")
    assert (row["document_type"], row["title"]) == ("agenda", "Agenda")


def test_dates_and_committees_from_summaries_group_headers_and_outer_items():
    html = ("<details><summary>Audit Committee - 4 June 2024</summary>"
            "<a href='/a.pdf'>Papers</a></details>"
            "<table><tr class='ms-gb'><td colspan='3'>Meeting Date : 11/07/2024</td></tr>"
            "<tr><td><a href='/b.pdf'>Download</a></td><td>Agenda</td></tr></table>"
            "<ul><li>Quality Committee, 2 May 2024<ul><li><a href='/c.pdf'>Minutes</a></li>"
            "</ul></li></ul>")
    first, second, third = (described(html, index=n) for n in range(3))
    assert (first["meeting_date"], first["committee_name"]) == ("2024-06-04", "Audit Committee")
    assert (first["date_source"], first["document_type"]) == ("summary", "committee_papers")
    assert (second["meeting_date"], second["date_source"]) == ("2024-07-11", "group_header")
    assert third["meeting_date"] == "2024-05-02" and third["committee_name"] == "Quality Committee"
    assert third["committee_source"] == "outer_list_item"


def test_download_buttons_with_data_attributes_are_links():
    from pipeline.scrape.links import parse_page

    page = parse_page('<a href="#" data-downloadurl="/download/x/?wpdmdl=5">Download</a>'
                      '<button data-href="/files/minutes.pdf">Minutes</button>',
                      "https://x.nhs.uk/news/post/")
    urls = [link.url for link in page.links if looks_like_document(link)]
    assert urls == ["https://x.nhs.uk/download/x/?wpdmdl=5", "https://x.nhs.uk/files/minutes.pdf"]


def test_documents_shown_in_place_are_links_with_the_clues_around_them():
    """An <iframe>, <embed> or <object> showing a document is a link to it, titled by its title
    attribute (never its fallback content), dated and named by the heading above it; a viewer's
    address is the address of the document it shows, resolved as the viewer resolves it."""
    from pipeline.scrape.metadata import describe

    html = ("<main><h3>Board meeting &ndash; Wednesday 26 November 2025</h3>"
            "<iframe src='/pdfviewer/web/viewer.html?file=%2Fmedia%2Fboard-papers-nov.pdf"
            "#zoom=page-fit' title='Board papers' width='100%'></iframe>"
            "<h3>Audit Committee &ndash; 8 October 2025</h3>"
            "<object data='/media/audit-papers-oct.pdf' type='application/pdf'><p>No viewer: "
            "<a href='/media/audit-papers-oct.pdf?download=1'>download</a></p></object>"
            "<embed src='/media/audit-agenda-oct.pdf' title='PDF viewer'>"
            "<iframe src='https://www.youtube.com/embed/abc' title='Recording'></iframe></main>")
    page = parse_page(html, "https://www.leaside.icb.nhs.uk/about-us/board/")
    links = {link.url.split("/", 3)[3]: link for link in page.links}
    assert list(links) == ["media/board-papers-nov.pdf", "media/audit-papers-oct.pdf",
                           "media/audit-papers-oct.pdf?download=1", "media/audit-agenda-oct.pdf",
                           "embed/abc"]
    wanted = {"media/board-papers-nov.pdf": ("Board papers", "2025-11-26", "Integrated Care Board",
                                             True, "board_pack"),
              "media/audit-papers-oct.pdf": ("Audit Committee – 8 October 2025", "2025-10-08",
                                             "Audit Committee", False, "committee_papers"),
              "media/audit-agenda-oct.pdf": ("Audit Committee – 8 October 2025", "2025-10-08",
                                             "Audit Committee", False, "agenda")}
    for path, fields in wanted.items():
        found = describe(links[path])
        assert (found["title"], found["meeting_date"], found["committee_name"], found["is_board"],
                found["document_type"]) == fields, path
    assert links["media/board-papers-nov.pdf"].text == "Board papers"
    assert links["media/audit-papers-oct.pdf"].text == ""
    assert links["media/audit-agenda-oct.pdf"].text == "PDF viewer"  # says nothing: not the title


@pytest.mark.parametrize("url,shown", [
    ("https://x.nhs.uk/pdfviewer/web/viewer.html?file=%2Fmedia%2Fa%20b.pdf",
     "https://x.nhs.uk/media/a b.pdf"),
    ("https://x.nhs.uk/pdfjs/web/viewer.html?file=papers.pdf", "https://x.nhs.uk/pdfjs/web/papers.pdf"),
    ("https://x.nhs.uk/viewer?file=https%3A%2F%2Fx.nhs.uk%2Fdownload.cfm%3Fdoc%3Ddocm93jijm4n41",
     "https://x.nhs.uk/download.cfm?doc=docm93jijm4n41"),
    ("https://docs.google.com/gview?url=https://x.nhs.uk/board.pdf&embedded=true",
     "https://x.nhs.uk/board.pdf"),
    ("https://view.officeapps.live.com/op/embed.aspx?src=https%3A%2F%2Fx.nhs.uk%2Fpack.docx",
     "https://x.nhs.uk/pack.docx"),
    ("https://x.nhs.uk/pdfviewer/web/viewer.html?file=%2Fabout-us%2F",
     "https://x.nhs.uk/pdfviewer/web/viewer.html?file=%2Fabout-us%2F"),
    ("https://x.nhs.uk/board/viewer.html?file=javascript:alert(1).pdf",
     "https://x.nhs.uk/board/viewer.html?file=javascript:alert(1).pdf"),
    ("https://x.nhs.uk/board/papers.pdf?file=a.pdf", "https://x.nhs.uk/board/papers.pdf?file=a.pdf"),
])
def test_a_viewers_address_is_the_document_it_shows(url, shown):
    from pipeline.scrape.links import shown_document

    assert shown_document(url) == shown


def test_undeclared_windows_1252_is_not_mojibake():
    body = "<h1>Board papers 2024 – 2025 (£1m)</h1>".encode("cp1252")
    assert "2024 – 2025 (£1m)" in decode_html(body, "text/html")
    assert "2024 – 2025 (£1m)" in decode_html(body, "text/html; charset=utf-8")


@pytest.mark.parametrize("title,rule", [
    ("Privacy notice", "privacy_notice"), ("Public question form", "form"),
    ("Board paper template", "template"), ("Board meeting dates 2025/26", "meeting_schedule"),
    ("Schedule of board meetings", "meeting_schedule"), ("Chair candidate pack", "job_pack"),
    ("Job description - non-executive member", "job_pack"), ("Patient leaflet", "leaflet"),
    ("Associate non-executive member: information pack", "job_pack"),
    ("associate non executive member information pack", "job_pack"),
    ("NED Recruitment Candidate Pack", "job_pack"), ("Application pack for the Chair", "job_pack"),
    ("Information pack for the role of Chair", "job_pack"),
    ("Recruitment information pack", "job_pack"),
    ("Register of interests (August 2025)", "register_of_interests"),
    ("Register of Board members' interests", "register_of_interests"),
    ("Register of interests Board members Sept 25", "register_of_interests"),
    ("Declaration of interests register 2024", "register_of_interests"),
    ("Gifts and hospitality register 2025/26", "gifts_and_hospitality"),
    ("Gifts, hospitality and sponsorship register", "gifts_and_hospitality"),
    ("Standing financial instructions (SFIs) 2025/26", "standing_financial_instructions"),
    ("Forward plan of meetings 2025", "meeting_schedule"), ("Board forward plan 2025/26", "forward_plan"),
    ("Item 12: Board forward plan", "forward_plan"), ("Forward plan", "forward_plan"),
    ("Audit Committee forward planner", "forward_plan"), ("Forward agenda 2025", "forward_plan"),
    ("Annual cycle of business 2025/26", "forward_plan"), ("Board annual business cycle", "forward_plan"),
    ("Quality Committee annual work plan 2025/26", "forward_plan"),
    ("Committee's workplan", "forward_plan"), ("Work plan for the Board 2025", "forward_plan"),
    ("Medicines management policy", "policy"), ("Conflicts of interest policy", "policy"),
    ("ICB policies", "policy"),
    ("Easy read: about our Board", "easy_read"), ("Easy read: coming to a board meeting", "easy_read"),
    ("Easy read guide: how the ICB makes decisions", "easy_read_guide"),
    ("Easy read: how the ICB makes decisions", "easy_read"),
    ("Board attendance 2024/25", "attendance_record"), ("Register of attendance", "attendance_record"),
    ("Record of attendance at Board meetings 2024/25", "attendance_record"),
    ("Committee members' attendance record", "attendance_record"),
    ("Audit Committee attendance 2025", "attendance_record"),
])
def test_not_a_paper_rules(title, rule):
    assert classify.not_a_paper([title]).rule_id == rule


@pytest.mark.parametrize("title", [
    "Joint Forward Plan 2025-2030", "Item 7: Joint Forward Plan refresh", "NHS five year forward plan",
    "System forward plan delivery", "Board papers 2 October 2025 (including the forward plan)",
    "Minutes and forward plan", "Internal audit work plan 2025/26", "Forward planning for winter",
    "Digital work plan update",
    "Public involvement policy", "People and communities engagement policy",
    "Policy and Resources Committee agenda", "Policy Committee minutes",
    "Review of policies", "Update on the medicines policy",
    "Easy read: our working with people and communities strategy",
    "Easy read version of the Joint Forward Plan", "Easy read summary of the annual report",
    "Emergency department attendances update", "A&E attendance report",
    "School attendance and exclusions", "Minutes and attendance list", "Urgent care attendance",
])
def test_schedules_and_policies_rules_leave_papers_alone(title):
    assert classify.not_a_paper([title]) is None


def test_a_policy_dated_to_a_meeting_is_its_paper():
    """A policy with no meeting is not a paper; the same policy on a meeting's agenda is."""
    assert classify.not_a_paper(["Item 9: Safeguarding adults policy"], is_dated=True) is None
    assert classify.not_a_paper(["Safeguarding adults policy"]).rule_id == "policy"
    assert classify.not_a_paper(["Board forward plan"], is_dated=True).rule_id == "forward_plan"


def test_an_easy_read_version_listed_as_a_meetings_paper_is_its_paper():
    """An easy-read guide nothing dates is not a paper; an easy-read version listed under a
    meeting is that meeting's paper; an attendance record is a record wherever it is linked."""
    assert classify.not_a_paper(["Easy read: what the Board decided"]).rule_id == "easy_read"
    assert classify.not_a_paper(["Easy read: what the Board decided"], is_dated=True) is None
    assert classify.not_a_paper(["Board attendance 2024/25"],
                                is_dated=True).rule_id == "attendance_record"


def test_not_a_paper_rules_are_checked(tmp_path):
    path = tmp_path / "not_papers.toml"
    path.write_text("[[rule]]\nid = 'x'\nreason = 'y'\npattern = 'z'\nonly_undated = true\n")
    with pytest.raises(ValueError, match=r"rule x has unknown key\(s\) \['only_undated'\]"):
        classify.not_paper_rules(path)
    path.write_text("[[rule]]\nid = 'x'\nreason = 'y'\npattern = 'z'\nundated_only = 'yes'\n")
    with pytest.raises(ValueError, match="rule x: undated_only must be true or false"):
        classify.not_paper_rules(path)


@pytest.mark.parametrize("title", [
    "Board meeting agenda 14 March 2024", "Minutes of the Board meeting", "Finance report M6",
    "Terms of reference", "Working with people and communities strategy", "Patient story",
    "Transformation programme update", "Board information pack", "Board member briefing pack",
    "Declarations of interest", "Review of the register of interests",
    "Amendments to the Standing Financial Instructions",
    "Audit committee report on gifts and hospitality",
])
def test_papers_are_not_caught_by_the_not_a_paper_rules(title):
    assert classify.not_a_paper([title]) is None
    assert classify.not_a_paper([title], is_dated=True) is None


def test_the_conflicts_of_interest_policy_is_no_register():
    assert classify.not_a_paper(["Conflicts of interest policy"], is_dated=True) is None


def test_council_bodies_are_skipped_on_a_shared_site_only_by_name():
    assert not classify.is_icb_body("Planning Committee", shared_site=True)
    assert not classify.is_icb_body("Audit Committee", shared_site=True)
    assert classify.is_icb_body("Audit Committee", shared_site=False)
    assert classify.is_icb_body("NHS Sussex ICB Quality Committee", shared_site=True)
    assert classify.is_icb_body("System Quality Group", shared_site=True,
                                extra=("System Quality Group",))
    assert not classify.is_icb_body("Planning Committee", shared_site=False)


def test_recipes_name_platforms_and_bodies(tmp_path):
    path = tmp_path / "recipes.toml"
    path.write_text('[defaults]\nskip_paths = ["/contact"]\n[platform.moderngov]\n'
                    'skip_paths = ["/mgMemberIndex.aspx"]\n[icb.QNX]\nplatform = "moderngov"\n'
                    'icb_bodies = ["System Quality Group"]\n')
    recipe = load_recipes(path)["QNX"]
    assert recipe.platform == "moderngov" and recipe.icb_bodies == ("System Quality Group",)
    assert recipe.skips("https://d.gov.uk/mgMemberIndex.aspx?bcr=1", platform="moderngov")
    assert not recipe.skips("https://d.gov.uk/mgMemberIndex.aspx?bcr=1", platform="wordpress")
    path.write_text('[icb.QNX]\nplatform = "joomla"\n')
    with pytest.raises(ValueError, match="QNX.*'joomla'"):
        load_recipes(path)
    path.write_text('[platform.joomla]\nskip_paths = []\n')
    with pytest.raises(ValueError, match=r"\[platform.joomla\]"):
        load_recipes(path)


def test_sitemaps_and_indexes():
    import gzip

    from pipeline.scrape.sitemaps import parse_sitemap

    index = (b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap>'
             b"<loc>https://x.nhs.uk/post-sitemap.xml</loc></sitemap></sitemapindex>")
    assert parse_sitemap(index) == (["https://x.nhs.uk/post-sitemap.xml"], [])
    urlset = (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>'
              b"https://x.nhs.uk/board/</loc></url></urlset>")
    assert parse_sitemap(gzip.compress(urlset)) == ([], ["https://x.nhs.uk/board/"])
    assert parse_sitemap(b"<html>not a sitemap") == ([], [])


def test_accordion_buttons_label_the_papers_below_them():
    html = ('<h2>2024</h2><div class="accordion"><div class="item"><button class="toggle">'
            'Quality Committee &ndash; 12 December 2024</button><div class="panel"><ul>'
            '<li><a href="/a.pdf">Agenda</a></li></ul></div></div>'
            '<div class="item"><button class="toggle">Board &ndash; 5 December 2024</button>'
            '<div class="panel"><ul><li><a href="/b.pdf">Minutes</a></li></ul></div></div></div>')
    first, second = described(html), described(html, index=1)
    assert (first["meeting_date"], first["committee_name"]) == ("2024-12-12", "Quality Committee")
    assert first["date_source"] == "preceding_label"
    assert (second["meeting_date"], second["is_board"]) == ("2024-12-05", True)


def test_a_day_and_month_take_the_year_of_their_section():
    html = ("<details><summary>2023/24</summary><ul><li>Thursday 14 March<ul>"
            "<li><a href='/a.pdf'>Agenda</a></li></ul></li><li>Thursday 12 October<ul>"
            "<li><a href='/b.pdf'>Agenda</a></li></ul></li></ul></details>"
            "<h2>2025</h2><p>Board meeting, 9 January: <a href='/c.pdf'>Papers</a></p>")
    first, second, third = (described(html, index=n) for n in range(3))
    assert first["meeting_date"] == "2024-03-14"
    assert second["meeting_date"] == "2023-10-12"
    assert (third["meeting_date"], third["date_source"]) == ("2025-01-09", "paragraph+heading")


def test_nested_sharepoint_groups_give_committee_and_date():
    html = ("<table><tr class='ms-gb'><td colspan='2'>Committee : Audit and Risk Committee</td></tr>"
            "<tr class='ms-gb2'><td colspan='2'>Meeting Date : 04/06/2024</td></tr>"
            "<tr><td><a href='/a.pdf'>Download</a></td><td>Agenda</td></tr>"
            "<tr class='ms-gb2'><td colspan='2'>Meeting Date : 03/09/2024</td></tr>"
            "<tr><td><a href='/b.pdf'>Download</a></td><td>Minutes</td></tr></table>")
    second = described(html, index=1)
    assert (second["meeting_date"], second["committee_name"]) == ("2024-09-03",
                                                                   "Audit and Risk Committee")


def test_a_democracy_site_is_shared_only_when_it_is_a_councils():
    from pipeline.scrape.links import parse_page
    from pipeline.scrape.platforms import platform_named

    moderngov = platform_named("moderngov")
    council = parse_page("<a href='/mgCommitteeDetails.aspx?ID=1'>Audit Committee</a>",
                         "https://democracy.example.gov.uk/mgListCommittees.aspx")
    own = parse_page("<a href='/mgCommitteeDetails.aspx?ID=1'>Audit Committee</a>",
                     "https://www.selondonics.org/mgListCommittees.aspx")
    mixed = parse_page("<a href='/mgCommitteeDetails.aspx?ID=1'>Audit Committee</a>"
                       "<a href='/mgCommitteeDetails.aspx?ID=2'>Planning Committee</a>",
                       "https://democracy.example.org.uk/mgListCommittees.aspx")
    assert moderngov.is_shared(council) and moderngov.is_shared(mixed)
    assert not moderngov.is_shared(own)
    assert not moderngov.recognises("Audit Committee", shared=True)
    assert moderngov.recognises("Audit Committee", shared=False)
    assert not moderngov.recognises("Planning Committee", shared=False)


@pytest.mark.parametrize("href,is_page", [
    ("/board/?page=2", True), ("/board/page/3/", True), ("/board/?sf_paged=2", True),
    ("/board/?query-12-page=2", True), ("/board/?start=20", True), ("/?p=123", False),
    ("/board/?year=2023", False), ("/other/?page=2", False),
])
def test_pagination_shapes(href, is_page):
    from pipeline.scrape.links import Link
    from pipeline.scrape.platforms import Platform

    link = Link(f"https://x.nhs.uk{href}", "2")
    assert Platform().is_pagination(link, "https://x.nhs.uk/board/") == is_page


BOARD_PAGE = "https://www.sussex.ics.nhs.uk/board/meetings/"
DATED_FILE_NAMES = [  # every field describe() gives, for each document link of the saved page
    ("https://www.sussex.ics.nhs.uk/media/item-3-minutes-of-previous-meeting-090524.pdf",
     {"title": "Item 3 Minutes", "title_source": "link_text", "meeting_date": None,
      "meeting_month": None, "date_source": None, "document_type": "minutes",
      "type_source": "link_text", "committee_name": classify.BOARD_NAME, "is_board": True,
      "committee_source": "heading"}),
    ("https://www.sussex.ics.nhs.uk/media/Board_Agenda_09_05_2024.pdf",
     {"title": "Board meeting in public, 9 May 2024", "title_source": "heading",
      "meeting_date": "2024-05-09", "meeting_month": "2024-05", "date_source": "heading",
      "document_type": "agenda", "type_source": "file_name",
      "committee_name": classify.BOARD_NAME, "is_board": True, "committee_source": "heading"}),
    ("https://www.sussex.ics.nhs.uk/media/Approved-minutes.pdf",
     {"title": "Approved at the meeting held on 9 May 2024: minutes of 14 March 2024",
      "title_source": "link_text", "meeting_date": "2024-03-14", "meeting_month": "2024-03",
      "date_source": "link_text", "document_type": "minutes", "type_source": "link_text",
      "committee_name": classify.BOARD_NAME, "is_board": True, "committee_source": "heading"}),
    ("https://www.sussex.ics.nhs.uk/media/ICB%20Board%20Minutes%2018-01-2024.pdf",
     {"title": "Papers from earlier meetings", "title_source": "heading",
      "meeting_date": "2024-01-18", "meeting_month": "2024-01", "date_source": "file_name",
      "document_type": "minutes", "type_source": "file_name",
      "committee_name": classify.BOARD_NAME, "is_board": True,
      "committee_source": "page_heading"}),
    ("https://www.sussex.ics.nhs.uk/media/2023_11_16_Finance_Report.pdf",
     {"title": "Papers from earlier meetings", "title_source": "heading",
      "meeting_date": "2023-11-16", "meeting_month": "2023-11", "date_source": "file_name",
      "document_type": "papers", "type_source": "file_name",
      "committee_name": classify.BOARD_NAME, "is_board": True,
      "committee_source": "page_heading"}),
    ("https://www.sussex.ics.nhs.uk/media/board-minutes-14th-september-20.pdf",
     {"title": "Papers from earlier meetings", "title_source": "heading", "meeting_date": None,
      "meeting_month": None, "date_source": None, "document_type": "minutes",
      "type_source": "file_name", "committee_name": classify.BOARD_NAME, "is_board": True,
      "committee_source": "page_heading"}),
]


def test_dates_in_file_names_and_what_minutes_say_they_record():
    """A saved board page: a previous meeting's minutes filed under the approving pack's date take
    no date; "minutes of 14 March 2024" beats the approving meeting named before it; dd-mm-yyyy,
    yyyy_mm_dd and %-encoded file names are dated; a truncated year ("…-september-20") is not."""
    from pipeline.scrape.links import parse_page
    from pipeline.scrape.metadata import describe

    html = decode_html((FIXTURES / "dated_file_names.html").read_bytes(), "text/html")
    links = [link for link in parse_page(html, BOARD_PAGE).links if looks_like_document(link)]
    got = [(link.url, describe(link, icb_names=("NHS Sussex Integrated Care Board", "Sussex")))
           for link in links]
    assert got == DATED_FILE_NAMES


@pytest.mark.parametrize("url,day", [
    ("https://x.nhs.uk/Board-Papers-14-03-2024.pdf", date(2024, 3, 14)),
    ("https://x.nhs.uk/board_minutes_14_03_2024.pdf", date(2024, 3, 14)),
    ("https://x.nhs.uk/2024_03_14_Board_Agenda.pdf", date(2024, 3, 14)),
    ("https://x.nhs.uk/minutes-14th-september-20.pdf", None),
    ("https://x.nhs.uk/agenda-v2-2024.pdf", None),
])
def test_separated_numbers_in_file_names_are_dates(url, day):
    found = first_date([], url)
    assert (found.day if found else None) == day


def test_minutes_take_the_meeting_their_label_says_they_record():
    html = ("<h1>Papers published for the Board meeting on 4 June 2025</h1>"
            "<div><strong>Minutes of the meeting held on 5 March 2025</strong>"
            "<a href='#' data-downloadurl='/download/minutes-2025-06-04/?wpdmdl=2'>Download</a>"
            "</div>")
    row = described(html, url="https://x.nhs.uk/2025/06/board-papers/")
    assert (row["meeting_date"], row["date_source"]) == ("2025-03-05", "preceding_label")


PACK_NAMES = [  # every field describe() gives, for each document link of the saved page
    ("https://www.sussex.ics.nhs.uk/download/board-papers-2025-06-04/?wpdmdl=801",
     {"title": "Board papers", "title_source": "link_text", "meeting_date": "2025-06-04",
      "meeting_month": "2025-06", "date_source": "heading", "document_type": "board_pack",
      "type_source": "link_text", "committee_name": classify.BOARD_NAME, "is_board": True,
      "committee_source": "link_text"}),
    ("https://www.sussex.ics.nhs.uk/media/finance-and-performance-report-june-2025.pdf",
     {"title": "Finance and performance", "title_source": "link_text",
      "meeting_date": "2025-06-04", "meeting_month": "2025-06", "date_source": "heading",
      "document_type": "papers", "type_source": "file_name",
      "committee_name": classify.BOARD_NAME, "is_board": True,
      "committee_source": "outer_heading"}),
    ("https://www.sussex.ics.nhs.uk/media/5-march-2025.pdf",
     {"title": "Public board papers", "title_source": "link_text", "meeting_date": "2025-03-05",
      "meeting_month": "2025-03", "date_source": "heading", "document_type": "board_pack",
      "type_source": "link_text", "committee_name": classify.BOARD_NAME, "is_board": True,
      "committee_source": "link_text"}),
    ("https://www.sussex.ics.nhs.uk/media/bmp-0325.pdf",
     {"title": "Board meeting papers", "title_source": "link_text", "meeting_date": "2025-03-05",
      "meeting_month": "2025-03", "date_source": "heading", "document_type": "board_pack",
      "type_source": "link_text", "committee_name": classify.BOARD_NAME, "is_board": True,
      "committee_source": "link_text"}),
    ("https://www.sussex.ics.nhs.uk/media/qc-2025-02-12.pdf",
     {"title": "Papers for the meeting on 12 February 2025", "title_source": "link_text",
      "meeting_date": "2025-02-12", "meeting_month": "2025-02", "date_source": "link_text",
      "document_type": "committee_papers", "type_source": "link_text",
      "committee_name": "Quality Committee", "is_board": False, "committee_source": "heading"}),
]


def test_a_meetings_whole_papers_are_a_pack_whatever_the_site_calls_them():
    """A saved board page: "Board papers", "Public board papers (PDF, 6.2MB)", "Board meeting
    papers" and "Papers for the meeting on …" name one meeting's whole pack (a committee's pack is
    its committee papers); a paper under a "Board papers 2025" heading is still one paper."""
    from pipeline.scrape.links import parse_page
    from pipeline.scrape.metadata import describe

    html = decode_html((FIXTURES / "pack_names.html").read_bytes(), "text/html")
    links = [link for link in parse_page(html, BOARD_PAGE).links if looks_like_document(link)]
    got = [(link.url, describe(link, icb_names=("NHS Sussex Integrated Care Board", "Sussex")))
           for link in links]
    assert got == PACK_NAMES


@pytest.mark.parametrize("text,expected", [
    ("Board papers", "board_pack"),
    ("Board meeting papers", "board_pack"),
    ("Public board papers 4 June 2025", "board_pack"),
    ("Papers for the meeting", "board_pack"),
    ("NHS Sussex Board papers - Part 1", "board_pack"),
    ("Papers", "board_pack"),
    ("ICB Board Part A Papers 09.07.2025.pdf", "board_pack"),
    ("ICB-Board-Part-A-Papers-2024-11-13.pdf", "board_pack"),
    ("Extraordinary board meeting papers", "board_pack"),
    ("Papers for the reconvened meeting", "board_pack"),
    ("NHS Sussex finance papers", "papers"),
    ("Board paper: finance report", "papers"),
    ("Supporting papers", "papers"),
    ("Board papers archive", "papers"),
])
def test_pack_names_among_board_papers(text, expected):
    assert classify.document_type([text], "", classify.BOARD_NAME) == expected


@pytest.mark.parametrize("anchor,committee_source", [
    ("<a href='/uploads/Primary-Care-Commissioning-Committee-Papers-2025-06-18.pdf'>"
     "Primary-Care-Commissioning-Committee-Papers-2025-06-18.pdf</a>", "link_text"),
    ("<a href='/uploads/Primary%20Care%20Commissioning%20Committee%20Papers%2018.06.2025.pdf'>"
     "Download</a>", "file_name"),
])
def test_a_committee_a_file_name_names_beats_the_page_heading(anchor, committee_source):
    row = described(f"<h1>Board papers 2025</h1><ul><li>{anchor}</li></ul>")
    assert (row["committee_name"], row["is_board"], row["committee_source"], row["meeting_date"],
            row["document_type"]) == ("Primary Care Commissioning Committee", False,
                                      committee_source, "2025-06-18", "committee_papers")


def test_a_page_heading_naming_the_file_names_committee_in_full_keeps_its_name():
    row = described("<h1>NHS Sussex Quality Committee</h1><ul><li><a href='/uploads/Quality-"
                    "Committee-minutes-2025-06-18.pdf'>Download</a></li></ul>")
    assert (row["committee_name"], row["is_board"], row["committee_source"]) == (
        "NHS Sussex Quality Committee", False, "page_heading")


@pytest.mark.parametrize("anchor,title", [
    ("<a href='/uploads/ICB-Board-Part-1-Agenda-July-25.pdf'>ICB-Board-Part-1-Agenda-July-25.pdf</a>",
     "ICB-Board-Part-1-Agenda-July-25"),
    ("<a href='/uploads/a.pdf'>ICB Board Part A Papers 09.07.2025.pdf</a>",
     "ICB Board Part A Papers 09.07.2025"),
    ("<a href='/uploads/Public-Questions-Form.docx'>Public-Questions-Form.docx</a>",
     "Public-Questions-Form"),
    ("<a href='/documents/s1/CEO.pdf'>Chief Executive's report <img alt='pdf icon' src='i.gif'> "
     "PDF 1 MB</a>", "Chief Executive's report"),
    ("<a href='/uploads/b.pdf'>Finance report v1.2 (PDF, 1.2 MB)</a>", "Finance report v1.2"),
])
def test_titles_drop_the_file_type_and_size(anchor, title):
    row = described(f"<h1>Board papers</h1><ul><li>{anchor}</li></ul>")
    assert (row["title"], row["title_source"]) == (title, "link_text")


@pytest.mark.parametrize("text,month", [
    ("ICB-Board-Part-1-Minutes-May-25.pdf", "2025-05"), ("ICB Board Part 1 Papers Sept 25", "2025-09"),
    ("Minutes May 2025", "2025-05"), ("Minutes 14 May 2025", "2025-05"),
    ("Minutes July 25.5", None), ("Minutes July 25 10", None), ("Item 3 Minutes", None),
    ("Board minutes May 99", None),
])
def test_the_month_a_documents_name_gives(text, month):
    from pipeline.scrape.dates import named_month

    assert named_month(text) == month


def test_every_full_date_in_a_text_but_approval_dates():
    from pipeline.scrape.dates import days_in

    assert days_in("Minutes of 9 July 2025, approved on 10 September 2025; see 2025-01-02") == [
        date(2025, 7, 9), date(2025, 1, 2)]
    assert days_in("The previous meeting, 14 May 2025, and 15/01/2025") == [
        date(2025, 5, 14), date(2025, 1, 15)]
    assert days_in("Board papers 2025") == []


MINUTES_BY_MONTH_PAGE = "https://www.sussex.ics.nhs.uk/board/papers/"
UPLOADS = "https://www.sussex.ics.nhs.uk/uploads/2025"


def _board(title: str, day: str | None, month: str, kind: str, date_source: str,
           committee_source: str = "link_text") -> dict:
    return {"committee_name": classify.BOARD_NAME, "is_board": True, "meeting_date": day,
            "meeting_month": month, "document_type": kind, "title": title,
            "date_source": date_source, "committee_source": committee_source,
            "type_source": "link_text", "title_source": "link_text"}


MINUTES_BY_MONTH = [  # every field describe() gives, for each document link of the saved page
    (f"{UPLOADS}/09/ICB-Board-Agenda-Sept-25.pdf",
     _board("ICB-Board-Agenda-Sept-25", "2025-09-10", "2025-09", "agenda", "heading")),
    (f"{UPLOADS}/09/ICB-Board-Minutes-July-25.pdf",  # the note beside it: the previous meeting
     _board("ICB-Board-Minutes-July-25", "2025-07-09", "2025-07", "minutes",
            "link_text+section_text")),
    (f"{UPLOADS}/07/ICB-Board-Agenda-July-25.pdf",
     _board("ICB-Board-Agenda-July-25", "2025-07-09", "2025-07", "agenda", "heading")),
    (f"{UPLOADS}/07/ICB-Board-Minutes-May-25.pdf",  # no meeting known in May: what the clues give
     _board("ICB-Board-Minutes-May-25", "2025-07-09", "2025-07", "minutes", "heading")),
    (f"{UPLOADS}/03/ICB-Board-Agenda-12-03-2025.pdf",
     _board("Agenda", "2025-03-12", "2025-03", "agenda", "heading", "heading")),
    (f"{UPLOADS}/03/ICB-Board-Minutes-January-2025.pdf",  # two meetings in January: no day
     _board("Minutes January 2025", None, "2025-01", "minutes", "link_text", "heading")),
    (f"{UPLOADS}/01/ICB-Board-Agenda-22-01-2025.pdf",
     _board("Agenda", "2025-01-22", "2025-01", "agenda", "heading", "heading")),
    (f"{UPLOADS}/01/ICB-Board-Extraordinary-Agenda-08-01-2025.pdf",
     _board("Agenda", "2025-01-08", "2025-01", "agenda", "heading", "heading")),
]


def test_minutes_named_by_month_take_the_one_meeting_known_in_it():
    """A saved board page whose minutes are listed under the later meeting that approved them and
    named only by their month ("ICB-Board-Minutes-July-25.pdf"): they take the one meeting of the
    board in that month that a note beside them or another meeting on the page gives; with no
    such meeting they keep what the clues give, and with two ("January 2025") no day is made up."""
    from pipeline.scrape.links import parse_page
    from pipeline.scrape.metadata import describe, meetings_known

    html = decode_html((FIXTURES / "minutes_by_month.html").read_bytes(), "text/html")
    links = [link for link in parse_page(html, MINUTES_BY_MONTH_PAGE).links
             if looks_like_document(link)]
    names = ("NHS Sussex Integrated Care Board", "Sussex")
    known = meetings_known([describe(link, icb_names=names) for link in links])
    assert known == {classify.BOARD_NAME: frozenset({
        date(2025, 9, 10), date(2025, 7, 9), date(2025, 3, 12), date(2025, 1, 22),
        date(2025, 1, 8)})}
    got = [(link.url, describe(link, icb_names=names, known_meetings=known)) for link in links]
    assert got == MINUTES_BY_MONTH


def test_minutes_named_by_month_take_a_meeting_known_elsewhere_on_the_site():
    """Without a note, the meeting the site's other documents were dated to (``known``) dates
    minutes named by its month; the minutes' own statement still comes first."""
    html = ("<h2>Board meeting in public – 10 September 2025</h2><ul><li><a href='/uploads/"
            "ICB-Board-Minutes-July-25.pdf'>ICB-Board-Minutes-July-25.pdf</a></li></ul>")
    from pipeline.scrape.links import parse_page
    from pipeline.scrape.metadata import describe

    link = parse_page(html, MINUTES_BY_MONTH_PAGE).links[0]
    known = {classify.BOARD_NAME: frozenset({date(2025, 7, 9), date(2025, 9, 10)})}
    row = describe(link, known_meetings=known)
    assert (row["meeting_date"], row["meeting_month"], row["date_source"]) == (
        "2025-07-09", "2025-07", "link_text+known_meeting")
    assert describe(link)["meeting_date"] == "2025-09-10"
    stated = parse_page(html.replace("</a></li>", "</a> Minutes of the meeting held on 3 July "
                                                   "2025</li>"), MINUTES_BY_MONTH_PAGE).links[0]
    assert describe(stated, known_meetings=known)["meeting_date"] == "2025-07-03"


def test_section_notes_are_clues_of_the_links_below_them():
    from pipeline.scrape.links import parse_page

    html = ("<h2>Board meeting – 9 July 2025</h2><p>Papers are published a week before.</p>"
            "<p>See <a href='/older/'>older papers</a>.</p><p>The minutes are those of 14 May "
            "2025.</p><ul><li><a href='/m.pdf'>Minutes</a></li></ul><h2>Other</h2>"
            "<ul><li><a href='/x.pdf'>Report</a></li></ul>")
    links = {link.url.rsplit("/", 1)[1]: link for link in parse_page(html, MINUTES_BY_MONTH_PAGE).links}
    assert [text for source, text in links["m.pdf"].clues if source == "section_text"] == [
        "The minutes are those of 14 May 2025.", "Papers are published a week before."]
    assert [text for source, text in links["x.pdf"].clues if source == "section_text"] == []


@pytest.mark.parametrize("url,plain", [
    ("https://x.nhs.uk/media/2f3k1a/board-papers.pdf?download=true",
     "https://x.nhs.uk/media/2f3k1a/board-papers.pdf"),
    ("https://x.nhs.uk/a.pdf?DL=1&utm_source=news", "https://x.nhs.uk/a.pdf"),
    ("https://x.nhs.uk/Document.ashx?czJKc=a1Qx7Rk%3D&G=G5&attachment",
     "https://x.nhs.uk/Document.ashx?czJKc=a1Qx7Rk%3D&G=G5"),
    ("https://x.nhs.uk/getfile.aspx?name=a%20b.pdf&inline=true", "https://x.nhs.uk/getfile.aspx?name=a%20b.pdf"),
    ("https://x.nhs.uk/a.pdf?v=2", "https://x.nhs.uk/a.pdf?v=2"),
    ("https://x.nhs.uk/download.cfm?doc=docm93jijm4n4101", "https://x.nhs.uk/download.cfm?doc=docm93jijm4n4101"),
])
def test_delivery_parameters_are_dropped_and_nothing_else(url, plain):
    from pipeline.scrape.duplicates import without_parameters

    names = recipe_for(load_recipes(), "QWO").download_parameters
    assert without_parameters(url, names) == plain


def test_another_address_of_a_document_is_a_duplicate_of_the_plain_one_or_the_first():
    from pipeline.scrape.duplicates import duplicates

    names = ("download", "dl")
    urls = ["https://x.nhs.uk/a.pdf?download=true", "https://x.nhs.uk/a.pdf",
            "https://x.nhs.uk/b.pdf?dl=1", "https://x.nhs.uk/b.pdf?download=1",
            "https://x.nhs.uk/c.pdf?download=true", "https://x.nhs.uk/d.pdf?v=1",
            "https://x.nhs.uk/d.pdf?v=2"]
    assert duplicates(urls, names) == {
        "https://x.nhs.uk/a.pdf?download=true": "https://x.nhs.uk/a.pdf",
        "https://x.nhs.uk/b.pdf?download=1": "https://x.nhs.uk/b.pdf?dl=1"}
    assert duplicates(urls, ()) == {}


def test_a_time_element_is_read_as_its_datetime_says():
    """Drupal's month-first "Thu, 07/10/2025 - 10:00" is 10 July (its datetime attribute), in every
    clue that holds it; the one meeting day the <time> elements of a node give dates its file
    fields; a "Published on" stamp dates nothing."""
    html = ("<main><p><a href='/a.pdf'>Agenda</a> <time datetime='2025-07-10T09:00:00Z'>"
            "Thu, 07/10/2025 - 10:00</time></p>"
            "<article><h1>ICB Board meeting in public</h1><p>Published on <time datetime="
            "'2025-09-04'>4 September 2025</time></p><div class='field'><time datetime="
            "'2025-09-11T09:00:00Z'>Thu, 09/11/2025 - 10:00</time></div><div class='field__items'>"
            "<span class='file'><a href='/b.docx'>Board assurance framework Q1</a></span></div>"
            "</article><article><p>Posted on <time class='entry-date published' datetime="
            "'2025-08-01'>1 August 2025</time></p><a href='/c.pdf'>Strategy</a></article></main>")
    first, second, third = (described(html, index=n) for n in range(3))
    assert (first["meeting_date"], first["date_source"]) == ("2025-07-10", "paragraph")
    assert (second["meeting_date"], second["date_source"], second["document_type"]) == (
        "2025-09-11", "time", "papers")
    assert (third["meeting_date"], third["date_source"]) == (None, None)
    html = ("<article><p>Posted on <time datetime='2024-07-04'>4 July 2024</time> about the "
            "meeting on 11 July 2024</p><a href='/a.pdf'>Strategy</a></article><article><div>"
            "Meeting <time datetime='2025-07-09T23:30:00Z'>10 July 2025</time></div><a href="
            "'/b.pdf'>Agenda</a></article>")  # a stamp by the words before it; a local day kept
    assert [[clue for clue in link.clues if clue[0] == "time"]
            for link in parse_page(html, "https://x.nhs.uk/").links] == [
        [], [("time", "10 July 2025")]]


def test_a_meeting_pages_lead_dates_its_papers_under_a_heading_naming_the_month():
    from pipeline.scrape.links import parse_page

    lead = ("<p>Wednesday 17 September 2025 at 1:30pm, County Hall. <a href='https://zoom.us/j/1'>"
            "Join on Zoom</a>.</p><ol><li><h3><a href='/ceo.pdf'>Report from the chief executive"
            "</a></h3></li></ol>")
    row = described(f"<h1>Public board meeting agenda and papers: September 2025</h1>{lead}")
    assert (row["meeting_date"], row["date_source"]) == ("2025-09-17", "page_lead")
    for heading in ("Board meetings", "Board papers: October 2025"):  # no month, another month
        page = parse_page(f"<h1>{heading}</h1>{lead}", "https://x.nhs.uk/board/")
        assert not any(source == "page_lead" for source, _ in page.links[-1].clues), heading


@pytest.mark.parametrize("heading,recorded", [
    ("Public board meeting agenda and papers: September 2025", "2025-07-16"),
    ("Board meeting, 14 January 2026", "2025-07-16"),
    ("Board papers 2025", "2025-07-16"),
])
def test_minutes_held_on_a_day_without_a_year_take_the_listings_year(heading, recorded):
    row = described(f"<h1>{heading}</h1><ol><li><h3><a href='/m.docx'>Minutes of the last board "
                    f"meeting (Word)</a></h3><p>To approve the minutes of the public board meeting "
                    f"held on 16 July.</p></li></ol>")
    assert (row["meeting_date"], row["document_type"], row["title"]) == (
        recorded, "minutes", "Minutes of the last board meeting")
    assert row["date_source"].startswith("list_item+")


def test_a_link_to_a_meetings_page_gives_the_day_its_row_or_time_gives():
    from pipeline.scrape.links import parse_page
    from pipeline.scrape.metadata import referring_day

    page = parse_page("<table><thead><tr><th>Date</th><th>Papers</th></tr></thead><tr><td>Wednesday"
                      " 30 July 2025</td><td><a href='/board/extraordinary'>Agenda and papers</a></td>"
                      "</tr></table><article><h3><a href='/meetings/board-1'>ICB Board meeting in "
                      "public</a></h3><time datetime='2025-09-11'>Thu, 09/11/2025</time></article>"
                      "<ul><li><a href='/board/archive'>Board papers 2024</a></li></ul><p>Our next "
                      "meeting is on 19 November 2025. <a href='/board/papers/'>All papers</a></p>",
                      "https://x.nhs.uk/board/")
    assert [referring_day(link) for link in page.links] == [date(2025, 7, 30), date(2025, 9, 11),
                                                             None, None]


def test_the_breadcrumbs_last_item_names_the_body_when_nothing_closer_does():
    trail = ("<nav class='nhsuk-breadcrumb' aria-label='Breadcrumb'><ol class='nhsuk-breadcrumb__"
             "list'><li><a href='/'>Home</a></li><li><a href='/pccc/'>Primary Care Commissioning "
             "Committee</a></li></ol><p class='nhsuk-breadcrumb__back'><a href='/pccc/'>Back to "
             "Primary Care Commissioning Committee</a></p></nav>")
    row = described(f"{trail}<main><h1>Meeting papers</h1><ul><li><a href='/i.pdf'>Item 3.1 – "
                    f"Primary care access update</a></li></ul></main>")
    assert (row["committee_name"], row["is_board"], row["committee_source"],
            row["document_type"]) == ("Primary Care Commissioning Committee", False, "breadcrumb",
                                      "committee_papers")
    row = described(f"{trail}<main><h1>Audit Committee</h1><a href='/a.pdf'>Agenda</a></main>")
    assert (row["committee_name"], row["committee_source"]) == ("Audit Committee", "page_heading")
    row = described("<div class='breadcrumb'><a href='/'>Home</a> &gt; <a href='/about/'>About"
                    "</a> &gt; Quality Committee</div><h1>Papers</h1><a href='/q.pdf'>Agenda</a>")
    assert (row["committee_name"], row["committee_source"]) == ("Quality Committee", "breadcrumb")


def test_a_heading_about_the_committee_names_no_body():
    assert classify.body_in("About the committee") is None
    assert classify.body_in("About the Board") == classify.Body(classify.BOARD_NAME, True)
    row = described("<h1>Primary Care Commissioning Committee</h1><h2>About the committee</h2>"
                    "<ul><li><a href='/tor.pdf'>Terms of reference</a></li></ul>")
    assert (row["committee_name"], row["committee_source"], row["document_type"]) == (
        "Primary Care Commissioning Committee", "page_heading", "terms_of_reference")


@pytest.mark.parametrize("html,title", [
    ("<li><span>Public Board Papers 18th September 2025</span> <a href='/p.pdf'>Download (PDF, "
     "2.3MB)</a></li>", "Public Board Papers 18th September 2025"),
    ("<li>Agenda 18 September 2025 <a href='/p.pdf'>View</a></li>", "Agenda 18 September 2025"),
    ("<li><a href='/p.pdf'>Open</a> Minutes 17 July 2025</li>", "Minutes 17 July 2025"),
    ("<div><a id='m1' href='/a/'>Item 9 – Winter plan 2025/26</a><a href='/p.pdf' aria-describedby="
     "'m1'>Download</a></div>", "Item 9 – Winter plan 2025/26"),
])
def test_titles_beside_a_button_leave_out_its_words(html, title):
    row = described(f"<h1>Board papers</h1><ul>{html}</ul>")
    assert row["title"] == title


def _described_all(html: str, url: str) -> dict:
    from pipeline.scrape.metadata import describe

    return {link.url: describe(link, icb_names=("NHS Sussex Integrated Care Board", "Sussex"))
            for link in parse_page(html, url).links}


def test_a_link_to_the_page_as_a_file_takes_the_pages_heading():
    """A paper published as a web page: its "Download this page as PDF" and "Print this page"
    links are the page itself, so they take its <h1> as title, and the type and date it gives."""
    page = "https://x.nhs.uk/board/11-september-2025/minutes-10-july-2025"
    rows = _described_all(
        "<main><p class='caption'>Paper for: Board meeting, 11 September 2025 – Item 3</p><h1>"
        "Minutes of the Board meeting held on 10 July 2025</h1><p><a href='" + page + "/pdf'>"
        "Download this page as PDF</a> <a href='/print/board/minutes-10-july-2025'>Print this page"
        "</a></p></main>", page)
    minutes = {"committee_name": classify.BOARD_NAME, "is_board": True,
               "meeting_date": "2025-07-10", "meeting_month": "2025-07",
               "document_type": "minutes", "title": "Minutes of the Board meeting held on 10 July 2025",
               "date_source": "link_text", "committee_source": "link_text",
               "type_source": "link_text", "title_source": "link_text"}
    assert rows == {f"{page}/pdf": minutes,
                    "https://x.nhs.uk/print/board/minutes-10-july-2025": minutes}


@pytest.mark.parametrize("text,is_this_page", [
    ("Download this page as PDF", True), ("Print this page", True), ("Save this page as a PDF", True),
    ("Printable version", True), ("Download the agenda (PDF)", False), ("View page 2", False),
    ("Board papers (PDF, 2MB)", False),
])
def test_links_naming_the_page_they_are_on(text, is_this_page):
    from pipeline.scrape.links import is_this_page_text

    assert is_this_page_text(text) is is_this_page


def _attachment(href: str, title: str, size: str) -> str:
    return (f"<section class='gem-c-attachment'><div class='gem-c-attachment__thumbnail'><a href='"
            f"{href}' tabindex='-1' aria-hidden='true'><svg></svg></a></div><div class='gem-c-"
            f"attachment__details'><h3 class='gem-c-attachment__title'><a href='{href}'>{title}</a>"
            f"</h3><p class='gem-c-attachment__metadata'><span>PDF</span>, <span>{size}</span>, "
            f"<span>12 pages</span></p></div></section>")


def test_a_textless_thumbnail_link_takes_its_blocks_title_link():
    """GOV.UK-style attachments: a thumbnail link with no text, then the title link to the same
    file: the thumbnail is named by the title link, not by the text before it."""
    rows = _described_all(
        "<main><h1>ICB board meeting: 17 September 2025</h1><h2>Documents</h2>"
        + _attachment("/media/1/agenda.pdf", "Agenda", "245 KB")
        + _attachment("/media/2/papers.pdf", "Board papers", "8.4 MB") + "</main>",
        "https://x.nhs.uk/publications/icb-board-meeting-17-september-2025")
    agenda = {"committee_name": classify.BOARD_NAME, "is_board": True,
              "meeting_date": "2025-09-17", "meeting_month": "2025-09", "document_type": "agenda",
              "title": "Agenda", "date_source": "page_heading", "committee_source": "page_heading",
              "type_source": "link_text", "title_source": "link_text"}
    papers = {**agenda, "document_type": "board_pack", "title": "Board papers",
              "committee_source": "link_text"}
    assert rows == {"https://x.nhs.uk/media/1/agenda.pdf": agenda,
                    "https://x.nhs.uk/media/2/papers.pdf": papers}
    thumbnail = parse_page(_attachment("/media/1/agenda.pdf", "Agenda", "245 KB"),
                           "https://x.nhs.uk/p").links[0]
    assert (thumbnail.text, thumbnail.clues[0]) == ("Agenda", ("link_text", "Agenda"))


def test_an_easy_read_summary_is_a_leaflet_even_listed_under_a_meeting():
    """An easy-read summary or guide is a leaflet wherever it is linked; an easy-read version of a
    report or of what the board decided, listed under a meeting, is that meeting's paper."""
    for title in ("Easy read summary of this meeting", "Easy read guide: how the ICB makes decisions",
                  "Easy-read summaries of board meetings"):
        assert classify.not_a_paper([title], is_dated=True).rule_id == "easy_read_guide"
    for title in ("Easy read summary of the annual report", "Easy read: what the Board decided",
                  "Easy read summary of the Joint Forward Plan"):
        assert classify.not_a_paper([title], is_dated=True) is None
