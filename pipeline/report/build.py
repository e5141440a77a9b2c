"""Build ``reports/<dataset>/``: execute the notebooks headless, write their HTML, one profile and
one evidence pack per ICB, the figures (PNG and SVG), the downloads, and ``index.html``.

A rerun with the same database, notebooks and report code does nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from html import escape
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

from pipeline.paths import PROJECT_ROOT, processed_dir, reports_dir
from pipeline.report.html import DEMO_BANNER, STYLE, now_text, page, table, text
from pipeline.report.links import broken_links
from pipeline.report.marts import Atlas
from pipeline.report.profiles import write_evidence_pack, write_profile

NOTEBOOK_DIR = PROJECT_ROOT / "notebooks"
NOTEBOOK_TITLES = {
    "01_national_picture": "National picture",
    "02_postcode_lottery": "The postcode lottery",
    "03_icb_profile": "ICB profile (example)",
    "04_method_and_quality": "Method and data quality",
}


class BrokenLinksError(Exception):
    """The report links to files that do not exist."""


def _stamp(database: Path) -> str:
    digest = hashlib.sha256()
    digest.update(database.read_bytes())
    for path in sorted([*NOTEBOOK_DIR.glob("*.py"), *Path(__file__).parent.glob("*.py")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def execute_notebook(source: Path, environment: dict[str, str], timeout: int = 600) -> nbformat.NotebookNode:
    """Run a jupytext notebook headless (in the project's folder) and return it with outputs."""
    notebook = jupytext.read(source)
    saved = {key: os.environ.get(key) for key in environment}
    os.environ.update(environment)
    try:
        NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                       extra_arguments=["--IPKernelApp.log_level=ERROR"],
                       resources={"metadata": {"path": str(PROJECT_ROOT)}}).execute()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return notebook


def notebook_html(notebook: nbformat.NotebookNode, title: str, dataset: str, meta_line: str) -> str:
    """The executed notebook as HTML without code, with the banner and data line on top."""
    body, _ = HTMLExporter(exclude_input=True, exclude_input_prompt=True,
                           exclude_output_prompt=True).from_notebook_node(notebook)
    banner = f'<div class="banner" role="alert">{escape(DEMO_BANNER)}</div>' if dataset == "demo" else ""
    header = (f"<style>{STYLE}</style>{banner}<nav><a href=\"index.html\">Report home</a></nav>"
              f'<p class="meta">{meta_line}</p>')
    start = body.index("<body")
    end = body.index(">", start) + 1
    body = body[:end] + header + body[end:]
    return body.replace("<title>Notebook</title>", f"<title>{escape(title)}</title>")


def build_report(dataset: str, *, database: Path | None = None, out: Path | None = None,
                 force: bool = False) -> Path:
    """Write the report; return the path of index.html."""
    database = Path(database or processed_dir(dataset) / "atlas.duckdb")
    out = Path(out or reports_dir(dataset))
    if not database.exists():
        raise FileNotFoundError(
            f"{database} not found: run `python -m pipeline build --dataset {dataset}` first")
    stamp = _stamp(database)
    stamp_path = out / ".stamp.json"
    if not force and (out / "index.html").exists() and stamp_path.exists() \
            and json.loads(stamp_path.read_text()).get("stamp") == stamp:
        return out / "index.html"
    staging = out.with_name(f".{out.name}.building")
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "icbs").mkdir(parents=True)
    atlas = Atlas(database, dataset)
    meta = {"dataset": dataset, "date_range": atlas.date_range(), "built_at": now_text()}
    meta_line = (f"Dataset: <b>{escape(dataset)}</b>. Papers dated {escape(meta['date_range'][0])} to "
                 f"{escape(meta['date_range'][1])}. Built {escape(meta['built_at'])}.")
    environment = {"ATLAS_DATABASE": str(database), "ATLAS_DATASET": dataset,
                   "ATLAS_FIGURES": str(staging / "figures")}
    for name, title in NOTEBOOK_TITLES.items():
        notebook = execute_notebook(NOTEBOOK_DIR / f"{name}.py", environment)
        (staging / f"{name}.html").write_text(notebook_html(notebook, title, dataset, meta_line),
                                              encoding="utf-8")
    icbs = atlas.icbs()
    for code in icbs["icb_code_ods"]:
        write_profile(atlas, code, staging / "icbs", meta)
        write_evidence_pack(atlas, code, staging / "icbs", meta)
    downloads = []
    for kind in ("csv", "parquet"):
        source = processed_dir(dataset) / kind
        if source.exists() and out.resolve() == reports_dir(dataset).resolve():
            shutil.copytree(source, staging / "downloads" / kind)
            downloads += sorted((staging / "downloads" / kind).iterdir())
    (staging / "index.html").write_text(_index(icbs, downloads, staging, meta), encoding="utf-8")
    broken = broken_links(staging)
    if broken:
        listed = "; ".join(f"{page.name} -> {target}" for page, target in broken[:5])
        raise BrokenLinksError(f"{len(broken)} broken link(s) in the report: {listed}")
    (staging / ".stamp.json").write_text(json.dumps({"stamp": stamp}))
    if out.exists():
        shutil.rmtree(out)
    staging.rename(out)
    return out / "index.html"


def _index(icbs, downloads: list[Path], folder: Path, meta: dict) -> str:
    notebooks = "".join(f'<li><a href="{name}.html">{escape(title)}</a></li>'
                        for name, title in NOTEBOOK_TITLES.items())
    rows = [[f'<a href="icbs/{text(r["icb_code_ods"])}.html">{text(r["icb_name"])}</a>',
             text(r["region_name"]), text(r["period_label"]), text(r["coverage_status"]),
             text(r["involvement_index"]),
             f'<a href="icbs/evidence-{text(r["icb_code_ods"])}.html">evidence pack</a>']
            for _, r in icbs.iterrows()]
    files = "".join(f'<li><a href="{escape(str(p.relative_to(folder)))}">{escape(p.name)}</a></li>'
                    for p in downloads)
    figures = "".join(f'<li><a href="figures/{escape(p.name)}">{escape(p.name)}</a></li>'
                      for p in sorted((folder / "figures").glob("*")) if not p.name.startswith("profile-"))
    body = (
        "<p>How far are patients and the public involved in the decisions of NHS England's Integrated "
        "Care Boards? Evidence from the ICBs' own board papers, with a source for every claim. "
        "Higher index = more evidence of involvement. No papers is not the same as no involvement.</p>"
        f"<h2>Report</h2><ul>{notebooks}</ul>"
        "<h2>ICB profiles and evidence packs</h2>"
        + table(rows, ["ICB", "Region", "Latest period", "Coverage", "Index", "Check it"])
        + f"<h2>Downloads (CSV with data dictionary, Parquet)</h2><ul>{files}</ul>"
        f"<h2>Figures (PNG and SVG)</h2><ul>{figures}</ul>"
    )
    return page("ICB Involvement Atlas", body, **meta)
