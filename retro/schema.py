"""The workbook contract as data: sheets, columns and vocabularies.

One source for the reader, the validator, the template writer and the docs
(``../shared/docs/case-format.md``).  Every name has a Dutch form (what the template writes) and an
English alias; matching is case-insensitive and ignores surrounding spaces and the difference
between ``_``, ``-`` and a space.

Inside ``retro`` every vocabulary value is held by its *key*, which is the English alias
(``case_director``, ``urgency``); the Dutch and English names are only for reading and writing
workbooks and for display."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

_SEPARATORS = re.compile(r"[\s_\-]+")


def normalise(text: object) -> str:
    """Fold a header or vocabulary value for matching: ``' Kiest_kant-van '`` -> ``'kiest kant
    van'``."""
    return _folded(str(text))


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    """:func:`normalise` of a text, remembered: a workbook repeats its ids and vocabulary values
    in every row."""
    return _SEPARATORS.sub(" ", text).strip().casefold()


@dataclass(frozen=True, slots=True)
class Term:
    """One vocabulary value: its key, Dutch name and English name."""

    key: str
    nl: str
    en: str

    def name(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a sheet. ``vocabulary`` names a vocabulary in :data:`VOCABULARIES`."""

    key: str
    nl: str
    en: str
    required: bool = False
    # text | date | actor | actors | vocabulary | questions | events | lessons | minutes
    kind: str = "text"
    vocabulary: str | None = None

    def name(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


@dataclass(frozen=True, slots=True)
class Sheet:
    key: str
    nl: str
    en: str
    required: bool
    columns: tuple[Column, ...]

    def name(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en

    def column(self, key: str) -> Column:
        return _columns_by_key(self)[key]

    def __hash__(self) -> int:
        """By the key alone (equal sheets have equal keys): the column look-ups are cached per
        sheet and run for every cell, and the hash a dataclass writes hashes every column."""
        return hash(self.key)


def _terms(*rows: tuple[str, str, str]) -> tuple[Term, ...]:
    return tuple(Term(*row) for row in rows)


ROLE_CATEGORY: dict[str, str] = {
    "parent": "family",
    "child": "family",
    "family": "family",
    "new_partner": "family",
    "case_director": "professional",
    "community_team": "professional",
    "child_protection": "professional",
    "child_protection_board": "professional",
    "youth_care": "professional",
    "therapist": "professional",
    "school": "professional",
    "gp": "professional",
    "safe_home": "professional",
    "police": "professional",
    "mediator": "professional",
    "child_advocate": "professional",
    "guardian_ad_litem": "professional",
    "professional": "professional",
    "court": "legal",
    "lawyer": "legal",
}

VOCABULARIES: dict[str, tuple[Term, ...]] = {
    "role": _terms(
        ("parent", "ouder", "parent"),
        ("child", "kind", "child"),
        ("family", "familie", "family"),
        ("new_partner", "nieuwe partner", "new_partner"),
        ("case_director", "casusregisseur", "case_director"),
        ("community_team", "wijkteam", "community_team"),
        ("child_protection", "jeugdbescherming", "child_protection"),
        ("child_protection_board", "raad", "child_protection_board"),
        ("youth_care", "jeugdhulp", "youth_care"),
        ("therapist", "therapeut", "therapist"),
        ("school", "school", "school"),
        ("gp", "huisarts", "gp"),
        ("safe_home", "veilig thuis", "safe_home"),
        ("police", "politie", "police"),
        ("mediator", "mediator", "mediator"),
        ("child_advocate", "kindbehartiger", "child_advocate"),
        ("guardian_ad_litem", "curator", "guardian_ad_litem"),
        ("professional", "professional", "professional"),
        ("court", "rechtbank", "court"),
        ("lawyer", "advocaat", "lawyer"),
    ),
    "event_type": _terms(
        ("referral", "aanmelding", "referral"),
        ("handover", "overdracht", "handover"),
        ("meeting", "gesprek", "meeting"),
        ("case_conference", "mdo", "case_conference"),
        ("analysis", "analyse", "analysis"),
        ("decision", "besluit", "decision"),
        ("intervention", "aanbod", "intervention"),
        ("contact", "contact", "contact"),
        ("contact_break", "contactbreuk", "contact_break"),
        ("escalation", "escalatie", "escalation"),
        ("report", "melding", "report"),
        ("legal", "juridisch", "legal"),
        ("complaint", "klacht", "complaint"),
        ("child_interview", "kindgesprek", "child_interview"),
        ("closure", "afsluiting", "closure"),
        ("other", "overig", "other"),
    ),
    "basis": _terms(
        ("plan", "plan", "plan"),
        ("analysis", "analyse", "analysis"),
        ("urgency", "nood", "urgency"),
        ("crisis", "crisis", "crisis"),
        ("pressure", "druk", "pressure"),
        ("ruling", "uitspraak", "ruling"),
        ("request", "verzoek", "request"),
        ("unknown", "onbekend", "unknown"),
    ),
    "framework": _terms(
        ("voluntary", "vrijwillig", "voluntary"),
        ("compulsory", "gedwongen", "compulsory"),
    ),
    "yes_no": _terms(
        ("yes", "ja", "yes"),
        ("no", "nee", "no"),
    ),
    "relation_kind": _terms(
        ("cooperation", "samenwerking", "cooperation"),
        ("conflict", "conflict", "conflict"),
        ("assignment", "opdracht", "assignment"),
        ("referral", "verwijzing", "referral"),
        ("represents", "vertegenwoordigt", "represents"),
    ),
    "verdict": _terms(
        ("open", "open", "open"),
        ("confirmed", "bevestigd", "confirmed"),
        ("adjusted", "aangepast", "adjusted"),
        ("rejected", "verworpen", "rejected"),
    ),
    "stage": _terms(
        ("preparation", "voorbereiding", "preparation"),
        ("session", "sessie", "session"),
    ),
    "action_status": _terms(
        ("open", "open", "open"),
        ("in_progress", "loopt", "in_progress"),
        ("done", "klaar", "done"),
    ),
    "case_field": _terms(
        ("title", "titel", "title"),
        ("region", "regio", "region"),
        ("municipality", "gemeente", "municipality"),
        ("facilitator", "procesbegeleider", "facilitator"),
        ("session_date", "sessiedatum", "session_date"),
        ("language", "taal", "language"),
    ),
}

# Accepted on input on top of the Dutch and English names (``retro`` may accept more).
EXTRA_ALIASES: dict[str, dict[str, str]] = {
    "yes_no": {
        "j": "yes",
        "y": "yes",
        "n": "no",
        "waar": "yes",
        "onwaar": "no",
        "true": "yes",
        "false": "no",
        "1": "yes",
        "0": "no",
        "x": "yes",
    },
    "event_type": {"multidisciplinair overleg": "case_conference", "zitting": "legal"},
    "role": {
        "jeugdbeschermer": "child_protection",
        "gi": "child_protection",
        "raad voor de kinderbescherming": "child_protection_board",
        "rechter": "court",
        "bijzondere curator": "guardian_ad_litem",
    },
    "action_status": {"bezig": "in_progress", "afgerond": "done", "gedaan": "done"},
}

SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "case",
        "Casus",
        "Case",
        False,
        (
            Column("field", "veld", "field", True),
            Column("value", "waarde", "value", True),
        ),
    ),
    Sheet(
        "actors",
        "Betrokkenen",
        "Actors",
        True,
        (
            Column("id", "id", "id", True),
            Column("name", "naam", "name"),
            Column("role", "rol", "role", True, "vocabulary", "role"),
            Column("organisation", "organisatie", "organisation"),
            Column("framework", "kader", "framework", False, "vocabulary", "framework"),
            Column("side", "kant", "side", False, "actor"),
            Column(
                "direction", "regie", "case_direction", False, "vocabulary", "yes_no"
            ),  # newest last
        ),
    ),
    Sheet(
        "timeline",
        "Tijdlijn",
        "Timeline",
        True,
        (
            Column("id", "id", "id"),
            Column("date", "datum", "date", True, "date"),
            Column("end_date", "einddatum", "end_date", False, "date"),
            Column("type", "type", "type", True, "vocabulary", "event_type"),
            Column("actor", "wie", "actor", True, "actor"),
            Column("with", "met", "with", False, "actors"),
            Column("description", "omschrijving", "description", True),
            Column("decision", "besluit", "decision", False, "vocabulary", "yes_no"),
            Column("basis", "aanleiding", "basis", False, "vocabulary", "basis"),
            Column("sides_with", "kiest kant van", "sides_with", False, "actor"),
            Column("question", "leervraag", "question", False, "questions"),
            Column("source", "bron", "source"),
            Column("goal", "doel", "goal"),  # newest last: older writers keep their column order
        ),
    ),
    Sheet(
        "questions",
        "Leervragen",
        "Questions",
        False,
        (
            Column("id", "id", "id", True),
            Column("question", "vraag", "question", True),
            Column("asked_by", "van", "asked_by"),
            Column("minutes", "minuten", "minutes", False, "minutes"),
        ),
    ),
    Sheet(
        "relations",
        "Relaties",
        "Relations",
        False,
        (
            Column("from", "van", "from", True, "actor"),
            Column("to", "naar", "to", True, "actor"),
            Column("kind", "soort", "kind", True, "vocabulary", "relation_kind"),
            Column("note", "toelichting", "note"),
        ),
    ),
    Sheet(
        "lessons",
        "Lessen",
        "Lessons",
        False,
        (
            Column("id", "id", "id"),
            Column("lesson", "les", "lesson", True),
            Column("theme", "thema", "theme"),
            Column("audience", "voor wie", "audience"),
        ),
    ),
    # Written by ``retro review`` (id, pattern, events, summary), judged by people (verdict, note,
    # stage); a row without a flag id is a facilitator's own pattern.
    Sheet(
        "review",
        "Beoordeling",
        "Review",
        False,
        (
            Column("id", "id", "id", True),
            Column("pattern", "patroon", "pattern", True),
            Column("events", "gebeurtenissen", "events", True, "events"),
            Column("summary", "samenvatting", "summary"),
            Column("verdict", "oordeel", "verdict", True, "vocabulary", "verdict"),
            Column("note", "toelichting", "note"),
            Column("stage", "wanneer", "stage", False, "vocabulary", "stage"),
        ),
    ),
    Sheet(
        "actions",
        "Acties",
        "Actions",
        False,
        (
            Column("id", "id", "id"),
            Column("action", "actie", "action", True),
            Column("owner", "eigenaar", "owner"),
            Column("due", "wanneer", "due", False, "date"),
            Column("lesson", "les", "lesson", False, "lessons"),
            Column("status", "status", "status", False, "vocabulary", "action_status"),
        ),
    ),
)

# The columns of the ``Beoordeling`` sheet that retro writes; people write the others.
REVIEW_RETRO_COLUMNS = ("id", "pattern", "events", "summary")

SHEETS_BY_KEY: dict[str, Sheet] = {s.key: s for s in SHEETS}

# Separators between ids in the ``met``/``with`` and ``leervraag``/``question`` columns.
LIST_SEPARATORS = re.compile(r"[,;]")


def sheet_by_name(name: object) -> Sheet | None:
    """The sheet a workbook sheet name stands for, by its Dutch or English name."""
    wanted = normalise(name)
    return next((s for s in SHEETS if wanted in (normalise(s.nl), normalise(s.en))), None)


def column_by_header(sheet: Sheet, header: object) -> Column | None:
    """The column a header stands for, by its Dutch or English name."""
    return _columns_by_header(sheet).get(normalise(header))


@cache
def _columns_by_key(sheet: Sheet) -> dict[str, Column]:
    return {c.key: c for c in reversed(sheet.columns)}  # the first of a key, as a search finds


@cache
def _columns_by_header(sheet: Sheet) -> dict[str, Column]:
    """A sheet's columns by their folded Dutch and English names (the first column of a name)."""
    found: dict[str, Column] = {}
    for c in sheet.columns:
        found.setdefault(normalise(c.nl), c)
        found.setdefault(normalise(c.en), c)
    return found


def _lookup(vocabulary: str) -> dict[str, str]:
    table = {}
    for term in VOCABULARIES[vocabulary]:
        table[normalise(term.nl)] = term.key
        table[normalise(term.en)] = term.key
        table[normalise(term.key)] = term.key
    table.update({normalise(k): v for k, v in EXTRA_ALIASES.get(vocabulary, {}).items()})
    return table


_LOOKUPS: dict[str, dict[str, str]] = {name: _lookup(name) for name in VOCABULARIES}


def term_key(vocabulary: str, value: object) -> str | None:
    """The key of a vocabulary value written in Dutch or English, or ``None``."""
    return _LOOKUPS[vocabulary].get(normalise(value))


def term(vocabulary: str, key: str) -> Term:
    return next(t for t in VOCABULARIES[vocabulary] if t.key == key)


def term_name(vocabulary: str, key: str, lang: str) -> str:
    """Display name of a vocabulary key in a language, for reading, not typing.

    ``term_name('role', 'court', 'nl')`` -> ``'rechtbank'``; ``term_name('event_type',
    'case_conference', 'en')`` -> ``'case conference'`` (the alias without its underscore).
    """
    return term(vocabulary, key).name(lang).replace("_", " ")


def accepted_names(vocabulary: str, lang: str) -> list[str]:
    """The names a user may type, in the language of the message first."""
    return [t.name(lang) for t in VOCABULARIES[vocabulary]]


def category(role_key: str) -> str:
    """``family``, ``professional`` or ``legal`` for a role key."""
    return ROLE_CATEGORY[role_key]
