"""The stretches behind ``stagnation`` (see its docstring): gaps, stuck moments, meetings that
decide nothing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from itertools import pairwise
from typing import NamedTuple

from ...model import Case, Event
from ._common import mentions, next_matching


class Stretch(NamedTuple):
    start: date
    end: date
    signal: str  # gap | stuck | idle_meetings
    events: tuple[Event, ...]


def moves(event: Event, moving_types: Sequence[str]) -> bool:
    """Something changes: a decision, or an event of ``moving_types`` (help that starts, an
    analysis...)."""
    return event.is_decision or event.type in moving_types


def gaps(case: Case, days: int, quiet_after_types: Sequence[str]) -> list[Stretch]:
    """Stretches of ``days`` or more without any event, except after ``quiet_after_types`` (a
    closure, help that runs)."""
    events = [e for e in case.events if e.date.precision != "year"]
    return [
        Stretch(a.end, b.start, "gap", (a, b))
        for a, b in pairwise(events)
        if (b.start - a.end).days >= days and a.type not in quiet_after_types
    ]


def stuck(
    case: Case, words: Sequence[str], window: int, moving_types: Sequence[str]
) -> list[Stretch]:
    """Events saying the case is stuck, after which nothing moved for ``window`` days: until the
    next move."""
    found, following = [], None
    for i, event in enumerate(case.events):
        if mentions(event, words):
            following = following or next_matching(case, lambda e: moves(e, moving_types))
            after = following[i]
            if after is None or (after.start - event.start).days > window:
                found.append(
                    Stretch(
                        event.start,
                        after.start if after else event.start + timedelta(window),
                        "stuck",
                        (event,),
                    )
                )
    return found


def idle_meetings(
    case: Case, count: int, days: int, meeting_types: Sequence[str], moving_types: Sequence[str]
) -> list[Stretch]:
    """Runs of ``count`` meetings (``meeting_types``) or more, over ``days`` or more, with nothing
    moving in between."""
    found: list[Stretch] = []
    run: list[Event] = []
    for event in (*case.events, None):
        if event is None or moves(event, moving_types):
            if len(run) >= count and (run[-1].end - run[0].start).days >= days:
                found.append(Stretch(run[0].start, run[-1].end, "idle_meetings", tuple(run)))
            run = []
        elif event.type in meeting_types:
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
