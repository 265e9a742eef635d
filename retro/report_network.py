"""The network section in words: measures as sentences, the actors and their ties as tables.

The tables are also the text equivalent of the ecomap chart.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from .analysis import Analysis
from .messages import Messages
from .report_context import capitalised
from .schema import term_name

_OWN_KINDS = ("copresence", "handover", "decision_about")


def tie_name(kind: str, lang: str, msg: Messages) -> str:
    """Display name of an edge kind of the actor graph."""
    if kind in _OWN_KINDS:
        return msg(f"report.network.kinds.{kind}")
    return capitalised(term_name("relation_kind", kind, lang))


def who(case_actor_id: str, role: str, lang: str) -> str:
    """An actor as a sentence names it: ``JB (jeugdbescherming)``, or just ``Casusregisseur`` when id and role agree."""
    name = term_name("role", role, lang)
    return case_actor_id if case_actor_id.casefold().startswith(name.casefold()) else f"{case_actor_id} ({name})"


def _pairs(pairs: tuple[tuple[str, str], ...]) -> str:
    return "; ".join(f"{a} – {b}" for a, b in pairs)


def _director_sentences(analysis: Analysis, msg: Messages) -> list[str]:
    """For each holder of case direction: how many of the professionals active alongside them they met
    (``ActorMeasure.professionals_met`` of ``professionals_alongside``)."""
    measured = {a.id: a for a in analysis.measures.actors}
    sentences = []
    for holder in dict.fromkeys(h for h, _, _ in analysis.measures.direction):
        actor = measured[holder]
        sentences.append(msg("report.network.director_contacts", actor=who(actor.id, actor.role, msg.lang),
                             met=actor.professionals_met, total=actor.professionals_alongside))
    return sentences


def measure_sentences(analysis: Analysis, msg: Messages) -> list[str]:
    """The network measures a facilitator can read out, one sentence each."""
    m, case = analysis.measures, analysis.case
    sentences = [msg("report.network.pivot", pivot=who(m.pivot, case.actor(m.pivot).role, msg.lang))
                 if m.pivot else msg("report.network.no_pivot")]
    sentences += _director_sentences(analysis, msg)
    peak = next((month for month, n in m.helpers_over_time if n == m.max_helpers), None)
    if peak:
        sentences.append(msg("report.network.max_helpers", max=m.max_helpers, month=peak.strftime("%m-%Y"), care=m.max_care))
    sentences.append(msg("report.network.handovers", count=m.handovers))
    if m.never_met:
        sentences.append(msg("report.network.never_met", count=len(m.never_met), pairs=_pairs(m.never_met)))
    if m.met_once:
        sentences.append(msg("report.network.met_once", count=len(m.met_once), pairs=_pairs(m.met_once)))
    if m.one_parent_only:
        sentences.append(msg("report.network.one_parent", pairs="; ".join(f"{a} ({p})" for a, p in m.one_parent_only)))
    kinds = [r.kind for r in case.relations]
    if kinds:
        sentences.append(msg("report.network.relations", conflict=kinds.count("conflict"),
                             cooperation=kinds.count("cooperation")))
    return sentences


def actor_rows(analysis: Analysis, lang: str, msg: Messages) -> list[dict[str, Any]]:
    """One row per actor: role, category, organisation, events, contacts, first and last event."""
    case = analysis.case
    return [{"id": m.id, "role": term_name("role", m.role, lang), "category": msg(f"report.categories.{m.category}"),
             "organisation": case.actor(m.id).organisation or "", "events": m.events, "contacts": m.degree,
             "first": m.first.strftime("%d-%m-%Y") if m.first else "", "last": m.last.strftime("%d-%m-%Y") if m.last else ""}
            for m in sorted(analysis.measures.actors, key=lambda m: -m.events)]


def tie_rows(graph: nx.MultiGraph, lang: str, msg: Messages) -> list[dict[str, Any]]:
    """Every tie of the network: the two actors, its kind and how many events or relations make it."""
    rows = [{"a": d.get("source") or a, "b": b if (d.get("source") or a) == a else a, "kind": k,
             "kind_name": tie_name(k, lang, msg), "count": d["weight"]}
            for a, b, k, d in graph.edges(keys=True, data=True)]
    return sorted(rows, key=lambda r: (r["kind"] != "conflict", r["kind"] != "cooperation", r["kind"], -r["count"]))
