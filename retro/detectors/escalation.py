"""``escalation``: the fight moves to other arenas.

What it looks like in the data: court events (``juridisch``), lawyers acting, complaints
(``klacht``), reports to Veilig Thuis or the police (``melding``), and the move from the
voluntary to the compulsory framework (the first event with an actor of the compulsory
framework after a voluntary phase).  Fires when at least ``min_arenas`` distinct arenas
occur, or the framework moved; severity high with four arenas or more.

Deliberately not flagged: a single court case on its own (a ruling is also how a stuck
case gets direction).

Settings: ``[analysis.escalation]`` ``min_arenas``.
"""

from __future__ import annotations

from typing import Any, Mapping

from ..findings import Flag
from ..model import Case

_ARENA_OF_TYPE = {"legal": "court", "complaint": "complaint", "report": "report"}


def _framework_move(case: Case) -> str | None:
    seen_voluntary = False
    for event in case.events:
        frameworks = {case.actor(a).framework for a in event.participants}
        if "compulsory" in frameworks and seen_voluntary:
            return event.id
        seen_voluntary |= "voluntary" in frameworks
    return None


def escalation(case: Case, graph: Any, measures: Any, settings: Mapping[str, Any]) -> list[Flag]:
    arenas: dict[str, list[str]] = {}
    for event in case.events:
        arena = _ARENA_OF_TYPE.get(event.type) or ("lawyers" if case.actor(event.actor).role == "lawyer" else None)
        if arena:
            arenas.setdefault(arena, []).append(event.id)
    move = _framework_move(case)
    if move:
        arenas.setdefault("compulsory", []).append(move)
    if len(arenas) < settings["escalation"]["min_arenas"] and not move:
        return []
    evidence = tuple(e.id for e in case.events if any(e.id in ids for ids in arenas.values()))
    actors = tuple(dict.fromkeys(case.events_by_id[i].actor for i in evidence))
    severity = "high" if len(arenas) >= 4 else "medium"
    return [Flag("escalation", "arenas", evidence, actors, severity,  # type: ignore[arg-type]
                 {"arenas": len(arenas), "court": len(arenas.get("court", [])), "complaints": len(arenas.get("complaint", [])),
                  "reports": len(arenas.get("report", [])), "move": move or "-"})]
