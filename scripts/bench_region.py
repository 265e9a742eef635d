"""Benchmark: the regional export of the four sample cases, and of 200 and 1,000 realistic cases of
about 200 events each.

Each export runs as ``retro region`` in a fresh process, as a user runs it (so loading deduce is
included).  Prints its wall time, for the generated cases as a ratio to a raw read of the same
workbooks with python-calamine in one process (every sheet's cells, nothing checked; target at most
8 x), and the peak memory: of all its processes together (the sum of their resident set sizes,
sampled every 0.1 s; target at most 1.5 GB), of the main process and of the largest worker.  The
workbooks are generated first (not timed) into a temporary folder."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from python_calamine import CalamineWorkbook
from synthetic import realistic_case

SIZES = (200, 1000)
SAMPLES = Path(__file__).resolve().parents[1] / "sample_cases"


class PeakMemory:
    """Peak RSS of this process and of its descendants (the workers), sampled in a thread."""

    def __init__(self, process: psutil.Popen) -> None:
        self.process = process
        self.main, self.workers, self.together = 0, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set() and self.process.poll() is None:
            try:
                self.main = max(self.main, self.process.memory_info().rss)
                children = self.process.children(recursive=True)
            except psutil.Error:
                break
            together = self.process.memory_info().rss
            for child in children:
                with contextlib.suppress(psutil.Error):
                    rss = child.memory_info().rss
                    self.workers, together = max(self.workers, rss), together + rss
            self.together = max(self.together, together)
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


def raw_read_seconds(paths: list[Path]) -> float:
    """Every sheet of every workbook read raw with python-calamine, in one process."""
    started = time.perf_counter()
    for path in paths:
        book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python()
    return time.perf_counter() - started


def _memory(peak: PeakMemory) -> str:
    return (
        f"peak RSS {peak.together / 2**20:.0f} MB all processes together, "
        f"{peak.main / 2**20:.0f} MB the main process (deduce included), "
        f"{peak.workers / 2**20:.0f} MB the largest worker"
    )


def run() -> None:
    with tempfile.TemporaryDirectory() as folder:
        samples = sorted(SAMPLES.glob("*.xlsx"))
        runs = [_export(samples, Path(folder) / f"samples-{n}") for n in range(3)]
        elapsed, peak, summary = sorted(runs, key=lambda r: r[0])[1]  # the median of three
        print(
            f"region: the {len(samples)} sample cases exported in {elapsed:.1f} s (median of 3); {_memory(peak)}. {summary}"
        )
        cases = Path(folder) / "cases"
        cases.mkdir()
        started = time.perf_counter()
        for seed in range(max(SIZES)):
            realistic_case(cases / f"casus-{seed:04d}.xlsx", seed)
        print(
            f"region: generated {max(SIZES)} workbooks in {time.perf_counter() - started:.1f} s (not part of the timing)"
        )
        for size in SIZES:
            paths = sorted(cases.glob("*.xlsx"))[:size]
            raw = min(raw_read_seconds(paths) for _ in range(2))
            elapsed, peak, summary = _export(paths, Path(folder) / f"out-{size}")
            print(
                f"region: {size:>5} cases exported in {elapsed:.1f} s = {elapsed / raw:.1f} x the raw calamine "
                f"read of the same files ({raw:.1f} s), deduce loading included; {_memory(peak)}. {summary}"
            )
