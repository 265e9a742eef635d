"""``never_met``: helpers who worked on the case at the same time but (almost) never met.

What it looks like in the data, from the network measures: pairs of busy professionals
(``min_events``) whose active periods overlap by at least ``min_overlap_days`` and who never
shared a meeting (``Measures.never_met``; a referral letter, a form or a complaint is not a
meeting, see ``not_meetings``), and, with ``flag_met_once_with_director``, pairs that met only
once when one of them holds case direction (``Measures.met_once``).  Organisations meet as
teams: a pair counts as having met when one met a colleague (same ``organisatie``) of the
other while both were active.  One flag per case
listing the pairs; it cites the single meeting of each met-once pair.  Stronger when a
holder of direction never met a helper, or with three pairs or more.

Deliberately not flagged: professionals who are not helpers (Raad, court, school, GP:
outside ``helper_roles`` and ``direction_roles``); colleagues of one organisation; pairs active
in different periods, or together only briefly; pairs who met twice or more.

Settings: ``[analysis.never_met]`` ``flag_met_once_with_director``, ``min_overlap_days``;
``[analysis]`` ``min_events``, ``not_meetings``, ``helper_roles``, ``direction_roles``.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Mapping

import networkx as nx

from ..findings import Flag, Measures
from ..model import Case
from ._common import in_order, severity_of, unique


def _overlap(graph: nx.MultiGraph, a: str, b: str) -> tuple[date, date]:
    na, nb = graph.nodes[a], graph.nodes[b]
    return max(na["first"], nb["first"]), min(na["last"], nb["last"])


def _team(case: Case, actor_id: str) -> set[str]:
    """The actor and the colleagues of their organisation."""
    organisation = case.actor(actor_id).organisation
    return {actor_id} | ({a.id for a in case.actors if a.organisation == organisation} if organisation else set())


def _meetings(case: Case, graph: nx.MultiGraph, a: str, b: str) -> list[str]:
    """Meetings, while both were active, between the two or a colleague of one and the other's side."""
    start, end = _overlap(graph, a, b)
    found = {i for x in _team(case, a) for y in _team(case, b) if graph.has_edge(x, y, "copresence")
             for i in graph.edges[x, y, "copresence"]["meeting_events"] if start <= case.events_by_id[i].start <= end}
    return list(in_order(case, found))


def never_met(case: Case, graph: nx.MultiGraph, measures: Measures, settings: Mapping[str, Any]) -> list[Flag]:
    config, directors = settings["never_met"], set(settings["direction_roles"])
    roles = set(settings["helper_roles"]) | directors

    def with_director(pair: tuple[str, str]) -> bool:
        return any(case.actor(a).role in directors for a in pair)

    never, once = [], {}
    for pair in (*measures.never_met, *measures.met_once):
        start, end = _overlap(graph, *pair)
        if any(case.actor(a).role not in roles for a in pair) or (end - start).days < config["min_overlap_days"] \
                or pair[1] in _team(case, pair[0]):
            continue
        met = _meetings(case, graph, *pair)
        if not met:
            never.append(pair)
        elif len(met) == 1 and with_director(pair) and config["flag_met_once_with_director"]:
            once[pair] = met[0]
    if not never and not once:
        return []
    events = in_order(case, once.values())
    signals = 1 + any(with_director(p) for p in never) + (len(never) + len(once) >= 3)
    return [Flag("never_met", "never" if never else "once", events, unique(a for p in [*never, *once] for a in p),
                 severity_of(signals), {"never": "; ".join(f"{a} – {b}" for a, b in never),  # type: ignore[arg-type]
                                        "once": "; ".join(f"{a} – {b} ({i})" for (a, b), i in once.items()),
                                        "count": len(never) + len(once), "also": ("once",) if never and once else ()})]
