"""Benchmark: reading and validating a workbook of 500 and 100,000 timeline rows."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from synthetic import synthetic_workbook

from retro import load_case


def run() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for events in (500, 100_000):
            path = synthetic_workbook(Path(folder) / f"case-{events}.xlsx", events)
            started = time.perf_counter()
            case = load_case(path)
            elapsed = time.perf_counter() - started
            size = path.stat().st_size / 1_000_000
            print(
                f"import: {events:>7} rows ({size:.1f} MB) read and validated in {elapsed:.2f} s -> {len(case.events)} events"
            )
