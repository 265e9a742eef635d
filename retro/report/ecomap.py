"""The ecomap: the actor network with the family in the centre, the professionals on a ring around
it and the legal parties on an outer arc below.  Never HTML.

Made to be read on a projector: the layout is fixed (no force layout), wide rather than round, and
every label sits on the outside of its marker, away from the lines and from its neighbours. The
parents sit left and right in the centre, the family on a parent's side above that parent, the
children between them below.  Professionals are sorted by organisation so that colleagues sit side
by side; the legal parties get their own arc at the bottom, a step further out.

"Together in an event" (co-presence) is drawn only between actors who shared at least ``[report]
network_min_together`` events, thin and faint, under the relations; every tie is in the table beside
the chart.  Each relation kind is its own trace with its own colour *and* dash, so cooperation,
conflict and referral stay apart; several kinds between one pair are drawn side by side.  Node size
follows involvement (the events an actor took part in)."""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

import networkx as nx
import plotly.graph_objects as go

from ..analysis.findings import Measures
from ..html import plot_text
from ..messages import Messages
from ..model import Actor, Case
from ..schema import term_name
from .figures import CATEGORY_STYLE, GREY, TIE_STYLE, base_layout
from .wording import tie_name

# x and y radius of the ellipses: the family in the centre, professionals around, legal further out
_FAMILY, _RING, _LEGAL = (2.0, 1.05), (5.6, 3.15), (6.0, 3.75)
_RANGE = (8.0, 4.6)  # half the width and height of the drawing
_TOGETHER = "rgba(90,90,90,0.32)"
_TOGETHER_WIDTH = ((4, 1.2), (9, 2.2), (10**9, 3.2))  # (most shared events, line width)
_NOT_DRAWN = ("decision_about",)  # too many thin lines; the table of ties lists them


def _point(radii: tuple[float, float], degrees: float) -> tuple[float, float]:
    return radii[0] * math.cos(math.radians(degrees)), radii[1] * math.sin(math.radians(degrees))


def _spread(centre: float, count: int, step: float) -> list[float]:
    """``count`` angles ``step`` degrees apart, centred on ``centre``."""
    return [centre + step * (k - (count - 1) / 2) for k in range(count)]


def _family_angles(case: Case) -> dict[str, float]:
    """Parents left and right, each one's family above them, the children below in between, others
    on top."""
    family = list(case.actors_in("family"))
    parents = [a for a in family if a.role == "parent"]
    angles: dict[str, float] = dict(zip((p.id for p in parents), (180.0, 0.0)))
    angles.update(zip((p.id for p in parents[2:]), _spread(90.0, len(parents) - 2, 30.0)))
    for parent in parents[:2]:
        near = [a for a in family if a.side == parent.id and a.id not in angles]
        towards = 1 if angles[parent.id] == 180.0 else -1  # up the left side, or up the right side
        angles.update(
            (a.id, angles[parent.id] - towards * 38.0 * (k + 1)) for k, a in enumerate(near)
        )
    children = [a for a in family if a.role == "child" and a.id not in angles]
    angles.update(zip((c.id for c in children), _spread(270.0, len(children), 48.0)))
    rest = [a for a in family if a.id not in angles]
    angles.update(zip((a.id for a in rest), _spread(90.0, len(rest), 34.0)))
    return angles


def _outer_angles(professionals: list[Actor], legal: list[Actor]) -> dict[str, float]:
    """Legal parties centred at the bottom, an empty slot on either side, professionals round the
    rest."""
    slots = len(professionals) + len(legal) + (2 if professionals and legal else 0)
    step = 360.0 / max(slots, 1)
    angles = dict(zip((a.id for a in legal), _spread(270.0, len(legal), step)))
    first = 270.0 - step * ((len(legal) - 1) / 2 + 2) if legal else 270.0 - step / 2
    angles.update(
        (a.id, first - step * k) for k, a in enumerate(professionals)
    )  # clockwise: left, over the top, right
    return angles


