"""Optional OCR of image-only PDF pages with Tesseract, used when this machine has it.

Tesseract is a system package (``apt-get install tesseract-ocr``), not a Python dependency. Without
it, image-only pages are flagged ``is_needs_ocr`` and counted, not read.
"""

from __future__ import annotations

import functools
import io
import math
import shutil
import subprocess

import pypdfium2 as pdfium

OCR_ENGINE_PREFIX = "tesseract-"  # the extractor name of a page read by OCR starts with this
OCR_DPI = 300
MAX_PIXELS = 40_000_000  # an A4 page at 300 dpi is 8.7 million
OCR_TIMEOUT_SECONDS = 120


class OcrError(Exception):
    """Tesseract could not read a page; the message says why."""


@functools.lru_cache(maxsize=1)
def tesseract_version() -> str | None:
    """``tesseract-<version>`` if Tesseract is installed and answers, else None."""
    path = shutil.which("tesseract")
    if not path:
        return None
    try:
        result = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    words = (result.stdout or result.stderr).split()
    return f"{OCR_ENGINE_PREFIX}{words[1]}" if result.returncode == 0 and len(words) > 1 else None


def ocr_page(page) -> str:
    """The text Tesseract reads (English) from a pypdfium2 page rendered at ``OCR_DPI`` (less for
    a page so large that its image would pass ``MAX_PIXELS``)."""
    width, height = page.get_size()
    scale = min(OCR_DPI / 72, math.sqrt(MAX_PIXELS / max(width * height, 1.0)))
    try:
        image = page.render(scale=scale, grayscale=True).to_pil()
    except (MemoryError, pdfium.PdfiumError) as error:
        raise OcrError(f"could not render the page for OCR: {error}") from None
    png = io.BytesIO()
    image.save(png, format="PNG")
    try:
        result = subprocess.run(["tesseract", "stdin", "stdout", "-l", "eng", "--dpi", str(OCR_DPI)],
                                input=png.getvalue(), capture_output=True,
                                timeout=OCR_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        raise OcrError(f"Tesseract took over {OCR_TIMEOUT_SECONDS} s on a page") from None
    except OSError as error:
        raise OcrError(f"could not run Tesseract: {error}") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrError(f"Tesseract failed: {message[-1] if message else result.returncode}")
    return result.stdout.decode("utf-8", "replace").replace("\f", "").strip()
