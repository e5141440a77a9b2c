"""Look at the report in a real browser (headless Chromium, when installed): screenshots, and
whether a page overflows a narrow screen.

Pages are measured without any remote-debugging protocol: a small wrapper page beside the page
loads it in an iframe of the given width and, once it has loaded, runs a script against it and
writes the result into its own DOM, which ``--dump-dom`` prints (``evaluate``). ``overflow`` gives
the page's ``scrollWidth`` and ``clientWidth``.

    python -m pipeline.report.browser screenshot reports/demo/index.html docs/img/landing.png
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--mute-audio"]
WRAPPER = """<!DOCTYPE html><html><body style="margin:0"><iframe id="page" src="{src}" width="{width}"
height="{height}" style="border:0"></iframe><script>
document.getElementById('page').addEventListener('load', function () {{
  var result;
  try {{ result = (function (doc, win) {{ {script} }})(this.contentDocument, this.contentWindow); }}
  catch (error) {{ result = 'error: ' + error; }}
  document.body.setAttribute('data-result', String(result));
}});
</script></body></html>"""
MEASURE = "return doc.documentElement.scrollWidth + ' ' + doc.documentElement.clientWidth;"


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


def _run(arguments: list[str], timeout: int = 120) -> subprocess.CompletedProcess:
    chromium = find_chromium()
    if chromium is None:
        raise FileNotFoundError("Chromium not found: apt-get install chromium")
    with tempfile.TemporaryDirectory(prefix="atlas-chromium-") as profile:
        return subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", *arguments],
                              capture_output=True, text=True, timeout=timeout, check=False)


def screenshot(page: Path, png: Path, width: int, height: int, scale: float = 1.0) -> Path:
    """A PNG of the top ``height`` CSS pixels of ``page`` at ``width`` CSS pixels."""
    png = Path(png).resolve()
    png.parent.mkdir(parents=True, exist_ok=True)
    result = _run([f"--window-size={width},{height}", f"--force-device-scale-factor={scale}",
                   f"--screenshot={png}", Path(page).resolve().as_uri()])
    if not png.exists():
        raise RuntimeError(f"Chromium wrote no screenshot of {page}: {result.stderr.strip()[-300:]}")
    return png


def evaluate(page: Path, script: str, width: int = 1400, height: int = 900) -> str:
    """Load ``page`` in an iframe ``width`` CSS pixels wide and return what ``script`` returns: the
    body of a function of (doc, win), the page's document and window, run once the page has loaded."""
    page = Path(page).resolve()
    wrapper = page.with_name(f".evaluate-{page.stem}-{width}.html")
    wrapper.write_text(WRAPPER.format(src=page.name, width=width, height=height, script=script),
                       encoding="utf-8")
    try:
        result = _run(["--allow-file-access-from-files", "--window-size=1400,1000", "--dump-dom",
                       wrapper.as_uri()])
    finally:
        wrapper.unlink(missing_ok=True)
    match = re.search(r'data-result="([^"]*)"', result.stdout)
    if not match:
        raise RuntimeError(f"no result from {page.name} at {width} px: {result.stderr.strip()[-300:]}")
    return html.unescape(match[1])


def overflow(page: Path, width: int, height: int = 900) -> tuple[int, int]:
    """(scrollWidth, clientWidth) of ``page`` laid out ``width`` CSS pixels wide."""
    scroll_width, client_width = evaluate(page, MEASURE, width, height).split()
    return int(scroll_width), int(client_width)


def small_png(source: Path, target: Path, colours: int = 128) -> Path:
    """``source`` as a palette PNG (a screenshot small enough to commit)."""
    from PIL import Image

    Path(target).parent.mkdir(parents=True, exist_ok=True)
    with Image.open(source) as image:
        image.convert("RGB").quantize(colors=colours, method=Image.Quantize.MEDIANCUT).save(
            target, optimize=True)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.report.browser",
                                     description="Screenshots of report pages in headless Chromium.")
    sub = parser.add_subparsers(dest="command", required=True)
    shot = sub.add_parser("screenshot", help="a small PNG of the top of a page")
    shot.add_argument("page", type=Path)
    shot.add_argument("png", type=Path)
    shot.add_argument("--width", type=int, default=1400)
    shot.add_argument("--height", type=int, default=1500)
    shot.add_argument("--scale", type=float, default=0.6, help="device scale factor (default 0.6)")
    measure = sub.add_parser("overflow", help="print scrollWidth and clientWidth at a width")
    measure.add_argument("page", type=Path)
    measure.add_argument("--width", type=int, default=390)
    args = parser.parse_args(argv)
    if args.command == "screenshot":
        with tempfile.TemporaryDirectory() as folder:
            raw = screenshot(args.page, Path(folder) / "raw.png", args.width, args.height, args.scale)
            small_png(raw, args.png)
        print(f"{args.png} ({args.png.stat().st_size // 1024} KB)")
    else:
        print(*overflow(args.page, args.width))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
