import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import COMMANDS, build_parser, main

README = Path(__file__).resolve().parents[1] / "README.md"


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "pipeline", *args],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert f"usage: python -m pipeline {command}" in out
    module_help = next(a for a in build_parser()._subparsers._group_actions[0]._choices_actions
                       if a.dest == command).help
    assert module_help and len(module_help) > 15


def test_every_command_is_in_the_readme():
    text = README.read_text(encoding="utf-8")
    for command in COMMANDS:
        assert re.search(rf"python -m pipeline {command}\b", text), command


def test_every_option_is_in_the_readme():
    text = README.read_text(encoding="utf-8")
    commands = build_parser()._subparsers._group_actions[0].choices
    for command, parser in commands.items():
        for action in parser._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert re.search(rf"{re.escape(option)}\b", text), f"{command} {option}"


def test_registry_csv_on_dates(capsys):
    assert main(["registry", "--on", "2024-01-01", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("icb_code_ods,icb_code_ons,")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 42
    assert len({row["region_code_ods"] for row in rows}) == 7
    assert main(["registry", "--on", "2026-06-01", "--format", "csv"]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 1 + 36


def test_registry_one_icb_with_history(capsys):
    assert main(["registry", "--icb", "QNQ"]) == 0
    out = capsys.readouterr().out
    assert "Frimley" in out and "S9B9J" in out and "2026-03-31" in out


@pytest.mark.parametrize("args,needle", [
    (["registry", "--icb", "ZZZ"], "'ZZZ'"),
    (["registry", "--on", "2024-02-30"], "'2024-02-30'"),
    (["registry", "--on", "yesterday"], "'yesterday'"),
])
def test_bad_input_is_one_line_and_exit_2(args, needle):
    result = run_cli(*args)
    assert result.returncode == 2
    assert needle in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_bench_has_help_and_names_its_benchmarks(capsys):
    from bench.__main__ import available
    from bench.__main__ import main as bench_main

    assert bench_main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: python -m bench") and all(name in out for name in available())
    assert bench_main(["no-such-bench"]) == 2
    assert "unknown benchmark(s): no-such-bench" in capsys.readouterr().err


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path):
    lines = tmp_path / "excerpts.jsonl"
    lines.write_text("".join(f'{{"id": {n}, "text": "The meeting closed."}}\n' for n in range(5000)),
                     encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "pipeline", "tag", "--jsonl", str(lines)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout.readline().startswith('{"id": 0')
    process.stdout.close()  # as `| head -1` does
    error = process.stderr.read()
    assert process.wait(timeout=120) == 141
    assert error == ""
