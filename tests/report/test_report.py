from pathlib import Path

import duckdb
import pytest

from pipeline.report.build import NOTEBOOK_TITLES, build_report
from pipeline.report.html import page
from pipeline.report.links import broken_links

EXPECTED_FIGURES = {"national-formal-involvement", "map-42-icbs", "map-36-icbs", "ranked-icbs",
                    "regional-distribution", "signals-heatmap", "regional-trends"}


@pytest.fixture(scope="module")
def script_database(mini_database, tmp_path_factory):
    """The mini database with a quote that tries to run a script."""
    copy = tmp_path_factory.mktemp("hostile") / "atlas.duckdb"
    copy.write_bytes(Path(mini_database).read_bytes())
    connection = duckdb.connect(str(copy))
    connection.execute("update mart_evidence set quote = '<script>alert(1)</script> and more' "
                       "where icb_code_ods = 'QWO' and signal_id = 'patient_story'")
    connection.execute("update mart_icb_signals set best_quote = '<script>alert(1)</script>' "
                       "where icb_code_ods = 'QWO' and signal_id = 'patient_story'")
    connection.close()
    return copy


@pytest.fixture(scope="module")
def report(script_database, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "demo"
    return build_report("demo", database=script_database, out=out)


def test_notebooks_run_and_figures_are_made(report):
    folder = report.parent
    for name in NOTEBOOK_TITLES:
        html = (folder / f"{name}.html").read_text(encoding="utf-8")
        assert "Traceback" not in html, name
    made = {path.stem for path in (folder / "figures").glob("*.png")}
    assert EXPECTED_FIGURES <= made
    assert {path.stem for path in (folder / "figures").glob("*.svg")} >= EXPECTED_FIGURES


def test_every_link_resolves(report):
    assert broken_links(report.parent) == []


def test_every_page_has_the_demo_banner_and_data_dates(report):
    pages = list(report.parent.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert "DEMO DATA — NOT FINDINGS" in html, path
        assert "Papers dated" in html and "Built" in html, path


def test_one_profile_and_evidence_pack_per_icb(report, script_database):
    codes = {row[0] for row in duckdb.connect(str(script_database), read_only=True).execute(
        "select distinct icb_code_ods from mart_icb_scores").fetchall()}
    folder = report.parent / "icbs"
    assert {p.stem for p in folder.glob("*.html") if not p.stem.startswith("evidence-")} == codes
    assert {p.stem.removeprefix("evidence-") for p in folder.glob("evidence-*.html")} == codes
    pack = (folder / "evidence-Z9B2Z.html").read_text(encoding="utf-8")
    assert "data/corrections/demo.csv" in pack and "Predecessors" in (folder / "Z9B2Z.html").read_text()


def test_evidence_text_is_escaped(report):
    for path in report.parent.rglob("*.html"):
        assert "<script>alert(1)" not in path.read_text(encoding="utf-8"), path
    pack = (report.parent / "icbs" / "evidence-QWO.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; and more" in pack


def test_live_pages_have_no_demo_banner():
    html = page("x", "<p>body</p>", dataset="live", date_range=("2024-01-01", "2024-02-01"),
                built_at="now")
    assert "NOT FINDINGS" not in html and "Papers dated 2024-01-01 to 2024-02-01" in html


def test_rerun_with_nothing_changed_is_skipped(report, script_database):
    before = report.stat().st_mtime_ns
    assert build_report("demo", database=script_database, out=report.parent) == report
    assert report.stat().st_mtime_ns == before


def test_broken_links_are_found(tmp_path):
    (tmp_path / "a.html").write_text('<a href="b.html">b</a><img src="c.png"><a href="https://x">x</a>')
    (tmp_path / "b.html").write_text("ok")
    assert [target for _, target in broken_links(tmp_path)] == ["c.png"]
