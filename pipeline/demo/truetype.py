"""An embedded TrueType font subset for demo PDFs, written the way word processors export them.

Word and LibreOffice exports draw text in a font subset (``ABCDEF+Calibri``) as a Type 0 font with
Identity-H encoding: the content stream holds two-byte glyph ids, and only the ``ToUnicode`` map
turns them back into text. Text engines pay for that map on every character, so a benchmark on
standard-font PDFs flatters them. This module embeds DejaVu Sans (shipped with matplotlib, a core
dependency) that way; fontTools (a matplotlib dependency) makes the subset.
"""

from __future__ import annotations

import hashlib
import io
import logging
import zlib
from functools import cache
from pathlib import Path

import matplotlib
from fontTools import subset
from fontTools.ttLib import TTFont

FONT_FILES = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf"}
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # it reports every table it drops


@cache
def _font(style: str) -> TTFont:
    return TTFont(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / FONT_FILES[style])


class EmbeddedFont:
    """One subset font: ``encode(text)`` gives the hex glyph string, ``objects(add)`` the PDF objects."""

    def __init__(self, style: str):
        self.style = style
        font = _font(style)
        self._cmap = font.getBestCmap()
        self._gid = {code: font.getGlyphID(name) for code, name in self._cmap.items()}
        self._units = font["head"].unitsPerEm
        self._advance = {gid: font["hmtx"].metrics[name][0]
                         for code, name in self._cmap.items() for gid in [self._gid[code]]}
        self._used: dict[int, str] = {}

    def encode(self, text: str) -> bytes:
        """Two-byte glyph ids in hex; a character the font lacks becomes a question mark."""
        out = []
        for char in text:
            gid = self._gid.get(ord(char)) or self._gid[ord("?")]
            self._used.setdefault(gid, char if ord(char) in self._gid else "?")
            out.append(b"%04x" % gid)
        return b"<" + b"".join(out) + b">"

    def width(self, text: str, size: float) -> float:
        gids = [self._gid.get(ord(char)) or self._gid[ord("?")] for char in text]
        return sum(self._advance.get(gid, 0) for gid in gids) * size / self._units

    def _subset_bytes(self) -> bytes:
        options = subset.Options()
        options.retain_gids = True  # glyph ids in the content stream stay valid (CIDToGIDMap Identity)
        options.notdef_outline = True
        options.name_IDs = []
        subsetter = subset.Subsetter(options)
        font = TTFont(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / FONT_FILES[self.style],
                      recalcTimestamp=False)  # the same text gives the same bytes
        subsetter.populate(gids=sorted(self._used))
        subsetter.subset(font)
        buffer = io.BytesIO()
        font.save(buffer)
        return buffer.getvalue()

    def _to_unicode(self) -> bytes:
        entries = sorted(self._used.items())
        chunks = [entries[i:i + 100] for i in range(0, len(entries), 100)]
        body = b"".join(
            b"%d beginbfchar\n%s\nendbfchar\n" % (len(chunk), b"\n".join(
                b"<%04x> <%s>" % (gid, char.encode("utf-16-be").hex().encode()) for gid, char in chunk))
            for chunk in chunks)
        return (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
                b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
                b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
                + body + b"endcmap CMapName currentdict /CMap defineresource pop end end\n")

    def objects(self, add, stream) -> bytes:
        """Write the font's objects with ``add(body) -> number`` and ``stream(entries, data) ->
        number``; return the body of the Type 0 font object. Call after all text is encoded."""
        font_file = self._subset_bytes()
        tag = "".join(chr(65 + b % 26) for b in hashlib.sha256(font_file).digest()[:6])
        name = f"{tag}+DejaVuSans{'-Bold' if self.style == 'bold' else ''}".encode()
        packed = zlib.compress(font_file, 6)
        file_ref = stream(b"/Length1 %d /Filter /FlateDecode" % len(font_file), packed)
        descriptor = add(b"<< /Type /FontDescriptor /FontName /%s /Flags 32 /FontBBox [-1021 -463 1793 1232] "
                         b"/ItalicAngle 0 /Ascent 928 /Descent -236 /CapHeight 729 /StemV 80 "
                         b"/FontFile2 %d 0 R >>" % (name, file_ref))
        scale = 1000 / self._units
        widths = b" ".join(b"%d [%d]" % (gid, round(self._advance.get(gid, 0) * scale))
                           for gid in sorted(self._used))
        cid_font = add(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s "
                       b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                       b"/FontDescriptor %d 0 R /CIDToGIDMap /Identity /DW 600 /W [%s] >>"
                       % (name, descriptor, widths))
        unicode_map = self._to_unicode()
        to_unicode = stream(b"/Filter /FlateDecode", zlib.compress(unicode_map, 6))
        return (b"<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H "
                   b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (name, cid_font, to_unicode))
