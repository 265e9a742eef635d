"""Known-answer cases built in code: short timelines whose right answer can be checked on paper."""

from __future__ import annotations

from datetime import date
from typing import Any

from retro import analyse
from retro.analysis.findings import Flag
from retro.config import load_config
from retro.model import Actor, Case, CaseMeta, Event, PartialDate, Relation

ACTORS = (
    Actor("Moeder", "parent"),
    Actor("Vader", "parent"),
    Actor("Kind", "child"),
    Actor("Regie", "case_director", framework="voluntary"),
    Actor("Hulp", "youth_care", framework="voluntary"),
    Actor("Therapeut", "therapist"),
    Actor("School", "school"),
    Actor("JB", "child_protection", framework="compulsory"),
    Actor("Raad", "child_protection_board"),
    Actor("Rechtbank", "court"),
    Actor("AdvMoeder", "lawyer", side="Moeder"),
    Actor("Oma", "family", side="Moeder"),
    Actor("Hulp2", "youth_care", organisation="Tweede lijn"),
    Actor("Hulp3", "youth_care", organisation="Tweede lijn"),
    Actor("Coach", "youth_care"),
    Actor("Mediator", "mediator"),
    Actor("VT", "safe_home"),
)


def event(
    ident: str,
    day: str,
    kind: str,
    actor: str,
    with_: str = "",
    *,
    basis: str | None = None,
    decision: bool = False,
    text: str = "",
    sides_with: str | None = None,
) -> Event:
    """``event("E1", "2023-03-01", "escalation", "Moeder", "Hulp")``; ``day`` may be ``2023-03`` (a
    month)."""
    when = (
        PartialDate(date.fromisoformat(day + "-01"), "month")
        if len(day) == 7
        else PartialDate(date.fromisoformat(day))
    )
    return Event(
        ident,
        when,
        kind,
        actor,
        text or f"Gebeurtenis {ident}.",
        with_actors=tuple(a for a in with_.split(",") if a),
        decision=decision or kind == "decision",
        basis=basis,
        sides_with=sides_with,
        row=int("".join(c for c in ident if c.isdigit()) or 0) + 1,
    )


def case(*events: Event, relations: tuple[Relation, ...] = (), session: str | None = None) -> Case:
    meta = CaseMeta(
        title="Testcasus",
        session_date=PartialDate(date.fromisoformat(session)) if session else None,
    )
    return Case(
        meta, ACTORS, tuple(sorted(events, key=lambda e: (e.start, e.row))), relations=relations
    )


def flags_of(c: Case, kind: str, **overrides: Any) -> list[Flag]:
    """The flags of one kind, with ``[analysis]`` settings overridden
    (``offer_after_offer={"min_rounds": 2}``)."""
    config = load_config(overrides={"analysis": overrides} if overrides else None)
    return [f for f in analyse(c, config).flags if f.kind == kind]


def only(c: Case, kind: str, rule: str, **overrides: Any) -> Flag:
    """The one flag of ``kind`` with ``rule`` (fails when there is none or more than one)."""
    [flag] = [f for f in flags_of(c, kind, **overrides) if f.rule == rule]
    return flag


def rules(c: Case, kind: str, **overrides: Any) -> list[str]:
    return [f.rule for f in flags_of(c, kind, **overrides)]
