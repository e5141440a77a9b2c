"""The report in a real browser: headless Chromium renders the index, every notebook page and one
ICB page at 1400 and 390 CSS pixels, and no page is wider than a 390-pixel phone screen.
Skipped where Chromium is not installed (.ci/run installs it, so CI always runs these)."""

import json

import pytest

from pipeline.report.browser import evaluate, find_chromium, overflow, screenshot
from pipeline.report.build import NOTEBOOK_TITLES
from pipeline.report.html import cell, fmt_number, table
from pipeline.report.html import page as report_page

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


SORT_AND_FILTER = """
var table = doc.getElementById('t');
var button = table.tHead.rows[0].cells[1].querySelector('button');
function keys() { return Array.prototype.map.call(table.tBodies[0].rows,
  function (row) { return row.cells[1].getAttribute('data-sort'); }).join(','); }
button.click(); var ascending = keys();
button.click(); var descending = keys();
var input = table.parentNode.previousElementSibling;
input.value = 'bee'; input.dispatchEvent(new win.Event('input'));
var shown = Array.prototype.filter.call(table.tBodies[0].rows, function (r) { return !r.hidden; })
  .map(function (r) { return r.cells[0].textContent; }).join(',');
return JSON.stringify({ascending: ascending, descending: descending, shown: shown, filter: input.className});
"""


def test_tables_sort_by_value_and_filter(tmp_path):
    rows = [[name, (cell(fmt_number(value)), value)] for name, value in
            [("Ant", 10), ("Bee", 2), ("Cat", None), ("Dog", 33.5), ("Eel", 1)]]
    body = table(rows, ["ICB", "Index"], sortable=True, numeric={1}, table_id="t")
    path = tmp_path / "t.html"
    path.write_text(report_page("t", body, dataset="live", date_range=("none", "none"), built_at="now"))
    result = json.loads(evaluate(path, SORT_AND_FILTER))
    assert result["ascending"] == "1,2,10,33.5,"  # by value, not text; missing last
    assert result["descending"] == "33.5,10,2,1,"
    assert result["filter"] == "filter" and result["shown"] == "Bee"
