"""``offer_after_offer``: case conference after case conference, each devising new help.

What it looks like in the data: an ``mdo`` followed within ``offer_window_days`` by a new
``aanbod``, again and again, with no ``analyse`` event (a shared broad analysis) between the rounds.
Fires when there are at least ``min_rounds`` such rounds in one run; severity is high from twice
that number.  One flag per case: when the pattern came back after an analysis, the strongest run is
explained and the others are counted, all of them cited.

Deliberately not flagged: rounds separated by an ``analyse`` event start a new run; a case
conference that led to no new help is not a round.

Settings: ``[analysis.offer_after_offer]`` ``offer_window_days``, ``min_rounds``.
"""

from __future__ import annotations

from typing import Any

from ...config import AnalysisSettings
from ...model import Case
from ..findings import Flag
from ._common import merged, next_matching, unique


def _runs(case: Case, window: int) -> list[list[tuple[str, str]]]:
    runs: list[list[tuple[str, str]]] = [[]]
    offers = next_matching(
        case, lambda e: e.type == "intervention"
    )  # for each event, the next new offer
    for index, event in enumerate(case.events):
        if event.type == "analysis" and runs[-1]:
            runs.append([])
        offer = offers[index] if event.type == "case_conference" else None
        if offer is not None and (offer.start - event.start).days <= window:
            runs[-1].append((event.id, offer.id))
    return [run for run in runs if run]


def offer_after_offer(
    case: Case, graph: Any, measures: Any, settings: AnalysisSettings
) -> list[Flag]:
    config = settings.offer_after_offer
    flags = []
    for run in _runs(case, config.offer_window_days):
        if len(run) < config.min_rounds:
            continue
        evidence = unique(i for pair in run for i in pair)
        actors = unique(case.events_by_id[m].actor for m, _ in run)
        severity = "high" if len(run) >= 2 * config.min_rounds else "medium"
        flags.append(
            Flag(
                "offer_after_offer",
                "rounds_without_analysis",
                evidence,
                actors,
                severity,  # type: ignore[arg-type]
                {"rounds": len(run), "first": run[0][0], "last": run[-1][0]},
            )
        )
    return (
        [merged(case, flags, label=lambda f: str(f.facts["first"]), repeats_weigh=False)]
        if flags
        else []
    )
