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
# # The postcode lottery
# Where you live decides how much say you get. A higher index means more evidence of involvement in
# the ICB's papers. ICBs with too few papers are shown apart (hatched on the maps), never as zero.
# Grey bars and bands are 90% intervals: two ICBs whose intervals overlap may not really differ.

# %%
from pipeline.report import charts
from pipeline.report.html import period_label
from pipeline.report.marts import Atlas

atlas = Atlas.from_environment()
demo = atlas.dataset == "demo"
period = atlas.current_period()
scores = atlas.scores(period)
in_footprint = scores[scores["is_in_footprint"].astype(bool)]
when = period_label(period).lower()

# %% [markdown]
# ## Maps: the ICBs before the April 2026 mergers and after

# %%
pre_year = atlas.last_year_before("2026/27") or period
codes_before = atlas.footprint_codes(pre_year)
chart = charts.choropleth(atlas.scores(pre_year), codes_before, "2023",
                          f"Involvement index by ICB, {period_label(pre_year)} ({len(codes_before)} ICBs)", demo)
charts.show(chart, "map-before-2026",
            alt=f"Map of England's {len(codes_before)} ICBs in {period_label(pre_year)}, shaded by involvement index; ICBs "
                "without a rank are hatched, the legend saying why.",
            caption=f"Involvement index by ICB, {period_label(pre_year)}. Hatched: not ranked, with the "
                    "reason in the legend.")

# %%
codes_now = atlas.footprint_codes(period)
chart = charts.choropleth(scores, codes_now, "2026",
                          f"Involvement index by ICB, {when} ({len(codes_now)} ICBs)", demo)
charts.show(chart, "map-now",
            alt=f"Map of England's {len(codes_now)} ICBs, {when}, shaded by involvement index; ICBs without a rank are "
                "hatched, the legend saying why.",
            caption=f"Involvement index by ICB, {when}. Hatched: not ranked, with the reason in the legend.")

# %% [markdown]
# ## Ranked, with uncertainty
# Each dot is an ICB's index; the grey bar its 90% interval. Green: the interval lies above the
# England median; orange: below; grey: not clearly different.

# %%
chart = charts.ranked_dots(in_footprint, f"ICBs ranked by involvement index, {when}", demo)
charts.show(chart, "ranked-icbs",
            alt=f"Dot plot of ranked ICBs by involvement index, {when}, with 90% intervals and the England "
                "median; ICBs without a rank are listed below the chart.",
            caption="Dots: index; grey bars: 90% intervals; dashed line: England median. Colour: above, "
                    "similar to or below the England median.")

# %% [markdown]
# ## Within and between regions

# %%
chart = charts.regional_distribution(in_footprint, atlas.regions("in_force", period),
                                     f"Involvement index by region, {when}", demo)
charts.show(chart, "regional-distribution",
            alt=f"Each ranked ICB's involvement index within its NHS region, {when}, with each region's "
                "median and its 90% interval.",
            caption="Dots: ICBs; black bar: regional median; black line beside it: the median's 90% interval.")

# %%
signals = atlas.signals(period)
chart = charts.signal_heatmap(signals[signals["icb_code_ods"].isin(in_footprint["icb_code_ods"])],
                              f"Which signals each ICB's papers evidence, {when}", demo)
charts.show(chart, "signals-heatmap",
            alt=f"Grid of ICBs by the twelve involvement signals, {when}: evidenced, not found, or not "
                "scored (hatched) where the ICB had too few papers.",
            caption="Blue: evidenced; light grey: not found in the papers collected; hatched: not scored "
                    "(no website, no papers or too few meetings with papers).")

# %%
chart = charts.regional_trends(atlas.trends("region"), "Quarterly index by region (median ICB)", demo)
charts.show(chart, "regional-trends",
            alt="Line chart of each NHS region's median ICB involvement index by quarter, with 90% "
                "interval bands.",
            caption="Lines: the median ICB's index in each region by quarter; bands: 90% intervals.")
