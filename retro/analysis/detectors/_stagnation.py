"""The stretches behind ``stagnation`` (see its docstring): standstills the timeline names, meetings
that decide nothing, long silences."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from itertools import pairwise
from typing import NamedTuple

from ...model import Case, Event
from ..lexicon import Lexicon
from ._common import next_matching


class Stretch(NamedTuple):
    start: date
    end: date
    signal: str  # named | idle_meetings | gap
    events: tuple[Event, ...]


def moves(event: Event, moving_types: Sequence[str]) -> bool:
    """Something changes: a decision, or an event of ``moving_types`` (help that starts, an
    analysis...)."""
    return event.is_decision or event.type in moving_types


def gaps(case: Case, days: int, quiet_after_types: Sequence[str]) -> list[Stretch]:
    """Stretches of ``days`` or more without any event, except after ``quiet_after_types`` (a
    closure, help that runs) and in the vague early history (events known only to the year)."""
    events = [e for e in case.events if e.date.precision != "year"]
    return [
        Stretch(a.end, b.start, "gap", (a, b))
        for a, b in pairwise(events)
        if (b.start - a.end).days >= days and a.type not in quiet_after_types
    ]


def _last_moving_before(case: Case, moving_types: Sequence[str]) -> list[Event | None]:
    """For each event, the last earlier event that moves."""
    found: list[Event | None] = []
    last = None
    for event in case.events:
        found.append(last)
        if moves(event, moving_types):
            last = event
    return found


def named(case: Case, words: Lexicon, window: int, moving_types: Sequence[str]) -> list[Stretch]:
    """Events in which the timeline itself says the case stands still or a question goes unanswered
    (lexicon ``standstill``, ``no_response``), unless they note progress (``progress``), and then
    only when nothing moved for ``window`` days after them (the standstill goes on), or for
    ``window`` days before them (a note that looks back on a standstill: "stilstand sinds
    oktober"), or when the event is itself a period of standstill that long (an ``einddatum``)."""
    found = []
    following: list[Event | None] | None = None
    preceding: list[Event | None] | None = None
    for i, event in enumerate(case.events):
        said = words.says(event, "standstill") or words.says(event, "no_response")
        if not said or words.says(event, "progress"):
            continue
        following = following or next_matching(case, lambda e: moves(e, moving_types))
        preceding = preceding or _last_moving_before(case, moving_types)
        after, before = following[i], preceding[i]
        quiet = after is None or (after.start - event.start).days > window
        quiet_before = before is None or (event.start - before.start).days > window
        a_period = (event.end - event.start).days >= window
        if quiet or a_period:
            end = max(event.end, after.start if after else event.start + timedelta(window))
            found.append(Stretch(event.start, end, "named", (event,)))
        elif quiet_before and case.events[0].start <= event.start - timedelta(window):
            start = before.start if before else event.start - timedelta(window)
            found.append(Stretch(start, event.end, "named", (event,)))
    return found


def idle_meetings(
    case: Case,
    count: int,
    days: int,
    meeting_types: Sequence[str],
    moving_types: Sequence[str],
    words: Lexicon,
) -> list[Stretch]:
    """Runs of ``count`` meetings (``meeting_types``, and conversations that say nothing was
    decided) or more, over ``days`` or more, with nothing moving in between and none noting
    progress; a meeting that says it decided nothing (``nothing_decided``) counts twice."""
    found: list[Stretch] = []
    run: list[Event] = []
    weight = 0
    for event in (*case.events, None):
        idle = event is not None and words.says(event, "nothing_decided") is not None
        meeting = event is not None and (
            event.type in meeting_types or (idle and event.type == "meeting")
        )
        if (
            event is None
            or moves(event, moving_types)
            or (meeting and words.says(event, "progress"))
        ):
            if weight >= count and run and (run[-1].end - run[0].start).days >= days:
                found.append(Stretch(run[0].start, run[-1].end, "idle_meetings", tuple(run)))
            run, weight = [], 0
        elif meeting:
            run.append(event)
            weight += 2 if idle else 1
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
