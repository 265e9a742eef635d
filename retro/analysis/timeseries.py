"""Who was involved when: helpers active per month, professionals per period, holders of direction.

Each series is one pass over the events (plus one per month over the few actors), so a case of
100,000 events is measured in well under a second."""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date

import networkx as nx

from ..model import Case, Event


def compulsory_move(case: Case) -> Event | None:
    """The move from the voluntary to the compulsory framework: the first event with an actor of the
    compulsory framework, when an event with an actor of the voluntary framework came before it (a
    case that starts in the compulsory framework has no move)."""
    seen_voluntary = False
    for event in case.events:
        frameworks = {case.actor(a).framework for a in event.participants}
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


def helpers_over_time(
    case: Case, *, window_days: int = 90, roles: Iterable[str] | None = None
) -> tuple[tuple[date, int], ...]:
    """Per month: how many professionals (of ``roles``, or all) had an event within ``window_days``
    of it."""
    if not case.events:
        return ()
    wanted = set(roles) if roles is not None else None
    counted = {a.id for a in case.actors_in("professional") if wanted is None or a.role in wanted}
    dates: dict[str, list[int]] = defaultdict(list)
    for event in case.events:
        for actor in event.participants:
            if actor in counted:
                dates[actor].append(event.start.toordinal())
    for values in dates.values():
        values.sort()
    series = []
    for month in month_starts(case.events[0].start, case.end):  # type: ignore[arg-type]
        centre = month.toordinal() + 15
        active = sum(
            1
            for values in dates.values()
            if (i := bisect.bisect_left(values, centre - window_days)) < len(values)
            and values[i] <= centre + window_days
        )
        series.append((month, active))
    return tuple(series)


def period_counts(case: Case, *, period_months: int = 3) -> tuple[list[date], list[Counter]]:
    """Starts of consecutive periods of ``period_months`` months, and per period the events of each
    actor."""
    if not case.events:
        return [], []
    first = case.events[0].start
    starts = month_starts(first, case.end, period_months)  # type: ignore[arg-type]
    origin = first.year * 12 + first.month - 1
    counts: list[Counter] = [Counter() for _ in starts]
    for event in case.events:
        index = min(
            (event.start.year * 12 + event.start.month - 1 - origin) // period_months,
            len(starts) - 1,
        )
        counts[index].update(event.participants)
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


def direction_holders(
    case: Case, graph: nx.MultiGraph, *, roles: Iterable[str]
) -> tuple[tuple[str, date, date], ...]:
    """Actors whose role holds case direction, with their first and last event, in order of
    appearance."""
    wanted = set(roles)
    holders = [
        (a.id, graph.nodes[a.id]["first"], graph.nodes[a.id]["last"])
        for a in case.actors
        if a.role in wanted and graph.nodes[a.id]["first"] is not None
    ]
    return tuple(sorted(holders, key=lambda h: (h[1], h[0])))
