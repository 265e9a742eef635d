"""The words every part of the report shares: dates as text, event references and quotes, the lanes
of the timeline, names of ties and actors, numbers.

The bottom of the report package: the sections and the figures import it, it imports none of them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..messages import Messages
from ..model import Case, Event, PartialDate
from ..schema import term_name

CATEGORIES = ("family", "professional", "legal")
_OWN_KINDS = ("copresence", "handover", "decision_about")


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def day_text(day: date) -> str:
    """A day as the report writes it: ``24-11-2026`` (as a :class:`~retro.model.PartialDate`
    prints)."""
    return str(PartialDate(day))


def month_text(day: date) -> str:
    """The month of a day as the report writes it: ``11-2026``."""
    return str(PartialDate(day, "month"))


def lanes(case: Case) -> list[str]:
    """Actor ids that take part in an event, grouped family, professionals, legal (workbook order
    within)."""
    used = {a for e in case.events for a in e.participants}
    return [a.id for c in CATEGORIES for a in case.actors_in(c) if a.id in used]


def event_ref(event: Event, number: int) -> dict[str, Any]:
    """A short reference to one event: its row anchor, id and date."""
    return {"n": number, "anchor": f"ev-{number}", "id": event.id, "date": str(event.date)}


def event_quote(case: Case, number: int, lang: str) -> dict[str, Any]:
    """An event as quoted evidence: reference, type, who and what."""
    event = case.events[number]
    return {
        **event_ref(event, number),
        "type_name": term_name("event_type", event.type, lang),
        "actor": event.actor,
        "with": ", ".join(event.with_actors),
        "description": event.description,
    }


def decimal(value: float, msg: Messages, digits: int = 2) -> str:
    """A number with ``digits`` decimals, with the decimal mark of the reader's language (``0,53``);
    with one digit, a whole number is written without decimals (``3``, ``4,5``)."""
    text = f"{value:.{digits}f}"
    if digits == 1 and text.endswith(".0"):
        text = text[:-2]
    return text.replace(".", msg("report.decimal_mark"))


def tie_name(kind: str, lang: str, msg: Messages) -> str:
    """Display name of an edge kind of the actor graph."""
    if kind in _OWN_KINDS:
        return msg(f"report.network.kinds.{kind}")
    return capitalised(term_name("relation_kind", kind, lang))


def who(case_actor_id: str, role: str, lang: str) -> str:
    """An actor as a sentence names it: ``JB (jeugdbescherming)``, or just ``Casusregisseur`` when
    id and role agree."""
    name = term_name("role", role, lang)
    return (
        case_actor_id
        if case_actor_id.casefold().startswith(name.casefold())
        else f"{case_actor_id} ({name})"
    )
