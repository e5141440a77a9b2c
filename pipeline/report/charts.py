"""The report's charts (matplotlib). Each chart function returns a ``Chart``: the figure (title,
labelled axes with units, a source line, a colour-blind-safe palette) and the table of exactly the
numbers it draws, which ``show`` saves beside the figure as the chart's CSV download."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path
from typing import NamedTuple

import matplotlib

matplotlib.use("Agg")
matplotlib.rcParams["svg.hashsalt"] = "icb-involvement-atlas"  # the same chart gives the same SVG
import matplotlib.dates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.collections import PolyCollection  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from pipeline.paths import REFERENCE_DIR  # noqa: E402
from pipeline.report.html import COVERAGE_LABELS, SOURCE, figure_html  # noqa: E402
from pipeline.report.review import REVIEW_2023  # noqa: E402

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
COMPARISON_COLOURS = {"above": "#009E73", "similar": "#666666", "below": "#D55E00"}
ONS = ("Boundaries: Office for National Statistics, OGL v3.0. Contains OS data © Crown copyright "
       "and database right 2023-2026.")
BOUNDARIES = {"2023": ("icb_boundaries_2023.geojson", "ICB23CD", "ICB23NM"),
              "2026": ("icb_boundaries_2026.geojson", "ICB26CD", "ICB26NM")}
INDEX_LABEL = "Involvement index (0–100; higher = more evidence)"
# How an ICB without a rank is drawn on the maps: hatch and legend text, by coverage status.
UNRANKED_STYLES = {
    "no_site": ("xxx", "#f2f2f2"),
    "no_papers": ("///", "#e4e4e4"),
    "low_coverage": ("...", "#d6d6d6"),
    None: ("\\\\\\", "#ffffff"),
}


class Chart(NamedTuple):
    figure: plt.Figure
    data: pd.DataFrame


def _finish(figure, source: str, demo: bool, bottom: float = 0.0, top: float = 1.0) -> plt.Figure:
    note = ("DEMO DATA — NOT FINDINGS. " if demo else "") + source
    width = int(figure.get_figwidth() * 16)
    lines = textwrap.wrap(note, width)
    figure.text(0.01, 0.01, "\n".join(lines), fontsize=7, color="#444444", ha="left", va="bottom")
    figure.tight_layout(rect=(0, 0.02 + 0.025 * len(lines) + bottom, 1, top))
    return figure


def _empty(title: str, message: str, demo: bool) -> Chart:
    figure, axes = plt.subplots(figsize=(7, 2.2))
    axes.set_axis_off()
    axes.set_title(title, fontsize=10)
    axes.text(0.5, 0.5, message, ha="center", va="center", fontsize=10, color="#555555", wrap=True)
    return Chart(_finish(figure, SOURCE, demo), pd.DataFrame({"note": [message]}))


def _rings(geometry: dict) -> list[np.ndarray]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [np.asarray(polygon[0])[:, :2] for polygon in polygons]


def load_boundaries(vintage: str) -> dict[str, tuple[str, list[np.ndarray]]]:
    """ONS code -> (the boundary's ICB name, outer rings of its polygons), for the 2023 (42) or
    2026 (36) footprint."""
    file_name, code_key, name_key = BOUNDARIES[vintage]
    data = json.loads((REFERENCE_DIR / file_name).read_text(encoding="utf-8"))
    return {feature["properties"][code_key]: (feature["properties"][name_key], _rings(feature["geometry"]))
            for feature in data["features"]}


def choropleth(scores: pd.DataFrame, ons_codes: dict[str, str | None], vintage: str, title: str,
               demo: bool) -> Chart:
    """ICBs shaded by involvement index; every ICB without a rank hatched, the legend saying why.

    ``ons_codes`` (ODS code -> ONS code, read from the marts: ``Atlas.footprint_codes``) places each
    ICB on the ``vintage`` boundaries. A boundary on which no ICB is placed (the data end before it
    was drawn) is hatched as not in the data, never left blank."""
    shapes = load_boundaries(vintage)
    by_code = scores.set_index("icb_code_ods") if len(scores) else None
    figure, axes = plt.subplots(figsize=(6.5, 7.5))
    cmap = plt.get_cmap("viridis")
    scored, colours = [], []
    unranked: dict[str | None, list] = {}
    unranked_codes: dict[str | None, set] = {}
    rows = []
    for icb_code_ods, code_ons in ons_codes.items():
        row = by_code.loc[icb_code_ods] if by_code is not None and icb_code_ods in by_code.index else None
        is_ranked = row is not None and pd.notna(row["rank"]) and pd.notna(row["involvement_index"])
        status = None if row is None else row["coverage_status"]
        rows.append({"icb_code_ods": icb_code_ods, "icb_code_ons": code_ons,
                     "icb_name": None if row is None else row["icb_name"],
                     "coverage_status": status if status is not None else "not_in_data",
                     "is_ranked": is_ranked,
                     "involvement_index": row["involvement_index"] if is_ranked else None})
        for ring in shapes[code_ons][1] if code_ons in shapes else []:
            if is_ranked:
                scored.append(ring)
                colours.append(cmap(float(row["involvement_index"]) / 100))
            else:
                key = status if status in UNRANKED_STYLES else None
                unranked.setdefault(key, []).append(ring)
                unranked_codes.setdefault(key, set()).add(icb_code_ods)
    for code_ons in sorted(set(shapes) - set(ons_codes.values())):
        name, rings = shapes[code_ons]
        rows.append({"icb_code_ods": None, "icb_code_ons": code_ons, "icb_name": name,
                     "coverage_status": "not_in_data", "is_ranked": False, "involvement_index": None})
        unranked.setdefault(None, []).extend(rings)
        unranked_codes.setdefault(None, set()).add(code_ons)
    axes.add_collection(PolyCollection(scored, facecolors=colours, edgecolors="white", linewidths=0.3))
    handles = []
    data = pd.DataFrame(rows)
    for status, rings in unranked.items():
        hatch, face = UNRANKED_STYLES[status]
        axes.add_collection(PolyCollection(rings, facecolors=face, edgecolors="#777777", linewidths=0.3,
                                           hatch=hatch))
        count = len(unranked_codes[status])
        reason = COVERAGE_LABELS[status] if status else "Not in the data or not ranked"
        handles.append(Patch(facecolor=face, edgecolor="#777777", hatch=hatch,
                             label=f"Not ranked: {reason.lower()} ({count})"))
    axes.autoscale()
    axes.set_aspect(1 / np.cos(np.radians(53)))
    axes.set_axis_off()
    mappable = plt.cm.ScalarMappable(cmap=cmap, norm=plt.Normalize(0, 100))
    bar = figure.colorbar(mappable, ax=axes, fraction=0.035, pad=0.02)
    bar.set_label(INDEX_LABEL)
    if handles:
        axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, 0.0), fontsize=7,
                    frameon=False, title="Hatched: no rank, and why", title_fontsize=7,
                    alignment="left")
    axes.set_title(title, fontsize=10)
    return Chart(_finish(figure, f"{SOURCE} {ONS}", demo), data)


def ranked_dots(scores: pd.DataFrame, title: str, demo: bool) -> Chart:
    """Ranked ICBs by index with 90% intervals, coloured by comparison with the England median."""
    ranked = scores[scores["rank"].notna()].sort_values(["involvement_index", "icb_short_name"],
                                                        ascending=[True, False], kind="stable")
    if ranked.empty:
        return _empty(title, "No ICB had enough papers to be ranked.", demo)
    unranked = scores[scores["rank"].isna()]
    height = max(4.0, 0.22 * len(ranked) + 1.8)
    figure, axes = plt.subplots(figsize=(8, height))
    positions = np.arange(len(ranked))
    axes.hlines(positions, ranked["involvement_index_low"], ranked["involvement_index_high"],
                color="#bbbbbb", linewidth=2.5, label="90% interval")
    comparison = ranked["england_comparison"].fillna("similar")
    for key, colour in COMPARISON_COLOURS.items():
        chosen = comparison == key
        if chosen.any():
            axes.plot(ranked.loc[chosen, "involvement_index"], positions[chosen.to_numpy()], "o",
                      color=colour, label=f"{key.capitalize()} the England median"
                      if key != "similar" else "Similar to the England median")
    median = ranked["england_median_index"].dropna()
    if len(median):
        axes.axvline(median.iloc[0], color="#000000", linestyle="--", linewidth=1,
                     label=f"England median ({median.iloc[0]:.0f})")
    axes.set_yticks(positions, ranked["icb_short_name"], fontsize=7)
    axes.set_xlim(0, 100)
    axes.set_xlabel(INDEX_LABEL)
    axes.set_title(title, fontsize=10)
    axes.legend(loc="upper left", fontsize=7)
    bottom = 0.0
    if len(unranked):
        names = ", ".join(f"{n} ({COVERAGE_LABELS.get(s, s).lower()})" for n, s in
                          zip(unranked["icb_short_name"], unranked["coverage_status"], strict=True))
        lines = textwrap.wrap("Not ranked: " + names, 150)
        bottom = 0.02 * len(lines) + 0.01
        figure.text(0.01, 0.045, "\n".join(lines), fontsize=6, va="bottom")
    data = ranked[["rank", "rank_low", "rank_high", "ranked_icb_count", "icb_code_ods", "icb_short_name",
                   "involvement_index", "involvement_index_low", "involvement_index_high",
                   "england_median_index", "england_comparison"]].sort_values(["rank", "icb_code_ods"])
    return Chart(_finish(figure, SOURCE, demo, bottom), data)


def regional_distribution(scores: pd.DataFrame, regions: pd.DataFrame, title: str, demo: bool) -> Chart:
    """Each ranked ICB's index as a dot within its region; the regional median with its 90% interval."""
    covered = scores[scores["rank"].notna()]
    if covered.empty or regions.empty:
        return _empty(title, "No ICB had enough papers to be compared.", demo)
    names = sorted(covered["region_name"].unique())
    figure, axes = plt.subplots(figsize=(9, 4.8))
    medians = regions.set_index("region_name")
    drawn = []
    for position, region in enumerate(names):
        values = covered.loc[covered["region_name"] == region, "involvement_index"].to_numpy()
        jitter = np.linspace(-0.18, 0.18, len(values)) if len(values) > 1 else np.zeros(1)
        axes.plot(position + jitter, values, "o", color=OKABE_ITO[4], alpha=0.7, markersize=5,
                  label="An ICB" if position == 0 else None)
        if region in medians.index:
            row = medians.loc[region]
            axes.vlines(position + 0.28, row["involvement_index_median_low"],
                        row["involvement_index_median_high"], color="#000000", linewidth=1.5,
                        label="90% interval of the median" if position == 0 else None)
            axes.hlines(row["involvement_index_median"], position - 0.3, position + 0.3, color="black",
                        linewidth=2.5, label="Regional median" if position == 0 else None)
            drawn.append({"region_name": region, "covered_icb_count": int(row["covered_icb_count"]),
                          "involvement_index_median": row["involvement_index_median"],
                          "involvement_index_median_low": row["involvement_index_median_low"],
                          "involvement_index_median_high": row["involvement_index_median_high"],
                          "icb_index_values": ";".join(f"{v:.1f}" for v in sorted(values))})
    axes.set_xticks(range(len(names)), names, rotation=20, ha="right", fontsize=8)
    axes.set_ylim(0, 100)
    axes.set_ylabel(INDEX_LABEL, fontsize=8)
    axes.set_title(title, fontsize=10)
    axes.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return Chart(_finish(figure, SOURCE, demo), pd.DataFrame(drawn))


def signal_heatmap(signals: pd.DataFrame, title: str, demo: bool) -> Chart:
    """Signals (columns) by ICB (rows): evidenced, not found, or not scored (too few papers)."""
    if signals.empty:
        return _empty(title, "No signals were scored: no papers were collected.", demo)
    scored = signals["coverage_status"] == "ok"
    table = signals.assign(value=np.where(scored, signals["is_evidenced"].astype(float), np.nan),
                           state=np.where(scored, np.where(signals["is_evidenced"].astype(bool),
                                                           "evidenced", "not found"), "not scored"),
                           short=signals["icb_name"].str.replace("NHS ", "", regex=False)
                           .str.replace(" Integrated Care Board", "", regex=False)
                           .map(lambda name: name if len(name) <= 40 else name[:38].rstrip(" ,") + "…"))
    grid = table.pivot_table(index="short", columns="signal_label", values="value", aggfunc="max",
                             dropna=False)
    figure, axes = plt.subplots(figsize=(9, max(4.0, 0.2 * len(grid) + 3.0)))
    cmap = matplotlib.colors.ListedColormap(["#f0f0f0", OKABE_ITO[0]])
    cmap.set_bad("#ffffff")
    values = grid.to_numpy()
    axes.imshow(np.ma.masked_invalid(values), cmap=cmap, vmin=0, vmax=1, aspect="auto")
    for y, x in zip(*np.where(np.isnan(values)), strict=True):
        if not np.isnan(values[y]).all():
            axes.add_patch(matplotlib.patches.Rectangle((x - 0.5, y - 0.5), 1, 1, facecolor="#ffffff",
                                                        edgecolor="#bbbbbb", hatch="///", linewidth=0))
    reasons = table.groupby("short")["coverage_status"].first()
    for y, name in enumerate(grid.index):
        if np.isnan(values[y]).all():
            axes.add_patch(matplotlib.patches.Rectangle((-0.5, y - 0.5), grid.shape[1], 1,
                                                        facecolor="#ffffff", edgecolor="#bbbbbb",
                                                        hatch="///", linewidth=0))
            reason = COVERAGE_LABELS.get(reasons.get(name), "no score").lower()
            axes.text((grid.shape[1] - 1) / 2, y, f"not scored: {reason}", ha="center", va="center",
                      fontsize=6, color="#333333", backgroundcolor="#ffffff")
    axes.set_xticks(np.arange(-0.5, grid.shape[1]), minor=True)
    axes.set_yticks(np.arange(-0.5, grid.shape[0]), minor=True)
    axes.grid(which="minor", color="#ffffff", linewidth=0.6)
    axes.tick_params(which="minor", length=0)
    axes.set_xticks(range(grid.shape[1]), grid.columns, rotation=45, ha="right", fontsize=7)
    axes.set_yticks(range(grid.shape[0]), grid.index, fontsize=6)
    axes.set_title(title, fontsize=10)
    handles = [Patch(facecolor=OKABE_ITO[0], label="Evidenced in the papers"),
               Patch(facecolor="#f0f0f0", edgecolor="#cccccc", label="Not found in the papers collected"),
               Patch(facecolor="#ffffff", edgecolor="#999999", hatch="///",
                     label="Not scored: no site, no papers or too few meetings")]
    figure.legend(handles=handles, loc="upper center", ncol=3, fontsize=7, frameon=False,
                  bbox_to_anchor=(0.5, 0.995))
    _finish(figure, SOURCE, demo, top=1 - 0.45 / figure.get_figheight())
    data = table[["icb_code_ods", "icb_name", "signal_id", "signal_label", "coverage_status", "state",
                  "signal_probability"]].sort_values(["icb_code_ods", "signal_id"])
    return Chart(figure, data)


def regional_trends(trends: pd.DataFrame, title: str, demo: bool) -> Chart:
    """Quarterly index of the median ICB in each region, with its 90% interval as a band."""
    rows = trends.dropna(subset=["involvement_index"])
    if rows.empty:
        return _empty(title, "No quarter had papers to score.", demo)
    figure, axes = plt.subplots(figsize=(9, 4.8))
    for position, (region, group) in enumerate(rows.groupby("area_name")):
        colour = OKABE_ITO[position % len(OKABE_ITO)]
        when = pd.to_datetime(group["quarter_start_date"])
        if {"involvement_index_low", "involvement_index_high"} <= set(group.columns):
            axes.fill_between(when, group["involvement_index_low"], group["involvement_index_high"],
                              color=colour, alpha=0.08, linewidth=0)
        axes.plot(when, group["involvement_index"], marker=".", color=colour, label=region)
    axes.set_ylim(0, 100)
    axes.set_ylabel(INDEX_LABEL, fontsize=8)
    axes.set_xlabel("Quarter starting (bands: 90% intervals)")
    axes.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%b %Y"))
    axes.set_title(title, fontsize=10)
    axes.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, title="Region",
                title_fontsize=7)
    columns = [c for c in ["area_code_ods", "area_name", "quarter_start_date", "icb_count",
                           "involvement_index", "involvement_index_low", "involvement_index_high"]
               if c in rows.columns]
    return Chart(_finish(figure, SOURCE, demo), rows[columns])


