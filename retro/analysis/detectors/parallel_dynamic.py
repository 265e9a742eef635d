"""``parallel_dynamic``: the parents' fight repeats itself among the professionals.

What it looks like in the data, one flag per signal: ``adopts_view``, professionals who adopt a
parent's view (``kiest kant van``), stronger when they did so more than once or only ever met that
parent (``one_parent`` alone, when nobody sided, is weak); ``conflict``, a ``conflict`` relation
between two professionals, stronger when they lean to different parents and a shared event uses
words of convincing (``keywords.convince``); ``contest``, without such a relation, an event where
professionals who lean to different parents use those words; ``messenger``, a professional meeting
one parent with words of carrying messages (``keywords.messenger``) within days of meeting the other
parent alone; ``camps``, groups of the professionals' meeting network (greedy modularity) that each
lean to a different parent; ``complaints``, complaints by a parent's side about professionals,
stronger when repeated or followed by a replacement (a handover by that professional, or words of
``keywords.replace``).  A professional leans to a parent when most of their one-parent meetings and
sidings were with that parent.

Deliberately not flagged: meeting the parents separately as such; a professional who only met one
parent but is not a helper (school, GP: ``helper_roles``); words of convincing or messages without
the structure around them; complaints by professionals.

Settings: ``[analysis.parallel_dynamic]`` ``lean_share``, ``lean_min_events``, ``min_camp_size``,
``messenger_window_days``, ``replace_window_days``; ``[analysis]`` ``not_meeting_types``,
``helper_roles``; ``[analysis.keywords]`` ``convince``, ``messenger``, ``replace``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import networkx as nx

from ...config import AnalysisSettings
from ...model import Case
from ..findings import Flag, Measures
from ..network import copresence_graph
from . import _parallel as signals
from ._common import in_order, severity_of, unique


def parallel_dynamic(
    case: Case, graph: nx.MultiGraph, measures: Measures, settings: AnalysisSettings
) -> list[Flag]:
    config, words = settings.parallel_dynamic, settings.keywords
    meetings = signals.one_sided_meetings(case, settings.not_meeting_types)
    sided = signals.sidings(case)
    leaning = signals.leanings(meetings, sided, config)
    only = {
        p: parent
        for p, parent in measures.one_parent_only
        if case.actor(p).role in settings.helper_roles
    }
    flags = [
        _adopts_view(case, sided, only, meetings),
        *_conflicts(case, graph, leaning, words.convince),
    ]
    flags += [
        Flag(
            "parallel_dynamic",
            "messenger",
            tuple(e.id for e in events),
            (actor,),
            "medium",
            {"count": len(events)},
        )
        for actor, events in signals.messengers(
            case, meetings, words.messenger, config.messenger_window_days
        ).items()
    ]
    flags += [
        _camps(
            case,
            signals.camps(case, copresence_graph(graph), leaning, config.min_camp_size),
            meetings,
        ),
        _complaints(signals.complaints(case, words.replace, config.replace_window_days)),
    ]
    return [f for f in flags if f is not None]


def _adopts_view(
    case: Case, sided: Mapping, only: Mapping[str, str], meetings: Mapping
) -> Flag | None:
    if not sided and not only:
        return None
    if not sided:
        events = in_order(
            case,
            (e for p, parent in only.items() for e, side in meetings.get(p, ()) if side == parent),
        )
        return Flag(
            "parallel_dynamic",
            "one_parent",
            events,
            tuple(only),
            "low",
            {"only": tuple(only.items())},
        )
    sided_events = [e for found in sided.values() for e in found]
    both = [p for p, found in sided.items() if only.get(p) == found[0].sides_with]
    facts = {
        "sided": tuple((p, tuple(e.id for e in found)) for p, found in sided.items()),
        "count": len(sided_events),
        "only": tuple(only.items()),
        "also": ("one_parent",) if only else (),
    }
    return Flag(
        "parallel_dynamic",
        "adopts_view",
        in_order(case, sided_events),
        tuple(sided),
        severity_of(1 + (len(sided_events) >= 2) + bool(both)),
        facts,
    )


def _conflicts(
    case: Case, graph: nx.MultiGraph, leaning: Mapping[str, str], words: Sequence[str]
) -> list[Flag]:
    flags = []
    for a, b, convincing in signals.conflicts(case, graph, words):
        apart = len({leaning.get(a), leaning.get(b)} - {None}) == 2
        also = (("convince",) if convincing else ()) + (("different_parents",) if apart else ())
        flags.append(
            Flag(
                "parallel_dynamic",
                "conflict",
                convincing,
                (a, b),
                severity_of(1 + len(also)),
                {
                    "a": a,
                    "b": b,
                    "lean_a": leaning.get(a, "-"),
                    "lean_b": leaning.get(b, "-"),
                    "also": also,
                },
            )
        )
    if contested := signals.contested(case, leaning, words, {frozenset(f.actors) for f in flags}):
        flags.append(
            Flag(
                "parallel_dynamic",
                "contest",
                tuple(e.id for e in contested),
                unique(a for e in contested for a in e.participants if a in leaning),
                "medium" if len(contested) > 1 else "low",
                {"count": len(contested)},
            )
        )
    return flags


def _camps(case: Case, found: Mapping[str, tuple[str, ...]], meetings: Mapping) -> Flag | None:
    if not found:
        return None
    (parent_a, camp_a), (parent_b, camp_b) = list(found.items())[:2]
    events = in_order(
        case,
        (
            e
            for camp, parent in ((camp_a, parent_a), (camp_b, parent_b))
            for m in camp
            for e, side in meetings.get(m, ())
            if side == parent
        ),
    )
    return Flag(
        "parallel_dynamic",
        "camps",
        events,
        camp_a + camp_b,
        "medium",
        {"camp_a": camp_a, "parent_a": parent_a, "camp_b": camp_b, "parent_b": parent_b},
    )


def _complaints(found: list) -> Flag | None:
    if not found:
        return None
    replaced = list(
        unique(h.id for _, _, h, _ in found if h is not None)
    )  # one handover may answer several complaints
    asked = [c.id for c, _, _, wants in found if wants]
    events = unique(i for c, _, h, _ in found for i in (c.id, h.id if h else None) if i)
    also = (("asked_replacement",) if asked else ()) + (("replaced",) if replaced else ())
    return Flag(
        "parallel_dynamic",
        "complaints",
        events,
        unique(t for _, targets, _, _ in found for t in targets),
        severity_of(1 + (len(found) >= 2) + bool(also)),
        {"count": len(found), "asked": asked, "replaced": replaced, "also": also},
    )
