# %% [markdown]
# # ICB profile
# One ICB against its region and England: which signals its papers evidence, with quotes and
# links to the source page, its coverage, and its predecessors or successors.

# %% tags=["parameters"]
icb_code_ods = "QWO"

# %%
import os

from IPython.display import Markdown, display

from pipeline.report import charts
from pipeline.report.marts import Atlas
from pipeline.report.profiles import profile_context

atlas = Atlas.from_environment()
icb_code_ods = os.environ.get("ATLAS_ICB", icb_code_ods)
context = profile_context(atlas, icb_code_ods)
current = context["current"]
display(Markdown(f"**{current['icb_name']}** ({icb_code_ods}), {current['region_name']}, "
                 f"{current['period_label']}: coverage *{current['coverage_status']}*."))

# %%
charts.profile_bars(current, context["region_median"], context["england_median"],
                    atlas.dataset == "demo")

# %%
context["signals"][["dimension", "signal_label", "is_evidenced", "evidence_count", "best_quote",
                    "best_source_url"]]

# %%
context["coverage"][["period_label", "board_meeting_count", "meetings_with_papers_count",
                     "document_count", "coverage_status"]]
