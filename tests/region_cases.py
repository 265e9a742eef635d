"""Workbooks for the regional export tests: the sample cases with personal data planted in them.

Every sample case is copied with openpyxl and given names, an organisation, a street address, a
postcode, phone numbers, an e-mail address, a valid BSN and exact dates: in actor names and
organisations, in the title, in every timeline description, in the lessons, and in the file name.
:func:`sensitive_strings` lists everything that must never appear in an export."""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl

import retro
from retro.region.anonymise import AnonymousCase, CaseCode, CaseMeasures
from retro.region.scrub_rules import is_bsn
from tests.conftest import SAMPLES, sample_paths

FAMILIES = ("Zwanenburg", "Vlietstra", "Hoogerwerf", "Brinkgreve")
BSN = "111222333"
assert is_bsn(BSN)  # a valid one, so the scrubber must call it a BSN, not just a number


def sheet_rows(path: Path, sheet: str) -> list[tuple[Any, ...]]:
    """Every row of one sheet of a written workbook, as values."""
    return list(openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True))


def record(
    number: int,
    *,
    year: int = 2020,
    professionals: int = 6,
    court: int | None = None,
    move: int | None = None,
    patterns: tuple[int, ...] = (0,) * len(retro.FLAG_KINDS),
    by_month: tuple[int, ...] = (1, 2),
) -> AnonymousCase:
    """An anonymous record made by hand (no workbook), for the rules of what the overview may
    show."""
    measures = CaseMeasures(
        events=30,
        months=24,
        professionals=professionals,
        max_professionals=0,
        handovers=7,
        court_moments=1 if court is not None else 0,
        months_to_first_court=court,
        compulsory_move_month=move,
        professionals_by_month=by_month,
    )
    return AnonymousCase(CaseCode(number), year, measures, patterns)


def planted(family: str) -> dict[str, str]:
    return {
        "mother": f"Wilhelmina {family}",
        "father": f"Theodorus {family}-Achterhoek",
        "organisation": f"Stichting Kleinbeek {family}zorg",
        "street": "Kerkstraat 14",
        "postcode": "7551 AB",
        "phone": "06-12345678",
        "phone_intl": "+31 6 2345 6789",
        "email": f"w.{family.lower()}@voorbeeld.nl",
        "bsn": BSN,
        "date": "12-03-2021",
        "long_date": "3 maart 2021",
        "stranger": "Gijsbertus Knoppersma",
        "known_name": "Pieter de Jong",
        "title": f"Familie {family}, Kerkstraat 14 Hengelo (12-03-2021)",
    }


def _lessons(p: dict[str, str]) -> list[list[str]]:
    return [
        [
            "P1",
            f"Na het gesprek met {p['mother']} ({p['street']}, {p['postcode']} Hengelo, tel. {p['phone']}, "
            f"{p['email']}, BSN {p['bsn']}) op {p['date']} besloot {p['organisation']} te snel.",
            "casusregie",
            "keten",
        ],
        [
            "P2",
            f"Bel {p['father']} niet op {p['phone_intl']}; overleg op {p['long_date']} met {p['stranger']} "
            f"en {p['known_name']} liep vast.",
            f"samenwerking {p['mother']}",
            "beleid",
        ],
        ["P3", "=SOM(1+1) eerst stilstaan", "formules", "keten"],
        ["P4", "+ eerder een gedeelde analyse", "formules", "keten"],
        ["P5", "-niet te veel hulpverleners", "formules", "keten"],
        ["P6", "@iedereen: houd het klein en nuchter", "formules", "keten"],
    ]


def plant(sample: Path, target: Path, family: str) -> Path:
    """A copy of a sample case with personal data planted in every sheet that holds text."""
    p = planted(family)
    book = openpyxl.load_workbook(sample)
    for row in book["Casus"].iter_rows(min_row=2):
        if row[0].value == "titel":
            row[1].value = p["title"]
    actors = book["Betrokkenen"]
    for row in actors.iter_rows(min_row=2):
        ident, role = row[0].value, row[2].value
        if ident == "Moeder":
            row[1].value = p["mother"]
        elif ident == "Vader":
            row[1].value = p["father"]
        elif role in ("jeugdhulp", "jeugdbescherming", "casusregisseur"):
            row[3].value = p["organisation"]
    timeline = book["Tijdlijn"]
    description = [c.value for c in timeline[1]].index("omschrijving")
    for row in timeline.iter_rows(min_row=2):
        if row[description].value:
            row[
                description
            ].value = f"{row[description].value} {p['mother']} belde vanaf {p['street']} ({p['phone']}, {p['email']}) op {p['date']}."
    lessons = book["Lessen"]
    for lesson in _lessons(p):
        lessons.append(lesson)
        for cell in lessons[lessons.max_row]:
            cell.data_type = "s"  # typed as text in Excel ('=...), not a formula
    book.save(target)
    return target


