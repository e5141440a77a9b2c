"""The report's charts (matplotlib). Each function returns a Figure with a title, labelled axes
with units, a source line and a colour-blind-safe palette."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.collections import PolyCollection  # noqa: E402

from pipeline.paths import REFERENCE_DIR  # noqa: E402

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
SOURCE = "Source: ICB board papers, ICB Involvement Atlas."
ONS = ("Boundaries: Office for National Statistics, OGL v3.0. Contains OS data © Crown copyright "
       "and database right 2023-2026.")
BOUNDARIES = {"2023": ("icb_boundaries_2023.geojson", "ICB23CD"),
              "2026": ("icb_boundaries_2026.geojson", "ICB26CD")}


def _finish(figure, source: str, demo: bool, bottom: float = 0.0) -> plt.Figure:
    note = ("DEMO DATA — NOT FINDINGS. " if demo else "") + source
    width = int(figure.get_figwidth() * 16)
    lines = textwrap.wrap(note, width)
    figure.text(0.01, 0.01, "\n".join(lines), fontsize=7, color="#444444", ha="left", va="bottom")
    figure.tight_layout(rect=(0, 0.02 + 0.025 * len(lines) + bottom, 1, 1))
    return figure


def _rings(geometry: dict) -> list[np.ndarray]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [np.asarray(polygon[0])[:, :2] for polygon in polygons]


def load_boundaries(vintage: str) -> dict[str, list[np.ndarray]]:
    """ONS code -> outer rings of the ICB's polygons, for the 2023 (42) or 2026 (36) footprint."""
    name, key = BOUNDARIES[vintage]
    data = json.loads((REFERENCE_DIR / name).read_text(encoding="utf-8"))
    return {feature["properties"][key]: _rings(feature["geometry"]) for feature in data["features"]}


def choropleth(scores: pd.DataFrame, ons_codes: dict[str, str], vintage: str, title: str,
               demo: bool) -> plt.Figure:
    """Map of ICBs shaded by involvement index; grey hatched where there is no score."""
    shapes = load_boundaries(vintage)
    values = dict(zip(scores["icb_code_ods"], scores["involvement_index"], strict=True))
    figure, axes = plt.subplots(figsize=(6.5, 7.5))
    cmap = plt.get_cmap("viridis")
    scored, unscored = [], []
    colours = []
    for icb_code_ods, code_ons in ons_codes.items():
        value = values.get(icb_code_ods)
        for ring in shapes.get(code_ons, []):
            if value is None or pd.isna(value):
                unscored.append(ring)
            else:
                scored.append(ring)
                colours.append(cmap(value / 100))
    axes.add_collection(PolyCollection(scored, facecolors=colours, edgecolors="white", linewidths=0.3))
    axes.add_collection(PolyCollection(unscored, facecolors="#dddddd", edgecolors="white",
                                       linewidths=0.3, hatch="///"))
    axes.autoscale()
    axes.set_aspect(1 / np.cos(np.radians(53)))
    axes.set_axis_off()
    mappable = plt.cm.ScalarMappable(cmap=cmap, norm=plt.Normalize(0, 100))
    bar = figure.colorbar(mappable, ax=axes, fraction=0.035, pad=0.02)
    bar.set_label("Involvement index (% of signals evidenced; higher = more evidence)")
    axes.set_title(title + "\n(hatched grey: no score — no site, no papers or too few)", fontsize=10)
    return _finish(figure, f"{SOURCE} {ONS}", demo)


def ranked_dots(scores: pd.DataFrame, title: str, demo: bool) -> plt.Figure:
    """ICBs ranked by index with 90% intervals; ICBs without a rank listed apart."""
    ranked = scores[scores["rank"].notna()].sort_values("involvement_index")
    unranked = scores[scores["rank"].isna()]
    height = max(4.0, 0.22 * len(ranked) + 1.5)
    figure, axes = plt.subplots(figsize=(8, height))
    positions = np.arange(len(ranked))
    axes.hlines(positions, ranked["involvement_index_low"], ranked["involvement_index_high"],
                color="#999999", linewidth=2, label="90% interval (bootstrap over meetings)")
    axes.plot(ranked["involvement_index"], positions, "o", color=OKABE_ITO[0], label="Involvement index")
    axes.set_yticks(positions, ranked["icb_short_name"], fontsize=7)
    axes.set_xlim(0, 100)
    axes.set_xlabel("Involvement index (% of signals evidenced; higher = more evidence)")
    axes.set_title(title, fontsize=10)
    axes.legend(loc="lower right", fontsize=7)
    bottom = 0.0
    if len(unranked):
        names = ", ".join(f"{n} ({s.replace('_', ' ')})" for n, s in
                          zip(unranked["icb_short_name"], unranked["coverage_status"], strict=True))
        lines = textwrap.wrap("Not ranked (too few papers to score): " + names, 150)
        bottom = 0.02 * len(lines) + 0.01
        figure.text(0.01, 0.045, "\n".join(lines), fontsize=6, va="bottom")
    return _finish(figure, SOURCE, demo, bottom)


