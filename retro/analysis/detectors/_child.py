"""The evidence behind ``child_in_the_middle`` (see its docstring): the child's voice before
decisions, interviews per child, therapy for the child after the parents clashed."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence

from ...config import ChildSettings
from ...model import Case, Event
from ._common import children_in, mentions


def _voice(case: Case, event: Event, words: Sequence[str]) -> bool:
    """The child has its say: a child interview, the child acting (refusing), or the child present
    in words of its wish."""
    return bool(children_in(case, event)) and (
        event.type == "child_interview"
        or case.actor(event.actor).role == "child"
        or bool(mentions(event, words))
    )


def _contact_break_after(
    case: Case, breaks: list[int], index: int, children: set[str], window: int
) -> Event | None:
    """The first contact break with one of ``children`` within ``window`` days after event
    ``index``."""
    for j in breaks[bisect.bisect_right(breaks, index) :]:
        if (case.events[j].start - case.events[index].start).days > window:
            return None
        if children & set(case.events[j].participants):
            return case.events[j]
    return None


def decisions_on_voice(
    case: Case, window: int, words: Sequence[str]
) -> list[tuple[Event, Event, Event | None]]:
    """(the child's voice, a professional's decision within ``window`` days after it, the contact
    break that followed)."""
    found, voice = [], None
    breaks = [i for i, e in enumerate(case.events) if e.type == "contact_break"]
    for i, event in enumerate(case.events):
        if (
            event.is_decision
            and voice
            and (event.start - voice.start).days <= window
            and event.basis != "ruling"
            and case.actor(event.actor).category == "professional"
        ):
            found.append(
                (
                    voice,
                    event,
                    _contact_break_after(case, breaks, i, set(children_in(case, voice)), window),
                )
            )
            voice = None
        if _voice(case, event, words):
            voice = event
    return found


def interviews_per_child(case: Case) -> dict[str, list[Event]]:
    per_child: dict[str, list[Event]] = defaultdict(list)
    for event in (e for e in case.events if e.type == "child_interview"):
        for child in children_in(case, event):
            per_child[child].append(event)
    return per_child


def therapies_after_clash(case: Case, config: ChildSettings) -> list[tuple[Event, Event]]:
    """(the parents' latest clash (``clash_types``), help for the child from ``therapy_roles``
    within ``therapy_window_days`` after it)."""
    pairs, fight = [], None
    for event in case.events:
        if (
            event.type == "intervention"
            and case.actor(event.actor).role in config.therapy_roles
            and children_in(case, event)
            and fight
            and (event.start - fight.start).days <= config.therapy_window_days
        ):
            pairs.append((fight, event))
        if event.type in config.clash_types:
            fight = event
    return pairs
