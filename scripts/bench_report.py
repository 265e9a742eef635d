"""Benchmark: writing the learning-session report for synthetic cases of 500 and 100,000 events, and
for 100,000 wordy events (long descriptions, forty professionals), and opening them.

Times :func:`retro.report.write_report` only, after the imports and after reading and analysing the
case (those have their own benchmarks), against a raw read of the same workbook with python-calamine
(every sheet's cells, nothing checked) in the same run; the targets are at most 5 x that read and at
most 12 MB.  The size is also compared with the full plotly.js bundle (the one the plotly package
ships, which the report once embedded; target at most 0.45 x for 500 events).  When Debian's
chromium is installed it also times how long each page takes to load and draw its charts in
headless Chromium."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from python_calamine import CalamineWorkbook
from synthetic import synthetic_workbook

from retro import analyse, load_case
from retro.report import report_context, write_report
from tests.conftest import ARGS, CHROMIUM  # the browser the tests use, launched the same way

CASES = ((500, False), (100_000, False), (100_000, True))  # (events, wordy)


def full_plotly_size() -> int:
    """Bytes of the full plotly.js bundle that the plotly package ships (the yardstick)."""
    from plotly.offline import get_plotlyjs

    return len(get_plotlyjs().encode("utf-8"))


def raw_read_seconds(path: Path) -> float:
    """A raw read of every sheet with python-calamine: the floor for anything that reads it."""
    started = time.perf_counter()
    book = CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python()
    return time.perf_counter() - started


def load_seconds(paths: list[Path]) -> list[float | None]:
    """Seconds from navigation until every chart of each page is drawn, in headless Chromium (None
    without it)."""
    if not Path(CHROMIUM).exists():
        return [None for _ in paths]
    from playwright.sync_api import sync_playwright

    times: list[float | None] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for path in paths:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            started = time.perf_counter()
            page.goto(path.resolve().as_uri(), timeout=600_000)
            for chart in ("timeline", "network", "helpers"):
                page.wait_for_selector(f"#{chart}-chart .main-svg", timeout=600_000)
            times.append(time.perf_counter() - started)
            page.close()
        browser.close()
    return times


def run() -> None:
    plotly_size = full_plotly_size()
    print(f"report: the full plotly.js is {plotly_size / 1e6:.2f} MB")
    with tempfile.TemporaryDirectory() as folder:
        written = []
        for events, wordy in CASES:
            name = f"case-{events}{'-wordy' if wordy else ''}"
            workbook = synthetic_workbook(Path(folder) / f"{name}.xlsx", events, wordy=wordy)
            read = min(raw_read_seconds(workbook) for _ in range(2))
            analysis = analyse(load_case(workbook))
            times = []
            for _ in range(2):  # the first write compiles the templates when the cache is cold
                started = time.perf_counter()
                path = write_report(analysis, Path(folder) / f"{name}.html")
                times.append(time.perf_counter() - started)
            context = report_context(analysis)
            size = path.stat().st_size
            label = f"{events:>7} {'wordy' if wordy else 'plain'} events"
            written.append((label, path))
            print(
                f"report: {label} -> {size / 1e6:.2f} MB ({size / plotly_size:.2f} x full plotly.js), "
                f"written in {min(times):.2f} s = {min(times) / read:.1f} x the raw calamine read "
                f"({read:.2f} s); chart {'per month' if context['timeline']['summarised'] else 'per event'}, "
                f"table {len(context['events']['rows'])} rows"
                f"{' (summarised)' if context['events'].get('summarised') else ''}, "
                f"{len(analysis.flags)} flag(s)"
            )
        for (label, _), seconds in zip(written, load_seconds([path for _, path in written])):
            if seconds is not None:
                print(
                    f"report: {label} -> page loaded with its three charts drawn in {seconds:.1f} s (headless Chromium)"
                )
