"""Benchmarks (not part of the test suite): ``python scripts/benchmark.py
[import|analyse|report|startup|pipeline|region|quality ...]``.

Each section is a module ``scripts/bench_<name>.py`` with a ``run()`` that prints its timings; with
no names, every section runs.  Inputs come from ``scripts/synthetic.py``."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

SECTIONS = ("import", "analyse", "report", "startup", "pipeline", "region", "quality")


def main(names: list[str]) -> int:
    for name in names or SECTIONS:
        if name not in SECTIONS:
            print(f"unknown benchmark {name!r}; choose from {', '.join(SECTIONS)}", file=sys.stderr)
            return 2
        try:
            module = importlib.import_module(f"bench_{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"bench_{name}":  # a module the benchmark needs is missing: say which
                raise
            print(f"{name}: not built yet")
            continue
        module.run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
