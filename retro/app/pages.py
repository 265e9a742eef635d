"""What each page shows, as plain data for its template (testable without a browser).

Computed with the public API, structured here, rendered by ``templates/app/``: the check of a
workbook as a table (:func:`check_context`), the flags with their evidence and what people said
(:func:`patterns_context`), the outcome of a regional export (:func:`region_context`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import retro
from retro.errors import Problem, RetroError
from retro.messages import Messages, case_summary, describe_error, problem_text
from retro.schema import SHEETS_BY_KEY, VOCABULARIES, term_name

if TYPE_CHECKING:
    from retro import Analysis, Case

    from .workspace import CaseEntry, RegionJob

_DESCRIPTION_CHARS = 160  # of an event in a list to choose from


def error_text(error: RetroError, msg: Messages, name: str) -> str:
    """A domain error as a sentence that names the file as the user knows it (not the app's
    copy)."""
    params = dict(error.params)
    if "path" in params:
        params["path"] = name
    return describe_error(type(error)(error.code, **params), msg)


def problem_rows(problems: tuple[Problem, ...], msg: Messages) -> list[dict[str, Any]]:
    """Errors first, then warnings: each with where it is and what to do."""
    ordered = [p for p in problems if p.is_error] + [p for p in problems if not p.is_error]
    return [
        {
            "error": p.is_error,
            "kind": msg("app.check.error" if p.is_error else "app.check.warning"),
            "sheet": p.sheet or "",
            "row": p.row or "",
            "column": p.column or "",
            "value": "" if p.value is None else str(p.value),
            "text": problem_text(p, msg),
        }
        for p in ordered
    ]


def check_context(entry: CaseEntry, msg: Messages) -> dict[str, Any]:
    """The Controle page: the case in a few lines when it is valid, and every problem."""
    validation = entry.validation
    assert validation is not None
    errors = sum(p.is_error for p in entry.problems)
    case = entry.analysis.case if entry.analysis is not None else None
    rows = [
        {
            "sheet": SHEETS_BY_KEY[key].name(msg.lang),
            "read": read,
            "loaded": validation.rows_loaded.get(key, 0),
        }
        for key, read in validation.rows_read.items()
    ]
    return {
        "valid": entry.valid,
        "errors": errors,
        "warnings": len(entry.problems) - errors,
        "problems": problem_rows(entry.problems, msg),
        "summary": case_summary(case, msg) if case is not None else [],
        "rows": rows,
    }


def _event(case: Case, ident: str, lang: str) -> dict[str, Any] | None:
    event = case.events_by_id.get(ident)
    if event is None:
        return None
    names = {a.id: a.name or a.id for a in case.actors}
    return {
        "id": event.id,
        "date": str(event.date),
        "type": term_name("event_type", event.type, lang),
        "actors": ", ".join(names.get(a, a) for a in event.participants),
        "description": event.description,
        "decision": event.decision,
    }


def _choices(vocabulary: str, msg: Messages, *, blank: str) -> list[dict[str, str]]:
    return [{"key": "", "name": blank}] + [
        {"key": t.key, "name": t.name(msg.lang)}
        for t in VOCABULARIES[vocabulary]
        if t.key != "open"
    ]


def patterns_context(
    analysis: Analysis, msg: Messages, given: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The Patronen page: every flag with its evidence and its verdict (what the workbook says, or
    what was just chosen on the page: ``given``), the own patterns already in the workbook, and the
    choices for a new one."""
    case, review = analysis.case, retro.review_of(analysis)
    given = given or {}
    flags = []
    for judged in review.flags:
        flag, text = judged.flag, analysis.flag_text(judged.flag, msg)
        flags.append(
            {
                "id": flag.id,
                "title": text.title,
                "severity": msg(f"flags.severity.{flag.severity}"),
                "explanation": text.explanation,
                "basis": text.basis,
                "question": text.question,
                "events": [e for i in flag.events if (e := _event(case, i, msg.lang))],
                "relations": list(flag.relations),
                "verdict": given.get(f"verdict:{flag.id}", judged.verdict),
                "note": given.get(f"note:{flag.id}", judged.note or ""),
                "stage": given.get(f"stage:{flag.id}", judged.stage or ""),
            }
        )
    return {
        "flags": flags,
        "verdicts": [
            {"key": "open", "name": msg("app.patterns.open")},
            *_choices("verdict", msg, blank="")[1:],
        ],
        "stages": _choices("stage", msg, blank=msg("app.patterns.no_stage")),
        "own": [
            {
                "title": msg(f"flags.{o.kind}.title"),
                "events": ", ".join(o.events),
                "verdict": term_name("verdict", o.verdict, msg.lang),
                "note": o.note or "",
            }
            for o in review.own
        ],
        "kinds": [{"key": k, "name": msg(f"flags.{k}.title")} for k in retro.FLAG_KINDS],
        "events": [
            {
                "id": e.id,
                "label": f"{e.id} · {e.date} · {_short(e.description)}",
            }
            for e in case.events
        ],
        "given": {
            "kind": given.get("own_kind", ""),
            "events": list(given.get("own_events", ())),
            "note": given.get("own_note", ""),
            "verdict": given.get("own_verdict", ""),
            "stage": given.get("own_stage", ""),
        },
    }


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _DESCRIPTION_CHARS else text[: _DESCRIPTION_CHARS - 1] + "…"


def region_context(job: RegionJob, msg: Messages, skipped_before: list[dict[str, str]]) -> dict:
    """The Regio page of one export: its progress, or what it read, what it skipped and why."""
    context: dict[str, Any] = {
        "id": job.id,
        "finished": job.finished,
        "stage": msg(f"app.region.stage_{job.stage}"),
        "done": job.done,
        "total": job.total,
        "error": error_text(job.error, msg, "") if job.error is not None else None,
        "failed": msg("app.bug", kind=job.failed) if job.failed else None,
        "skipped": list(skipped_before),
    }
    summary = job.summary
    if summary is not None:
        context["cases"], context["lessons"] = summary.cases, summary.lessons
        context["default_key"] = summary.default_key
        for path, skipped in summary.skipped:
            name = job.names.get(path.name, path.name)
            error = skipped.error_of()
            detail = (
                error_text(error, msg, name)
                if error is not None
                else ", ".join(job.names.get(str(v), str(v)) for _, v in skipped.params)
            )
            context["skipped"].append(
                {"name": name, "reason": msg(f"region.reason.{skipped.reason}"), "detail": detail}
            )
    return context
