"""int_documents: a meeting paper's own title block confirms or corrects the listing's meeting."""

from pathlib import Path

import duckdb
import pytest

from pipeline.models.build import SQL_DIR

MODEL = (Path(SQL_DIR) / "intermediate" / "int_documents.sql").read_text(encoding="utf-8")


def documents(rows):
    """int_documents over one listing row and one extraction row per document."""
    connection = duckdb.connect()
    connection.execute("""create table stg_documents (sha256 varchar, document_type varchar,
        meeting_date date, committee_name varchar, committee_source varchar, is_board boolean)""")
    connection.execute("""create table stg_extractions (sha256 varchar, extraction_status varchar,
        extraction_error varchar, page_count integer, char_count bigint,
        pages_without_text_count integer, is_low_text_density boolean,
        title_block_meeting_date date, title_block_committee_name varchar)""")
    for number, (listing, title_block) in enumerate(rows):
        sha = f"sha-{number}"
        connection.execute("insert into stg_documents values (?, ?, ?, ?, ?, ?)", [sha, *listing])
        connection.execute("insert into stg_extractions values (?, 'ok', null, 1, 100, 0, false, ?, ?)",
                           [sha, *title_block])
    return connection.execute(f"select sha256, meeting_date::varchar, meeting_date_source, committee_name, "
                              f"is_board from ({MODEL}) order by sha256").fetchall()


BOARD = ("Integrated Care Board", "link_text", True)


@pytest.mark.parametrize("listing, title_block, expected", [
    # Minutes listed under the meeting that approved them record an earlier one.
    (("minutes", "2024-05-09", *BOARD), ("2024-03-14", None),
     ("2024-03-14", "title_block", "Integrated Care Board", True)),
    # A strategy's first-page date is a version date: the listing keeps the date.
    (("involvement_strategy", "2024-05-09", *BOARD), ("2023-01-01", None),
     ("2024-05-09", "listing", "Integrated Care Board", True)),
    # No date anywhere stays empty, with no source.
    (("agenda", None, *BOARD), (None, None), (None, None, "Integrated Care Board", True)),
    # A committee's paper the listing filed as the board's.
    (("agenda", "2024-05-09", *BOARD), (None, "Quality Committee"),
     ("2024-05-09", "listing", "Quality Committee", False)),
    # A committee the listing named is kept, whatever the title block spells.
    (("minutes", "2024-05-09", "Quality and Safety Committee", "heading", False),
     (None, "Quality & Safety Committee"),
     ("2024-05-09", "listing", "Quality and Safety Committee", False)),
    # Nothing named a committee (default): the title block's body, the board included.
    (("papers", "2024-05-09", "Integrated Care Board", "default", True),
     (None, "Primary Care Commissioning Committee"),
     ("2024-05-09", "listing", "Primary Care Commissioning Committee", False)),
])
def test_title_block_confirms_the_meeting(listing, title_block, expected):
    assert documents([(listing, title_block)]) == [("sha-0", *expected)]
