"""Page-numbered text from one document: PDF (pypdfium2), DOCX (its XML) and HTML (main content).

Other files that start like a Word document (a ZIP container) are told apart by what they hold:
a ZIP archive of a meeting's papers, an Excel workbook or a PowerPoint presentation is not read
(``UnsupportedFormat``, recorded with its reason), never reported as a damaged Word document.

Image-only PDF pages are read with Tesseract when it is installed (``pipeline.extract.ocr``);
otherwise they are flagged ``is_needs_ocr``.

Two-column PDF pages drawn row by row come out of stream-order engines spliced across the gutter.
Where a page has an empty vertical gutter and text on both sides, its columns are read separately
and joined with a blank line, so no sentence (and no signal match) can span the gap.
"""

from __future__ import annotations

import ctypes
import io
import re
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from bs4 import BeautifulSoup

from pipeline.extract.ocr import OcrError, ocr_page, tesseract_version

ENGINE_VERSION = "2"
PDF_ENGINE = f"pypdfium2-{pdfium.PYPDFIUM_INFO.version if hasattr(pdfium, 'PYPDFIUM_INFO') else ''}"
MIN_PAGE_CHARS = 20  # fewer characters than this on a page with an image: needs OCR
WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class ExtractionError(Exception):
    """The document cannot be read; the message says why."""


class UnsupportedFormat(ExtractionError):
    """A file of a kind the extractor does not read (a ZIP archive, a spreadsheet); the message
    says what it is."""


ARCHIVE_REASON = "zip archive: not read; its papers are normally listed one by one"
# what a ZIP container holds that is not a Word document, by the folder of its parts
OFFICE_PACKAGES = (("xl/", "Excel workbook: not read"),
                   ("ppt/", "PowerPoint presentation: not read"))
_LOCAL_HEADER = b"PK\x03\x04"


@dataclass
class PageText:
    page_number: int
    text: str
    is_needs_ocr: bool = False
    ocr_engine: str | None = None


def extractor_version() -> str:
    """The version that keys finished work: the engine's, plus Tesseract's when OCR is on."""
    ocr = tesseract_version()
    return f"{ENGINE_VERSION}+{ocr}" if ocr else ENGINE_VERSION


GUTTER_CANDIDATES = (0.5, 0.49, 0.51, 0.48, 0.52, 0.47, 0.53, 0.46, 0.54, 0.45, 0.55)


def _text_runs(textpage, bottom: float, top: float, low_x: float, high_x: float):
    """(left, right) of every text rectangle that reaches the band between bottom and top, or
    None as soon as one spans from ``low_x`` to ``high_x`` (every candidate gutter is crossed: on
    a full-width page, its first line of body text)."""
    left, low, right, high = (ctypes.c_double() for _ in range(4))
    runs = []
    for index in range(pdfium_c.FPDFText_CountRects(textpage.raw, 0, -1)):
        pdfium_c.FPDFText_GetRect(textpage.raw, index, left, high, right, low)
        if high.value >= bottom and low.value <= top:
            if left.value < low_x and right.value > high_x:
                return None
            runs.append((left.value, right.value))
    return runs


def _find_gutter(textpage, width: float, height: float) -> float | None:
    """The x of an empty vertical strip near the middle with text on both sides, if any.

    The text's rectangles (one per run of characters on a line, a few dozen a page) rule out
    most candidates cheaply; only a strip that no rectangle crosses is checked character by
    character, so a full-width page costs a look at its first few rectangles.
    """
    half = width * 0.006
    xs = [width * fraction for fraction in GUTTER_CANDIDATES]
    runs = _text_runs(textpage, 60, height - 60, min(xs) + half, max(xs) - half)
    if runs is None:
        return None
    for x in xs:
        if any(left < x + half and right > x - half for left, right in runs):
            continue
        if textpage.get_text_bounded(x - half, 60, x + half, height - 60).strip():
            continue
        left = textpage.get_text_bounded(0, 60, x, height - 60)
        right = textpage.get_text_bounded(x, 60, width, height - 60)
        if len(left.strip()) > 100 and len(right.strip()) > 100:
            return x
    return None


def _page_text(page) -> PageText:
    """A page's text; an image-only page is read by OCR when Tesseract is installed."""
    text, is_image_only = _layer_text(page)
    ocr = tesseract_version() if is_image_only else None
    if ocr:
        try:
            read = ocr_page(page)
        except OcrError:
            read = ""  # the page stays flagged as needing OCR, and is counted as such
        if read:
            return PageText(0, read, len(read) < MIN_PAGE_CHARS, ocr_engine=ocr)
    return PageText(0, text, is_image_only)


def _layer_text(page) -> tuple[str, bool]:
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        width, height = page.get_size()
        if len(text) > 400:
            gutter = _find_gutter(textpage, width, height)
            if gutter is not None:
                left = textpage.get_text_bounded(0, 0, gutter, height)
                right = textpage.get_text_bounded(gutter, 0, width, height)
                text = f"{left.rstrip()}\n\n{right.lstrip()}"
    finally:
        textpage.close()
    has_image = False
    if len(text.strip()) < MIN_PAGE_CHARS:
        has_image = any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE],
                                                       max_depth=2))
    return text.replace("\r\n", "\n"), has_image and len(text.strip()) < MIN_PAGE_CHARS


def _open_pdf(data: bytes):
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        message = str(error)
        if "password" in message.lower():
            raise ExtractionError("encrypted PDF: a password is needed to open it") from None
        raise ExtractionError(f"damaged or unreadable PDF: {message}") from None


