"""``escalation``: the fight moves to other arenas.

What it looks like in the data, five arenas: the court (``juridisch`` events), complaints
(``klacht``), reports to Veilig Thuis or the police (``melding``), lawyers outside court (a lawyer
in a meeting or any event that is not one of the other arenas), and the compulsory framework (the
first event with an actor of the compulsory framework, when voluntary help came before it).  One
flag per case when at least ``min_arenas`` arenas occur; strong from ``high_arenas``.  It cites the
first event of each arena (when the fight entered it) and counts the rest.  The move into the
compulsory framework on its own is a weak flag.

Deliberately not flagged: a single court case on its own (a ruling is also how a stuck case gets
direction); lawyers in court or writing a complaint (that is the complaint's arena); escalations
within the family (``escalatie`` events are triggers for ``ad_hoc_decision``, not arenas).

Settings: ``[analysis.escalation]`` ``min_arenas``, ``high_arenas``.
"""

from __future__ import annotations

from typing import Any

from ...config import AnalysisSettings
from ...model import Case, Event
from ..findings import Flag, Severity
from ..timeseries import compulsory_move, court_moment
from ._common import unique

_ARENA_OF_TYPE = {"complaint": "complaints", "report": "reports"}


def _arenas(case: Case, event: Event) -> list[str]:
    if court_moment(case, event):
        return ["court"]
    if event.type in _ARENA_OF_TYPE:
        return [_ARENA_OF_TYPE[event.type]]
    return ["lawyers"] if any(case.actor(a).role == "lawyer" for a in event.participants) else []


def escalation(case: Case, graph: Any, measures: Any, settings: AnalysisSettings) -> list[Flag]:
    config = settings.escalation
    arenas: dict[str, list[Event]] = {}
    for event in case.events:
        for arena in _arenas(case, event):
            arenas.setdefault(arena, []).append(event)
    if move := compulsory_move(case):
        arenas["compulsory"] = [move]
    if len(arenas) < config.min_arenas and not move:
        return []
    position = case.event_positions
    firsts = sorted(
        ((found[0], arena) for arena, found in arenas.items()),
        key=lambda item: (position[item[0].id], item[1]),
    )
    severity: Severity = (
        "high"
        if len(arenas) >= config.high_arenas
        else "medium"
        if len(arenas) >= config.min_arenas
        else "low"
    )
    return [
        Flag(
            "escalation",
            "arenas" if len(arenas) >= config.min_arenas else "compulsory_only",
            unique(e.id for e, _ in firsts),
            unique(e.actor for e, _ in firsts),
            severity,
            {
                "count": len(arenas),
                "arenas": tuple(arena for _, arena in firsts),
                "court": len(arenas.get("court", [])),
                "complaints": len(arenas.get("complaints", [])),
                "reports": len(arenas.get("reports", [])),
                "lawyers": len(arenas.get("lawyers", [])),
                "move": move.id if move else "-",
            },
        )
    ]
