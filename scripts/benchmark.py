"""Benchmarks (not part of the test suite): ``python scripts/benchmark.py [import ...]``.

Each section prints its timings.  Sections are plain functions in ``SECTIONS``;
add one per feature (analyse, report, region) as they are built.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from retro import load_case  # noqa: E402

TYPES = ["gesprek", "mdo", "besluit", "aanbod", "contact", "escalatie", "juridisch", "kindgesprek"]
ACTORS = [("Moeder", "ouder"), ("Vader", "ouder"), ("Kind", "kind"), ("JB", "jeugdbescherming"),
          ("Casusregisseur", "casusregisseur"), ("Jeugdhulp", "jeugdhulp"), ("School", "school"),
          ("Rechtbank", "rechtbank")]


def synthetic_workbook(path: Path, events: int) -> Path:
    """A valid case workbook with ``events`` timeline rows, written in openpyxl's streaming mode."""
    book = Workbook(write_only=True)
    actors = book.create_sheet("Betrokkenen")
    actors.append(["id", "rol"])
    for ident, role in ACTORS:
        actors.append([ident, role])
    timeline = book.create_sheet("Tijdlijn")
    timeline.append(["id", "datum", "type", "wie", "met", "omschrijving", "aanleiding", "bron"])
    start = date(2015, 1, 1)
    for i in range(events):
        kind = TYPES[i % len(TYPES)]
        day = start + timedelta(days=i * 3650 // max(events, 1))
        timeline.append([f"E{i + 1}", day.strftime("%d-%m-%Y") if i % 2 else day, kind, ACTORS[3 + i % 4][0],
                         "Moeder, Vader" if i % 3 else "Kind", f"Gebeurtenis {i + 1} in de casus.",
                         "plan" if kind == "besluit" else None, "dossier"])
    book.save(path)
    return path


def bench_import() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for events in (500, 100_000):
            path = synthetic_workbook(Path(folder) / f"case-{events}.xlsx", events)
            started = time.perf_counter()
            case = load_case(path)
            elapsed = time.perf_counter() - started
            size = path.stat().st_size / 1_000_000
            print(f"import: {events:>7} rows ({size:.1f} MB) read and validated in {elapsed:.2f} s -> {len(case.events)} events")


SECTIONS = {"import": bench_import}


def main(names: list[str]) -> None:
    for name in names or list(SECTIONS):
        SECTIONS[name]()


if __name__ == "__main__":
    main(sys.argv[1:])
