"""The network section in words: measures as sentences, the actors and their ties as tables.

The tables are also the text equivalent of the ecomap chart.  :func:`measure_sentences` is also what
``retro analyse`` prints, so the report and the command line say the same."""

from __future__ import annotations

from typing import Any

from ..analysis.flag_text import listed
from ..analysis.result import Analysis
from ..dates import period_words
from ..messages import Messages
from ..model import PartialDate
from ..schema import term_name
from .wording import day_text, decimal, tie_name, who


def _director_sentences(analysis: Analysis, msg: Messages) -> list[str]:
    """For each holder of case direction: how many of the professionals active alongside them they
    met (``ActorMeasure.professionals_met`` of ``professionals_alongside``)."""
    measured = {a.id: a for a in analysis.measures.actors}
    sentences = []
    for holder in dict.fromkeys(h.holder for h in analysis.measures.direction):
        actor = measured[holder]
        sentences.append(
            msg(
                "report.network.director_contacts",
                actor=who(actor.id, actor.role, msg.lang),
                met=actor.professionals_met,
                total=actor.professionals_alongside,
            )
        )
    return sentences


def _pivot_sentence(analysis: Analysis, msg: Messages) -> str:
    m, case = analysis.measures, analysis.case
    if not m.pivot:
        return msg("report.network.no_pivot")
    return msg(
        "report.network.pivot",
        pivot=who(m.pivot, case.actor(m.pivot).role, msg.lang),
        presence=round(100 * m.pivot_presence),
        months=analysis.settings.period_months,
    )


def _direction_sentence(analysis: Analysis, msg: Messages, most: int) -> str:
    holders = [
        (
            h.holder,
            period_words(PartialDate(h.start, "month"), PartialDate(h.end, "month"), msg),
            msg(f"report.network.direction_reason.{h.reason}", event=h.event or ""),
        )
        for h in analysis.measures.direction
    ]
    if not holders:
        roles = listed(
            [term_name("role", r, msg.lang) for r in analysis.settings.direction_roles], msg, most
        )
        return msg("report.network.direction_none", roles=roles)
    return msg(
        "report.network.direction",
        holders=listed(holders, msg, most, msg.raw("report.network.items.holder")),
    )


def _pair_sentences(analysis: Analysis, msg: Messages, most: int) -> list[str]:
    """Who never met, met once, or met only one parent: the measures' own pairs (the ``never_met``
    flag keeps the helpers)."""
    m, sentences = analysis.measures, []
    if m.never_met:
        sentences.append(
            msg(
                "report.network.never_met",
                count=len(m.never_met),
                days=analysis.settings.min_overlap_days,
                pairs=listed(m.never_met, msg, most, msg.raw("report.network.items.pair")),
            )
        )
    if m.met_once:
        sentences.append(
            msg(
                "report.network.met_once",
                count=len(m.met_once),
                pairs=listed(m.met_once, msg, most, msg.raw("report.network.items.pair_at")),
            )
        )
    if m.one_parent_only:
        sentences.append(
            msg(
                "report.network.one_parent",
                pairs=listed(
                    m.one_parent_only, msg, most, msg.raw("report.network.items.with_parent")
                ),
            )
        )
    return sentences


def measure_sentences(analysis: Analysis, msg: Messages) -> list[str]:
    """The network measures a facilitator can read out, one sentence each (the report and ``retro
    analyse``)."""
    m, case, most = analysis.measures, analysis.case, analysis.settings.most_listed
    sentences = [
        _pivot_sentence(analysis, msg),
        _direction_sentence(analysis, msg, most),
        *_director_sentences(analysis, msg),
    ]
    peak = next((month for month, n in m.helpers_over_time if n == m.max_helpers), None)
    if peak:
        sentences.append(
            msg(
                "report.network.max_helpers",
                max=m.max_helpers,
                month=period_words(PartialDate(peak, "month"), PartialDate(peak, "month"), msg),
                care=m.max_care,
            )
        )
    sentences.append(msg("report.network.handovers", count=m.handovers))
    sentences += _pair_sentences(analysis, msg, most)
    kinds = [r.kind for r in case.relations]
    if kinds:
        sentences.append(
            msg(
                "report.network.relations",
                conflict=kinds.count("conflict"),
                cooperation=kinds.count("cooperation"),
            )
        )
    return sentences


def actor_rows(analysis: Analysis, lang: str, msg: Messages) -> list[dict[str, Any]]:
    """One row per actor: role, category, organisation, events, contacts, professionals met, first
    and last event."""
    case = analysis.case
    return [
        {
            "id": m.id,
            "role": term_name("role", m.role, lang),
            "category": msg(f"report.categories.{m.category}"),
            "organisation": case.actor(m.id).organisation or "",
            "events": m.events,
            "contacts": m.degree,
            "met": msg(
                "report.network.met_of", met=m.professionals_met, total=m.professionals_alongside
            )
            if m.category == "professional" and m.professionals_alongside
            else "",
            "first": day_text(m.first) if m.first else "",
            "last": day_text(m.last) if m.last else "",
        }
        for m in sorted(analysis.measures.actors, key=lambda m: -m.events)
    ]


def tie_rows(analysis: Analysis, lang: str, msg: Messages) -> list[dict[str, Any]]:
    """Every tie of the network (:meth:`Analysis.edges`): the two actors, its kind, how many events
    or relations make it, and for "together in an event" its recent weight."""
    rows = [
        {
            **edge,
            "kind_name": tie_name(edge["kind"], lang, msg),
            "count": edge["weight"],
            "recency": decimal(edge["recency"], msg) if "recency" in edge else "",
        }
        for edge in analysis.edges()
    ]
    return sorted(
        rows,
        key=lambda r: (r["kind"] != "conflict", r["kind"] != "cooperation", r["kind"], -r["count"]),
    )
