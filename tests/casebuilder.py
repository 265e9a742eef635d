"""Known-answer cases built in code: short timelines whose right answer can be checked on paper."""

from __future__ import annotations

from datetime import date

from retro.model import Actor, Case, CaseMeta, Event, PartialDate

ACTORS = (
    Actor("Moeder", "parent"), Actor("Vader", "parent"), Actor("Kind", "child"),
    Actor("Regie", "case_director", framework="voluntary"), Actor("Hulp", "youth_care", framework="voluntary"),
    Actor("Therapeut", "therapist"), Actor("School", "school"),
)


def event(ident: str, day: str, kind: str, actor: str, with_: str = "", *, basis: str | None = None,
          decision: bool = False) -> Event:
    """``event("E1", "2023-03-01", "escalation", "Moeder", "Hulp")``."""
    return Event(ident, PartialDate(date.fromisoformat(day)), kind, actor, f"Gebeurtenis {ident}.",
                 with_actors=tuple(a for a in with_.split(",") if a), decision=decision or kind == "decision",
                 basis=basis, row=int(ident[1:]) + 1)


def case(*events: Event) -> Case:
    return Case(CaseMeta(title="Testcasus"), ACTORS, tuple(sorted(events, key=lambda e: (e.start, e.row))))
