"""Build ``reports/<dataset>/``: execute the notebooks headless in one kernel, render them as report
pages, write one profile and one evidence pack per ICB, the figures (PNG, SVG and the CSV of the
numbers drawn), the downloads, and ``index.html``.

The notebooks run in a background kernel while this process writes the ICB pages, so the two
overlap. A rerun with the same inputs does nothing (see ``stamp.py``).
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import threading
import time
from html import escape
from pathlib import Path

from pipeline.paths import PROJECT_ROOT, processed_dir, raw_dir, reports_dir
from pipeline.report.stamp import NOTEBOOK_DIR, report_freshness

NOTEBOOK_TITLES = {
    "01_national_picture": "National picture",
    "02_postcode_lottery": "The postcode lottery",
    "03_icb_profile": "ICB profile (example)",
    "04_method_and_quality": "Method and data quality",
}
PAGE_KEY = "atlas_page"


class BrokenLinksError(Exception):
    """The report links to files that do not exist."""


class NotebookError(Exception):
    """A notebook failed; the message names the notebook and the error."""


def _say(message: str, started: float) -> None:
    print(f"  report: {message} ({time.monotonic() - started:.1f} s)", file=sys.stderr, flush=True)


def combined_notebook(names: list[str]):
    """All the notebooks as one, each cell tagged with its page, with a namespace reset between."""
    import jupytext
    import nbformat

    combined = nbformat.v4.new_notebook()
    for name in names:
        reset = nbformat.v4.new_code_cell("%reset -f")
        reset.metadata[PAGE_KEY] = None
        combined.cells.append(reset)
        for cell in jupytext.read(NOTEBOOK_DIR / f"{name}.py").cells:
            cell.metadata[PAGE_KEY] = name
            combined.cells.append(cell)
    combined.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return combined


def execute_notebooks(names: list[str], environment: dict[str, str], timeout: int = 600):
    """Run the notebooks headless in one kernel (in the project's folder); return them with outputs."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = combined_notebook(names)
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                            extra_arguments=["--IPKernelApp.log_level=ERROR"],
                            resources={"metadata": {"path": str(PROJECT_ROOT)}})
    try:
        client.execute(env={**os.environ, **environment})
    except CellExecutionError as error:
        failed = next((c.metadata.get(PAGE_KEY) for c in notebook.cells
                       if any(o.get("output_type") == "error" for o in c.get("outputs", []))), "a notebook")
        reason = f"{error.ename}: {error.evalue}" if getattr(error, "ename", "") else str(error).strip()
        reason = re.sub(r"\x1b\[[0-9;]*m", "", reason.splitlines()[-1] if reason else "error")
        raise NotebookError(f"notebook {failed} failed: {reason}") from error
    return notebook


def _render_output(output) -> str:
    import mistune

    kind = output.get("output_type")
    if kind == "stream":
        return f"<pre>{escape(output['text'])}</pre>" if output.get("name") == "stdout" else ""
    if kind in ("display_data", "execute_result"):
        data = output.get("data", {})
        if "text/html" in data:
            return data["text/html"]
        if "text/markdown" in data:
            return mistune.html(data["text/markdown"])
        if "image/png" in data:
            return f'<img src="data:image/png;base64,{data["image/png"]}" alt="">'
        if "text/plain" in data:
            return f"<pre>{escape(data['text/plain'])}</pre>"
    return ""


def notebook_body(notebook, name: str) -> str:
    """One notebook's markdown and outputs (never its code) as HTML; its first heading dropped (the
    page title is the notebook's title)."""
    import mistune

    parts, first = [], True
    for cell in notebook.cells:
        if cell.metadata.get(PAGE_KEY) != name:
            continue
        if cell.cell_type == "markdown":
            source = cell.source
            if first and source.lstrip().startswith("# "):
                source = source.lstrip().split("\n", 1)[1] if "\n" in source.lstrip() else ""
            first = False
            parts.append(mistune.html(source))
        elif cell.cell_type == "code":
            first = False
            parts.extend(_render_output(output) for output in cell.get("outputs", []))
    return "".join(parts)


