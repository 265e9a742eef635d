"""The learning-session report: one self-contained HTML file, Dutch first.

Compute, then structure, then render: :func:`report_context` turns an
:class:`~retro.analysis.Analysis` into a plain dict (no HTML, testable on its own),
:func:`report_html` adds the plotly figures and renders ``templates/report/report.html`` through
:func:`retro.html.render_page` (autoescape, plotly.js inlined once, a strict CSP).

    >>> import retro
    >>> result = retro.analyse(retro.load_case("sample_cases/hengelo.xlsx"))
    >>> retro.write_report(result, "hengelo.html", lang="en")  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from ..analysis import Analysis
from ..config import ReportSettings
from ..files import write_text
from ..html import figure_html, plotly_js, render_page, texts
from ..messages import Messages
from ..review import review_of
from .agenda import agenda
from .context import (
    SECTIONS,
    detections,
    event_table,
    header,
    lessons,
    listed_rows,
    questions,
    shortened,
    warnings,
)
from .ecomap import network_figure
from .figures import chart_points, helpers_figure, lane_positions, timeline_figure
from .helpers import helpers_context
from .network import actor_rows, measure_sentences, tie_rows
from .patterns import compact_groups, participation
from .session import case_strip, session_slides
from .triangle import triangle
from .verdicts import flag_rows, judged_patterns


def _timeline(
    analysis: Analysis, report: ReportSettings, msg: Messages, flags: int, table_complete: bool
) -> dict[str, Any]:
    case, session = analysis.case, analysis.session_events
    summarised = len(case.events) > report.max_chart_events
    note = (
        msg("report.timeline.summarised", events=len(case.events), most=report.max_chart_events)
        + (" " + msg("report.timeline.table_complete") if table_complete else "")
        if summarised
        else ""
    )
    return {
        "summarised": summarised,
        "note": note,
        "lanes": lane_positions(case),
        "caption": msg(
            "report.timeline.caption",
            events=len(case.events),
            flags=flags,
            decisions=sum(e.is_decision for e in case.events),
        ),
        "session": msg("report.timeline.session", events=", ".join(session)) if session else "",
    }


def _shorten_quotes(flags: list[dict[str, Any]], chars: int) -> None:
    """The descriptions quoted under the patterns, shortened as in a summarised table."""
    for flag in flags:
        for quote in [*flag["quoted"], *(e for panel in flag["known"] for e in panel["events"])]:
            quote["description"] = shortened(quote["description"], chars)


def _in_table(rows: list[int], listed: set[int] | None) -> list[int]:
    """The rows the table has (all of them unless it is summarised): the page marks only those."""
    return rows if listed is None else [r for r in rows if r in listed]


def report_context(
    analysis: Analysis, lang: str = "nl", *, today: date | None = None
) -> dict[str, Any]:
    """Everything the report shows, as plain data: sections, sentences, tables, row numbers (with
    the ``[report]`` settings of the analysis's configuration)."""
    report = analysis.config.report
    msg, case = Messages(lang), analysis.case
    judged = judged_patterns(analysis, review_of(analysis), report, msg)
    flags = judged["flags"]
    listed = listed_rows(analysis, report)  # None: the table lists every event
    if listed is not None:
        _shorten_quotes(flags, report.table_description_chars)
    asked = questions(case, msg, None if listed is None else report.named_events)
    timeline = _timeline(analysis, report, msg, len(flags), table_complete=listed is None)
    summarised, lane = timeline["summarised"], timeline["lanes"]
    in_table = None if listed is None else set(listed)
    plan = agenda(
        asked,
        judged["agenda"],
        report.agenda,
        msg,
        case=case,
        most_events=analysis.settings.most_listed,
    )
    return {
        "lang": lang,
        "header": header(case, msg, today or date.today(), analysis.history),
        "sections": [{"id": s, "title": msg(f"report.sections.{s}")} for s in SECTIONS],
        "questions": asked,
        "timeline": timeline,
        "events": event_table(analysis, report, lang, flag_rows(flags), listed, msg),
        "network": {
            "sentences": measure_sentences(analysis, msg),
            "actors": actor_rows(analysis, lang, msg),
            "ties": tie_rows(analysis, lang, msg),
            "recency_note": msg(
                "report.network.recency_note", days=analysis.settings.recency_half_life_days
            ),
        },
        "flags": flags,
        "flag_groups": compact_groups(flags, msg),
        "helpers": helpers_context(analysis, msg),
        "triangle": triangle(analysis, report.triangle, msg),
        "agenda": {**plan, "note": judged["agenda_note"]},
        "session": session_slides(plan["screens"], case, report.session, msg, participation(case)),
        "review": judged["appendix"],
        "session_strip": case_strip(case),
        "lessons": lessons(case),
        "warnings": warnings(
            case,
            msg,
            report.warnings_listed,
            None if listed is None else report.table_description_chars,
        ),
        "detections": detections(analysis, msg),
        "severities": [msg(f"flags.severity_meaning.{s}") for s in ("high", "medium", "low")],
        "data": {
            "flags": [
                {
                    "rows": _in_table(f["rows"], in_table),
                    "points": chart_points(case, f["rows"], lane, summarised=summarised),
                }
                for f in flags
            ],
            "questions": [
                {
                    "rows": _in_table(q["rows"], in_table),
                    "points": chart_points(case, q["rows"], lane, summarised=summarised),
                }
                for q in asked
            ],
        },
    }


def report_figures(analysis: Analysis, context: Mapping[str, Any], msg: Messages) -> dict[str, str]:
    """The three charts, each as a ``<div>`` and its script (plotly.js itself is inlined once by the
    page); without plotly's mode bar, which would cover the legends on a projector."""
    case, measures = analysis.case, analysis.measures
    session = (
        case.meta.session_date.start if analysis.session_events and case.meta.session_date else None
    )
    timeline = timeline_figure(
        case,
        [f["rows"] for f in context["flags"]],
        msg,
        context["timeline"]["lanes"],
        summarised=context["timeline"]["summarised"],
        session=session,
    )
    return {
        "timeline": figure_html(timeline, "timeline-chart", mode_bar=False),
        "network": figure_html(
            network_figure(
                case,
                analysis.graph,
                measures,
                msg,
                min_together=analysis.config.report.network_min_together,
            ),
            "network-chart",
            mode_bar=False,
        ),
        "helpers": figure_html(
            helpers_figure(
                measures.care_over_time, measures.helpers_over_time, context["helpers"], msg
            ),
            "helpers-chart",
            mode_bar=False,
        ),
    }


def report_html(analysis: Analysis, lang: str = "nl", *, today: date | None = None) -> str:
    """The report as one HTML page that needs no internet."""
    msg = Messages(lang)
    context = report_context(analysis, lang, today=today)
    return render_page(
        "report/report.html",
        {
            **context,
            "figures": report_figures(analysis, context, msg),
            "plotly_js": plotly_js(),
            "t": texts(msg.section("report")),
        },
    )


def write_report(analysis: Analysis, path: str | Path, lang: str = "nl") -> Path:
    """Write the report to ``path`` (UTF-8, atomically: a failed write leaves the old file as it
    was) and return the path.  Raises :class:`~retro.errors.OutputError`."""
    return write_text(Path(path), report_html(analysis, lang))
