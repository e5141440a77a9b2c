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
# **How signals are tagged.** Text is extracted page by page; each sentence, list item and roster
# line is tested against the twelve signal definitions' patterns, exclusions and negation cues
# (how much of them a person has reviewed is under "The signals" below). A small statistical
# classifier, trained on the labelled examples of the development split, then
# reads each passage: it drops a tag it finds very unlikely and adds one the definitions' patterns
# missed when it is confident, naming the words that weighed most. Every tag keeps its quote,
# page, document and the reason it was made.
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
from html import escape

import pandas as pd

from pipeline.paths import PROJECT_ROOT
from pipeline.report.definitions import review_cell, review_paragraph, signal_definitions
from pipeline.report.html import (
    COVERAGE_LABELS,
    DIMENSION_LABELS,
    SCRAPE_LABELS,
    period_label,
    show_html,
    show_table,
)
from pipeline.report.marts import Atlas
from pipeline.report.stamp import latest_real_text_check

atlas = Atlas.from_environment()

# %% [markdown]
# ## The signals

# %%
loaded = signal_definitions()
show_table(pd.DataFrame([{"Dimension": DIMENSION_LABELS.get(s.dimension, s.dimension),
                          "Signal": s.label, "Definition": s.definition,
                          "Why it matters": s.why_it_matters, "Reviewed by a person": review_cell(s)}
                         for s in loaded]))
show_html(review_paragraph(loaded))

# %% [markdown]
# ## Tagger precision and recall
# Measured three ways (data/evaluation/tagger_accuracy.csv). The real-text checks are excerpts
# copied word for word from public NHS and council pages, each labelled twice without the tagger's
# answers: the nearest to the papers the tagger reads. The blind split is passages written for
# this project after real papers, set aside by a fixed rule before any tuning: rules are not tuned
# on it and the model is not trained on it. Four times a change was not kept after its blind score
# was seen (docs/signals_changelog.md), so it is held out, not untouched. The development split is
# what the rules were tuned on and the model was trained on, so its figures are optimistic.

# %%
accuracy_path = PROJECT_ROOT / "data" / "evaluation" / "tagger_accuracy.csv"
accuracy = pd.read_csv(accuracy_path) if accuracy_path.exists() else pd.DataFrame()
TITLES = {"real_text": "real-text checks", "blind": "blind split",
          "dev": "dev split (tuned and trained on)"}


def proportion(rows, stem):
    """"0.65 (0.46–0.81)" per signal, or "–" where nothing was expected or found."""
    return [f"{v:.2f} ({lo:.2f}–{hi:.2f})" if pd.notna(v) else "–"
            for v, lo, hi in zip(rows[stem], rows[f"{stem}_low"], rows[f"{stem}_high"], strict=True)]


def micro_f1(rows):
    found = rows["true_positive_count"].sum()
    return 2 * found / (2 * found + rows["false_positive_count"].sum()
                        + rows["false_negative_count"].sum())


if accuracy.empty:
    show_html('<p class="nodata">No tagger accuracy figures are recorded yet.</p>')
else:
    labels = {s.signal_id: s.label for s in loaded}
    by_split = {name: rows.set_index("signal_id") for name, rows in accuracy.groupby("split")}
    shown = [name for name in TITLES if name in by_split]
    order = by_split[shown[0]].index
    table = pd.DataFrame({"Signal": [labels.get(i, i) for i in order]})
    for name in shown:
        rows = by_split[name].reindex(order)
        table[f"Precision, {TITLES[name]}"] = proportion(rows, "precision")
        table[f"Recall, {TITLES[name]}"] = proportion(rows, "recall")
    counts = ", ".join(f"{TITLES[name].split(' (')[0]} "
                       f"{int(by_split[name]['example_count'].iloc[0]):,} "
                       f"{'excerpts' if name == 'real_text' else 'passages'}" for name in shown)
    show_table(table, caption=f"In brackets: 95% Wilson intervals. Scored: {counts}. The scores' "
                              f"intervals use the figures of the {TITLES[shown[0]].split(' (')[0]}.")
    reading = by_split[shown[0]].dropna(subset=["recall"]).sort_values("recall")
    lowest = reading.iloc[0]
    show_html(
        f"<p><b>Reading “not found”.</b> Recall is the share of passages showing a signal that the "
        f"tagger finds. For “{escape(labels.get(lowest.name, lowest.name))}” it is "
        f"{lowest['recall']:.2f} on the {TITLES[shown[0]]}: of ten passages that show it, the "
        f"tagger finds about {round(lowest['recall'] * 10)}. So a signal not found in an ICB's "
        f"papers may still be there; the scores allow for this, and every signal found can be "
        f"checked against its quote.</p>")

