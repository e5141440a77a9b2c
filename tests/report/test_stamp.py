"""The report's staleness stamp covers every file a page reads: a report built with every file
open recorded (in this process and in the notebooks' kernel) reads nothing the stamp leaves out,
so no page can go stale while the report says it is up to date."""

import os
import subprocess
import sys
from pathlib import Path

from pipeline.freshness import input_files
from pipeline.report.stamp import report_freshness

ROOT = Path(__file__).resolve().parents[2]

# Imported first by every Python process started with this folder on PYTHONPATH (the report and
# its kernel): appends the path of each file opened for reading to ATLAS_OPEN_LOG.
RECORDER = '''
import os
import sys

_fd = os.open(os.environ["ATLAS_OPEN_LOG"], os.O_WRONLY | os.O_APPEND | os.O_CREAT)
_WRITES = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND


def _record(event, args):
    if event != "open" or not args or not isinstance(args[0], (str, bytes, os.PathLike)):
        return
    mode, flags = (args[1] if len(args) > 1 else None), (args[2] if len(args) > 2 else 0)
    if (isinstance(mode, str) and set(mode) & set("wax+")) or (isinstance(flags, int) and flags & _WRITES):
        return
    os.write(_fd, (os.path.abspath(os.fsdecode(args[0])) + "\\n").encode())


sys.addaudithook(_record)
'''

# The report with its stamp's own reads left out (they are the stamp, not a page).
BUILD = '''
import sys
from pathlib import Path

from pipeline.freshness import Freshness
from pipeline.report.build import build_report

Freshness.record = lambda self: None
database, out, runs = map(Path, sys.argv[1:4])
build_report("demo", database=database, out=out, scrape_runs=runs, force=True, quiet=True)
'''


def files_read_by_the_report(database: Path, out: Path, runs: Path, tmp_path: Path) -> set[Path]:
    recorder = tmp_path / "recorder"
    recorder.mkdir()
    (recorder / "sitecustomize.py").write_text(RECORDER, encoding="utf-8")
    log = tmp_path / "opened.txt"
    path = os.pathsep.join([str(recorder), str(ROOT), os.environ.get("PYTHONPATH", "")])
    environment = {**os.environ, "ATLAS_OPEN_LOG": str(log), "PYTHONPATH": path}
    subprocess.run([sys.executable, "-c", BUILD, str(database), str(out), str(runs)], cwd=ROOT,
                   env=environment, check=True, timeout=600)
    return {Path(line).resolve() for line in log.read_text(encoding="utf-8").splitlines()}


def is_a_page_input(path: Path, out: Path, inputs: Path) -> bool:
    """Data a page is made from: a file of the project or of the build's inputs, not the report
    being written, the environment, or the pipeline's own Python modules (imported code)."""
    if not path.is_file() or "__pycache__" in path.parts or path.is_relative_to(out.parent):
        return False
    if path.is_relative_to(Path(sys.prefix).resolve()) or path.is_relative_to(ROOT / ".venv"):
        return False
    if any(part.endswith(".egg-info") for part in path.parts):  # the installed package's metadata
        return False
    if path.is_relative_to(ROOT / "pipeline") and path.suffix == ".py":
        return False
    return path.is_relative_to(ROOT) or path.is_relative_to(inputs)


def test_the_stamp_covers_every_file_a_page_reads(mini_database, mini_scrape_runs, tmp_path):
    database, out = Path(mini_database).resolve(), (tmp_path / "report" / "demo").resolve()
    runs = Path(mini_scrape_runs).resolve()
    read = {path for path in files_read_by_the_report(database, out, runs, tmp_path)
            if is_a_page_input(path, out, database.parent)}
    # the notebooks' kernel is recorded too: only notebook 02, in the kernel, reads the boundaries
    assert (ROOT / "data" / "reference" / "icb_boundaries_2026.geojson") in read
    assert runs in read
    freshness = report_freshness(database, out, runs, [])
    covered = {path.resolve() for path in input_files(freshness.inputs)} | {runs}  # runs: its key
    assert sorted(map(str, read - covered)) == []
    # ... and names no data file that no page reads (a needless rebuild); DuckDB opens the
    # database itself, unseen by the recorder
    data = {path for path in covered - {database}
            if path.suffix != ".py" or path.is_relative_to(ROOT / "notebooks")}
    assert sorted(map(str, data - read)) == []
