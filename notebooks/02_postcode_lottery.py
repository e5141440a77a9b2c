# %% [markdown]
# # The postcode lottery
# Where you live decides how much say you get. Higher index = more evidence of involvement in the
# ICB's papers. ICBs with too few papers are shown apart, not as zero.

# %%
import os
from datetime import date
from pathlib import Path

from pipeline.registry import load_registry
from pipeline.report import charts
from pipeline.report.marts import Atlas

atlas = Atlas.from_environment()
figures = Path(os.environ.get("ATLAS_FIGURES", "figures"))
demo = atlas.dataset == "demo"
registry = load_registry()
year = atlas.latest_year()
scores = atlas.scores(year)
in_footprint = scores[scores["is_in_footprint"]]

# %% [markdown]
# ## Map: the 42-ICB footprint (before April 2026) and the 36-ICB footprint (after)

# %%
pre = [p for p in atlas.scores()["period_label"].unique() if p < "2026/27" and p != "rolling_12m"]
pre_year = max(pre) if pre else year
pre_scores = atlas.scores(pre_year)
codes_2023 = {icb.icb_code_ods: registry.ons_code_on(icb.icb_code_ods, date(2024, 1, 1))
              for icb in registry.active_on(date(2024, 1, 1))}
figure = charts.choropleth(pre_scores, codes_2023, "2023",
                           f"Involvement index by ICB, {pre_year} (42 ICBs)", demo)
charts.save(figure, figures, "map-42-icbs")
figure

# %%
codes_2026 = {icb.icb_code_ods: registry.ons_code_on(icb.icb_code_ods, date(2026, 6, 1))
              for icb in registry.active_on(date(2026, 6, 1))}
post = atlas.scores("rolling_12m")
figure = charts.choropleth(post, codes_2026, "2026",
                           "Involvement index by ICB, last 12 months (36 ICBs)", demo)
charts.save(figure, figures, "map-36-icbs")
figure

# %% [markdown]
# ## Ranked, with uncertainty

# %%
figure = charts.ranked_dots(in_footprint, f"ICBs ranked by involvement index, {year}", demo)
charts.save(figure, figures, "ranked-icbs")
figure

# %% [markdown]
# ## Within and between regions

# %%
figure = charts.regional_distribution(in_footprint, f"Involvement index by region, {year}", demo)
charts.save(figure, figures, "regional-distribution")
figure

# %%
figure = charts.signal_heatmap(atlas.signals(year), f"Which signals each ICB evidences, {year}", demo)
charts.save(figure, figures, "signals-heatmap")
figure

# %%
figure = charts.regional_trends(atlas.trends("region"), "Quarterly index by region (median ICB)", demo)
charts.save(figure, figures, "regional-trends")
figure
