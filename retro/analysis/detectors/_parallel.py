"""The signals behind ``parallel_dynamic`` (see its docstring): leaning, camps, messengers,
complaints, conflicts."""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import timedelta

import networkx as nx

from ...config import ParallelSettings
from ...model import Case, Event
from ._common import in_order, is_family, is_professional, mentions, one_sided


def one_sided_meetings(
    case: Case, not_meeting_types: Sequence[str]
) -> dict[str, list[tuple[Event, str]]]:
    """Per professional, in order: the meetings at which only one parent's side was present, and
    that parent."""
    found: dict[str, list[tuple[Event, str]]] = defaultdict(list)
    for event in case.events:
        side = one_sided(case, event) if event.type not in not_meeting_types else None
        for actor in event.participants if side else ():
            if is_professional(case, actor):
                found[actor].append((event, side))  # type: ignore[arg-type]
    return found


def sidings(case: Case) -> dict[str, list[Event]]:
    """Per professional, the events in which they adopted a parent's view (``kiest kant van``)."""
    parents = {p.id for p in case.parents}
    found: dict[str, list[Event]] = defaultdict(list)
    for event in case.events:
        if event.sides_with in parents and is_professional(case, event.actor):
            found[event.actor].append(event)
    return found


def leanings(
    meetings: Mapping[str, list[tuple[Event, str]]],
    sided: Mapping[str, list[Event]],
    config: ParallelSettings,
) -> dict[str, str]:
    """The parent each professional leans to: most of their one-parent meetings and sidings were
    with that parent."""
    found: dict[str, str] = {}
    for actor in set(meetings) | set(sided):
        counts = Counter(side for _, side in meetings.get(actor, ())) + Counter(
            e.sides_with for e in sided.get(actor, ()) if e.sides_with
        )
        parent, top = counts.most_common(1)[0]
        if top >= config.lean_min_events and top / sum(counts.values()) >= config.lean_share:
            found[actor] = parent
    return found


def camps(
    case: Case, simple: nx.Graph, leaning: Mapping[str, str], min_size: int
) -> dict[str, tuple[str, ...]]:
    """Groups of professionals who met mostly each other (greedy modularity) and lean, as a group,
    to one parent."""
    professionals = [
        a.id for a in case.actors_in("professional") if a.id in simple and simple.degree(a.id)
    ]
    graph = nx.Graph()
    graph.add_nodes_from(professionals)
    graph.add_weighted_edges_from(
        (a, b, d["meetings"])
        for a, b, d in simple.subgraph(professionals).edges(data=True)
        if d["meetings"]
    )
    if not graph.number_of_edges():
        return {}
    found: dict[str, tuple[str, ...]] = {}
    for group in nx.community.greedy_modularity_communities(graph, weight="weight"):
        leaning_members = Counter(leaning[m] for m in group if m in leaning)
        if len(leaning_members) == 1 and len(group) >= min_size:
            parent = next(iter(leaning_members))
            if leaning_members[parent] * 2 >= len(group) and parent not in found:
                found[parent] = tuple(sorted(group))
    return found if len(found) >= 2 else {}


def _nearest_other_side(seen: list[tuple[Event, str]], i: int, window: int) -> Event | None:
    """The closest meeting with the other parent within ``window`` days of meeting ``i``, before or
    after."""
    event, side = seen[i]
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(seen) and abs((seen[j][0].start - event.start).days) <= window:
            if seen[j][1] != side:
                return seen[j][0]
            j += step
    return None


def messengers(
    case: Case, meetings: Mapping[str, list[tuple[Event, str]]], words: Sequence[str], window: int
) -> dict[str, list[Event]]:
    """Per professional: meetings with one parent that mention carrying messages, each with the
    nearby meeting with the other parent."""
    found: dict[str, list[Event]] = defaultdict(list)
    for actor, seen in meetings.items():
        for i, (event, _) in enumerate(seen):
            other = _nearest_other_side(seen, i, window) if mentions(event, words) else None
            if other is not None:
                found[actor] += [event, other]
    return {
        actor: [case.events_by_id[i] for i in in_order(case, events)]
        for actor, events in found.items()
    }


def complaints(
    case: Case, words: Sequence[str], window: int
) -> list[tuple[Event, tuple[str, ...], Event | None, bool]]:
    """Complaints by a parent's side about professionals: (complaint, its targets, a handover by a
    target within ``window`` days after it, whether it asks for a replacement in words)."""
    handovers = [e for e in case.events if e.type == "handover"]
    starts = [h.start for h in handovers]
    found = []
    for event in case.events:
        actor = case.actor(event.actor)
        targets = tuple(a for a in event.with_actors if is_professional(case, a))
        if (
            event.type == "complaint"
            and targets
            and (is_family(case, actor.id) or actor.role == "lawyer")
        ):
            later = handovers[
                bisect.bisect_left(starts, event.start) : bisect.bisect_right(
                    starts, event.start + timedelta(window)
                )
            ]
            replaced = next((h for h in later if h.actor in targets), None)
            found.append((event, targets, replaced, bool(mentions(event, words))))
    return found


def conflicts(
    case: Case, graph: nx.MultiGraph, words: Sequence[str]
) -> list[tuple[str, str, tuple[str, ...]]]:
    """``conflict`` relations between two professionals, with the shared meetings that use words of
    convincing."""
    found = []
    for r in case.relations:
        if r.kind == "conflict" and all(is_professional(case, a) for a in (r.source, r.target)):
            edge = graph.get_edge_data(r.source, r.target, key="copresence") or {
                "meeting_events": []
            }
            shared = edge["meeting_events"]
            found.append(
                (
                    r.source,
                    r.target,
                    tuple(i for i in shared if mentions(case.events_by_id[i], words)),
                )
            )
    return found


def contested(
    case: Case, leaning: Mapping[str, str], words: Sequence[str], skip: set[frozenset[str]]
) -> list[Event]:
    """Events where professionals who lean to different parents try to convince each other."""
    found = []
    for event in case.events:
        present = [a for a in event.participants if a in leaning]
        if (
            len({leaning[a] for a in present}) >= 2
            and frozenset(present) not in skip
            and mentions(event, words)
        ):
            found.append(event)
    return found
