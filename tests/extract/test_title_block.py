"""The meeting date and committee a document's first page states in its title block. The texts are
written for these tests in the shapes ICB board and committee papers open with."""

import json
from datetime import date

import duckdb
import pytest

from pipeline import contracts
from pipeline.demo.pdf import layout, render_pdf
from pipeline.extract.run import extract_dataset
from pipeline.extract.title_block import BOARD_NAME, TitleBlock, body_name, read_title_block
from pipeline.scrape.store import Store

QPC = "Quality and Performance Committee"


@pytest.mark.parametrize("text,expected", [
    ("NHS Northmoor ICB | Quality and Performance Committee\n\n"
     "Minutes of the meeting of the Quality and Performance Committee held on Thursday 14 March "
     "2024 at 10:00 via Microsoft Teams\nPresent:\nA Chair (Chair)",
     TitleBlock(date(2024, 3, 14), QPC)),
    ("NHS Northmoor Integrated Care Board \u2014 Board meeting in public \u2014 5 June 2025\n"
     "Agenda\n1. Welcome and apologies",
     TitleBlock(date(2025, 6, 5), BOARD_NAME)),
    ("Agenda\nPrimary Care Commissioning Committee\nDate: 12/09/2024\nTime: 13:00\nVenue: Room 2",
     TitleBlock(date(2024, 9, 12), "Primary Care Commissioning Committee")),
    ("Minutes of the meeting of the integrated care board held on 2 February 2023 in public at "
     "the Civic Hall",
     TitleBlock(date(2023, 2, 2), BOARD_NAME)),
    ("DRAFT MINUTES of the NHS Northmoor ICB Board Meeting Held in Public\n"
     "Held on 7th April 2023 via Microsoft Teams\nCONFIRMED",
     TitleBlock(date(2023, 4, 7), BOARD_NAME)),
    ("Public Board Meeting\nAGENDA ITEM NO: 10\nDate of Meeting: 31st August 2024\n"
     "TITLE OF REPORT: Finance update",
     TitleBlock(date(2024, 8, 31), BOARD_NAME)),
    ("Public Document Pack\nNorthmoor Place Partnership Board\nThursday, 18th April, 2024 10.00 am\n"
     "Venue: Council Chamber",
     TitleBlock(date(2024, 4, 18), "Northmoor Place Partnership Board")),
    ("At a MEETING of the NORTHMOOR PLACE PARTNERSHIP BOARD held remotely on 27th October, 2023.",
     TitleBlock(date(2023, 10, 27), "Northmoor Place Partnership Board")),
    ("Joint Commissioning Committee. Meeting held 21 February 2024, 9:30 - 11:30 am",
     TitleBlock(date(2024, 2, 21), "Joint Commissioning Committee")),
    ("NHS Northmoor Integrated Care Board\nAudit and Risk Committee\n"
     "Minutes of the meeting held on 14 March 2024\nPresent:",
     TitleBlock(date(2024, 3, 14), "Audit and Risk Committee")),
])
def test_title_blocks(text, expected):
    assert read_title_block(text) == expected


def test_minutes_in_a_pack_take_the_meeting_they_record_not_the_packs_header():
    text = ("Board Meeting in Public 9 May 2024 Page 14 of 120\n"
            "Audit Committee Meeting Minutes Tuesday 13 February 2024 14:00 to 16:00\nPresent:")
    assert read_title_block(text) == TitleBlock(date(2024, 2, 13), "Audit Committee")


def test_an_agendas_items_are_not_its_title_block():
    text = ("NHS Northmoor ICB\nBoard meeting in public\nAgenda\nDate: 9 May 2024\n1. Welcome\n"
            "3. Minutes of the previous meeting held on 14 March 2024")
    assert read_title_block(text) == TitleBlock(date(2024, 5, 9), BOARD_NAME)
    text = ("Audit Committee agenda\n9 May 2024 at 14:00\n1. Apologies\n"
            "2. To approve the minutes of the meeting held on 12 February 2024")
    assert read_title_block(text) == TitleBlock(date(2024, 5, 9), "Audit Committee")


def test_approval_and_publication_dates_are_not_the_meeting():
    text = ("Minutes of the People and Communities Committee held on 3 October 2024\n"
            "Approved at the meeting on 5 December 2024")
    assert read_title_block(text) == TitleBlock(date(2024, 10, 3), "People and Communities Committee")
    text = ("Annual report and accounts 2023/24\nNHS Northmoor Integrated Care Board\n"
            "Published 20 September 2024")
    assert read_title_block(text) == TitleBlock(None, BOARD_NAME)


def test_a_page_without_a_title_block_says_nothing():
    assert read_title_block("") == TitleBlock(None, None)
    text = ("Finance report\nThe Quality Committee met on 26 June 2024 and discussed the risks in "
            "the paper set out below at some length before it agreed the actions.")
    assert read_title_block(text) == TitleBlock(None, None)


@pytest.mark.parametrize("text,expected", [
    ("the Quality and Performance Committee", QPC),
    ("NHS Northmoor ICB Audit Committee", "Audit Committee"),
    ("NHS Northmoor Integrated Care Board", BOARD_NAME),
    ("ICB Board", BOARD_NAME),
    ("Northmoor Health and Care Partnership Board", "Northmoor Health and Care Partnership Board"),
    ("Finance report", None),
])
def test_body_names(text, expected):
    assert body_name(text) == expected


def test_extract_writes_the_title_block_into_documents(tmp_path):
    raw = tmp_path / "raw"
    store = Store(raw / "store")
    minutes = render_pdf(layout([
        "## Minutes of the meeting of the Quality and Performance Committee held on 14 March 2024",
        "Present: the Chair and members.", "The committee noted the report."],
        header="NHS Northmoor ICB | Quality and Performance Committee")[0])
    untitled = render_pdf(layout(["The finance report was noted and the risks discussed."])[0])
    with (raw / "manifest.jsonl").open("w") as handle:
        for number, data in enumerate([minutes, untitled]):
            sha, _ = store.put(data)
            handle.write(json.dumps(contracts.fixture_rows(
                "manifest", requested_url=f"https://x.nhs.uk/{number}.pdf", sha256=sha)[0]) + "\n")
    out = tmp_path / "extract"
    extract_dataset(raw, out, workers=1)
    assert contracts.validate_file(out / "documents.parquet", "documents") == 2
    rows = duckdb.sql(f"select title_block_meeting_date, title_block_committee_name "
                      f"from '{out / 'documents.parquet'}' order by 1 nulls last").fetchall()
    assert rows == [(date(2024, 3, 14), QPC), (None, None)]


def test_a_running_header_names_the_committee_beside_the_icb():
    text = ("NHS Northmoor Integrated Care Board | Finance and Performance Committee\n"
            "Finance and Performance Committee terms of reference\n1. Purpose")
    assert read_title_block(text) == TitleBlock(None, "Finance and Performance Committee")
