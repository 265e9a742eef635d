"""The report's plotly figures: timeline, ecomap, helpers over time.  Never HTML.

Every figure (the timeline and helpers over time here, the ecomap in :mod:`.ecomap`) is built as
plain dicts in plotly.js's own figure format (``{"data": [...], "layout": {...}}``): plotly's object
layer would check every property of every marker as it is set, and importing it would cost a run of
``retro report`` a fifth of its time, more than it gives for figures made in one place.  The
property names are plotly.js's own (``title.text``, ``font.size``), as its figure reference gives
them.

Every figure uses SVG traces (no WebGL), so the page needs no ``eval`` and prints well.  Event types
have a colour from the Okabe-Ito palette (safe for colour-blind readers) *and* their own marker
symbol, so no meaning rests on colour alone.  Text from the workbook is escaped for plotly, which
would otherwise read tags such as ``<a>`` in hover text and labels."""

from __future__ import annotations

import math
import textwrap
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from ..html import plot_text
from ..messages import Messages
from ..model import Case, Event
from ..schema import term_name
from .wording import CATEGORIES, capitalised, day_text, lanes, month_text

Trace = dict[str, Any]  # one plotly.js trace, e.g. {"type": "scatter", "x": [...], ...}
Figure = dict[str, Any]  # one plotly.js figure: {"data": [trace, ...], "layout": {...}}

BLACK, ORANGE, SKY, GREEN, BLUE, VERMILLION, PURPLE, GREY = (
    "#000000",
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#777777",
)

# event type -> (colour, marker symbol); every pair differs in symbol
TYPE_STYLE: dict[str, tuple[str, str]] = {
    "referral": (BLUE, "triangle-right"),
    "handover": (BLUE, "arrow-right"),
    "meeting": (SKY, "circle"),
    "case_conference": (SKY, "hexagon"),
    "analysis": (GREEN, "star"),
    "decision": (BLACK, "diamond"),
    "intervention": (GREEN, "square"),
    "contact": (GREEN, "octagon"),
    "contact_break": (VERMILLION, "x"),
    "escalation": (VERMILLION, "triangle-up"),
    "report": (ORANGE, "hexagram"),
    "legal": (PURPLE, "pentagon"),
    "complaint": (ORANGE, "triangle-down"),
    "child_interview": (PURPLE, "star-triangle-up"),
    "closure": (BLACK, "square-x"),
    "other": (GREY, "cross"),
}
CATEGORY_STYLE = {
    "family": (ORANGE, "circle"),
    "professional": (BLUE, "square"),
    "legal": (PURPLE, "diamond"),
}
# edge kind -> (colour, dash, width)
TIE_STYLE = {
    "cooperation": (GREEN, "solid", 4),
    "conflict": (VERMILLION, "dot", 4),
    "referral": (BLUE, "dash", 2.5),
    "handover": (ORANGE, "longdash", 2.5),
    "assignment": (PURPLE, "dashdot", 2.5),
    "represents": (GREY, "dot", 2),
    "decision_about": (BLACK, "dot", 1.2),
}
_GROUP_GAP = 1.0  # room above each group of lanes for its name
FONT = dict(family="system-ui, 'DejaVu Sans', Arial, sans-serif", size=15, color="#111111")


def wrapped(text: str, width: int = 70) -> str:
    return "<br>".join(plot_text(line) for line in textwrap.wrap(text, width) or [""])


def base_layout(height: int) -> dict[str, Any]:
    """The layout every report chart starts from (plotly.js has no template unless given one)."""
    return dict(
        height=height,
        font=FONT,
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin=dict(l=10, r=10, t=40, b=40),
        hoverlabel=dict(font=dict(size=15), bgcolor="white"),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0, font=dict(size=14)),
    )


# ---- timeline ------------------------------------------------------------------------
# -------------------


def lane_positions(case: Case) -> dict[str, float]:
    """The y position of each actor's lane: groups family, professionals, legal, each below a gap
    for its name."""
    positions, y, previous = {}, 0.0, None
    for actor_id in lanes(case):
        group = case.actor(actor_id).category
        y += (_GROUP_GAP if group != previous else 0) + (1 if previous is not None else 0)
        positions[actor_id], previous = y, group
    return positions


def _month(day: date) -> date:
    return day.replace(day=15)


def event_x(event: Event) -> date:
    """Where an event is drawn: its day, or the middle of the period it covers."""
    return event.start + (event.end - event.start) / 2


