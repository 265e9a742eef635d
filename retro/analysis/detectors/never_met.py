"""``never_met``: helpers who worked on the case at the same time, for whom the timeline shows no
meeting (or one, over a long time).

What it looks like in the data: the network measures' pairs (``Measures.never_met`` and
``Measures.met_once``; the one definition of having met is :mod:`retro.analysis.meetings`: a
conversation, case conference, child interview or shared analysis with both present, a warm
handover; a letter, an e-mail, a phone call, a referral, a report or a complaint is contact, not
a meeting).  Busy professionals of different organisations, involved together for
``min_overlap_days``, counting a meeting with a colleague of the other.  This detector keeps the
pairs of helpers (``helper_roles``, and whoever held direction) who both took part in the
cooperation (each shared at least one event, of any kind, with another helper: a GP who refers,
the court, the Raad or a school are around the case, not in its cooperation), and, with
``flag_met_once_with_director``, pairs that met only once over at least ``rarely_met_days`` of
working side by side when one of them held direction.  One flag per case listing the pairs; it
cites, per pair, their contact that was no meeting (the letters and mails between them), or
else the first event of each in the time they overlapped; a met-once pair's single meeting is
named in the sentence, never cited as evidence of not meeting.  The sentence says what the data
shows: the timeline shows no meeting, not that they never met.  Stronger when a holder of
direction is in a pair, or with three pairs or more.

Deliberately not flagged: professionals who are not helpers (Raad, court, school, GP);
colleagues of one organisation; a helper who only ever worked with one family member for that
person's own need and shared no event with another helper (no part in the cooperation, such as
a parent's own therapist referred by the GP);
pairs involved in different periods, or together only briefly; pairs who met twice or more.

Settings: ``[analysis.never_met]`` ``flag_met_once_with_director``, ``rarely_met_days``;
``[analysis]`` ``min_events``, ``min_overlap_days``, ``meeting_types``, ``helper_roles``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...config import AnalysisSettings
from ...model import Case, Event
from ..findings import Flag, Measures
from ..involvement import involvements, overlap
from ._common import in_order, severity_of, unique


def _cooperating(case: Case, helpers: set[str]) -> set[str]:
    """Helpers who shared at least one event with another helper: a GP's referral, a court's
    hearing or the Raad's inquiry alone does not make a helper part of the cooperation."""
    found: set[str] = set()
    for participants in case.participants_per_event:
        present = [a for a in participants if a in helpers]
        if len(present) >= 2:
            found.update(present)
    return found


def _pair_evidence(
    case: Case, a: str, b: str, involved: dict, meeting: str | None = None
) -> list[Event]:
    """What the timeline shows of a pair while both were involved, apart from their one
    ``meeting`` (a row cited for not meeting must not be the meeting): their shared events, else
    the first event of each in their overlap."""
    window = overlap(involved[a], involved[b])
    if window is None:
        return []
    inside = [e for e in case.events if window[0] <= e.start <= window[1] and e.id != meeting]
    shared = [e for e in inside if a in e.participants and b in e.participants]
    if shared:
        return shared
    return [
        next(e for e in inside if x in e.participants)
        for x in (a, b)
        if any(x in e.participants for e in inside)
    ]


def never_met(case: Case, graph: Any, measures: Measures, settings: AnalysisSettings) -> list[Flag]:
    config = settings.never_met
    holders = {h.holder for h in measures.direction}
    helpers = {a.id for a in case.actors if a.role in settings.helper_roles} | holders
    taking_part = _cooperating(case, helpers)
    involved = involvements(case)

    def counted(pair: Sequence[str]) -> bool:
        return all(a in taking_part for a in pair[:2])

    def with_holder(pair: Sequence[str]) -> bool:
        return any(a in holders for a in pair[:2])

    def long_together(pair: Sequence[str]) -> bool:
        window = overlap(involved[pair[0]], involved[pair[1]])
        return window is not None and (window[1] - window[0]).days >= config.rarely_met_days

    never = [pair for pair in measures.never_met if counted(pair)]
    once = (
        [p for p in measures.met_once if counted(p) and with_holder(p) and long_together(p)]
        if config.flag_met_once_with_director
        else []
    )
    if not never and not once:
        return []
    evidence = [e for a, b in never for e in _pair_evidence(case, a, b, involved)]
    evidence += [e for a, b, meeting in once for e in _pair_evidence(case, a, b, involved, meeting)]
    signals = 1 + any(with_holder(p) for p in [*never, *once]) + (len(never) + len(once) >= 3)
    facts = {
        "never": tuple(never),
        "once": tuple(once),
        "count": len(never) + len(once),
        "days": settings.min_overlap_days,
        "also": ("once",) if never and once else (),
    }
    return [
        Flag(
            "never_met",
            "never" if never else "once",
            in_order(case, evidence),
            unique(a for pair in [*never, *once] for a in pair[:2]),
            severity_of(signals),
            facts,
            key=("case",),
        )
    ]
