"""``child_in_the_middle``: the child carries what belongs to the parents.

What it looks like in the data, one flag per signal: ``decision_on_voice``, a professional's
decision within ``decision_window_days`` after the child's voice (a child interview, the child
refusing contact, or an event with the child in words of ``keywords.childs_voice``), stronger when
contact with that child breaks off right after (a time-out on the child's refusal) or the decision
itself gives the child's wish as its reason (one flag per decision-maker: the strongest such
decision explained, the others counted and cited, a repeat counting as one more signal);
``repeated_interviews``, a child interviewed ``max_child_interviews`` times or more, stronger when
by many parties; ``asked_to_choose``, an event with the child in words of choosing
(``keywords.choose``); ``child_therapy``, help for the child from ``therapy_roles`` starting within
``therapy_window_days`` after a clash between the parents (``clash_types``: escalation, complaint,
court, report, contact break).

Deliberately not flagged: rulings (a judge who heard the child decides by law); decisions by the
family; one or two interviews; words about the child's wish without the child present.

Settings: ``[analysis.child_in_the_middle]`` ``decision_window_days``, ``max_child_interviews``,
``therapy_roles``, ``therapy_window_days``, ``clash_types``; ``[analysis.keywords]``
``childs_voice``, ``choose``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...config import AnalysisSettings, ChildSettings
from ...model import Case
from ..findings import Flag, Measures
from . import _child as evidence
from ._common import children_in, in_order, mentions, merged_per, severity_of, unique


def _decisions_on_voice(case: Case, config: ChildSettings, words: Sequence[str]) -> list[Flag]:
    flags = []
    for voice, decision, stop in evidence.decisions_on_voice(
        case, config.decision_window_days, words
    ):
        also = (("contact_stopped",) if stop else ()) + (
            ("in_words",) if mentions(decision, words) else ()
        )
        flags.append(
            Flag(
                "child_in_the_middle",
                "decision_on_voice",
                unique(e.id for e in (voice, decision, stop) if e),
                (decision.actor,),
                severity_of(1 + len(also)),
                {
                    "voice": voice.id,
                    "decision": decision.id,
                    "days": (decision.start - voice.start).days,
                    "stop": stop.id if stop else "-",
                    "actor": decision.actor,
                    "also": also,
                },
            )
        )
    return merged_per(
        case,
        flags,
        lambda f: f.actors[0],
        label=lambda f: str(f.facts["decision"]),
        repeats_weigh=True,
    )


def _interviews(case: Case, config: ChildSettings) -> Flag | None:
    many = {
        c: found
        for c, found in evidence.interviews_per_child(case).items()
        if len(found) >= config.max_child_interviews
    }
    if not many:
        return None
    events = in_order(case, (e for found in many.values() for e in found))
    interviewers = unique(case.events_by_id[i].actor for i in events)
    most = max(len(found) for found in many.values())
    return Flag(
        "child_in_the_middle",
        "repeated_interviews",
        events,
        tuple(many) + interviewers,
        severity_of(1 + (most > config.max_child_interviews) + (len(interviewers) >= 3)),
        {
            "interviewed": tuple((c, len(found)) for c, found in many.items()),
            "interviewers": len(interviewers),
        },
    )


def child_in_the_middle(
    case: Case, graph: Any, measures: Measures, settings: AnalysisSettings
) -> list[Flag]:
    config, words = settings.child_in_the_middle, settings.keywords
    flags = [*_decisions_on_voice(case, config, words.childs_voice), _interviews(case, config)]
    if pairs := evidence.therapies_after_clash(case, config):
        flags.append(
            Flag(
                "child_in_the_middle",
                "child_therapy",
                unique(e.id for pair in pairs for e in pair),
                unique(a for _, e in pairs for a in children_in(case, e)),
                "medium" if len(pairs) > 1 else "low",
                {"count": len(pairs), "therapies": [e.id for _, e in pairs]},
            )
        )
    if choosing := [e for e in case.events if children_in(case, e) and mentions(e, words.choose)]:
        flags.append(
            Flag(
                "child_in_the_middle",
                "asked_to_choose",
                tuple(e.id for e in choosing),
                unique(a for e in choosing for a in children_in(case, e)),
                "medium",
                {"count": len(choosing)},
            )
        )
    return [flag for flag in flags if flag is not None]
