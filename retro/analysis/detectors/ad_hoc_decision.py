"""``ad_hoc_decision``: decisions taken in reaction to an urgent moment, not from a shared analysis.

What it looks like in the data, four signals on a professional's decision (type ``besluit`` or
``besluit = ja``):

* ``after_trigger``: it follows an escalation, complaint, report or contact break
  (``trigger_types``), or a message or step from a parent's side that asks for quick action in
  its own words (lexicon ``alarm``: "in paniek", "per direct", "eist"), within
  ``trigger_window_days``, with no shared analysis in between (an ``analyse`` event, or a meeting
  the timeline calls a shared analysis: lexicon ``shared_analysis``);
* ``urgent_basis``: its ``aanleiding`` is urgency, crisis or pressure (``urgent_bases``);
* ``reversed``: a later decision about the same family within ``reversal_window_days`` says it
  undoes it (lexicon ``reversal``);
* ``without_direction``: a professional who did not hold direction took it while someone who
  did (:mod:`retro.analysis.direction`) was involved and not there;
* ``hasty`` / ``unheard``: the decision's own words say it was taken at once ("dezelfde dag",
  "per direct": lexicon ``hasty``) or without hearing someone it concerns ("zonder overleg met
  vader", "hoort het van": lexicon ``unheard``).

The first signal found names the rule, the others are added to the explanation; one signal is
weak, two medium, three or more strong.  The basis alone never fires: it is the facilitator's
own label, so it only adds weight to a signal found in the timeline; the words of haste or of
someone not heard do not fire alone either, but two of these three together do.  One flag per
decision-maker: their strongest such decision is explained, the others are counted and named,
every one is cited; a pattern that repeats counts as one more signal.

Deliberately not flagged: a decision after a trigger when a shared analysis came in between;
decisions based on a ruling, an analysis or a plan (``considered_bases``); decisions by the
family or the court; a reversal word in a decision about other people; the planned end of a
time-limited measure (the first decision has an ``einddatum`` and the later one comes at its
end, or the later one says it goes as planned: lexicon ``as_planned``), which is no reversal.

Settings: ``[analysis.ad_hoc_decision]`` ``trigger_window_days``, ``urgent_bases``,
``trigger_types``, ``considered_bases``, ``reversal_window_days``; ``[analysis]``
``direction_roles``.  Lexicon: ``alarm``, ``hasty``, ``unheard``, ``shared_analysis``,
``reversal``, ``as_planned``.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from datetime import date
from typing import Any, NamedTuple

from ...config import AdHocSettings, AnalysisSettings
from ...model import Case, Event
from ..findings import Flag, Measures
from ..lexicon import Lexicon, lexicon
from ._common import holders_at, is_family, merged_per, on_parents_side, severity_of

_RULES = ("after_trigger", "urgent_basis", "reversed", "without_direction", "hasty", "unheard")
_WEAK = {"urgent_basis", "hasty", "unheard"}  # one of these alone never fires; two together do


class _Reversals(NamedTuple):
    """The decisions that say they undo an earlier one, and their start days (for bisect), in
    timeline order."""

    events: list[Event]
    starts: list[date]


def _planned_end(decision: Event, later: Event, words: Lexicon) -> bool:
    """The later decision ends a time-limited measure as planned: no reversal."""
    at_its_end = decision.end_date is not None and later.start >= decision.end_date.start
    return at_its_end or words.says(later, "as_planned") is not None


def _reversal(
    case: Case, decision: Event, reversals: _Reversals, window: int, words: Lexicon
) -> Event | None:
    """The first later decision about the same family, within the window, that says it undoes
    this one (and is not its planned end)."""
    family = {a for a in decision.participants if is_family(case, a)}
    for later in reversals.events[bisect.bisect_left(reversals.starts, decision.start) :]:
        if (later.start - decision.start).days > window:
            return None
        if later is not decision and family & set(later.participants):
            return None if _planned_end(decision, later, words) else later
    return None


def _signals(
    case: Case,
    decision: Event,
    trigger: Event | None,
    measures: Measures,
    reversals: _Reversals,
    config: AdHocSettings,
    settings: AnalysisSettings,
) -> dict[str, Any]:
    reversal = _reversal(case, decision, reversals, config.reversal_window_days, lexicon())
    holders = [h for h in holders_at(measures, decision.start) if h not in decision.participants]
    decided_by_holder = decision.actor in holders_at(measures, decision.start)
    words = lexicon()
    hasty, unheard = words.says(decision, "hasty"), words.says(decision, "unheard")
    return {
        "after_trigger": trigger,
        "urgent_basis": decision.basis in config.urgent_bases,
        "reversed": reversal,
        "without_direction": holders[0] if holders and not decided_by_holder else None,
        "hasty": hasty.words if hasty else "",
        "unheard": unheard.words if unheard else "",
    }


def _is_analysis(event: Event, words: Lexicon) -> bool:
    return event.type == "analysis" or (
        event.type == "case_conference" and words.says(event, "shared_analysis") is not None
    )


def _is_trigger(case: Case, event: Event, config: AdHocSettings, words: Lexicon) -> bool:
    """An event of ``trigger_types``, or a message or step from a parent's side (a parent, their
    family or lawyer) that asks for quick action in its own words: panic, anger, a demand
    (lexicon ``alarm``)."""
    return event.type in config.trigger_types or (
        on_parents_side(case, event.actor)
        and not event.is_decision
        and words.says(event, "alarm") is not None
    )


def _considered(case: Case, event: Event, config: AdHocSettings) -> bool:
    """Decisions this detector never flags: by the family or the court, or from a ruling, an
    analysis or a plan."""
    return (
        event.basis in config.considered_bases
        or is_family(case, event.actor)
        or case.actor(event.actor).role == "court"
    )


def ad_hoc_decision(
    case: Case, graph: Any, measures: Measures, settings: AnalysisSettings
) -> list[Flag]:
    config, words = settings.ad_hoc_decision, lexicon()
    undoing = [e for e in case.events if e.is_decision and words.says(e, "reversal")]
    reversals = _Reversals(undoing, [e.start for e in undoing])
    flags: list[Flag] = []
    trigger: Event | None = None
    for event in case.events:
        if _is_analysis(event, words):
            trigger = None
        if event.is_decision and not _considered(case, event, config):
            days = (event.start - trigger.start).days if trigger else None
            recent = trigger if days is not None and days <= config.trigger_window_days else None
            signals = _signals(case, event, recent, measures, reversals, config, settings)
            found = [rule for rule in _RULES if signals[rule]]
            if len(found) >= 2 or (found and found[0] not in _WEAK):
                flags.append(_flag(event, signals, found, config))
        if _is_trigger(case, event, config, words):
            trigger = event
    return merged_per(
        case,
        flags,
        lambda f: f.actors[0],
        label=lambda f: str(f.facts["decision"]),
        repeats_weigh=True,
    )


def _flag(
    decision: Event, signals: Mapping[str, Any], found: list[str], config: AdHocSettings
) -> Flag:
    trigger, reversal = signals["after_trigger"], signals["reversed"]
    evidence = tuple(e.id for e in (trigger, decision, reversal) if e is not None)
    facts = {
        "decision": decision.id,
        "actor": decision.actor,
        "basis": decision.basis or "unknown",
        "trigger": trigger.id if trigger else "",
        "trigger_type": (trigger.type if trigger.type in config.trigger_types else "alarm")
        if trigger
        else "",
        "days": (decision.start - trigger.start).days if trigger else 0,
        "reversal": reversal.id if reversal else "",
        "reversal_days": (reversal.start - decision.start).days if reversal else 0,
        "holder": signals["without_direction"] or "",
        "hasty": signals["hasty"],
        "unheard": signals["unheard"],
        "window": config.trigger_window_days,
        "signals": tuple(found),
        "also": tuple(found[1:]),
    }
    return Flag(
        "ad_hoc_decision", found[0], evidence, (decision.actor,), severity_of(len(found)), facts
    )
