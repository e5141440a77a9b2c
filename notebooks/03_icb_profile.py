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
# # ICB profile
# One ICB against its region and England: which signals its papers evidence, with quotes and
# links to the source page, its coverage, and its predecessors or successors. Every ICB has a page
# like this one, linked from the report's home page.

# %% tags=["parameters"]
icb_code_ods = ""

# %%
import os

from pipeline.report import charts
from pipeline.report.html import escape, period_label, show_html
from pipeline.report.marts import Atlas
from pipeline.report.profiles import (
    coverage_table,
    key_numbers,
    no_papers_notice,
    profile_context,
    signals_table,
    write_comparison_chart,
)

atlas = Atlas.from_environment()
icbs = atlas.icbs()
icb_code_ods = os.environ.get("ATLAS_ICB") or icb_code_ods or (
    str(icbs.iloc[0]["icb_code_ods"]) if len(icbs) else "")
context = profile_context(atlas, icb_code_ods) if icb_code_ods in set(icbs["icb_code_ods"]) else None
if context is None:
    show_html('<p class="nodata">No ICB to profile: the dataset has no ICBs.</p>')
else:
    current = context["current"]
    show_html(f"<p><b>{escape(current['icb_name'])}</b> ({escape(icb_code_ods)}), "
              f"{escape(current['region_name'])} region, {escape(period_label(context['period']).lower())}. "
              f'Its own page: <a href="icbs/{escape(icb_code_ods)}.html">profile</a> and '
              f'<a href="icbs/evidence-{escape(icb_code_ods)}.html">evidence pack</a>.</p>'
              + no_papers_notice(context) + key_numbers(context))

# %%
if context is not None:
    show_html(write_comparison_chart(context, charts.figures_folder(), "profile-example"))

# %% [markdown]
# ## Signals

# %%
if context is not None:
    show_html(signals_table(context["signals"], context["current"]["coverage_status"]))

# %% [markdown]
# ## Coverage

# %%
if context is not None:
    show_html(coverage_table(context["coverage"]))
