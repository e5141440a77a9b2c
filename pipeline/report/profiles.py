"""One profile page and one evidence pack per ICB: what was found, what was not, with sources;
an ICB whose papers were not found says so, with the crawl's own reason, apart from real gaps."""

from __future__ import annotations

from html import escape
from pathlib import Path

import pandas as pd

from pipeline.report.html import (
    COMPARISON_LABELS,
    COVERAGE_LABELS,
    COVERAGE_WHY,
    DIMENSION_LABELS,
    cell,
    comparison,
    figure_html,
    fmt_date,
    formal_text,
    interval_text,
    is_missing,
    label,
    link,
    missing,
    page,
    percent,
    period_label,
    plural,
    rank_text,
    table,
    text,
)
from pipeline.report.marts import CURRENT_PERIOD, Atlas
from pipeline.report.svg import interval_strip

CORRECTIONS_HELP = (
    "To correct this record, add a row to <code>data/corrections/{dataset}.csv</code> in the project "
    "(documented in <code>data/corrections/README.md</code>): <code>reject_evidence</code> to remove a "
    "passage that does not evidence its signal, or <code>add_evidence</code> with the exact quote and "
    "page for a signal we missed. The next run applies it and marks the change in the exports.")
SOURCE_NOTE = "Source: ICB board papers, ICB Involvement Atlas."


def _current(scores: pd.DataFrame) -> pd.Series:
    """The last 12 months where the ICB has them, else its latest period."""
    rows = scores[scores["period_label"] == CURRENT_PERIOD]
    if len(rows):
        return rows.iloc[-1]
    return scores.sort_values("period_end_date").iloc[-1]


def profile_context(atlas: Atlas, icb_code_ods: str) -> dict:
    """Everything a profile shows, for the page and for the profile notebook."""
    scores = atlas.select("mart_icb_scores", icb_code_ods=icb_code_ods).sort_values(
        ["period_end_date", "period_label"])
    current = _current(scores)
    period = current["period_label"]
    regions = atlas.regions("in_force", period)
    region = regions[regions["region_code_ods"] == current["region_code_ods"]]
    coverage = atlas.coverage(icb_code_ods=icb_code_ods).sort_values(["period_end_date", "period_label"])
    evidence = atlas.evidence(icb_code_ods)
    return {"scores": scores, "current": current, "period": period,
            "region": region.iloc[0] if len(region) else None,
            "england_median": current.get("england_median_index"),
            "signals": with_best_page(atlas.signals(period, icb_code_ods), evidence),
            "evidence": evidence,
            "coverage": coverage,
            "coverage_now": coverage[coverage["period_label"] == period].iloc[0]
            if (coverage["period_label"] == period).any() else None,
            "crawl": atlas.crawl_for(icb_code_ods),
            "documents": atlas.documents(icb_code_ods)}


def with_best_page(signals: pd.DataFrame, evidence: pd.DataFrame) -> pd.DataFrame:
    """The page of each signal's strongest passage (from its evidence row), for a #page=N link."""
    if "best_page_number" in signals.columns or signals.empty:
        return signals
    pages = evidence[["signal_id", "source_url", "quote", "page_number"]].drop_duplicates(
        ["signal_id", "source_url", "quote"]).rename(columns={
            "source_url": "best_source_url", "quote": "best_quote", "page_number": "best_page_number"})
    return signals.merge(pages, on=["signal_id", "best_source_url", "best_quote"], how="left")


def no_papers_notice(context: dict) -> str:
    """The grey notice for an ICB whose current period has no score, with the crawl's reason."""
    current = context["current"]
    status = current["coverage_status"]
    if status == "ok":
        return ""
    crawl = context["crawl"]
    why = crawl.get("detail") or COVERAGE_WHY.get(status) or "not recorded"
    checked = fmt_date(crawl.get("finished_at"))
    title = {"no_papers": "No papers found", "no_site": "No papers found",
             "low_coverage": "Too few papers to score"}.get(status, "Not scored")
    counted = ""
    coverage = context["coverage_now"]
    if coverage is not None:
        counted = (f" Collected for {escape(period_label(current['period_label']).lower())}: "
                   f"{plural(coverage['document_count'], 'document')} from "
                   f"{plural(coverage['meetings_with_papers_count'], 'meeting')} with papers.")
    checked_text = f"last checked {escape(checked)}" if checked else "never crawled (no crawl recorded)"
    return (f'<p class="nodata"><b>{escape(title)}</b> — why: {escape(str(why))}, {checked_text}.'
            f"{counted} This ICB is not ranked; no papers is not the same as no involvement.</p>")


