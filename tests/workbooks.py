"""Real workbooks for tests, written with openpyxl."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl

ACTORS = [
    ["id", "naam", "rol", "organisatie", "kader", "kant"],
    ["Moeder", "Anna Verhoeven", "ouder", None, None, None],
    ["Vader", "Bram Verhoeven", "ouder", None, None, None],
    ["Kind", "Sem Verhoeven", "kind", None, None, None],
    ["JB", "Cora Dekker", "jeugdbescherming", "JB Oost", "gedwongen", None],
]
TIMELINE = [
    [
        "id",
        "datum",
        "type",
        "wie",
        "met",
        "omschrijving",
        "besluit",
        "aanleiding",
        "leervraag",
        "bron",
    ],
    [
        "E1",
        datetime(2023, 3, 1),
        "aanmelding",
        "JB",
        "Moeder, Vader",
        "Aanmelding bij JB.",
        None,
        None,
        "LV1",
        "dossier",
    ],
    [
        "E2",
        "04-2023",
        "gesprek",
        "JB",
        "Moeder; Kind",
        "Gesprek met moeder en kind.",
        None,
        None,
        None,
        "dossier",
    ],
    [
        "E3",
        "12-05-2023",
        "besluit",
        "JB",
        "Vader",
        "Besluit over omgang.",
        "ja",
        "plan",
        "LV1",
        "verslag",
    ],
]
QUESTIONS = [["id", "vraag", "van"], ["LV1", "Wat maakte het besluit logisch?", "JB"]]


def write_workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """A workbook with one sheet per entry; the first row of each is its header."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def valid_sheets() -> dict[str, list[list[Any]]]:
    return {
        "Betrokkenen": [r[:] for r in ACTORS],
        "Tijdlijn": [r[:] for r in TIMELINE],
        "Leervragen": [r[:] for r in QUESTIONS],
    }
