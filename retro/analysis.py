"""``analyse(case)``: the network, its measures and the flags, computed once, in one result object."""

from __future__ import annotations

from dataclasses import asdict, dataclass
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

    def to_dict(self, lang: str = "nl") -> dict[str, Any]:
        """The machine-readable analysis of the contract (``retro analyse --format json``)."""
        msg = Messages(lang)
        return {
            "case": {"title": self.case.meta.title, "events": len(self.case.events), "actors": len(self.case.actors)},
            "actors": [{"id": m.id, "role": m.role, "category": m.category, "degree": m.degree,
                        "betweenness": m.betweenness, "events": m.events} for m in self.measures.actors],
            "measures": {"pivot": self.measures.pivot, "handovers": self.measures.handovers,
                         "max_helpers": self.measures.max_helpers,
                         "never_met": [list(p) for p in self.measures.never_met],
                         "met_once": [list(p) for p in self.measures.met_once],
                         "one_parent_only": [list(p) for p in self.measures.one_parent_only]},
            "flags": [{"kind": f.kind, "rule": f.rule, "severity": f.severity, "events": list(f.events),
                       "actors": list(f.actors), **flag_text(f, msg)._asdict()} for f in self.flags],
        }

    def flags_frame(self, lang: str = "nl") -> pd.DataFrame:
        msg = Messages(lang)
        return pd.DataFrame([{"kind": f.kind, "severity": f.severity, "title": flag_text(f, msg).title,
                              "events": ", ".join(f.events), "actors": ", ".join(f.actors)} for f in self.flags])

    def actors_frame(self) -> pd.DataFrame:
        return pd.DataFrame([asdict(m) for m in self.measures.actors])

    def helpers_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.measures.helpers_over_time, columns=["month", "professionals"])

    def __repr__(self) -> str:
        return f"<Analysis: {len(self.case.events)} events, {len(self.flags)} flags>"


def _position(case: Case, flag: Flag) -> int:
    rows = [i for i, e in enumerate(case.events) if e.id in flag.events]
    return min(rows) if rows else len(case.events)


def analyse(case: Case, config: Mapping[str, Any] | None = None) -> Analysis:
    """Build the actor network, measure it and run every detector."""
    settings = (config if config is not None else load_config())["analysis"]
    graph = actor_graph(case, half_life_days=settings["recency_half_life_days"])
    measures = network_measures(case, graph, settings)
    flags = [flag for detector in DETECTORS for flag in detector(case, graph, measures, settings)]
    flags.sort(key=lambda f: (_position(case, f), _SEVERITY_ORDER[f.severity]))
    return Analysis(case, graph, measures, tuple(flags), settings)
