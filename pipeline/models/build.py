"""Build a dataset's DuckDB database: inputs -> staging -> intermediate -> marts, then the data
checks; skipped when nothing it reads has changed.

One model per file, its table named after the file: a ``.sql`` file is a SELECT (usually a chain
of CTEs) whose first line names the tables it reads, ``-- depends_on: a, b`` (a test checks the
header against the SQL); a ``.py`` file, used only where SQL cannot do the work (the measurement
model's random draws), declares the tables it reads in ``READS`` and returns its table from
``frame(connection)``. Within a layer, models run in the order those declarations give. The
database is built in a temporary file (``pipeline.io.building_duckdb``) and replaces the old one
only when every check passes; temporary files left by builds that were killed are removed first.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import duckdb

from pipeline.io import building_duckdb, read_rows, write_text
from pipeline.models.inputs import BuildInputs, load_inputs

SQL_DIR = Path(__file__).resolve().parent / "sql"
LAYERS = ("staging", "intermediate", "marts")
DEPENDS_ON = re.compile(r"-- depends_on:(.*)")


class CheckFailedError(Exception):
    """A data check returned rows."""


@dataclass(frozen=True)
class Model:
    name: str
    path: Path
    sql: str

    @cached_property
    def module(self):
        """The Python model's module (``READS`` and ``frame``), loaded from its file."""
        spec = importlib.util.spec_from_file_location(f"pipeline_model_{self.name}", self.path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    @property
    def is_python(self) -> bool:
        return self.path.suffix == ".py"

    @property
    def reads(self) -> set[str]:
        """The tables the model declares it reads (``READS``, or its ``-- depends_on:`` line)."""
        if self.is_python:
            return set(self.module.READS)
        first = self.sql.split("\n", 1)[0]
        match = DEPENDS_ON.fullmatch(first.strip())
        if not match:
            raise ValueError(f"{self.path}: the first line must be '-- depends_on: <tables it reads>'")
        names = [name.strip() for name in match[1].split(",")]
        if not all(re.fullmatch(r"[a-z_][a-z0-9_]*", name) for name in names):
            raise ValueError(f"{self.path}: depends_on must list table names separated by commas, "
                             f"not {match[1].strip()!r}")
        return set(names)


def models(layer: str) -> list[Model]:
    """A layer's models in an order where each runs after the models it reads."""
    found = {path.stem: Model(path.stem, path, path.read_text(encoding="utf-8"))
             for path in sorted([*(SQL_DIR / layer).glob("*.sql"), *(SQL_DIR / layer).glob("*.py")])}
    ordered, done = [], set()

    def visit(model: Model, trail: tuple[str, ...]) -> None:
        if model.name in done:
            return
        if model.name in trail:
            raise ValueError(f"{model.path}: circular dependency via {' -> '.join(trail)}")
        for dependency in sorted(model.reads & set(found)):
            if dependency != model.name:
                visit(found[dependency], (*trail, model.name))
        done.add(model.name)
        ordered.append(model)

    for model in found.values():
        visit(model, ())
    return ordered


def run_layer(connection: duckdb.DuckDBPyConnection, layer: str) -> None:
    for model in models(layer):
        try:
            if model.is_python:
                connection.register("python_model_frame", model.module.frame(connection))
                connection.execute(f"create table {model.name} as select * from python_model_frame")
                connection.unregister("python_model_frame")
            else:
                connection.execute(f"create table {model.name} as {model.sql}")
        except duckdb.Error as error:
            raise RuntimeError(f"model {layer}/{model.path.name} failed: {error}") from None


def run_checks(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """Run every check; return the names of those that passed. Raise on the first failure."""
    passed = []
    for path in sorted((SQL_DIR / "checks").glob("*.sql")):
        cursor = connection.execute(path.read_text(encoding="utf-8"))
        rows = cursor.fetchmany(10)
        if rows:
            columns = [column[0] for column in cursor.description]
            shown = "\n".join("  " + ", ".join(f"{c}={v!r}" for c, v in zip(columns, row, strict=True))
                              for row in rows)
            raise CheckFailedError(f"data check {path.stem} failed; first rows:\n{shown}")
        passed.append(path.stem)
    return passed


def input_stamp(inputs: BuildInputs) -> str:
    """A hash of everything the build reads: input files, scrape outcomes, SQL and code."""
    digest = hashlib.sha256()
    paths = [inputs.manifest, inputs.pages, inputs.documents, inputs.evidence, inputs.signals,
             inputs.tagger_accuracy, *sorted(Path(inputs.reference_dir).glob("*.csv")),
             *sorted(SQL_DIR.rglob("*.sql")), *sorted(SQL_DIR.rglob("*.py")),
             *sorted(Path(__file__).parent.glob("*.py"))]
    if inputs.corrections and Path(inputs.corrections).exists():
        paths.append(inputs.corrections)
    for path in paths:
        digest.update(str(path).encode() + Path(path).read_bytes())
    latest = {row["icb_code_ods"]: row["status"] for row in read_rows(inputs.scrape_runs)}
    digest.update(json.dumps(sorted(latest.items())).encode())
    return digest.hexdigest()


def mart_counts(target: Path) -> dict[str, int]:
    connection = duckdb.connect(str(target), read_only=True)
    try:
        return {model.name: connection.execute(f"select count(*) from {model.name}").fetchone()[0]
                for model in models("marts")}
    finally:
        connection.close()


def build_database(inputs: BuildInputs, target: Path, *, force: bool = False) -> dict[str, int]:
    """Build ``target`` (unless nothing it reads has changed); return each mart's row count."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    inputs.check()
    stamp, stamp_path = input_stamp(inputs), target.with_name(target.name + ".stamp")
    if not force and target.exists() and stamp_path.exists() and stamp_path.read_text() == stamp:
        return mart_counts(target)
    with building_duckdb(target) as connection:
        load_inputs(connection, inputs)
        for layer in LAYERS:
            run_layer(connection, layer)
        run_checks(connection)
        counts = {model.name: connection.execute(f"select count(*) from {model.name}").fetchone()[0]
                  for model in models("marts")}
    write_text(stamp_path, stamp)
    return counts