def _lineage(icb: pd.Series, names: dict[str, str]) -> str:
    parts = []
    for heading, column in (("Took over the area of", "predecessor_icb_codes_ods"),
                            ("Replaced in April 2026 by", "successor_icb_codes_ods")):
        codes = icb.get(column)
        if isinstance(codes, str) and codes:
            links = ", ".join(f'<a href="{text(code)}.html">{text(names[code])}</a>' if code in names
                              else text(code) for code in codes.split(";"))
            parts.append(f"<p>{heading}: {links}.</p>")
    return "".join(parts)


def key_numbers(context: dict) -> str:
    current = context["current"]
    if current["coverage_status"] != "ok" or is_missing(current.get("rank")):
        return ""
    versus = current.get("england_comparison")
    comparison_html = (f'<span class="{escape(str(versus))}">{escape(COMPARISON_LABELS[versus])}</span>'
                       if versus in COMPARISON_LABELS else missing("not compared"))
    formal = current.get("has_formal_involvement")
    probability = current.get("formal_involvement_probability")
    formal_text = ("Yes" if formal else "No") + (
        f" (probability {percent(probability)})" if not is_missing(probability) else "")
    items = [
        ("Involvement index (90% interval)", cell(interval_text(
            current["involvement_index"], current["involvement_index_low"],
            current["involvement_index_high"]))),
        ("Rank (90% interval)", cell(rank_text(current["rank"], current["rank_low"], current["rank_high"],
                                               current.get("ranked_icb_count")))),
        ("Compared with England", comparison_html),
        ("Formal involvement in the papers", escape(formal_text)),
    ]
    return "<ul>" + "".join(f"<li><b>{escape(k)}:</b> {v}</li>" for k, v in items) + "</ul>"


def _short(label_text: str, width: int = 24) -> str:
    return label_text if len(label_text) <= width else label_text[:width - 1].rstrip(" ,") + "…"


def comparison_chart(context: dict) -> tuple[str, pd.DataFrame]:
    """The ICB beside its region's median and England's, each with its interval (SVG and numbers)."""
    current, region = context["current"], context["region"]
    reason = None if current["coverage_status"] == "ok" else COVERAGE_LABELS.get(current["coverage_status"])
    rows = [{"label": _short(str(current["icb_short_name"])), "value": current["involvement_index"],
             "low": current["involvement_index_low"], "high": current["involvement_index_high"],
             "colour": "#0072B2", "missing": f"not scored: {reason.lower()}" if reason else None}]
    if region is not None:
        rows.append({"label": _short(f"{region['region_name']} median"),
                     "value": region["involvement_index_median"],
                     "low": region.get("involvement_index_median_low"),
                     "high": region.get("involvement_index_median_high"), "colour": "#56B4E9"})
    england = context["england_median"]
    title = f"{current['icb_short_name']}, {period_label(current['period_label']).lower()}"
    svg = interval_strip(rows, title, ("England median", england) if not is_missing(england) else None,
                         SOURCE_NOTE)
    data = pd.DataFrame([{"series": r["label"], "involvement_index": r["value"],
                          "involvement_index_low": r.get("low"), "involvement_index_high": r.get("high")}
                         for r in rows] + [{"series": "England median", "involvement_index": england}])
    return svg, data


