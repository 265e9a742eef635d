"""Synthetic case workbooks for benchmarks (not for tests: tests use real sample cases and fixtures).

``synthetic_workbook(path, events)`` writes a valid case of any size in openpyxl's
streaming mode.  Benchmarks of every feature build their input with it.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

TYPES = ["gesprek", "mdo", "besluit", "aanbod", "contact", "escalatie", "juridisch", "kindgesprek"]
ACTORS = [("Moeder", "ouder"), ("Vader", "ouder"), ("Kind", "kind"), ("JB", "jeugdbescherming"),
          ("Casusregisseur", "casusregisseur"), ("Jeugdhulp", "jeugdhulp"), ("School", "school"),
          ("Rechtbank", "rechtbank")]


def synthetic_workbook(path: Path, events: int) -> Path:
    """A valid case workbook with ``events`` timeline rows over ten years."""
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
