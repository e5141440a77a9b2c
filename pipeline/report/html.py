"""HTML pages for the report: one layout, every value escaped, the demo banner on every page, and
the words readers see (labels, dates, missing values, plurals) written once."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime
from html import escape

import pandas as pd

STYLE = """
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;max-width:1100px;margin:0 auto;
padding:0 1rem 3rem;color:#1a1a1a;line-height:1.45;overflow-wrap:break-word}
h1{font-size:1.7rem;margin:.6rem 0}h2{margin-top:2rem}
.banner{background:#D55E00;color:#fff;padding:.7rem 1rem;font-weight:700;font-size:1.05rem;
margin:0 -1rem 1rem}
.meta{color:#555;font-size:.9rem}
.headline{font-size:1.3rem;line-height:1.4;border-left:6px solid #0072B2;padding:.4rem 0 .4rem 1rem;
margin:1rem 0}
.table-wrap{overflow-x:auto;max-width:100%;margin:1rem 0}
table{border-collapse:collapse;font-size:.9rem;width:100%}
td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
td{overflow-wrap:break-word;min-width:4.5rem}td:first-child{min-width:8rem}th{background:#f3f3f3}
td.num,th.num{text-align:right}td.num{white-space:nowrap}td.num span.na{white-space:normal}
a.url{overflow-wrap:anywhere;word-break:break-all}
th button{all:unset;cursor:pointer;font-weight:700}th button::after{content:" \\2195";color:#888}
th[aria-sort=ascending] button::after{content:" \\2191"}
th[aria-sort=descending] button::after{content:" \\2193"}
caption{text-align:left;color:#444;padding:.3rem 0;caption-side:top}
.filter{margin:.5rem 0;padding:.3rem .5rem;font:inherit;width:min(100%,24rem)}
blockquote{border-left:4px solid #0072B2;margin:.4rem 0;padding:.2rem .8rem;background:#f7fbff}
img{max-width:100%;height:auto}
figure{margin:1.2rem 0}figcaption{color:#444;font-size:.9rem;margin-top:.3rem}
.downloads{font-size:.9rem}
.missing{color:#8a4b00}
.nodata{color:#555;background:#eeeeee;padding:.5rem .8rem;border-left:4px solid #999}
span.na{color:#666}
.above{color:#006e4f;font-weight:600}.below{color:#a33c00;font-weight:600}.similar{color:#444}
nav a{margin-right:1rem}
pre{white-space:pre-wrap}
@media (max-width:600px){body{padding:0 .6rem 2rem}.banner{margin:0 -.6rem 1rem}
h1{font-size:1.35rem}h2{font-size:1.15rem}.headline{font-size:1.1rem}table{font-size:.85rem}
table.stack thead{position:absolute;left:-10000px}table.stack,table.stack tbody{display:block}
table.stack tr{display:block;border:1px solid #ccc;margin:0 0 .6rem}
table.stack td{display:block;border:0;border-top:1px solid #eee;text-align:left;min-width:0}
table.stack td:first-child{border-top:0;background:#f3f3f3;font-weight:600}
table.stack td[data-label]:not(:first-child)::before{content:attr(data-label) ": ";font-weight:700}
table.stack td.num{white-space:normal}table.stack caption{display:block}}
"""

# Sorting and filtering for tables marked data-sortable: dependency-free, and the page reads the
# same without it (the filter box is only added when the script runs).
SCRIPT = """
document.querySelectorAll('table[data-sortable]').forEach(function(table){
  var body=table.tBodies[0];
  table.querySelectorAll('thead th').forEach(function(th,index){
    var button=document.createElement('button');button.type='button';
    button.textContent=th.textContent;th.textContent='';th.appendChild(button);
    button.addEventListener('click',function(){
      var ascending=th.getAttribute('aria-sort')!=='ascending';
      table.querySelectorAll('thead th').forEach(function(o){o.removeAttribute('aria-sort');});
      th.setAttribute('aria-sort',ascending?'ascending':'descending');
      var rows=Array.prototype.slice.call(body.rows);
      rows.sort(function(a,b){
        var x=a.cells[index].getAttribute('data-sort'),y=b.cells[index].getAttribute('data-sort');
        if(x===null)x=a.cells[index].textContent;if(y===null)y=b.cells[index].textContent;
        x=x.trim();y=y.trim();var nx=Number(x),ny=Number(y),order;
        if(x===''&&y!=='')return 1;if(y===''&&x!=='')return -1;
        if(x!==''&&y!==''&&!isNaN(nx)&&!isNaN(ny))order=nx-ny;else order=x.localeCompare(y);
        return ascending?order:-order;});
      rows.forEach(function(r){body.appendChild(r);});});});
  var input=document.createElement('input');input.type='search';input.className='filter';
  input.placeholder='Filter this table';input.setAttribute('aria-label','Filter this table');
  input.addEventListener('input',function(){var q=input.value.toLowerCase();
    Array.prototype.forEach.call(body.rows,function(r){
      r.hidden=q!==''&&r.textContent.toLowerCase().indexOf(q)<0;});});
  table.parentNode.parentNode.insertBefore(input,table.parentNode);
});
"""

DEMO_BANNER = ("DEMO DATA — NOT FINDINGS. These pages were built from a generated stand-in web of "
               "ICB sites to show how the pipeline works; they describe no real ICB.")

# What readers see for each coverage status of mart_icb_coverage / mart_icb_scores.
COVERAGE_LABELS = {
    "ok": "Scored",
    "low_coverage": "Too few meetings with papers",
    "no_papers": "No papers found",
    "no_site": "No website found or reachable",
}
COVERAGE_WHY = {
    "low_coverage": "too few board meetings with papers (fewer than 3) to score",
    "no_papers": "no board papers were found for this period",
    "no_site": "the ICB's website could not be reached or is not known",
}
SCRAPE_LABELS = {
    "ok": "Papers found",
    "no_papers_found": "No papers found",
    "site_unreachable": "Site unreachable",
}
DIMENSION_LABELS = {"structures": "Structures", "processes": "Processes", "policies": "Policies"}
COMPARISON_LABELS = {"above": "Above the England median", "similar": "Similar to the England median",
                     "below": "Below the England median"}
PERIOD_LABELS = {"rolling_12m": "Last 12 months"}
COMPARISON_SHORT = {"above": "Above", "similar": "Similar", "below": "Below"}

MISSING = "—"
SOURCE = "Source: ICB board papers, ICB Involvement Atlas."


def period_label(value) -> str:
    """'2025/26' as it is, 'rolling_12m' as 'Last 12 months'."""
    return PERIOD_LABELS.get(str(value), str(value))


def label(mapping: dict, value) -> str:
    if is_missing(value):
        return MISSING
    return mapping.get(str(value), str(value).replace("_", " ").capitalize())


def is_missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def fmt_date(value) -> str | None:
    """'16 Apr 2026' (None when missing)."""
    if is_missing(value):
        return None
    if isinstance(value, str):
        value = pd.to_datetime(value, errors="coerce")
        if is_missing(value):
            return None
    if isinstance(value, datetime | date | pd.Timestamp):
        return f"{value.day} {value.strftime('%b %Y')}"
    return str(value)


def fmt_number(value, digits: int = 0) -> str | None:
    if is_missing(value):
        return None
    number = float(value)
    if math.isinf(number):
        return None
    return f"{number:,.{digits}f}"


def missing(reason: str | None = None) -> str:
    """The missing-value mark, with its reason when known."""
    if reason:
        return f'<span class="na">{MISSING} {escape(reason)}</span>'
    return f'<span class="na">{MISSING}</span>'


def cell(value, reason: str | None = None) -> str:
    """Escaped text for a cell; '—' (with the reason) when missing."""
    if is_missing(value) or value == "":
        return missing(reason)
    return escape(str(value))


def text(value) -> str:
    """Escaped text ('' for missing values)."""
    if is_missing(value):
        return ""
    return escape(str(value))


def plural(count, singular: str, plural_form: str | None = None) -> str:
    """'1 passage', '3 passages'."""
    count = int(count)
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count:,} {word}"


def ordinal(number) -> str:
    number = int(number)
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def rank_text(rank, low, high, count) -> str | None:
    """'7th of 29 (4th–12th)'; None when unranked."""
    if is_missing(rank):
        return None
    out = f"{ordinal(rank)} of {int(count)}" if not is_missing(count) else ordinal(rank)
    if not is_missing(low) and not is_missing(high):
        out += f" ({ordinal(low)}–{ordinal(high)})"
    return out


def interval_text(value, low, high, digits: int = 0) -> str | None:
    """'48 (25–75)'; None when the value is missing."""
    if is_missing(value):
        return None
    out = fmt_number(value, digits)
    if not is_missing(low) and not is_missing(high):
        out += f" ({fmt_number(low, digits)}–{fmt_number(high, digits)})"
    return out


def comparison(value) -> str:
    """'Above' / 'Similar' / 'Below' (the England median), coloured; '—' when not compared."""
    if value not in COMPARISON_SHORT:
        return missing("not compared")
    return f'<span class="{value}" title="{COMPARISON_LABELS[value]}">{COMPARISON_SHORT[value]}</span>'


def formal_text(has_formal, probability) -> str | None:
    """'Yes (84%)': the call, and the probability that formal involvement is there; None if missing."""
    if is_missing(has_formal):
        return None
    call = "Yes" if has_formal else "No"
    return call if is_missing(probability) else f"{call} ({percent(probability)})"


def percent(probability) -> str:
    """0.684 as '68%'; never '100%' or '0%' for what is not certain ('>99%', '<1%')."""
    value = float(probability)
    if 0.995 <= value < 1:
        return ">99%"
    if 0 < value < 0.005:
        return "<1%"
    return f"{value:.0%}"


def range_text(low, high, digits: int = 0) -> str:
    """'19–30', or '—' when either end is missing."""
    if is_missing(low) or is_missing(high):
        return MISSING
    return f"{fmt_number(low, digits)}–{fmt_number(high, digits)}"


def link(url, label_text, page_number=None) -> str:
    """A link to an external source (with #page=N for a PDF page); only http(s) URLs become links."""
    url_text = "" if is_missing(url) else str(url)
    shown = label_text if not is_missing(label_text) and str(label_text) else url_text
    if url_text.startswith(("http://", "https://")):
        if not is_missing(page_number):
            url_text = f"{url_text.split('#', 1)[0]}#page={int(page_number)}"
        klass = ' class="url"' if str(shown).startswith(("http://", "https://")) else ""
        return f'<a href="{escape(url_text)}"{klass}>{escape(str(shown))}</a>'
    return cell(shown)


def table(rows: list[list], header: list[str], *, sortable: bool = False, numeric: set[int] | None = None,
          caption: str | None = None, table_id: str | None = None, stack: bool = True) -> str:
    """A table of already-escaped cells, inside a wrapper that scrolls; on narrow screens a
    ``stack`` table shows each row as a card, every cell labelled with its heading.

    A cell may be a (html, sort_key) pair so numbers and dates sort by value, not by text."""
    numeric = numeric or set()
    head = "".join(f'<th scope="col"{" class=num" if i in numeric else ""}>{escape(h)}</th>'
                   for i, h in enumerate(header))
    body = []
    for row in rows:
        cells = []
        for i, value in enumerate(row):
            klass = ' class="num"' if i in numeric else ""
            if stack and i < len(header):
                klass += f' data-label="{escape(header[i])}"'
            if isinstance(value, tuple):
                shown, key = value
                key_text = "" if is_missing(key) else escape(str(key))
                cells.append(f'<td{klass} data-sort="{key_text}">{shown}</td>')
            else:
                cells.append(f"<td{klass}>{value}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    attributes = ((' class="stack"' if stack else "") + (" data-sortable" if sortable else "")
                  + (f' id="{escape(table_id)}"' if table_id else ""))
    caption_html = f"<caption>{caption}</caption>" if caption else ""
    return (f'<div class="table-wrap"><table{attributes}>{caption_html}<thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table></div>")


def frame_table(frame: pd.DataFrame, *, sortable: bool = False, caption: str | None = None) -> str:
    """A DataFrame as a readable table: column names as given (make them human first), no index,
    full text, '—' for missing values, numbers right-aligned."""
    numeric = {i for i, column in enumerate(frame.columns)
               if pd.api.types.is_numeric_dtype(frame[column])
               and not pd.api.types.is_bool_dtype(frame[column])}
    digits = {i: 0 if all(float(v).is_integer() for v in frame.iloc[:, i].dropna()) else 1 for i in numeric}
    rows = []
    for values in frame.itertuples(index=False):
        row = []
        for i, value in enumerate(values):
            if is_missing(value):
                row.append((missing(), "") if i in numeric else missing())
            elif i in numeric:
                row.append((cell(fmt_number(value, digits[i])), value))
            elif pd.api.types.is_bool(value):
                row.append("Yes" if value else "No")
            elif isinstance(value, datetime | date | pd.Timestamp):
                row.append((cell(fmt_date(value)), value.isoformat()))
            elif isinstance(value, str) and value.startswith(("http://", "https://")):
                row.append(link(value, value))
            else:
                row.append(cell(value))
        rows.append(row)
    return table(rows, [str(c) for c in frame.columns], sortable=sortable, numeric=numeric, caption=caption)


def figure_html(name: str, alt: str, caption: str, *, prefix: str = "figures",
                size: tuple[int, int] | None = None, extension: str = "png") -> str:
    """The figure as the report shows it: image with alt text, caption with source and downloads."""
    dimensions = f' width="{size[0]}" height="{size[1]}"' if size else ""
    stem = f"{prefix}/{escape(name)}"
    others = " · ".join(f'<a href="{stem}.{kind}">{kind.upper()}</a>'
                        for kind in ("svg", "png") if kind == "svg" or extension == "png")
    return (f'<figure><img src="{stem}.{extension}" alt="{escape(alt)}"{dimensions}>'
            f"<figcaption>{escape(caption)} {escape(SOURCE)} "
            f'<span class="downloads">Download: <a href="{stem}.csv">the numbers drawn (CSV)</a> · '
            f"{others}</span></figcaption></figure>")


def page(title: str, body: str, *, dataset: str, date_range: tuple[str, str], built_at: str,
         home: str = "index.html", headline: str = "") -> str:
    """A complete page. ``body`` is trusted HTML built with ``escape`` by the caller."""
    banner = f'<div class="banner" role="alert">{escape(DEMO_BANNER)}</div>' if dataset == "demo" else ""
    return (
        "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>{banner}"
        + (f'<nav><a href="{escape(home)}">Report home</a></nav>' if home else "") +
        f"<h1>{escape(title)}</h1>{headline}"
        f'<p class="meta">Dataset: <b>{escape(dataset)}</b>. {_papers_dated(date_range)} '
        f"Built {escape(built_at)}.</p>{body}"
        f"<script>{SCRIPT}</script></body></html>\n"
    )


def _papers_dated(date_range: tuple[str, str]) -> str:
    if date_range[0] in ("", "none"):
        return "Papers dated: none (no dated papers were collected)."
    return f"Papers dated {escape(date_range[0])} to {escape(date_range[1])}."


def now_text() -> str:
    now = datetime.now(UTC)
    return f"{now.day} {now.strftime('%b %Y, %H:%M')} UTC"


def show_table(frame: pd.DataFrame, *, caption: str | None = None, sortable: bool = False) -> None:
    """In a notebook: display a DataFrame as the report's readable table."""
    from IPython.display import HTML, display

    display(HTML(frame_table(frame, sortable=sortable, caption=caption)))


def show_html(html: str) -> None:
    from IPython.display import HTML, display

    display(HTML(html))
