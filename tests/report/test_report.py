import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipeline.freshness import Freshness
from pipeline.report.build import NOTEBOOK_TITLES, build_report
from pipeline.report.html import fmt_date, interval_text, link, page, plural, rank_text
from pipeline.report.links import DEBRIS, broken_links, images, visible_text
from pipeline.report.review import REVIEW_2023
from pipeline.signals import load_signals

# The charts each notebook page must show (as <img>, with a file > 1 KB and its CSV beside it).
EXPECTED_FIGURES = {
    "01_national_picture": {"national-formal-involvement"},
    "02_postcode_lottery": {"map-before-2026", "map-now", "ranked-icbs", "regional-distribution",
                            "signals-heatmap", "regional-trends"},
    "03_icb_profile": {"profile-example"},
    "04_method_and_quality": set(),
}


def _figures_shown(path: Path) -> dict[str, Path]:
    shown = {}
    for image in images(path):
        source = image["src"]
        assert image.get("alt"), f"{path.name}: image {source} has no alt text"
        shown[Path(source).stem] = path.parent / source
    return shown


@pytest.mark.parametrize("built", ["report", "empty_report"])
def test_notebook_pages_show_their_charts(built, request):
    folder = request.getfixturevalue(built).parent
    for name, expected in EXPECTED_FIGURES.items():
        html = (folder / f"{name}.html").read_text(encoding="utf-8")
        assert "Traceback" not in html, name
        shown = _figures_shown(folder / f"{name}.html")
        assert expected <= set(shown), (name, set(shown))
        for stem in expected:
            assert shown[stem].stat().st_size > 1024, shown[stem]
            numbers = shown[stem].with_suffix(".csv")
            assert numbers.exists() and numbers.read_text(encoding="utf-8").strip(), numbers
            assert f'href="figures/{stem}.csv"' in html, (name, stem)


