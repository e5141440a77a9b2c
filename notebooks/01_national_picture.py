# %% [markdown]
# # National picture
# How many ICBs show evidence of formal patient and public involvement, how that compares with the
# 2023 review (25 of 42 ICBs had formal involvement; 17 had none), how much of the picture the
# collected papers cover, and what changed when 42 ICBs became 36 in April 2026.

# %%
import os
from pathlib import Path

from IPython.display import Markdown, display

from pipeline.report import charts
from pipeline.report.marts import Atlas

atlas = Atlas.from_environment()
figures = Path(os.environ.get("ATLAS_FIGURES", "figures"))
demo = atlas.dataset == "demo"
year = atlas.latest_year()
national = atlas.national()

# %%
row = national[(national["footprint"] == "in_force") & (national["period_label"] == year)].iloc[0]
display(Markdown(
    f"**{year}:** {row['covered_icb_count']} of {row['icb_count']} ICBs had enough papers to score "
    f"(3 or more meetings with papers). Of those, **{row['formal_involvement_count']} "
    f"({row['formal_involvement_pct']:.0f}%)** show board or committee representation of patients or "
    f"the public in their papers. The 2023 review found 25 of 42 (60%). The gap between the ICBs with "
    f"most and least evidence is **{row['icb_gap']:.0f} points** on the 0–100 index."))

# %%
figure = charts.formal_involvement_over_time(
    national, "Formal involvement in ICB papers, by year, beside the 2023 review", demo)
charts.save(figure, figures, "national-formal-involvement")
figure

# %% [markdown]
# ## Coverage: how much of the picture the papers give
# No papers is not the same as no involvement: ICBs without papers are counted apart and never scored.

# %%
coverage = atlas.coverage(year)
coverage.groupby("coverage_status").size().rename("ICBs").to_frame()

# %% [markdown]
# ## April 2026: from 42 ICBs to 36

# %%
scores = atlas.scores()
merged = scores[scores["predecessor_icb_codes_ods"].notna()][
    ["icb_code_ods", "icb_name", "predecessor_icb_codes_ods"]].drop_duplicates()
merged.rename(columns={"icb_code_ods": "ICB (2026)", "icb_name": "Name",
                       "predecessor_icb_codes_ods": "Took over the area of"})
