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
# # Method and data quality
# **How documents are found.** From each ICB's board-papers page, a polite crawler (robots.txt
# obeyed, one request at a time per site) follows year, archive, meeting, committee and download
# pages on the ICB's own site, and keeps every document under its SHA-256.
#
# **How signals are tagged.** Text is extracted page by page; each sentence is tested against
# twelve reviewed signal definitions (patterns, exclusions, negation). Every tag keeps its quote,
# page and document.
#
# **How ICBs are scored.** An ICB is scored in a period when it has papers from 3 or more board
# meetings. The index (0–100) combines the three dimensions (structures, processes, policies). Each
# score comes with a 90% interval (a range holding the true value about 9 times in 10) from a
# measurement model that allows for the tagger's measured precision and recall (a signal found may
# be a false positive, a signal not found may have been missed) and for meetings whose papers we
# could not find or read. The model is described in the project's `docs/uncertainty.md`. Ranks and
# "above / similar / below the England median" come from the same model: an ICB is above or below
# only when its interval excludes the median.
#
# **Caveats.** Board papers under-record what happens: a signal not found is not proof it is
# absent. No papers is not the same as no involvement. The tagger makes mistakes; every claim can
# be checked against its source page, and corrections are applied on the next run.

# %%
import tomllib

import pandas as pd

from pipeline.paths import PROJECT_ROOT
from pipeline.report.html import (
    COVERAGE_LABELS,
    DIMENSION_LABELS,
    SCRAPE_LABELS,
    period_label,
    show_html,
    show_table,
)
from pipeline.report.marts import Atlas

atlas = Atlas.from_environment()
definitions = tomllib.loads((PROJECT_ROOT / "pipeline" / "signals.toml").read_text(encoding="utf-8"))

# %% [markdown]
# ## The signals

# %%
signals = definitions.get("signal", [])
show_table(pd.DataFrame([{"Dimension": DIMENSION_LABELS.get(s.get("dimension"), s.get("dimension")),
                          "Signal": s.get("label"), "Definition": s.get("definition"),
                          "Why it matters": s.get("why_it_matters")} for s in signals]))

# %% [markdown]
# ## Tagger precision and recall
# Measured on hand-labelled passages (data/evaluation/tagger_accuracy.csv). The blind split, never
# used for tuning, is shown when it exists; otherwise the development split, whose figures are
# optimistic. These figures feed the intervals.

# %%
accuracy_path = PROJECT_ROOT / "data" / "evaluation" / "tagger_accuracy.csv"
accuracy = pd.read_csv(accuracy_path) if accuracy_path.exists() else pd.DataFrame()
if accuracy.empty:
    show_html('<p class="nodata">No tagger accuracy figures are recorded yet.</p>')
else:
    split = "blind" if (accuracy["split"] == "blind").any() else "dev"
    rows = accuracy[accuracy["split"] == split]
    labels = {s.get("id"): s.get("label") for s in signals}
    show_table(pd.DataFrame({
        "Signal": rows["signal_id"].map(lambda i: labels.get(i, i)),
        "Examples": rows["example_count"],
        "Precision": [f"{p:.2f} ({lo:.2f}–{hi:.2f})" for p, lo, hi in
                      zip(rows["precision"], rows["precision_low"], rows["precision_high"], strict=True)],
        "Recall": [f"{r:.2f} ({lo:.2f}–{hi:.2f})" for r, lo, hi in
                   zip(rows["recall"], rows["recall_low"], rows["recall_high"], strict=True)]}),
        caption=f"Split: {split}. In brackets: 90% intervals.")

# %% [markdown]
# ## Coverage and extraction failures by ICB

# %%
period = atlas.current_period()
coverage = atlas.coverage(period)
show_table(pd.DataFrame({
    "ICB": coverage["icb_name"].str.replace("NHS ", "", regex=False)
    .str.replace(" Integrated Care Board", "", regex=False),
    "Crawl": coverage["scrape_status"].map(lambda s: SCRAPE_LABELS.get(s, s)),
    "Documents": coverage["document_count"],
    "Pages without text": coverage["pages_without_text_count"],
    "Unreadable documents": coverage["extraction_error_count"],
    "Coverage": coverage["coverage_status"].map(lambda s: COVERAGE_LABELS.get(s, s))}),
    caption=f"{period_label(period)}.", sortable=True)
