"""Who was involved when: an actor is involved from their first event to their last (or to the
``einddatum`` of a period they took part in), never before or after.

"Active at the same time" means both were involved on the same day.  The helpers at once of a
month are the most that were involved together on one day of that month, so two helpers who
follow each other within a month are never counted as working side by side.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from weakref import WeakKeyDictionary

from ..model import Case


@dataclass(frozen=True, slots=True)
class Involvement:
    """One actor's involvement: from the start of their first event to the end of their last."""

    actor: str
    first: date
    last: date
    events: int

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last


_EVERYONE: WeakKeyDictionary[Case, dict[str, Involvement]] = WeakKeyDictionary()


def _everyone(case: Case) -> dict[str, Involvement]:
    """Everyone's involvement, in one pass over the timeline; worked out once per case (the
    network, the direction holders and several detectors all ask)."""
    if (known := _EVERYONE.get(case)) is not None:
        return known
    first: dict[str, date] = {}
    last: dict[str, date] = {}
    count: dict[str, int] = {}
    for event, participants in zip(case.events, case.participants_per_event):
        end = event.end
        for actor in participants:
            first.setdefault(actor, event.start)
            last[actor] = max(last.get(actor, end), end)
            count[actor] = count.get(actor, 0) + 1
    found = {a: Involvement(a, first[a], last[a], count[a]) for a in first}
    _EVERYONE[case] = found
    return found


def involvements(case: Case, actors: Iterable[str] | None = None) -> dict[str, Involvement]:
    """Per actor (of ``actors``, or everyone who took part in an event), in the order they first
    appear: their involvement."""
    everyone = _everyone(case)
    if actors is None:
        return dict(everyone)
    wanted = set(actors)
    return {a: inv for a, inv in everyone.items() if a in wanted}


def overlap(a: Involvement, b: Involvement) -> tuple[date, date] | None:
    """The days both were involved, or None when that never happened."""
    start, end = max(a.first, b.first), min(a.last, b.last)
    return (start, end) if start <= end else None


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def at_once_per_month(
    case: Case, involved: dict[str, Involvement]
) -> tuple[tuple[date, int, tuple[str, ...]], ...]:
    """Per month from the first event to the last: the most of ``involved`` who were involved on
    one day of that month, and who they were (on the first such day).

    A sweep over the starts and ends of the involvements: linear in the number of actors and
    months."""
    if not case.events or case.end is None:
        return ()
    changes: dict[date, list[tuple[int, str]]] = {}
    for inv in involved.values():
        changes.setdefault(inv.first, []).append((1, inv.actor))
        changes.setdefault(inv.last + timedelta(days=1), []).append((-1, inv.actor))
    days = sorted(changes)
    active: set[str] = set()
    # sorted(active), None once it changed: most months change no one and are not sorted again
    in_order: tuple[str, ...] | None = ()
    series = []
    month, end = _month_start(case.events[0].start), case.end
    index = 0
    while month <= end:
        following = _next_month(month)
        while index < len(days) and days[index] <= month:  # up to and including the 1st
            _apply(changes[days[index]], active)
            index, in_order = index + 1, None
        if in_order is None:
            in_order = tuple(sorted(active))
        best = in_order
        while index < len(days) and days[index] < following:
            _apply(changes[days[index]], active)
            index, in_order = index + 1, None
            if len(active) > len(best):
                best = tuple(sorted(active))
        series.append((month, len(best), best))
        month = following
    return tuple(series)


def _apply(changes: list[tuple[int, str]], active: set[str]) -> None:
    """The ends of one day first, then its starts (one who stops and one who starts on the same
    day were not at work together)."""
    for step, actor in sorted(changes):
        if step > 0:
            active.add(actor)
        else:
            active.discard(actor)
