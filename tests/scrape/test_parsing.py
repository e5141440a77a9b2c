import json
from datetime import date
from pathlib import Path

import pytest

from pipeline.scrape import classify
from pipeline.scrape.dates import first_date, parse_date
from pipeline.scrape.links import decode_html, looks_like_document, page_links
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
                                  "Room 101", "14/03/1999"])
def test_unparseable_dates_are_unknown_never_guessed(text):
    assert parse_date(text) is None


def test_file_name_dates_only_from_urls():
    assert parse_date("minutes-140324.pdf") is None
    assert first_date(["Minutes"], "https://x.nhs.uk/minutes-140324.pdf").day == date(2024, 3, 14)
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
    ("Engagement report June 2025", "People and Communities Committee", "engagement_report"),
    ("Annual report and accounts 2023/24", "Integrated Care Board", "annual_report"),
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
    bad = tmp_path / "recipes.toml"
    bad.write_text("[defaults]\n[icb.QWO]\nstart_url = 'x'\n")
    with pytest.raises(ValueError, match="QWO.*start_url"):
        load_recipes(bad)
