"""The triangle of involved parties: referrer at the top, therapists and parents at the base, the
child in the middle (the Contactherstel module), and where stagnation showed.

Who sits at which corner is the analysis's own setting (``[analysis.stagnation] triangle``, through
:mod:`retro.analysis.triangle`), and everything is counted over the analysed events
(:attr:`~retro.analysis.Analysis.history`: not the learning session itself), so this section agrees
with the ``stagnation`` flags.  A side of the triangle is the events in which both corners took
part.  A side shows stagnation when its corners never met, when the longest stretch without a shared
event reaches ``[report.triangle] silence_days`` (stretches count while both corners are still in
the timeline, so the quiet after one of them left is not counted), or when events of a
``stagnation`` flag involve both corners."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from ..analysis import Analysis
from ..analysis.triangle import CORNERS, SIDES, corner_actors, side_key
from ..config import ReportTriangleSettings
from ..dates import period_words
from ..messages import Messages
from ..model import Case, Event
from .wording import event_ref

TakingPart = list[tuple[Event, frozenset[str]]]  # each event with who took part, worked out once


def taking_part(case: Case) -> TakingPart:
    """Every event of ``case`` with the set of its participants (a case may have 100,000 events:
    the sides of the triangle go through them several times)."""
    return [(e, frozenset(e.participants)) for e in case.events]


def shared_events(events: TakingPart, a: set[str], b: set[str]) -> list[Event]:
    """The events in which someone of ``a`` and someone of ``b`` took part."""
    return [e for e, who in events if not a.isdisjoint(who) and not b.isdisjoint(who)]


def last_day(events: TakingPart, actors: set[str]) -> date | None:
    """The last day one of ``actors`` appears in the timeline."""
    return max((e.end for e, who in events if not actors.isdisjoint(who)), default=None)


def longest_silence(shared: list[Event], until: date | None) -> tuple[int, str, str]:
    """Longest stretch in days between shared events, or from the last one to ``until`` (then the
    last id is '')."""
    points = [(e.end, e.id) for e in shared]
    tail = [(until, "")] if until and points and until > points[-1][0] else []
    best = (0, "", "")
    for (before, before_id), (after, after_id) in zip(points, points[1:] + tail):
        days = (after - before).days
        if days > best[0]:
            best = (days, before_id, after_id)
    return best


def _silence(days: int, after: str, before: str, msg: Messages) -> str:
    if not days:
        return ""
    if not before:
        return msg("report.triangle.silence_to_end", days=days, after=after)
    return msg("report.triangle.silence", days=days, after=after, before=before)


def _side(
    history: TakingPart,
    pair: tuple[str, str],
    corners: Mapping[str, set[str]],
    stuck: set[str],
    silence_days: int,
    msg: Messages,
    rows: Mapping[str, int],
) -> dict[str, Any]:
    a, b = pair
    shared = shared_events(history, corners[a], corners[b])
    ends = [last_day(history, corners[a]), last_day(history, corners[b])]
    days, after, before = longest_silence(shared, min(ends) if all(ends) else None)  # type: ignore[type-var]
    flagged = [e for e in shared if e.id in stuck]
    stagnant = bool(corners[a] and corners[b]) and (
        not shared or days >= silence_days or bool(flagged)
    )
    names = {"a": msg(f"report.triangle.corners.{a}"), "b": msg(f"report.triangle.corners.{b}")}
    if not shared:
        sentence = msg("report.triangle.side_never", **names)
    else:
        sentence = " ".join(
            filter(
                None,
                [
                    msg(
                        "report.triangle.side",
                        count=len(shared),
                        period=period_words(shared[0].date, shared[-1].date, msg),
                        **names,
                    ),
                    _silence(days, after, before, msg),
                ],
            )
        )
    return {
        "key": side_key(a, b),
        "names": names,
        "count": len(shared),
        "stagnant": stagnant,
        "sentence": sentence,
        "label": [
            msg("report.triangle.together", count=len(shared)),
            (
                msg("report.triangle.quiet", months=round(days / 30.44))
                if shared
                else msg("report.triangle.never")
            )
            if stagnant
            else "",
        ],
        "silence": days,
        "stuck": [event_ref(e, rows[e.id]) for e in flagged],
        "rows": [rows[e.id] for e in shared],
    }


def _child(history: TakingPart, corners: Mapping[str, set[str]], msg: Messages) -> dict[str, Any]:
    with_child = [e for e, who in history if not corners["child"].isdisjoint(who)]
    interviews = sum(e.type == "child_interview" for e in with_child)
    breaks = sum(e.type == "contact_break" for e, _ in history)
    return {
        "actors": ", ".join(sorted(corners["child"])),
        "sentence": msg(
            "report.triangle.child", events=len(with_child), interviews=interviews, breaks=breaks
        ),
    }


def _lines(ids: list[str], per_line: int = 2) -> list[str]:
    """Actor ids in short lines for the drawing (the sentences beside it name them all too)."""
    return [", ".join(ids[i : i + per_line]) for i in range(0, len(ids), per_line)] or ["–"]


def triangle(analysis: Analysis, settings: ReportTriangleSettings, msg: Messages) -> dict[str, Any]:
    """The corners and sides of the triangle; ``settings`` is ``[report.triangle]``
    (``silence_days``)."""
    history = analysis.history
    corners = corner_actors(history, analysis.settings.stagnation.triangle)
    stuck = {e for f in analysis.flags if f.kind == "stagnation" for e in f.events}
    rows = (
        analysis.case.event_positions
    )  # the rows of the event table, which also shows the session
    events = taking_part(history)
    sides = [
        _side(events, pair, corners, stuck, settings.silence_days, msg, rows) for pair in SIDES
    ]
    return {
        "corners": {
            c: {
                "label": msg(f"report.triangle.corners.{c}"),
                "actors": ", ".join(sorted(corners[c])) or "–",
                "lines": _lines(sorted(corners[c])),
            }
            for c in CORNERS
        },
        "sides": sides,
        "side": {s["key"]: s for s in sides},
        "child": _child(events, corners, msg),
        "stagnant": [s["key"] for s in sides if s["stagnant"]],
        "summary": _all_stagnant(sides, msg),
        "gap_note": msg("report.triangle.gap_note", days=settings.silence_days),
    }


def _all_stagnant(sides: list[dict[str, Any]], msg: Messages) -> str:
    """When every side shows stagnation, which stayed quiet longest (the drawing alone cannot
    say)."""
    met = [s for s in sides if s["count"] and s["silence"]]
    if not sides or not all(s["stagnant"] for s in sides) or not met:
        return ""
    longest = max(met, key=lambda s: s["silence"])
    return msg("report.triangle.all_stagnant", days=longest["silence"], **longest["names"])
