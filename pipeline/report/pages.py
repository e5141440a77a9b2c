"""The landing page (headline, map, regions, ICB tables, what could not be scored) and the notebook
pages, in the report's one layout."""

from __future__ import annotations

from html import escape
from pathlib import Path

import pandas as pd

from pipeline.report.html import (
    COVERAGE_LABELS,
    COVERAGE_WHY,
    SCRAPE_LABELS,
    cell,
    comparison,
    figure_html,
    fmt_date,
    formal_text,
    interval_text,
    label,
    page,
    period_label,
    plural,
    rank_text,
    table,
    text,
)
from pipeline.report.marts import Atlas
from pipeline.report.review import REVIEW_2023, review_citation

MAP_FIGURE = "map-now"  # drawn by notebooks/02_postcode_lottery.py


def write_notebook_page(path: Path, title: str, body: str, meta: dict) -> None:
    path.write_text(page(title, body, **meta), encoding="utf-8")


def headline(atlas: Atlas) -> str:
    """'N of M ICBs (90% interval a–b) …; the 2023 review found 25 of 42', or why there is no number."""
    period = atlas.current_period()
    national = atlas.national("in_force", period)
    review = REVIEW_2023
    review_text = (f"The 2023 review found {review['formal_count']} of {review['icb_count']} "
                   f"({100 * review['formal_count'] / review['icb_count']:.0f}%).")
    if national.empty or int(national.iloc[0]["covered_icb_count"]) == 0:
        return (f'<p class="headline"><b>No ICB could be scored.</b> {crawl_summary(atlas, bare=True)} '
                f"Each ICB's reason is given on its own page and in the home page's table of ICBs not "
                f"scored. {review_text}</p>")
    row = national.iloc[0]
    return (f'<p class="headline"><b>{int(row["formal_involvement_count"])} of '
            f'{int(row["covered_icb_count"])} ICBs</b> (90% interval '
            f'{int(row["formal_involvement_count_low"])}–{int(row["formal_involvement_count_high"])}) '
            f"show formal patient and public involvement in their board or committee papers "
            f"{escape(period_phrase(atlas, period))}. {review_text} "
            f'{int(row["icb_count"]) - int(row["covered_icb_count"])} of the {int(row["icb_count"])} '
            "ICBs could not be scored (no website, no papers or too few) and are counted apart.</p>")


def period_phrase(atlas: Atlas, period: str) -> str:
    """'in the 12 months to 27 Oct 2026', or 'in 2025/26'."""
    if period != "rolling_12m":
        return f"in {period_label(period)}"
    ends = atlas.scores(period)["period_end_date"].dropna()
    return f"in the 12 months to {fmt_date(ends.max())}" if len(ends) else "in the last 12 months"


def region_table(atlas: Atlas, period: str) -> str:
    regions = atlas.regions("in_force", period)
    if regions.empty:
        return "<p>No region could be compared: no ICB had enough papers.</p>"
    rows = []
    for _, r in regions.sort_values("involvement_index_median", ascending=False).iterrows():
        rows.append([text(r["region_name"]), (cell(r["icb_count"]), r["icb_count"]),
                     (cell(r["covered_icb_count"]), r["covered_icb_count"]),
                     (cell(interval_text(r["involvement_index_median"], r.get("involvement_index_median_low"),
                                         r.get("involvement_index_median_high")), "no ICB scored"),
                      r["involvement_index_median"]),
                     (cell(interval_text(r["formal_involvement_pct"], r.get("formal_involvement_pct_low"),
                                         r.get("formal_involvement_pct_high")), "no ICB scored"),
                      r["formal_involvement_pct"])])
    return table(rows, ["Region", "ICBs", "ICBs scored", "Median index (90% interval)",
                        "% with formal involvement (90% interval)"], sortable=True, numeric={1, 2, 3, 4},
                 caption=f"NHS regions, {escape(period_label(period).lower())}. Sort by clicking a heading.")


def _icb_link(code: str, name: str) -> str:
    return f'<a href="icbs/{text(code)}.html">{text(name)}</a>'


