"""The plain parts of the report's context: header, events, learning questions, lessons, appendix.

Everything here returns dicts, lists and strings (no HTML): the templates in ``templates/report/``
turn them into markup.  Sentences with numbers are filled in here from the ``report`` message
catalogue; fixed labels are read by the templates."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from ..analysis import FLAG_KINDS, Analysis
from ..analysis.flag_text import detection_text
from ..config import ReportSettings, plain_values
from ..messages import Messages, describe_problem
from ..model import Case, Event
from ..schema import term_name
from .wording import capitalised, day_text, event_ref, lanes

SECTIONS = (
    "questions",
    "timeline",
    "network",
    "patterns",
    "helpers",
    "triangle",
    "agenda",
    "lessons",
    "appendix",
)
_WARNING_ORDER = ("hindsight_wording", "long_gap", "no_source")


def header(case: Case, msg: Messages, today: date, history: Case | None = None) -> dict[str, Any]:
    """Title, region, the period of the analysed events (``history``: up to the session), session
    date, counts."""
    meta, analysed = case.meta, history or case
    period = (
        msg("report.header.period_value", start=analysed.events[0].date, end=day_text(analysed.end))  # type: ignore[arg-type]
        if analysed.events
        else ""
    )
    return {
        "title": meta.title or msg("report.header.untitled"),
        "region": meta.region or "",
        "municipality": meta.municipality or "",
        "facilitator": meta.facilitator or "",
        "session_date": str(meta.session_date) if meta.session_date else "",
        "period": period,
        "generated": day_text(today),
        "counts": msg(
            "report.header.counts",
            events=len(case.events),
            actors=len(case.actors),
            questions=len(case.questions),
        ),
    }


def _event_row(
    event: Event,
    number: int,
    flags: list[int],
    actor_keys: Mapping[str, str],
    extra: tuple[str, ...],
    lang: str,
    session: bool,
) -> dict[str, Any]:
    return {
        **event_ref(event, number),
        "session": session,
        "end": str(event.end_date) if event.end_date else "",
        "period": event.date.precision != "day" or event.end_date is not None,
        "type": event.type,
        "type_name": term_name("event_type", event.type, lang),
        "actor": event.actor,
        "with": ", ".join(event.with_actors),
        "participants": " ".join(actor_keys[a] for a in event.participants),
        "description": event.description,
        "decision": event.is_decision,
        "basis": term_name("basis", event.basis, lang) if event.basis else "",
        "sides_with": event.sides_with or "",
        "questions": ", ".join(event.questions),
        "source": event.source or "",
        "flags": flags,
        "extra": [event.extra.get(h, "") for h in extra],
    }


def event_table(
    analysis: Analysis,
    report: ReportSettings,
    lang: str,
    flag_rows: Sequence[Sequence[int]] | None = None,
) -> dict[str, Any]:
    """Every event as a table row, with the choices for the actor and type filters; ``flag_rows``
    (the rows of each pattern the report shows, numbered from 1; default: every flag) names the
    patterns of a row.

    The events of the learning session itself (on or after the session date, not analysed) are rows
    too, marked ``session``."""
    case = analysis.case
    order = lanes(case)
    actor_keys = {a.id: f"a{i}" for i, a in enumerate(case.actors)}
    numbers = case.event_positions
    if flag_rows is None:
        flag_rows = [[numbers[e] for e in flag.events] for flag in analysis.flags]
    flags_of: dict[int, list[int]] = {}
    for n, rows in enumerate(flag_rows, start=1):
        for row in rows:
            flags_of.setdefault(row, []).append(n)
    extra = tuple(case.extra_columns.get("timeline", ()))
    types = sorted({e.type for e in case.events}, key=lambda t: term_name("event_type", t, lang))
    session = set(analysis.session_events)
    return {
        "rows": [
            _event_row(e, i, flags_of.get(i, []), actor_keys, extra, lang, e.id in session)
            for i, e in enumerate(case.events)
        ],
        "extra_headers": list(extra),
        "folded": len(case.events) > report.fold_table_events,
        "actors": [{"key": actor_keys[a], "label": a} for a in order],
        "types": [
            {"key": t, "label": capitalised(term_name("event_type", t, lang))} for t in types
        ],
    }


def questions(case: Case, msg: Messages) -> list[dict[str, Any]]:
    """Each learning question with the events that bear on it, in timeline order."""
    linked: dict[str, list[dict[str, Any]]] = {q.id: [] for q in case.questions}
    for number, event in enumerate(case.events):
        for qid in event.questions:
            linked.setdefault(qid, []).append(event_ref(event, number))
    return [
        {
            "n": n,
            "anchor": f"question-{n}",
            "id": q.id,
            "text": q.text,
            "asked_by": q.asked_by or "",
            "events": linked[q.id],
            "rows": [e["n"] for e in linked[q.id]],
            "count": msg("report.questions.count", count=len(linked[q.id])),
        }
        for n, q in enumerate(case.questions, start=1)
    ]


def lessons(case: Case) -> list[dict[str, str]]:
    return [
        {
            "id": lesson.id,
            "text": lesson.text,
            "theme": lesson.theme or "",
            "audience": lesson.audience or "",
        }
        for lesson in case.lessons
    ]


def _warning_group(code: str, items: list[dict[str, str]], msg: Messages) -> dict[str, Any]:
    key = f"report.appendix.groups.{code}"
    title = msg(key) if msg.has(key) else msg("report.appendix.groups.other")
    return {"code": code, "title": title, "entries": items}


def warnings(case: Case, msg: Messages) -> list[dict[str, Any]]:
    """Validation warnings grouped by kind, hindsight wording first (the facilitator may rephrase
    it)."""
    groups: dict[str, list[dict[str, str]]] = {}
    for problem in case.warnings:
        event = case.events_by_id.get(str(problem.params.get("event", "")))
        groups.setdefault(problem.code, []).append(
            {"text": describe_problem(problem, msg), "quote": event.description if event else ""}
        )
    rank = {code: i for i, code in enumerate(_WARNING_ORDER)}
    return [
        _warning_group(code, items, msg)
        for code, items in sorted(groups.items(), key=lambda g: rank.get(g[0], 99))
    ]


def _settings_lines(section: Any) -> list[str]:
    """``name = value`` for each setting of a detector's table (none when it has no table)."""

    def shown(value: Any) -> str:
        return (
            ", ".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value).lower()
        )

    values = plain_values(section) if section is not None else {}
    return [f"{name} = {shown(value)}" for name, value in values.items()]


def detections(analysis: Analysis, msg: Messages) -> list[dict[str, Any]]:
    """How each pattern is detected, its settings and how often it was found in this case."""
    found = {kind: sum(f.kind == kind for f in analysis.flags) for kind in FLAG_KINDS}
    return [
        {
            "kind": kind,
            "title": msg(f"flags.{kind}.title"),
            "text": detection_text(kind, msg, analysis.settings),
            "settings": _settings_lines(analysis.settings.detector(kind)),
            "found": msg("report.appendix.found", count=found[kind]),
        }
        for kind in FLAG_KINDS
        if msg.has(f"flags.{kind}.detection")
    ]
