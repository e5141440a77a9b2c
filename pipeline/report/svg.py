"""A small hand-written SVG chart for the ICB pages: values on a 0-100 scale, each with its 90%
interval, beside a reference line. Written as text (no matplotlib), so one per ICB costs nothing."""

from __future__ import annotations

from html import escape

import pandas as pd

WIDTH, LEFT, RIGHT, ROW, TOP = 520, 160, 20, 34, 58


def _x(value: float) -> float:
    return LEFT + (WIDTH - LEFT - RIGHT) * max(0.0, min(100.0, float(value))) / 100


def interval_strip(rows: list[dict], title: str, reference: tuple[str, float] | None, note: str) -> str:
    """rows: {label, value, low, high, colour, missing}; a missing value is written, not drawn."""
    height = TOP + ROW * len(rows) + 56
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
             f'height="{height}" font-family="Arial, sans-serif" font-size="12" role="img">',
             f"<title>{escape(title)}</title>",
             f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
             f'<text x="8" y="20" font-size="14" font-weight="bold">{escape(title)}</text>']
    axis_y = TOP + ROW * len(rows)
    for tick in range(0, 101, 20):
        x = _x(tick)
        parts.append(f'<line x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" y2="{axis_y}" stroke="#e5e5e5"/>')
        parts.append(f'<text x="{x:.1f}" y="{axis_y + 16}" text-anchor="middle" fill="#444">{tick}</text>')
    parts.append(f'<text x="{_x(50):.1f}" y="{axis_y + 34}" text-anchor="middle" fill="#222">'
                 "Involvement index (0–100; higher = more evidence); bars: 90% intervals</text>")
    if reference is not None and not pd.isna(reference[1]):
        x = _x(reference[1])
        parts.append(f'<line x1="{x:.1f}" y1="{TOP - 10}" x2="{x:.1f}" y2="{axis_y}" stroke="#000" '
                     'stroke-dasharray="4 3"/>')
        parts.append(f'<text x="{x:.1f}" y="{TOP - 14}" text-anchor="middle" fill="#000">'
                     f"{escape(reference[0])}</text>")
    for number, row in enumerate(rows):
        y = TOP + ROW * number + ROW / 2
        parts.append(f'<text x="{LEFT - 10}" y="{y + 4:.1f}" text-anchor="end">{escape(row["label"])}</text>')
        if row.get("missing") or pd.isna(row.get("value")):
            parts.append(f'<text x="{LEFT + 4}" y="{y + 4:.1f}" fill="#666">'
                         f'{escape(row.get("missing") or "no value")}</text>')
            continue
        if not pd.isna(row.get("low")) and not pd.isna(row.get("high")):
            parts.append(f'<line x1="{_x(row["low"]):.1f}" y1="{y:.1f}" x2="{_x(row["high"]):.1f}" '
                         f'y2="{y:.1f}" stroke="#9a9a9a" stroke-width="5" stroke-linecap="round"/>')
        parts.append(f'<circle cx="{_x(row["value"]):.1f}" cy="{y:.1f}" r="6" fill="{row["colour"]}"/>')
        parts.append(f'<text x="{_x(row["value"]):.1f}" y="{y - 9:.1f}" text-anchor="middle" '
                     f'font-size="11">{float(row["value"]):.0f}</text>')
    parts.append(f'<text x="8" y="{height - 6}" font-size="10" fill="#555">{escape(note)}</text>')
    parts.append("</svg>")
    return "".join(parts)
