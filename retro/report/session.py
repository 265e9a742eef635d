"""The session view: one screen per agenda item, for the projector, in the same offline file.

Each screen holds what the room needs at that moment and nothing that asks for hovering: the
learning question or the pattern, a short excerpt of the timeline around its events (the first
``[report.session] events`` of them, with the event just before and just after, and the number of
events in between), what the maker of its first decision knew then (the latest ``[report.session]
known_events``), and the question for the session.  A strip under the title shows where in the case
these events lie.  Screens follow the agenda (:func:`retro.report.agenda.screens`), so screen ``n``
is ``#sessie-n`` in the address.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from ..config import SessionSettings
from ..dates import period_words
from ..messages import Messages
from ..model import Case
from .patterns import known_panel
from .wording import event_quote

STRIP_WIDTH = 1000  # the strip's own units (its SVG viewBox); the page scales it


def excerpt(case: Case, rows: list[int], most: int, msg: Messages) -> dict[str, Any]:
    """The first ``most`` of ``rows`` with the event just before and after them, in timeline order;
    a gap between two shown events says how many are skipped."""
    cited = sorted(rows[:most])
    if not cited:
        return {"lines": [], "more": ""}
    around = {r for r in (cited[0] - 1, cited[-1] + 1) if 0 <= r < len(case.events)}
    shown = sorted(set(cited) | around)
    lines: list[dict[str, Any]] = []
    for before, row in zip([None, *shown], shown):
        if before is not None and row - before > 1:
            lines.append({"gap": msg("report.session.gap", count=row - before - 1)})
        event = case.events[row]
        lines.append(
            {
                **event_quote(case, row, msg.lang),
                "gap": "",
                "cited": row in cited,
                "decision": event.is_decision,
            }
        )
    left = len(rows) - len(cited)
    return {"lines": lines, "more": msg("report.session.more", count=left) if left else ""}


def _scale(case: Case) -> tuple[date, date, int]:
    first = min(e.start for e in case.events)
    last = max(e.end for e in case.events)
    return first, last, max((last - first).days, 1)


def _x(day: date, first: date, span: int) -> int:
    return round(STRIP_WIDTH * (day - first).days / span)


def case_strip(case: Case) -> dict[str, Any]:
    """What every strip shares, drawn once in the page: a tick for every place with events (at
    most :data:`STRIP_WIDTH` + 1 of them, however long the timeline) and the years."""
    if not case.events:
        return {}
    first, last, span = _scale(case)
    years = range(first.year + 1, last.year + 1)
    step = 1 if len(years) <= 12 else 2
    places = [_x(date(y, 1, 1), first, span) for y in years[::step]]
    shown = [{"x": x, "label": str(y)} for x, y in zip(places, years[::step])]
    return {
        "ticks": sorted({_x(e.start, first, span) for e in case.events}),
        "years": shown,
        # the first year at the start, unless the next year's label follows too closely
        "first": "" if places and places[0] < 80 else str(first.year),
    }


def strip(case: Case, rows: list[int], msg: Messages) -> dict[str, Any]:
    """Where ``rows`` lie in the whole case: the places of their events on the case's strip
    (:func:`case_strip`), and a caption with their period (the whole case's when no rows)."""
    if not case.events:
        return {}
    first, last, span = _scale(case)
    marked = [case.events[r] for r in rows]
    return {
        "marks": sorted({_x(e.start, first, span) for e in marked}),
        "caption": msg(
            "report.session.where",
            period=period_words(marked[0].date, marked[-1].date, msg),
        )
        if marked
        else msg(
            "report.session.case_span",
            events=len(case.events),
            period=period_words(case.events[0].date, last, msg),
        ),
    }


def _patterns(item: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "n": f["n"],
            "title": f["title"],
            "severity": f["severity"],
            "severity_label": f["severity_label"],
            "question": f["question"],
        }
        for f in item["flags"]
    ]


def _slide(
    item: Mapping[str, Any],
    case: Case,
    settings: SessionSettings,
    msg: Messages,
    taking_part: Mapping[str, list[int]],
) -> dict[str, Any]:
    rows = list(item["focus"])
    decisions = [r for r in sorted(rows[: settings.events]) if case.events[r].is_decision]
    kind = item["kind"]
    flag = item["flags"][0] if kind == "flag" else None
    # a learning question is itself the question for the session; a pattern brings its own
    reflect = list(dict.fromkeys(f["question"] for f in item["flags"])) if kind == "flag" else []
    slide = {
        "n": item["screen"],
        "anchor": f"sessie-{item['screen']}",
        "kind": kind,
        "title": item["title"],
        "later": item["later"],
        "time": ""
        if item["later"]
        else msg("report.session.time", start=item["start"], minutes=item["minutes"]),
        # a pattern's screen leads with its explanation; its question is the session's question
        "lead": "" if kind == "flag" else item["detail"],
        "asked_by": msg("report.session.asked_by", who=item["asked_by"])
        if item["asked_by"]
        else "",
        "explanation": flag["explanation"] if flag is not None and len(item["flags"]) == 1 else "",
        "patterns": _patterns(item) if kind == "question" or len(item["flags"]) > 1 else [],
        "patterns_title": msg(f"report.session.patterns_{kind}") if item["flags"] else "",
        "reflect": reflect,
        "excerpt": excerpt(case, rows, settings.events, msg),
        "known": known_panel(case, decisions[0], settings.known_events, msg, taking_part)
        if decisions
        else None,
        "strip": strip(case, sorted(rows), msg) if rows or kind == "overview" else {},
    }
    slide["known_beside"] = _left_heavier(slide)
    return slide


def _left_heavier(slide: Mapping[str, Any]) -> bool:
    """Whether the words on the left (the question or explanation, patterns, questions for the
    session) outweigh the timeline excerpt on the right, so that what was known goes on the right:
    one screen holds the whole item."""
    line = 60  # characters of a short line
    # the lead and the questions are set larger, the excerpt smaller (see report.css)
    left = 1.3 * len(slide["lead"]) + len(slide["explanation"]) + line * len(slide["patterns"])
    left += sum(1.4 * len(r) + 2 * line for r in slide["reflect"])
    right = sum(
        len(e.get("description", "")) + line if e.get("cited") else line
        for e in slide["excerpt"]["lines"]
    )
    return left > 0.85 * right


def session_slides(
    order: list[dict[str, Any]],
    case: Case,
    settings: SessionSettings,
    msg: Messages,
    taking_part: Mapping[str, list[int]],
) -> list[dict[str, Any]]:
    """One screen per agenda item, in the order of :func:`retro.report.agenda.screens`."""
    return [_slide(item, case, settings, msg, taking_part) for item in order]