def planted_folder(folder: Path) -> Path:
    """The four planted sample cases, a broken file, an invalid workbook and a duplicate, in one
    folder."""
    folder.mkdir(parents=True, exist_ok=True)
    samples = sample_paths()
    for sample, family in zip(samples, FAMILIES):
        plant(sample, folder / f"casus-{family}-12-03-2021.xlsx", family)
    (folder / "kapot-Vlonderhout.xlsx").write_bytes(b"dit is geen werkmap van familie Vlonderhout")
    invalid = plant(samples[0], folder / "fouten-Knoppersma.xlsx", "Knoppersmeer")
    book = openpyxl.load_workbook(invalid)
    book["Tijdlijn"]["D2"].value = "OnbekendeActor"
    book.save(invalid)
    duplicate = folder / "subfolder"
    duplicate.mkdir(exist_ok=True)
    (duplicate / f"kopie-{FAMILIES[0]}.xlsx").write_bytes(
        (folder / f"casus-{FAMILIES[0]}-12-03-2021.xlsx").read_bytes()
    )
    return folder


def sensitive_strings(folder: Path) -> set[str]:
    """Everything personal in the workbooks of ``folder``: planted strings, names and their parts,
    organisations, titles, descriptions, lesson originals and file names."""
    found: set[str] = set()
    for family in (*FAMILIES, "Knoppersmeer", "Vlonderhout"):
        found |= {v for k, v in planted(family).items()}
        found |= {
            family,
            "Wilhelmina",
            "Theodorus",
            "Achterhoek",
            "Kleinbeek",
            "Gijsbertus",
            "Knoppersma",
            "Kerkstraat",
            "12345678",
            "2345 6789",
            "voorbeeld.nl",
            "Pieter",
        }
    for path in [*folder.rglob("*.xlsx"), *sample_paths()]:
        if path.parent != SAMPLES:
            found |= {path.name, path.stem}
        try:
            book = openpyxl.load_workbook(path, read_only=True)
        except Exception:  # the broken file
            continue
        for row in book["Betrokkenen"].iter_rows(min_row=2, values_only=True):
            name, organisation = row[1], row[3]
            if name:
                found.add(name)
                found |= {
                    part
                    for part in name.replace("-", " ").split()
                    if len(part) >= 3 and part[0].isupper()
                }
            if organisation:
                found.add(organisation)
        rows = book["Tijdlijn"].iter_rows(values_only=True)
        description = list(next(rows)).index("omschrijving")
        found |= {row[description] for row in rows if row[description]}
        for row in book["Casus"].iter_rows(min_row=2, values_only=True):
            if row[0] in ("titel", "procesbegeleider", "gemeente") and row[1]:
                found.add(str(row[1]))
        book.close()
    return found


def exported_texts(outdir: Path, plotly_bundle: str) -> dict[str, str]:
    """Every exported file as text: the HTML without the plotly.js library, each XML part of the
    workbook."""
    page = (outdir / "regio.html").read_text("utf-8")
    assert page.count(plotly_bundle) == 1
    texts = {"regio.html": html.unescape(page.replace(plotly_bundle, ""))}
    with zipfile.ZipFile(outdir / "regio.xlsx") as archive:
        for name in archive.namelist():
            texts[f"regio.xlsx:{name}"] = html.unescape(archive.read(name).decode("utf-8"))
    return texts


def built_once(tmp_path_factory, worker_id: str, name: str, build) -> Path:
    """``build(folder)`` run once per test session, even with pytest-xdist's workers (they share a
    lock and a folder), so that an export loading deduce does not run once per worker."""
    import fcntl
    import json

    root = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        root = root.parent  # the folder every worker's base folder is in
    folder = root / name
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = folder / "built.json"
        if not done.exists():
            folder.mkdir(parents=True, exist_ok=True)
            result = build(folder)
            done.write_text(json.dumps(result))
    return folder


def unplanted(sample: Path, target: Path, *, compulsory: bool, title: str | None = None) -> Path:
    """A copy of a sample case without lessons (so an export of it needs no scrubbing) and without
    the actions that follow from them, whose compulsory framework is voluntary when ``compulsory``
    is false (then it never moves there); ``title`` makes a copy with other bytes, so another
    case."""
    book = openpyxl.load_workbook(sample)
    for sheet in ("Lessen", "Acties"):
        book[sheet].delete_rows(2, book[sheet].max_row)
    for row in book["Betrokkenen"].iter_rows(min_row=2):
        if not compulsory and row[4].value == "gedwongen":
            row[4].value = "vrijwillig"
    for row in book["Casus"].iter_rows(min_row=2):
        if title and row[0].value == "titel":
            row[1].value = title
    book.save(target)
    return target


def six_cases(folder: Path) -> Path:
    """Six cases without lessons: the four samples and a second copy of ayla and rik; only hengelo
    and jip move to the compulsory framework."""
    folder.mkdir(parents=True, exist_ok=True)
    for sample in sample_paths():
        unplanted(sample, folder / sample.name, compulsory=sample.stem in ("hengelo", "jip"))
        if sample.stem in ("ayla", "rik"):
            unplanted(
                sample,
                folder / f"{sample.stem}-2.xlsx",
                compulsory=False,
                title=f"Tweede casus zoals {sample.stem}",
            )
    return folder


def plotly_figures(page: str) -> dict[str, tuple[list, dict]]:
    """Every plotly figure of a page by its div id: its traces and its layout, as the browser gets
    them."""
    import json

    figures = {}
    pattern = (
        r'<script type="application/json" class="retro-figure" data-for="([^"]+)">(.*?)</script>'
    )
    for match in re.finditer(pattern, page, re.DOTALL):
        figure = json.loads(match.group(2))
        figures[match.group(1)] = (figure["data"], figure["layout"])
    return figures
