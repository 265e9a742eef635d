"""The actor network of a case and the measures a facilitator can read.

Edges are kept apart by kind (the key of the MultiGraph edge), so a conflict is never
counted as cooperation: ``copresence`` (shared events; ``weight`` = count,
``recency`` = weight decayed by age, ``events`` = ids), ``referral``, ``handover``,
``decision_about`` (directed, with ``source``), and the ``Relaties`` kinds
``cooperation``, ``conflict``, ``assignment``, ``represents``.  Co-presence is
counted per event from its few participants, so building the graph is linear in the
number of events.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from datetime import date
from itertools import combinations
from typing import Any, Mapping

import networkx as nx

from .findings import ActorMeasure, Measures
from .model import Case

_DIRECTED_TYPES = {"referral": "referral", "handover": "handover"}


def _add(graph: nx.MultiGraph, a: str, b: str, kind: str, event_id: str | None, source: str | None = None) -> None:
    if graph.has_edge(a, b, key=kind):
        data = graph.edges[a, b, kind]
        data["weight"] += 1
        if event_id:
            data["events"].append(event_id)
    else:
        graph.add_edge(a, b, key=kind, weight=1, events=[event_id] if event_id else [], source=source)


def actor_graph(case: Case, *, half_life_days: float = 365) -> nx.MultiGraph:
    """Every actor as a node, every kind of tie as its own edge."""
    graph = nx.MultiGraph()
    first: dict[str, date] = {}
    last: dict[str, date] = {}
    for event in case.events:
        for actor in event.participants:
            first.setdefault(actor, event.start)
            last[actor] = max(last.get(actor, event.end), event.end)
    for actor in case.actors:
        graph.add_node(actor.id, role=actor.role, category=actor.category, organisation=actor.organisation,
                       framework=actor.framework, side=actor.side, first=first.get(actor.id), last=last.get(actor.id))
    end = case.end
    recency: dict[tuple[str, str], float] = Counter()
    for event in case.events:
        age = (end - event.start).days if end else 0
        decay = 0.5 ** (age / half_life_days)
        for a, b in combinations(sorted(event.participants), 2):
            _add(graph, a, b, "copresence", event.id)
            recency[(a, b)] += decay
        kind = _DIRECTED_TYPES.get(event.type) or ("decision_about" if event.is_decision else None)
        for other in event.with_actors if kind else ():
            _add(graph, event.actor, other, kind, event.id, source=event.actor)
    for (a, b), value in recency.items():
        graph.edges[a, b, "copresence"]["recency"] = round(value, 3)
    for relation in case.relations:
        _add(graph, relation.source, relation.target, relation.kind, None, source=relation.source)
    return graph


def copresence_graph(graph: nx.MultiGraph) -> nx.Graph:
    """Only the co-presence edges, as a simple weighted graph."""
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes(data=True))
    simple.add_edges_from((a, b, {"weight": d["weight"]}) for a, b, k, d in graph.edges(keys=True, data=True)
                          if k == "copresence")
    return simple


def _month_starts(start: date, end: date) -> list[date]:
    months, current = [], start.replace(day=1)
    while current <= end:
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def helpers_over_time(case: Case, *, window_days: int = 90) -> tuple[tuple[date, int], ...]:
    """Per month: how many professionals had an event within ``window_days`` of it."""
    if not case.events:
        return ()
    dates: dict[str, list[int]] = defaultdict(list)
    professionals = {a.id for a in case.actors_in("professional")}
    for event in case.events:
        for actor in event.participants:
            if actor in professionals:
                dates[actor].append(event.start.toordinal())
    for values in dates.values():
        values.sort()
    series = []
    for month in _month_starts(case.events[0].start, case.end):  # type: ignore[arg-type]
        centre = month.toordinal() + 15
        active = sum(1 for values in dates.values()
                     if (i := bisect.bisect_left(values, centre - window_days)) < len(values) and values[i] <= centre + window_days)
        series.append((month, active))
    return tuple(series)


def _pairs(case: Case, simple: nx.Graph, busy: list[str]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Pairs of busy professionals whose active periods overlap, by how often they shared an event."""
    never, once = [], []
    period = {n: (simple.nodes[n]["first"], simple.nodes[n]["last"]) for n in busy}
    for a, b in combinations(busy, 2):
        if period[a][0] > period[b][1] or period[b][0] > period[a][1]:
            continue
        weight = simple.edges[a, b]["weight"] if simple.has_edge(a, b) else 0
        (never if weight == 0 else once if weight == 1 else []).append((a, b))
    return never, once


def network_measures(case: Case, graph: nx.MultiGraph, settings: Mapping[str, Any]) -> Measures:
    """Pivot, pairs that never met, helpers over time, handovers, one-parent contacts."""
    simple = copresence_graph(graph)
    betweenness = nx.betweenness_centrality(simple) if len(simple) > 2 else {n: 0.0 for n in simple}
    counts = Counter(a for e in case.events for a in e.participants)
    actors = tuple(
        ActorMeasure(a.id, a.role, a.category, len(set(graph.neighbors(a.id))), round(betweenness.get(a.id, 0.0), 4),
                     counts[a.id], graph.nodes[a.id]["first"], graph.nodes[a.id]["last"])
        for a in case.actors)
    professionals = [a for a in case.actors_in("professional")]
    busy = sorted(a.id for a in professionals if counts[a.id] >= settings["min_events"])
    never, once = _pairs(case, simple, busy)
    parents = [p.id for p in case.parents]
    one_parent = []
    if len(parents) >= 2:
        for actor in busy:
            met = [p for p in parents if simple.has_edge(actor, p)]
            if len(met) == 1:
                one_parent.append((actor, met[0]))
    pivot = max(professionals, key=lambda a: (betweenness.get(a.id, 0.0), counts[a.id]), default=None)
    series = helpers_over_time(case, window_days=settings["active_window_days"])
    return Measures(actors, pivot.id if pivot else None, tuple(never), tuple(once),
                    sum(1 for e in case.events if e.type == "handover"), tuple(one_parent), series,
                    max((n for _, n in series), default=0))
