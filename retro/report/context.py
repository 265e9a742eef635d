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
from ..dates import period_words
from ..errors import Problem
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
        capitalised(period_words(analysed.events[0].date, analysed.end, msg))  # type: ignore[arg-type]
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


def listed_rows(analysis: Analysis, report: ReportSettings) -> list[int] | None:
    """The rows of a summarised event table, or ``None`` when the table lists every event.

    Above ``max_table_events`` events the table lists the events the report points to, at most that
    many: first those it quotes or links (each pattern's first ``most_listed`` events, the first
    ``named_events`` of each learning question, the session's), then the patterns' other events,
    then the decisions."""
    case = analysis.case
    if len(case.events) <= report.max_table_events:
        return None
    numbers, most = case.event_positions, analysis.settings.most_listed
    flagged = [sorted(numbers[e] for e in flag.events) for flag in analysis.flags]
    asked: dict[str, list[int]] = {}
    for number, event in enumerate(case.events):
        for qid in event.questions:
            asked.setdefault(qid, []).append(number)
    session = [numbers[e] for e in analysis.session_events]
    tiers = (
        {r for rows in flagged for r in rows[:most]}
        | {r for rows in asked.values() for r in rows[: report.named_events]}
        | set(session),
        {r for rows in flagged for r in rows},
        {i for i, e in enumerate(case.events) if e.is_decision},
    )
    chosen: set[int] = set()
    for tier in tiers:
        chosen.update(sorted(tier - chosen)[: report.max_table_events - len(chosen)])
    return sorted(chosen)


def shortened(text: str, most: int) -> str:
    """``text`` cut at a word to at most ``most`` characters, with "…" when it was longer."""
    if len(text) <= most:
        return text
    cut = text[:most].rsplit(" ", 1)[0] if " " in text[:most] else text[:most]
    return cut.rstrip(" ,;:.") + " …"


def _event_row(
    event: Event,
    number: int,
    flags: list[int],
    actor_keys: Mapping[str, str],
    extra: tuple[str, ...],
    msg: Messages,
    session: bool,
    description_chars: int | None = None,
) -> dict[str, Any]:
    lang = msg.lang
    description = event.description
    if description_chars is not None:
        description = shortened(description, description_chars)
    return {
        **event_ref(event, number),
        "session": session,
        "until": msg("report.events.until", end=event.end_date) if event.end_date else "",
        "type": event.type,
        "type_name": capitalised(term_name("event_type", event.type, lang)),
        "actor": event.actor,
        "with": msg("report.events.with", actors=", ".join(event.with_actors))
        if event.with_actors
        else "",
        "participants": " ".join(actor_keys[a] for a in event.participants),
        "description": description,
        "decision": event.is_decision,
        "basis": term_name("basis", event.basis, lang) if event.basis else "",
        "sides_with": event.sides_with or "",
        "questions": ", ".join(event.questions),
        "source": msg("report.events.source", source=event.source) if event.source else "",
        "flags": flags,
        "extra": [event.extra.get(h, "") for h in extra],
    }


def event_table(
    analysis: Analysis,
    report: ReportSettings,
    lang: str,
    flag_rows: Sequence[Sequence[int]] | None = None,
    listed: list[int] | None = None,
    msg: Messages | None = None,
) -> dict[str, Any]:
    """Every event as a table row, with the choices for the actor and type filters; or only the
    ``listed`` rows (:func:`listed_rows`), their descriptions shortened, with a ``note`` saying so.
    ``flag_rows`` (the rows of each pattern the report shows, numbered from 1; default: every flag)
    names the patterns of a row.

    The events of the learning session itself (on or after the session date, not analysed) are rows
    too, marked ``session``.  A row's cells: id, date (and end date), type (and whether it is a
    decision, on what basis), who (and with whom), description (and source), learning questions,
    patterns, then the workbook's own extra columns."""
    case = analysis.case
    msg = msg or Messages(lang)
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
    chars = report.table_description_chars if listed is not None else None
    rows = range(len(case.events)) if listed is None else listed
    return {
        "rows": [
            _event_row(e, i, flags_of.get(i, []), actor_keys, extra, msg, e.id in session, chars)
            for i, e in ((i, case.events[i]) for i in rows)
        ],
        "summarised": listed is not None,
        "note": ""
        if listed is None
        else msg(
            "report.events.summarised",
            events=len(case.events),
            shown=len(listed),
            most=report.max_table_events,
            chars=report.table_description_chars,
        ),
        "extra_headers": list(extra),
        "folded": len(case.events) > report.fold_table_events,
        "printed": report.print_event_table,
        "actors": [{"key": actor_keys[a], "label": a} for a in order],
        "types": [
            {"key": t, "label": capitalised(term_name("event_type", t, lang))} for t in types
        ],
    }


def questions(case: Case, msg: Messages, most: int | None = None) -> list[dict[str, Any]]:
    """Each learning question with the events that bear on it, in timeline order (the first
    ``most`` of them when given: a summarised report)."""
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
            "minutes": q.minutes,
            "events": linked[q.id][:most],
            "rows": [e["n"] for e in linked[q.id][:most]],
            "count": msg("report.questions.count", count=len(linked[q.id])),
            "more": msg("report.questions.more", count=len(linked[q.id]) - most)
            if most is not None and len(linked[q.id]) > most
            else "",
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


def _warning_group(
    code: str, problems: list[Problem], case: Case, msg: Messages, most: int, chars: int | None
) -> dict[str, Any]:
    key = f"report.appendix.groups.{code}"
    title = msg(key) if msg.has(key) else msg("report.appendix.groups.other")
    entries = []
    for problem in problems[:most]:
        event = case.events_by_id.get(str(problem.params.get("event", "")))
        quote = event.description if event else ""
        entries.append(
            {
                "text": describe_problem(problem, msg),
                "quote": shortened(quote, chars) if chars is not None else quote,
            }
        )
    left = len(problems) - len(entries)
    return {
        "code": code,
        "title": title,
        "count": len(problems),
        "entries": entries,
        "more": msg("report.appendix.more_warnings", count=left) if left else "",
    }


def warnings(
    case: Case, msg: Messages, most: int, chars: int | None = None
) -> list[dict[str, Any]]:
    """Validation warnings grouped by kind, hindsight wording first (the facilitator may rephrase
    it); of each kind the first ``most``, the rest counted; quotes shortened to ``chars`` when
    given (a summarised report)."""
    groups: dict[str, list[Problem]] = {}
    for problem in case.warnings:
        groups.setdefault(problem.code, []).append(problem)
    rank = {code: i for i, code in enumerate(_WARNING_ORDER)}
    return [
        _warning_group(code, problems, case, msg, most, chars)
        for code, problems in sorted(groups.items(), key=lambda g: rank.get(g[0], 99))
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
            "count": found[kind],
        }
        for kind in FLAG_KINDS
        if msg.has(f"flags.{kind}.detection")
    ]
