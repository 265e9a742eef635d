"""The signals behind ``parallel_dynamic`` (see its docstring): sidings, leaning, camps,
messengers, complaints, conflicts."""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import timedelta

import networkx as nx

from ...config import ParallelSettings
from ...model import Case, Event
from ..lexicon import Lexicon
from ..network import copresence_graph
from ._common import in_order, is_professional, on_parents_side, one_sided, one_sided_events

_NO_CONTACT = ("referral", "complaint", "report")  # about the family, not with them


def one_sided_contacts(case: Case) -> dict[str, list[tuple[Event, str]]]:
    """Per professional, in order: the conversations, meetings, calls and letters with only one
    parent's side present, and that parent (not a referral, complaint or report: those are about
    the family).  A professional leans by them and carries messages in them; a phone call is
    contact too, though no meeting."""
    found: dict[str, list[tuple[Event, str]]] = defaultdict(list)
    professionals = {a.id for a in case.actors_in("professional")}
    sides = one_sided_events(case)
    for event, participants in zip(case.events, case.participants_per_event):
        side = sides.get(event.id) if event.type not in _NO_CONTACT else None
        for actor in participants if side else ():
            if actor in professionals:
                found[actor].append((event, side))  # type: ignore[arg-type]
    return found


def _side_of(case: Case, event: Event, leaning: Mapping[str, str]) -> str | None:
    """The parent an event takes the side of: the only parent's side present, else the parent the
    acting professional leans to."""
    return one_sided(case, event) or leaning.get(event.actor)


def how_sided(case: Case, event: Event, words: Lexicon) -> str:
    """How an event takes a side: ``column`` (kiest kant van), ``behalf`` (something made for one
    parent in the fight) or ``story`` (one parent's story taken as fact)."""
    if event.sides_with:
        return "column"
    return "behalf" if words.says(event, "on_behalf") else "story"


def sidings(case: Case, words: Lexicon, leaning: Mapping[str, str]) -> dict[str, list[Event]]:
    """Per professional, the events in which they took one parent's side: the ``kiest kant van``
    column, or (not in a decision) acting on one parent's behalf or taking one parent's story as
    fact (lexicon ``on_behalf``, ``adopts_story``), with that parent's side the only one present or
    the parent they lean to."""
    parents = {p.id for p in case.parents}
    professionals = {a.id for a in case.actors_in("professional")}
    found: dict[str, list[Event]] = defaultdict(list)
    sides = one_sided_events(case)
    for event in case.events:
        if event.actor not in professionals:
            continue
        if event.sides_with in parents or (
            not event.is_decision
            and (sides.get(event.id) or leaning.get(event.actor))  # :func:`_side_of`
            and (words.says(event, "on_behalf") or words.says(event, "adopts_story"))
        ):
            found[event.actor].append(event)
    return found


def side_taken(case: Case, event: Event, leaning: Mapping[str, str]) -> str | None:
    """The parent whose side a siding event takes."""
    return event.sides_with or _side_of(case, event, leaning)


def leanings(
    meetings: Mapping[str, list[tuple[Event, str]]],
    sided: Mapping[str, list[tuple[Event, str]]],
    config: ParallelSettings,
) -> dict[str, str]:
    """The parent each professional leans to: most of their one-parent meetings and sidings were
    with that parent."""
    found: dict[str, str] = {}
    for actor in set(meetings) | set(sided):
        counts = Counter(side for _, side in meetings.get(actor, ())) + Counter(
            side for _, side in sided.get(actor, ())
        )
        if not counts:
            continue
        parent, top = counts.most_common(1)[0]
        if top >= config.lean_min_events and top / sum(counts.values()) >= config.lean_share:
            found[actor] = parent
    return found


def camps(
    case: Case, graph: nx.MultiGraph, leaning: Mapping[str, str], min_size: int
) -> dict[str, tuple[str, ...]]:
    """Groups of professionals who met mostly each other (greedy modularity) and lean, as a group,
    to one parent."""
    if len(set(leaning.values())) < 2:
        return {}  # two camps lean to two parents: with one parent leaned to, there are none
    simple = copresence_graph(graph)
    professionals = [
        a.id for a in case.actors_in("professional") if a.id in simple and simple.degree(a.id)
    ]
    network = nx.Graph()
    network.add_nodes_from(professionals)
    network.add_weighted_edges_from(
        (a, b, d["meetings"])
        for a, b, d in simple.subgraph(professionals).edges(data=True)
        if d["meetings"]
    )
    if not network.number_of_edges():
        return {}
    found: dict[str, tuple[str, ...]] = {}
    for group in nx.community.greedy_modularity_communities(network, weight="weight"):
        leaning_members = Counter(leaning[m] for m in group if m in leaning)
        if len(leaning_members) == 1 and len(group) >= min_size:
            parent = next(iter(leaning_members))
            if leaning_members[parent] * 2 >= len(group) and parent not in found:
                found[parent] = tuple(sorted(group))
    return found if len(found) >= 2 else {}


