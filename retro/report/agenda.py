"""A proposed agenda for the learning session (about three hours).

Stops are the learning questions and the flagged moments, walked through in timeline order.  When
there are more than ``[report.agenda] max_stops``, the learning questions come first (the
participants asked them), then flags by severity; the rest are listed as "if time allows" (flags of
one pattern together), never dropped.  The time left after the fixed blocks (opening, break,
lessons, closing) is shared among the stops in blocks of five minutes; what is left over goes to a
first walk along the whole timeline."""

from __future__ import annotations

from typing import Any

from ..analysis.findings import SEVERITY_RANK
from ..config import AgendaSettings
from ..messages import Messages


def candidate_stops(
    questions: list[dict[str, Any]], flags: list[dict[str, Any]], msg: Messages, most_events: int
) -> list[dict[str, Any]]:
    """Every possible stop with the timeline row it belongs to, its priority and its first
    ``most_events`` events."""
    stops = [
        {
            "kind": "question",
            "title": msg("report.agenda.question_stop", id=q["id"]),
            "detail": q["text"],
            "row": q["rows"][0] if q["rows"] else None,
            "events": q["events"][:most_events],
            "link": q["anchor"],
            "rank": (0, 0),
        }
        for q in questions
    ]
    stops += [
        {
            "kind": "flag",
            "title": msg("report.agenda.flag_stop", n=f["n"], title=f["title"]),
            "pattern": f["kind"],
            "pattern_title": f["title"],
            "detail": f["question"],
            "row": f["rows"][0] if f["rows"] else None,
            "events": f["quoted"][:most_events],
            "link": f["anchor"],
            "rank": (1, -SEVERITY_RANK[f["severity"]]),
        }
        for f in flags
    ]
    return stops


def _timeline_order(stop: dict[str, Any]) -> tuple[int, int]:
    return (stop["row"] if stop["row"] is not None else 10**9, stop["rank"][0])


def chosen_stops(
    stops: list[dict[str, Any]], most: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The stops that get a time box and the rest, each in timeline order."""
    by_priority = sorted(stops, key=lambda s: (s["rank"], _timeline_order(s)))
    chosen, rest = by_priority[:most], by_priority[most:]
    return sorted(chosen, key=_timeline_order), sorted(rest, key=_timeline_order)


def later_stops(rest: list[dict[str, Any]], msg: Messages) -> list[dict[str, Any]]:
    """The stops without a time box: each learning question, and the flags together per pattern."""
    later: list[dict[str, Any]] = []
    kinds: dict[str, dict[str, Any]] = {}
    for stop in rest:
        if stop["kind"] != "flag":
            later.append(stop)
        elif stop["pattern"] in kinds:
            kinds[stop["pattern"]]["flags"].append(stop)
        else:
            kinds[stop["pattern"]] = {**stop, "flags": [stop]}
            later.append(kinds[stop["pattern"]])
    for group in kinds.values():
        if len(group["flags"]) > 1:
            group["title"] = msg(
                "report.agenda.flag_group", title=group["pattern_title"], count=len(group["flags"])
            )
    return later


def minutes_per_stop(available: int, stops: int, least: int) -> tuple[int, int]:
    """(stops that fit, minutes for each), in blocks of five minutes and at least ``least`` each."""
    fitting = min(stops, available // least) if least > 0 else stops
    if fitting <= 0:
        return 0, 0
    return fitting, max(least, available // fitting // 5 * 5)


def _block(kind: str, minutes: int, msg: Messages, **extra: Any) -> dict[str, Any]:
    return {
        "kind": kind,
        "minutes": minutes,
        "title": msg(f"report.agenda.blocks.{kind}.title"),
        "detail": msg(f"report.agenda.blocks.{kind}.detail"),
        "events": [],
        "link": "",
        **extra,
    }


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def agenda(
    questions: list[dict[str, Any]],
    flags: list[dict[str, Any]],
    settings: AgendaSettings,
    msg: Messages,
    *,
    most_events: int,
) -> dict[str, Any]:
    """The blocks of the session with start times, and the stops left for if time allows; each stop
    lists its first ``most_events`` events."""
    fixed = (
        settings.opening_minutes
        + settings.break_minutes
        + settings.lessons_minutes
        + settings.closing_minutes
    )
    available = max(0, settings.session_minutes - fixed)
    candidates = candidate_stops(questions, flags, msg, most_events)
    fitting, each = minutes_per_stop(
        available, min(len(candidates), settings.max_stops), settings.min_stop_minutes
    )
    chosen, rest = chosen_stops(candidates, fitting)
    stops = [{**stop, "minutes": each} for stop in chosen]
    half = (len(stops) + 1) // 2
    blocks = [
        _block("opening", settings.opening_minutes, msg),
        _block("overview", available - each * len(stops), msg),
        *stops[:half],
        _block("break", settings.break_minutes, msg),
        *stops[half:],
        _block("lessons", settings.lessons_minutes, msg),
        _block("closing", settings.closing_minutes, msg),
    ]
    blocks = [b for b in blocks if b["minutes"] > 0]
    start = 0
    for block in blocks:
        block["start"], start = _clock(start), start + block["minutes"]
    return {
        "blocks": blocks,
        "later": later_stops(rest, msg),
        "total": msg("report.agenda.total", minutes=start, clock=_clock(start)),
    }