def example_icb(atlas) -> str | None:
    """The ICB the example profile shows: the median-ranked ICB of the current period."""
    scores = atlas.scores(atlas.current_period())
    ranked = scores[scores["rank"].notna()].sort_values("rank")
    if len(ranked):
        return str(ranked.iloc[len(ranked) // 2]["icb_code_ods"])
    return str(scores.iloc[0]["icb_code_ods"]) if len(scores) else None


def download_sources(dataset: str) -> list[Path]:
    return [processed_dir(dataset) / kind for kind in ("csv", "parquet")]


def build_report(dataset: str, *, database: Path | None = None, out: Path | None = None,
                 scrape_runs: Path | None = None, force: bool = False, quiet: bool = False) -> Path:
    """Write the report; return the path of index.html."""
    database = Path(database or processed_dir(dataset) / "atlas.duckdb")
    out = Path(out or reports_dir(dataset))
    scrape_runs = Path(scrape_runs or raw_dir(dataset) / "scrape_runs.jsonl")
    if not database.exists():
        raise FileNotFoundError(
            f"{database} not found: run `python -m pipeline build --dataset {dataset}` first")
    with_downloads = out.resolve() == reports_dir(dataset).resolve()
    downloads = download_sources(dataset) if with_downloads else []
    freshness = report_freshness(database, out, scrape_runs, downloads)
    if not force and freshness.is_fresh():
        if not quiet:
            print("  report: up to date (nothing it reads has changed)", file=sys.stderr, flush=True)
        return out / "index.html"
    started = time.monotonic()
    say = (lambda message: None) if quiet else (lambda message: _say(message, started))

    from pipeline.report.html import now_text
    from pipeline.report.links import broken_links
    from pipeline.report.marts import Atlas
    from pipeline.report.pages import write_index, write_notebook_page
    from pipeline.report.profiles import profile_context, write_evidence_pack, write_profile

    staging = out.with_name(f".{out.name}.building")
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "icbs" / "figures").mkdir(parents=True)
    atlas = Atlas(database, dataset, scrape_runs)
    meta = {"dataset": dataset, "date_range": atlas.date_range(), "built_at": now_text()}
    environment = {"ATLAS_DATABASE": str(database), "ATLAS_DATASET": dataset,
                   "ATLAS_SCRAPE_RUNS": str(scrape_runs), "ATLAS_FIGURES": str(staging / "figures"),
                   "ATLAS_ICB": example_icb(atlas) or "", "MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"}
    result: dict = {}

    def run_kernel():
        try:
            result["notebook"] = execute_notebooks(list(NOTEBOOK_TITLES), environment)
        except BaseException as error:  # re-raised in the main thread
            result["error"] = error

    kernel = threading.Thread(target=run_kernel, name="report-notebooks", daemon=True)
    kernel.start()
    say("notebooks running in one kernel; writing ICB pages")
    try:
        icbs = atlas.icbs()
        names = dict(zip(icbs["icb_code_ods"], icbs["icb_short_name"], strict=True))
        for code in icbs["icb_code_ods"]:
            context = profile_context(atlas, code)
            write_profile(atlas, code, staging / "icbs", meta, names, context)
            write_evidence_pack(atlas, code, staging / "icbs", meta, names, context)
        say(f"wrote {len(icbs)} ICB profiles and evidence packs")
        copied = []
        for source in downloads:
            if source.exists():
                shutil.copytree(source, staging / "downloads" / source.name)
                copied += sorted((staging / "downloads" / source.name).iterdir())
    finally:
        kernel.join()  # never leave the kernel running behind an error here
    if "error" in result:
        raise result["error"]
    say("notebooks executed")
    for name, title in NOTEBOOK_TITLES.items():
        write_notebook_page(staging / f"{name}.html", title, notebook_body(result["notebook"], name), meta)
    write_index(atlas, staging, copied, meta, NOTEBOOK_TITLES)
    atlas.close()
    broken = broken_links(staging)
    if broken:
        listed = "; ".join(f"{page.name} -> {target}" for page, target in broken[:5])
        raise BrokenLinksError(f"{len(broken)} broken link(s) in the report: {listed}")
    if out.exists():
        shutil.rmtree(out)
    staging.rename(out)
    freshness.record()
    say(f"report written to {out}")
    return out / "index.html"