def current_icb_table(scores: pd.DataFrame, period: str) -> str:
    rows = []
    for _, r in scores.sort_values("icb_name").iterrows():
        scored = r["coverage_status"] == "ok"
        formal = r.get("has_formal_involvement")
        rows.append([
            (_icb_link(r["icb_code_ods"], r["icb_short_name"]), r["icb_short_name"]),
            text(r["region_name"]),
            label(COVERAGE_LABELS, r["coverage_status"]),
            (cell(interval_text(r["involvement_index"], r["involvement_index_low"],
                                r["involvement_index_high"]) if scored else None, "not scored"),
             r["involvement_index"] if scored else None),
            (cell(rank_text(r["rank"], r["rank_low"], r["rank_high"], r.get("ranked_icb_count")),
                  "not ranked"), r["rank"]),
            comparison(r.get("england_comparison")),
            (cell(formal_text(formal, r.get("formal_involvement_probability")) if scored else None,
                  "not scored"), r.get("formal_involvement_probability") if scored else None),
            f'<a href="icbs/evidence-{text(r["icb_code_ods"])}.html">Evidence</a>',
        ])
    return table(rows, ["ICB", "Region", "Coverage", "Index (90% interval)", "Rank (90% interval)",
                        "Against the England median", "Formal involvement (probability)", "Check it"],
                 sortable=True, numeric={3, 4}, table_id="current-icbs",
                 caption=f"The {len(rows)} ICBs in being now, {escape(period_label(period).lower())}. "
                         "Click a heading to sort.")


def abolished_icb_table(scores: pd.DataFrame, names: dict[str, str], period: str) -> str:
    rows = []
    for _, r in scores.sort_values("icb_name").iterrows():
        successors = r.get("successor_icb_codes_ods")
        replaced = ", ".join(f'<a href="icbs/{text(c)}.html">{text(names[c])}</a>' if c in names else text(c)
                             for c in successors.split(";")) if isinstance(successors, str) and successors \
            else cell(None, "not recorded")
        scored = r["coverage_status"] == "ok"
        rows.append([(_icb_link(r["icb_code_ods"], r["icb_short_name"]), r["icb_short_name"]),
                     text(r["region_name"]), replaced, label(COVERAGE_LABELS, r["coverage_status"]),
                     (cell(interval_text(r["involvement_index"], r["involvement_index_low"],
                                         r["involvement_index_high"]) if scored else None, "not scored"),
                      r["involvement_index"] if scored else None),
                     (cell(rank_text(r["rank"], r["rank_low"], r["rank_high"], r.get("ranked_icb_count")),
                           "not ranked"), r["rank"])])
    return table(rows, ["ICB", "Region", "Replaced in April 2026 by", f"Coverage, {period_label(period)}",
                        f"Index, {period_label(period)} (90% interval)", f"Rank, {period_label(period)}"],
                 sortable=True, numeric={4, 5}, table_id="abolished-icbs")


def not_scored_table(atlas: Atlas, scores: pd.DataFrame) -> str:
    rows = []
    for _, r in scores[scores["coverage_status"] != "ok"].sort_values("icb_name").iterrows():
        crawl = atlas.crawl_for(r["icb_code_ods"])
        rows.append([_icb_link(r["icb_code_ods"], r["icb_short_name"]),
                     label(COVERAGE_LABELS, r["coverage_status"]),
                     cell(crawl["detail"] or COVERAGE_WHY.get(r["coverage_status"]), "not recorded"),
                     cell(label(SCRAPE_LABELS, crawl["status"]) if crawl["status"] else None, "not recorded"),
                     cell(fmt_date(crawl["finished_at"]), "not recorded")])
    if not rows:
        return "<p>Every ICB in being had enough papers to score.</p>"
    return table(rows, ["ICB", "Coverage", "Why (the crawl's own reason where it gave one)", "Crawl",
                        "Last checked"], sortable=True)


