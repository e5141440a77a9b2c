"""The contracts of the files that pass between stages (``pipeline/contracts.toml``).

A writer validates what it writes and a reader what it reads, so a column cannot be added, dropped,
renamed or retyped by one stage without the others hearing of it: every error is one line naming the
file (or row) and the column. Tests and benchmarks build their inputs with ``fixture_rows`` and
``empty_frame``; ``markdown_table`` gives the tables of ``docs/contracts.md``.
"""

from __future__ import annotations

import csv
import functools
import io as stdlib_io
import math
import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
from pandas.api import types

from pipeline import io

CONTRACTS_PATH = Path(__file__).with_name("contracts.toml")
TYPES = ("string", "integer", "number", "boolean", "date", "datetime", "array")
FORMATS = ("jsonl", "parquet", "csv", "toml")
COLUMN_KEYS = {"name", "type", "description", "nullable", "values", "example", "since", "formerly",
               "writer"}
CONTRACT_KEYS = {"name", "file", "format", "writer", "readers", "grain", "description", "columns"}
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z")
INTEGER_TEXT = re.compile(r"-?\d+")
# DuckDB types a Parquet column of each contract type may have, and the one writers cast to
DUCKDB_TYPES = {
    "string": ("VARCHAR",),
    "integer": ("BIGINT", "INTEGER", "SMALLINT", "TINYINT", "UBIGINT", "UINTEGER", "USMALLINT",
                "UTINYINT", "HUGEINT"),
    "number": ("DOUBLE", "FLOAT", "DECIMAL", "BIGINT", "INTEGER", "SMALLINT", "TINYINT"),
    "boolean": ("BOOLEAN",),
    "date": ("DATE",),
    "datetime": ("TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "TIMESTAMP_NS", "TIMESTAMP_MS",
                 "TIMESTAMP_S"),
    "array": ("VARCHAR[]",),
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    nullable: bool = False
    values: tuple | None = None
    example: object = None
    since: str | None = None
    formerly: tuple[str, ...] = ()
    writer: str | None = None


@dataclass(frozen=True)
class Contract:
    name: str
    file: str
    format: str
    writer: str
    readers: tuple[str, ...]
    grain: str
    description: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        return [column.name for column in self.columns]


def _column(entry: dict, where: str) -> Column:
    if not isinstance(entry, dict) or "name" not in entry:
        raise ValueError(f"{where}: every column needs a name")
    where = f"{where} column {entry['name']}"
    unknown = set(entry) - COLUMN_KEYS
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {sorted(unknown)}")
    for key in ("type", "description"):
        if not entry.get(key):
            raise ValueError(f"{where}: needs a {key}")
    if entry["type"] not in TYPES:
        raise ValueError(f"{where}: type {entry['type']!r} is not one of {', '.join(TYPES)}")
    column = Column(entry["name"], entry["type"], entry["description"],
                    nullable=entry.get("nullable", False) is True,
                    values=tuple(entry["values"]) if "values" in entry else None,
                    example=entry.get("example"), since=entry.get("since"),
                    formerly=tuple(entry.get("formerly", ())), writer=entry.get("writer"))
    if not isinstance(entry.get("nullable", False), bool):
        raise ValueError(f"{where}: nullable must be true or false, not {entry['nullable']!r}")
    if column.since is not None and not DATE.fullmatch(str(column.since)):
        raise ValueError(f"{where}: since must be a date (YYYY-MM-DD), not {column.since!r}")
    if column.since is not None and not column.nullable:
        raise ValueError(f"{where}: a column added later (since) must be nullable: older rows "
                         "read as null")
    for value in ([column.example] if column.example is not None else []) + list(column.values or ()):
        problem = _value_problem(value, column.type, text=False)
        if problem:
            raise ValueError(f"{where}: example or value {value!r} is {problem}")
    return column


def load_contracts(path: Path = CONTRACTS_PATH) -> dict[str, Contract]:
    """Every contract by name; a malformed one raises ValueError naming the file and contract."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ValueError(f"{path}: {error}") from None
    contracts = {}
    for number, entry in enumerate(data.get("contract", []), start=1):
        where = f"{path}: contract {entry.get('name') or f'#{number}'}"
        missing = sorted(CONTRACT_KEYS - set(entry))
        if missing:
            raise ValueError(f"{where}: missing key(s) {missing}")
        unknown = sorted(set(entry) - CONTRACT_KEYS)
        if unknown:
            raise ValueError(f"{where}: unknown key(s) {unknown}")
        if entry["format"] not in FORMATS:
            raise ValueError(f"{where}: format {entry['format']!r} is not one of {', '.join(FORMATS)}")
        if entry["name"] in contracts:
            raise ValueError(f"{where}: defined twice")
        columns = tuple(_column(column, where) for column in entry["columns"])
        names = [column.name for column in columns]
        doubled = sorted({name for name in names if names.count(name) > 1})
        if doubled:
            raise ValueError(f"{where}: column(s) {doubled} defined twice")
        if not columns:
            raise ValueError(f"{where}: has no columns")
        contracts[entry["name"]] = Contract(entry["name"], entry["file"], entry["format"],
                                            entry["writer"], tuple(entry["readers"]), entry["grain"],
                                            entry["description"], columns)
    if not contracts:
        raise ValueError(f"{path}: no [[contract]] tables")
    return contracts


@functools.cache
def _default_contracts() -> dict[str, Contract]:
    return load_contracts()


def contract(name: str) -> Contract:
    contracts = _default_contracts()
    if name not in contracts:
        raise KeyError(f"{CONTRACTS_PATH.name} has no contract {name!r}; "
                       f"there are {', '.join(contracts)}")
    return contracts[name]


def columns(name: str) -> list[str]:
    """The contract's column names in the order writers write them."""
    return contract(name).names


# ------------------------------------------------------------------------------------ values

def _value_problem(value, kind: str, *, text: bool) -> str | None:
    """Why ``value`` is not of contract type ``kind`` (None if it is). ``text``: a CSV cell."""
    if text:
        if not isinstance(value, str):
            return f"not text ({type(value).__name__})"
        if kind == "integer" and not INTEGER_TEXT.fullmatch(value.strip()):
            return "not an integer"
        if kind == "number":
            try:
                float(value)
            except ValueError:
                return "not a number"
        if kind == "boolean" and value.strip().lower() not in ("true", "false"):
            return "not true or false"
        if kind == "date" and not _is_iso_date(value):
            return "not an ISO date (YYYY-MM-DD)"
        if kind == "datetime" and not DATETIME.fullmatch(value):
            return "not an ISO UTC time (YYYY-MM-DDTHH:MM:SSZ)"
        if kind == "array":
            return "not representable in a CSV cell (array)"
        return None
    if kind == "string":
        return None if isinstance(value, str) else f"not a string ({type(value).__name__})"
    if kind == "boolean":
        return None if isinstance(value, bool | np.bool_) else f"not a boolean ({type(value).__name__})"
    if kind == "integer":
        if isinstance(value, bool | np.bool_) or not isinstance(value, int | np.integer):
            return f"not an integer ({type(value).__name__})"
        return None
    if kind == "number":
        if isinstance(value, bool | np.bool_) or not isinstance(value, int | float | np.number):
            return f"not a number ({type(value).__name__})"
        return None
    if kind == "date":
        if isinstance(value, datetime):
            return "a time, not a date"
        if isinstance(value, date) or (isinstance(value, str) and _is_iso_date(value)):
            return None
        return "not an ISO date (YYYY-MM-DD)"
    if kind == "datetime":
        if isinstance(value, datetime) or (isinstance(value, str) and DATETIME.fullmatch(value)):
            return None
        return "not an ISO UTC time (YYYY-MM-DDTHH:MM:SSZ)"
    if kind == "array":
        return None if isinstance(value, list | tuple | np.ndarray) else \
            f"not a list ({type(value).__name__})"
    raise ValueError(f"unknown contract type {kind!r}")


def _is_iso_date(value: str) -> bool:
    if not DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_null(value) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def _check_value(value, column: Column, contract_: Contract, where: str) -> None:
    text = contract_.format == "csv"
    if (_is_null(value) or (text and value == "")):
        if not column.nullable:
            raise ValueError(f"{where}: {column.name} is empty, and the {contract_.name} contract "
                             "says it never is")
        return
    problem = _value_problem(value, column.type, text=text)
    if problem:
        raise ValueError(f"{where}: {column.name} {_short(value)} is {problem} "
                         f"(the {contract_.name} contract says {column.type})")
    if column.values is not None and value not in column.values:
        raise ValueError(f"{where}: {column.name} {_short(value)} is not one of "
                         f"{', '.join(map(str, column.values))}")


def _short(value) -> str:
    shown = repr(value.item() if isinstance(value, np.generic) else value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _check_names(present: list[str], contract_: Contract, where: str, *, reading: bool) -> None:
    expected = set(contract_.names)
    extra = [name for name in present if name not in expected]
    if extra:
        raise ValueError(f"{where}: column {extra[0]!r} is not in the {contract_.name} contract "
                         f"({CONTRACTS_PATH.name}); add it there first"
                         + (f" (and {len(extra) - 1} more)" if len(extra) > 1 else ""))
    have = set(present)
    missing = [column.name for column in contract_.columns
               if column.name not in have and not (reading and column.since)]
    if missing:
        raise ValueError(f"{where}: column {missing[0]!r} of the {contract_.name} contract is missing"
                         + (f" (and {len(missing) - 1} more: {', '.join(missing[1:])})"
                            if len(missing) > 1 else ""))


def upgrade_row(row: dict, name: str) -> dict:
    """A journal row written before a rename or an added column, in today's names (read side)."""
    contract_ = contract(name)
    out = dict(row)
    for column in contract_.columns:
        for old in column.formerly:
            if old in out and column.name not in out:
                out[column.name] = out.pop(old)
        if column.since and column.name not in out:
            out[column.name] = None
    return out


def former_names(name: str, present) -> dict[str, str]:
    """old name -> today's name, for each column a file (with columns ``present``) still has under
    an earlier name (``formerly``); a reader renames these so old files read as new ones."""
    have = set(present)
    return {old: column.name for column in contract(name).columns if column.name not in have
            for old in column.formerly if old in have}


def added_since(name: str, present) -> dict[str, str]:
    """column -> DuckDB type, for each column added to contract ``name`` later (``since``) that a
    file with columns ``present`` lacks, under any of its names: a reader adds it as null."""
    have = set(present)
    cast_to = duckdb_types(name)
    return {column.name: cast_to[column.name] for column in contract(name).columns
            if column.since and column.name not in have and not have.intersection(column.formerly)}


def validate_row(row: dict, name: str, where: str, *, reading: bool = False) -> dict:
    """Check one row (a journal line, a CSV row) against contract ``name``; return it.

    ``where`` names the row in errors, e.g. ``data/raw/demo/manifest.jsonl:12``. When ``reading``,
    earlier names (``formerly``) and columns added later (``since``) are accepted and the returned
    row is in today's names; a writer passes ``reading=False`` and must write every column."""
    contract_ = contract(name)
    if not isinstance(row, dict):
        raise ValueError(f"{where}: expected a {name} row (an object), not {type(row).__name__}")
    if reading:
        row = upgrade_row(row, name)
    _check_names(list(row), contract_, where, reading=reading)
    for column in contract_.columns:
        _check_value(row.get(column.name), column, contract_, where)
    return row


def checker(name: str, path: Path):
    """A ``check`` for ``pipeline.io.Journal``: each row is validated before it is written."""
    where = f"{path} (row being written)"
    return lambda row: validate_row(row, name, where)


def read_journal(path: Path, name: str) -> list[dict]:
    """Every complete row of a contract's JSON-lines file, checked and in today's column names;
    an error names the file and line."""
    return [validate_row(row, name, f"{path}:{number}", reading=True)
            for number, row in io.read_numbered_rows(path)]


# ------------------------------------------------------------------------------------ frames

INFERRED = {"string": ("string",), "integer": ("integer",), "boolean": ("boolean",),
            "number": ("integer", "floating", "mixed-integer-float", "decimal")}


def _dtype_fits(dtype, kind: str) -> bool:
    """True when a column of this dtype can only hold values of contract type ``kind``."""
    if kind in ("integer", "number") and types.is_bool_dtype(dtype):
        return False
    return {"integer": types.is_integer_dtype, "number": types.is_numeric_dtype,
            "boolean": types.is_bool_dtype, "datetime": types.is_datetime64_any_dtype,
            "string": lambda d: types.is_string_dtype(d) and not types.is_object_dtype(d),
            }.get(kind, lambda d: False)(dtype)


def _series_problem(series: pd.Series, column: Column, text: bool) -> tuple[int, str] | None:
    """(position, why) of the first value of ``series`` that breaks ``column``, or None."""
    nulls = series.isna().to_numpy()
    if text and series.dtype == object:
        nulls = nulls | (series == "").to_numpy()
    if not column.nullable and nulls.any():
        return int(nulls.argmax()), "empty"
    present = series[~nulls]
    if present.empty:
        return None
    kind, dtype = column.type, present.dtype
    fast = _dtype_fits(dtype, kind)
    if not fast and kind == "integer" and types.is_float_dtype(dtype):
        fractional = (present.to_numpy() % 1 != 0)
        if fractional.any():
            return _position(series, present, fractional), "not an integer"
        fast = True
    if not fast and types.is_object_dtype(dtype):
        # infer_dtype scans in C; the Python loop below then only runs to find the culprit
        fast = types.infer_dtype(present, skipna=True) in INFERRED.get(kind, ())
    if not fast:
        for position, value in enumerate(present.to_numpy()):
            problem = _value_problem(value, kind, text=text)
            if problem:
                return _position(series, present, position), problem
    if column.values is not None:
        outside = ~present.isin(column.values).to_numpy()
        if outside.any():
            return (_position(series, present, outside),
                    f"not one of {', '.join(map(str, column.values))}")
    return None


def _position(series: pd.Series, present: pd.Series, which) -> int:
    index = int(which.argmax()) if isinstance(which, np.ndarray) else int(which)
    return int(series.index.get_loc(present.index[index]))


def validate_frame(frame: pd.DataFrame, name: str, where: str) -> pd.DataFrame:
    """Check a whole table against contract ``name``; return it. Errors name ``where`` (the file),
    the row (0-based) and the column."""
    contract_ = contract(name)
    _check_names([str(column) for column in frame.columns], contract_, where, reading=False)
    text = contract_.format == "csv"
    for column in contract_.columns:
        found = _series_problem(frame[column.name], column, text)
        if found:
            position, problem = found
            value = frame[column.name].iloc[position]
            if problem == "empty":
                raise ValueError(f"{where}: row {position}: {column.name} is empty, and the "
                                 f"{name} contract says it never is")
            raise ValueError(f"{where}: row {position}: {column.name} {_short(value)} is {problem} "
                             f"(the {name} contract says {column.type})")
    return frame


def validate_parquet(path: Path, name: str, *, reading: bool = False) -> None:
    """Check a Parquet file's columns, types, nulls and values with DuckDB (no rows loaded).

    When ``reading``, a column still under an earlier name (``formerly``) is checked under it and
    a column added later (``since``) may be absent, as ``validate_row`` allows for journals."""
    contract_, path = contract(name), Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found")
    connection = duckdb.connect()
    try:
        try:
            described = connection.execute("describe select * from read_parquet(?)",
                                           [str(path)]).fetchall()
        except duckdb.Error as error:
            message = str(error).splitlines()[0]
            raise ValueError(f"{path}: not a readable Parquet file ({message})") from None
        stored = {row[0]: row[1] for row in described}
        stored_as = {column.name: column.name for column in contract_.columns}
        if reading:
            stored_as.update({new: old for old, new in former_names(name, stored).items()})
        today = {old: new for new, old in stored_as.items()}
        _check_names([today.get(present, present) for present in stored], contract_, str(path),
                     reading=reading)
        tests, parameters, checks = [], [], []  # one scan of the file for every column's checks
        for column in contract_.columns:
            if stored_as[column.name] not in stored:
                continue  # added later (since): older files read it as null
            found = stored[stored_as[column.name]].upper()
            if found == '"NULL"' and column.nullable:
                continue  # only nulls, written by an untyped writer: nothing to check
            if not any(found == allowed or found.startswith(allowed + "(")
                       for allowed in DUCKDB_TYPES[column.type]):
                raise ValueError(f"{path}: {column.name} is stored as {found}, and the {name} "
                                 f"contract says {column.type}")
            quoted = '"' + stored_as[column.name].replace('"', '""') + '"'
            if not column.nullable:
                tests.append(f"count(*) filter (where {quoted} is null)")
                checks.append(f"{column.name} is empty in {{}} row(s), and the {name} contract "
                              "says it never is")
            if column.values is not None:
                tests.append(f"count(*) filter (where cast({quoted} as varchar) not in "
                             "(select unnest(?::varchar[])))")
                parameters.append([str(value) for value in column.values])
                checks.append(f"{column.name} has {{}} value(s) not in "
                              f"{', '.join(map(str, column.values))}")
        if tests:
            counts = connection.execute(
                f"select {', '.join(tests)} from read_parquet('{_sql_path(path)}')",
                parameters).fetchone()
            for count, message in zip(counts, checks, strict=True):
                if count:
                    raise ValueError(f"{path}: {message.format(count)}")
    finally:
        connection.close()


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def validate_file(path: Path, name: str) -> int:
    """Check a whole handoff file against its contract by its format; return its row count."""
    contract_, path = contract(name), Path(path)
    if contract_.format == "parquet":
        validate_parquet(path, name)
        return duckdb.sql(f"select count(*) from read_parquet('{_sql_path(path)}')").fetchall()[0][0]
    if contract_.format == "jsonl":
        return len(read_journal(path, name))
    if contract_.format == "csv":
        return len(read_csv(path, name))
    raise ValueError(f"{path}: {name} is a {contract_.format} file; check it through its loader")


def read_csv(path: Path, name: str) -> list[dict]:
    """Rows of a contract's CSV file (text cells), each checked; errors name the file and line."""
    path = Path(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise ValueError(f"{path}:{line}: not UTF-8 (byte {raw[error.start]:#04x}); "
                         "save the file as UTF-8") from None
    with stdlib_io.StringIO(text, newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None:
            raise ValueError(f"{path}:1: empty file; expected a header row with "
                             f"{', '.join(columns(name))}")
        _check_names(header, contract(name), f"{path}:1", reading=False)
        rows = []
        for cells in reader:
            if not cells:
                continue
            where = f"{path}:{reader.line_num}"
            if len(cells) != len(header):
                raise ValueError(f"{where}: {len(cells)} cell(s), the header has {len(header)}")
            rows.append(validate_row(dict(zip(header, cells, strict=True)), name, where))
    return rows


# ------------------------------------------------------------------------------------ writers

def frame(rows: list[dict], name: str) -> pd.DataFrame:
    """Rows as a DataFrame in the contract's column order. Every row must have every column (a
    writer writes them all, nulls included) and no other."""
    names = columns(name)
    expected = set(names)
    for number, row in enumerate(rows):
        if row.keys() != expected:
            _check_names(list(row), contract(name), f"{name} row {number}", reading=False)
    return pd.DataFrame(rows, columns=names)


def duckdb_types(name: str) -> dict[str, str]:
    """The DuckDB type each column is written as (Parquet writers cast to these)."""
    return {column.name: DUCKDB_TYPES[column.type][0] for column in contract(name).columns}


def sql_select(name: str, expressions: dict[str, str]) -> str:
    """A DuckDB select list giving every column of contract ``name``, in order and cast to its
    type, from SQL ``expressions`` (column -> expression); for writers and benchmarks that make a
    file with SQL. A missing or unknown column raises ValueError naming it."""
    names = columns(name)
    unknown = [column for column in expressions if column not in names]
    if unknown:
        raise ValueError(f"{name}: column {unknown[0]!r} is not in the {name} contract "
                         f"({CONTRACTS_PATH.name})")
    missing = [column for column in names if column not in expressions]
    if missing:
        raise ValueError(f"{name}: no expression for column(s) {', '.join(missing)} of the contract")
    cast_to = duckdb_types(name)
    return ", ".join(f"cast({expressions[column]} as {cast_to[column]}) as {column}" for column in names)


def write_parquet(table: pd.DataFrame, name: str, path: Path) -> None:
    """Validate ``table`` against contract ``name`` and write it atomically, typed by the contract."""
    validate_frame(table, name, str(path))
    io.write_parquet(table, path, column_types=duckdb_types(name))


# ------------------------------------------------------------------------------------ fixtures

_PANDAS_DTYPES = {"string": "object", "integer": "Int64", "number": "float64", "boolean": "boolean",
                  "date": "object", "datetime": "object", "array": "object"}


def empty_frame(name: str) -> pd.DataFrame:
    """A table with the contract's columns and no rows."""
    return pd.DataFrame({column.name: pd.Series(dtype=_PANDAS_DTYPES[column.type])
                         for column in contract(name).columns})


def _example(column: Column, number: int):
    if column.example is not None:
        return column.example
    if column.nullable:
        return None
    if column.values:
        return column.values[0]
    return {"string": f"{column.name}-{number}", "integer": number, "number": float(number),
            "boolean": False, "date": "2026-01-01", "datetime": "2026-01-01T00:00:00Z",
            "array": []}[column.type]


def fixture_rows(name: str, count: int = 1, **overrides) -> list[dict]:
    """``count`` valid rows of contract ``name``; ``overrides`` set columns (a value, or a function
    of the row number). A CSV contract's rows are text cells, as a reader sees them."""
    contract_ = contract(name)
    unknown = [key for key in overrides if key not in contract_.names]
    if unknown:
        raise KeyError(f"{name} contract has no column {unknown[0]!r}")
    rows = []
    for number in range(count):
        row = {}
        for column in contract_.columns:
            value = overrides.get(column.name, _example(column, number))
            value = value(number) if callable(value) else value
            if contract_.format == "csv":
                value = "" if value is None else (str(value).lower() if isinstance(value, bool)
                                                  else str(value))
            row[column.name] = value
        rows.append(validate_row(row, name, f"fixture {name} row {number}"))
    return rows


# ------------------------------------------------------------------------------------ docs

def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_table(name: str) -> str:
    """The contract as a Markdown table: column, type, meaning, written by."""
    contract_ = contract(name)
    lines = ["| column | type | meaning | written by |", "|---|---|---|---|"]
    stage = contract_.writer.split(" (")[0]
    for column in contract_.columns:
        kind = column.type + (", nullable" if column.nullable else "")
        meaning = column.description
        if column.values is not None:
            meaning += ": one of " + ", ".join(f"`{value}`" for value in column.values)
        if column.since:
            meaning += f" (since {column.since}; older rows read as null)"
        if column.formerly:
            meaning += " (formerly " + ", ".join(f"`{old}`" for old in column.formerly) + ")"
        lines.append(f"| `{column.name}` | {kind} | {_cell(meaning)} | {_cell(column.writer or stage)} |")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------ command line

def dataset_files(dataset: str) -> dict[str, Path]:
    """Each data contract's file for ``dataset`` (the signal definitions are checked by their loader)."""
    from pipeline.paths import PROJECT_ROOT

    return {name: PROJECT_ROOT / c.file.replace("<dataset>", dataset)
            for name, c in _default_contracts().items() if c.format != "toml"}


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m pipeline.contracts",
        description="Check a dataset's handoff files against pipeline/contracts.toml: one line per "
                    "file; exit 2 if any breaks its contract.")
    parser.add_argument("dataset", nargs="?", default="demo", choices=("demo", "live"),
                        help="the dataset whose files to check (default demo)")
    args = parser.parse_args(argv)
    failed = False
    for name, path in dataset_files(args.dataset).items():
        if not path.exists():
            print(f"{path}: not there (nothing to check)")
            continue
        try:
            print(f"{path}: {validate_file(path, name)} row(s) meet the {name} contract")
        except ValueError as error:
            failed = True
            print(error)
    return 2 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
