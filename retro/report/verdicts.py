"""What people judged, as the report shows it (:func:`retro.review.review_of`).

* The body holds the flags people did not reject, each with its verdict: open ones marked as not
  yet judged, adjusted ones with the facilitator's wording beside retro's, confirmed ones with
  their note; then the facilitator's own patterns, as theirs, with their events and note.  All are
  numbered in one series, so the timeline, the table and the agenda name them alike.
* Rejected flags leave the body; the appendix lists them with the note, so nothing is hidden, with
  the rows of flags retro no longer finds and the agreement per kind.
* The agenda stops at confirmed, adjusted and own patterns.  While nothing is judged yet, every flag
  is a candidate, as before the review existed; once people judge, open flags wait in the patterns
  section (the agenda says how many)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..analysis import Analysis
from ..config import ReportSettings
from ..messages import Messages
from ..review import JudgedFlag, OwnPattern, Review
from ..schema import term_name
from .patterns import patterns
from .wording import event_quote, event_ref


def _badge(verdict: str, stage: str | None, msg: Messages) -> str:
    label = msg(f"report.review.verdicts.{verdict}")
    return (
        msg("report.review.badge", verdict=label, stage=msg(f"report.review.stages.{stage}"))
        if stage
        else label
    )


def _verdict(
    verdict: str, note: str | None, stage: str | None, msg: Messages, own: bool
) -> dict[str, Any]:
    """An own pattern the group has not judged yet was *added* by the facilitator, not left open."""
    return {
        "key": verdict,
        "badge": _badge("added" if own and verdict == "open" else verdict, stage, msg),
        "note": note or "",
        "open": verdict == "open" and not own,
        "adjusted": verdict == "adjusted",
        "own": own,
    }


def _own(analysis: Analysis, own: OwnPattern, number: int, msg: Messages) -> dict[str, Any]:
    """An own pattern in the shape of a flag of :func:`retro.report.patterns.patterns`."""
    case, most = analysis.case, analysis.settings.most_listed
    rows = sorted(case.event_positions[e] for e in own.events)
    rest = [case.events[i].id for i in rows[most:]]
    return {
        "n": number,
        "anchor": f"flag-{number}",
        "id": own.id or "",
        "kind": own.kind,
        "rule": "",
        "severity": "high",  # the group's own concern ranks with retro's strongest in the agenda
        "severity_label": "",
        "title": msg(f"flags.{own.kind}.title"),
        "full": True,
        "explanation": msg("report.review.own_explanation"),
        "basis": "",  # retro found nothing: the group's own reading needs no rule
        "basis_label": "",
        "relations": [],
        "question": msg(f"flags.{own.kind}.question"),
        "actors": ", ".join(dict.fromkeys(a for i in rows for a in case.events[i].participants)),
        "rows": rows,
        "quoted": [event_quote(case, i, msg.lang) for i in rows[:most]],
        "refs": [],
        "more": msg("report.patterns.more_events", count=len(rest), ids=", ".join(rest))
        if rest
        else "",
        "known": [],
        "verdict": _verdict(own.verdict, own.note, own.stage, msg, own=True),
    }


def _rejected(analysis: Analysis, judged: JudgedFlag, msg: Messages) -> dict[str, Any]:
    text, case = analysis.flag_text(judged.flag, msg), analysis.case
    return {
        "id": judged.flag.id,
        "title": text.title,
        "explanation": text.explanation,
        "events": [
            event_ref(case.events_by_id[e], case.event_positions[e]) for e in judged.flag.events
        ],
        "badge": _badge("rejected", judged.stage, msg),
        "note": judged.note or "",
    }


def _own_rejected(analysis: Analysis, own: OwnPattern, msg: Messages) -> dict[str, Any]:
    case = analysis.case
    return {
        "id": own.id or msg("report.review.row", row=own.row),
        "title": msg("report.review.own_title", title=msg(f"flags.{own.kind}.title")),
        "explanation": "",
        "events": [event_ref(case.events_by_id[e], case.event_positions[e]) for e in own.events],
        "badge": _badge("rejected", own.stage, msg),
        "note": own.note or "",
    }


def _agreement(review: Review, msg: Messages) -> list[dict[str, Any]]:
    return [
        {
            "title": msg(f"flags.{a.kind}.title"),
            "confirmed": a.confirmed,
            "adjusted": a.adjusted,
            "rejected": a.rejected,
            "open": a.open,
            "own": a.own,
        }
        for a in review.agreement()
        if a.any
    ]


def _gone(review: Review, msg: Messages) -> list[dict[str, Any]]:
    return [
        {
            "id": row.id,
            "pattern": row.pattern or "",
            "events": ", ".join(row.events),
            "verdict": term_name("verdict", row.verdict, msg.lang),
            "note": row.note or "",
        }
        for row in review.gone
        if row.written_by_people
    ]


def judged_patterns(
    analysis: Analysis, review: Review, report: ReportSettings, msg: Messages
) -> dict[str, Any]:
    """The patterns of the body (numbered from 1), those for the agenda, and the appendix's
    part on the review."""
    shown = [j for j in review.flags if j.verdict != "rejected"]
    body = patterns(analysis, report, msg, flags=[j.flag for j in shown])
    for flag, judged in zip(body, shown):
        flag["verdict"] = _verdict(judged.verdict, judged.note, judged.stage, msg, own=False)
    own = [o for o in review.own if o.confirmed]
    body += [_own(analysis, o, len(body) + n, msg) for n, o in enumerate(own, start=1)]
    waiting = [f for f in body if f["verdict"]["open"]]
    agenda = [f for f in body if not (review.judged and f["verdict"]["open"])]
    rejected = [_rejected(analysis, j, msg) for j in review.flags if j.verdict == "rejected"]
    rejected += [_own_rejected(analysis, o, msg) for o in review.own if not o.confirmed]
    return {
        "flags": body,
        "agenda": agenda,
        "agenda_note": msg("report.review.agenda_note", count=len(waiting))
        if review.judged and waiting
        else "",
        "appendix": {
            "judged": review.judged,
            "agreement": _agreement(review, msg),
            "rejected": rejected,
            "gone": _gone(review, msg),
        },
    }


def flag_rows(flags: Sequence[dict[str, Any]]) -> list[list[int]]:
    """The timeline rows of each pattern of the body, in its numbering."""
    return [f["rows"] for f in flags]
