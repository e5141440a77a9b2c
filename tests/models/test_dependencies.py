"""Model dependencies are declared (``-- depends_on:`` on each SQL model's first line, ``READS`` in
a Python model), the build orders by them, and each declaration names exactly the tables read."""

import re

import duckdb
import pytest

from pipeline.models import build
from pipeline.models.build import LAYERS, SQL_DIR, Model

TABLE_AFTER = re.compile(r"\b(?:from|join)\s+([a-z_][a-z0-9_]*)", re.IGNORECASE)
CTE_NAME = re.compile(r"\b([a-z_][a-z0-9_]*)\s+as\s*\(", re.IGNORECASE)


def model_files():
    return sorted(path for layer in LAYERS for path in [*(SQL_DIR / layer).glob("*.sql"),
                                                         *(SQL_DIR / layer).glob("*.py")])


def tables_read(sql: str, known: set[str], own: str) -> set[str]:
    """The known tables a SELECT names after FROM or JOIN (comments and CTE names left out)."""
    body = "\n".join(line.split("--")[0] for line in sql.splitlines())
    ctes = {name.lower() for name in CTE_NAME.findall(body)}
    return ({name.lower() for name in TABLE_AFTER.findall(body)} & known) - ctes - {own}


@pytest.fixture(scope="module")
def known_tables(mini_database):
    connection = duckdb.connect(str(mini_database), read_only=True)
    try:
        return {name for (name,) in connection.execute(
            "select table_name from information_schema.tables").fetchall()}
    finally:
        connection.close()


def test_the_known_tables_are_the_raw_inputs_and_every_model(known_tables):
    models = {path.stem for path in model_files()}
    assert models <= known_tables
    assert {name for name in known_tables - models} == {
        name for name in known_tables if name.startswith("raw_")}


@pytest.mark.parametrize("path", model_files(), ids=lambda path: path.stem)
def test_each_models_declared_dependencies_are_the_tables_it_reads(path, known_tables):
    model = Model(path.stem, path, path.read_text(encoding="utf-8"))
    if model.is_python:
        assert model.reads and model.reads <= known_tables
    else:
        assert model.reads == tables_read(model.sql, known_tables, model.name)


def test_a_sql_model_without_a_depends_on_line_is_named_in_the_error(tmp_path):
    path = tmp_path / "stg_things.sql"
    path.write_text("-- Things.\nselect * from raw_things\n")
    with pytest.raises(ValueError, match=r"stg_things\.sql: the first line must be '-- depends_on:"):
        _ = Model(path.stem, path, path.read_text()).reads


def test_the_build_orders_a_layer_by_the_declared_dependencies(tmp_path, monkeypatch):
    staging = tmp_path / "staging"
    staging.mkdir()
    (staging / "stg_a.sql").write_text("-- depends_on: stg_c\nselect * from stg_c\n")
    (staging / "stg_b.sql").write_text("-- depends_on: raw_b\nselect * from raw_b\n")
    (staging / "stg_c.sql").write_text("-- depends_on: stg_b\nselect * from stg_b\n")
    monkeypatch.setattr(build, "SQL_DIR", tmp_path)
    assert [model.name for model in build.models("staging")] == ["stg_b", "stg_c", "stg_a"]
    (staging / "stg_b.sql").write_text("-- depends_on: stg_a\nselect * from stg_a\n")
    with pytest.raises(ValueError, match="circular dependency"):
        build.models("staging")
