"""``never_met``: helpers who worked on the case at the same time but (almost) never met.

What it looks like in the data: the network measures' pairs (``Measures.never_met`` and
``Measures.met_once``, the one definition of having met: busy professionals of different
organisations, active together for ``min_overlap_days``, counting a meeting with a colleague of the
other; a letter, a form or a complaint is no meeting).  This detector keeps the pairs of helpers
(``helper_roles`` and ``direction_roles``) and, with ``flag_met_once_with_director``, the pairs that
met only once when one of them holds case direction.  One flag per case listing the pairs; it cites
the single meeting of each met-once pair.  Stronger when a holder of direction never met a helper,
or with three pairs or more.

Deliberately not flagged: professionals who are not helpers (Raad, court, school, GP: outside
``helper_roles`` and ``direction_roles``); colleagues of one organisation; pairs active in different
periods, or together only briefly; pairs who met twice or more.

Settings: ``[analysis.never_met]`` ``flag_met_once_with_director``; ``[analysis]`` ``min_events``,
``min_overlap_days``, ``not_meeting_types``, ``helper_roles``, ``direction_roles``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...config import AnalysisSettings
from ...model import Case
from ..findings import Flag, Measures
from ._common import in_order, severity_of, unique


def never_met(case: Case, graph: Any, measures: Measures, settings: AnalysisSettings) -> list[Flag]:
    directors = set(settings.direction_roles)
    helpers = set(settings.helper_roles) | directors

    def helping(pair: Sequence[str]) -> bool:
        return all(case.actor(a).role in helpers for a in pair[:2])

    def with_director(pair: Sequence[str]) -> bool:
        return any(case.actor(a).role in directors for a in pair[:2])

    never = [pair for pair in measures.never_met if helping(pair)]
    once = (
        [pair for pair in measures.met_once if helping(pair) and with_director(pair)]
        if settings.never_met.flag_met_once_with_director
        else []
    )
    if not never and not once:
        return []
    signals = 1 + any(with_director(p) for p in never) + (len(never) + len(once) >= 3)
    return [
        Flag(
            "never_met",
            "never" if never else "once",
            in_order(case, (event for _, _, event in once)),
            unique(a for pair in [*never, *once] for a in pair[:2]),
            severity_of(signals),
            {
                "never": tuple(never),
                "once": tuple(once),
                "count": len(never) + len(once),
                "also": ("once",) if never and once else (),
            },
        )
    ]
