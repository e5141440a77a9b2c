import pypdfium2 as pdfium
import pytest

from pipeline.demo.pdf import Line, Page, layout, render_pdf


def text_of(data: bytes, password=None) -> list[str]:
    document = pdfium.PdfDocument(data, password=password)
    return [document[i].get_textpage().get_text_range() for i in range(len(document))]


def test_round_trip_text_and_page_numbers():
    paragraphs = ["## Minutes", "The Board received a patient story (and £5m – noted)."] + [
        f"Paragraph {n} " + "words " * 40 for n in range(40)]
    pages, paragraph_pages = layout(paragraphs, header="NHS Test ICB", footer="Page {page} of {pages}")
    texts = text_of(render_pdf(pages))
    assert len(texts) == len(pages) > 2
    assert "patient story (and £5m – noted)" in texts[0]
    assert f"Page 1 of {len(pages)}" in texts[0]
    for index, page in enumerate(paragraph_pages[2:], start=2):
        assert f"Paragraph {index - 2} " in texts[page - 1]


def test_same_input_same_bytes():
    pages = [Page([Line(56, 700, 10, "Hello")])]
    assert render_pdf(pages, title="x") == render_pdf(pages, title="x")


def test_two_columns_splice_in_stream_order():
    page = Page([Line(56, 700, 10, "left column words"), Line(306, 700, 10, "right column words")])
    assert "left column words right column words" in text_of(render_pdf([page]))[0]


def test_image_only_page_has_no_text():
    assert text_of(render_pdf([Page(is_image_only=True)])) == [""]


def test_encrypted_needs_the_password():
    data = render_pdf([Page([Line(56, 700, 10, "Secret board paper")])], user_password="pw")
    with pytest.raises(pdfium.PdfiumError, match="password"):
        pdfium.PdfDocument(data)
    assert "Secret board paper" in text_of(data, password="pw")[0]
