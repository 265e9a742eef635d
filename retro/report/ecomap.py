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
from itertools import pairwise
from typing import Any

import networkx as nx

from ..analysis.findings import Measures
from ..html import plot_text
from ..messages import Messages
from ..model import Actor, Case
from ..schema import term_name
from .figures import CATEGORY_STYLE, GREY, TIE_STYLE, Figure, Trace, base_layout, scatter
from .wording import tie_name

# x and y radius of the ellipses: the family in the centre, professionals around, legal further out
_FAMILY, _RING, _LEGAL = (2.0, 1.05), (5.6, 3.15), (6.0, 3.75)
_RANGE = (8.0, 4.6)  # half the width and height of the drawing
_FAMILY_AREA = (_FAMILY[0] + 0.75, _FAMILY[1] + 0.75)  # the family's circle, drawn behind them
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


# ---- labels that never overlap -------------------------------------------------------
# Plotly draws a label in pixels next to its marker; the drawing keeps its proportions and is
# about _PX_PER_UNIT pixels per unit on a screen (and the page scales the labels with the drawing
# when printing), so a label's box is known in the drawing's own units.
_PX_PER_UNIT = 74.0
_LABEL_PX, _CHAR_EM, _LINE_EM, _GAP_PX = 16, 0.64, 1.25, 3
_PLACES = (
    "top center",
    "bottom center",
    "middle right",
    "middle left",
    "top right",
    "top left",
    "bottom right",
    "bottom left",
)
Box = tuple[float, float, float, float]  # left, bottom, right, top


def marker_px(events: int) -> float:
    """The size of an actor's marker in pixels, from the events they took part in."""
    return min(44.0, 14 + 6 * math.sqrt(events))


def _marker_box(x: float, y: float, size_px: float) -> Box:
    r = size_px / 2 / _PX_PER_UNIT
    return (x - r, y - r, x + r, y + r)


def label_box(x: float, y: float, text: str, size_px: float, place: str) -> Box:
    """The box of a label of ``text`` at ``place`` beside a marker at (x, y), in drawing units."""
    width = len(text) * _CHAR_EM * _LABEL_PX / _PX_PER_UNIT
    height = _LINE_EM * _LABEL_PX / _PX_PER_UNIT
    gap = (size_px / 2 + _GAP_PX) / _PX_PER_UNIT
    vertical, horizontal = place.split()
    left = {"center": x - width / 2, "right": x + gap, "left": x - gap - width}[horizontal]
    if vertical == "middle":
        bottom = y - height / 2
    else:
        reach = gap if horizontal == "center" else gap * 0.6
        bottom = y + reach if vertical == "top" else y - reach - height
    return (left, bottom, left + width, bottom + height)


def _overlap(a: Box, b: Box) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def label_places(pos: dict[str, tuple[float, float]], sizes: dict[str, float]) -> dict[str, str]:
    """A place for every actor's label that overlaps no other label and no marker, trying the
    place that points away from the centre first; when nothing is free, the least overlap.

    Actors are placed from the outside in (the crowded ring first)."""
    markers = {a: _marker_box(*pos[a], sizes[a]) for a in pos}
    placed: dict[str, Box] = {}
    places: dict[str, str] = {}
    for actor in sorted(pos, key=lambda a: -math.hypot(pos[a][0] / _RING[0], pos[a][1] / _RING[1])):
        x, y = pos[actor]
        first = label_position(x, y)
        best: tuple[float, str, Box] | None = None
        for place in (first, *(p for p in _PLACES if p != first)):
            box = label_box(x, y, actor, sizes[actor], place)
            clash = sum(_overlap(box, m) for a, m in markers.items() if a != actor)
            clash += sum(_overlap(box, other) for other in placed.values())
            clash += _outside(box)
            if best is None or clash < best[0]:
                best = (clash, place, box)
            if clash == 0:
                break
        assert best is not None
        places[actor], placed[actor] = best[1], best[2]
    return places


def _outside(box: Box) -> float:
    """How much of a box lies outside the drawing."""
    inner = (-_RANGE[0], -_RANGE[1], _RANGE[0], _RANGE[1])
    area = (box[2] - box[0]) * (box[3] - box[1])
    return area - _overlap(box, inner)


# ---- edges that never run through other parties --------------------------------------
_CLEARANCE = 0.42  # drawing units between an edge and the centre of a party it does not connect
_BENDS = (0.7, 1.1, 1.6, 2.2, 2.9, 3.7, 4.6, 5.6)
_SAMPLES = 24
Point = tuple[float, float]


