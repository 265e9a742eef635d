"""``no_case_direction``: nobody holds direction as a pivot, or direction keeps changing hands.

What it looks like in the data (holders of direction are actors of ``direction_roles``, active from
their first to their last event), one flag per signal: ``late_start`` / ``never_held``, help started
(an event of ``start_types``: a referral, an offer; or a helper acting) and no holder of direction
appeared within ``start_grace_days`` (medium from ``late_start_medium_days``), or never;
``many_handovers`` / ``direction_changes``, at least ``max_handovers`` handovers or
``max_direction_changes`` new holders of direction; ``led_by_others``, case conferences and
decisions led by other professionals while a holder was active but not there (at least
``max_led_by_others``, or fewer when a holder's own event says they are searching,
``keywords.searching``).

Deliberately not flagged: investigations, rulings and reports before any help started (Veilig Thuis,
the Raad and the court do not need a case director); decisions by the family or the court; a single
decision taken around the holder (see ``ad_hoc_decision``).

Settings: ``[analysis.no_case_direction]`` ``start_types``, ``start_grace_days``,
``late_start_medium_days``, ``max_handovers``, ``max_direction_changes``, ``max_led_by_others``;
``[analysis]`` ``direction_roles``, ``helper_roles``; ``[analysis.keywords]`` ``searching``."""

from __future__ import annotations

from typing import Any

from ...config import AnalysisSettings, DirectionSettings
from ...model import Case
from ..findings import Flag, Measures
from ._common import holders_at, in_order, mentions, unique


def _late_start(
    case: Case, measures: Measures, config: DirectionSettings, helpers: set[str]
) -> Flag | None:
    starting = [e for e in case.events if e.type in config.start_types or e.actor in helpers]
    if not starting:
        return None
    start, first = starting[0], (measures.direction[0] if measures.direction else None)
    if first and (first[1] - start.start).days <= config.start_grace_days:
        return None
    before = [e for e in starting if not first or e.start < first[1]]
    opening = [next(e for e in case.events if first[0] in e.participants)] if first else []
    days = (first[1] - start.start).days if first else (case.end - start.start).days  # type: ignore[operator]
    return Flag(
        "no_case_direction",
        "late_start" if first else "never_held",
        tuple(e.id for e in before + opening),
        unique(a for e in before for a in e.participants if a in helpers),
        "medium" if not first or days >= config.late_start_medium_days else "low",
        {
            "start": start.id,
            "holder": first[0] if first else "-",
            "first": opening[0].id if opening else "-",
            "days": days,
        },
    )


def _changing_hands(case: Case, measures: Measures, config: DirectionSettings) -> Flag | None:
    handovers, changes = measures.handover_events, len(measures.direction) - 1
    many, changing = len(handovers) >= config.max_handovers, changes >= config.max_direction_changes
    if not (many or changing):
        return None
    arrivals = [
        next(e.id for e in case.events if holder in e.participants)
        for holder, _, _ in measures.direction[1:]
    ]
    events = in_order(case, [*handovers, *(arrivals if changing else [])])
    return Flag(
        "no_case_direction",
        "many_handovers" if many else "direction_changes",
        events,
        tuple(h for h, _, _ in measures.direction),
        "high" if many and changing else "medium",
        {
            "handovers": len(handovers),
            "changes": changes,
            "holders": [h for h, _, _ in measures.direction],
            "also": ("direction_changes",) if many and changing else (),
        },
    )


def _led_by_others(case: Case, measures: Measures, settings: AnalysisSettings) -> Flag | None:
    roles, led, searching = settings.direction_roles, [], []
    for event in case.events:
        actor = case.actor(event.actor)
        active = holders_at(measures, event.start)
        if (
            (event.type == "case_conference" or (event.is_decision and event.basis != "ruling"))
            and actor.category == "professional"
            and actor.role not in roles
            and active
            and not set(active) & set(event.participants)
        ):
            led.append(event)
        elif any(case.actor(a).role in roles for a in event.participants) and mentions(
            event, settings.keywords.searching
        ):
            searching.append(event)
    enough = len(led) >= settings.no_case_direction.max_led_by_others
    if not (enough or (led and searching)):
        return None
    events = [case.events_by_id[i] for i in in_order(case, led + searching[:1])]
    return Flag(
        "no_case_direction",
        "led_by_others",
        tuple(e.id for e in events),
        unique(e.actor for e in events),
        {3: "high", 2: "medium"}.get(2 * enough + bool(searching), "low"),  # type: ignore[arg-type]
        {
            "count": len(led),
            "led": [e.id for e in led],
            "searching": searching[0].id if searching else "-",
            "also": ("searching",) if searching else (),
        },
    )


def no_case_direction(
    case: Case, graph: Any, measures: Measures, settings: AnalysisSettings
) -> list[Flag]:
    config = settings.no_case_direction
    helpers = {
        a.id
        for a in case.actors
        if a.role in settings.helper_roles and a.role not in settings.direction_roles
    }
    found = (
        _late_start(case, measures, config, helpers),
        _changing_hands(case, measures, config),
        _led_by_others(case, measures, settings),
    )
    return [flag for flag in found if flag is not None]