def crawl_summary(atlas: Atlas, bare: bool = False) -> str:
    """What the latest crawl did: how many sites, with what outcome, and how many documents."""
    crawl = atlas.crawl
    if crawl.empty:
        sentence = "No crawl log was found for this dataset."
    else:
        counts = crawl["status"].fillna("not recorded").value_counts()
        parts = [f"{escape(label(SCRAPE_LABELS, status).lower())}: {count:,}"
                 for status, count in counts.items()]
        documents = atlas.table("mart_documents")
        collected = int(documents["is_collected"].astype(bool).sum()) if len(documents) else 0
        documents_text = "no documents" if collected == 0 else plural(collected, "document")
        sentence = (f"The latest crawl visited {plural(len(crawl), 'ICB site')} ({'; '.join(parts)}) and "
                    f"collected {documents_text} in all.")
    return sentence if bare else f"<p>{sentence}</p>"


def write_index(atlas: Atlas, folder: Path, downloads: list[Path], meta: dict, notebooks: dict) -> Path:
    period = atlas.current_period()
    current = atlas.scores(period)
    current = current[current["is_in_footprint"].astype(bool)] if len(current) else current
    icbs = atlas.icbs()
    names = dict(zip(icbs["icb_code_ods"], icbs["icb_short_name"], strict=True))
    abolished_codes = sorted(set(icbs["icb_code_ods"]) - set(current["icb_code_ods"]))
    last_year = atlas.last_year_before("2026/27") or atlas.latest_year()
    abolished = atlas.scores(last_year) if last_year else icbs.iloc[0:0]
    abolished = abolished[abolished["icb_code_ods"].isin(abolished_codes)]
    pages = "".join(f'<li><a href="{name}.html">{escape(title)}</a></li>'
                    for name, title in notebooks.items())
    files = "".join(f'<li><a href="{escape(str(p.relative_to(folder)))}">{escape(p.name)}</a></li>'
                    for p in downloads)
    map_html = (figure_html(MAP_FIGURE, "Map of the ICBs in being now, shaded by involvement index; "
                            "ICBs without a rank are hatched, the legend saying why.",
                            f"Involvement index by ICB, {period_label(period).lower()}. Hatched: not "
                            "ranked (no website, no papers found or too few meetings with papers).")
                if (folder / "figures" / f"{MAP_FIGURE}.png").exists() else "")
    contents = " · ".join([
        *(f'<a href="{name}.html">{escape(title)}</a>' for name, title in notebooks.items()),
        '<a href="#current">ICBs in being now</a>', '<a href="#not-scored">ICBs not scored</a>',
        '<a href="#downloads">Downloads</a>'])
    abolished_html = ("<h2>ICBs abolished in April 2026</h2>"
                      f"<p>Their last full year, {escape(period_label(last_year))}, before 42 ICBs became "
                      "36.</p>" + abolished_icb_table(abolished, names, last_year)) if len(abolished) else ""
    body = (
        f'<p class="contents"><b>In this report:</b> {contents}</p>'
        "<p>How far are patients and the public involved in the decisions of NHS England's Integrated "
        "Care Boards? Evidence from the ICBs' own board papers, with a source for every claim. "
        "A higher index means more evidence of involvement. <b>No papers is not the same as no "
        "involvement</b>: ICBs whose papers were not found are shown apart, never as zero.</p>"
        + f"<p>{review_citation()}</p>"
        + map_html
        + f"<h2>Regions</h2>{region_table(atlas, period)}"
        + f'<h2 id="current">ICBs in being now</h2>{current_icb_table(current, period)}'
        + '<h2 id="not-scored">ICBs not scored, and why</h2>'
        + crawl_summary(atlas) + not_scored_table(atlas, current)
        + abolished_html
        + f"<h2>The report</h2><ul>{pages}</ul>"
        + '<h2 id="downloads">Downloads</h2><p>CSV with a data dictionary (<code>README.md</code>, '
          "<code>datapackage.json</code>) and Parquet; each chart also has the CSV of the numbers it "
          "draws beside it.</p>"
        + (f"<ul>{files}</ul>" if files else "<p>No exports in this build.</p>")
    )
    path = folder / "index.html"
    path.write_text(page("ICB Involvement Atlas", body, headline=headline(atlas), home="", **meta),
                    encoding="utf-8")
    return path