def chart_points(
    case: Case, rows: Iterable[int], lane: dict[str, float], *, summarised: bool
) -> list[list[Any]]:
    """The chart positions ``[iso date, lane]`` of timeline rows (months in a summarised chart),
    without repeats.

    ``lane`` is :func:`lane_positions` of the case, computed once by the caller.
    """
    points: dict[tuple[date, float], None] = {}
    for i in rows:
        event = case.events[i]
        x = _month(event.start) if summarised else event_x(event)
        points[(x, lane[event.actor])] = None
    return [[x.isoformat(), y] for x, y in points]


def _hover(event: Event, msg: Messages) -> str:
    when = str(event.date)
    if event.date.precision != "day" or event.end_date:
        when = msg(
            "report.timeline.hover_period",
            date=event.date,
            start=day_text(event.start),
            end=day_text(event.end),
        )
    who = plot_text(event.actor) + (
        " → " + plot_text(", ".join(event.with_actors)) if event.with_actors else ""
    )
    kind = capitalised(term_name("event_type", event.type, msg.lang))
    what = wrapped(event.description)
    return f"<b>{plot_text(event.id)}</b> · {plot_text(when)}<br>{kind} · {who}<br>{what}"


def scatter(**properties: Any) -> Trace:
    """A scatter trace as plotly.js takes it."""
    return {"type": "scatter", **properties}


def _type_traces(case: Case, lane: dict[str, float], msg: Messages) -> list[Trace]:
    by_type: dict[str, list[int]] = defaultdict(list)
    for i, event in enumerate(case.events):
        by_type[event.type].append(i)
    traces = []
    for kind, rows in sorted(by_type.items(), key=lambda item: list(TYPE_STYLE).index(item[0])):
        colour, symbol = TYPE_STYLE[kind]
        events = [case.events[i] for i in rows]
        name = capitalised(term_name("event_type", kind, msg.lang))
        periods = [e for e in events if e.date.precision != "day" or e.end_date]
        if periods:
            xs = [x for e in periods for x in (e.start, e.end + timedelta(days=1), None)]
            ys = [y for e in periods for y in (lane[e.actor], lane[e.actor], None)]
            traces.append(
                scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    line=dict(color=colour, width=9),
                    opacity=0.35,
                    legendgroup=kind,
                    showlegend=False,
                    hoverinfo="skip",
                )
            )
        line = (
            dict(color=colour, width=2) if symbol == "x" else dict(color="#222222", width=1)
        )  # a dark outline would hide the narrow x's colour
        traces.append(
            scatter(
                x=[event_x(e) for e in events],
                y=[lane[e.actor] for e in events],
                mode="markers",
                name=name,
                legendgroup=kind,
                customdata=rows,
                hovertext=[_hover(e, msg) for e in events],
                hoverinfo="text",
                marker=dict(symbol=symbol, color=colour, size=14, line=line),
            )
        )
    return traces


def _present_trace(case: Case, lane: dict[str, float], msg: Messages) -> Trace:
    xs, ys, rows, texts = [], [], [], []
    for i, event in enumerate(case.events):
        for actor in event.with_actors:
            xs.append(event_x(event))
            ys.append(lane[actor])
            rows.append(i)
            texts.append(
                msg(
                    "report.timeline.hover_present",
                    actor=plot_text(actor),
                    event=plot_text(event.id),
                )
            )
    return scatter(
        x=xs,
        y=ys,
        mode="markers",
        name=msg("report.timeline.legend.present"),
        customdata=rows,
        hovertext=texts,
        hoverinfo="text",
        marker=dict(symbol="circle-open", size=8, color="#555555"),
    )


def _ring(
    name: str,
    points: list[list[Any]],
    symbol: str,
    size: int,
    colour: str,
    width: float,
    **extra: Any,
) -> Trace:
    return scatter(
        x=[p[0] for p in points],
        y=[p[1] for p in points],
        mode="markers",
        name=name,
        hoverinfo="skip",
        marker=dict(symbol=symbol, size=size, color=colour, line=dict(color=colour, width=width)),
        **extra,
    )


