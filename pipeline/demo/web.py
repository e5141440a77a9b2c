"""Write the demo web to disk (sites, server behaviours, ground truth) and find it again.

Layout under ``data/raw/demo_web/scale-<n>/``:

    site/<host>/<path>     what the server serves (query strings encoded into the file name)
    behaviours.json        server-side misbehaviour per host and path (never served)
    sites.csv              one row per ICB: host, start URL, family (never served)
    ground_truth/          documents.csv and passages.csv (never served)
    BUILD.json, .complete  what built it; .complete is written last

The web is regenerated only when the generator's code, the seed or the scale changes.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import zipfile
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import quote

from pipeline.demo import prose
from pipeline.demo.families import render_site, shell
from pipeline.demo.pdf import layout, render_pdf
from pipeline.demo.plan import Document, Planner, Site
from pipeline.paths import RAW_DIR
from pipeline.registry import load_registry

DEFAULT_SEED = 20220701
GROUND_TRUTH_DOCUMENT_COLUMNS = [
    "url", "icb_code_ods", "committee_name", "is_board", "meeting_date", "document_type",
    "title", "file_format", "page_count", "column_count", "is_reachable", "awkward_reason",
    "is_paper",
]
GROUND_TRUTH_PASSAGE_COLUMNS = ["url", "page_number", "signal_id", "quote", "is_negative"]
SERVER_SIDE_AWKWARD = {"oversize", "slow", "flaky_500", "flaky_429", "truncated_body"}


def storage_key(path: str) -> str:
    """The file (relative to a host folder) that holds a URL path with optional query string."""
    path, _, query = path.partition("?")
    path = path.strip("/")
    if "." not in path.rsplit("/", 1)[-1]:
        path = f"{path}/index.html" if path else "index.html"
    if query:
        path += "__q__" + quote(query, safe="=&")
    return path


def generator_hash() -> str:
    """A hash of the generator's source code: any change to it invalidates cached webs."""
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        if source.name not in ("server.py", "transport.py"):
            digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class DemoWeb:
    """A generated demo web on disk."""

    root: Path

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    @property
    def ground_truth_dir(self) -> Path:
        return self.root / "ground_truth"

    def sites(self) -> list[dict[str, str]]:
        with (self.root / "sites.csv").open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    def served_file(self, url: str) -> Path:
        """The file the server answers ``url`` (``https://host/path?query``) from."""
        _, _, host, path = url.split("/", 3)
        return self.site_dir / host / storage_key("/" + path)

    def start_urls(self) -> dict[str, str]:
        """ICB ODS code -> the URL a crawler starts from (every ICB, served or not)."""
        return {row["icb_code_ods"]: row["start_url"] for row in self.sites()}

    def behaviours(self) -> dict:
        return json.loads((self.root / "behaviours.json").read_text(encoding="utf-8"))

    def url_with_behaviour(self, kind: str) -> str:
        """The first URL the server misbehaves on in this way (flaky_500, slow, oversize, ...)."""
        for host, rules in sorted(self.behaviours()["hosts"].items()):
            for path, rule in sorted(rules.items()):
                if rule["kind"] == kind:
                    return f"https://{host}{path}"
        raise KeyError(f"the demo web has no URL with behaviour {kind!r}")


def _docx(paragraphs: list[str]) -> bytes:
    body = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(text.lstrip('# '))}</w:t>"
                   "</w:r></w:p>" for text in paragraphs)
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
                f'main"><w:body>{body}</w:body></w:document>')
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org'
            '/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.document.main+xml"/></Types>'),
        "word/document.xml": document,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2022, 7, 1, 0, 0, 0)), text)
    return buffer.getvalue()


def render_document(site: Site, doc: Document) -> tuple[bytes, list[int]]:
    """The document's bytes and the page each paragraph is on."""
    if doc.file_format == "docx":
        return _docx(doc.paragraphs), [1] * len(doc.paragraphs)
    if doc.file_format == "html":
        body = "".join(f"<p>{escape(p.lstrip('# '))}</p>" for p in doc.paragraphs)
        return shell(site, doc.title, body).encode("utf-8"), [1] * len(doc.paragraphs)
    if doc.awkward == "html_as_pdf":
        page = shell(site, "Error", "<p>Sorry, something went wrong (error 500).</p>")
        return page.encode("utf-8"), [0] * len(doc.paragraphs)
    pages, paragraph_pages = layout(
        doc.paragraphs, header=running_header(site, doc),
        footer="Page {page} of {pages}", columns=doc.columns)
    if doc.awkward == "scanned":
        for page in pages:
            page.lines, page.is_image_only = [], True
    data = render_pdf(pages, title=doc.title,
                      user_password="board-only" if doc.awkward == "encrypted" else None)
    if doc.awkward == "truncated_pdf":
        data = data[: int(len(data) * 0.55)]
    return data, paragraph_pages


def running_header(site: Site, doc: Document) -> str:
    return f"{site.icb.icb_name} | {doc.committee_name}"


def structural_passages(site: Site, doc: Document, url: str,
                        paragraph_pages: list[int]) -> list[dict]:
    """Ground truth for names that evidence a signal by themselves (prose.STRUCTURAL_SIGNALS),
    in the document's paragraphs and, in a one-page PDF, in its running header (the tagger blanks
    a running header repeated across pages)."""
    texts = [(page, text) for page, text in zip(paragraph_pages, doc.paragraphs, strict=True)]
    if doc.file_format == "pdf" and max(paragraph_pages or [0]) == 1:
        texts += [(1, running_header(site, doc))]
    return [{"url": url, "page_number": page, "signal_id": signal_id, "quote": text.lstrip("# "),
             "is_negative": "false"}
            for page, text in texts
            for name, signal_id in prose.STRUCTURAL_SIGNALS.items() if name in text]


