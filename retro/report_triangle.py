"""The triangle of involved parties: referrer at the top, therapists and parents at the base,
the child in the middle (the Contactherstel module), and where stagnation showed.

A side of the triangle is the events in which both corners took part.  A side shows
stagnation when its corners never met, when the longest stretch without a shared event
reaches ``[report.triangle] silence_days`` (stretches count while both corners are still
in the timeline, so the quiet after one of them left is not counted), or when events of a
``stagnation`` flag involve both corners.  Which roles sit at which corner is configured
in ``[report.triangle]`` too.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Mapping

from .analysis import Analysis
from .messages import Messages
from .model import Case
from .report_context import event_ref

CORNERS = ("referrer", "therapists", "parents")
SIDES = (("referrer", "therapists"), ("referrer", "parents"), ("therapists", "parents"))


def corner_actors(case: Case, roles: Mapping[str, list[str]]) -> dict[str, set[str]]:
    """Actor ids at each corner and in the middle (``child``), by role."""
    return {corner: {a.id for a in case.actors if a.role in roles[corner]} for corner in (*CORNERS, "child")}


def shared_rows(case: Case, a: set[str], b: set[str]) -> list[int]:
    """Rows of the events in which someone of ``a`` and someone of ``b`` took part."""
    return [i for i, e in enumerate(case.events) if a & set(e.participants) and b & set(e.participants)]


def last_day(case: Case, actors: set[str]) -> date | None:
    """The last day one of ``actors`` appears in the timeline."""
    return max((e.end for e in case.events if actors & set(e.participants)), default=None)


def longest_silence(case: Case, rows: list[int], until: date | None) -> tuple[int, str, str]:
    """Longest stretch in days between shared events, or from the last one to ``until`` (then the last id is '')."""
    points = [(case.events[i].end, case.events[i].id) for i in rows]
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


def _side(case: Case, pair: tuple[str, str], corners: Mapping[str, set[str]], stuck: set[int], silence_days: int,
          msg: Messages) -> dict[str, Any]:
    a, b = pair
    rows = shared_rows(case, corners[a], corners[b])
    ends = [last_day(case, corners[a]), last_day(case, corners[b])]
    days, after, before = longest_silence(case, rows, min(ends) if all(ends) else None)  # type: ignore[type-var]
    flagged = [i for i in rows if i in stuck]
    both_present = bool(corners[a] and corners[b])
    stagnant = both_present and (not rows or days >= silence_days or bool(flagged))
    names = {"a": msg(f"report.triangle.corners.{a}"), "b": msg(f"report.triangle.corners.{b}")}
    if not rows:
        sentence = msg("report.triangle.side_never", **names)
    else:
        sentence = " ".join(filter(None, [msg("report.triangle.side", count=len(rows), first=case.events[rows[0]].date,
                                              last=case.events[rows[-1]].date, **names), _silence(days, after, before, msg)]))
    return {"key": f"{a}-{b}", "count": len(rows), "stagnant": stagnant, "sentence": sentence, "silence": days,
            "stuck": [event_ref(case.events[i], i) for i in flagged], "rows": rows}


def _child(case: Case, corners: Mapping[str, set[str]], msg: Messages) -> dict[str, Any]:
    rows = [i for i, e in enumerate(case.events) if corners["child"] & set(e.participants)]
    interviews = sum(case.events[i].type == "child_interview" for i in rows)
    breaks = sum(e.type == "contact_break" for e in case.events)
    return {"actors": ", ".join(sorted(corners["child"])),
            "sentence": msg("report.triangle.child", events=len(rows), interviews=interviews, breaks=breaks)}


def _lines(ids: list[str], per_line: int = 2) -> list[str]:
    """Actor ids in short lines for the drawing (the sentences beside it name them all too)."""
    return [", ".join(ids[i:i + per_line]) for i in range(0, len(ids), per_line)] or ["–"]


def triangle(analysis: Analysis, roles: Mapping[str, list[str]], msg: Messages) -> dict[str, Any]:
    case = analysis.case
    corners = corner_actors(case, roles)
    numbers = {e.id: i for i, e in enumerate(case.events)}
    stuck = {numbers[e] for f in analysis.flags if f.kind == "stagnation" for e in f.events}
    silence_days = roles["silence_days"]
    sides = [_side(case, pair, corners, stuck, silence_days, msg) for pair in SIDES]
    return {"corners": {c: {"label": msg(f"report.triangle.corners.{c}"), "actors": ", ".join(sorted(corners[c])) or "–",
                            "lines": _lines(sorted(corners[c]))} for c in (*CORNERS, "child")},
            "sides": sides, "side": {s["key"]: s for s in sides}, "child": _child(case, corners, msg),
            "stagnant": [s["key"] for s in sides if s["stagnant"]],
            "gap_note": msg("report.triangle.gap_note", days=silence_days)}
