"""Small helpers shared by detectors: who holds direction, which parent is present, who is on a
parent's side, merging repeats."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from weakref import WeakKeyDictionary

from ...model import Case, Event
from ..direction import holders_on
from ..findings import SEVERITY_RANK, Flag, Measures, Severity
from ..lexicon import Lexicon


def holders_at(measures: Measures, day: date) -> list[str]:
    """Who held case direction on ``day`` (:mod:`retro.analysis.direction`)."""
    return holders_on(measures.direction, day)


def is_professional(case: Case, actor_id: str) -> bool:
    return case.actor(actor_id).category == "professional"


def is_family(case: Case, actor_id: str) -> bool:
    return case.actor(actor_id).category == "family"


def parent_side(case: Case, actor_id: str) -> str | None:
    """The parent an actor stands for: a parent itself, or the parent of a family member or
    lawyer."""
    actor = case.actor(actor_id)
    if actor.role == "parent":
        return actor.id
    side = actor.side
    return (
        side if side and side in case.actors_by_id and case.actor(side).role == "parent" else None
    )


def one_sided(case: Case, event: Event) -> str | None:
    """The only parent whose side is present in the event, when the case has two parents or more."""
    return one_sided_events(case).get(event.id)


_ONE_SIDED: WeakKeyDictionary[Case, dict[str, str | None]] = WeakKeyDictionary()


def one_sided_events(case: Case) -> dict[str, str | None]:
    """Per event id, :func:`one_sided`: worked out once per case, in one pass (the parallel
    dynamic asks about each event several times; a pass over every event looks it up here once
    rather than once per event)."""
    if (known := _ONE_SIDED.get(case)) is not None:
        return known
    found: dict[str, str | None] = {}
    if len(case.parents) >= 2:
        side_of = {a.id: parent_side(case, a.id) for a in case.actors}
        for event, participants in zip(case.events, case.participants_per_event):
            sides = {s for a in participants if (s := side_of[a])}
            found[event.id] = sides.pop() if len(sides) == 1 else None
    _ONE_SIDED[case] = found
    return found


def on_parents_side(case: Case, actor_id: str) -> bool:
    """A parent, a family member, a new partner or a lawyer: the parties whose steps make an
    escalation."""
    actor = case.actor(actor_id)
    return (actor.category == "family" and actor.role != "child") or actor.role == "lawyer"


def children_in(case: Case, event: Event) -> list[str]:
    return [a for a in event.participants if case.actor(a).role == "child"]


def for_own_need(case: Case, event: Event, words: Lexicon) -> bool:
    """Help for one person's own need: one member of the family alone, and the event's words or
    goal say it is their own (lexicon ``own_need``: "voor zichzelf", "haar eigen angstklachten")."""
    family = [a for a in event.participants if is_family(case, a)]
    return len(family) == 1 and words.says(event, "own_need", goal=True) is not None


def in_order(case: Case, events: Iterable[Event | str]) -> tuple[str, ...]:
    """Event ids, without repeats, in timeline order (dates alone can tie)."""
    return tuple(
        sorted(
            {e if isinstance(e, str) else e.id for e in events},
            key=case.event_positions.__getitem__,
        )
    )


def next_matching(case: Case, matches: Callable[[Event], bool]) -> list[Event | None]:
    """For each event, the first later event that ``matches`` (one backwards pass, so detectors stay
    linear)."""
    found: list[Event | None] = [None] * len(case.events)
    upcoming = None
    for i in range(len(case.events) - 1, -1, -1):
        found[i] = upcoming
        if matches(case.events[i]):
            upcoming = case.events[i]
    return found


def unique(values: Iterable[str]) -> tuple[str, ...]:
    """In order, without repeats."""
    return tuple(dict.fromkeys(values))


def severity_of(signals: int) -> Severity:
    """One signal is weak, two medium, three or more strong."""
    return "high" if signals >= 3 else "medium" if signals == 2 else "low"


def signals_of(severity: Severity) -> int:
    """The number of signals a severity stands for: the inverse of :func:`severity_of`."""
    return SEVERITY_RANK[severity] + 1


def merged(
    case: Case, flags: Sequence[Flag], *, label: Callable[[Flag], str], repeats_weigh: bool
) -> Flag:
    """One flag for the repeats of a pattern (by one actor, or in one case), so that the flags do
    not grow with the case.

    The strongest repeat (the earliest of equals) keeps its rule and is explained in full; the
    others are counted and labelled by ``label`` (facts ``repeats`` and ``repeat_ids``, and the
    extra sentence ``repeated``; the sentence names the first few, see
    :mod:`retro.analysis.flag_text`). Every repeat's events and actors are cited.  With
    ``repeats_weigh`` the repetition counts as one more signal for the severity."""
    if len(flags) == 1:
        return flags[0]
    strongest = max(flags, key=lambda f: SEVERITY_RANK[f.severity])
    others = tuple(label(f) for f in flags if f is not strongest)
    also = (*strongest.also, "repeated")
    severity = (
        severity_of(signals_of(strongest.severity) + 1) if repeats_weigh else strongest.severity
    )
    return Flag(
        strongest.kind,
        strongest.rule,
        in_order(case, (e for f in flags for e in f.events)),
        unique(a for f in flags for a in f.actors),
        severity,
        {**strongest.facts, "repeats": len(others), "repeat_ids": others, "also": also},
        relations=tuple(sorted({r for f in flags for r in f.relations})),
        key=strongest.key,
    )


def merged_per(
    case: Case,
    flags: Iterable[Flag],
    key: Callable[[Flag], str],
    *,
    label: Callable[[Flag], str],
    repeats_weigh: bool,
) -> list[Flag]:
    """:func:`merged` for each group of ``flags`` with the same ``key`` (an actor, a rule), in order
    of first appearance."""
    groups: dict[str, list[Flag]] = {}
    for flag in flags:
        groups.setdefault(key(flag), []).append(flag)
    return [
        replace(merged(case, group, label=label, repeats_weigh=repeats_weigh), key=(name,))
        for name, group in groups.items()
    ]