# %%
def signal_sets(table, column):
    """Each row's signals from a ";"-separated column."""
    return [set(filter(None, value.split(";"))) for value in table[column]]


check_path = latest_real_text_check()
if check_path and not accuracy.empty and "blind" in by_split:
    check = pd.read_csv(check_path, dtype=str, keep_default_na=False)
    excerpt_count = len(check)
    if "real_text" in by_split:  # the excerpts the tagger in use recorded: all, unless texts were lost
        check = check[check["tagged_after_version"] == by_split["real_text"]["tagger_version"].iloc[0]]
    pairs = list(zip(signal_sets(check, "labels_a"), signal_sets(check, "labels_b"), strict=True))
    both = [a & b for a, b in pairs]
    either = [a | b for a, b in pairs]
    tagged = signal_sets(check, "tagged_after")
    found = sum(len(t & g) for t, g in zip(tagged, both, strict=True))
    missed = sum(len(g - t) for t, g in zip(tagged, both, strict=True))
    wrong = sum(len(t - e) for t, e in zip(tagged, either, strict=True))
    negatives = [t for t, e in zip(tagged, either, strict=True) if not e]
    which = (f"newest check ({escape(check_path.name)}: the {len(check)} of its {excerpt_count} "
             f"excerpts whose texts were found again)" if len(check) < excerpt_count else
             f"newest check's {len(check)} excerpts copied word for word "
             f"({escape(check_path.name)})")
    tagger = "it" if "real_text" in by_split else "that earlier tagger"
    formal = {s.signal_id for s in loaded if s.counts_as_formal}
    seats = sum(len(g & formal) for g in both)
    seats_found = sum(len(t & g & formal) for t, g in zip(tagged, both, strict=True))
    seats_wrong = sum(len((t - e) & formal) for t, e in zip(tagged, either, strict=True))
    on_seats = (f"; of the {seats} board or committee seats both labellings found there it finds "
                f"{seats_found}, and it tags {seats_wrong} that neither found (these two signals "
                f"are the headline's)" if seats or seats_wrong else "")
    newest = (f"On the {which} {tagger} scores {2 * found / (2 * found + wrong + missed):.2f}, "
              f"and tags {sum(map(bool, negatives))} of {len(negatives)} excerpts that show no "
              f"signal{on_seats}. " if found + wrong + missed else "")
    refound = (": those whose texts could be found again after they were lost, so not a random "
               "part; data/evaluation/README.md says which kinds of page came back"
               if len(check) < excerpt_count else "")
    if "real_text" in by_split:
        show_html(
            f"<p><b>On real text the tagger does less well.</b> On the real-text checks ("
            f"{int(by_split['real_text']['example_count'].iloc[0]):,} excerpts{refound}) it scores "
            f"{micro_f1(by_split['real_text']):.2f} (micro-F1, on the signals both labellings "
            f"found) against {micro_f1(by_split['blind']):.2f} on the blind split. {newest}"
            f"Half of each earlier check had its errors read while the tagger "
            f"was changed, so they flatter it, and the intervals built on all the checks may "
            f"still be a little optimistic (data/evaluation/README.md says which checks were "
            f"read).</p>")
    else:
        show_html(
            f"<p><b>On real text the tagger does less well.</b> The real-text checks were last "
            f"recorded with an earlier tagger than the one in use, so the intervals use the blind "
            f"split's figures ({micro_f1(by_split['blind']):.2f}, micro-F1), which are optimistic. "
            f"{newest}</p>")

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
