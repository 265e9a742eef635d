"""The ecomap: the actor network with the family in the centre, professionals around it,
legal parties on the outer ring.  Never HTML.

Each kind of tie is its own trace with its own colour *and* dash, so cooperation,
conflict and referral stay apart; several kinds between one pair are drawn side by side.
Node size follows involvement (the number of events an actor took part in).
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

import networkx as nx
import plotly.graph_objects as go

from .figures import BLUE, CATEGORY_STYLE, GREY, TIE_STYLE, base_layout, plot_text
from .findings import Measures
from .messages import Messages
from .model import Actor, Case
from .report_network import tie_name
from .schema import term_name

_RADIUS = {"family": 1.25, "professional": 2.7, "legal": 3.7}
_COPRESENCE = ((1, 1, 0.8), (2, 4, 2.0), (5, 10**9, 4.0))  # (least, most events, line width)
# Kinds left out of the chart (too many thin lines); the table of ties lists them.
_NOT_DRAWN = ("decision_about",)


def _ring(count: int, radius: float, turn: float = 0.0) -> list[tuple[float, float]]:
    if count == 1 and radius <= 1:
        return [(0.0, 0.0)]
    return [(radius * math.cos(math.pi / 2 + turn + 2 * math.pi * k / max(count, 1)),
             radius * math.sin(math.pi / 2 + turn + 2 * math.pi * k / max(count, 1))) for k in range(count)]


def _family_order(case: Case) -> list[Actor]:
    """Each parent followed by the family on their side; the children between the parents."""
    family = list(case.actors_in("family"))
    parents = [a for a in family if a.role == "parent"]
    children = [a for a in family if a.role == "child"]
    order: list[Actor] = []
    for n, parent in enumerate(parents):
        order += [parent, *[a for a in family if a.side == parent.id and a not in parents]]
        if n == 0:
            order += children
    return order + [a for a in family if a not in order]


def ecomap_positions(case: Case) -> dict[str, tuple[float, float]]:
    """x, y of each actor: family in the centre, professionals (by organisation) around, legal outside."""
    family = _family_order(case)
    professionals = sorted(case.actors_in("professional"), key=lambda a: (a.organisation or "~", a.role))
    legal = list(case.actors_in("legal"))
    positions: dict[str, tuple[float, float]] = {}
    for group, turn in ((family, 0.0), (professionals, 0.0), (legal, math.pi / max(len(legal), 1))):
        if group:
            radius = _RADIUS[group[0].category]
            positions.update(zip((a.id for a in group), _ring(len(group), radius, turn)))
    return positions


def _edge_lines(graph: nx.MultiGraph, pos: dict[str, tuple[float, float]]) -> dict[str, list[tuple[Any, ...]]]:
    """Per kind the segments (x0, y0, x1, y1, a, b, weight), pairs with several kinds drawn side by side."""
    by_kind: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    pairs: dict[frozenset, list[str]] = defaultdict(list)
    for a, b, kind in graph.edges(keys=True):
        if kind not in _NOT_DRAWN:
            pairs[frozenset((a, b))].append(kind)
    for a, b, kind, data in graph.edges(keys=True, data=True):
        if kind in _NOT_DRAWN:
            continue
        (x0, y0), (x1, y1) = pos[a], pos[b]
        kinds = pairs[frozenset((a, b))]
        length = math.hypot(x1 - x0, y1 - y0) or 1
        shift = 0.07 * (kinds.index(kind) - (len(kinds) - 1) / 2)
        dx, dy = -(y1 - y0) / length * shift, (x1 - x0) / length * shift
        by_kind[kind].append((x0 + dx, y0 + dy, x1 + dx, y1 + dy, a, b, data["weight"]))
    return by_kind


def _line_trace(segments: list[tuple[Any, ...]], name: str, colour: str, dash: str, width: float,
                group: str, legend: bool) -> go.Scatter:
    xs = [v for s in segments for v in (s[0], s[2], None)]
    ys = [v for s in segments for v in (s[1], s[3], None)]
    return go.Scatter(x=xs, y=ys, mode="lines", name=name, legendgroup=group, showlegend=legend, hoverinfo="skip",
                      line=dict(color=colour, dash=dash, width=width))


def _edge_traces(graph: nx.MultiGraph, pos: dict[str, tuple[float, float]], msg: Messages) -> list[go.Scatter]:
    traces, hover_x, hover_y, hover_text = [], [], [], []
    for kind, segments in _edge_lines(graph, pos).items():
        name = tie_name(kind, msg.lang, msg)
        if kind == "copresence":
            buckets = [([s for s in segments if low <= s[6] <= high], width) for low, high, width in _COPRESENCE]
            traces += [_line_trace(b, name, "#BBBBBB", "solid", w, kind, n == 0)
                       for n, (b, w) in enumerate([(b, w) for b, w in buckets if b])]
        else:
            colour, dash, width = TIE_STYLE.get(kind, (GREY, "solid", 2))
            traces.append(_line_trace(segments, name, colour, dash, width, kind, True))
        for x0, y0, x1, y1, a, b, weight in segments:
            hover_x.append((x0 + x1) / 2)
            hover_y.append((y0 + y1) / 2)
            hover_text.append(msg("report.network.hover_tie", a=plot_text(a), b=plot_text(b), kind=name, count=weight))
    traces.append(go.Scatter(x=hover_x, y=hover_y, mode="markers", hovertext=hover_text, hoverinfo="text",
                             showlegend=False, marker=dict(size=10, color="rgba(0,0,0,0)")))
    return traces


def _node_trace(case: Case, category: str, pos: dict[str, tuple[float, float]], measures: Measures,
                msg: Messages) -> go.Scatter:
    actors = case.actors_in(category)
    counts = {m.id: (m.events, m.degree) for m in measures.actors}
    colour, symbol = CATEGORY_STYLE[category]
    texts = [msg("report.network.hover_actor", actor=plot_text(a.id), role=term_name("role", a.role, msg.lang),
                 organisation=plot_text(a.organisation or "–"), events=counts[a.id][0], contacts=counts[a.id][1])
             for a in actors]
    return go.Scatter(x=[pos[a.id][0] for a in actors], y=[pos[a.id][1] for a in actors], mode="markers+text",
                      name=msg(f"report.categories.{category}"), text=[plot_text(a.id) for a in actors],
                      textposition="bottom center", hovertext=texts, hoverinfo="text", customdata=[a.id for a in actors],
                      textfont=dict(size=14, color="#111111"),
                      marker=dict(symbol=symbol, color=colour, line=dict(color="#222222", width=1.5),
                                  size=[min(58, 16 + 7 * math.sqrt(counts[a.id][0])) for a in actors]))


def network_figure(case: Case, graph: nx.MultiGraph, measures: Measures, msg: Messages) -> go.Figure:
    """The ecomap of the case."""
    pos = ecomap_positions(case)
    traces = _edge_traces(graph, pos, msg)
    traces += [_node_trace(case, c, pos, measures, msg) for c in CATEGORY_STYLE if case.actors_in(c)]
    figure = go.Figure(traces)
    figure.update_layout(**base_layout(860), hovermode="closest")
    figure.update_layout(margin=dict(l=10, r=10, t=10, b=10),
                         legend=dict(orientation="h", x=0.5, xanchor="center", y=-0.01, yanchor="top", font_size=15))
    axis = dict(visible=False, range=[-4.2, 4.2], constrain="domain")  # keep the range; shrink the area to a square
    figure.update_xaxes(**axis)
    figure.update_yaxes(**axis, scaleanchor="x", scaleratio=1)
    figure.add_shape(type="circle", x0=-1.8, y0=-1.8, x1=1.8, y1=1.8, layer="below",
                     line=dict(color=BLUE, width=1, dash="dot"), fillcolor="#FFF8EC")
    return figure
