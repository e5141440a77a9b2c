import io
import json
import os
import time
import zipfile

import duckdb
import pytest

from pipeline import contracts
from pipeline.demo.pdf import Line, Page, layout, render_pdf
from pipeline.extract import engines
from pipeline.extract.engines import (
    ARCHIVE_REASON,
    PDF_ENGINE,
    ExtractionError,
    UnsupportedFormat,
    extract,
    extractor_version,
    separate_running_lines,
)
from pipeline.extract.ocr import tesseract_version
from pipeline.extract.run import Limits, extract_dataset, low_density, run_jobs
from pipeline.scrape.store import Store

BODY = ["## Minutes of the meeting", "The Board heard a patient story from a carer."] + [
    f"Item {n}: the finance report was noted and the risks were discussed at length." for n in range(60)]


def test_pdf_pages_are_numbered_and_headers_separated():
    pages, _ = layout(BODY, header="NHS Test ICB | Board", footer="Page {page} of {pages}")
    engine, extracted = extract(render_pdf(pages))
    assert engine.startswith("pypdfium2") and len(extracted) == len(pages) > 1
    assert [p.page_number for p in extracted] == list(range(1, len(pages) + 1))
    assert extracted[0].text.startswith("NHS Test ICB | Board\n\n")
    assert "patient story from a carer" in extracted[0].text
    assert extracted[-1].text.rstrip().endswith(f"Page {len(pages)} of {len(pages)}")


def test_two_columns_are_read_separately():
    left = ["The Board heard a"] + ["left column words words words words words"] * 30
    right = ["patient story today"] + ["right column text text text text text"] * 30
    lines = []
    for row, (a, b) in enumerate(zip(left, right, strict=True)):
        lines += [Line(56, 760 - row * 14, 10, a), Line(306, 760 - row * 14, 10, b)]
    _, pages = extract(render_pdf([Page(lines)]))
    text = pages[0].text
    assert "heard a patient story" not in " ".join(text.split())
    left_part, right_part = text.split("\n\n", 1)
    assert "right column" not in left_part and "left column" not in right_part


@pytest.mark.parametrize("data,reason", [
    (render_pdf([Page([Line(56, 700, 10, "secret")])], user_password="pw"), "encrypted PDF"),
    (render_pdf(text_pages := layout(BODY)[0])[:900], "damaged or unreadable PDF"),
    (b"\x00\x01binary junk", "unknown format"),
])
def test_unreadable_documents_give_reasons(data, reason):
    with pytest.raises(ExtractionError, match=reason):
        extract(data)


def test_image_only_pages_need_ocr():
    _, pages = extract(render_pdf([Page(is_image_only=True), Page([Line(56, 700, 10, "x" * 40)])]))
    assert [p.is_needs_ocr for p in pages] == [True, False]


