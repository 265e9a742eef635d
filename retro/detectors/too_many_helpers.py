"""``too_many_helpers``: many helpers active at the same time, where small and sober helps.

What it looks like in the data: the helpers-over-time series (``Measures.care_over_time``:
per month, the professionals of ``helper_roles`` with an event within ``active_window_days``)
reaching ``medium`` or more.  One flag per run of such months; it cites, for each helper
active in the peak month, their event closest to it.  Strong from ``high`` helpers.

Deliberately not flagged: professionals who investigate, judge or report rather than help
(Raad, court, Veilig Thuis, police, school, GP are not in ``helper_roles``); a helper counts
as active only around their own events, so one early event does not keep them in the count.

Settings: ``[analysis.too_many_helpers]`` ``medium``, ``high``; ``[analysis]``
``active_window_days``, ``helper_roles``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Mapping

from ..findings import Flag, Measures
from ..model import Case, PartialDate
from ._common import in_order


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


def _closest_events(case: Case, centre: date, window: int, roles: list[str]) -> dict[str, str]:
    """Per helper with an event within ``window`` days of ``centre``: the id of the closest one."""
    best: dict[str, tuple[int, str]] = {}
    for event in case.events:
        distance = abs((event.start - centre).days)
        for actor in event.participants if distance <= window else ():
            if case.actor(actor).role in roles and distance < best.get(actor, (window + 1, ""))[0]:
                best[actor] = (distance, event.id)
    return {actor: event_id for actor, (_, event_id) in best.items()}


def too_many_helpers(case: Case, graph: Any, measures: Measures, settings: Mapping[str, Any]) -> list[Flag]:
    config, flags = settings["too_many_helpers"], []
    for run in _runs(measures.care_over_time, config["medium"]):
        peak, count = max(run, key=lambda item: item[1])
        closest = _closest_events(case, peak + timedelta(days=15), settings["active_window_days"], settings["helper_roles"])
        events = in_order(case, closest.values())
        flags.append(Flag("too_many_helpers", "at_once", events, tuple(sorted(closest)),
                          "high" if count >= config["high"] else "medium",
                          {"count": count, "peak": str(PartialDate(peak, "month")), "months": len(run),
                           "from": str(PartialDate(run[0][0], "month")), "to": str(PartialDate(run[-1][0], "month"))}))
    return flags
