"""A small, fast, deterministic PDF writer for the demo web and for test fixtures.

Pages hold positioned lines of text in the standard Helvetica fonts (no embedding), drawn in the
order given, so a two-column page drawn row by row across both columns comes out of stream-order
text engines spliced, as real ones do. Output has no timestamps or random IDs: the same pages give
the same bytes.

    render_pdf([Page([Line(72, 770, 10, "Agenda"), ...]), Page(is_image_only=True)]) -> bytes
    render_pdf(pages, user_password="x")   # encrypted (RC4, 40-bit): cannot be opened without it
    render_pdf(pages, embed_fonts=True)    # text in an embedded TrueType subset, as Word exports it

Pages may also carry ``Shape``s: filled or stroked rectangles and lines (table rules, RAG cells,
chart bars), drawn before the text.
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass, field

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
FONTS = {"regular": "Helvetica", "bold": "Helvetica-Bold"}
_PASSWORD_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


@dataclass(frozen=True)
class Line:
    """One line of text with its baseline at (x, y) in points from the bottom-left corner."""

    x: float
    y: float
    size: float
    text: str
    font: str = "regular"


@dataclass(frozen=True)
class Shape:
    """A rectangle (``height`` > 0) or a line (``height`` == 0) in points; ``fill`` is an RGB
    triple in 0-1, or None for a stroked outline."""

    x: float
    y: float
    width: float
    height: float
    fill: tuple[float, float, float] | None = None


@dataclass
class Page:
    """A page: text lines, or (``is_image_only``) a grey scanned-looking image and no text."""

    lines: list[Line] = field(default_factory=list)
    is_image_only: bool = False
    shapes: list[Shape] = field(default_factory=list)


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _shape(shape: Shape) -> bytes:
    if shape.height == 0:
        return b"0.5 w 0.6 G %.2f %.2f m %.2f %.2f l S" % (shape.x, shape.y, shape.x + shape.width, shape.y)
    if shape.fill is None:
        return b"0.5 w 0.4 G %.2f %.2f %.2f %.2f re S" % (shape.x, shape.y, shape.width, shape.height)
    return b"%.3f %.3f %.3f rg %.2f %.2f %.2f %.2f re f" % (*shape.fill, shape.x, shape.y, shape.width,
                                                           shape.height)


def _embedded_text(text: str, font) -> bytes:
    """A TJ array as word processors write it: words with small kerning adjustments between."""
    words = text.split(" ")
    parts = []
    for index, word in enumerate(words):
        parts.append(font.encode(word + (" " if index < len(words) - 1 else "")))
        if index % 3 == 2 and index < len(words) - 1:
            parts.append(b"-%d" % (8 + index % 5))
    return b"[" + b" ".join(parts) + b"] TJ"


def _content(page: Page, fonts: dict | None = None) -> bytes:
    if page.is_image_only:
        return f"q {PAGE_WIDTH} 0 0 {PAGE_HEIGHT} 0 0 cm /Im1 Do Q".encode()
    out = [b"q " + _shape(shape) + b" Q" for shape in page.shapes]
    for line in page.lines:
        font = "F2" if line.font == "bold" else "F1"
        shown = (_embedded_text(line.text, fonts[line.font]) if fonts
                 else b"(%s) Tj" % _escape(line.text))
        out.append(b"BT /%s %g Tf %.2f %.2f Td %s ET" % (font.encode(), line.size, line.x, line.y, shown))
    return b"\n".join(out)


def _rc4(key: bytes, data: bytes) -> bytes:
    box = list(range(256))
    j = 0
    for i in range(256):
        j = (j + box[i] + key[i % len(key)]) % 256
        box[i], box[j] = box[j], box[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + box[i]) % 256
        box[i], box[j] = box[j], box[i]
        out.append(byte ^ box[(box[i] + box[j]) % 256])
    return bytes(out)


def _pad(password: str) -> bytes:
    return (password.encode("latin-1") + _PASSWORD_PAD)[:32]


def render_pdf(pages: list[Page], *, title: str = "", user_password: str | None = None,
               embed_fonts: bool = False) -> bytes:
    """Render pages to PDF bytes. With ``user_password`` the file is encrypted (Standard, R2);
    with ``embed_fonts`` text is drawn in embedded TrueType subsets (``pipeline.demo.truetype``)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(entries: bytes, data: bytes) -> int:
        number = add(b"<< %s /Length %d >>\nstream\n%s\nendstream" % (entries, len(data), data))
        streams[number] = data
        return number

    catalog = add(b"")
    pages_obj = add(b"")
    fonts = None
    if embed_fonts:
        from pipeline.demo.truetype import EmbeddedFont

        fonts = {"regular": EmbeddedFont("regular"), "bold": EmbeddedFont("bold")}
        font_regular, font_bold = add(b""), add(b"")
    else:
        font_regular = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                           b"/Encoding /WinAnsiEncoding >>")
        font_bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold "
                        b"/Encoding /WinAnsiEncoding >>")
    image_pixels = bytes((150 + (x * 7 + y * 13) % 60) for y in range(16) for x in range(16))
    image = add(b"<< /Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8 /Length %d >>\nstream\n%s\nendstream"
                % (len(image_pixels), image_pixels))
    streams: dict[int, bytes] = {image: image_pixels}
    kids = []
    for page in pages:
        data = zlib.compress(_content(page, fonts), 6)
        content = add(b"")
        streams[content] = data
        objects[content - 1] = (b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream"
                                % (len(data), data))
        kids.append(add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> /XObject << /Im1 %d 0 R >> >> >>"
            % (pages_obj, PAGE_WIDTH, PAGE_HEIGHT, content, font_regular, font_bold, image)
        ))
    if fonts:
        for number, font in ((font_regular, fonts["regular"]), (font_bold, fonts["bold"])):
            objects[number - 1] = font.objects(add, stream)
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids), len(kids))
    file_id = hashlib.md5(b"".join(objects)).digest()

    encrypt_ref = b""
    if user_password is not None:
        owner_key = hashlib.md5(_pad(user_password + "-owner")).digest()[:5]
        owner_value = _rc4(owner_key, _pad(user_password))
        permissions = (-4).to_bytes(4, "little", signed=True)
        key = hashlib.md5(_pad(user_password) + owner_value + permissions + file_id).digest()[:5]
        user_value = _rc4(key, _PASSWORD_PAD)
        for number, data in streams.items():
            object_key = hashlib.md5(key + number.to_bytes(3, "little") + b"\0\0").digest()[:10]
            encrypted = _rc4(object_key, data)
            objects[number - 1] = objects[number - 1].replace(data, encrypted)
        encrypt = add(b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>"
                      % (owner_value.hex().encode(), user_value.hex().encode()))
        encrypt_ref = b" /Encrypt %d 0 R" % encrypt
    elif title:
        info = add(b"<< /Title (%s) >>" % _escape(title))
        encrypt_ref = b" /Info %d 0 R" % info

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += (b"trailer\n<< /Size %d /Root %d 0 R%s /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, catalog, encrypt_ref, file_id.hex().encode(),
               file_id.hex().encode(), xref))
    return bytes(out)


