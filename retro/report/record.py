"""The session record (*verslag*): the short document that goes round after the learning session.

It holds the learning questions, the patterns as the group judged them (confirmed, adjusted with
the group's words beside retro's, the facilitator's own; then what the group did not recognise, and
how many are still open), the lessons with who should know them, and the actions with owner, date
and status.  No personal data beyond what the case report already has: no names from the actor
sheet, no descriptions from the timeline, and the same privacy banner.

:func:`record_context` is the plain data; :func:`write_record` writes it as printable HTML
(``templates/record/record.html``, through :func:`retro.html.render_page`) or as a Word document
(:mod:`.record_docx`), by the suffix of the path."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from ..analysis import Analysis
from ..errors import UsageError
from ..files import replace_atomically
from ..html import render_page
from ..messages import Messages
from ..review import JudgedFlag, OwnPattern, Review, review_of
from ..schema import term_name
from .context import header, lessons
from .render import texts
from .wording import day_text

HTML_SUFFIXES, WORD_SUFFIXES = (".html", ".htm"), (".docx",)


def _judged(analysis: Analysis, judged: JudgedFlag, msg: Messages) -> dict[str, Any]:
    text = analysis.flag_text(judged.flag, msg)
    return {
        "id": judged.flag.id,
        "title": text.title,
        "verdict": _verdict(judged.verdict, judged.stage, msg),
        "retro": text.explanation,
        "group": judged.note if judged.verdict == "adjusted" else "",
        "note": judged.note if judged.verdict != "adjusted" else "",
        "events": ", ".join(judged.flag.events),
        "own": False,
    }


def _own(own: OwnPattern, msg: Messages) -> dict[str, Any]:
    return {
        "id": own.id or "",
        "title": msg(f"flags.{own.kind}.title"),
        "verdict": _verdict("added" if own.verdict == "open" else own.verdict, own.stage, msg),
        "retro": "",
        "group": "",
        "note": own.note or "",
        "events": ", ".join(own.events),
        "own": True,
    }


def _verdict(verdict: str, stage: str | None, msg: Messages) -> str:
    label = msg(f"report.review.verdicts.{verdict}")
    if stage is None:
        return label
    return msg("report.review.badge", verdict=label, stage=msg(f"report.review.stages.{stage}"))


def _patterns(analysis: Analysis, review: Review, msg: Messages) -> dict[str, Any]:
    recognised = [_judged(analysis, j, msg) for j in review.flags if j.confirmed]
    recognised += [_own(o, msg) for o in review.own if o.confirmed]
    rejected = [_judged(analysis, j, msg) for j in review.flags if j.verdict == "rejected"]
    rejected += [_own(o, msg) for o in review.own if not o.confirmed]
    waiting = [j for j in review.flags if j.verdict == "open"]
    titles = ", ".join(dict.fromkeys(msg(f"flags.{j.flag.kind}.title") for j in waiting))
    return {
        "recognised": recognised,
        "rejected": rejected,
        "open": msg("record.open_line", count=len(waiting), titles=titles) if waiting else "",
    }


def _actions(analysis: Analysis, msg: Messages) -> list[dict[str, str]]:
    return [
        {
            "id": a.id,
            "text": a.text,
            "owner": a.owner or "",
            "due": str(a.due) if a.due else "",
            "lessons": ", ".join(a.lessons),
            "status": term_name("action_status", a.status, msg.lang),
        }
        for a in analysis.case.actions
    ]


def record_context(
    analysis: Analysis, lang: str = "nl", *, today: date | None = None
) -> dict[str, Any]:
    """Everything the session record shows, as plain data."""
    msg, case = Messages(lang), analysis.case
    day = today or date.today()
    return {
        "lang": lang,
        "header": header(case, msg, day, analysis.history),
        "questions": [
            {"id": q.id, "text": q.text, "asked_by": q.asked_by or ""} for q in case.questions
        ],
        "patterns": _patterns(analysis, review_of(analysis), msg),
        "lessons": lessons(case),
        "actions": _actions(analysis, msg),
        "footer": msg("record.footer", date=day_text(day)),
    }


def _labels(msg: Messages) -> dict[str, Any]:
    """The fixed words of the record: its own catalogue, and the report's header and privacy."""
    return {"t": texts(msg.section("record")), "th": texts(msg.section("report.header"))}


def record_html(analysis: Analysis, lang: str = "nl", *, today: date | None = None) -> str:
    """The session record as one printable HTML page that needs no internet."""
    context = record_context(analysis, lang, today=today)
    labels = _labels(Messages(lang))
    return render_page("record/record.html", {**context, **labels, "plotly_js": ""})


def write_record(
    analysis: Analysis, path: str | Path, lang: str = "nl", *, today: date | None = None
) -> Path:
    """Write the session record to ``path``: HTML for ``.html``, a Word document for ``.docx``.
    Raises :class:`~retro.errors.UsageError` for another suffix."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix in HTML_SUFFIXES:
        page = record_html(analysis, lang, today=today)
        return replace_atomically(target, lambda t: t.write_text(page, encoding="utf-8"))
    if suffix in WORD_SUFFIXES:
        from .record_docx import write_docx

        context = record_context(analysis, lang, today=today)
        labels = _labels(Messages(lang))
        return replace_atomically(target, lambda t: write_docx(context, labels, t))
    raise UsageError("record_format", path=str(target))
