"""Benchmark: ``retro report`` on a realistic case of 500 events as a whole process, against a bare
``import pandas, plotly.graph_objects, networkx, jinja2, openpyxl`` in a fresh process (the floor
any tool built on those libraries once had).  Target: at most 1.0 x (aim 0.9 x).

The two are run in turns, several times, and the medians compared, so both see the same load on the
machine; besides wall time it compares CPU time (user + system of the process), which other work on
a shared machine disturbs less.  The first run after an install builds the cache of compiled templates: it is measured on
its own, with an empty cache folder (``XDG_CACHE_HOME``), each time with a new one."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic import realistic_case

ROUNDS = 7
BARE = "import pandas, plotly.graph_objects, networkx, jinja2, openpyxl"


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _seconds(command: list[str], cache_home: Path, cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``command``."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    started, cpu = time.perf_counter(), _cpu()
    subprocess.run(command, check=True, capture_output=True, env=env, cwd=cwd)
    return time.perf_counter() - started, _cpu() - cpu


def run() -> None:
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        workbook = realistic_case(here / "case-500.xlsx", seed=500, events=500)
        report = [sys.executable, "-m", "retro", "report", str(workbook), "-o", "case.html"]
        bare = [sys.executable, "-c", BARE]
        warm = here / "cache"
        _seconds(report, warm, here)  # fills the cache the later runs use
        first, later, floor = [], [], []
        for n in range(ROUNDS):
            floor.append(_seconds(bare, warm, here))
            first.append(_seconds(report, here / f"empty-{n}", here))
            later.append(_seconds(report, warm, here))
        wall, cpu = (statistics.median(t[k] for t in floor) for k in (0, 1))
        for label, times in (("first run (empty cache)", first), ("later runs", later)):
            w, c = (statistics.median(t[k] for t in times) for k in (0, 1))
            print(
                f"startup: retro report, 500 events, {label}: {w:.2f} s wall = {w / wall:.2f} x the "
                f"bare import of the five libraries ({wall:.2f} s); CPU {c:.2f} s = {c / cpu:.2f} x "
                f"({cpu:.2f} s); medians of {ROUNDS}"
            )