def ecomap_positions(case: Case) -> dict[str, tuple[float, float]]:
    """x, y of each actor: family in the centre, professionals (by organisation) around, legal at
    the bottom, outside."""
    professionals = sorted(
        case.actors_in("professional"), key=lambda a: (a.organisation or "~", a.role, a.id)
    )
    legal = sorted(case.actors_in("legal"), key=lambda a: (a.role != "court", a.side or "", a.id))
    positions = {actor: _point(_FAMILY, angle) for actor, angle in _family_angles(case).items()}
    for actor, angle in _outer_angles(professionals, legal).items():
        positions[actor] = _point(_LEGAL if case.actor(actor).category == "legal" else _RING, angle)
    return positions


def label_position(x: float, y: float) -> str:
    """Where a label goes so that it points away from the centre: beside on the sides, above or
    below elsewhere."""
    if abs(x) < 1e-9 and abs(y) < 1e-9:
        return "bottom center"
    angle = math.degrees(math.atan2(y / _RING[1], x / _RING[0])) % 360
    if angle <= 35 or angle >= 325:
        return "middle right"
    if 145 <= angle <= 215:
        return "middle left"
    return "top center" if angle < 180 else "bottom center"


def _edge_lines(
    graph: nx.MultiGraph, pos: dict[str, tuple[float, float]], min_together: int
) -> dict[str, list[tuple[Any, ...]]]:
    """Per kind the segments (x0, y0, x1, y1, a, b, weight); pairs with several kinds drawn side by
    side."""
    drawn = [
        (a, b, kind, data)
        for a, b, kind, data in graph.edges(keys=True, data=True)
        if kind not in _NOT_DRAWN and (kind != "copresence" or data["weight"] >= min_together)
    ]
    pairs: dict[frozenset, list[str]] = defaultdict(list)
    for a, b, kind, _ in drawn:
        pairs[frozenset((a, b))].append(kind)
    by_kind: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for a, b, kind, data in drawn:
        (x0, y0), (x1, y1) = pos[a], pos[b]
        kinds = pairs[frozenset((a, b))]
        length = math.hypot(x1 - x0, y1 - y0) or 1
        shift = 0.11 * (kinds.index(kind) - (len(kinds) - 1) / 2)
        dx, dy = -(y1 - y0) / length * shift, (x1 - x0) / length * shift
        by_kind[kind].append((x0 + dx, y0 + dy, x1 + dx, y1 + dy, a, b, data["weight"]))
    return by_kind


def _line_trace(
    segments: list[tuple[Any, ...]],
    name: str,
    colour: str,
    dash: str,
    width: float,
    group: str,
    legend: bool,
) -> go.Scatter:
    xs = [v for s in segments for v in (s[0], s[2], None)]
    ys = [v for s in segments for v in (s[1], s[3], None)]
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        name=name,
        legendgroup=group,
        showlegend=legend,
        hoverinfo="skip",
        line=dict(color=colour, dash=dash, width=width),
    )


def _together_traces(segments: list[tuple[Any, ...]], name: str) -> list[go.Scatter]:
    """Co-presence in a few widths (more shared events, a wider line), one legend entry."""
    traces: list[go.Scatter] = []
    low = 0
    for most, width in _TOGETHER_WIDTH:
        bucket = [s for s in segments if low < s[6] <= most]
        if bucket:
            traces.append(
                _line_trace(bucket, name, _TOGETHER, "solid", width, "copresence", not traces)
            )
        low = most
    return traces