def _summary_traces(case: Case, lane: dict[str, float], msg: Messages) -> list[Trace]:
    cells: dict[tuple[date, str], Counter[str]] = defaultdict(Counter)
    for event in case.events:
        cells[(_month(event.start), event.actor)][event.type] += 1
    xs, ys, sizes, texts = [], [], [], []
    most = max((sum(types.values()) for types in cells.values()), default=1)
    months = len({month for month, _ in cells})
    biggest = max(
        8.0, min(30.0, 900 / max(months, 1))
    )  # markers of neighbouring months should not merge
    for (month, actor), types in cells.items():
        total = sum(types.values())
        detail = ", ".join(
            f"{n} {term_name('event_type', t, msg.lang)}" for t, n in types.most_common()
        )
        xs.append(month)
        ys.append(lane[actor])
        sizes.append(4 + (biggest - 4) * math.sqrt(total / most))
        texts.append(
            msg(
                "report.timeline.hover_summary",
                actor=plot_text(actor),
                month=month_text(month),
                count=total,
                detail=plot_text(detail),
            )
        )
    return [
        scatter(
            x=xs,
            y=ys,
            mode="markers",
            name=msg("report.timeline.legend.summary"),
            hovertext=texts,
            hoverinfo="text",
            marker=dict(
                symbol="circle",
                size=sizes,
                color=BLUE,
                opacity=0.75,
                line=dict(color="#222222", width=1),
            ),
        )
    ]


def _lane_groups(
    case: Case, lane: dict[str, float], msg: Messages
) -> tuple[list[dict], list[dict]]:
    shapes, notes = [], []
    for n, group in enumerate(CATEGORIES):
        ys = [y for a, y in lane.items() if case.actor(a).category == group]
        if not ys:
            continue
        shapes.append(
            dict(
                type="rect",
                xref="paper",
                x0=0,
                x1=1,
                y0=min(ys) - 0.5,
                y1=max(ys) + 0.5,
                layer="below",
                line=dict(width=0),
                fillcolor=("#FFF4E0", "#EAF3FB", "#F6EAF2")[n],
            )
        )
        notes.append(
            dict(
                xref="paper",
                x=0,
                y=min(ys) - 0.5 - _GROUP_GAP / 2,
                yanchor="middle",
                xanchor="left",
                showarrow=False,
                text=f"<b>{msg(f'report.categories.{group}')}</b>",
                font=dict(size=15, color="#111111"),
            )
        )
    return shapes, notes


def _session_line(session: date, msg: Messages) -> tuple[dict, dict]:
    """A vertical line at the session date, labelled: the events from there on are the session
    itself."""
    return (
        dict(
            type="line",
            xref="x",
            yref="paper",
            x0=session,
            x1=session,
            y0=0,
            y1=1,
            layer="below",
            line=dict(color=GREEN, width=3, dash="dashdot"),
        ),
        dict(
            xref="x",
            yref="paper",
            x=session,
            y=1,
            xanchor="right",
            yanchor="bottom",
            showarrow=False,
            text=f"<b>{plot_text(msg('report.timeline.session_label'))}</b>",
            font=dict(size=14, color=GREEN),
        ),
    )


def timeline_figure(
    case: Case,
    flag_rows: list[list[int]],
    msg: Messages,
    lane: dict[str, float],
    *,
    summarised: bool,
    session: date | None = None,
) -> dict[str, Any]:
    """A lane per actor; events by type (symbol and colour); decisions and flagged events ringed.

    ``flag_rows`` holds the timeline rows of each flag, ``lane`` is :func:`lane_positions`.  In a
    ``summarised`` chart each marker is one month of one actor, sized by its number of events.  An
    empty trace with ``uid="selected"`` is where the page draws the events of the flag the reader
    clicked.  With ``session`` (the session date, when events on or after it are in the timeline) a
    line marks where the learning session itself begins."""
    decisions = [i for i, e in enumerate(case.events) if e.is_decision]
    flagged = sorted({i for rows in flag_rows for i in rows})
    if summarised:
        traces = _summary_traces(case, lane, msg)
    else:
        traces = [_present_trace(case, lane, msg), *_type_traces(case, lane, msg)]
    traces.append(
        _ring(
            msg("report.timeline.legend.decision"),
            chart_points(case, decisions, lane, summarised=summarised),
            "diamond-open",
            24,
            BLACK,
            2,
        )
    )
    traces.append(
        _ring(
            msg("report.timeline.legend.flagged"),
            chart_points(case, flagged, lane, summarised=summarised),
            "circle-open",
            30,
            VERMILLION,
            3,
        )
    )
    traces.append(
        _ring(
            msg("report.timeline.legend.selected"),
            [],
            "circle-open",
            38,
            BLACK,
            4.5,
            uid="selected",
            showlegend=False,
        )
    )
    shapes, notes = _lane_groups(case, lane, msg)
    if session is not None:
        line, note = _session_line(session, msg)
        shapes, notes = [*shapes, line], [*notes, note]
    top = max(lane.values(), default=0)
    layout = base_layout(200 + 34 * len(lane))
    layout.update(
        shapes=shapes,
        annotations=notes,
        hovermode="closest",
        margin=dict(l=10, r=10, t=90, b=40),
        legend={**layout["legend"], "y": 1.02, "yanchor": "bottom"},
        yaxis=dict(
            tickvals=list(lane.values()),
            ticktext=[plot_text(a) for a in lane],
            range=[top + 0.7, -0.1],
            showgrid=True,
            gridcolor="#DDDDDD",
            zeroline=False,
            automargin=True,
        ),
        xaxis=dict(type="date", showgrid=True, gridcolor="#E5E5E5", automargin=True),
    )
    return {"data": traces, "layout": layout}


