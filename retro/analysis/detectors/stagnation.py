"""``stagnation``: stretches where nothing moves, meetings that decide nothing, and who picks it up.

What it looks like in the data, three kinds of stretch:

* ``named``: the timeline itself says the case stands still, nothing happened, or a letter or
  question went unanswered (lexicon ``standstill``, ``no_response``), and nothing moved for
  ``stuck_window_days`` after it (a decision, or an event of ``moving_types``: help, analysis,
  contact, closure), or the event is itself a period of standstill that long;
* ``idle_meetings``: ``min_idle_meetings`` meetings (``meeting_types``) in a row over
  ``idle_min_days`` or more with nothing moving in between and none noting progress; a meeting
  that says it decided nothing (``nothing_decided``) counts twice;
* ``gap``: at least ``gap_days`` without any event while the case is open.

Overlapping stretches are one episode, named after its strongest signal (named, then idle meetings);
the episodes of one name are one flag (the strongest explained, the others counted, all cited, a
repeat counting as one more signal), and episodes of gaps only are one flag too.  The facts say
which sides of the triangle (referrer, parents, therapists, child; ``triangle``, see
:mod:`retro.analysis.triangle`) were at the table, and who held direction during the stretch
(:mod:`retro.analysis.direction`) and took no decision in it (a decision would have ended it).  A
named standstill weighs as two signals: alone it is medium; idle meetings or gaps alone are weak.

Deliberately not flagged: notes of progress and meetings that deliberately keep a course that works
(``progress``: "gaat goed", "koers aanhouden"); words of standstill when something moved soon after
(the referrer took a position and the case went on); written reports as such; the time after a
closure, or right after help started (``quiet_after_types``); gaps in the vague early history
(events known only to the year); an agreed pause with contact going on.

Settings: ``[analysis.stagnation]`` ``gap_days``, ``stuck_window_days``, ``min_idle_meetings``,
``idle_min_days``, ``meeting_types``, ``moving_types``, ``quiet_after_types``, ``triangle``.
Lexicon: ``standstill``, ``no_response``, ``nothing_decided``, ``progress``.
"""

from __future__ import annotations

from typing import Any

from ...config import AnalysisSettings, StagnationSettings
from ...model import Case
from ..findings import Flag, Measures, Severity
from ..lexicon import lexicon
from ..triangle import sides_at_table
from . import _stagnation as stretches
from ._common import in_order, merged_per, severity_of, unique

_ORDER = ("named", "idle_meetings", "gap")


def _episode_flag(
    case: Case, episode: list[stretches.Stretch], measures: Measures, config: StagnationSettings
) -> Flag:
    signals = [s for s in _ORDER if any(part.signal == s for part in episode)]
    start, end = min(p.start for p in episode), max(p.end for p in episode)
    named = [e for part in episode if part.signal != "gap" for e in part.events]
    events = [case.events_by_id[i] for i in in_order(case, named)]
    table = [e for part in episode if part.signal == signals[0] for e in part.events]
    referrers = list(
        unique(h.holder for h in measures.direction if h.start <= end and h.end >= start)
    )
    also = tuple(signals[1:]) + (("no_pickup",) if referrers else ())
    facts = {
        "days": (end - start).days,
        "from": events[0].id,
        "to": events[-1].id,
        "count": len(events),
        "referrer": referrers or "-",
        "sides": sides_at_table(case, table, config.triangle) or "-",
        "also": also,
    }
    return Flag(
        "stagnation",
        signals[0],
        tuple(e.id for e in events),
        unique(a for e in table for a in e.participants),
        severity_of(len(signals) + (signals[0] == "named")),
        facts,
    )


def _gaps_flag(
    gaps: list[stretches.Stretch], measures: Measures, config: StagnationSettings
) -> Flag:
    longest = max(gaps, key=lambda g: (g.end - g.start).days)
    referrers = list(
        unique(
            h.holder
            for g in gaps
            for h in measures.direction
            if h.start <= g.end and h.end >= g.start
        )
    )
    events = unique(e.id for g in gaps for e in g.events)
    severity: Severity = (
        "medium" if (longest.end - longest.start).days >= 2 * config.gap_days else "low"
    )
    facts = {
        "count": len(gaps),
        "days": (longest.end - longest.start).days,
        "after": longest.events[0].id,
        "before": longest.events[1].id,
        "limit": config.gap_days,
        "referrer": referrers or "-",
    }
    return Flag(
        "stagnation",
        "gap",
        events,
        unique(e.actor for g in gaps for e in g.events),
        severity,
        facts,
        key=("gap",),
    )


def stagnation(
    case: Case, graph: Any, measures: Measures, settings: AnalysisSettings
) -> list[Flag]:
    config, words = settings.stagnation, lexicon()
    moving = config.moving_types
    found = (
        stretches.gaps(case, config.gap_days, config.quiet_after_types)
        + stretches.named(case, words, config.stuck_window_days, moving)
        + stretches.idle_meetings(
            case,
            config.min_idle_meetings,
            config.idle_min_days,
            config.meeting_types,
            moving,
            words,
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
    return flags + ([_gaps_flag(only_gaps, measures, config)] if only_gaps else [])
