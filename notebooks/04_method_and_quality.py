# %% [markdown]
# # Method and data quality
# **How documents are found.** From each ICB's board-papers page, a polite crawler (robots.txt
# obeyed, one request at a time per site) follows year, archive, meeting, committee and download
# pages on the ICB's own site, and keeps every document under its SHA-256.
#
# **How signals are tagged.** Text is extracted page by page; each sentence is tested against
# twelve reviewed signal definitions (patterns, exclusions, negation). Every tag keeps its quote,
# page and document. The index is the share of signals evidenced in a period.
#
# **Caveats.** Board papers under-record what happens: a signal not found is not proof it is
# absent. No papers is not the same as no involvement. The tagger makes mistakes; every claim can
# be checked against its source page, and corrections are applied on the next run.

# %%
import os
from pathlib import Path

from pipeline.report.marts import Atlas
from pipeline.tag.evaluate import DEVSET_PATH, micro_f1, read_devset, score
from pipeline.tag.matcher import Matcher
from pipeline.tag.signals import load_signals

atlas = Atlas.from_environment()
signal_set = load_signals()

# %% [markdown]
# ## The signals

# %%
import pandas as pd

pd.DataFrame([{"dimension": s.dimension, "signal": s.label, "definition": s.definition,
               "why it matters": s.why_it_matters} for s in signal_set.signals])

# %% [markdown]
# ## Tagger precision and recall on the development set
# The development set is written in board-paper language and was used to tune the patterns, so
# these figures are optimistic; an independent set of real excerpts is used to check the tagger.

# %%
if Path(DEVSET_PATH).exists():
    scores = score(Matcher(signal_set), read_devset())
    table = pd.DataFrame([{"signal": s.signal_id, "precision": round(s.precision, 2),
                           "recall": round(s.recall, 2)} for s in scores.values()])
    print(f"micro-F1 {micro_f1(scores):.3f}")
else:
    table = pd.DataFrame(columns=["signal", "precision", "recall"])
table

# %% [markdown]
# ## Coverage and extraction failures by ICB

# %%
coverage = atlas.coverage("rolling_12m")
coverage[["icb_name", "scrape_status", "document_count", "pages_without_text_count",
          "extraction_error_count", "coverage_status"]]
