"""Keep the contract tables in the docs generated from ``pipeline/contracts.toml``.

A document holds a contract's table between markers::

    <!-- contract:manifest -->
    ...generated...
    <!-- /contract -->

``regenerate`` rewrites what is between the markers (anything outside them is left alone);
``stale_blocks`` lists the blocks that differ from the contracts. ``docs/contracts.md`` is generated
whole by ``render_contracts_page``. Run ``python -m pipeline.contract_docs`` to rewrite it (and any
other documents named, ``docs/architecture.md`` by default), or with ``--check`` to fail when
one is out of date.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from pipeline import contracts
from pipeline.io import write_text
from pipeline.paths import PROJECT_ROOT

CONTRACTS_PAGE = PROJECT_ROOT / "docs" / "contracts.md"
# documents whose contract blocks are rewritten (or checked) when no document is named
DOCUMENTS = (PROJECT_ROOT / "docs" / "architecture.md",)
BLOCK = re.compile(r"<!-- contract:(?P<name>[a-z_]+) -->\n(?P<body>.*?)<!-- /contract -->", re.S)


def block(name: str) -> str:
    """What goes between a contract's markers: where the file is, who writes and reads it, its table."""
    contract = contracts.contract(name)
    return (f"`{contract.file}` ({contract.format}) — {contract.description}. "
            f"Grain: {contract.grain}. Written by {contract.writer}; read by "
            f"{', '.join(contract.readers)}.\n\n{contracts.markdown_table(name)}\n")


def regenerate(text: str) -> str:
    """``text`` with every contract block rewritten from the contracts."""
    def replace(match: re.Match) -> str:
        return f"<!-- contract:{match['name']} -->\n{block(match['name'])}<!-- /contract -->"
    return BLOCK.sub(replace, text)


def stale_blocks(text: str) -> list[str]:
    """Names of the contract blocks in ``text`` that differ from the contracts."""
    return [match["name"] for match in BLOCK.finditer(text) if match["body"] != block(match["name"])]


def render_contracts_page() -> str:
    lines = [
        "# Data contracts between the stages",
        "",
        "<!-- Generated from pipeline/contracts.toml by `python -m pipeline.contract_docs`; "
        "do not edit by hand. -->",
        "",
        "Stages meet only through these files. Each file's columns, types and meanings are defined "
        "once, in `pipeline/contracts.toml`; writers and readers validate against them "
        "(`pipeline/contracts.py`), so a column cannot be added, renamed or dropped silently: a writer "
        "must write every column, and a column the contract does not name is an error naming the file "
        "and the column. To add a column, add it to the contract in the same commit as its writer, "
        "then run `python -m pipeline.contract_docs`.",
        "",
        "Types are those of `pipeline/export/schema.toml` (string, integer, number, boolean, date — "
        "ISO `YYYY-MM-DD`, datetime — ISO UTC `YYYY-MM-DDTHH:MM:SSZ`) plus array (a JSON list). "
        "A column is never null unless it says nullable.",
        "",
        "Internal files have no contract: `extract/journal.jsonl` is extract's own progress journal, "
        "read only by extract and consolidated into `pages.parquet` and `documents.parquet`; the "
        "`STAMP.json` and `.stamp` files are up-to-date stamps read only by the stage that writes them.",
        "",
    ]
    for name in contracts.load_contracts():
        lines += [f"## {name}", "", f"<!-- contract:{name} -->", block(name).rstrip("\n"),
                  "<!-- /contract -->", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline.contract_docs",
        description="Regenerate docs/contracts.md and the contract blocks of other documents "
                    "from pipeline/contracts.toml.")
    parser.add_argument("documents", nargs="*", type=Path,
                        help="other documents with <!-- contract:NAME --> blocks to rewrite "
                             "(default: docs/architecture.md)")
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 naming each document that is out of date")
    args = parser.parse_args(argv)
    stale = []
    wanted = {CONTRACTS_PAGE: render_contracts_page()}
    for document in args.documents or DOCUMENTS:
        wanted[document] = regenerate(document.read_text(encoding="utf-8"))
    for path, text in wanted.items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path)
        if not args.check:
            write_text(path, text)
    for path in stale:
        print(f"{path}: {'out of date' if args.check else 'rewritten'} "
              "(contracts: pipeline/contracts.toml)", file=sys.stderr)
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