def layout(paragraphs: list[str], *, header: str = "", footer: str = "", size: float = 10,
           columns: int = 1) -> tuple[list[Page], list[int]]:
    """Lay paragraphs out on A4 pages with running header and footer; never split a paragraph.

    Returns the pages and, for each paragraph, the (1-based) page it landed on. The footer may
    contain ``{page}`` and ``{pages}``. With ``columns=2`` each page has two columns drawn row by
    row across both, as many real PDFs are.
    """
    width_chars = 95 if columns == 1 else 44
    rows_per_column = int((PAGE_HEIGHT - 150) / (size * 1.4))
    slots = rows_per_column * columns
    blocks = []
    for paragraph in paragraphs:
        font = "bold" if paragraph.startswith("## ") else "regular"
        text = paragraph[3:] if font == "bold" else paragraph
        blocks.append([(font, chunk) for chunk in wrap(text, width_chars)][:slots - 1])
    page_rows: list[list[tuple[str, str]]] = [[]]
    paragraph_pages = []
    for block in blocks:
        column_left = rows_per_column - len(page_rows[-1]) % rows_per_column
        if len(page_rows[-1]) + len(block) > slots or (columns > 1 and len(block) > column_left):
            if len(page_rows[-1]) % rows_per_column and len(page_rows[-1]) + column_left < slots:
                page_rows[-1].extend([("regular", "")] * column_left)
            else:
                page_rows.append([])
        paragraph_pages.append(len(page_rows))
        page_rows[-1].extend(block + [("regular", "")])
    pages = []
    for number, rows in enumerate(page_rows, start=1):
        lines = [Line(56, PAGE_HEIGHT - 40, 8, header)] if header else []
        for index, (font, text) in enumerate(rows):
            column, row = divmod(index, rows_per_column)
            if text and column < columns:
                x = 56 if column == 0 else 56 + 250 * column
                lines.append(Line(x, PAGE_HEIGHT - 80 - row * size * 1.4, size, text, font))
        if columns > 1:
            lines.sort(key=lambda line: (-line.y, line.x))
        if footer:
            lines.append(Line(56, 30, 8, footer.format(page=number, pages=len(page_rows))))
        pages.append(Page(lines))
    return pages, paragraph_pages


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap to ``width`` characters."""
    out, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        out.append(current)
    return out