def _write_file(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _robots(site: Site) -> str:
    lines = ["User-agent: *"]
    if site.robots_disallow:
        lines.append(f"Disallow: {site.robots_disallow}")
    lines.append("Allow: /")
    if site.crawl_delay:
        lines.append(f"Crawl-delay: {site.crawl_delay:g}")
    if site.family == "wp_news":
        lines.append(f"Sitemap: https://{site.host}/sitemap_index.xml")
    return "\n".join(lines) + "\n"


def generate(target: Path, *, seed: int = DEFAULT_SEED, scale: int = 1) -> DemoWeb:
    """Generate the whole demo web into ``target`` (which must not exist yet)."""
    target = Path(target)
    registry = load_registry()
    sites = Planner(registry, seed, scale).sites()
    documents_rows, passage_rows, site_rows = [], [], []
    behaviours: dict[str, dict] = {"hosts": {}, "aliases": {}}
    for site in sites:
        site_rows.append({
            "icb_code_ods": site.icb.icb_code_ods, "host": site.host, "start_url": site.start_url,
            "family": site.family, "coverage": site.coverage,
            "is_host_invented": str(site.is_host_invented).lower(),
        })
        if site.coverage == "unreachable":
            continue
        host_dir = target / "site" / site.host
        pages = render_site(site)
        pages["/"] = shell(site, "Home", f'<p><a href="{escape(site.start_path)}">Board meetings '
                           'and papers</a></p><p><a href="/old-board-papers/">Old papers page</a>'
                           '</p><p><a href="/loop-a/">Archive (old)</a></p>')
        for path, html in pages.items():
            encoding = "windows-1252" if site.family in ("archive", "nhsuk") else "utf-8"
            declared = "" if site.family == "nhsuk" else f'<meta charset="{encoding}">'
            html = html.replace('<meta charset="utf-8">', declared)
            _write_file(host_dir / storage_key(path), html.encode(encoding, errors="replace"))
        _write_file(host_dir / "robots.txt", _robots(site).encode())
        rules = {"/old-board-papers/": {"kind": "redirect", "location": site.start_path},
                 "/loop-a/": {"kind": "redirect", "location": "/loop-b/"},
                 "/loop-b/": {"kind": "redirect", "location": "/loop-a/"}}
        for doc in site.documents:
            data, paragraph_pages = render_document(site, doc)
            _write_file(host_dir / storage_key(doc.path), data)
            if doc.awkward in SERVER_SIDE_AWKWARD:
                rules[doc.path] = {"kind": doc.awkward}
            url = f"https://{site.host}{doc.path}"
            extractable = doc.awkward in ("", "flaky_500", "flaky_429") and doc.is_reachable
            documents_rows.append({
                "url": url, "icb_code_ods": doc.icb_code_ods, "committee_name": doc.committee_name,
                "is_board": str(doc.is_board).lower(),
                "meeting_date": doc.meeting_date.isoformat() if doc.meeting_date else "",
                "document_type": doc.document_type, "title": doc.title,
                "file_format": doc.file_format, "page_count": max(paragraph_pages or [0]),
                "column_count": doc.columns,
                "is_reachable": str(doc.is_reachable).lower(), "awkward_reason": doc.awkward,
                "is_paper": str(doc.is_paper).lower(),
            })
            if not extractable:
                continue
            for index, signal_id in doc.signals:
                passage_rows.append({"url": url, "page_number": paragraph_pages[index],
                                     "signal_id": signal_id, "quote": doc.paragraphs[index],
                                     "is_negative": "false"})
            passage_rows += structural_passages(site, doc, url, paragraph_pages)
            for index in doc.negatives:
                passage_rows.append({"url": url, "page_number": paragraph_pages[index],
                                     "signal_id": "", "quote": doc.paragraphs[index],
                                     "is_negative": "true"})
        behaviours["hosts"][site.host] = rules
        website_host = site.icb.website_url.split("//")[-1].split("/")[0].lower()
        if website_host and website_host != site.host:
            behaviours["aliases"][website_host] = site.host
    truth = target / "ground_truth"
    truth.mkdir(parents=True, exist_ok=True)
    _write_csv(truth / "documents.csv", GROUND_TRUTH_DOCUMENT_COLUMNS, documents_rows)
    _write_csv(truth / "passages.csv", GROUND_TRUTH_PASSAGE_COLUMNS, passage_rows)
    _write_csv(target / "sites.csv", list(site_rows[0]), site_rows)
    (target / "behaviours.json").write_text(json.dumps(behaviours, indent=1, sort_keys=True))
    (target / "BUILD.json").write_text(json.dumps(
        {"generator_hash": generator_hash(), "seed": seed, "scale": scale}, sort_keys=True))
    (target / ".complete").write_text("ok\n")
    return DemoWeb(target)


def _write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def ensure_demo_web(scale: int = 1, seed: int = DEFAULT_SEED, base: Path | None = None) -> DemoWeb:
    """The cached demo web for this scale and seed, generating it first if needed."""
    root = Path(base or RAW_DIR / "demo_web") / f"scale-{scale}"
    wanted = {"generator_hash": generator_hash(), "seed": seed, "scale": scale}
    build = root / "BUILD.json"
    if (root / ".complete").exists() and build.exists():
        if json.loads(build.read_text()) == wanted:
            return DemoWeb(root)
    staging = root.with_name(f"{root.name}.tmp-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    generate(staging, seed=seed, scale=scale)
    if root.exists():
        old = root.with_name(f"{root.name}.old-{os.getpid()}")
        root.rename(old)
        shutil.rmtree(old, ignore_errors=True)
    staging.rename(root)
    return DemoWeb(root)
