"""Stages meet only through data: no stage module imports another stage or the demo (issue 17).

A stage (``pipeline/scrape``, ``extract``, ``tag``, ``models``) may import its own modules and the
shared ones (``pipeline.io``, the contracts, the registry, paths, errors, the signal definitions);
the shared modules import no stage. Imports inside functions count too.

``REMOVED`` lists the last crossings taken out (issue 17), each with what replaced it; a test per
line keeps it out, and any other crossing fails ``test_a_stage_imports_only_itself_and_the_shared_modules``.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PIPELINE = ROOT / "pipeline"
STAGES = ("scrape", "extract", "tag", "models")
SHARED = ("pipeline.io", "pipeline.contracts", "pipeline.registry", "pipeline.paths",
          "pipeline.errors", "pipeline.signals")
SHARED_FILES = ("io.py", "contracts.py", "paths.py", "errors.py", "signals.py", "registry")

# (importing file, imported module): what replaced it
REMOVED = {
    ("pipeline/models/build.py", "pipeline.scrape.manifest"):
        "scrape_runs is read with pipeline.io.read_rows",
    ("pipeline/models/inputs.py", "pipeline.scrape.manifest"):
        "the manifest is read with pipeline.io.read_rows and the manifest contract's columns",
    ("pipeline/models/inputs.py", "pipeline.tag.signals"):
        "the signal definitions are pipeline/signals.py's",
    ("pipeline/tag/run.py", "pipeline.extract.run"):
        "evidence is written with contracts.write_parquet(frame, 'evidence', path)",
    ("pipeline/tag/evaluate.py", "pipeline.extract.engines"):
        "demo_scores is given the pages' text by its caller",
}


def imported_modules(path: Path) -> set[str]:
    """Every ``pipeline`` module a file imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "pipeline":  # from pipeline import contracts, io
                names |= {f"pipeline.{alias.name}" for alias in node.names}
            else:
                names.add(node.module)
    return {name for name in names if name == "pipeline" or name.startswith("pipeline.")}


def _is_in(name: str, packages) -> bool:
    return any(name == package or name.startswith(package + ".") for package in packages)


def crossings(stage: str) -> set[tuple[str, str]]:
    """(file, module) for each import of a module that is neither the stage's own nor shared."""
    found = set()
    for path in sorted((PIPELINE / stage).rglob("*.py")):
        for name in imported_modules(path):
            if not (name == "pipeline" or _is_in(name, (f"pipeline.{stage}",) + SHARED)):
                found.add((path.relative_to(ROOT).as_posix(), name))
    return found


def test_the_import_finder_sees_imports_at_the_top_and_inside_functions(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("from pipeline import contracts\nimport pipeline.demo.web\n"
                      "def f():\n    from pipeline.extract.run import consolidate\n")
    assert imported_modules(module) == {"pipeline.contracts", "pipeline.demo.web",
                                        "pipeline.extract.run"}


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_imports_only_itself_and_the_shared_modules(stage):
    assert sorted(crossings(stage)) == []


@pytest.mark.parametrize("crossing", [
    pytest.param(crossing, id=f"{crossing[0]} -> {crossing[1]}") for crossing in sorted(REMOVED)])
def test_a_removed_crossing_stays_gone(crossing):
    stage = crossing[0].split("/")[1]
    assert crossing not in crossings(stage), REMOVED[crossing]


def test_the_shared_modules_import_no_stage_and_not_the_demo():
    wrong = []
    for name in SHARED_FILES:
        target = PIPELINE / name
        for path in sorted(target.rglob("*.py") if target.is_dir() else [target]):
            wrong += [f"{path.relative_to(ROOT)} imports {module}"
                      for module in sorted(imported_modules(path))
                      if _is_in(module, tuple(f"pipeline.{stage}" for stage in STAGES)
                                + ("pipeline.demo", "pipeline.commands"))]
    assert wrong == []


def test_notebooks_read_only_through_the_report_modules():
    """Notebooks read codes and scores only from the marts (through ``pipeline.report``), never
    from the registry or a stage, so the report's stamp and the marts say what a page shows."""
    for path in sorted((ROOT / "notebooks").glob("*.py")):
        outside = {name for name in imported_modules(path)
                   if not _is_in(name, ("pipeline.report", "pipeline.paths"))}
        assert not outside, (path.name, sorted(outside))
