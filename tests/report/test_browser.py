"""The report in a real browser: headless Chromium renders the index, every notebook page and one
ICB page at 1400 and 390 CSS pixels, and no page is wider than a 390-pixel phone screen.
Skipped where Chromium is not installed (.ci/run installs it, so CI always runs these)."""

import pytest

from pipeline.report.browser import find_chromium, overflow, screenshot
from pipeline.report.build import NOTEBOOK_TITLES

pytestmark = pytest.mark.skipif(find_chromium() is None, reason="chromium is not installed")


def _pages(folder):
    return [folder / "index.html", *(folder / f"{name}.html" for name in NOTEBOOK_TITLES),
            folder / "icbs" / "QWO.html", folder / "icbs" / "evidence-QWO.html"]


def test_the_measure_sees_overflow(tmp_path):
    wide = tmp_path / "wide.html"
    wide.write_text('<!DOCTYPE html><meta name="viewport" content="width=device-width">'
                    '<div style="width:900px">wide</div>')
    scroll_width, client_width = overflow(wide, 390)
    assert client_width == 390 and scroll_width > 800


@pytest.mark.parametrize("width", [1400, 390])
def test_pages_render(report, tmp_path, width):
    for page in _pages(report.parent):
        png = screenshot(page, tmp_path / f"{page.stem}-{width}.png", width, 1200)
        assert png.stat().st_size > 5000, page.name


def test_no_page_overflows_a_phone_screen(report):
    for page in _pages(report.parent):
        scroll_width, client_width = overflow(page, 390)
        assert scroll_width <= client_width, f"{page.name}: {scroll_width} px wide, screen {client_width} px"


def test_empty_dataset_pages_fit_a_phone_screen(empty_report):
    for page in [empty_report, empty_report.parent / "02_postcode_lottery.html"]:
        scroll_width, client_width = overflow(page, 390)
        assert scroll_width <= client_width, page.name
