"""The stretches behind ``stagnation`` (see its docstring): gaps, stuck moments, meetings that decide nothing."""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from ..model import Case, Event
from ._common import mentions

MEETINGS = ("meeting", "case_conference")


class Stretch(NamedTuple):
    start: date
    end: date
    signal: str  # gap | stuck | idle_meetings
    events: tuple[Event, ...]


def moves(event: Event) -> bool:
    """Something changes: a decision, help that starts, an analysis, a contact moment, a closure."""
    return event.is_decision or event.type in ("intervention", "analysis", "contact", "closure")


def gaps(case: Case, days: int) -> list[Stretch]:
    events = [e for e in case.events if e.date.precision != "year"]
    return [Stretch(a.end, b.start, "gap", (a, b)) for a, b in zip(events, events[1:])
            if (b.start - a.end).days >= days and a.type not in ("closure", "intervention")]


def _next_moves(case: Case) -> list[Event | None]:
    """For each event, the first later event that moves (one backwards pass)."""
    found: list[Event | None] = [None] * len(case.events)
    upcoming = None
    for i in range(len(case.events) - 1, -1, -1):
        found[i] = upcoming
        if moves(case.events[i]):
            upcoming = case.events[i]
    return found


def stuck(case: Case, words: list[str], window: int) -> list[Stretch]:
    """Events saying the case is stuck, after which nothing moved for ``window`` days: until the next move."""
    found, following = [], None
    for i, event in enumerate(case.events):
        if mentions(event, words):
            following = following or _next_moves(case)
            after = following[i]
            if after is None or (after.start - event.start).days > window:
                found.append(Stretch(event.start, after.start if after else event.start + timedelta(window), "stuck", (event,)))
    return found


def idle_meetings(case: Case, count: int, days: int) -> list[Stretch]:
    """Runs of ``count`` meetings or more, over ``days`` or more, with nothing moving in between."""
    found: list[Stretch] = []
    run: list[Event] = []
    for event in (*case.events, None):
        if event is None or moves(event):
            if len(run) >= count and (run[-1].end - run[0].start).days >= days:
                found.append(Stretch(run[0].start, run[-1].end, "idle_meetings", tuple(run)))
            run = []
        elif event.type in MEETINGS:
            run.append(event)
    return found


def episodes(stretches: list[Stretch]) -> list[list[Stretch]]:
    """Overlapping stretches merged into episodes, in time order."""
    merged: list[list[Stretch]] = []
    for stretch in sorted(stretches, key=lambda s: (s.start, s.end)):
        if merged and stretch.start <= max(s.end for s in merged[-1]):
            merged[-1].append(stretch)
        else:
            merged.append([stretch])
    return merged
