"""``too_many_helpers``: many helpers involved at the same time, where small and sober helps.

What it looks like in the data: the helpers of ``helper_roles`` involved on one day
(:mod:`retro.analysis.involvement`: each from their first to their last event, or to the end of
a period, never before or after) reaching ``medium`` or more (``Measures.care_over_time``, per
month the most on one day).  One flag per case: it explains the run of such months with the
highest peak (the earliest of equals) and counts the other runs; for the peak day it names every
helper counted and cites, for each, their first event (when they came in: how the number grew)
and their event closest to it, so each one's involvement then rests on their own events, and the
event of the run that brings the most of them together (at least ``medium``), where the number is
seen at one table.  Strong from ``high`` helpers at once.

Deliberately not flagged: professionals who investigate, judge or report rather than help (Raad,
court, Veilig Thuis, police, school, GP are not in ``helper_roles``); many helpers one after
another (a helper who finished before another started is never counted with them).

Settings: ``[analysis.too_many_helpers]`` ``medium``, ``high``; ``[analysis]`` ``helper_roles``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ...config import AnalysisSettings
from ...model import Case, PartialDate
from ..findings import Flag, Measures
from ..involvement import at_once_per_month, involvements
from ._common import in_order, merged


def _runs(
    series: tuple[tuple[date, int, tuple[str, ...]], ...], threshold: int
) -> list[list[tuple[date, int, tuple[str, ...]]]]:
    """Runs of consecutive months at or over ``threshold``."""
    runs: list[list[tuple[date, int, tuple[str, ...]]]] = []
    over_before = False
    for month, count, who in series:
        over = count >= threshold
        if over and over_before:
            runs[-1].append((month, count, who))
        elif over:
            runs.append([(month, count, who)])
        over_before = over
    return runs


def _closest_events(case: Case, who: tuple[str, ...], month: date) -> dict[str, str]:
    """Per helper counted in ``month``: their event closest to the middle of it (the earlier of
    equals)."""
    middle = month.toordinal() + 14
    best: dict[str, tuple[int, int, str]] = {}
    for position, (event, participants) in enumerate(zip(case.events, case.participants_per_event)):
        for actor in participants:
            if actor in who:
                distance = min(
                    abs(event.start.toordinal() - middle), abs(event.end.toordinal() - middle)
                )
                if actor not in best or (distance, position) < best[actor][:2]:
                    best[actor] = (distance, position, event.id)
    return {actor: found[2] for actor, found in best.items()}


def _together(
    case: Case, who: tuple[str, ...], run: list[tuple[date, int, tuple[str, ...]]], least: int
) -> tuple[str, int] | None:
    """The event of the run that brings the most of ``who`` together, when at least ``least`` of
    them are there (the earliest of equals): where the number is seen at one table."""
    first, last = run[0][0], run[-1][0]
    best: tuple[str, int] | None = None
    for event in case.events:
        if (event.start.year, event.start.month) < (first.year, first.month):
            continue
        if (event.start.year, event.start.month) > (last.year, last.month):
            break
        present = sum(1 for a in set(event.participants) if a in who)
        if present >= least and (best is None or present > best[1]):
            best = (event.id, present)
    return best


def too_many_helpers(
    case: Case, graph: Any, measures: Measures, settings: AnalysisSettings
) -> list[Flag]:
    config = settings.too_many_helpers
    helpers = [a.id for a in case.actors if a.role in settings.helper_roles]
    series = at_once_per_month(case, involvements(case, helpers))
    flags = []
    runs = _runs(series, config.medium)
    for run in runs:
        peak, count, who = max(run, key=lambda item: item[1])
        closest = _closest_events(case, who, peak)
        first = [next(e.id for e in case.events if a in e.participants) for a in who]
        together = _together(case, who, run, config.medium)
        facts: dict[str, object] = {
            "count": count,
            "peak": str(PartialDate(peak, "month")),
            "who": who,
            "roles": settings.helper_roles,
            "months": len(run),
            "from": str(PartialDate(run[0][0], "month")),
            "to": str(PartialDate(run[-1][0], "month")),
            "period": (str(PartialDate(run[0][0], "month")), str(PartialDate(run[-1][0], "month"))),
            "over": sum(len(r) for r in runs),
            "limit": config.medium,
        }
        if together is not None:
            facts |= {"together": together[0], "together_count": together[1], "also": ("together",)}
        flags.append(
            Flag(
                "too_many_helpers",
                "at_once",
                in_order(case, [*first, *closest.values(), *(together or ())[:1]]),
                who,
                "high" if count >= config.high else "medium",
                facts,
                key=("case",),
            )
        )
    if not flags:
        return []
    highest = max(flags, key=lambda f: int(f.facts["count"]))  # type: ignore[call-overload]
    return [
        merged(
            case,
            [highest, *(f for f in flags if f is not highest)],
            label=lambda f: str(f.facts["from"]),
            repeats_weigh=False,
        )
    ]