def _edge_traces(
    graph: nx.MultiGraph, pos: dict[str, tuple[float, float]], msg: Messages, min_together: int
) -> list[go.Scatter]:
    """Co-presence first (underneath), then each relation kind in the order of ``TIE_STYLE``; a
    hover point per line."""
    lines = _edge_lines(graph, pos, min_together)
    order = ["copresence", *TIE_STYLE, *sorted(set(lines) - set(TIE_STYLE) - {"copresence"})]
    traces, hover_x, hover_y, hover_text = [], [], [], []
    for kind in (k for k in order if k in lines):
        segments, name = lines[kind], tie_name(kind, msg.lang, msg)
        if kind == "copresence":
            traces += _together_traces(
                segments, msg("report.network.legend_together", count=min_together)
            )
        else:
            colour, dash, width = TIE_STYLE.get(kind, (GREY, "solid", 2))
            traces.append(_line_trace(segments, name, colour, dash, width, kind, True))
        for x0, y0, x1, y1, a, b, weight in segments:
            hover_x.append((x0 + x1) / 2)
            hover_y.append((y0 + y1) / 2)
            hover_text.append(
                msg(
                    "report.network.hover_tie",
                    a=plot_text(a),
                    b=plot_text(b),
                    kind=name,
                    count=weight,
                )
            )
    traces.append(
        go.Scatter(
            x=hover_x,
            y=hover_y,
            mode="markers",
            hovertext=hover_text,
            hoverinfo="text",
            showlegend=False,
            marker=dict(size=10, color="rgba(0,0,0,0)"),
        )
    )
    return traces


def _node_trace(
    case: Case,
    category: str,
    pos: dict[str, tuple[float, float]],
    measures: Measures,
    msg: Messages,
) -> go.Scatter:
    actors = case.actors_in(category)
    counts = {m.id: (m.events, m.degree) for m in measures.actors}
    colour, symbol = CATEGORY_STYLE[category]
    texts = [
        msg(
            "report.network.hover_actor",
            actor=plot_text(a.id),
            role=term_name("role", a.role, msg.lang),
            organisation=plot_text(a.organisation or "–"),
            events=counts[a.id][0],
            contacts=counts[a.id][1],
        )
        for a in actors
    ]
    return go.Scatter(
        x=[pos[a.id][0] for a in actors],
        y=[pos[a.id][1] for a in actors],
        mode="markers+text",
        name=msg(f"report.categories.{category}"),
        text=[plot_text(a.id) for a in actors],
        textposition=[label_position(*pos[a.id]) for a in actors],
        hovertext=texts,
        hoverinfo="text",
        customdata=[a.id for a in actors],
        textfont=dict(size=16, color="#111111"),
        cliponaxis=False,
        marker=dict(
            symbol=symbol,
            color=colour,
            line=dict(color="#222222", width=1.5),
            opacity=1,
            size=[min(44, 14 + 6 * math.sqrt(counts[a.id][0])) for a in actors],
        ),
    )


def network_figure(
    case: Case, graph: nx.MultiGraph, measures: Measures, msg: Messages, *, min_together: int = 1
) -> go.Figure:
    """The ecomap of the case; co-presence drawn from ``min_together`` shared events."""
    pos = ecomap_positions(case)
    traces = _edge_traces(graph, pos, msg, min_together)
    traces += [
        _node_trace(case, c, pos, measures, msg) for c in CATEGORY_STYLE if case.actors_in(c)
    ]
    figure = go.Figure(traces)
    figure.update_layout(**base_layout(780), hovermode="closest")
    figure.update_layout(
        margin=dict(l=10, r=10, t=10, b=10),
        legend=dict(orientation="h", x=0.5, xanchor="center", y=-0.01, yanchor="top", font_size=15),
    )
    # keep the ranges and the proportions: a narrower page shrinks the drawing instead
    # of squeezing it
    figure.update_xaxes(visible=False, range=[-_RANGE[0], _RANGE[0]], constrain="domain")
    figure.update_yaxes(
        visible=False,
        range=[-_RANGE[1], _RANGE[1]],
        constrain="domain",
        scaleanchor="x",
        scaleratio=1,
    )
    rx, ry = _FAMILY[0] + 0.75, _FAMILY[1] + 0.75
    figure.add_shape(
        type="circle",
        x0=-rx,
        y0=-ry,
        x1=rx,
        y1=ry,
        layer="below",
        line=dict(color=CATEGORY_STYLE["family"][0], width=1, dash="dot"),
        fillcolor="#FFF8EC",
    )
    return figure
