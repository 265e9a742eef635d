"""``child_in_the_middle``: the child carries what belongs to the parents.

What it looks like in the data.  Decisions first, one flag per decision-maker:

* ``decision_on_voice``: a professional's decision that gives the child's wish or refusal as its
  reason (lexicon ``refusal``, with the child named before it), or that follows within
  ``decision_window_days`` the child's voice (a child interview, the child acting, or the child's
  refusal told by the child or relayed by a parent); stronger when contact with the child breaks
  off right after (a time-out on the child's refusal) or the decision gives the child's wish as its
  own reason.  The strongest such decision is explained, the others counted, all cited; a repeat
  counts as one more signal.

Then one flag for the case, naming every signal found (the first in this order names it):

* ``refuses_or_kept``: contact moments the child refuses or breaks off, or a parent's side
  keeping the child from the other parent (``refusal``, ``kept_from_parent``);
* ``asked_to_choose``: the child asked to choose or to say where it wants to be
  (``asked_to_choose``; "niet gevraagd te kiezen" is the opposite and does not count);
* ``loyalty``: the child caught between the parents, turned against one, not wanting to choose
  (``loyalty``);
* ``messenger``: the child carrying messages between the parents (``messenger_child``);
* ``repeated_interviews``: a child interviewed ``max_child_interviews`` times or more;
* ``child_therapy``: help for a child (an offer or referral with the child, not for both parents)
  whose own words or goal are about the divorce or the fight or the child processing it
  (``about_the_fight``, ``processing``), that a case conference or decision about the fight
  devised, or from ``therapy_roles`` within ``therapy_window_days`` after the parents clashed
  (``clash_types``).

One signal is weak, two medium, three or more strong.  A phrase counts only with a child named
before it in the sentence, or in an event the child takes part in.

Deliberately not flagged: rulings (a judge who heard the child decides by law); decisions by the
family; one or two interviews; a child's remark that the adults handle without a decision or a
break in contact; help for the whole family or for the child's own need apart from the divorce
("los van de scheiding"); a decision that keeps the course ("de regeling blijft staan", lexicon
``keeps_course``); the words of an analysis, which tell what happened before; a phrase that is
someone's opinion of the other parent ("vader vindt dat moeder de kinderen tegen hem opzet",
lexicon ``opinion``).

Settings: ``[analysis.child_in_the_middle]`` ``decision_window_days``, ``max_child_interviews``,
``therapy_roles``, ``therapy_window_days``, ``clash_types``.  Lexicon: ``refusal``,
``kept_from_parent``, ``asked_to_choose``, ``loyalty``, ``messenger_child``, ``about_the_fight``,
``processing``, ``child_words``, ``keeps_course``, ``opinion``, ``shared_analysis``.
"""

from __future__ import annotations

from typing import Any

from ...config import AnalysisSettings, ChildSettings
from ...model import Case, Event
from ..findings import Flag, Measures
from ..lexicon import Lexicon, children_named, lexicon
from . import _child as evidence
from ._common import children_in, in_order, merged_per, severity_of, unique

_CASE_SIGNALS = (
    "refuses_or_kept",
    "asked_to_choose",
    "loyalty",
    "messenger",
    "repeated_interviews",
    "child_therapy",
)


def _decisions_on_voice(case: Case, config: ChildSettings, words: Lexicon) -> list[Flag]:
    flags = []
    for voice, decision, stop in evidence.decisions_on_voice(
        case, config.decision_window_days, words
    ):
        own = evidence.names_child(case, decision, "refusal", words)
        also = (("contact_stopped",) if stop else ()) + (("in_words",) if own and voice else ())
        facts = {
            "voice": voice.id if voice else decision.id,
            "decision": decision.id,
            "days": (decision.start - voice.start).days if voice else 0,
            "stop": stop.id if stop else "-",
            "actor": decision.actor,
            "window": config.decision_window_days,
            "also": also,
        }
        flags.append(
            Flag(
                "child_in_the_middle",
                "decision_on_voice" if voice else "decision_on_wish",
                unique(e.id for e in (voice, decision, stop) if e),
                (decision.actor,),
                severity_of(1 + len(also) + (not voice)),
                facts,
            )
        )
    return merged_per(
        case,
        flags,
        lambda f: f.actors[0],
        label=lambda f: str(f.facts["decision"]),
        repeats_weigh=True,
    )


def _case_signals(case: Case, config: ChildSettings, words: Lexicon) -> dict[str, list[Event]]:
    interviewed = {
        child: found
        for child, found in evidence.interviews_per_child(case).items()
        if len(found) >= config.max_child_interviews
    }
    therapy = evidence.help_for_the_fight(case, config, words)
    said = evidence.in_words(case, ("asked_to_choose", "loyalty", "messenger_child"), words)
    found = {
        "refuses_or_kept": evidence.refusing_or_kept(case, words),
        "asked_to_choose": said["asked_to_choose"],
        "loyalty": said["loyalty"],
        "messenger": said["messenger_child"],
        "repeated_interviews": [e for events in interviewed.values() for e in events],
        "child_therapy": [e for pair in therapy for e in pair if e is not None],
    }
    return {name: events for name, events in found.items() if events}


def child_in_the_middle(
    case: Case, graph: Any, measures: Measures, settings: AnalysisSettings
) -> list[Flag]:
    config, words = settings.child_in_the_middle, lexicon()
    flags = _decisions_on_voice(case, config, words)
    signals = _case_signals(case, config, words)
    if signals:
        names = [name for name in _CASE_SIGNALS if name in signals]
        events = in_order(case, (e for found in signals.values() for e in found))
        children = unique(
            c
            for found in signals.values()
            for e in found
            for c in (children_named(e.description, case) or children_in(case, e))
        ) or tuple(a.id for a in case.actors if a.role == "child")
        facts: dict[str, object] = {
            f"{name}_events": tuple(e.id for e in signals[name]) for name in names
        }
        facts.update(
            {
                "count": len(names),
                "interviews": len(signals.get("repeated_interviews", ())),
                "limit": config.max_child_interviews,
                "also": tuple(names[1:]),
            }
        )
        flags.append(
            Flag(
                "child_in_the_middle",
                names[0],
                events,
                children,
                severity_of(len(names)),
                facts,
                key=("case",),
            )
        )
    return flags
