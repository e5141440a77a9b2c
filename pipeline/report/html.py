"""HTML pages for the report: one layout, every value escaped, the demo banner on every page."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;max-width:1100px;margin:0 auto;
padding:0 1rem 3rem;color:#1a1a1a;line-height:1.45}
.banner{background:#D55E00;color:#fff;padding:.7rem 1rem;font-weight:700;font-size:1.1rem;margin:0 -1rem 1rem}
.meta{color:#555;font-size:.9rem}
table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}td,th{border:1px solid #ccc;padding:.3rem .5rem;
text-align:left;vertical-align:top}th{background:#f3f3f3}blockquote{border-left:4px solid #0072B2;
margin:.4rem 0;padding:.2rem .8rem;background:#f7fbff}img{max-width:100%}.missing{color:#8a4b00}
nav a{margin-right:1rem}
"""
DEMO_BANNER = ("DEMO DATA — NOT FINDINGS. These pages were built from a generated stand-in web of "
               "ICB sites to show how the pipeline works; they describe no real ICB.")


def page(title: str, body: str, *, dataset: str, date_range: tuple[str, str], built_at: str,
         home: str = "index.html") -> str:
    """A complete page. ``body`` is trusted HTML built with ``escape`` by the caller."""
    banner = f'<div class="banner" role="alert">{escape(DEMO_BANNER)}</div>' if dataset == "demo" else ""
    return (
        "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
        f"<meta name=\"viewport\" content=\"width=device-width\"><title>{escape(title)}</title>"
        f"<style>{STYLE}</style></head><body>{banner}"
        f'<nav><a href="{escape(home)}">Report home</a></nav>'
        f"<h1>{escape(title)}</h1>"
        f'<p class="meta">Dataset: <b>{escape(dataset)}</b>. Papers dated {escape(date_range[0])} to '
        f"{escape(date_range[1])}. Built {escape(built_at)}.</p>{body}</body></html>\n"
    )


def now_text() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")


def table(rows: list[list[str]], header: list[str]) -> str:
    """A table of already-escaped cells."""
    head = "".join(f"<th>{escape(cell)}</th>" for cell in header)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def text(value) -> str:
    """Escaped text for a cell ('' for missing values)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return escape(str(value))


def link(url, label) -> str:
    """A link to an external source; only http(s) URLs become links."""
    url_text = "" if url is None else str(url)
    if url_text.startswith(("http://", "https://")):
        return f'<a href="{escape(url_text)}">{text(label)}</a>'
    return text(label)