def write_comparison_chart(context: dict, folder: Path, name: str) -> str:
    """Save the comparison chart (SVG + CSV) under ``folder``; return its figure HTML."""
    svg, data = comparison_chart(context)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.svg").write_text(svg, encoding="utf-8")
    data.to_csv(folder / f"{name}.csv", index=False)
    current = context["current"]
    alt = (f"Involvement index of {current['icb_short_name']} with its 90% interval, beside the median of "
           f"its region and of England.")
    return figure_html(name, alt, "Dots: index; grey bars: 90% intervals; dashed line: England median.",
                       prefix=folder.name, extension="svg")


def _found(signal: pd.Series) -> str:
    count = int(signal["evidence_count"])
    date_text = fmt_date(signal["best_meeting_date"])
    return (f"<b>Found</b> ({plural(count, 'passage')})<blockquote>{text(signal['best_quote'])}</blockquote>"
            + link(signal["best_source_url"], signal["best_document_title"], signal.get("best_page_number"))
            + (f", meeting of {escape(date_text)}" if date_text else ""))


PROBABILITY_CAPTION = (
    "Probability present: the chance that the ICB's complete papers for the period truly show the "
    "signal, allowing for the tagger's measured misses and false tags (the method page) and for "
    "meetings whose papers were not found. A signal not found may still be there. A signal found "
    "at only one of many meetings can still have a low probability, because one tag can be a "
    "false one: read its quote to decide.")


def signals_table(signals: pd.DataFrame, coverage_status: str) -> str:
    rows = []
    for _, signal in signals.iterrows():
        if coverage_status != "ok":
            why = COVERAGE_WHY.get(coverage_status, "no score")
            found = f'<span class="na">Not scored — {escape(why)}</span>'
        elif signal["is_evidenced"]:
            found = _found(signal)
        else:
            found = '<span class="missing">Not found in the papers collected</span>'
        probability = signal.get("signal_probability") if coverage_status == "ok" else None
        rows.append([label(DIMENSION_LABELS, signal["dimension"]), text(signal["signal_label"]), found,
                     (cell(percent(probability) if not is_missing(probability) else None,
                           "not scored"), probability)])
    return table(rows, ["Dimension", "Signal", "Evidence (strongest passage)", "Probability present"],
                 numeric={3}, caption=PROBABILITY_CAPTION)


def history_table(scores: pd.DataFrame) -> str:
    rows = []
    ordered = scores.assign(_last=scores["period_label"] == CURRENT_PERIOD).sort_values(
        ["_last", "period_label"])
    for _, r in ordered.iterrows():
        scored = r["coverage_status"] == "ok"
        formal = r.get("has_formal_involvement")
        rows.append([escape(period_label(r["period_label"])), label(COVERAGE_LABELS, r["coverage_status"]),
                     (cell(interval_text(r["involvement_index"], r["involvement_index_low"],
                                         r["involvement_index_high"]) if scored else None, "not scored"),
                      r["involvement_index"] if scored else None),
                     (cell(rank_text(r["rank"], r["rank_low"], r["rank_high"], r.get("ranked_icb_count")),
                           "not ranked"), r["rank"]),
                     comparison(r.get("england_comparison")),
                     cell(formal_text(formal, r.get("formal_involvement_probability"))
                          if scored else None, "not scored")])
    return table(rows, ["Period", "Coverage", "Index (90% interval)", "Rank (90% interval)",
                        "Against the England median", "Formal involvement (probability)"], numeric={2, 3})


def coverage_table(coverage: pd.DataFrame) -> str:
    coverage = coverage.assign(_last=coverage["period_label"] == CURRENT_PERIOD).sort_values(
        ["_last", "period_label"])
    rows = [[escape(period_label(r["period_label"])), cell(r["board_meeting_count"]),
             cell(r["meetings_with_papers_count"]), cell(r["document_count"]),
             cell(r["extraction_error_count"]), label(COVERAGE_LABELS, r["coverage_status"])]
            for _, r in coverage.iterrows()]
    return table(rows, ["Period", "Board meetings", "Meetings with papers", "Documents",
                        "Unreadable documents", "Coverage"], numeric={1, 2, 3, 4})


