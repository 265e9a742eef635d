"""``ad_hoc_decision``: decisions taken in reaction to an urgent moment, not from a shared analysis.

What it looks like in the data: a decision (type ``besluit`` or ``besluit = ja``) whose
``aanleiding`` is urgency, crisis or pressure, or that follows an escalation, complaint,
report or contact break within ``trigger_window_days`` with no ``analyse`` event in
between.  Severity rises when the decision is taken by a professional who does not hold
case direction (not a case director, and not child protection in the compulsory framework).

Deliberately not flagged: a decision after a trigger when an ``analyse`` event came in
between; decisions based on a ruling (``uitspraak``); decisions by the family themselves.

Settings: ``[analysis.ad_hoc_decision]`` ``trigger_window_days``, ``urgent_bases``, ``trigger_types``.
"""

from __future__ import annotations

from typing import Any, Mapping

from ..findings import Flag
from ..model import Case, Event
from ._common import holds_direction


def _trigger(case: Case, index: int, decision: Event, settings: Mapping[str, Any]) -> Event | None:
    """The latest trigger before the decision within the window, unless an analysis came after it."""
    for earlier in reversed(case.events[:index]):
        if (decision.start - earlier.start).days > settings["trigger_window_days"]:
            return None
        if earlier.type == "analysis":
            return None
        if earlier.type in settings["trigger_types"]:
            return earlier
    return None


def ad_hoc_decision(case: Case, graph: Any, measures: Any, settings: Mapping[str, Any]) -> list[Flag]:
    config = settings["ad_hoc_decision"]
    flags = []
    for index, event in enumerate(case.events):
        if not event.is_decision or event.basis in ("ruling", "analysis", "plan") or case.actor(event.actor).category == "family":
            continue
        trigger = _trigger(case, index, event, config)
        urgent = event.basis in config["urgent_bases"]
        if not (trigger or urgent):
            continue
        without_direction = not holds_direction(case, event.actor) and case.actor(event.actor).category == "professional"
        rule = "after_trigger" if trigger else "urgent_basis"
        signals = sum([bool(trigger), urgent, without_direction])
        severity = "high" if signals >= 3 else "medium" if signals == 2 else "low"
        evidence = (trigger.id, event.id) if trigger else (event.id,)
        facts = {"decision": event.id, "trigger": trigger.id if trigger else "", "days": (event.start - trigger.start).days if trigger else 0,
                 "basis": event.basis or "", "without_direction": without_direction}
        flags.append(Flag("ad_hoc_decision", rule, evidence, (event.actor,), severity, facts))  # type: ignore[arg-type]
    return flags