# ---- helpers over time
# ------------------------------------------------------------------------------------


def _moments(
    per_month: dict[date, list[str]], name: str, kind: str, y: float, msg: Messages
) -> Trace:
    colour, symbol = TYPE_STYLE[kind]
    texts = [
        msg(
            "report.helpers.hover_moments",
            what=name,
            month=month_text(m),
            count=len(ids),
            ids=plot_text(", ".join(ids[:10]) + (" …" if len(ids) > 10 else "")),
        )
        for m, ids in per_month.items()
    ]
    return scatter(
        x=[_month(m) for m in per_month],
        y=[y] * len(per_month),
        mode="markers",
        name=name,
        hovertext=texts,
        hoverinfo="text",
        marker=dict(symbol=symbol, color=colour, size=15, line=dict(color="#222222", width=1)),
    )


def _limit_lines(limits: dict[str, int], msg: Messages) -> tuple[list[dict], list[dict]]:
    """The helpers chart's two limits as lines across it, each with its label at the right."""
    shapes = [
        dict(
            type="line",
            xref="paper",
            x0=0,
            x1=1,
            y0=v,
            y1=v,
            line=dict(color=c, dash=d, width=w),
        )
        # colour, dash and width differ, so the two limits stay apart in greyscale too
        for v, c, d, w in (
            (limits["medium"], ORANGE, "dash", 2),
            (limits["high"], VERMILLION, "dot", 3),
        )
    ]
    notes = [
        dict(
            xref="paper",
            x=1,
            y=v,
            xanchor="right",
            yanchor="bottom",
            showarrow=False,
            font=dict(size=13),
            text=msg(f"report.helpers.limit_{k}", count=v),
        )
        for k, v in limits.items()
    ]
    return shapes, notes


def helpers_figure(
    helpers: tuple[tuple[date, int], ...],
    professionals: tuple[tuple[date, int], ...],
    context: dict[str, Any],
    msg: Messages,
) -> Figure:
    """Helpers active per month (the series ``too_many_helpers`` judges) against its limits, all
    professionals beside it (thin, dashed), and the months with handovers and court moments.

    ``context`` is :func:`retro.report.helpers.helpers_context`: its ``limits``, ``handovers`` and
    ``court``.
    """
    limits = context["limits"]
    top = max([*(n for _, n in professionals), *limits.values(), 1])
    traces = [
        scatter(
            x=[_month(m) for m, _ in professionals],
            y=[n for _, n in professionals],
            mode="lines",
            line=dict(shape="hvh", color=GREY, width=2, dash="dash"),
            name=msg("report.helpers.legend.professionals"),
            hovertemplate=msg("report.helpers.hover_professionals"),
        ),
        scatter(
            x=[_month(m) for m, _ in helpers],
            y=[n for _, n in helpers],
            mode="lines",
            line=dict(shape="hvh", color=BLUE, width=3.5),
            fill="tozeroy",
            fillcolor="rgba(0,114,178,0.15)",
            name=msg("report.helpers.legend.active"),
            hovertemplate=msg("report.helpers.hover_active"),
        ),
        _moments(
            context["handovers"], msg("report.helpers.legend.handovers"), "handover", top + 1, msg
        ),
        _moments(context["court"], msg("report.helpers.legend.court"), "legal", top + 2, msg),
    ]
    shapes, notes = _limit_lines(limits, msg)
    step = 1 if top < 15 else max(1, top // 8)
    layout = base_layout(420)
    layout.update(
        shapes=shapes,
        annotations=notes,
        hovermode="closest",
        meta={"print_height": 340},  # a few steps up and down: lower on paper
        yaxis=dict(
            title=dict(text=msg("report.helpers.axis")),
            range=[0, top + 2.6],
            automargin=True,
            tickvals=list(range(0, top + 1, step)),
            gridcolor="#E5E5E5",
            zeroline=False,
        ),
        xaxis=dict(type="date", gridcolor="#E5E5E5"),
    )
    return {"data": traces, "layout": layout}
