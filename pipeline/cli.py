"""Command line: ``python -m pipeline COMMAND`` (or ``icb-atlas COMMAND``), one command per stage.

Each command lives in its own module under ``pipeline/commands/`` and provides ``HELP`` (one line),
``DESCRIPTION``, ``add_arguments(parser)`` and ``run(args) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time

from pipeline.errors import StageNotBuiltError, Terminated, UserError, describe_os_error
from pipeline.paths import DATASETS, default_dataset

# Order is the order of the pipeline; the README's CLI reference follows it.
COMMANDS = ["registry", "demo", "scrape", "extract", "tag", "build", "export", "report"]
# The stages that read and write collected data: each ends with a line saying how long it took.
STAGES = {"scrape", "extract", "tag", "build", "export", "report"}


def add_dataset_argument(parser: argparse.ArgumentParser) -> None:
    """The ``--dataset`` option shared by every stage that reads or writes collected data."""
    parser.add_argument(
        "--dataset",
        choices=DATASETS,
        default=None,
        help="demo (the bundled stand-in web) or live (the real ICB sites); "
        "default: the SOURCE environment variable, else demo",
    )


def resolve_dataset(args: argparse.Namespace) -> str:
    try:
        return args.dataset or default_dataset()
    except ValueError as error:
        raise UserError(str(error)) from None


def command_module(name: str):
    return importlib.import_module(f"pipeline.commands.{name}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="ICB Involvement Atlas: collect ICB board papers, tag evidence of patient and "
        "public involvement, and compare ICBs.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        module = command_module(name)
        sub = subparsers.add_parser(
            name,
            help=module.HELP,
            description=module.DESCRIPTION,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(sub)
        sub.set_defaults(handler=module.run)
    return parser


def environment_error(error: Exception) -> str | None:
    """One line naming the path, for an error from the machine or its folders (a permission, a
    full disk, a file where a folder should be); None for anything else, which may be a bug."""
    if isinstance(error, OSError):
        return describe_os_error(error)
    duckdb = sys.modules.get("duckdb")
    if duckdb is not None and isinstance(error, duckdb.IOException):
        return str(error).strip().splitlines()[0]
    return None


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        code = int(args.handler(args) or 0)
    except StageNotBuiltError as error:
        print(f"{parser.prog} {args.command}: {error}", file=sys.stderr)
        return 3
    except UserError as error:
        print(f"{parser.prog} {args.command}: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader of stdout stopped early (`... | head`): not an error here
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second one at exit
        return 141
    except Exception as error:
        described = environment_error(error) if args.command in STAGES else None
        if described is None:
            raise
        print(f"{parser.prog} {args.command}: error: {described}", file=sys.stderr)
        return 2
    except Terminated:
        print(f"{parser.prog} {args.command}: terminated; what was already recorded is kept",
              file=sys.stderr)
        return 143
    except KeyboardInterrupt:
        print(f"{parser.prog} {args.command}: interrupted", file=sys.stderr)
        return 130
    if args.command in STAGES and code == 0:
        print(f"{args.command}: done in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return code

if __name__ == "__main__":
    sys.exit(main())