def _nearest_other_side(seen: list[tuple[Event, str]], i: int, window: int) -> Event | None:
    """The closest meeting with the other parent within ``window`` days of meeting ``i``, before
    or after."""
    event, side = seen[i]
    near = [
        o for o, o_side in seen if o_side != side and abs((o.start - event.start).days) <= window
    ]
    return min(near, key=lambda o: abs((o.start - event.start).days), default=None)


def messengers(
    case: Case, meetings: Mapping[str, list[tuple[Event, str]]], words: Lexicon, window: int
) -> dict[str, list[Event]]:
    """Per professional: contacts with one parent in which that professional, as the one who acts,
    carries messages (lexicon ``messenger``), each with the nearby contact with the other parent.
    Someone else's words on a row the professional only receives are not the professional's."""
    found: dict[str, list[Event]] = defaultdict(list)
    for actor, seen in meetings.items():
        for i, (event, _) in enumerate(seen):
            carries = event.actor == actor and words.says(event, "messenger")
            other = _nearest_other_side(seen, i, window) if carries else None
            if other is not None:
                found[actor] += [event, other]
    return {
        actor: [case.events_by_id[i] for i in in_order(case, events)]
        for actor, events in found.items()
    }


def complaints(case: Case, words: Lexicon, window: int) -> list[tuple[Event, Event | None, bool]]:
    """Complaints by a parent's side (a parent, their family or lawyer) about professionals:
    (complaint, a handover by one it was filed with within ``window`` days after it, whether it
    asks for a replacement in words: lexicon ``replace``)."""
    handovers = [e for e in case.events if e.type == "handover"]
    starts = [h.start for h in handovers]
    found = []
    for event in (e for e in case.events if e.type == "complaint"):
        addressed = [a for a in event.with_actors if is_professional(case, a)]
        if addressed and on_parents_side(case, event.actor):
            later = handovers[
                bisect.bisect_left(starts, event.start) : bisect.bisect_right(
                    starts, event.start + timedelta(window)
                )
            ]
            replaced = next((h for h in later if h.actor in addressed), None)
            found.append((event, replaced, bool(words.says(event, "replace"))))
    return found


def conflicts(
    case: Case, graph: nx.MultiGraph, words: Lexicon
) -> list[tuple[str, str, int, tuple[str, ...]]]:
    """``conflict`` relations between two professionals: (a, b, the relation's sheet row, the
    shared meetings that speak of convincing: lexicon ``convince``)."""
    found = []
    for r in case.relations:
        if r.kind == "conflict" and all(is_professional(case, a) for a in (r.source, r.target)):
            edge = graph.get_edge_data(r.source, r.target, key="copresence") or {
                "meeting_events": []
            }
            convincing = tuple(
                i for i in edge["meeting_events"] if words.says(case.events_by_id[i], "convince")
            )
            found.append((r.source, r.target, r.row or 0, convincing))
    return found


def contested(
    case: Case, leaning: Mapping[str, str], words: Lexicon, skip: set[frozenset[str]]
) -> list[Event]:
    """Events in which professionals who lean to different parents try to convince each other or
    one asks for the other's replacement (lexicon ``convince``, ``replace``)."""
    found: list[Event] = []
    if len(set(leaning.values())) < 2:
        return found  # nobody leans to another parent than the others
    for event in case.events:
        present = [a for a in event.participants if a in leaning]
        if (
            len({leaning[a] for a in present}) >= 2
            and frozenset(present) not in skip
            and (words.says(event, "convince") or words.says(event, "replace"))
        ):
            found.append(event)
    return found


def sided_pairs(
    case: Case, sided: Mapping[str, Sequence[Event]], leaning: Mapping[str, str]
) -> dict[str, list[tuple[Event, str]]]:
    """The sidings of each professional with the parent each takes the side of."""
    return {
        actor: [(e, side) for e in events if (side := side_taken(case, e, leaning))]
        for actor, events in sided.items()
    }