@pytest.mark.parametrize("built", ["report", "empty_report"])
def test_no_page_shows_reprs_or_missing_markers(built, request):
    folder = request.getfixturevalue(built).parent
    pages = sorted(folder.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        found = DEBRIS.findall(visible_text(path))
        assert not found, (path.name, found[:5])
        attributes = re.findall(r'="(?:NaN|NaT|nan|None|&lt;NA&gt;)"', path.read_text(encoding="utf-8"))
        assert not attributes, (path.name, attributes[:5])


@pytest.mark.parametrize("built", ["report", "empty_report"])
def test_every_link_resolves(built, request):
    assert broken_links(request.getfixturevalue(built).parent) == []


def test_landing_page_has_headline_map_review_and_split_tables(report, script_database):
    html = report.read_text(encoding="utf-8")
    national = duckdb.connect(str(script_database), read_only=True).execute(
        "select formal_involvement_count, covered_icb_count, formal_involvement_count_low, "
        "formal_involvement_count_high from mart_national_summary "
        "where footprint = 'in_force' and period_label = 'rolling_12m'").fetchone()
    count, covered, low, high = national
    assert f"<b>{count} of {covered} ICBs</b> (90% interval {low}–{high})" in html
    assert f"found {REVIEW_2023['formal_count']} of {REVIEW_2023['icb_count']}" in html
    assert f'href="{REVIEW_2023["url"]}"' in html and "Medical Technology Group" in html
    assert 'src="figures/map-now.png"' in html
    assert 'id="current-icbs"' in html and "data-sortable" in html
    assert "<input" not in html and " hidden" not in html  # without JavaScript: every row, no dead box
    text = visible_text(report)
    assert re.search(r"\d+(st|nd|rd|th) of \d+ \(\d+(st|nd|rd|th)–\d+(st|nd|rd|th)\)", text)
    assert re.search(r"\b(Above|Similar|Below)\b", text)
    for raw in ("low_coverage", "no_site", "rolling_12m", "no_papers"):
        assert raw not in text, raw


def test_no_papers_is_shown_apart_with_the_crawl_reason(report, mini_scrape_runs):
    folder = report.parent / "icbs"
    pages = {p.stem: p.read_text(encoding="utf-8") for p in folder.glob("*.html")}
    notices = [name for name, html in pages.items() if 'class="nodata"' in html]
    assert notices, "no ICB page says its papers were not found"
    for name in notices:
        html = pages[name]
        assert "— why:" in html, name
        assert "last checked 1 Nov 2026" in html or "never crawled" in html, name
        assert "Not found in the papers collected" not in html, name
    assert any("No papers found</b> — why:" in pages[n] and "last checked 1 Nov 2026" in pages[n]
               for n in notices)


def test_empty_dataset_says_what_was_collected_and_why(empty_report):
    index = visible_text(empty_report)
    assert "No ICB could be scored" in index and "collected no documents" in index
    assert "site unreachable" in index.lower()
    profile = next(p for p in (empty_report.parent / "icbs").glob("*.html")
                   if not p.name.startswith("evidence-"))
    text = visible_text(profile)
    assert "why: robots.txt unreachable (ConnectionError for https://" in text
    assert "last checked 1 Nov 2026" in text


def test_evidence_links_go_to_the_page(report):
    html = (report.parent / "icbs" / "evidence-QWO.html").read_text(encoding="utf-8")
    assert "#page=1" in html and "(1 passages)" not in html


def test_every_page_has_the_demo_banner_and_data_dates(report):
    pages = list(report.parent.rglob("*.html"))
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
    assert "data/corrections/demo.csv" in pack
    assert "Took over the area of" in (folder / "Z9B2Z.html").read_text()


def test_a_profiles_signal_probabilities_say_what_they_allow_for(report):
    """A reader sees "Found" beside a low probability: the signals table says why, on every
    profile that has one."""
    profiles = [path for path in (report.parent / "icbs").glob("*.html")
                if not path.stem.startswith("evidence-")]
    with_table = [visible_text(path) for path in profiles
                  if "Probability present" in path.read_text(encoding="utf-8")]
    assert with_table
    for text in with_table:
        assert "allowing for the tagger's measured misses and false tags" in text
        assert "A signal found at only one of many meetings can still have a low probability" in text


def test_evidence_text_is_escaped(report):
    for path in report.parent.rglob("*.html"):
        assert "<script>alert(1)" not in path.read_text(encoding="utf-8"), path
    pack = (report.parent / "icbs" / "evidence-QWO.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; and more" in pack


def test_live_pages_have_no_demo_banner():
    html = page("x", "<p>body</p>", dataset="live", date_range=("1 Jan 2024", "1 Feb 2024"), built_at="now")
    assert "NOT FINDINGS" not in html and "Papers dated 1 Jan 2024 to 1 Feb 2024" in html


def test_rerun_with_nothing_changed_is_skipped(report, script_database, mini_scrape_runs):
    before = report.stat().st_mtime_ns
    assert build_report("demo", database=script_database, out=report.parent,
                        scrape_runs=mini_scrape_runs, quiet=True) == report
    assert report.stat().st_mtime_ns == before


def test_up_to_date_check_imports_nothing_heavy(report, script_database, mini_scrape_runs):
    code = (f"import sys; from pipeline.report.build import build_report; "
            f"build_report('demo', database={str(script_database)!r}, out={str(report.parent)!r}, "
            f"scrape_runs={str(mini_scrape_runs)!r}); "
            "heavy = [m for m in ('pandas', 'duckdb', 'matplotlib', 'nbclient', 'jupytext') "
            "if m in sys.modules]; "
            "print(heavy); sys.exit(1 if heavy else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_freshness_by_mtime_then_content(tmp_path):
    source, output = tmp_path / "in.txt", tmp_path / "out.txt"
    source.write_text("a")
    output.write_text("done")
    record = Freshness(tmp_path / "record.json", [source], [output])
    assert not record.is_fresh()
    record.record()
    assert record.is_fresh()
    source.write_text("a")  # touched, same bytes
    assert record.is_fresh()
    source.write_text("b")
    assert not record.is_fresh()
    record.record()
    output.unlink()
    assert not record.is_fresh()


def test_broken_links_are_found(tmp_path):
    (tmp_path / "a.html").write_text('<a href="b.html">b</a><img src="c.png"><a href="https://x">x</a>')
    (tmp_path / "b.html").write_text("ok")
    assert [target for _, target in broken_links(tmp_path)] == ["c.png"]


def test_words_readers_see():
    assert fmt_date(pd.Timestamp("2026-04-16")) == "16 Apr 2026"
    assert fmt_date(pd.NaT) is None and fmt_date(None) is None
    assert plural(1, "passage") == "1 passage" and plural(3, "passage") == "3 passages"
    assert rank_text(7, 4, 12, 29) == "7th of 29 (4th–12th)"
    assert rank_text(pd.NA, None, None, 29) is None
    assert rank_text(1, 1, 3, 36) == "1st of 36 (1st–3rd)" and rank_text(11, 12, 13, 40).startswith("11th")
    assert interval_text(48.6, 25.0, 75.0) == "49 (25–75)"
    assert link("https://a.nhs.uk/x.pdf", "Minutes", 4) == '<a href="https://a.nhs.uk/x.pdf#page=4">Minutes</a>'
    assert link("javascript:alert(1)", "x") == "x"


def test_notebooks_are_paired_and_their_figures_ignored():
    root = Path(__file__).resolve().parents[2]
    assert "formats" in (root / "jupytext.toml").read_text(encoding="utf-8")
    for name in NOTEBOOK_TITLES:
        assert "formats: ipynb,py:percent" in (root / "notebooks" / f"{name}.py").read_text(encoding="utf-8")
    result = subprocess.run(["git", "check-ignore", "-q", "notebooks/figures/x.png"], cwd=root)
    assert result.returncode == 0


def test_chart_csvs_hold_the_numbers_drawn(report, script_database):
    connection = duckdb.connect(str(script_database), read_only=True)
    ranked = connection.execute(
        "select icb_code_ods, involvement_index, involvement_index_low, involvement_index_high "
        "from mart_icb_scores where period_label = 'rolling_12m' and is_in_footprint and rank is not null "
        "order by rank, icb_code_ods").df()
    drawn = pd.read_csv(report.parent / "figures" / "ranked-icbs.csv")
    assert list(drawn["icb_code_ods"]) == list(ranked["icb_code_ods"])
    for column in ("involvement_index", "involvement_index_low", "involvement_index_high"):
        assert drawn[column].round(6).tolist() == ranked[column].round(6).tolist(), column
    mapped = pd.read_csv(report.parent / "figures" / "map-now.csv")
    shaded = mapped[mapped["is_ranked"]]
    assert set(shaded["icb_code_ods"]) == set(ranked["icb_code_ods"])
    assert mapped.loc[~mapped["is_ranked"], "involvement_index"].isna().all()


def test_probabilities_are_never_shown_as_certain():
    from pipeline.report.html import formal_text, percent

    assert percent(0.684) == "68%" and percent(0.999) == ">99%" and percent(0.001) == "<1%"
    assert percent(1.0) == "100%" and formal_text(True, 0.84) == "Yes (84%)"
    assert formal_text(None, 0.5) is None


def test_a_failing_notebook_is_named_in_one_line(tmp_path, monkeypatch):
    import pipeline.report.build as build

    (tmp_path / "broken.py").write_text("# %%\nraise ValueError('no such mart column')\n")
    monkeypatch.setattr(build, "NOTEBOOK_DIR", tmp_path)
    message = r"^notebook broken failed: ValueError: no such mart column$"
    with pytest.raises(build.NotebookError, match=message):
        build.execute_notebooks(["broken"], {})


def test_method_page_shows_real_text_blind_and_dev_accuracy_with_their_intervals(report):
    """Issue 12: blind-split precision and recall with 95% Wilson intervals, labelled as such,
    beside the dev-split figures and the real-text checks' (which the intervals use), and what
    recall means for reading "not found"."""
    from pipeline.tag.evaluate import ACCURACY_PATH

    text = visible_text(report.parent / "04_method_and_quality.html")
    accuracy = pd.read_csv(ACCURACY_PATH)
    assert "95% Wilson intervals" in text and "90% intervals" not in text
    for split in ("real_text", "blind", "dev"):
        row = accuracy[(accuracy["split"] == split)
                       & (accuracy["signal_id"] == "involvement_forum")].iloc[0]
        assert f"{row['recall']:.2f} ({row['recall_low']:.2f}–{row['recall_high']:.2f})" in text
    assert "Precision, real-text checks" in text and "Precision, blind split" in text
    assert "Recall, dev split (tuned and trained on)" in text
    assert "The scores' intervals use the figures of the real-text checks." in text
    lowest = accuracy[accuracy["split"] == "real_text"].sort_values("recall").iloc[0]
    assert f"it is {lowest['recall']:.2f} on the real-text checks" in text
    assert "a signal not found in an ICB's papers may still be there" in text


def test_method_page_says_how_the_tagger_reads_real_text(report):
    """The blind split is written for the project; the real-text checks say how much that
    flatters the tagger: all of them from the accuracy file, the newest from its own file."""
    from pipeline.tag.evaluate import ACCURACY_PATH

    text = visible_text(report.parent / "04_method_and_quality.html")
    accuracy = pd.read_csv(ACCURACY_PATH)

    def f1(rows):
        tp = rows["true_positive_count"].sum()
        return 2 * tp / (2 * tp + rows["false_positive_count"].sum()
                         + rows["false_negative_count"].sum())

    real, blind = (accuracy[accuracy["split"] == split] for split in ("real_text", "blind"))
    path = sorted(ACCURACY_PATH.parent.glob("real_text_check_*.csv"))[-1]
    check = pd.read_csv(path, dtype=str, keep_default_na=False)
    excerpt_count = len(check)
    check = check[check["tagged_after_version"] == real["tagger_version"].iloc[0]]
    is_refound = len(check) < excerpt_count  # texts were lost and only some found again
    refound = ": those whose texts could be found again after they were lost, so not a random " \
              "part" if is_refound else ""
    assert f"On the real-text checks ({real['example_count'].iloc[0]:,} excerpts{refound}" in text
    assert f"it scores {f1(real):.2f} (micro-F1, on the signals both labellings found) against " \
           f"{f1(blind):.2f} on the blind split" in text
    formal = set(load_signals().formal_ids())
    tp = fp = fn = negatives = negatives_tagged = seats = seats_found = seats_wrong = 0
    for a, b, tagged in zip(check["labels_a"], check["labels_b"], check["tagged_after"],
                            strict=True):
        a, b, tagged = (set(filter(None, value.split(";"))) for value in (a, b, tagged))
        tp, fn, fp = tp + len(tagged & a & b), fn + len((a & b) - tagged), fp + len(tagged - a - b)
        negatives += not (a | b)
        negatives_tagged += not (a | b) and bool(tagged)
        seats += len(a & b & formal)
        seats_found += len(tagged & a & b & formal)
        seats_wrong += len((tagged - a - b) & formal)
    if is_refound:
        assert f"On the newest check ({path.name}: the {len(check)} of its {excerpt_count} " \
               "excerpts whose texts were found again)" in text
    else:
        assert f"On the newest check's {len(check)} excerpts copied word for word" in text
    assert f"it scores {2 * tp / (2 * tp + fp + fn):.2f}, and tags {negatives_tagged} of " \
           f"{negatives} excerpts that show no signal" in text
    if seats or seats_wrong:
        assert f"of the {seats} board or committee seats both labellings found there it finds " \
               f"{seats_found}, and it tags {seats_wrong} that neither found" in text
    assert "optimistic" in text


def test_map_codes_come_from_the_marts_and_match_the_registry(mini_database):
    """The maps place ICBs by the ONS codes mart_icb_scores carries: for every period, those of
    the ICBs in being at its end, on that day (the registry is the reference, not the source)."""
    from datetime import date

    from pipeline.registry import load_registry
    from pipeline.report.marts import Atlas

    registry, atlas = load_registry(), Atlas(mini_database, "demo")
    scores = atlas.scores()
    assert len(scores)
    for period, end in scores.groupby("period_label")["period_end_date"].max().items():
        day = date.fromisoformat(str(end)[:10])
        assert atlas.footprint_codes(period) == {
            icb.icb_code_ods: registry.ons_code_on(icb.icb_code_ods, day)
            for icb in registry.active_on(day)}, period
    atlas.close()


def test_a_boundary_with_no_icb_placed_on_it_is_hatched_as_not_in_the_data():
    from pipeline.report import charts

    boundaries = charts.load_boundaries("2026")
    placed = next(iter(boundaries))
    scores = pd.DataFrame([{"icb_code_ods": "QXX", "icb_name": "NHS X ICB", "rank": 1.0,
                            "involvement_index": 50.0, "coverage_status": "ok"}])
    data = charts.choropleth(scores, {"QXX": placed}, "2026", "Map", demo=True).data
    assert len(data) == len(boundaries)
    assert data.loc[data["icb_code_ods"] == "QXX", "is_ranked"].tolist() == [True]
    rest = data[data["icb_code_ods"].isna()]
    assert set(rest["icb_code_ons"]) == set(boundaries) - {placed}
    assert (rest["coverage_status"] == "not_in_data").all() and rest["icb_name"].notna().all()


def test_method_page_says_how_much_of_the_tagger_a_person_has_reviewed(report):
    """Issue 12, item 7: the definitions were reviewed by a person, most rules since added or
    changed; the page counts both from signals.toml instead of calling everything reviewed."""
    text = visible_text(report.parent / "04_method_and_quality.html")
    signals = load_signals().signals
    rules = sum(len(s.rules) for s in signals)
    reviewed = sum(s.reviewed_rule_count() for s in signals)
    assert 0 < reviewed < rules
    assert (f"Of the {rules} patterns (rules) and {sum(len(s.exclusions) for s in signals)} "
            f"exclusions that read them, {reviewed} rules and "
            f"{sum(s.reviewed_exclusion_count() for s in signals)} exclusions are as reviewed "
            f"then.") in text
    forum = next(s for s in signals if s.signal_id == "involvement_forum")
    assert (f"Definition 22 Nov 2026; as then: {forum.reviewed_rule_count()} of "
            f"{len(forum.rules)} rules, {forum.reviewed_exclusion_count()} of "
            f"{len(forum.exclusions)} exclusions") in text
    assert "twelve reviewed signal definitions" not in text
