"""Synthetic case workbooks for benchmarks (not for tests: tests use real sample cases and
fixtures).

``synthetic_workbook(path, events)`` writes a valid case of any size in openpyxl's streaming mode;
with ``wordy=True`` every description is a paragraph (about 300 to 1,500 characters) and there are
forty professionals besides the family, the case that makes a report grow fastest.  Benchmarks of
every feature build their input with it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

TYPES = ["gesprek", "mdo", "besluit", "aanbod", "contact", "escalatie", "juridisch", "kindgesprek"]
ACTORS = [
    ("Moeder", "ouder"),
    ("Vader", "ouder"),
    ("Kind", "kind"),
    ("JB", "jeugdbescherming"),
    ("Casusregisseur", "casusregisseur"),
    ("Jeugdhulp", "jeugdhulp"),
    ("School", "school"),
    ("Rechtbank", "rechtbank"),
]


# the wordy case: more professionals, each of these roles numbered (Jeugdhulp1 ... Jeugdhulp8)
WORDY_ROLES = ("jeugdbescherming", "casusregisseur", "jeugdhulp", "therapeut", "wijkteam")
SENTENCES = (
    "Het gesprek ging over de omgang en over wat de kinderen zelf hebben aangegeven.",
    "Moeder vertelt dat de overdracht op vrijdag opnieuw uit de hand liep bij school.",
    "Vader wil dat de afspraken uit het ouderschapsplan worden nageleefd en overweegt een advocaat.",
    "De hulpverlener legt uit welke stappen het team de komende weken wil zetten.",
    "Er is afgesproken dat de casusregisseur contact opneemt met de jeugdbeschermer.",
    "De school meldt dat het kind onrustig is en vaak moe in de klas zit.",
    "In het overleg is geen besluit genomen; het punt komt terug in het volgende MDO.",
)


def _actors(wordy: bool) -> list[tuple[str, str]]:
    if not wordy:
        return ACTORS
    numbered = [(f"{role.capitalize()}{n}", role) for role in WORDY_ROLES for n in range(1, 9)]
    return [*ACTORS[:3], *numbered, ("Rechtbank", "rechtbank")]


def _description(i: int, wordy: bool) -> str:
    if not wordy:
        return f"Gebeurtenis {i + 1} in de casus."
    count = 4 + (i * 7) % 17  # 4 to 20 sentences: about 300 to 1,500 characters
    return f"Gebeurtenis {i + 1}. " + " ".join(
        SENTENCES[(i + k) % len(SENTENCES)] for k in range(count)
    )


def synthetic_workbook(path: Path, events: int, *, wordy: bool = False) -> Path:
    """A valid case workbook with ``events`` timeline rows over ten years; ``wordy``: long
    descriptions and forty professionals."""
    book = Workbook(write_only=True)
    actors = book.create_sheet("Betrokkenen")
    actors.append(["id", "rol"])
    cast = _actors(wordy)
    for ident, role in cast:
        actors.append([ident, role])
    professionals = [ident for ident, _ in cast[3:]]
    timeline = book.create_sheet("Tijdlijn")
    timeline.append(["id", "datum", "type", "wie", "met", "omschrijving", "aanleiding", "bron"])
    start = date(2015, 1, 1)
    for i in range(events):
        kind = TYPES[i % len(TYPES)]
        day = start + timedelta(days=i * 3650 // max(events, 1))
        timeline.append(
            [
                f"E{i + 1}",
                day.strftime("%d-%m-%Y") if i % 2 else day,
                kind,
                professionals[i * 7 % len(professionals)] if wordy else ACTORS[3 + i % 4][0],
                "Moeder, Vader" if i % 3 else "Kind",
                _description(i, wordy),
                "plan" if kind == "besluit" else None,
                "dossier",
            ]
        )
    book.save(path)
    return path


# --- Realistic synthetic cases (regional export benchmark) -------------------------------------
# Fictional names, organisations and texts, drawn with a seeded random generator: the same seed
# always gives the same workbook.

FIRST_NAMES = [
    "Anna",
    "Bram",
    "Sanne",
    "Daan",
    "Fatima",
    "Mohamed",
    "Lotte",
    "Sem",
    "Eva",
    "Noah",
    "Yara",
    "Lucas",
    "Ingrid",
    "Erwin",
    "Priya",
    "Youssef",
    "Merel",
    "Jurre",
    "Esther",
    "Kees",
    "Nadia",
    "Joost",
    "Ilse",
    "Bas",
]
SURNAMES = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "El Amrani",
    "Yilmaz",
    "van Dijk",
    "Mulder",
    "Kuipers",
    "Oldenhof",
    "Wessels",
    "Brouwer",
    "Nijenhuis",
    "Scholten",
    "Bulut",
    "ten Hove",
    "Lammers",
    "Hofstede",
]
PLACES = [
    "Hengelo",
    "Enschede",
    "Almelo",
    "Borne",
    "Deventer",
    "Zwolle",
    "Apeldoorn",
    "Veenoord",
    "Oldenzaal",
    "Haaksbergen",
]
PROFESSIONALS = [
    ("Casusregisseur", "casusregisseur", "Gemeentelijke Toegang {place}", "vrijwillig"),
    ("Wijkteam", "wijkteam", "Wijkteam {place}-Noord", "vrijwillig"),
    ("JB", "jeugdbescherming", "Jeugdbescherming {place} Oost", "gedwongen"),
    ("Jeugdhulp", "jeugdhulp", "Jeugdhulp {place}", "vrijwillig"),
    ("Therapeut", "therapeut", "Praktijk De Linde {place}", "vrijwillig"),
    ("School", "school", "Basisschool De Esrand {place}", None),
    ("Huisarts", "huisarts", "Huisartsenpraktijk {place}", None),
    ("Mediator", "mediator", "Mediation {place}", None),
    ("Jeugdhulp2", "jeugdhulp", "Stichting Omgang Plus {place}", "vrijwillig"),
    ("VT", "veilig thuis", "Veilig Thuis {place}", None),
]
EVENT_TYPES = [
    ("gesprek", 30),
    ("mdo", 8),
    ("besluit", 8),
    ("aanbod", 8),
    ("contact", 12),
    ("contactbreuk", 4),
    ("escalatie", 6),
    ("melding", 2),
    ("juridisch", 5),
    ("klacht", 3),
    ("kindgesprek", 4),
    ("overdracht", 2),
    ("analyse", 3),
    ("aanmelding", 2),
    ("overig", 3),
]
LESSONS = [
    "Sta eerst stil: een gedragen brede analyse met alle partijen gaat voor nieuw aanbod.",
    "Eén spil vanaf de start, meervoudig partijdig, die de koers bewaakt.",
    "Houd het klein en nuchter: niet te veel hulpverleners tegelijk, met duidelijke rollen.",
    "Een besluit om de omgang te stoppen hoort bij de regiehouder, niet bij de uitvoerder op een alarm.",
    "Spreek beide ouders even vaak en even serieus, ook als {first} veel bewijs aandraagt.",
    "Na het gesprek met {first} {surname} op {day} in {place} had {org} eerder stelling moeten nemen.",
    "Bel {first} niet meer op {phone}; laat de regiehouder het contact houden.",
    "Luisteren naar {child} betekent niet dat {child} beslist.",
]
THEMES = [
    ("analyse", "keten"),
    ("casusregie", "beleid"),
    ("samenwerking", "inkoop"),
    ("ad hoc besluiten", "keten"),
    ("meervoudige partijdigheid", "opleiders"),
    ("stelling nemen", "jeugdbescherming"),
    ("kind in het midden", "keten"),
]


def _weighted_types(rng) -> list[str]:
    return rng.choices([t for t, _ in EVENT_TYPES], weights=[w for _, w in EVENT_TYPES], k=1)


def realistic_case(path: Path, seed: int, events: int = 200) -> Path:
    """A valid, realistic fictional case: named family and professionals, ~``events`` timeline rows,
    lessons."""
    import random

    rng = random.Random(seed)
    surname, place = rng.choice(SURNAMES), rng.choice(PLACES)
    family = [
        ("Moeder", f"{rng.choice(FIRST_NAMES)} {surname}", "ouder", None, None, None),
        ("Vader", f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}", "ouder", None, None, None),
        ("Kind", f"{rng.choice(FIRST_NAMES)} {surname}", "kind", None, None, None),
        ("Oma", f"{rng.choice(FIRST_NAMES)} {surname}", "familie", None, None, "Moeder"),
    ]
    chosen = rng.sample(PROFESSIONALS, rng.randint(4, len(PROFESSIONALS)))
    professionals = [
        (
            ident,
            f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
            role,
            org.format(place=place),
            kader,
            None,
        )
        for ident, role, org, kader in chosen
    ]
    legal = [
        ("Rechtbank", None, "rechtbank", "Rechtbank Overijssel", None, None),
        (
            "AdvMoeder",
            f"mr. {rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
            "advocaat",
            None,
            None,
            "Moeder",
        ),
    ]
    actors = family + professionals + legal
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Casus")
    sheet.append(["veld", "waarde"])
    for field, value in (
        ("titel", f"Familie {surname} ({place})"),
        ("regio", "Twente"),
        ("gemeente", place),
        ("procesbegeleider", f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"),
    ):
        sheet.append([field, value])
    sheet = book.create_sheet("Betrokkenen")
    sheet.append(["id", "naam", "rol", "organisatie", "kader", "kant"])
    for row in actors:
        sheet.append(list(row))
    start = date(rng.randint(2015, 2022), rng.randint(1, 12), rng.randint(1, 28))
    days = rng.randint(500, 2500)
    sheet = book.create_sheet("Tijdlijn")
    sheet.append(
        ["id", "datum", "type", "wie", "met", "omschrijving", "besluit", "aanleiding", "bron"]
    )
    pros = [a[0] for a in professionals]
    for i, offset in enumerate(sorted(rng.randrange(days) for _ in range(events))):
        kind = _weighted_types(rng)[0]
        actor = (
            "Rechtbank"
            if kind == "juridisch"
            else rng.choice(
                ["Moeder", "Vader"] if kind in ("klacht", "melding", "escalatie") else pros
            )
        )
        others = rng.sample([a[0] for a in actors if a[0] != actor], rng.randint(1, 3))
        day = start + timedelta(days=offset)
        text = f"{day:%d-%m-%Y}: {rng.choice(FIRST_NAMES)} spreekt met {surname} over de omgang ({kind})."
        sheet.append(
            [
                f"E{i + 1}",
                day,
                kind,
                actor,
                ", ".join(others),
                text,
                "ja" if kind == "besluit" else None,
                rng.choice(["plan", "nood", "druk", "analyse"]) if kind == "besluit" else None,
                "dossier",
            ]
        )
    sheet = book.create_sheet("Lessen")
    sheet.append(["id", "les", "thema", "voor wie"])
    for n in range(rng.randint(2, 5)):
        theme, audience = rng.choice(THEMES)
        text = rng.choice(LESSONS).format(
            first=family[0][1].split()[0],
            surname=surname,
            child=family[2][1].split()[0],
            day=f"{rng.randint(1, 28)}-{rng.randint(1, 12)}-20{rng.randint(15, 23)}",
            place=place,
            org=professionals[0][3],
            phone=f"06-{rng.randrange(10**8):08d}",
        )
        sheet.append([f"L{n + 1}", text, theme, audience])
    book.save(path)
    return path
