"""``escalation``: the fight moves to other arenas.

What it looks like in the data, five arenas: the court (``juridisch`` events and what the court
does: a petition, a hearing, a ruling), complaints (``klacht`` by a parent, their family or
lawyer), reports to Veilig Thuis or the police (``melding``), lawyers outside court (a lawyer in
any other event), and the compulsory framework (the court's ruling that moved the case from the
voluntary into the compulsory framework: ``retro.analysis.timeseries.compulsory_move``, never the
handover that follows it).  One flag per case when at least ``min_arenas`` arenas occur.  It cites
the first event of each arena (when the fight entered it) and counts the rest.

Strength is about the parties' own steps, not about the normal route of a case: strong when the
parents' side (a parent, their family, a new partner or a lawyer) took steps into at least
``high_arenas`` arenas; medium when they took a step into at least one and ``min_arenas`` arenas
occur; weak when only professionals moved the case (a Raad request and a ruling, the move into the
compulsory framework).  The move into the compulsory framework on its own is a weak flag.

Deliberately not flagged: a professional's handover or referral (a careful handover is no
escalation, whoever it goes to); a single court case on its own (a ruling is also how a stuck case
gets direction); lawyers in court or writing a complaint (that is the complaint's arena);
escalations within the family (``escalatie`` events are triggers for ``ad_hoc_decision``, not
arenas); complaints by professionals (see ``parallel_dynamic``).

Settings: ``[analysis.escalation]`` ``min_arenas``, ``high_arenas``.
"""

from __future__ import annotations

from typing import Any

from ...config import AnalysisSettings
from ...model import Case, Event
from ..findings import Flag, Severity
from ..timeseries import compulsory_move, court_moment
from ._common import on_parents_side, unique

_NOT_A_STEP = ("handover", "referral")


def _arenas(case: Case, event: Event, with_lawyer: bool) -> list[str]:
    """The arenas an event is a step in (``with_lawyer``: a lawyer takes part)."""
    if event.type in _NOT_A_STEP:
        return []
    if court_moment(case, event):
        return ["court"]
    if event.type == "complaint":
        return ["complaints"] if on_parents_side(case, event.actor) else []
    if event.type == "report":
        return ["reports"]
    return ["lawyers"] if with_lawyer and on_parents_side(case, event.actor) else []


def escalation(case: Case, graph: Any, measures: Any, settings: AnalysisSettings) -> list[Flag]:
    config = settings.escalation
    arenas: dict[str, list[Event]] = {}
    lawyers = {a.id for a in case.actors if a.role == "lawyer"}
    for event, participants in zip(case.events, case.participants_per_event):
        for arena in _arenas(case, event, not lawyers.isdisjoint(participants)):
            arenas.setdefault(arena, []).append(event)
    if move := compulsory_move(case):
        arenas["compulsory"] = [move]
    if len(arenas) < config.min_arenas and not move:
        return []
    by_parents = [
        a for a, found in arenas.items() if any(on_parents_side(case, e.actor) for e in found)
    ]
    enough = len(arenas) >= config.min_arenas
    severity: Severity = (
        "high"
        if len(by_parents) >= config.high_arenas
        else "medium"
        if enough and by_parents
        else "low"
    )
    position = case.event_positions
    firsts = sorted(
        ((found[0], arena) for arena, found in arenas.items()),
        key=lambda item: (position[item[0].id], item[1]),
    )
    facts = {
        "count": len(arenas),
        "arenas": tuple(arena for _, arena in firsts),
        "by_parents": tuple(a for _, a in firsts if a in by_parents),
        "court": len(arenas.get("court", [])),
        "complaints": len(arenas.get("complaints", [])),
        "reports": len(arenas.get("reports", [])),
        "lawyers": len(arenas.get("lawyers", [])),
        "move": move.id if move else "-",
        "limit": config.min_arenas,
    }
    steps = unique(
        e.actor for found in arenas.values() for e in found if on_parents_side(case, e.actor)
    )
    return [
        Flag(
            "escalation",
            "arenas" if enough else "compulsory_only",
            unique(e.id for e, _ in firsts),
            steps,
            severity,
            facts,
            key=("case",),
        )
    ]
