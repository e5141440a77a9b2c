"""One profile page and one evidence pack per ICB: what was found, what was not, with sources."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.report import charts
from pipeline.report.html import link, page, table, text
from pipeline.report.marts import Atlas

CORRECTIONS_HELP = (
    "To correct this record, add a row to <code>data/corrections/{dataset}.csv</code> in the project "
    "(documented in <code>data/corrections/README.md</code>): <code>reject_evidence</code> to remove a "
    "passage that does not evidence its signal, or <code>add_evidence</code> with the exact quote and "
    "page for a signal we missed. The next run applies it and marks the change in the exports.")


def _latest_period(scores: pd.DataFrame) -> pd.Series:
    rows = scores[scores["period_label"] != "rolling_12m"].sort_values("period_end_date")
    return rows.iloc[-1] if len(rows) else scores.iloc[-1]


def _lineage(icb: pd.Series) -> str:
    parts = []
    for label, column in (("Predecessors", "predecessor_icb_codes_ods"),
                          ("Successors", "successor_icb_codes_ods")):
        codes = icb.get(column)
        if isinstance(codes, str) and codes:
            links = ", ".join(f'<a href="{text(code)}.html">{text(code)}</a>' for code in codes.split(";"))
            parts.append(f"<p>{label} (April 2026): {links}</p>")
    return "".join(parts)


def profile_context(atlas: Atlas, icb_code_ods: str) -> dict:
    """Everything a profile shows, for the page and for the profile notebook."""
    scores = atlas.query("select * from mart_icb_scores where icb_code_ods = ? order by period_end_date",
                         [icb_code_ods])
    current = _latest_period(scores)
    period = current["period_label"]
    region_median = atlas.scalar(
        "select involvement_index_median from mart_region_comparison where footprint = 'in_force' "
        "and period_label = ? and region_code_ods = ?", [period, current["region_code_ods"]])
    england_median = atlas.scalar(
        "select median(involvement_index) from mart_icb_scores where period_label = ? "
        "and coverage_status = 'ok' and is_in_footprint", [period])
    signals = atlas.query("select * from mart_icb_signals where icb_code_ods = ? and period_label = ? "
                          "order by dimension, signal_id", [icb_code_ods, period])
    return {"scores": scores, "current": current, "region_median": region_median,
            "england_median": england_median, "signals": signals,
            "evidence": atlas.evidence(icb_code_ods),
            "coverage": atlas.query("select * from mart_icb_coverage where icb_code_ods = ? "
                                    "order by period_end_date", [icb_code_ods])}


def _signals_table(signals: pd.DataFrame) -> str:
    rows = []
    for _, signal in signals.iterrows():
        if signal["is_evidenced"]:
            found = (f"<b>Found</b> ({int(signal['evidence_count'])} passages)<blockquote>"
                     f"{text(signal['best_quote'])}</blockquote>"
                     f"{link(signal['best_source_url'], signal['best_document_title'])} "
                     f"{text(signal['best_meeting_date'])}")
        else:
            found = '<span class="missing">Not found in the papers collected</span>'
        rows.append([text(signal["dimension"]), text(signal["signal_label"]), found])
    return table(rows, ["Dimension", "Signal", "Evidence (strongest passage)"])


def write_profile(atlas: Atlas, icb_code_ods: str, folder: Path, meta: dict) -> Path:
    context = profile_context(atlas, icb_code_ods)
    current = context["current"]
    figure = charts.profile_bars(current, context["region_median"], context["england_median"],
                                 atlas.dataset == "demo")
    charts.save(figure, folder / "figures", f"profile-{icb_code_ods}")
    history = table([[text(r["period_label"]), text(r["coverage_status"]), text(r["involvement_index"]),
                      text(r["has_formal_involvement"]), text(r["rank"])]
                     for _, r in context["scores"].iterrows()],
                    ["Period", "Coverage", "Index", "Formal involvement", "Rank"])
    coverage = table([[text(r["period_label"]), text(r["board_meeting_count"]),
                       text(r["meetings_with_papers_count"]), text(r["document_count"]),
                       text(r["extraction_error_count"]), text(r["coverage_status"])]
                      for _, r in context["coverage"].iterrows()],
                     ["Period", "Board meetings", "Meetings with papers", "Documents",
                      "Unreadable documents", "Coverage"])
    body = (
        f"<p>{text(current['icb_name'])} ({text(icb_code_ods)}, {text(current['icb_code_ons'])}), "
        f"{text(current['region_name'])}.</p>{_lineage(current)}"
        f'<img src="figures/profile-{text(icb_code_ods)}.png" alt="Index against region and England">'
        f"<h2>Signals in {text(current['period_label'])}</h2>{_signals_table(context['signals'])}"
        f"<h2>Scores over time</h2>{history}<h2>Coverage</h2>{coverage}"
        f'<p><a href="evidence-{text(icb_code_ods)}.html">Evidence pack: every passage, with sources</a></p>'
    )
    path = folder / f"{icb_code_ods}.html"
    path.write_text(page(f"{current['icb_short_name']}: ICB profile", body, home="../index.html", **meta),
                    encoding="utf-8")
    return path


def write_evidence_pack(atlas: Atlas, icb_code_ods: str, folder: Path, meta: dict) -> Path:
    """Every passage found, every signal not found, and how to correct the record."""
    context = profile_context(atlas, icb_code_ods)
    current = context["current"]
    evidence = context["evidence"]
    missing = context["signals"][~context["signals"]["is_evidenced"].astype(bool)]
    rows = [[text(e["signal_label"]), f"<blockquote>{text(e['quote'])}</blockquote>",
             link(e["source_url"], e["document_title"]), text(e["meeting_date"]), text(e["page_number"]),
             f"<code>{text(e['sha256'])[:12]}</code>"] for _, e in evidence.iterrows()]
    documents = atlas.documents(icb_code_ods)
    failed = documents[~documents["is_collected"].astype(bool)]
    body = (
        f"<p>What the ICB Involvement Atlas found in the board and committee papers of "
        f"{text(current['icb_name'])}. Please check it. "
        f"{CORRECTIONS_HELP.format(dataset=text(atlas.dataset))}</p>"
        f"<h2>Signals not found in {text(current['period_label'])}</h2><ul>"
        + "".join(f"<li>{text(s)}</li>" for s in missing["signal_label"]) + "</ul>"
        f"<h2>Passages found ({len(evidence)})</h2>"
        + table(rows, ["Signal", "Quote", "Document", "Meeting", "Page", "SHA-256"])
        + f"<h2>Documents we could not collect ({len(failed)})</h2>"
        + table([[link(d["source_url"], d["source_url"]), text(d["collection_error"])]
                 for _, d in failed.iterrows()], ["Link", "Why"])
    )
    path = folder / f"evidence-{icb_code_ods}.html"
    path.write_text(page(f"{current['icb_short_name']}: evidence pack", body, home="../index.html", **meta),
                    encoding="utf-8")
    return path
