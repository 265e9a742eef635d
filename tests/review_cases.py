"""A case filled into the template as a facilitator would, and snapshots of a workbook's sheets to
prove ``retro review`` changes nothing but its own sheet."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl

from tests.conftest import run_cli

ACTORS = [
    ["Vader", "Tom Bakker", "ouder"],
    ["Kind", None, "kind"],
    ["AdvVader", None, "advocaat", "Kantoor Recht", None, "Vader"],
    ["Hulp", None, "jeugdhulp", "Hulp & Co", "vrijwillig"],
    ["Rechtbank", None, "rechtbank"],
]
# id, datum, einddatum, type, wie, met, omschrijving, besluit, aanleiding, kiest kant van,
# leervraag, bron: the columns of the template's Tijdlijn
EVENTS = [
    [
        "E1",
        datetime(2022, 5, 2),
        None,
        "escalatie",
        "Moeder",
        "Hulp",
        "Moeder belt in paniek over het kind.",
        None,
        None,
        None,
        None,
        "dossier",
    ],
    [
        "E2",
        datetime(2022, 5, 6),
        None,
        "besluit",
        "Hulp",
        "Moeder, Kind",
        "Hulp stopt het contact met vader.",
        "ja",
        "nood",
        None,
        "LV1",
        "verslag",
    ],
    [
        "E3",
        datetime(2022, 6, 1),
        None,
        "juridisch",
        "AdvVader",
        "Rechtbank",
        "Verzoekschrift omgang ingediend.",
        None,
        None,
        None,
        None,
        "dossier",
    ],
    [
        "E4",
        datetime(2022, 7, 1),
        None,
        "klacht",
        "Vader",
        "Hulp",
        "Vader dient een klacht in over Hulp.",
        None,
        None,
        None,
        None,
        "dossier",
    ],
    [
        "E7",
        datetime(2022, 7, 15),
        None,
        "aanbod",
        "Hulp",
        "Moeder, Vader",
        "Hulp start een cursus zodat de ouders leren communiceren.",
        None,
        None,
        None,
        None,
        "verslag",
    ],
]
# A later version of the timeline: the court and the complaint were mistakes and go; a new moment
# comes in: an alarm, and child protection stops contact four days later.
LATER_EVENTS = [
    [
        "E5",
        datetime(2022, 8, 1),
        None,
        "escalatie",
        "Vader",
        "JB",
        "Vader meldt zich boos bij JB.",
        None,
        None,
        None,
        None,
        "dossier",
    ],
    [
        "E6",
        datetime(2022, 8, 5),
        None,
        "besluit",
        "JB",
        "Vader, Kind",
        "JB schort het contact met moeder op.",
        "ja",
        "druk",
        None,
        None,
        "verslag",
    ],
]


def filled_template(path: Path, lang: str = "nl") -> Path:
    """``retro template``, then actors and events typed in with openpyxl (the template's example
    rows stay: they are part of the case)."""
    result = run_cli("template", path, "--lang", lang)
    assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(path)
    actors, timeline = book.worksheets[2], book.worksheets[3]
    for row in ACTORS:
        actors.append(row)
    for row in EVENTS:
        timeline.append(row)
    book.save(path)
    return path


def flags_of(path: Path) -> dict[str, dict[str, Any]]:
    """The flags ``retro analyse --format json`` finds, by id."""
    result = run_cli("analyse", path, "--format", "json")
    assert result.returncode == 0, result.stderr
    return {f["id"]: f for f in json.loads(result.stdout)["flags"]}


def sheet_rows(path: Path, name: str) -> list[dict[str, Any]]:
    """The rows of a sheet under its header, as dicts (empty cells left out)."""
    sheet = openpyxl.load_workbook(path)[name]
    header = [c.value for c in sheet[1]]
    return [
        {h: v for h, v in zip(header, row) if v is not None}
        for row in sheet.iter_rows(min_row=2, values_only=True)
        if any(v is not None for v in row)
    ]


def snapshot(path: Path, leave_out: tuple[str, ...] = ()) -> dict[str, Any]:
    """Everything of each sheet that ``retro review`` must keep: values, comments, drop-down lists,
    column widths, frozen panes, visibility, merged cells, number formats."""
    book = openpyxl.load_workbook(path)
    shot: dict[str, Any] = {}
    for sheet in book.worksheets:
        if sheet.title in leave_out:
            continue
        shot[sheet.title] = {
            "values": [list(r) for r in sheet.iter_rows(values_only=True)],
            "comments": {
                c.coordinate: c.comment.text for r in sheet.iter_rows() for c in r if c.comment
            },
            "validations": sorted(
                (str(v.sqref), v.type, v.formula1, v.showErrorMessage)
                for v in sheet.data_validations.dataValidation
            ),
            "widths": {k: d.width for k, d in sheet.column_dimensions.items()},
            "frozen": sheet.freeze_panes,
            "state": sheet.sheet_state,
            "merged": sorted(str(m) for m in sheet.merged_cells.ranges),
            "formats": [c.number_format for r in sheet.iter_rows(max_row=3) for c in r],
        }
    return shot


OWN_NOTE = "Het kind werd gevraagd te kiezen; dat zagen we in de sessie."


def judged_workbook(path: Path) -> dict[str, str]:
    """The filled template, reviewed, with verdicts as a group would give them: the first flag
    confirmed, the second rejected, the third adjusted, the rest open, and a pattern of the
    facilitator's own on E2.  Returns flag id -> verdict (``open`` for the rest)."""
    filled_template(path)
    result = run_cli("review", path)
    assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(path)
    sheet = book["Beoordeling"]
    given = dict(
        zip(
            ("bevestigd", "verworpen", "aangepast"),
            (
                ("Herkend: zo ging het.", "voorbereiding"),
                ("Geen nood: dit was afgesproken.", "sessie"),
                ("Het besluit kwam na overleg met de school, niet alleen na het alarm.", "sessie"),
            ),
        )
    )
    verdicts = {}
    for row, verdict in zip(
        sheet.iter_rows(min_row=2), ("bevestigd", "verworpen", "aangepast", None, None, None)
    ):
        verdicts[row[0].value] = {
            "bevestigd": "confirmed",
            "verworpen": "rejected",
            "aangepast": "adjusted",
            None: "open",
        }[verdict]
        if verdict:
            row[4].value, (row[5].value, row[6].value) = verdict, given[verdict]
    sheet.append([None, "child_in_the_middle", "E2", None, None, OWN_NOTE, "sessie"])
    book.save(path)
    return verdicts


LESSONS = [
    ["L1", "Eerst samen analyseren, dan pas besluiten.", "analyse", "keten"],
    [
        "L2",
        "Een klacht over een hulpverlener bespreken met de ouder zelf.",
        "samenwerking",
        "beleid",
    ],
]
ACTIONS = [
    [
        "A1",
        "Gedeelde analyse als vaste stap in het werkproces.",
        "Gemeente (toegang)",
        datetime(2027, 3, 1),
        "L1",
        "loopt",
    ],
    ["A2", "Training meervoudige partijdigheid.", "Opleiders", "2027", "L1, L2", None],
]


def recorded_workbook(path: Path) -> dict[str, str]:
    """:func:`judged_workbook` with the lessons and actions of the session filled in."""
    verdicts = judged_workbook(path)
    book = openpyxl.load_workbook(path)
    for row in LESSONS:
        book["Lessen"].append(row)
    for row in ACTIONS:
        book["Acties"].append(row)
    book.save(path)
    return verdicts
