"""Moments and periods of a case: the court moments, the move into the compulsory framework,
and which professionals took part in each period.

Each series is one pass over the events (plus one per month over the few actors), so a case of
100,000 events is measured in well under a second."""

from __future__ import annotations

from collections import Counter
from datetime import date

from ..model import Case, Event


def compulsory_move(case: Case, *, ruling_days: int = 365) -> Event | None:
    """The move from the voluntary into the compulsory framework: the court's ruling that made it.

    The first event with an actor of the compulsory framework, when an event with an actor of the
    voluntary framework came before it (a case that starts in the compulsory framework has no
    move), is where the compulsory framework shows; the move itself is the last court decision
    within ``ruling_days`` before it (up to the end of its date, so a ruling of 7 June counts for a
    handover dated June).  Without such a ruling the first compulsory event is the move, unless it
    is a handover or referral (a professional's careful handover is not the move itself, and the
    timeline then does not show the move)."""
    first = _first_compulsory(case)
    if first is None:
        return None
    rulings = [
        e
        for e in case.events
        if court_moment(case, e)
        and e.is_decision
        and e.start <= first.end
        and (first.start - e.start).days <= ruling_days
    ]
    if rulings:
        return max(rulings, key=lambda e: (e.start, case.event_positions[e.id]))
    return None if first.type in ("handover", "referral") else first


def _first_compulsory(case: Case) -> Event | None:
    """The first event with an actor of the compulsory framework, after one of the voluntary."""
    seen_voluntary = False
    for event, participants in zip(case.events, case.participants_per_event):
        frameworks = {case.actor(a).framework for a in participants}
        if "compulsory" in frameworks:
            return event if seen_voluntary else None
        seen_voluntary |= "voluntary" in frameworks
    return None


def court_moment(case: Case, event: Event) -> bool:
    """A court moment: a legal step (petition, hearing, ruling) or anything the court itself
    does."""
    return event.type == "legal" or case.actor(event.actor).role == "court"


def court_moments(case: Case) -> tuple[Event, ...]:
    """Every court moment of the case, in timeline order (the report, the regional export and the
    escalation detector all count these)."""
    return tuple(e for e in case.events if court_moment(case, e))


def month_starts(start: date, end: date, step: int = 1) -> list[date]:
    """First days of every ``step``-th month from ``start``'s month up to ``end``."""
    months, index = [], start.year * 12 + start.month - 1
    while (current := date(index // 12, index % 12 + 1, 1)) <= end:
        months.append(current)
        index += step
    return months


def period_counts(case: Case, *, period_months: int = 3) -> tuple[list[date], list[Counter]]:
    """Starts of consecutive periods of ``period_months`` months, and per period the events of each
    actor."""
    if not case.events:
        return [], []
    first = case.events[0].start
    starts = month_starts(first, case.end, period_months)  # type: ignore[arg-type]
    origin = first.year * 12 + first.month - 1
    counts: list[Counter] = [Counter() for _ in starts]
    last = len(starts) - 1
    for event, participants in zip(case.events, case.participants_per_event):
        start = event.start
        period = counts[min((start.year * 12 + start.month - 1 - origin) // period_months, last)]
        for actor in participants:  # as Counter.update would, without its checks per event
            period[actor] = period.get(actor, 0) + 1
    return starts, counts


def involved_over_time(
    case: Case, *, period_months: int = 3, counts: tuple[list[date], list[Counter]] | None = None
) -> tuple[tuple[date, tuple[str, ...]], ...]:
    """Per period: the professionals with an event in it, most active first."""
    starts, per_period = counts or period_counts(case, period_months=period_months)
    professionals = {a.id for a in case.actors_in("professional")}
    return tuple(
        (
            start,
            tuple(
                a
                for a, _ in sorted(period.items(), key=lambda item: (-item[1], item[0]))
                if a in professionals
            ),
        )
        for start, period in zip(starts, per_period)
    )