def _bezier(a: Point, control: Point, b: Point) -> list[Point]:
    out = []
    for k in range(_SAMPLES + 1):
        t = k / _SAMPLES
        out.append(
            (
                (1 - t) ** 2 * a[0] + 2 * (1 - t) * t * control[0] + t**2 * b[0],
                (1 - t) ** 2 * a[1] + 2 * (1 - t) * t * control[1] + t**2 * b[1],
            )
        )
    return out


def _distance(p: Point, a: Point, b: Point) -> float:
    """From point ``p`` to the segment ``a``-``b``."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    t = (
        0.0
        if length == 0
        else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length))
    )
    return math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy))


def clearance(path: list[Point], others: list[Point], family: bool) -> float:
    """How close ``path`` comes to the parties it does not connect (less its required clearance),
    and, for a tie between two non-family parties (``family`` False), to the family's ellipse."""
    near = min(
        (min(_distance(o, a, b) for a, b in pairwise(path)) for o in others),
        default=math.inf,
    )
    room = near - _CLEARANCE
    if not family:
        rx, ry = _FAMILY_AREA
        inside = max(1 - math.hypot(x / rx, y / ry) for x, y in _dense(path))
        room = min(room, -inside)
    return room


def _dense(path: list[Point], step: float = 0.1) -> list[Point]:
    """``path`` with points at most ``step`` apart along each of its segments."""
    out = [path[0]]
    for (x0, y0), (x1, y1) in pairwise(path):
        parts = max(1, math.ceil(math.hypot(x1 - x0, y1 - y0) / step))
        out += [
            (x0 + (x1 - x0) * k / parts, y0 + (y1 - y0) * k / parts) for k in range(1, parts + 1)
        ]
    return out


def edge_path(a: str, b: str, pos: dict[str, tuple[float, float]], family: set[str]) -> list[Point]:
    """The line of a tie from ``a`` to ``b``: straight when it passes no other party (and, between
    two parties outside the family, stays out of the family's circle), else the least bent curve
    that does; when no curve is free, the one that keeps furthest away."""
    start, end = pos[a], pos[b]
    others = [p for actor, p in pos.items() if actor not in (a, b)]
    inner = a in family or b in family
    straight = [start, end]
    if clearance(straight, others, inner) >= 0:
        return straight
    mid = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
    length = math.hypot(end[0] - start[0], end[1] - start[1]) or 1.0
    normal = (-(end[1] - start[1]) / length, (end[0] - start[0]) / length)
    best: tuple[float, list[Point]] = (clearance(straight, others, inner), straight)
    for bend in _BENDS:
        for side in (1, -1):
            control = (mid[0] + normal[0] * bend * side, mid[1] + normal[1] * bend * side)
            curve = _bezier(start, control, end)
            room = clearance(curve, others, inner)
            if room >= 0:
                return curve
            if room > best[0]:
                best = (room, curve)
    return best[1]


def _shifted(path: list[Point], shift: float) -> list[Point]:
    """``path`` moved sideways by ``shift`` (several kinds of tie between one pair, side by
    side)."""
    (x0, y0), (x1, y1) = path[0], path[-1]
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    dx, dy = -(y1 - y0) / length * shift, (x1 - x0) / length * shift
    return [(x + dx, y + dy) for x, y in path]


def _edge_lines(
    graph: nx.MultiGraph,
    pos: dict[str, tuple[float, float]],
    min_together: int,
    family: set[str],
) -> dict[str, list[tuple[Any, ...]]]:
    """Per kind the lines (points, a, b, weight); pairs with several kinds drawn side by side."""
    drawn = [
        (a, b, kind, data)
        for a, b, kind, data in graph.edges(keys=True, data=True)
        if kind not in _NOT_DRAWN and (kind != "copresence" or data["weight"] >= min_together)
    ]
    pairs: dict[frozenset[str], list[str]] = defaultdict(list)
    for a, b, kind, _ in drawn:
        pairs[frozenset((a, b))].append(kind)
    paths = {}
    for pair in pairs:
        first, second = sorted(pair)
        paths[pair] = edge_path(first, second, pos, family)
    by_kind: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for a, b, kind, data in drawn:
        pair = frozenset((a, b))
        kinds = pairs[pair]
        shift = 0.11 * (kinds.index(kind) - (len(kinds) - 1) / 2)
        by_kind[kind].append((_shifted(paths[pair], shift), a, b, data["weight"]))
    return by_kind


