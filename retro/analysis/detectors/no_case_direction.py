"""``no_case_direction``: nobody holds direction as a pivot, or direction keeps changing hands.

Who held direction, when and why is :mod:`retro.analysis.direction` (by role, by the ``regie``
column, passed on with a handover, or in the timeline's own words); every sentence of this flag says
which holders it counted.  One flag per signal:

* ``late_start`` / ``never_held``: help started (an event of ``start_types``, or a helper
  acting) and nobody held direction within ``start_grace_days`` (medium from
  ``late_start_medium_days``), or nobody ever did;
* ``vacancy``: later on, a stretch of at least ``start_grace_days`` in which helpers were
  involved and nobody held direction (a holder left and the next came later);
* ``many_handovers`` / ``direction_changes``: at least ``max_handovers`` handovers of direction,
  or ``max_direction_changes`` changes of who held it; the facts count how many handovers were
  no meeting (a letter, no handover conversation);
* ``led_by_others``: case conferences and decisions led by other professionals while a holder
  was involved but not there (at least ``max_led_by_others``), only beside another of these
  signals: alone, a holder did hold direction, and each decision around them is an
  ``ad_hoc_decision`` already;
* ``searching``: a holder who, in the timeline's words, is searching for their role or has lost
  the overview (lexicon ``searching``).

Deliberately not flagged: investigations, rulings and reports before any help started (Veilig Thuis,
the Raad and the court do not need a case director); decisions by the family or the court, and
decisions that follow a ruling, an analysis or a plan (``ad_hoc_decision``'s ``considered_bases``);
a handover between helpers while the holder keeps direction; a stand-in for at most
``stand_in_days`` who hands direction back to the holder before, when the timeline says so
(lexicon ``stand_in``: leave, illness, "neemt waar").

Settings: ``[analysis.no_case_direction]`` ``start_types``, ``start_grace_days``,
``late_start_medium_days``, ``max_handovers``, ``max_direction_changes``, ``stand_in_days``,
``max_led_by_others``;
``[analysis]`` ``direction_roles``, ``helper_roles``, ``meeting_types``.  Lexicon: ``searching``,
``holds_direction``, ``passes_direction``, ``meeting_words``, ``stand_in``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from ...config import AnalysisSettings
from ...model import Case, Event
from ..direction import Holding
from ..findings import Flag, Measures, Severity
from ..involvement import involvements
from ..lexicon import Lexicon, lexicon
from ..meetings import is_meeting
from ._common import holders_at, in_order, unique


def _holders(measures: Measures) -> tuple[str, ...]:
    return unique(h.holder for h in measures.direction)


def _late_start(
    case: Case, measures: Measures, settings: AnalysisSettings, helpers: set[str]
) -> Flag | None:
    config = settings.no_case_direction
    starting = [e for e in case.events if e.type in config.start_types or e.actor in helpers]
    if not starting:
        return None
    start = starting[0]
    first = measures.direction[0] if measures.direction else None
    if first and (first.start - start.start).days <= config.start_grace_days:
        return None
    before = [e for e in starting if not first or e.start < first.start]
    opening = [_first_event_of(case, first)] if first else []
    end = case.end or start.start
    days = (first.start - start.start).days if first else (end - start.start).days
    severity: Severity = "medium" if not first or days >= config.late_start_medium_days else "low"
    facts = {
        "start": start.id,
        "holder": first.holder if first else "-",
        "first": opening[0].id if opening else "-",
        "days": days,
        "roles": settings.direction_roles,
        "grace": config.start_grace_days,
    }
    return Flag(
        "no_case_direction",
        "late_start" if first else "never_held",
        in_order(case, before[:12] + opening),
        unique(a for e in before for a in e.participants if a in helpers),
        severity,
        facts,
        key=("start",),
    )


def _first_event_of(case: Case, holding: Holding) -> Event:
    if holding.event is not None:
        return case.events_by_id[holding.event]
    return next(
        e for e in case.events if holding.holder in e.participants and e.start >= holding.start
    )


def _vacancies(
    case: Case, measures: Measures, settings: AnalysisSettings, helpers: set[str]
) -> Flag | None:
    """Stretches after direction was first held in which helpers were involved and nobody held
    it."""
    if not measures.direction:
        return None
    grace = settings.no_case_direction.start_grace_days
    involved = involvements(case, helpers)
    found: list[tuple[Holding, Holding | None, int]] = []
    ordered = sorted(measures.direction, key=lambda h: h.start)
    covered_until = ordered[0].end
    for holding, following in zip(ordered, [*ordered[1:], None]):
        covered_until = max(covered_until, holding.end)
        if following is not None and following.start <= covered_until + timedelta(days=1):
            continue
        gap_end = following.start if following else _last_helper_day(involved, covered_until)
        days = (gap_end - covered_until).days
        if days >= grace and any(
            i.covers(covered_until + timedelta(days=1)) for i in involved.values()
        ):
            found.append((holding, following, days))
    if not found:
        return None
    events = []
    for left, arrived, _ in found:
        events.append(_last_event_of(case, left))
        if arrived is not None:
            events.append(_first_event_of(case, arrived))
    facts = {
        "count": len(found),
        "days": max(d for _, _, d in found),
        "left": found[0][0].holder,
        "grace": grace,
    }
    return Flag(
        "no_case_direction",
        "vacancy",
        in_order(case, events),
        unique(h.holder for h, _, _ in found),
        "medium",
        facts,
        key=("vacancy",),
    )


def _last_helper_day(involved: dict[str, Any], after: date) -> date:
    return max((i.last for i in involved.values()), default=after)


def _last_event_of(case: Case, holding: Holding) -> Event:
    return next(
        e
        for e in reversed(case.events)
        if holding.holder in e.participants and e.start <= holding.end
    )


def _stand_ins(case: Case, direction: Sequence[Holding], days: int, words: Lexicon) -> set[int]:
    """The holdings of a stand-in and of the holder taking direction back: a holder for at most
    ``days`` between two holdings of the same holder, whose handover the timeline calls standing in
    (lexicon ``stand_in``: leave, illness, "neemt waar"), changes no hands."""
    found: set[int] = set()
    for i in range(1, len(direction) - 1):
        short = (direction[i].end - direction[i].start).days <= days
        back = direction[i - 1].holder == direction[i + 1].holder != direction[i].holder
        said = any(
            (e := direction[j].event) and words.says(case.events_by_id[e], "stand_in")
            for j in (i, i + 1)
        )
        if short and back and said:
            found |= {i, i + 1}
    return found


def _changing_hands(case: Case, measures: Measures, settings: AnalysisSettings) -> Flag | None:
    config, words = settings.no_case_direction, lexicon()
    standing_in = _stand_ins(case, measures.direction, config.stand_in_days, words)
    handovers = [
        case.events_by_id[h.event]
        for i, h in enumerate(measures.direction)
        if h.reason == "handover" and h.event and i not in standing_in
    ]
    handovers = [case.events_by_id[i] for i in unique(e.id for e in handovers)]
    changes = len(measures.direction) - 1 - len(standing_in)
    many, changing = len(handovers) >= config.max_handovers, changes >= config.max_direction_changes
    if not (many or changing):
        return None
    cold = [e.id for e in handovers if not is_meeting(e, settings.meeting_types, words)]
    arrivals = [
        _first_event_of(case, h)
        for i, h in enumerate(measures.direction)
        if i and i not in standing_in
    ]
    events = in_order(case, [*handovers, *(arrivals if changing else [])])
    also = (("direction_changes",) if many and changing else ()) + (("cold",) if cold else ())
    facts = {
        "handovers": len(handovers),
        "changes": changes,
        "holders": _holders(measures),
        "cold": cold,
        "cold_count": len(cold),
        "also": also,
    }
    return Flag(
        "no_case_direction",
        "many_handovers" if many else "direction_changes",
        events,
        _holders(measures),
        "high" if many and changing else "medium",
        facts,
        key=("hands",),
    )


def _led_by_others(case: Case, measures: Measures, settings: AnalysisSettings) -> Flag | None:
    considered = settings.ad_hoc_decision.considered_bases
    led = []
    for event in case.events:
        leading = event.type == "case_conference" or (
            event.is_decision and event.basis not in considered
        )
        if not leading or case.actor(event.actor).category != "professional":
            continue  # who held direction then is asked only of the events it can matter for
        active = holders_at(measures, event.start)
        if event.actor not in active and active and not set(active) & set(event.participants):
            led.append(event)
    if len(led) < settings.no_case_direction.max_led_by_others:
        return None
    facts = {
        "count": len(led),
        "led": [e.id for e in led],
        "limit": settings.no_case_direction.max_led_by_others,
    }
    return Flag(
        "no_case_direction",
        "led_by_others",
        tuple(e.id for e in led),
        unique(e.actor for e in led),
        "high" if len(led) >= 2 * settings.no_case_direction.max_led_by_others else "medium",
        facts,
        key=("led_by_others",),
    )


def _searching(case: Case, measures: Measures) -> Flag | None:
    words = lexicon()
    found = [
        e
        for e in case.events
        if words.says(e, "searching")  # first: it rules out almost every event
        and (e.actor in holders_at(measures, e.start) or not measures.direction)
        and case.actor(e.actor).category == "professional"
    ]
    if not found:
        return None
    return Flag(
        "no_case_direction",
        "searching",
        tuple(e.id for e in found),
        unique(e.actor for e in found),
        "medium",
        {"count": len(found), "first": found[0].id},
        key=("searching",),
    )


def no_case_direction(
    case: Case, graph: Any, measures: Measures, settings: AnalysisSettings
) -> list[Flag]:
    helpers = {a.id for a in case.actors if a.role in settings.helper_roles}
    found = (
        _late_start(case, measures, settings, helpers - set(_holders(measures))),
        _vacancies(case, measures, settings, helpers),
        _changing_hands(case, measures, settings),
        _led_by_others(case, measures, settings),
        _searching(case, measures),
    )
    flags = [flag for flag in found if flag is not None]
    # others leading while a holder is there is a sign only beside another: on its own, a holder
    # held direction (each bypass is the ad-hoc decision's "around the holder of direction")
    return flags if any(f.rule != "led_by_others" for f in flags) else []
