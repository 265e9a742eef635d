"""Benchmark: writing the learning-session report for 500 and 100,000 synthetic events.

Times :func:`retro.render.write_report` only, after the imports and after reading and
analysing the case (those have their own benchmarks), and compares the file size with
the plotly.js bundle it embeds once.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from retro import analyse, load_case
from retro.html import plotly_js
from retro.render import report_context, write_report
from synthetic import synthetic_workbook


def run() -> None:
    plotly_size = len(plotly_js().encode("utf-8"))
    print(f"report: plotly.js is {plotly_size / 1e6:.2f} MB")
    with tempfile.TemporaryDirectory() as folder:
        for events in (500, 100_000):
            analysis = analyse(load_case(synthetic_workbook(Path(folder) / f"case-{events}.xlsx", events)))
            started = time.perf_counter()
            path = write_report(analysis, Path(folder) / f"case-{events}.html")
            elapsed = time.perf_counter() - started
            context = report_context(analysis)
            size = path.stat().st_size
            print(f"report: {events:>7} events -> {size / 1e6:.2f} MB ({size / plotly_size:.2f} x plotly.js) "
                  f"written in {elapsed:.2f} s; chart {'summarised per month' if context['timeline']['summarised'] else 'per event'}, "
                  f"table {len(context['events']['rows'])} rows{' (folded)' if context['events']['folded'] else ''}, "
                  f"{len(analysis.flags)} flag(s)")
