"""``analyse(case)``: the network, its measures and the flags, computed once, in one result
object."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

import networkx as nx

from ..config import AnalysisSettings, Settings, defaults
from ..messages import Messages
from ..model import Case
from .detectors import DETECTORS, Detector
from .findings import SEVERITY_RANK, Flag, Measures, flag_id
from .flag_text import FlagText, flag_text
from .lexicon import lexicon
from .network import actor_graph, network_measures

if TYPE_CHECKING:  # the frames are for notebooks: the command line starts without pandas
    import pandas as pd


@dataclass(frozen=True, eq=False)
class Analysis:
    """What :func:`analyse` finds in a case.  Its repr holds no personal data.

    ``history`` is the case as analysed: its events before the session date
    (:func:`before_session`). Graph, measures and flags are computed from these events; anything
    else that counts events (the report's sections) should count these too, so that it agrees with
    them.  ``case`` is the whole case, the learning session included (the report's timeline shows
    it)."""

    case: Case
    history: Case
    graph: nx.MultiGraph
    measures: Measures
    flags: tuple[Flag, ...]
    config: Settings  # every setting of the run, merged (the report reads its ``report`` table)

    @property
    def settings(self) -> AnalysisSettings:
        """The ``[analysis]`` table of :attr:`config`: what the measures and the detectors read."""
        return self.config.analysis

    @cached_property
    def session_events(self) -> tuple[str, ...]:
        """Ids of the events on or after the session date: the session itself, not analysed."""
        return tuple(e.id for e in self.case.events if e.id not in self.history.event_positions)

    def to_dict(self, lang: str = "nl") -> dict[str, Any]:
        """The machine-readable analysis of the contract (``retro analyse --format json``): plain
        JSON values, dates as ISO text."""
        msg, m = Messages(lang), self.measures
        return {
            "case": {
                "title": self.case.meta.title,
                "events": len(self.case.events),
                "actors": len(self.case.actors),
                "session_events": list(self.session_events),
            },
            "actors": [
                {
                    "id": a.id,
                    "role": a.role,
                    "category": a.category,
                    "degree": a.degree,
                    "betweenness": a.betweenness,
                    "events": a.events,
                    "first": _iso(a.first),
                    "last": _iso(a.last),
                    "professionals_met": a.professionals_met,
                    "professionals_alongside": a.professionals_alongside,
                    "periods": a.periods,
                }
                for a in m.actors
            ],
            "edges": self.edges(),
            "measures": {
                "pivot": m.pivot,
                "pivot_presence": m.pivot_presence,
                "handovers": m.handovers,
                "handover_events": list(m.handover_events),
                "max_helpers": m.max_helpers,
                "max_care": m.max_care,
                "never_met": _plain(m.never_met),
                "met_once": _plain(m.met_once),
                "one_parent_only": _plain(m.one_parent_only),
                "direction": [
                    {
                        "holder": h.holder,
                        "first": _iso(h.start),
                        "last": _iso(h.end),
                        "reason": h.reason,
                        "event": h.event,
                    }
                    for h in m.direction
                ],
                "helpers_over_time": [[_iso(month), n] for month, n in m.helpers_over_time],
                "care_over_time": [[_iso(month), n] for month, n in m.care_over_time],
                "involved_over_time": [
                    [_iso(start), list(ids)] for start, ids in m.involved_over_time
                ],
            },
            "flags": [
                {
                    "id": f.id,
                    "kind": f.kind,
                    "rule": f.rule,
                    "severity": f.severity,
                    "events": list(f.events),
                    "relations": list(f.relations),
                    "actors": list(f.actors),
                    **self.flag_text(f, msg)._asdict(),
                    "facts": _plain(f.facts),
                }
                for f in self.flags
            ],
        }

    def edges(self) -> list[dict[str, Any]]:
        """Every tie of the network: ``a`` (the source of a directed tie), ``b``, ``kind``,
        ``weight`` (the events or relations that make it) and, for ``copresence``, ``recency`` (each
        shared event weighs 1 at the end of the case and half as much every
        ``recency_half_life_days`` earlier) and ``meetings``."""
        edges = []
        for a, b, kind, data in self.graph.edges(keys=True, data=True):
            source = data.get("source") or a
            edge = {
                "a": source,
                "b": b if source == a else a,
                "kind": kind,
                "weight": data["weight"],
            }
            if kind == "copresence":
                edge.update(recency=data["recency"], meetings=data["meetings"])
            edges.append(edge)
        return edges

    def flag_text(self, flag: Flag, msg: Messages) -> FlagText:
        """The sentences of one flag, lists capped at ``most_listed`` of this analysis's
        settings."""
        holders = list(dict.fromkeys(h.holder for h in self.measures.direction))
        return flag_text(
            flag, msg, most=self.settings.most_listed, settings=self.settings, holders=holders
        )

    def flags_frame(self, lang: str = "nl") -> pd.DataFrame:
        """One row per flag: kind, rule, severity, title, explanation, question and the evidence
        ids."""
        msg = Messages(lang)
        rows = []
        for f in self.flags:
            text = self.flag_text(f, msg)
            rows.append(
                {
                    "kind": f.kind,
                    "severity": f.severity,
                    "title": text.title,
                    "events": ", ".join(f.events),
                    "actors": ", ".join(f.actors),
                    "rule": f.rule,
                    "explanation": text.explanation,
                    "question": text.question,
                }
            )
        import pandas as pd

        return pd.DataFrame(
            rows,
            columns=[
                "kind",
                "severity",
                "title",
                "events",
                "actors",
                "rule",
                "explanation",
                "question",
            ],
        )

    def actors_frame(self) -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame([asdict(m) for m in self.measures.actors])

    def helpers_frame(self) -> pd.DataFrame:
        """Per month: professionals active, and of them helpers (``helper_roles``)."""
        helpers = dict(
            self.measures.care_over_time
        )  # the same months: both series run from the first event to the last
        import pandas as pd

        return pd.DataFrame(
            [(month, n, helpers[month]) for month, n in self.measures.helpers_over_time],
            columns=["month", "professionals", "helpers"],
        )

    def involved_frame(self) -> pd.DataFrame:
        """Per period: the professionals with an event in it, and whether the pivot was among
        them."""
        import pandas as pd

        return pd.DataFrame(
            [
                {
                    "period": start,
                    "professionals": ", ".join(ids),
                    "count": len(ids),
                    "pivot": self.measures.pivot in ids,
                }
                for start, ids in self.measures.involved_over_time
            ],
            columns=["period", "professionals", "count", "pivot"],
        )

    def __repr__(self) -> str:
        return f"<Analysis: {len(self.case.events)} events, {len(self.flags)} flags>"


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _plain(value: Any) -> Any:
    """JSON-friendly values: tuples become lists, also inside lists and dicts."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def before_session(case: Case) -> Case:
    """The case up to its learning session: events on or after ``sessiedatum`` are the session
    itself."""
    session = case.meta.session_date
    if session is None or all(e.start < session.start for e in case.events):
        return case
    return replace(case, events=tuple(e for e in case.events if e.start < session.start))


def _found(
    detector: Detector,
    case: Case,
    graph: nx.MultiGraph,
    measures: Measures,
    settings: AnalysisSettings,
) -> list[Flag]:
    """The flags of one detector, each of the detector's own kind."""
    flags = detector(case, graph, measures, settings)
    strays = {f.kind for f in flags} - {detector.__name__}
    if strays:
        raise ValueError(
            f"detector {detector.__name__} returned flags of kind {', '.join(sorted(strays))}"
        )
    return flags


def _with_ids(flags: list[Flag]) -> list[Flag]:
    """Each flag with its stable id (:func:`~retro.analysis.findings.flag_id` of its kind and key);
    two flags that would share one get a number after it."""
    seen: dict[str, int] = {}
    found = []
    for flag in flags:
        base = flag_id(flag.kind, flag.key or (flag.rule,))
        seen[base] = seen.get(base, 0) + 1
        found.append(replace(flag, id=base if seen[base] == 1 else f"{base}-{seen[base]}"))
    return found


def analyse(case: Case, config: Settings | None = None) -> Analysis:
    """Build the actor network, measure it and run every detector, on the case up to its session
    date."""
    config = config if config is not None else defaults()
    settings = config.analysis
    history = before_session(case)
    words = lexicon()
    graph = actor_graph(
        history,
        words=words,
        half_life_days=settings.recency_half_life_days,
        meeting_types=settings.meeting_types,
    )
    measures = network_measures(history, graph, settings, words)
    flags = _with_ids(
        [
            flag
            for detector in DETECTORS
            for flag in _found(detector, history, graph, measures, settings)
        ]
    )
    position = history.event_positions
    flags.sort(
        key=lambda f: (
            min((position[i] for i in f.events), default=len(history.events)),
            -SEVERITY_RANK[f.severity],
        )
    )
    return Analysis(case, history, graph, measures, tuple(flags), config)
