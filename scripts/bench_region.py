"""Benchmark: the regional export of 200 and 1,000 realistic cases of about 200 events each.

Each export runs as ``retro region`` in a fresh process, as a user runs it (so loading deduce is
included).  Prints its time and the peak memory (resident set size) of the main process and of the
largest worker, sampled every 0.1 s, to show that memory does not grow with the number of cases.
The workbooks are generated first (not timed) into a temporary folder."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from synthetic import realistic_case

SIZES = (200, 1000)


class PeakMemory:
    """Peak RSS of this process and of its descendants (the workers), sampled in a thread."""

    def __init__(self, process: psutil.Popen) -> None:
        self.process = process
        self.main, self.workers = 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set() and self.process.poll() is None:
            try:
                self.main = max(self.main, self.process.memory_info().rss)
                children = self.process.children(recursive=True)
            except psutil.Error:
                break
            for child in children:
                with contextlib.suppress(psutil.Error):
                    self.workers = max(self.workers, child.memory_info().rss)
            time.sleep(0.1)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _export(paths: list[Path], outdir: Path) -> tuple[float, PeakMemory, str]:
    started = time.perf_counter()
    process = psutil.Popen(
        [sys.executable, "-m", "retro", "region", *map(str, paths), "-o", str(outdir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    with PeakMemory(process) as peak:
        output, _ = process.communicate()
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"retro region failed with exit code {process.returncode}")
    return elapsed, peak, output.splitlines()[0]


def run() -> None:
    with tempfile.TemporaryDirectory() as folder:
        cases = Path(folder) / "cases"
        cases.mkdir()
        started = time.perf_counter()
        for seed in range(max(SIZES)):
            realistic_case(cases / f"casus-{seed:04d}.xlsx", seed)
        print(
            f"region: generated {max(SIZES)} workbooks in {time.perf_counter() - started:.1f} s (not part of the timing)"
        )
        for size in SIZES:
            elapsed, peak, summary = _export(
                sorted(cases.glob("*.xlsx"))[:size], Path(folder) / f"out-{size}"
            )
            print(
                f"region: {size:>5} cases exported in {elapsed:.1f} s, deduce loading included; peak RSS "
                f"{peak.main / 2**20:.0f} MB in the main process (deduce included), {peak.workers / 2**20:.0f} MB "
                f"in the largest worker. {summary}"
            )