def scanned_pdf(lines: list[str]) -> bytes:
    """A one-page PDF that is only a picture of typed text, as a scanner makes."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (2480, 900), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=56)
    for number, line in enumerate(lines):
        draw.text((150, 150 + number * 110), line, fill=0, font=font)
    out = io.BytesIO()
    image.save(out, format="PDF", resolution=300)
    return out.getvalue()


SCANNED = ["The Board welcomed the Healthwatch representative,",
           "who is a participant member of the Board."]


def test_image_only_pages_are_flagged_without_tesseract(monkeypatch):
    monkeypatch.setattr(engines, "tesseract_version", lambda: None)
    engine, pages = extract(scanned_pdf(SCANNED))
    assert engine.startswith("pypdfium2")
    assert pages[0].is_needs_ocr and not pages[0].text.strip() and pages[0].ocr_engine is None


@pytest.mark.skipif(tesseract_version() is None, reason="Tesseract is not installed")
def test_image_only_pages_are_read_by_tesseract_when_installed():
    _, pages = extract(scanned_pdf(SCANNED))
    assert pages[0].ocr_engine == tesseract_version() and not pages[0].is_needs_ocr
    assert "Healthwatch representative" in " ".join(pages[0].text.split())
    assert extractor_version().endswith(f"+{tesseract_version()}")


def test_docx_pages_and_html_main_content():
    xml = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           '<w:body><w:p><w:r><w:t>First page.</w:t></w:r></w:p><w:p><w:r><w:br w:type="page"/>'
           '<w:t>Second page.</w:t></w:r></w:p></w:body></w:document>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", xml)
    engine, pages = extract(buffer.getvalue())
    assert engine == "docx-xml" and [p.text.strip() for p in pages] == ["First page.", "Second page."]
    html = (b"<html><body><nav>Home | Contact</nav><main><h1>Minutes</h1><p>The Board heard a "
            b"patient story.</p></main><footer>Cookies</footer></body></html>")
    engine, pages = extract(html)
    assert engine == "html-main" and "patient story" in pages[0].text
    assert "Cookies" not in pages[0].text and "Contact" not in pages[0].text


def zipped(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, b"%PDF-1.4 not really" if name.endswith(".pdf") else b"<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize("data,reason", [
    (zipped("Item 1 Agenda.pdf", "Item 5.1 Chief Executive's report.pdf"), ARCHIVE_REASON),
    (zipped("Item 1 Agenda.pdf", "Item 2 Minutes.pdf")[:60], ARCHIVE_REASON),  # cut short
    (zipped("[Content_Types].xml", "xl/workbook.xml"), "Excel workbook: not read"),
    (zipped("[Content_Types].xml", "ppt/presentation.xml"), "PowerPoint presentation: not read"),
])
def test_a_zip_that_is_not_a_word_document_is_unsupported_not_damaged(data, reason):
    with pytest.raises(UnsupportedFormat, match=f"^{reason}$"):
        extract(data)


def test_a_damaged_word_document_is_still_reported_damaged():
    with pytest.raises(ExtractionError, match="damaged Word document") as raised:
        extract(zipped("[Content_Types].xml", "word/document.xml")[:60])
    assert not isinstance(raised.value, UnsupportedFormat)


def test_low_density_flags_collapsing_text():
    assert low_density([2000, 2100, 10, 0, 0, 1900])
    assert not low_density([2000, 2100, 1800, 1950])
    assert not low_density([30])


def test_running_lines_are_set_apart_only_when_they_repeat():
    from pipeline.extract.engines import PageText
    pages = separate_running_lines([PageText(1, "Unique heading\nBody one."),
                                    PageText(2, "Other heading\nBody two.")])
    assert [page.text for page in pages] == ["Unique heading\nBody one.", "Other heading\nBody two."]
    pages = separate_running_lines([PageText(n, f"ICB Board 12 March 2025\nBody {n}.\nPage {n} of 3")
                                    for n in (1, 2, 3)])
    assert [page.text for page in pages] == [
        f"ICB Board 12 March 2025\n\nBody {n}.\n\nPage {n} of 3" for n in (1, 2, 3)]


@pytest.mark.parametrize(("page_count", "is_running"), [(4, True), (5, False)])
def test_a_running_line_recurs_on_at_least_half_the_pages(page_count, is_running):
    """A first line on 2 of 4 pages is a running header (on those two pages only); on 2 of 5 it is
    not, and no page is changed."""
    from pipeline.extract.engines import PageText
    words = ["finance", "quality", "estates", "workforce", "digital"]
    texts = [(f"Quality Committee report {n}" if n <= 2 else f"Heading {word}")
             + f"\nThe {word} item was noted." for n, word in enumerate(words[:page_count], 1)]
    pages = separate_running_lines([PageText(n, text) for n, text in enumerate(texts, 1)])
    assert [page.text for page in pages] == [
        text.replace("\n", "\n\n", 1) if is_running and n <= 2 else text
        for n, text in enumerate(texts, 1)]


def crash_on_bad(sha256, path, seconds):
    if sha256 == "bad":
        os._exit(3)
    return {"sha256": sha256, "status": "ok", "error": None}


def hang_on_slow(sha256, path, seconds):
    if sha256 == "slow":
        time.sleep(600)
    return {"sha256": sha256, "status": "ok", "error": None}


def test_a_crashing_document_is_isolated_and_recorded():
    jobs = [(name, "") for name in ("a", "b", "bad", "c", "d")]
    rows = {row["sha256"]: row for row in run_jobs(jobs, 2, Limits(), work=crash_on_bad)}
    assert set(rows) == {"a", "b", "bad", "c", "d"}
    assert rows["bad"]["status"] == "error" and "crashed" in rows["bad"]["error"]
    assert all(rows[name]["status"] == "ok" for name in "abcd")


def test_a_hanging_document_is_stopped():
    jobs = [("slow", ""), ("quick", "")]
    rows = {row["sha256"]: row for row in run_jobs(
        jobs, 2, Limits(seconds=1, grace_seconds=1), work=hang_on_slow)}
    assert rows["quick"]["status"] == "ok"
    assert rows["slow"]["status"] == "error" and "hung" in rows["slow"]["error"]


def write_dataset(root, documents):
    store = Store(root / "store")
    with (root / "manifest.jsonl").open("w") as handle:
        for number, data in enumerate(documents):
            sha, _ = store.put(data)
            handle.write(json.dumps(contracts.fixture_rows(
                "manifest", requested_url=f"https://x.nhs.uk/{number}.pdf", sha256=sha)[0]) + "\n")


def test_extract_dataset_is_incremental_and_records_errors(tmp_path):
    good = render_pdf(layout(BODY)[0])
    locked = render_pdf([Page([Line(56, 700, 10, "secret")])], user_password="pw")
    write_dataset(tmp_path / "raw", [good, locked])
    out = tmp_path / "extract"
    first = extract_dataset(tmp_path / "raw", out, workers=2)
    assert first["extracted"] == 2 and first["errors"] == 1 and first["pages"] > 1
    assert contracts.validate_file(out / "pages.parquet", "pages") == first["pages"]
    assert contracts.validate_file(out / "documents.parquet", "documents") == 2
    documents = duckdb.sql(f"select status, error from '{out / 'documents.parquet'}' "
                           "order by status").fetchall()
    assert documents[0][0] == "error" and "encrypted" in documents[0][1]
    pages = duckdb.sql(f"select sum(char_count), bool_and(char_count = length(text)) "
                       f"from '{out / 'pages.parquet'}'").fetchall()[0]
    assert pages[0] > 1000 and pages[1]
    assert extract_dataset(tmp_path / "raw", out, workers=2)["extracted"] == 0
    write_dataset(tmp_path / "raw", [good])
    fewer = extract_dataset(tmp_path / "raw", out, workers=2)
    assert fewer["extracted"] == 0 and fewer["documents"] == 1 and fewer["errors"] == 0


def test_a_zip_archive_is_recorded_unsupported_and_the_run_goes_on(tmp_path):
    """A meeting's "All papers" ZIP beside a PDF: the PDF is read, the archive has status
    unsupported with what it is, counts as no error, and is not tried again."""
    good = render_pdf(layout(BODY)[0])
    write_dataset(tmp_path / "raw", [zipped("Item 1 Agenda.pdf", "Item 2 Papers.pdf"), good])
    out = tmp_path / "extract"
    counts = extract_dataset(tmp_path / "raw", out, workers=2)
    assert (counts["extracted"], counts["errors"], counts["unsupported"]) == (2, 0, 1)
    assert contracts.validate_file(out / "documents.parquet", "documents") == 2
    rows = duckdb.sql(f"select status, error, page_count from '{out / 'documents.parquet'}' "
                      "order by status").fetchall()
    assert rows[0][0] == "ok" and rows[1] == ("unsupported", ARCHIVE_REASON, 0)
    again = extract_dataset(tmp_path / "raw", out, workers=2)
    assert (again["extracted"], again["unsupported"], again["errors"]) == (0, 1, 0)


@pytest.mark.skipif(tesseract_version() is None, reason="Tesseract is not installed")
def test_pages_read_by_ocr_name_tesseract_as_their_extractor(tmp_path):
    write_dataset(tmp_path / "raw", [scanned_pdf(SCANNED), render_pdf(layout(BODY)[0])])
    out = tmp_path / "extract"
    counts = extract_dataset(tmp_path / "raw", out, workers=1)
    assert counts["pages_read_by_ocr"] == 1 and counts["pages_without_text"] == 0
    names = duckdb.sql(f"select distinct extractor_name from '{out / 'pages.parquet'}' "
                       "order by 1").fetchall()
    assert [name for (name,) in names] == [PDF_ENGINE, tesseract_version()]
    assert extract_dataset(tmp_path / "raw", out, workers=1)["pages_read_by_ocr"] == 1


def test_ocr_caps_the_image_size_and_reports_a_page_it_cannot_render():
    from pipeline.extract.ocr import MAX_PIXELS, OcrError, ocr_page

    class HugePage:
        def get_size(self):
            return 14400.0, 14400.0  # the largest page PDF allows: 200 inches square

        def render(self, scale, grayscale):
            self.scale = scale
            raise MemoryError

    page = HugePage()
    with pytest.raises(OcrError, match="could not render"):
        ocr_page(page)
    assert (14400 * page.scale) ** 2 <= MAX_PIXELS * 1.0001
