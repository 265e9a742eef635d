"""``unreachable_goal``: help aimed at what cannot be reached while the fight goes on.

What it looks like in the data: help, a decision or a plan by a professional whose goal (the
``doel`` column, or else its description) aims at

* the parents communicating, cooperating or keeping agreements (lexicon ``goal_communicate``,
  with the parents named or both taking part: professionals working together is no such goal);
* contact against the child's will, because it should happen (``goal_contact_forced``);
* a child "processing" the divorce while the fight goes on (``processing``, with a child named
  or taking part);
* a parent changing, coming to see or accepting something (``goal_other_changes``, with a parent
  named).

Which events can carry such a goal: any event with a ``doel`` by a professional; an offer, a
decision, a referral or a case conference; or another event whose description says what the help
aims at (``goal_marker``: "doel", "behandelplan").  One flag per case listing them; strongest
when the same kind of goal is pursued again after help for it failed (an event that says it
failed: ``failed``, or one that says it is the same goal again: ``again``).  Strong when the same
kind of goal is pursued more than once (or said to be pursued again), medium for two different
such goals, weak for one.

Deliberately not flagged: goals of calm and safety, parallel parenting, a parenting plan, a
person's own need (``goal_calm``) when nothing else in the goal is out of reach; goals under a
negation ("niet gericht op communicatie"); help for a parent's own coping; contact restoration
chosen after a shared analysis with the referrer holding the position (no words of force); what the
court orders; evaluations that find agreements kept.

Settings: none of its own; ``[analysis]`` ``helper_roles``.  Lexicon: ``goal_communicate``,
``goal_contact_forced``, ``processing``, ``goal_other_changes``, ``goal_marker``, ``failed``,
``again``, ``child_words``, ``parent_words``.
"""

from __future__ import annotations

import re
from typing import Any

from ...config import AnalysisSettings
from ...model import Case, Event
from ..findings import Flag, Measures, Severity
from ..lexicon import Lexicon, lexicon, names_a_child
from ._common import children_in, in_order, unique

_CARRIERS = ("intervention", "decision", "referral", "case_conference")
_GOALS = ("goal_communicate", "goal_contact_forced", "processing", "goal_other_changes")


def _carries_goal(case: Case, event: Event, words: Lexicon) -> bool:
    actor = case.actor(event.actor)
    if actor.category != "professional":
        return False
    return (
        bool(event.goal)
        or event.type in _CARRIERS
        or event.is_decision
        or bool(words.says(event, "goal_marker"))
    )


def _goal_kind(case: Case, event: Event, words: Lexicon) -> str | None:
    """Which out-of-reach goal the event aims at, if any: read in its ``doel`` when it has one,
    else in its description."""
    text = event.goal or event.description
    for family in _GOALS:
        if words.find(text, family) and _whose(case, event, text, family, words):
            return family
    return None


def _whose(case: Case, event: Event, text: str, family: str, words: Lexicon) -> bool:
    """The goal is about the parents (communicating: the parents are named, or both take part; a
    parent changing: a parent is named) or about a child (processing: a child is named or takes
    part), not about the professionals."""
    if family == "processing":
        return bool(children_in(case, event)) or names_a_child(text, case, words)
    if family in ("goal_communicate", "goal_other_changes"):
        parents = {p.id for p in case.parents}
        both = len(parents) >= 2 and parents <= set(event.participants)
        named = words.find(text, "parent_words") is not None or any(
            re.search(rf"\b{re.escape(p.casefold())}\b", text.casefold()) for p in parents
        )
        return named if family == "goal_other_changes" else both or named
    return True


def unreachable_goal(
    case: Case, graph: Any, measures: Measures, settings: AnalysisSettings
) -> list[Flag]:
    words = lexicon()
    aimed: list[tuple[Event, str]] = []
    failures: list[Event] = []
    again: list[Event] = []
    for event in case.events:
        if _carries_goal(case, event, words) and (kind := _goal_kind(case, event, words)):
            earlier_failure = any(f.start <= event.start for f in failures)
            if words.says(event, "again", goal=True) or (
                earlier_failure and any(k == kind for _, k in aimed)
            ):
                again.append(event)
            aimed.append((event, kind))
        if words.says(event, "failed") and any(e.start <= event.start for e, _ in aimed):
            failures.append(event)
    if not aimed:
        return []
    kinds = unique(kind for _, kind in aimed)
    repeated = any(sum(k == kind for _, k in aimed) > 1 for kind in kinds)
    severity: Severity = "high" if again or repeated else "medium" if len(aimed) >= 2 else "low"
    evidence = in_order(case, [*(e for e, _ in aimed), *failures])
    facts = {
        "count": len(aimed),
        "goals": kinds,
        "aimed": tuple(e.id for e, _ in aimed),
        "again": tuple(e.id for e in again),
        "failed": tuple(e.id for e in failures),
        "repeated": tuple(k for k in kinds if sum(k == kind for _, kind in aimed) > 1),
        "also": (("again",) if again else ("repeated",) if repeated else ())
        + (("failed",) if failures and not again else ()),
    }
    actors = unique(e.actor for e, _ in aimed)
    return [
        Flag(
            "unreachable_goal",
            "aims_out_of_reach",
            evidence,
            actors,
            severity,
            facts,
            key=("case",),
        )
    ]
