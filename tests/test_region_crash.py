"""A worker process that dies on one workbook does not stop the regional export.

The crash is real: the test (not retro) caps the address space of each worker (``RLIMIT_AS``, set
by a wrapper around the pool's initializer), and one workbook has a sheet that reaches from A1 to
row 25,000, column 200, within retro's own limits.  calamine then asks for the memory to lay that
sheet out, the allocation fails in its Rust code, and Rust aborts the worker process (SIGABRT): no
exception Python could catch, as with a segfault or the kernel's out-of-memory killer."""

from __future__ import annotations

import os
import resource
import shutil
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import openpyxl
import pytest

import retro
from retro.config import Settings
from retro.messages import Messages
from retro.region import export_region, pool
from retro.region.anonymise import file_code
from tests.conftest import sample_paths
from tests.region_cases import sheet_rows as rows

HEADROOM = 64 * 2**20  # what a worker may use beyond what it holds when it starts
_INIT_WORKER = pool._init_worker  # the product's, also in a worker (which imports this module)


def _capped_worker(settings: Settings) -> None:
    """The pool's own initializer, then the worker's address space capped (test only)."""
    _INIT_WORKER(settings)
    pages = int(Path("/proc/self/statm").read_text().split()[0])
    cap = pages * os.sysconf("SC_PAGE_SIZE") + HEADROOM
    resource.setrlimit(resource.RLIMIT_AS, (cap, resource.RLIM_INFINITY))


def _dying_worker(settings: Settings) -> None:
    """A worker that dies as it starts, whatever it is given (test only)."""
    os._exit(3)


def _far_reaching(sample: Path, target: Path) -> Path:
    """A copy of a sample case with one more cell, far away: calamine lays out 5 million cells."""
    book = openpyxl.load_workbook(sample)
    book[book.sheetnames[0]].cell(row=25_000, column=200, value="x")
    book.save(target)
    return target


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="needs Linux's /proc")
def test_a_workbook_that_kills_its_worker_is_skipped_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    samples = sample_paths()
    for sample in samples:
        shutil.copy(sample, cases / sample.name)
    crashing = _far_reaching(samples[0], cases / "kapot-geheugen.xlsx")
    # the workers start with the wrapper (pickled by name: each worker imports this module)
    monkeypatch.setattr(pool, "_init_worker", _capped_worker)
    # one chunk in flight per worker, two workbooks per chunk: the crashing workbook shares its
    # chunk with a good one, which must be read again on its own
    monkeypatch.setattr(pool, "IN_FLIGHT", 1)
    summary = export_region([cases], tmp_path / "out", config=_two_workers())
    assert summary.cases == len(samples)
    assert [(path.name, s.reason) for path, s in summary.skipped] == [
        ("kapot-geheugen.xlsx", "crashed")
    ]
    assert summary.skipped[0][1].code == file_code(crashing, _two_workers().region.code_key)
    assert rows(summary.xlsx, "Niet gelezen")[1][1] == Messages("nl")("region.reason.crashed")
    assert "crash" in Messages("en")("region.reason.crashed")


def _two_workers() -> Settings:
    return retro.load_config(overrides={"region": {"workers": 2}})


def test_workers_that_cannot_start_stop_the_run_instead_of_skipping_every_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fresh pool is tried with an empty task first: when it dies too, no workbook is to blame."""
    cases = tmp_path / "cases"
    cases.mkdir()
    for sample in sample_paths():
        shutil.copy(sample, cases / sample.name)
    monkeypatch.setattr(pool, "_init_worker", _dying_worker)
    with pytest.raises(BrokenProcessPool):
        export_region([cases], tmp_path / "out", config=_two_workers())
    assert not (tmp_path / "out" / "regio.xlsx").exists()
