"""A proposed agenda for the learning session (about three hours), built around the participants'
learning questions.

* Each learning question is an item; every pattern that shares events with a question joins the item
  of the question it shares most events with (the first such question on a tie).
* The other patterns follow, each its own item, strongest first, then by number of events.
* The time left after the fixed blocks (opening, a walk along the whole timeline, break, lessons,
  closing) is shared out by weight, in blocks of five minutes and at least ``min_stop_minutes``
  each: a question weighs ``question_weight``, a pattern 1, 2 or 3 by its strength, and each event
  of the item ``event_weight`` (counting at most ``weighed_events``).  A question with minutes in
  the workbook (``Leervragen``, column ``minuten``) gets those minutes; the others share the rest.
* Items that get no time (more than ``max_stops``, or too little time) are listed as "if time
  allows", patterns of one kind together: never dropped.

The patterns come in as the report's flag dicts (:func:`retro.report.patterns.patterns`); which of
them are on the agenda is the caller's choice, a filter on that list."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from ..analysis.findings import SEVERITY_RANK
from ..config import AgendaSettings
from ..messages import Messages
from ..model import Case
from .wording import decimal, event_ref

STEP = 5  # minutes: the agenda's time boxes are multiples of this


def question_items(
    questions: list[dict[str, Any]], flags: list[dict[str, Any]], msg: Messages
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """An item per learning question with the patterns that share its events; and the patterns that
    share events with no question."""
    joined: dict[str, list[dict[str, Any]]] = {q["id"]: [] for q in questions}
    alone = []
    for flag in flags:
        shared = [len(set(flag["rows"]) & set(q["rows"])) for q in questions]
        if shared and max(shared) > 0:
            joined[questions[shared.index(max(shared))]["id"]].append(flag)
        else:
            alone.append(flag)
    items = [
        {
            "kind": "question",
            "title": msg("report.agenda.question_stop", id=q["id"]),
            "detail": q["text"],
            "asked_by": q["asked_by"],
            "question": q,
            "flags": joined[q["id"]],
            "rows": sorted(set(q["rows"]).union(*(f["rows"] for f in joined[q["id"]]))),
            "focus": _focus(q["rows"], [f["rows"] for f in joined[q["id"]]]),
            "link": q["anchor"],
            "fixed": q.get("minutes"),
            "later": False,
        }
        for q in questions
    ]
    return items, alone


def _focus(own: list[int], others: list[list[int]]) -> list[int]:
    """The rows of an item in the order they matter: the question's own events, then its patterns'
    (each part in timeline order)."""
    rest = sorted(set().union(*others) - set(own)) if others else []
    return [*own, *rest]


def flag_items(flags: list[dict[str, Any]], msg: Messages) -> list[dict[str, Any]]:
    """An item per pattern, strongest first, then the ones with more events, then timeline order."""
    ordered = sorted(
        flags, key=lambda f: (-SEVERITY_RANK[f["severity"]], -len(f["rows"]), f["rows"][:1])
    )
    return [
        {
            "kind": "flag",
            "title": msg("report.agenda.flag_stop", n=f["n"], title=f["title"]),
            "detail": f["question"],
            "asked_by": "",
            "question": None,
            "flags": [f],
            "rows": f["rows"],
            "focus": f["rows"],
            "link": f["anchor"],
            "fixed": None,
            "later": False,
        }
        for f in ordered
    ]


def weight(item: dict[str, Any], settings: AgendaSettings) -> float:
    """How much time an item asks for, relative to the others."""
    strength = sum(SEVERITY_RANK[f["severity"]] + 1 for f in item["flags"])
    own = settings.question_weight if item["kind"] == "question" else 0
    return own + strength + settings.event_weight * min(len(item["rows"]), settings.weighed_events)


def shared_minutes(weights: Sequence[float], available: int, least: int) -> list[int]:
    """``available`` minutes shared in proportion to ``weights``, in blocks of :data:`STEP`, each
    at least ``least`` (rounded up to a block); what is left after rounding goes to the largest
    remainders.  The caller makes sure every item can get ``least``."""
    units, low = available // STEP, -(-least // STEP)
    floor: dict[int, int] = {}
    while True:
        free = [i for i in range(len(weights)) if i not in floor]
        left = units - low * len(floor)
        total = sum(weights[i] for i in free)
        ideal = {i: left * (weights[i] / total if total else 1 / len(free)) for i in free}
        below = [i for i in free if ideal[i] < low]
        if not below:
            break
        floor.update((i, low) for i in below)
    given = {i: math.floor(ideal[i]) for i in free}
    rest = left - sum(given.values())
    for i in sorted(free, key=lambda i: given[i] - ideal[i])[:rest]:
        given[i] += 1
    return [floor.get(i, given.get(i, 0)) * STEP for i in range(len(weights))]


def timed_items(
    items: list[dict[str, Any]], available: int, settings: AgendaSettings
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The items that get time, with their ``minutes``, and the rest.

    Questions with minutes of their own come first and always get them; then as many items as fit
    in ``max_stops`` with at least ``min_stop_minutes`` each, in the order given."""
    fixed = [i for i in items if i["fixed"]]
    free = [i for i in items if not i["fixed"]]
    left = max(0, available - sum(i["fixed"] for i in fixed))
    least = max(STEP, -(-settings.min_stop_minutes // STEP) * STEP)
    count = max(0, min(len(free), settings.max_stops - len(fixed), left // least))
    chosen = free[:count]
    minutes = shared_minutes([i["weight"] for i in chosen], left, least) if chosen else []
    for item, given in zip(chosen, minutes):
        item["minutes"] = given
    for item in fixed:
        item["minutes"] = item["fixed"]
    chosen_ids = {id(i) for i in [*fixed, *chosen]}
    return [i for i in items if id(i) in chosen_ids], [i for i in items if id(i) not in chosen_ids]


def later_items(rest: list[dict[str, Any]], msg: Messages) -> list[dict[str, Any]]:
    """The items without time: each learning question, and the patterns together per kind."""
    later: list[dict[str, Any]] = []
    kinds: dict[str, dict[str, Any]] = {}
    for item in rest:
        kind = item["flags"][0]["kind"] if item["kind"] == "flag" else None
        if kind is None:
            later.append({**item, "later": True})
        elif kind in kinds:
            kinds[kind]["flags"].append(item["flags"][0])
            kinds[kind]["rows"] = sorted({*kinds[kind]["rows"], *item["rows"]})
            kinds[kind]["focus"] = kinds[kind]["rows"]
        else:
            kinds[kind] = {**item, "flags": list(item["flags"]), "pattern": kind, "later": True}
            later.append(kinds[kind])
    for group in kinds.values():
        if len(group["flags"]) > 1:
            group["title"] = msg(
                "report.agenda.flag_group",
                title=group["flags"][0]["title"],
                count=len(group["flags"]),
            )
    return later


def _block(kind: str, minutes: int, msg: Messages) -> dict[str, Any]:
    return {
        "kind": kind,
        "minutes": minutes,
        "title": msg(f"report.agenda.blocks.{kind}.title"),
        "detail": msg(f"report.agenda.blocks.{kind}.detail"),
        "asked_by": "",
        "question": None,
        "flags": [],
        "rows": [],
        "focus": [],
        "link": "",
        "fixed": None,
        "later": False,
        "events": [],
        "more_events": False,
    }


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def _with_break(stops: list[dict[str, Any]], pause: dict[str, Any]) -> list[dict[str, Any]]:
    """The break after the stop that reaches half of the stops' time."""
    half, spent = sum(s["minutes"] for s in stops) / 2, 0
    for n, stop in enumerate(stops):
        spent += stop["minutes"]
        if spent >= half:
            return [*stops[: n + 1], pause, *stops[n + 1 :]]
    return [*stops, pause]


def screens(
    blocks: list[dict[str, Any]], later: list[dict[str, Any]], msg: Messages
) -> list[dict[str, Any]]:
    """Every block and item in the order of the session, numbered from 1 (``screen``): the items
    for if time allows come after the timed ones, before the lessons."""
    at = next((n for n, b in enumerate(blocks) if b["kind"] in ("lessons", "closing")), len(blocks))
    order = [*blocks[:at], *later, *blocks[at:]]
    for n, item in enumerate(order, start=1):
        item["screen"] = n
        item["screen_label"] = msg("report.agenda.screen", n=n)
    return order


def agenda(
    questions: list[dict[str, Any]],
    flags: list[dict[str, Any]],
    settings: AgendaSettings,
    msg: Messages,
    *,
    case: Case,
    most_events: int,
) -> dict[str, Any]:
    """The blocks of the session with start times and minutes, the items left for if time allows,
    and how the time was shared.  Every item has ``rows`` (its events, timeline rows), ``focus``
    (the same rows, the question's own first), ``flags`` (its patterns) and ``events`` (references
    to the first ``most_events`` of ``focus``)."""
    fixed = (
        settings.opening_minutes
        + settings.overview_minutes
        + settings.break_minutes
        + settings.lessons_minutes
        + settings.closing_minutes
    )
    available = max(0, settings.session_minutes - fixed)
    asked, alone = question_items(questions, flags, msg)
    items = [*asked, *flag_items(alone, msg)]
    for item in items:
        item["weight"] = weight(item, settings)
        item["weight_text"] = msg("report.agenda.weight", weight=decimal(item["weight"], msg, 1))
        shown = sorted(item["focus"][:most_events])
        item["events"] = [event_ref(case.events[r], r) for r in shown]
        item["more_events"] = len(item["rows"]) > len(shown)
    stops, rest = timed_items(items, available, settings)
    spare = available - sum(s["minutes"] for s in stops)
    blocks = [
        _block("opening", settings.opening_minutes, msg),
        _block("overview", settings.overview_minutes + spare, msg),
        *_with_break(stops, _block("break", settings.break_minutes, msg)),
        _block("lessons", settings.lessons_minutes, msg),
        _block("closing", settings.closing_minutes, msg),
    ]
    blocks = [b for b in blocks if b["minutes"] > 0]
    start = 0
    for block in blocks:
        block["start"], start = _clock(start), start + block["minutes"]
    later = later_items(rest, msg)
    return {
        "blocks": blocks,
        "later": later,
        "screens": screens(blocks, later, msg),
        "total": msg("report.agenda.total", minutes=start, clock=_clock(start)),
        "over": msg("report.agenda.over", minutes=start - settings.session_minutes)
        if start > settings.session_minutes
        else "",
        "weights": msg(
            "report.agenda.weights",
            question=decimal(settings.question_weight, msg, 1),
            event=decimal(settings.event_weight, msg, 1),
            most=settings.weighed_events,
        ),
    }
