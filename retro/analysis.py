"""``analyse(case)``: the network, its measures and the flags, computed once, in one result object."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import date
from functools import cached_property
from typing import Any, Mapping

import networkx as nx
import pandas as pd

from .config import load_config
from .detectors import DETECTORS
from .findings import Flag, Measures
from .flag_text import flag_text
from .messages import Messages
from .model import Case
from .network import actor_graph, network_measures

_SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


@dataclass(frozen=True, eq=False)
class Analysis:
    """What :func:`analyse` finds in a case.  Its repr holds no personal data."""

    case: Case
    graph: nx.MultiGraph
    measures: Measures
    flags: tuple[Flag, ...]
    settings: Mapping[str, Any]
    session_events: tuple[str, ...] = ()  # events on or after the session date: the session itself, not analysed

    @cached_property
    def history(self) -> Case:
        """The case as analysed: its events before the session date (:func:`before_session`).

        Graph, measures and flags are computed from these events; anything else that counts
        events (the report's sections) should count these too, so that it agrees with them.
        """
        return before_session(self.case)

    def to_dict(self, lang: str = "nl") -> dict[str, Any]:
        """The machine-readable analysis of the contract (``retro analyse --format json``): plain JSON values, dates as ISO text."""
        msg, m = Messages(lang), self.measures
        return {
            "case": {"title": self.case.meta.title, "events": len(self.case.events), "actors": len(self.case.actors),
                     "session_events": list(self.session_events)},
            "actors": [{"id": a.id, "role": a.role, "category": a.category, "degree": a.degree,
                        "betweenness": a.betweenness, "events": a.events, "first": _iso(a.first), "last": _iso(a.last),
                        "professionals_met": a.professionals_met, "professionals_alongside": a.professionals_alongside,
                        "periods": a.periods} for a in m.actors],
            "measures": {"pivot": m.pivot, "pivot_presence": m.pivot_presence, "handovers": m.handovers,
                         "handover_events": list(m.handover_events), "max_helpers": m.max_helpers, "max_care": m.max_care,
                         "never_met": [list(p) for p in m.never_met], "met_once": [list(p) for p in m.met_once],
                         "one_parent_only": [list(p) for p in m.one_parent_only],
                         "direction": [{"holder": h, "first": _iso(first), "last": _iso(last)} for h, first, last in m.direction],
                         "helpers_over_time": [[_iso(month), n] for month, n in m.helpers_over_time],
                         "care_over_time": [[_iso(month), n] for month, n in m.care_over_time],
                         "involved_over_time": [[_iso(start), list(ids)] for start, ids in m.involved_over_time]},
            "flags": [{"kind": f.kind, "rule": f.rule, "severity": f.severity, "events": list(f.events),
                       "actors": list(f.actors), **flag_text(f, msg)._asdict(), "facts": _plain(f.facts)}
                      for f in self.flags],
        }

    def flags_frame(self, lang: str = "nl") -> pd.DataFrame:
        """One row per flag: kind, rule, severity, title, explanation, question and the evidence ids."""
        msg = Messages(lang)
        rows = []
        for f in self.flags:
            text = flag_text(f, msg)
            rows.append({"kind": f.kind, "severity": f.severity, "title": text.title, "events": ", ".join(f.events),
                         "actors": ", ".join(f.actors), "rule": f.rule, "explanation": text.explanation,
                         "question": text.question})
        return pd.DataFrame(rows, columns=["kind", "severity", "title", "events", "actors", "rule", "explanation", "question"])

    def actors_frame(self) -> pd.DataFrame:
        return pd.DataFrame([asdict(m) for m in self.measures.actors])

    def helpers_frame(self) -> pd.DataFrame:
        """Per month: professionals active, and of them helpers (``helper_roles``)."""
        frame = pd.DataFrame(self.measures.helpers_over_time, columns=["month", "professionals"])
        frame["helpers"] = [n for _, n in self.measures.care_over_time] or 0
        return frame

    def involved_frame(self) -> pd.DataFrame:
        """Per period: the professionals with an event in it, and whether the pivot was among them."""
        return pd.DataFrame([{"period": start, "professionals": ", ".join(ids), "count": len(ids),
                              "pivot": self.measures.pivot in ids} for start, ids in self.measures.involved_over_time],
                            columns=["period", "professionals", "count", "pivot"])

    def __repr__(self) -> str:
        return f"<Analysis: {len(self.case.events)} events, {len(self.flags)} flags>"


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _plain(facts: Mapping[str, object]) -> dict[str, object]:
    """Facts as JSON-friendly values (tuples become lists)."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in facts.items()}


def before_session(case: Case) -> Case:
    """The case up to its learning session: events on or after ``sessiedatum`` are the session itself."""
    session = case.meta.session_date
    if session is None or all(e.start < session.start for e in case.events):
        return case
    return replace(case, events=tuple(e for e in case.events if e.start < session.start))


def analyse(case: Case, config: Mapping[str, Any] | None = None) -> Analysis:
    """Build the actor network, measure it and run every detector, on the case up to its session date."""
    settings = (config if config is not None else load_config())["analysis"]
    history = before_session(case)
    graph = actor_graph(history, half_life_days=settings["recency_half_life_days"], not_meetings=settings["not_meetings"])
    measures = network_measures(history, graph, settings)
    flags = [flag for detector in DETECTORS for flag in detector(history, graph, measures, settings)]
    position = {e.id: i for i, e in enumerate(history.events)}
    flags.sort(key=lambda f: (min((position[i] for i in f.events), default=len(history.events)), _SEVERITY_ORDER[f.severity]))
    session = tuple(e.id for e in case.events if e.id not in position) if history is not case else ()
    return Analysis(case, graph, measures, tuple(flags), settings, session)
