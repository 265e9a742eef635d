"""``too_many_helpers``: many helpers active at the same time, where small and sober helps.

What it looks like in the data: the helpers-over-time series (``Measures.care_over_time``: per
month, the professionals of ``helper_roles`` with an event within ``active_window_days``) reaching
``medium`` or more.  One flag per case: it explains the run of such months with the highest peak
(the earliest of equals) and counts the other runs; for the peak month of every run it cites, for
each helper active then, their event closest to it.  Strong from ``high`` helpers at once.
``facts["over"]`` is the number of months at or over ``medium`` in all runs.

Deliberately not flagged: professionals who investigate, judge or report rather than help (Raad,
court, Veilig Thuis, police, school, GP are not in ``helper_roles``); a helper counts as active only
around their own events, so one early event does not keep them in the count.

Settings: ``[analysis.too_many_helpers]`` ``medium``, ``high``; ``[analysis]``
``active_window_days``, ``helper_roles``.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from ...config import AnalysisSettings
from ...model import Case, PartialDate
from ..findings import Flag, Measures
from ._common import in_order, merged


def _runs(series: tuple[tuple[date, int], ...], threshold: int) -> list[list[tuple[date, int]]]:
    runs: list[list[tuple[date, int]]] = []
    for month, count in series:
        if count < threshold:
            continue
        if runs and runs[-1][-1][0] == _previous_month(month):
            runs[-1].append((month, count))
        else:
            runs.append([(month, count)])
    return runs


def _previous_month(month: date) -> date:
    return (month - timedelta(days=1)).replace(day=1)


def _helper_events(case: Case, roles: Sequence[str]) -> dict[str, tuple[list[int], list[str]]]:
    """Per helper: the days (ordinals, in order) and ids of their events (one pass over the
    timeline)."""
    found: dict[str, tuple[list[int], list[str]]] = {}
    helpers = {a.id for a in case.actors if a.role in roles}
    for event in case.events:
        for actor in event.participants:
            if actor in helpers:
                days, ids = found.setdefault(actor, ([], []))
                days.append(event.start.toordinal())
                ids.append(event.id)
    return found


def _closest_events(
    per_helper: Mapping[str, tuple[list[int], list[str]]], centre: date, window: int
) -> dict[str, str]:
    """Per helper with an event within ``window`` days of ``centre``: the id of the closest one (the
    earlier of equals)."""
    day, found = centre.toordinal(), {}
    for actor, (days, ids) in per_helper.items():
        i = bisect.bisect_left(days, day)
        before = (
            bisect.bisect_left(days, days[i - 1]) if i else None
        )  # the first event of the latest day before
        near = [
            j
            for j in (before, i)
            if j is not None and j < len(days) and abs(days[j] - day) <= window
        ]
        if near:
            found[actor] = ids[min(near, key=lambda j: (abs(days[j] - day), j))]
    return found


def too_many_helpers(
    case: Case, graph: Any, measures: Measures, settings: AnalysisSettings
) -> list[Flag]:
    config, flags = settings.too_many_helpers, []
    runs = _runs(measures.care_over_time, config.medium)
    per_helper = _helper_events(case, settings.helper_roles) if runs else {}
    for run in runs:
        peak, count = max(run, key=lambda item: item[1])
        closest = _closest_events(
            per_helper, peak + timedelta(days=15), settings.active_window_days
        )
        flags.append(
            Flag(
                "too_many_helpers",
                "at_once",
                in_order(case, closest.values()),
                tuple(sorted(closest)),
                "high" if count >= config.high else "medium",
                {
                    "count": count,
                    "peak": str(PartialDate(peak, "month")),
                    "months": len(run),
                    "from": str(PartialDate(run[0][0], "month")),
                    "to": str(PartialDate(run[-1][0], "month")),
                    "over": sum(len(r) for r in runs),
                    "limit": config.medium,
                },
            )
        )
    if not flags:
        return []
    highest = max(flags, key=lambda f: f.facts["count"])  # type: ignore[arg-type, return-value]
    return [
        merged(
            case,
            [highest, *(f for f in flags if f is not highest)],
            label=lambda f: str(f.facts["from"]),
            repeats_weigh=False,
        )
    ]