def _line_trace(
    segments: list[tuple[Any, ...]],
    name: str,
    colour: str,
    dash: str,
    width: float,
    group: str,
    legend: bool,
) -> Trace:
    xs = [v for s in segments for v in (*(x for x, _ in s[0]), None)]
    ys = [v for s in segments for v in (*(y for _, y in s[0]), None)]
    return scatter(
        x=xs,
        y=ys,
        mode="lines",
        name=name,
        legendgroup=group,
        showlegend=legend,
        hoverinfo="skip",
        line=dict(color=colour, dash=dash, width=width),
    )


def _together_traces(segments: list[tuple[Any, ...]], name: str) -> list[Trace]:
    """Co-presence in a few widths (more shared events, a wider line), one legend entry."""
    traces: list[Trace] = []
    low = 0
    for most, width in _TOGETHER_WIDTH:
        bucket = [s for s in segments if low < s[3] <= most]
        if bucket:
            traces.append(
                _line_trace(bucket, name, _TOGETHER, "solid", width, "copresence", not traces)
            )
        low = most
    return traces


def _edge_traces(
    graph: nx.MultiGraph,
    pos: dict[str, tuple[float, float]],
    msg: Messages,
    min_together: int,
    family: set[str],
) -> list[Trace]:
    """Co-presence first (underneath), then each relation kind in the order of ``TIE_STYLE``; a
    hover point per line."""
    lines = _edge_lines(graph, pos, min_together, family)
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
        for path, a, b, weight in segments:
            middle = _middle(path)
            hover_x.append(middle[0])
            hover_y.append(middle[1])
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
        scatter(
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


def _middle(path: list[Point]) -> Point:
    if len(path) == 2:
        return ((path[0][0] + path[1][0]) / 2, (path[0][1] + path[1][1]) / 2)
    return path[len(path) // 2]


def _node_trace(
    case: Case,
    category: str,
    pos: dict[str, tuple[float, float]],
    measures: Measures,
    msg: Messages,
    places: dict[str, str],
) -> Trace:
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
    return scatter(
        x=[pos[a.id][0] for a in actors],
        y=[pos[a.id][1] for a in actors],
        mode="markers+text",
        name=msg(f"report.categories.{category}"),
        text=[plot_text(a.id) for a in actors],
        textposition=[places[a.id] for a in actors],
        hovertext=texts,
        hoverinfo="text",
        customdata=[a.id for a in actors],
        textfont=dict(size=_LABEL_PX, color="#111111"),
        cliponaxis=False,
        marker=dict(
            symbol=symbol,
            color=colour,
            line=dict(color="#222222", width=1.5),
            opacity=1,
            size=[marker_px(counts[a.id][0]) for a in actors],
        ),
    )


def _family_circle() -> dict[str, Any]:
    """The family's circle, drawn behind them."""
    rx, ry = _FAMILY_AREA
    return dict(
        type="circle",
        x0=-rx,
        y0=-ry,
        x1=rx,
        y1=ry,
        layer="below",
        line=dict(color=CATEGORY_STYLE["family"][0], width=1, dash="dot"),
        fillcolor="#FFF8EC",
    )


def _layout() -> dict[str, Any]:
    """The ecomap's layout: fixed ranges in its own proportions (a narrower page shrinks the
    drawing instead of squeezing it), no axes, the legend below."""
    layout = base_layout(780)
    layout.update(
        hovermode="closest",
        meta={"label_px_per_unit": _PX_PER_UNIT},  # printing shrinks the labels from this scale
        margin=dict(l=10, r=10, t=10, b=10),
        legend=dict(
            orientation="h", x=0.5, xanchor="center", y=-0.01, yanchor="top", font=dict(size=15)
        ),
        xaxis=dict(visible=False, range=[-_RANGE[0], _RANGE[0]], constrain="domain"),
        yaxis=dict(
            visible=False,
            range=[-_RANGE[1], _RANGE[1]],
            constrain="domain",
            scaleanchor="x",
            scaleratio=1,
        ),
        shapes=[_family_circle()],
    )
    return layout


def network_figure(
    case: Case, graph: nx.MultiGraph, measures: Measures, msg: Messages, *, min_together: int = 1
) -> Figure:
    """The ecomap of the case; co-presence drawn from ``min_together`` shared events."""
    pos = ecomap_positions(case)
    family = {a.id for a in case.actors_in("family")}
    events = {m.id: m.events for m in measures.actors}
    places = label_places(pos, {a: marker_px(events.get(a, 0)) for a in pos})
    traces = _edge_traces(graph, pos, msg, min_together, family)
    traces += [
        _node_trace(case, c, pos, measures, msg, places)
        for c in CATEGORY_STYLE
        if case.actors_in(c)
    ]
    return {"data": traces, "layout": _layout()}
