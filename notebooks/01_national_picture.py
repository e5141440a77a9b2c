# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # National picture
# How many ICBs show evidence of formal patient and public involvement, how that compares with the
# 2023 review, how much of the picture the collected papers cover, and what changed when 42 ICBs
# became 36 in April 2026. Every number has a 90% interval: the range the true value probably lies
# in, given how often the tagger is right.

# %%
from pipeline.report import charts
from pipeline.report.html import COVERAGE_LABELS, period_label, range_text, show_html, show_table
from pipeline.report.marts import Atlas
from pipeline.report.pages import headline
from pipeline.report.review import review_citation

atlas = Atlas.from_environment()
demo = atlas.dataset == "demo"
national = atlas.national()
show_html(headline(atlas) + f"<p>{review_citation()}</p>")

# %% [markdown]
# ## Formal involvement by year

# %%
chart = charts.formal_involvement_over_time(
    national, "Formal involvement in ICB papers, by financial year, beside the 2023 review", demo)
charts.show(chart, "national-formal-involvement",
            alt="Bar chart: percentage of ICBs with enough papers whose papers show formal patient and "
                "public involvement, by financial year, with 90% intervals and a dashed line at the "
                "2023 review's 60%.",
            caption="Bars: ICBs whose board or committee papers show a formal involvement structure, as a "
                    "share of the ICBs with enough papers to score (3 or more meetings with papers); "
                    "whiskers: 90% intervals; dashed line: the 2023 review.")

# %%
years = national[national["footprint"] == "in_force"].copy()
show_table(
    years.assign(
        Period=years["period_label"].map(period_label),
        ICBs=years["icb_count"],
        Scored=years["covered_icb_count"],
        **{"With formal involvement": years["formal_involvement_count"],
           "90% interval": [range_text(lo, hi) for lo, hi in zip(years["formal_involvement_count_low"],
                                                                  years["formal_involvement_count_high"],
                                                                  strict=True)],
           "Gap between most and least (points)": years["icb_gap"]},
    )[["Period", "ICBs", "Scored", "With formal involvement", "90% interval",
       "Gap between most and least (points)"]],
    caption="ICBs in being in each period. Scored: ICBs with enough papers (3 or more meetings).")

# %% [markdown]
# ## Coverage: how much of the picture the papers give
# No papers is not the same as no involvement: ICBs without papers are counted apart and never scored.

# %%
period = atlas.current_period()
coverage = atlas.coverage(period)
coverage = coverage[coverage["is_in_footprint"].astype(bool)]
counts = coverage["coverage_status"].map(COVERAGE_LABELS).value_counts()
show_table(counts.rename_axis("Coverage").reset_index(name="ICBs"),
           caption=f"ICBs by coverage, {period_label(period).lower()}.")

# %% [markdown]
# ## April 2026: from 42 ICBs to 36

# %%
scores = atlas.scores()
names = dict(zip(scores["icb_code_ods"], scores["icb_short_name"], strict=True))
merged = scores[scores["predecessor_icb_codes_ods"].notna()][
    ["icb_short_name", "icb_code_ods", "predecessor_icb_codes_ods"]].drop_duplicates()
if merged.empty:
    show_html("<p>No ICB in this dataset took over another's area.</p>")
else:
    show_table(merged.assign(**{
        "Took over the area of": merged["predecessor_icb_codes_ods"].map(
            lambda codes: ", ".join(names.get(c, c) for c in codes.split(";")))}).rename(
        columns={"icb_short_name": "ICB (from April 2026)", "icb_code_ods": "ODS code"})[
        ["ICB (from April 2026)", "ODS code", "Took over the area of"]])
