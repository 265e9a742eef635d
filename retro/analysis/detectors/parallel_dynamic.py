"""``parallel_dynamic``: the parents' fight repeats itself among the professionals.

What it looks like in the data, one flag per signal:

* ``adopts_view``: professionals who take one parent's side: the ``kiest kant van`` column, or,
  outside a decision, acting on one parent's behalf (a statement for their lawyer, a letter at
  their request: lexicon ``on_behalf``) or taking one parent's story as fact (``adopts_story``:
  "neemt moeders lezing over", "has never spoken to Father"), with only that parent's side
  present or the parent they lean to.  Stronger when it happened more than once, and when they
  only ever met that parent.  One flag per professional.
* ``conflict``: a ``conflict`` relation (sheet ``Relaties``) between two professionals who lean
  to different parents, or whose shared meetings speak of convincing (``convince``).  It cites
  the relation's row.
* ``contest``: an event where professionals who lean to different parents try to convince each
  other or ask for the other's replacement (``convince``, ``replace``).
* ``messenger``: a professional who acts in a contact with one parent (a conversation, a call)
  with words of carrying messages (``messenger``: the row is theirs, not one they only receive),
  within ``messenger_window_days`` of a contact with the other parent alone.
* ``camps``: groups of the professionals' meeting network (greedy modularity) that each lean to
  a different parent.
* ``complaints``: complaints by a parent's side (a parent, their family or lawyer) filed with
  professionals, stronger when repeated or followed by a replacement (a handover by one it was
  filed with, within ``replace_window_days``, or words of ``replace``).  The flag names those who
  complained, not those it was filed with: a complaint is about what its text names.

A professional leans to a parent when most of their contacts with only one parent's side present
(conversations, calls, letters; not referrals, complaints or reports) and sidings were with that
parent (``lean_share``, ``lean_min_events``).

Deliberately not flagged: meeting the parents separately as such; seeing one parent for that
parent's own treatment or need (only meeting one parent is never a signal on its own); a
``conflict`` relation between professionals that has nothing to do with the parents (who holds
direction, say); words of convincing or messages without the structure around them; complaints by
professionals; a decision taken at one parent's request (see ``ad_hoc_decision``).

Settings: ``[analysis.parallel_dynamic]`` ``lean_share``, ``lean_min_events``, ``min_camp_size``,
``messenger_window_days``, ``replace_window_days``.  Lexicon: ``on_behalf``, ``adopts_story``,
``convince``, ``messenger``, ``replace``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import networkx as nx

from ...config import AnalysisSettings
from ...model import Case, Event
from ..findings import Flag, Measures
from ..lexicon import Lexicon, lexicon
from . import _parallel as signals
from ._common import in_order, severity_of, unique


def parallel_dynamic(
    case: Case, graph: nx.MultiGraph, measures: Measures, settings: AnalysisSettings
) -> list[Flag]:
    config, words = settings.parallel_dynamic, lexicon()
    meetings = signals.one_sided_contacts(case)
    first_leaning = signals.leanings(meetings, {}, config)
    sided = signals.sidings(case, words, first_leaning)
    leaning = signals.leanings(meetings, signals.sided_pairs(case, sided, first_leaning), config)
    only = dict(measures.one_parent_only)
    flags: list[Flag | None] = [
        _adopts_view(case, actor, events, only, leaning, words) for actor, events in sided.items()
    ]
    flags += _conflicts(case, graph, leaning, words, sided, meetings)
    flags += [
        Flag(
            "parallel_dynamic",
            "messenger",
            tuple(e.id for e in events),
            (actor,),
            "medium",
            {"count": len(events), "window": config.messenger_window_days},
            key=("messenger", actor),
        )
        for actor, events in signals.messengers(
            case, meetings, words, config.messenger_window_days
        ).items()
    ]
    found_camps = signals.camps(case, graph, leaning, config.min_camp_size)
    flags += [
        _camps(case, found_camps, meetings),
        _complaints(
            case,
            signals.complaints(case, words, config.replace_window_days),
            config.replace_window_days,
        ),
    ]
    return [f for f in flags if f is not None]


def _adopts_view(
    case: Case,
    actor: str,
    events: Sequence[Event],
    only: Mapping[str, str],
    leaning: Mapping[str, str],
    words: Lexicon,
) -> Flag:
    sides = unique(side for e in events if (side := signals.side_taken(case, e, leaning)))
    only_that = only.get(actor) in sides
    how = {
        name: tuple(e.id for e in events if signals.how_sided(case, e, words) == name)
        for name in ("column", "behalf", "story")
    }
    facts = {
        "actor": actor,
        "parents": sides,
        "count": len(events),
        **{f"{name}_events": ids for name, ids in how.items()},
        "also": tuple(name for name, ids in how.items() if ids)
        + (("one_parent",) if only_that else ()),
    }
    severity = severity_of(1 + (len(events) >= 2) + only_that)
    return Flag(
        "parallel_dynamic",
        "adopts_view",
        in_order(case, events),
        (actor,),
        severity,
        facts,
        key=("adopts_view", actor),
    )


def _leaned_by(
    actor: str,
    parent: str | None,
    sided: Mapping[str, Sequence[Event]],
    meetings: Mapping[str, list[tuple[Event, str]]],
) -> list[Event]:
    """The rows that show a professional leaning to ``parent``: the sides they took, else their
    contacts with that parent alone."""
    alone = [e for e, side in meetings.get(actor, ()) if side == parent]
    return list(sided.get(actor, ())) or alone


def _conflicts(
    case: Case,
    graph: nx.MultiGraph,
    leaning: Mapping[str, str],
    words: Lexicon,
    sided: Mapping[str, Sequence[Event]],
    meetings: Mapping[str, list[tuple[Event, str]]],
) -> list[Flag]:
    """A conflict in the Relaties sheet between professionals who lean apart or try to convince
    each other: the relation's row, and the events that show it (the convincing, the leaning)."""
    flags = []
    for a, b, row, convincing in signals.conflicts(case, graph, words):
        apart = len({leaning.get(a), leaning.get(b)} - {None}) == 2
        if not (apart or convincing):
            continue
        shown = [case.events_by_id[i] for i in convincing]
        if apart:
            shown += _leaned_by(a, leaning[a], sided, meetings)
            shown += _leaned_by(b, leaning[b], sided, meetings)
        also = (("convince",) if convincing else ()) + (("different_parents",) if apart else ())
        facts = {
            "a": a,
            "b": b,
            "lean_a": leaning.get(a, "-"),
            "lean_b": leaning.get(b, "-"),
            "row": row,
            "also": also,
        }
        flags.append(
            Flag(
                "parallel_dynamic",
                "conflict",
                in_order(case, shown),
                (a, b),
                severity_of(len(also)),
                facts,
                relations=(row,),
                key=("conflict", *sorted((a, b))),
            )
        )
    if contested := signals.contested(case, leaning, words, {frozenset(f.actors) for f in flags}):
        present = unique(a for e in contested for a in e.participants if a in leaning)
        flags.append(
            Flag(
                "parallel_dynamic",
                "contest",
                tuple(e.id for e in contested),
                present,
                "medium" if len(contested) > 1 else "low",
                {"count": len(contested)},
            )
        )
    return flags


def _camps(
    case: Case,
    found: Mapping[str, tuple[str, ...]],
    meetings: Mapping[str, list[tuple[Event, str]]],
) -> Flag | None:
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
    facts = {"camp_a": camp_a, "parent_a": parent_a, "camp_b": camp_b, "parent_b": parent_b}
    return Flag("parallel_dynamic", "camps", events, camp_a + camp_b, "medium", facts)


def _complaints(
    case: Case, found: list[tuple[Event, Event | None, bool]], window: int
) -> Flag | None:
    if not found:
        return None
    replaced = list(unique(h.id for _, h, _ in found if h is not None))
    asked = [c.id for c, _, wants in found if wants]
    events = unique(i for c, h, _ in found for i in (c.id, h.id if h else None) if i)
    also = (("asked_replacement",) if asked else ()) + (("replaced",) if replaced else ())
    complainants = unique(c.actor for c, _, _ in found)
    facts = {
        "count": len(found),
        "asked": asked,
        "replaced": replaced,
        "by": complainants,
        "window": window,
        "also": also,
    }
    return Flag(
        "parallel_dynamic",
        "complaints",
        events,
        complainants,
        severity_of(1 + (len(found) >= 2) + bool(also)),
        facts,
    )
