"""Benchmark: the analysis (network, measures, nine detectors) of synthetic cases of 500 and 100,000 events.

Only ``analyse()`` is timed; reading the workbook is the import benchmark.  The network measures and the
detectors are linear in the number of events, so 100,000 events should take seconds, not minutes.
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from pathlib import Path

from retro import analyse, load_case
from synthetic import synthetic_workbook


def run() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for events in (500, 100_000):
            case = load_case(synthetic_workbook(Path(folder) / f"case-{events}.xlsx", events))
            started = time.perf_counter()
            result = analyse(case)
            elapsed = time.perf_counter() - started
            kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(Counter(f.kind for f in result.flags).items()))
            print(f"analyse: {events:>7} events analysed in {elapsed:.2f} s -> {len(result.flags)} flags ({kinds})")
