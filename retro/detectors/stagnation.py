"""``stagnation``: long stretches where nothing moves, and words that say the case is stuck.

What it looks like in the data: a gap of at least ``gap_days`` between two events while
the case is open (before its closure), and events whose description says that it does not
get going ("komt niet op gang", "stagnatie", "loopt vast").  The facts say on which side
of the triangle (referrer, parents, therapists, child) the words appeared, from the
roles of the actors in those events.

Deliberately not flagged: the time after a closure; gaps in the vague early history
(events known only to the year).

Settings: ``[analysis.stagnation]`` ``gap_days``; ``[analysis.keywords]`` ``stagnation``.
"""

from __future__ import annotations

from typing import Any, Mapping

from ..findings import Flag
from ..model import Case
from ._common import mentions

_SIDE = {"child_protection": "referrer", "case_director": "referrer", "parent": "parents", "therapist": "therapists",
         "youth_care": "therapists", "child": "child"}


def stagnation(case: Case, graph: Any, measures: Any, settings: Mapping[str, Any]) -> list[Flag]:
    flags = []
    events = [e for e in case.events if e.date.precision != "year"]
    for before, after in zip(events, events[1:]):
        days = (after.start - before.end).days
        if days >= settings["stagnation"]["gap_days"] and before.type != "closure":
            flags.append(Flag("stagnation", "gap", (before.id, after.id), (before.actor, after.actor), "low",
                              {"days": days, "after": before.id, "before": after.id}))
    stuck = [e for e in case.events if mentions(e, settings["keywords"]["stagnation"])]
    if stuck:
        sides = sorted({_SIDE[case.actor(a).role] for e in stuck for a in e.participants if case.actor(a).role in _SIDE})
        flags.append(Flag("stagnation", "stuck", tuple(e.id for e in stuck), tuple(dict.fromkeys(e.actor for e in stuck)),
                          "medium" if len(stuck) > 1 else "low", {"count": len(stuck), "sides": ", ".join(sides)}))
    return flags
