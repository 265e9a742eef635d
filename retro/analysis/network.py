"""The actor network of a case and the measures a facilitator can read.

Edges are kept apart by kind (the key of the MultiGraph edge), so a conflict is never counted as
cooperation: ``copresence`` (shared events; ``weight`` = count, ``recency`` = weight decayed by age,
``events`` = ids, ``meetings`` and ``meeting_events`` = only the events at which they met, as
:mod:`retro.analysis.meetings` defines it: not a letter, an e-mail, a phone call, a referral, a
report or a complaint), ``referral``, ``handover``, ``decision_about``
(directed, with ``source``), and the ``Relaties`` kinds ``cooperation``, ``conflict``,
``assignment``, ``represents``.  Co-presence is counted per event from its few participants, so
building the graph and every measure is linear in the number of events; only the (few) actors are
ever compared in pairs.

Whether two actors *met* is decided in one place, :func:`meetings_of_pair` (a meeting while both
were involved; for two professionals also a meeting of one with a colleague of the other).
Who was involved when is :mod:`retro.analysis.involvement` (first to last event, or the end of a
period), and who held case direction :mod:`retro.analysis.direction`.
``Measures.never_met``, ``met_once`` and ``ActorMeasure.professionals_met`` use it, and the
``never_met`` detector, the report and ``retro analyse`` read those measures."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from datetime import date
from itertools import combinations
from typing import Any

import networkx as nx

from ..config import AnalysisSettings
from ..model import Case
from .direction import holdings
from .findings import ActorMeasure, Measures
from .involvement import at_once_per_month, involvements
from .lexicon import Lexicon
from .meetings import meeting_pairs
from .timeseries import involved_over_time, period_counts

__all__ = [
    "actor_graph",
    "colleagues",
    "copresence_graph",
    "involved_over_time",
    "meetings_of_pair",
    "network_measures",
]

_DIRECTED_TYPES = {"referral": "referral", "handover": "handover"}


def _add(
    graph: nx.MultiGraph, a: str, b: str, kind: str, event_id: str | None, source: str | None = None
) -> None:
    data = graph.get_edge_data(a, b, kind)
    if data is not None:
        data["weight"] += 1
        if event_id:
            data["events"].append(event_id)
    else:
        graph.add_edge(
            a, b, key=kind, weight=1, events=[event_id] if event_id else [], source=source
        )


def _copresence(
    case: Case, half_life_days: float, meeting_types: Collection[str], words: Lexicon
) -> dict[tuple[str, str], dict[str, Any]]:
    """Per pair of actors: how often, how recently and in which events they were together, and at
    which of them they met."""
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    end = case.end
    for event, participants in zip(case.events, case.participants_per_event):
        decay = 0.5 ** (((end - event.start).days if end else 0) / half_life_days)
        met = meeting_pairs(event, meeting_types, words)
        met_here = set(met) if met else ()  # most events are no meeting
        for pair in combinations(sorted(participants), 2):
            data = pairs.get(pair)
            if data is None:
                data = pairs[pair] = {
                    "weight": 0,
                    "recency": 0.0,
                    "events": [],
                    "meetings": 0,
                    "meeting_events": [],
                }
            data["weight"] += 1
            data["recency"] += decay
            data["events"].append(event.id)
            if pair in met_here:
                data["meetings"] += 1
                data["meeting_events"].append(event.id)
    return pairs


def actor_graph(
    case: Case, *, words: Lexicon, half_life_days: float = 365, meeting_types: Collection[str] = ()
) -> nx.MultiGraph:
    """Every actor as a node (with ``first`` and ``last``: their involvement), every kind of tie as
    its own edge."""
    graph = nx.MultiGraph()
    involved = involvements(case)
    first = {a: inv.first for a, inv in involved.items()}
    last = {a: inv.last for a, inv in involved.items()}
    for actor in case.actors:
        graph.add_node(
            actor.id,
            role=actor.role,
            category=actor.category,
            organisation=actor.organisation,
            framework=actor.framework,
            side=actor.side,
            first=first.get(actor.id),
            last=last.get(actor.id),
        )
    for (a, b), data in _copresence(case, half_life_days, set(meeting_types), words).items():
        graph.add_edge(
            a, b, key="copresence", source=None, **{**data, "recency": round(data["recency"], 3)}
        )
    for event in case.events:
        kind = _DIRECTED_TYPES.get(event.type) or ("decision_about" if event.is_decision else "")
        for other in event.with_actors if kind else ():
            _add(graph, event.actor, other, kind, event.id, source=event.actor)
    for relation in case.relations:
        _add(graph, relation.source, relation.target, relation.kind, None, source=relation.source)
    return graph


def copresence_graph(graph: nx.MultiGraph) -> nx.Graph:
    """Only the co-presence edges, as a simple graph with ``weight`` and ``meetings``."""
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes(data=True))
    simple.add_edges_from(
        (a, b, {"weight": d["weight"], "meetings": d.get("meetings", d["weight"])})
        for a, b, k, d in graph.edges(keys=True, data=True)
        if k == "copresence"
    )
    return simple


def _together(graph: nx.MultiGraph, a: str, b: str) -> tuple[date, date] | None:
    """The days both actors were active (from their first to their last event), or None when that
    never happened."""
    na, nb = graph.nodes[a], graph.nodes[b]
    if na["first"] is None or nb["first"] is None:
        return None
    start, end = max(na["first"], nb["first"]), min(na["last"], nb["last"])
    return (start, end) if start <= end else None


def colleagues(case: Case) -> dict[str, frozenset[str]]:
    """Per professional: the other professionals of their organisation (organisations meet as
    teams)."""
    members: dict[str, set[str]] = {}
    for actor in case.actors_in("professional"):
        if actor.organisation:
            members.setdefault(actor.organisation, set()).add(actor.id)
    return {
        a.id: frozenset(members.get(a.organisation or "", set()) - {a.id})
        for a in case.actors_in("professional")
    }


def meetings_of_pair(
    case: Case,
    graph: nx.MultiGraph,
    team: Mapping[str, frozenset[str]],
    a: str,
    b: str,
    enough: int,
) -> set[str]:
    """The meetings that count for ``a`` and ``b`` having met: events while both were active in
    which they met, or, for two professionals of different organisations, one of them met a
    colleague (``team``) of the other. Stops once ``enough`` are found, so asking "did they meet?"
    stays cheap on a long timeline."""
    window = _together(graph, a, b)
    if window is None:
        return set()
    as_teams = a in team and b in team and b not in team[a]
    who = [(a, b), *((a, y) for y in team[b]), *((x, b) for x in team[a])] if as_teams else [(a, b)]
    found: set[str] = set()
    for x, y in who:
        tie = graph.get_edge_data(x, y, "copresence")
        if tie is None:
            continue
        for event_id in tie["meeting_events"]:
            if window[0] <= case.events_by_id[event_id].start <= window[1]:
                found.add(event_id)
                if len(found) >= enough:
                    return found
    return found


def _pairs(
    case: Case,
    graph: nx.MultiGraph,
    team: Mapping[str, frozenset[str]],
    busy: list[str],
    min_overlap_days: int,
) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    """Pairs of busy professionals of different organisations, active together long enough, that
    never met and that met once (with that meeting)."""
    never, once = [], []
    for a, b in combinations(busy, 2):
        window = _together(graph, a, b)
        if window is None or (window[1] - window[0]).days < min_overlap_days or b in team[a]:
            continue
        met = meetings_of_pair(case, graph, team, a, b, enough=2)
        if not met:
            never.append((a, b))
        elif len(met) == 1:
            once.append((a, b, met.pop()))
    return never, once


def _meetings(simple: nx.Graph, a: str, b: str) -> int:
    """Events in which ``a`` and ``b`` themselves met (for the one-parent measure)."""
    return simple.edges[a, b]["meetings"] if simple.has_edge(a, b) else 0


def _one_parent(case: Case, simple: nx.Graph, busy: list[str]) -> list[tuple[str, str]]:
    parents = [p.id for p in case.parents]
    if len(parents) < 2:
        return []
    found = []
    for actor in busy:
        met = [p for p in parents if _meetings(simple, actor, p)]
        if len(met) == 1:
            found.append((actor, met[0]))
    return found


def _actor_measures(
    case: Case,
    graph: nx.MultiGraph,
    team: Mapping[str, frozenset[str]],
    betweenness: Mapping[str, float],
    counts: Counter,
    periods: Counter,
) -> tuple[ActorMeasure, ...]:
    professionals = [a.id for a in case.actors_in("professional")]
    met: dict[frozenset[str], bool] = {}  # whether two met is the same asked either way round
    measures = []
    for a in case.actors:
        alongside = [p for p in professionals if p != a.id and _together(graph, a.id, p)]
        for p in alongside:
            pair = frozenset((a.id, p))
            if pair not in met:
                met[pair] = bool(meetings_of_pair(case, graph, team, a.id, p, enough=1))
        node = graph.nodes[a.id]
        measures.append(
            ActorMeasure(
                a.id,
                a.role,
                a.category,
                len(set(graph.neighbors(a.id))),
                round(betweenness.get(a.id, 0.0), 4),
                counts[a.id],
                node["first"],
                node["last"],
                professionals_met=sum(1 for p in alongside if met[frozenset((a.id, p))]),
                professionals_alongside=len(alongside),
                periods=periods[a.id],
            )
        )
    return tuple(measures)


def network_measures(
    case: Case, graph: nx.MultiGraph, settings: AnalysisSettings, words: Lexicon
) -> Measures:
    """Pivot and its presence, pairs that never met or met once, helpers over time, handovers,
    one-parent contacts."""
    simple = copresence_graph(graph)
    betweenness = nx.betweenness_centrality(simple) if len(simple) > 2 else {n: 0.0 for n in simple}
    counts = Counter(a for participants in case.participants_per_event for a in participants)
    starts, per_period = period_counts(case, period_months=settings.period_months)
    periods = Counter(a for period in per_period for a in period)
    professionals = case.actors_in("professional")
    busy = sorted(a.id for a in professionals if counts[a.id] >= settings.min_events)
    team = colleagues(case)
    never, once = _pairs(case, graph, team, busy, settings.min_overlap_days)
    involved = involved_over_time(
        case, period_months=settings.period_months, counts=(starts, per_period)
    )
    with_professionals = max(sum(1 for _, ids in involved if ids), 1)
    helpers = [a for a in professionals if a.role in settings.helper_roles] or professionals
    pivot = max(
        helpers,
        key=lambda a: (
            betweenness.get(a.id, 0.0) * periods[a.id],
            betweenness.get(a.id, 0.0),
            counts[a.id],
        ),
        default=None,
    )
    presence = periods[pivot.id] / with_professionals if pivot else 0.0
    involved_now = involvements(case, [a.id for a in professionals])
    series = tuple((m, n) for m, n, _ in at_once_per_month(case, involved_now))
    care_ids = {a.id for a in professionals if a.role in settings.helper_roles}
    care = tuple(
        (m, n)
        for m, n, _ in at_once_per_month(
            case, {a: i for a, i in involved_now.items() if a in care_ids}
        )
    )
    handovers = tuple(e.id for e in case.events if e.type == "handover")
    return Measures(
        _actor_measures(case, graph, team, betweenness, counts, periods),
        pivot.id if pivot else None,
        tuple(never),
        tuple(once),
        len(handovers),
        tuple(_one_parent(case, simple, busy)),
        series,
        max((n for _, n in series), default=0),
        care_over_time=care,
        max_care=max((n for _, n in care), default=0),
        involved_over_time=involved,
        pivot_presence=round(presence, 3),
        direction=holdings(case, settings.direction_roles, words),
        handover_events=handovers,
    )
