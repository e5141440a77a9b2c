"""Run the benchmarks: ``python -m bench`` (all) or ``python -m bench NAME`` (one).

Each ``bench/bench_<name>.py`` has a ``main() -> None`` that measures the project against a named
baseline in the same run and prints the ratio.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def available() -> list[str]:
    return sorted(path.stem.removeprefix("bench_") for path in HERE.glob("bench_*.py"))


def usage() -> str:
    return (f"usage: python -m bench [NAME ...]\n\n{__doc__.strip()}\n\n"
            f"benchmarks: {', '.join(available())}")


def main(argv: list[str]) -> int:
    if any(arg in ("-h", "--help") for arg in argv):
        print(usage())
        return 0
    names = argv or available()
    unknown = sorted(set(names) - set(available()))
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; have: {', '.join(available())}",
              file=sys.stderr)
        return 2
    for name in names:
        print(f"== bench {name}", flush=True)
        importlib.import_module(f"bench.bench_{name}").main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
