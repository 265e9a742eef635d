"""The section "helpers over time": the series the ``too_many_helpers`` detector judges, in words
and per month.

The detector counts helpers (``[analysis] helper_roles``) per month, ``Measures.care_over_time``,
against ``[analysis.too_many_helpers]`` ``medium`` and ``high``; this section shows exactly that
series and those limits, so its months over the limit are the detector's.  All professionals
(``Measures.helpers_over_time``, also the Raad, school, GP...) are shown beside it, labelled as
such.  Handovers are the analysis's ``handover_events``; court moments are counted over the analysed
events (:attr:`~retro.analysis.Analysis.history`), not the session."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from ..analysis.result import Analysis
from ..analysis.timeseries import court_moments
from ..messages import Messages
from ..model import Event
from ..schema import term_name
from .wording import month_text


def moments_per_month(events: Iterable[Event]) -> dict[date, list[str]]:
    """Event ids per month (its first day), in timeline order."""
    months: dict[date, list[str]] = {}
    for event in events:
        months.setdefault(event.start.replace(day=1), []).append(event.id)
    return months


def helpers_context(analysis: Analysis, msg: Messages) -> dict[str, Any]:
    """The helpers series with its limits, all professionals beside it, handovers and court moments
    per month."""
    history, m, settings = analysis.history, analysis.measures, analysis.settings
    limits = {"medium": settings.too_many_helpers.medium, "high": settings.too_many_helpers.high}
    handovers = moments_per_month(history.events_by_id[i] for i in m.handover_events)
    court = moments_per_month(court_moments(history))
    everyone = dict(m.helpers_over_time)
    rows = [
        {
            "month": month_text(month),
            "helpers": n,
            "professionals": everyone.get(month, 0),
            "handovers": len(handovers.get(month, ())),
            "court": len(court.get(month, ())),
            "over": n >= limits["medium"],
        }
        for month, n in m.care_over_time
    ]
    over = sum(1 for month, n in m.care_over_time if n >= limits["medium"])
    roles = ", ".join(term_name("role", r, msg.lang) for r in settings.helper_roles)
    return {
        "limits": limits,
        "rows": rows,
        "over": over,
        "handovers": handovers,
        "court": court,
        "counted": msg("report.helpers.counted", roles=roles),
        "sentence": msg(
            "report.helpers.summary",
            max=m.max_care,
            months=len(rows),
            over=over,
            medium=limits["medium"],
            professionals=m.max_helpers,
            handovers=len(m.handover_events),
            court=sum(len(ids) for ids in court.values()),
        ),
    }