def regional_distribution(scores: pd.DataFrame, title: str, demo: bool) -> plt.Figure:
    """Each covered ICB's index as a dot within its region, with the regional median."""
    covered = scores[scores["coverage_status"] == "ok"]
    regions = sorted(covered["region_name"].unique())
    figure, axes = plt.subplots(figsize=(8, 4.5))
    for position, region in enumerate(regions):
        values = covered.loc[covered["region_name"] == region, "involvement_index"].to_numpy()
        jitter = np.linspace(-0.15, 0.15, len(values)) if len(values) > 1 else np.zeros(1)
        axes.plot(position + jitter, values, "o", color=OKABE_ITO[position % len(OKABE_ITO)], alpha=0.8)
        axes.hlines(np.median(values), position - 0.3, position + 0.3, color="black", linewidth=2)
    axes.set_xticks(range(len(regions)), regions, rotation=20, ha="right", fontsize=8)
    axes.set_ylim(0, 100)
    axes.set_ylabel("Involvement index (%; higher = more evidence)")
    axes.set_title(title + " (bar = regional median)", fontsize=10)
    return _finish(figure, SOURCE, demo)


def signal_heatmap(signals: pd.DataFrame, title: str, demo: bool) -> plt.Figure:
    """Signals (columns) by ICB (rows): evidenced, not evidenced, or no score."""
    table = signals.assign(value=np.where(signals["coverage_status"].isin(["ok", "low_coverage"]),
                                          signals["is_evidenced"].astype(float), np.nan))
    grid = table.pivot_table(index="icb_name", columns="signal_label", values="value", aggfunc="max",
                             dropna=False)
    figure, axes = plt.subplots(figsize=(9, max(4.0, 0.2 * len(grid) + 2.5)))
    cmap = matplotlib.colors.ListedColormap(["#f0f0f0", OKABE_ITO[0]])
    cmap.set_bad("#bbbbbb")
    axes.imshow(np.ma.masked_invalid(grid.to_numpy()), cmap=cmap, vmin=0, vmax=1, aspect="auto")
    axes.set_xticks(range(grid.shape[1]), grid.columns, rotation=45, ha="right", fontsize=7)
    axes.set_yticks(range(grid.shape[0]),
                    [name.replace("NHS ", "").replace(" Integrated Care Board", "") for name in grid.index],
                    fontsize=6)
    axes.set_title(title + "\n(blue: evidenced; light: not found; grey: no score)", fontsize=10)
    return _finish(figure, SOURCE, demo)


def regional_trends(trends: pd.DataFrame, title: str, demo: bool) -> plt.Figure:
    figure, axes = plt.subplots(figsize=(8, 4.5))
    for position, (region, rows) in enumerate(trends.groupby("area_name")):
        axes.plot(pd.to_datetime(rows["quarter_start_date"]), rows["involvement_index"],
                  marker=".", color=OKABE_ITO[position % len(OKABE_ITO)], label=region)
    axes.set_ylim(0, 100)
    axes.set_ylabel("Median quarterly index (%; higher = more evidence)")
    axes.set_xlabel("Quarter")
    axes.set_title(title, fontsize=10)
    axes.legend(fontsize=7, ncol=2)
    return _finish(figure, SOURCE, demo)


def formal_involvement_over_time(national: pd.DataFrame, title: str, demo: bool) -> plt.Figure:
    """Share of covered ICBs with formal involvement by year, beside the 2023 review (25 of 42)."""
    rows = national[(national["footprint"] == "in_force") & (national["period_label"] != "rolling_12m")]
    figure, axes = plt.subplots(figsize=(7, 4))
    axes.bar(rows["period_label"], rows["formal_involvement_pct"], color=OKABE_ITO[0],
             label="ICBs with board or committee representation evidenced (% of covered)")
    axes.axhline(100 * 25 / 42, color=OKABE_ITO[5], linestyle="--",
                 label="2023 review: 25 of 42 ICBs (60%)")
    axes.set_ylim(0, 100)
    axes.set_ylabel("% of covered ICBs")
    axes.set_xlabel("Financial year")
    axes.set_title(title, fontsize=10)
    axes.legend(fontsize=7, loc="upper left")
    return _finish(figure, SOURCE, demo)


def profile_bars(icb: pd.Series, region_median: float | None, england_median: float | None,
                 demo: bool) -> plt.Figure:
    labels = ["This ICB", "Region median", "England median"]
    values = [icb["involvement_index"], region_median, england_median]
    figure, axes = plt.subplots(figsize=(6, 2.6))
    axes.barh(labels, [0 if v is None or pd.isna(v) else v for v in values],
              color=[OKABE_ITO[0], OKABE_ITO[4], OKABE_ITO[7]])
    axes.set_xlim(0, 100)
    axes.invert_yaxis()
    axes.set_xlabel("Involvement index (%; higher = more evidence)")
    axes.set_title(f"{icb['icb_short_name']}, {icb['period_label']}", fontsize=10)
    return _finish(figure, SOURCE, demo)


def save(figure: plt.Figure, folder: Path, name: str) -> list[Path]:
    """Save as PNG and SVG; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for extension in ("png", "svg"):
        path = folder / f"{name}.{extension}"
        figure.savefig(path, dpi=110, metadata={"Date": None} if extension == "svg" else None)
        paths.append(path)
    plt.close(figure)
    return paths
