"""Benchmark: workbook to report, the whole way, as ``retro report`` does it after start-up.

Reads, validates and analyses a synthetic case and writes its report, for 300 and 500 events (the
size of a real case is a few dozen to a few hundred events), and prints the time of each step.
Imports are done before timing; ``retro report`` on the command line adds Python's start-up and the
imports (about half a second) on top."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from synthetic import realistic_case

from retro import analyse, load_case, write_report


def run() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for events in (300, 500):
            workbook = realistic_case(
                Path(folder) / f"case-{events}.xlsx", seed=events, events=events
            )
            started = time.perf_counter()
            case = load_case(workbook)
            loaded = time.perf_counter()
            result = analyse(case)
            analysed = time.perf_counter()
            write_report(result, Path(folder) / f"case-{events}.html")
            written = time.perf_counter()
            print(
                f"pipeline: {len(case.events):>4} events: read and validated {loaded - started:.2f} s, "
                f"analysed {analysed - loaded:.2f} s, report written {written - analysed:.2f} s, "
                f"total {written - started:.2f} s ({len(result.flags)} flags)"
            )
