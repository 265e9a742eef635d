"""Benchmark: the analysis (network, measures, nine detectors) of synthetic cases of 500 to 100,000
events.

Only ``analyse()`` is timed; reading the workbook is the import benchmark.  The network measures and
the detectors are linear in the number of events, so 100,000 events should take seconds, not
minutes. The flags per kind are printed too: a pattern that repeats is one flag citing every repeat,
so their number must not grow with the case (compare the rows of 2,000 and 20,000 events)."""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from pathlib import Path

from synthetic import synthetic_workbook

from retro import FLAG_KINDS, analyse, load_case

SIZES = (500, 2_000, 20_000, 100_000)


def run() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for events in SIZES:
            case = load_case(synthetic_workbook(Path(folder) / f"case-{events}.xlsx", events))
            started = time.perf_counter()
            result = analyse(case)
            elapsed = time.perf_counter() - started
            found = Counter(f.kind for f in result.flags)
            kinds = ", ".join(f"{kind} {found[kind]}" for kind in FLAG_KINDS if found[kind])
            cited = max((len(f.events) for f in result.flags), default=0)
            print(
                f"analyse: {events:>7} events analysed in {elapsed:.2f} s -> {len(result.flags)} flags ({kinds}); "
                f"most events cited by one flag: {cited}"
            )