def _intro(current: pd.Series, names: dict[str, str]) -> str:
    return (f"<p>{text(current['icb_name'])} (ODS {text(current['icb_code_ods'])}, ONS "
            f"{text(current['icb_code_ons'])}), {text(current['region_name'])} region.</p>"
            + _lineage(current, names))


def write_profile(atlas: Atlas, icb_code_ods: str, folder: Path, meta: dict, names: dict[str, str],
                  context: dict | None = None) -> Path:
    context = context or profile_context(atlas, icb_code_ods)
    current = context["current"]
    chart = write_comparison_chart(context, folder / "figures", f"profile-{icb_code_ods}")
    body = (
        _intro(current, names) + no_papers_notice(context)
        + f"<h2>{escape(period_label(context['period']))}</h2>" + key_numbers(context) + chart
        + f"<h2>Signals, {escape(period_label(context['period']).lower())}</h2>"
        + (signals_table(context["signals"], current["coverage_status"])
           if current["coverage_status"] == "ok" else
           '<p class="na">Not scored for this period (see above). The evidence pack lists any passages '
           "found in the papers that were collected.</p>")
        + f"<h2>Scores over time</h2>{history_table(context['scores'])}"
        + f"<h2>Coverage</h2>{coverage_table(context['coverage'])}"
        + f'<p><a href="evidence-{text(icb_code_ods)}.html">Evidence pack: every passage, with sources'
        "</a></p>"
    )
    path = folder / f"{icb_code_ods}.html"
    path.write_text(page(f"{current['icb_short_name']}: ICB profile", body, home="../index.html", **meta),
                    encoding="utf-8")
    return path


def write_evidence_pack(atlas: Atlas, icb_code_ods: str, folder: Path, meta: dict,
                        names: dict[str, str], context: dict | None = None) -> Path:
    """Every passage found, every signal not found, and how to correct the record."""
    context = context or profile_context(atlas, icb_code_ods)
    current = context["current"]
    evidence = context["evidence"]
    signals = context["signals"]
    rows = [[text(e["signal_label"]), f"<blockquote>{text(e['quote'])}</blockquote>",
             link(e["source_url"], e["document_title"], e["page_number"]),
             (cell(fmt_date(e["meeting_date"]), "undated"), e["meeting_date"]),
             (cell(e["page_number"]), e["page_number"]),
             f"<code>{text(e['sha256'])[:12]}</code>"] for _, e in evidence.iterrows()]
    documents = context["documents"]
    failed = documents[~documents["is_collected"].astype(bool)]
    if current["coverage_status"] == "ok":
        missing_signals = signals[~signals["is_evidenced"].astype(bool)]["signal_label"]
        not_found = (f"<h2>Signals not found, {escape(period_label(context['period']).lower())}</h2>"
                     + ("<ul>" + "".join(f"<li>{text(s)}</li>" for s in missing_signals) + "</ul>"
                        if len(missing_signals) else "<p>None: every signal was found.</p>"))
    else:
        not_found = ""
    body = (
        _intro(current, names) + no_papers_notice(context)
        + f"<p>What the ICB Involvement Atlas found in the board and committee papers of "
        f"{text(current['icb_name'])}. Please check it. "
        f"{CORRECTIONS_HELP.format(dataset=text(atlas.dataset))}</p>"
        + not_found
        + f"<h2>Passages found ({len(evidence):,})</h2>"
        + (table(rows, ["Signal", "Quote", "Document (opens at the page)", "Meeting", "Page", "SHA-256"],
                 numeric={4}, sortable=True) if rows else "<p>None.</p>")
        + f"<h2>Documents we could not collect ({len(failed):,})</h2>"
        + (table([[link(d["source_url"], d["source_url"]), cell(d["collection_error"], "not recorded")]
                  for _, d in failed.iterrows()], ["Link", "Why"]) if len(failed) else "<p>None.</p>")
    )
    path = folder / f"evidence-{icb_code_ods}.html"
    path.write_text(page(f"{current['icb_short_name']}: evidence pack", body, home="../index.html", **meta),
                    encoding="utf-8")
    return path
