"""Column tests as SQL checks: every exported mart has one (unique, not-null key; accepted values),
keyed by the export's primary key (pipeline/export/schema.toml), and each one catches bad rows."""

import re
import shutil
import tomllib

import duckdb
import pytest

from pipeline.models.build import SQL_DIR

SCHEMA = tomllib.loads((SQL_DIR.parents[1] / "export" / "schema.toml").read_text(encoding="utf-8"))
TABLES = {table["source"]: table["primary_key"] for table in SCHEMA["table"]}


def check_path(mart: str):
    return SQL_DIR / "checks" / f"columns_{mart}.sql"


@pytest.mark.parametrize("mart", sorted(TABLES))
def test_each_exported_mart_has_a_column_check_grouped_by_its_primary_key(mart):
    sql = check_path(mart).read_text(encoding="utf-8")
    grouped = re.search(r"group by key_value, ([^\n]*?) having count", sql)
    assert grouped, f"{check_path(mart).name} has no duplicate-key test"
    assert set(TABLES[mart]) == {column.strip() for column in grouped[1].split(",")}


@pytest.fixture
def mini_copy(mini_database, tmp_path):
    target = tmp_path / "atlas.duckdb"
    shutil.copy(mini_database, target)
    connection = duckdb.connect(str(target))
    yield connection
    connection.close()


def failures(connection, mart: str) -> list[str]:
    return [row[0] for row in connection.execute(check_path(mart).read_text()).fetchall()]


@pytest.mark.parametrize("mart", sorted(TABLES))
def test_a_column_check_passes_on_the_mini_build_and_catches_a_doubled_row(mini_copy, mart):
    assert failures(mini_copy, mart) == []
    mini_copy.execute(f"insert into {mart} select * from {mart} limit 1")
    assert failures(mini_copy, mart) == ["duplicate key"]


def test_a_column_check_catches_a_null_key_and_a_value_not_accepted(mini_copy):
    mini_copy.execute("update mart_icb_coverage set scrape_status = 'crashed' where rowid = 0")
    mini_copy.execute("update mart_icb_coverage set period_label = null where rowid = 1")
    assert sorted(failures(mini_copy, "mart_icb_coverage")) == [
        "null in the key", "scrape_status not accepted: crashed"]


def test_the_accuracy_check_catches_a_proportion_that_does_not_match_its_counts(mini_copy):
    mini_copy.execute("update mart_tagger_accuracy set recall = 0.5, precision_high = 0.1 "
                      "where signal_id = 'board_representation'")
    assert sorted(failures(mini_copy, "mart_tagger_accuracy")) == [
        "an interval does not bracket its proportion", "recall does not match its counts"]
