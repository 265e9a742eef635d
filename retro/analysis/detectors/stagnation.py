"""``stagnation``: stretches where nothing moves, meetings that decide nothing, and who picks it up.

What it looks like in the data, three kinds of stretch: ``gap``, at least ``gap_days`` without any
event while the case is open; ``stuck``, an event that says the case is stuck
(``keywords.stagnation``) after which nothing moved (no decision and no event of ``moving_types``:
help, analysis, contact, closure) for ``stuck_window_days``; ``idle_meetings``,
``min_idle_meetings`` meetings (``meeting_types``) in a row over ``idle_min_days`` or more with
nothing moving in between. Overlapping stretches are one episode, named after its strongest signal
(stuck, then idle meetings); the episodes of one name are one flag (the strongest explained, the
others counted, all cited, a repeat counting as one more signal), and episodes of gaps only are one
flag too.  The facts say which sides of the triangle (referrer, parents, therapists, child;
``triangle``, see :mod:`retro.analysis.triangle`) were at the table when it stuck, and who was the
referrer (a holder of direction active then) who took no decision in it (a decision would have ended
the stretch).  Words of being stuck count only with nothing moving after them, and then weigh as two
signals: a stuck stretch alone is medium, idle meetings or gaps alone are weak.

Deliberately not flagged: the time after a closure, or right after help started (the help running;
``quiet_after_types``); gaps in the vague early history (events known only to the year); words of
being stuck when something moved soon after (the referrer took a position and the case went on);
group sessions that are the help itself when decisions and contacts come in between.

Settings: ``[analysis.stagnation]`` ``gap_days``, ``stuck_window_days``, ``min_idle_meetings``,
``idle_min_days``, ``meeting_types``, ``moving_types``, ``quiet_after_types``, ``triangle``;
``[analysis.keywords]`` ``stagnation``.
"""

from __future__ import annotations

from typing import Any

from ...config import AnalysisSettings, StagnationSettings
from ...model import Case
from ..findings import Flag, Measures
from ..triangle import sides_at_table
from . import _stagnation as stretches
from ._common import in_order, merged_per, severity_of, unique

_ORDER = ("stuck", "idle_meetings", "gap")


def _episode_flag(
    case: Case, episode: list, measures: Measures, config: StagnationSettings
) -> Flag:
    signals = [s for s in _ORDER if any(part.signal == s for part in episode)]
    start, end = min(p.start for p in episode), max(p.end for p in episode)
    events = [
        case.events_by_id[i] for i in in_order(case, (e for part in episode for e in part.events))
    ]
    table = [e for part in episode if part.signal == signals[0] for e in part.events]
    referrers = [h for h, first, last in measures.direction if first <= end and last >= start]
    also = tuple(signals[1:]) + (("no_pickup",) if referrers else ())
    return Flag(
        "stagnation",
        signals[0],
        tuple(e.id for e in events),
        unique(a for e in table for a in e.participants),
        severity_of(len(signals) + (signals[0] == "stuck")),
        {
            "days": (end - start).days,
            "from": events[0].id,
            "to": events[-1].id,
            "referrer": referrers or "-",
            "sides": sides_at_table(case, table, config.triangle) or "-",
            "also": also,
        },
    )


def _gaps_flag(gaps: list, config: StagnationSettings) -> Flag:
    longest = max(gaps, key=lambda g: (g.end - g.start).days)
    events = unique(e.id for g in gaps for e in g.events)
    return Flag(
        "stagnation",
        "gap",
        events,
        unique(e.actor for g in gaps for e in g.events),
        "medium" if (longest.end - longest.start).days >= 2 * config.gap_days else "low",
        {
            "count": len(gaps),
            "days": (longest.end - longest.start).days,
            "after": longest.events[0].id,
            "before": longest.events[1].id,
        },
    )


def stagnation(
    case: Case, graph: Any, measures: Measures, settings: AnalysisSettings
) -> list[Flag]:
    config = settings.stagnation
    moving = config.moving_types
    found = (
        stretches.gaps(case, config.gap_days, config.quiet_after_types)
        + stretches.stuck(case, settings.keywords.stagnation, config.stuck_window_days, moving)
        + stretches.idle_meetings(
            case, config.min_idle_meetings, config.idle_min_days, config.meeting_types, moving
        )
    )
    episodes = stretches.episodes(found)
    only_gaps = [
        part for episode in episodes if all(p.signal == "gap" for p in episode) for part in episode
    ]
    flags = merged_per(
        case,
        (
            _episode_flag(case, e, measures, config)
            for e in episodes
            if any(p.signal != "gap" for p in e)
        ),
        lambda f: f.rule,
        label=lambda f: str(f.facts["from"]),
        repeats_weigh=True,
    )
    return flags + ([_gaps_flag(only_gaps, config)] if only_gaps else [])