def pdf_page_count(data: bytes) -> int:
    document = _open_pdf(data)
    try:
        return len(document)
    finally:
        document.close()


def pdf_page_range(data: bytes, start: int = 0, stop: int | None = None) -> list[PageText]:
    """Pages ``start`` to ``stop`` (0-based, ``stop`` excluded) as the engine reads them, so a long
    document can be shared between workers; ``pdf_pages`` joins them into the document's text."""
    document = _open_pdf(data)
    try:
        pages = []
        for index in range(start, len(document) if stop is None else min(stop, len(document))):
            page = document[index]
            try:
                page_text = _page_text(page)
            finally:
                page.close()
            page_text.page_number = index + 1
            pages.append(page_text)
        return pages
    finally:
        document.close()


def pdf_pages(data: bytes) -> list[PageText]:
    return separate_running_lines(pdf_page_range(data))


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip())


def separate_running_lines(pages: list[PageText]) -> list[PageText]:
    """Put a blank line after running headers and before running footers.

    A first or last line that recurs (digits aside) on at least half of a document's pages is a
    running header or footer; without the break, it runs into the first or last sentence.
    """
    if len(pages) < 2:
        return pages
    firsts = [_shape(p.text.split("\n", 1)[0]) for p in pages if p.text.strip()]
    lasts = [_shape(p.text.rsplit("\n", 1)[-1]) for p in pages if p.text.strip()]
    header = max(set(firsts), key=firsts.count) if firsts else ""
    footer = max(set(lasts), key=lasts.count) if lasts else ""
    is_header = bool(header) and firsts.count(header) >= max(2, len(pages) / 2)
    is_footer = bool(footer) and lasts.count(footer) >= max(2, len(pages) / 2)
    for page in pages:
        if is_header and "\n" in page.text and _shape(page.text.split("\n", 1)[0]) == header:
            first, rest = page.text.split("\n", 1)
            page.text = f"{first}\n\n{rest}"
        if is_footer and "\n" in page.text and _shape(page.text.rsplit("\n", 1)[-1]) == footer:
            rest, last = page.text.rsplit("\n", 1)
            page.text = f"{rest}\n\n{last}"
    return pages


def docx_pages(data: bytes) -> list[PageText]:
    """One page per explicit page break (Word does not store layout pages)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            root = ElementTree.fromstring(archive.read("word/document.xml"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as error:
        raise ExtractionError(f"damaged Word document: {error}") from None
    pages, paragraphs = [], []
    for paragraph in root.iter(f"{WORD_NS}p"):
        parts = []
        for node in paragraph.iter():
            if node.tag == f"{WORD_NS}t" and node.text:
                parts.append(node.text)
            elif node.tag == f"{WORD_NS}br" and node.get(f"{WORD_NS}type") == "page":
                paragraphs.append("".join(parts))
                pages.append("\n\n".join(paragraphs))
                parts, paragraphs = [], []
        paragraphs.append("".join(parts))
    pages.append("\n\n".join(paragraphs))
    return [PageText(number, text) for number, text in enumerate(pages, start=1)]


def html_pages(data: bytes) -> list[PageText]:
    """The main content of an HTML page (navigation, header, footer and scripts dropped)."""
    soup = BeautifulSoup(data, "html.parser")
    for tag in soup(["script", "style", "nav", "header", "footer", "aside", "form", "noscript"]):
        tag.decompose()
    main = soup.find("main") or soup.find("article") or soup.body or soup
    blocks = [" ".join(node.get_text(" ").split())
              for node in main.find_all(["h1", "h2", "h3", "h4", "p", "li", "td"])]
    text = "\n\n".join(block for block in blocks if block) or " ".join(main.get_text(" ").split())
    return [PageText(1, text)]


def zip_members(data: bytes) -> list[str]:
    """The names of the files a ZIP container holds: from its directory, or when that cannot be
    read (a truncated download) from its first entry's header; [] when neither can."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        pass
    if len(data) < 30 or not data.startswith(_LOCAL_HEADER):
        return []
    length = int.from_bytes(data[26:28], "little")
    name = data[30:30 + length]
    if not length or len(name) < length:
        return []
    return [name.decode("utf-8", errors="replace")]


def _zip_format(data: bytes) -> str:
    """"docx" for a Word document (or a ZIP container too damaged to say, whose reader reports
    it); raises UnsupportedFormat for an archive, a workbook or a presentation."""
    members = zip_members(data)
    if not members or any(name.startswith("word/") for name in members) or \
            members == ["[Content_Types].xml"]:
        return "docx"
    for folder, reason in OFFICE_PACKAGES:
        if any(name.startswith(folder) for name in members):
            raise UnsupportedFormat(reason)
    if "[Content_Types].xml" in members:
        return "docx"
    raise UnsupportedFormat(ARCHIVE_REASON)


def detect_format(data: bytes) -> str:
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK"):
        return _zip_format(data)
    if re.match(rb"(?i)<(!doctype|html|\?xml|head|body|div|p)", head):
        return "html"
    raise ExtractionError("not a PDF, Word or HTML document (unknown format)")


def extract(data: bytes) -> tuple[str, list[PageText]]:
    """(engine name, pages) for a document's bytes; raises ExtractionError with a reason."""
    kind = detect_format(data)
    if kind == "pdf":
        return PDF_ENGINE, pdf_pages(data)
    if kind == "docx":
        return "docx-xml", docx_pages(data)
    return "html-main", html_pages(data)