def formal_involvement_over_time(national: pd.DataFrame, title: str, demo: bool) -> Chart:
    """Share of covered ICBs with formal involvement by year with 90% intervals, beside the 2023 review."""
    rows = national[(national["footprint"] == "in_force") & (national["period_label"] != "rolling_12m")
                    & (national["covered_icb_count"] > 0)]
    if rows.empty:
        return _empty(title, "No ICB had enough papers to score in any year.", demo)
    figure, axes = plt.subplots(figsize=(7, 4.2))
    low = rows["formal_involvement_pct"] - rows["formal_involvement_pct_low"]
    high = rows["formal_involvement_pct_high"] - rows["formal_involvement_pct"]
    axes.bar(rows["period_label"], rows["formal_involvement_pct"], color=OKABE_ITO[0],
             yerr=[low.clip(lower=0), high.clip(lower=0)], capsize=4, ecolor="#333333",
             label="ICBs with formal involvement (% of ICBs with enough papers), 90% interval")
    review = REVIEW_2023
    axes.axhline(100 * review["formal_count"] / review["icb_count"], color=OKABE_ITO[5], linestyle="--",
                 label=f"{review['short']}: {review['formal_count']} of {review['icb_count']} "
                       f"({100 * review['formal_count'] / review['icb_count']:.0f}%)")
    axes.set_ylim(0, 105)
    axes.set_ylabel("% of ICBs with enough papers")
    axes.set_xlabel("Financial year (April to March)")
    axes.set_title(title, fontsize=10)
    axes.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.16), frameon=False)
    data = rows[["period_label", "icb_count", "covered_icb_count", "formal_involvement_count",
                 "formal_involvement_count_low", "formal_involvement_count_high", "formal_involvement_pct",
                 "formal_involvement_pct_low", "formal_involvement_pct_high"]]
    return Chart(_finish(figure, SOURCE, demo), data)


# saving and showing --------------------------------------------------------------------------------

def figures_folder() -> Path:
    """Where charts are saved: ATLAS_FIGURES (set by the report), else ./figures (git-ignored)."""
    return Path(os.environ.get("ATLAS_FIGURES", "figures"))


def save(chart: Chart, folder: Path, name: str) -> list[Path]:
    """Save the figure as PNG and SVG and its numbers as CSV; close the figure; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for extension in ("png", "svg"):
        path = folder / f"{name}.{extension}"
        chart.figure.savefig(path, dpi=110, metadata={"Date": None} if extension == "svg" else None)
        paths.append(path)
    path = folder / f"{name}.csv"
    chart.data.to_csv(path, index=False, encoding="utf-8")
    paths.append(path)
    plt.close(chart.figure)
    return paths


def show(chart: Chart, name: str, *, alt: str, caption: str):
    """In a notebook: save the chart (PNG, SVG, CSV) and display it inline with its caption."""
    from IPython.display import HTML, display

    width, height = (int(v * 110) for v in chart.figure.get_size_inches())
    save(chart, figures_folder(), name)
    display(HTML(figure_html(name, alt, caption, prefix=figures_folder().name, size=(width, height))))

