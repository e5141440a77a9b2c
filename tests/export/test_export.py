import csv
import hashlib
import json
from datetime import date, datetime
from pathlib import Path

import pytest

from pipeline.export.write import cell, export_dataset, load_schema, neutralise

PARSERS = {
    "string": str, "integer": int, "number": float,
    "boolean": lambda v: {"true": True, "false": False}[v],
    "date": date.fromisoformat,
    "datetime": lambda v: datetime.strptime(v, "%Y-%m-%dT%H:%M:%SZ"),
}


def validate_package(folder: Path) -> list[str]:
    """Check every CSV against datapackage.json: header, types, primary and foreign keys."""
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    problems, keys = [], {}
    for resource in package["resources"]:
        schema = resource["schema"]
        names = [field["name"] for field in schema["fields"]]
        raw = (folder / resource["path"]).read_bytes()
        if not raw.startswith(b"\xef\xbb\xbf"):
            problems.append(f"{resource['path']}: no byte-order mark")
        rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
        if rows[0] != names:
            problems.append(f"{resource['path']}: header differs from schema")
        seen = set()
        for number, row in enumerate(rows[1:], start=2):
            for field, value in zip(schema["fields"], row, strict=True):
                if value in schema["missingValues"]:
                    continue
                try:
                    PARSERS[field["type"]](value)
                except (ValueError, KeyError):
                    problems.append(f"{resource['path']}:{number}: {field['name']}={value!r} "
                                    f"is not {field['type']}")
            key = tuple(row[names.index(name)] for name in schema["primaryKey"])
            if key in seen:
                problems.append(f"{resource['path']}:{number}: duplicate primary key {key}")
            seen.add(key)
        keys[resource["name"]] = (names, rows[1:])
    for resource in package["resources"]:
        for foreign in resource["schema"].get("foreignKeys", []):
            names, rows = keys[resource["name"]]
            other_names, other_rows = keys[foreign["reference"]["resource"]]
            targets = {tuple(r[other_names.index(f)] for f in foreign["reference"]["fields"])
                       for r in other_rows}
            for row in rows:
                if tuple(row[names.index(f)] for f in foreign["fields"]) not in targets:
                    problems.append(f"{resource['path']}: foreign key {foreign['fields']} unresolved")
                    break
    return problems


@pytest.fixture(scope="module")
def exported(mini_database, tmp_path_factory):
    out = tmp_path_factory.mktemp("export")
    counts = export_dataset(mini_database, out, "demo")
    return out, counts


def test_exports_validate_against_their_own_datapackage(exported):
    out, counts = exported
    assert validate_package(out / "csv") == []
    assert set(counts) == {"scores", "signals", "regions", "national", "coverage", "documents",
                           "evidence", "trends", "tagger_accuracy"}
    for name in counts:
        assert (out / "parquet" / f"{name}.parquet").exists()


def test_validator_catches_problems(exported, tmp_path):
    out, _ = exported
    broken = tmp_path / "csv"
    broken.mkdir()
    for path in (out / "csv").iterdir():
        broken.joinpath(path.name).write_bytes(path.read_bytes())
    scores = (broken / "scores.csv").read_text(encoding="utf-8-sig").splitlines()
    scores.append(scores[1])
    (broken / "scores.csv").write_text("\n".join(scores) + "\n", encoding="utf-8")
    problems = validate_package(broken)
    assert any("byte-order mark" in p for p in problems)
    assert any("duplicate primary key" in p for p in problems)


def test_formula_quote_comes_out_inert(exported):
    out, _ = exported
    text = (out / "csv" / "evidence.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(text.splitlines()))
    quotes = [row["quote"] for row in rows if "HYPERLINK" in row["quote"]]
    assert quotes == ["'=HYPERLINK(\"http://evil.example\",\"Questions from the public were answered.\")"]
    assert all(not row["quote"].startswith(("=", "+", "-", "@")) for row in rows)


def test_cells_keep_numbers_numeric_and_text_safe():
    assert neutralise("-5 patients") == "'-5 patients"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)" and neutralise("\tx") == "'\tx"
    assert neutralise("Board minutes") == "Board minutes"
    assert cell(-5, "integer") == "-5" and cell(-2.5, "number") == "-2.5"
    assert cell(8.0, "number") == "8" and cell(None, "number") == ""
    assert cell(True, "boolean") == "true" and cell(date(2024, 3, 14), "date") == "2024-03-14"


def test_same_inputs_give_byte_identical_files(mini_database, tmp_path):
    digests = []
    for run in ("a", "b"):
        export_dataset(mini_database, tmp_path / run, "demo")
        digests.append({p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                        for p in sorted((tmp_path / run / "csv").iterdir())})
    assert digests[0] == digests[1]


def read_table(out, name):
    return list(csv.DictReader((out / "csv" / f"{name}.csv").read_text(encoding="utf-8-sig").splitlines()))


def test_every_row_names_codes_and_says_demo(exported):
    out, _ = exported
    for name in ("scores", "signals", "coverage", "documents", "evidence"):
        rows = read_table(out, name)
        assert rows and all(row["dataset"] == "demo" for row in rows), name
        assert all(row["icb_code_ods"] and row["icb_code_ons"] and row["icb_name"]
                   for row in rows), name
    evidence = read_table(out, "evidence")
    assert all("#page=" in row["source_url"] and len(row["sha256"]) == 64 and row["retrieved_at"]
               for row in evidence)
    assert "DEMO DATA" in (out / "csv" / "README.md").read_text(encoding="utf-8")


def test_schema_defines_every_column_once():
    columns, tables = load_schema()
    used = {name for table in tables for name in table.columns}
    assert used == set(columns)


def test_tagger_accuracy_says_per_signal_how_often_the_tagger_misses(exported):
    """A journalist quoting a "not found" can quote the signal's recall: one row per signal, with
    the figures (and the evaluation) the intervals use, as tagger_accuracy.csv measured them."""
    from pipeline.signals import load_signals
    from tests.conftest import MINI

    out, _ = exported
    rows = {row["signal_id"]: row for row in read_table(out, "tagger_accuracy")}
    signals = {signal.signal_id: signal for signal in load_signals().signals}
    assert set(rows) == set(signals)
    measured = {row["signal_id"]: row for row in
                csv.DictReader((MINI / "tagger_accuracy.csv").read_text(encoding="utf-8").splitlines())}
    for signal_id, row in rows.items():
        source = measured[signal_id]
        assert row["dataset"] == "demo" and row["signal_label"] == signals[signal_id].label
        assert row["dimension"] == signals[signal_id].dimension
        assert row["accuracy_split"] == source["split"]
        for column in ("example_count", "true_positive_count", "false_positive_count",
                       "false_negative_count"):
            assert int(row[column]) == int(source[column]), (signal_id, column)
        for column in ("precision", "precision_low", "precision_high", "recall", "recall_low",
                       "recall_high"):
            assert float(row[column]) == pytest.approx(float(source[column])), (signal_id, column)
        assert row["tagger_version"] == source["tagger_version"]
    readme = (out / "csv" / "README.md").read_text(encoding="utf-8")
    assert "`tagger_accuracy.csv` gives, per signal," in readme and "### tagger_accuracy.csv" in readme
