"""Benchmark: writing the learning-session report for 500 and 100,000 synthetic events, and opening
it.

Times :func:`retro.report.write_report` only, after the imports and after reading and analysing the
case (those have their own benchmarks), and compares the file size with the plotly.js bundle it
embeds once.  When Debian's chromium is installed it also times how long the page takes to load and
draw its charts in headless Chromium."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from synthetic import synthetic_workbook

from retro import analyse, load_case
from retro.html import plotly_js
from retro.report import report_context, write_report

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


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
    plotly_size = len(plotly_js().encode("utf-8"))
    print(f"report: plotly.js is {plotly_size / 1e6:.2f} MB")
    with tempfile.TemporaryDirectory() as folder:
        written = []
        for events in (500, 100_000):
            analysis = analyse(
                load_case(synthetic_workbook(Path(folder) / f"case-{events}.xlsx", events))
            )
            started = time.perf_counter()
            path = write_report(analysis, Path(folder) / f"case-{events}.html")
            elapsed = time.perf_counter() - started
            context = report_context(analysis)
            size = path.stat().st_size
            written.append((events, path))
            print(
                f"report: {events:>7} events -> {size / 1e6:.2f} MB ({size / plotly_size:.2f} x plotly.js) "
                f"written in {elapsed:.2f} s; chart {'summarised per month' if context['timeline']['summarised'] else 'per event'}, "
                f"table {len(context['events']['rows'])} rows{' (folded)' if context['events']['folded'] else ''}, "
                f"{len(analysis.flags)} flag(s)"
            )
        for (events, _), seconds in zip(written, load_seconds([path for _, path in written])):
            if seconds is not None:
                print(
                    f"report: {events:>7} events -> page loaded with its three charts drawn in {seconds:.1f} s (headless Chromium)"
                )
