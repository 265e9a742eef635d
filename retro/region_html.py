"""``regio.html``: the regional overview as one self-contained page with plotly charts.

The page is rendered through :func:`retro.html.render_page` (autoescape, a Content-Security-
Policy that forbids every outside request), plotly.js is inlined once, and every chart has
a fixed ``div`` id and a table with the same numbers underneath (its text equivalent).
Counts shown as ``"<5"`` in the tables are drawn as an empty bar labelled ``"<5"``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

import plotly.graph_objects as go

from .html import figure_html, plotly_js, render_page
from .messages import Messages
from .region_tables import RegionOverview, Table

_COLOUR, _BAND = "#2f5d62", "rgba(47, 93, 98, 0.2)"
_FONT = dict(family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif", size=13)


def _layout(figure: go.Figure, height: int, **extra: Any) -> go.Figure:
    figure.update_layout(template="plotly_white", height=height, margin=dict(l=10, r=10, t=10, b=10),
                         font=_FONT, showlegend=False, **extra)
    return figure


def _bars(table: Table, horizontal: bool = False) -> go.Figure:
    """One bar per row; a count hidden as '<5' gets no height, only its label."""
    labels = [str(row[0]) for row in table.rows]
    values = [row[1] if isinstance(row[1], int) else 0 for row in table.rows]
    texts = [str(row[1]) for row in table.rows]
    bar = go.Bar(x=values if horizontal else labels, y=labels if horizontal else values, text=texts,
                 textposition="outside", cliponaxis=False, marker_color=_COLOUR,
                 orientation="h" if horizontal else "v", hovertemplate="%{text}<extra></extra>")
    figure = _layout(go.Figure(bar), height=max(260, 34 * len(labels) + 80) if horizontal else 360)
    if horizontal:
        figure.update_yaxes(autorange="reversed", automargin=True)
        figure.update_xaxes(rangemode="tozero")
    else:
        figure.update_yaxes(rangemode="tozero")
    return figure


def patterns_figure(overview: RegionOverview) -> go.Figure:
    codes = [code for code, _ in overview.case_patterns]
    kinds = [row[0] for row in overview.patterns.rows]
    heatmap = go.Heatmap(z=[list(counts) for _, counts in overview.case_patterns], x=kinds, y=codes,
                         colorscale=[[0, "#ffffff"], [1, _COLOUR]], xgap=1, ygap=1, zmin=0,
                         hovertemplate="%{y} · %{x}: %{z}<extra></extra>", colorbar=dict(thickness=12))
    figure = _layout(go.Figure(heatmap), height=min(1400, max(300, 18 * len(codes) + 160)))
    figure.update_yaxes(autorange="reversed", showticklabels=len(codes) <= 60, type="category")
    figure.update_xaxes(side="top", tickangle=-30)
    return figure


def time_figure(table: Table) -> go.Figure:
    months = [row[0] for row in table.rows]
    figure = go.Figure([
        go.Scatter(x=months, y=[row[4] for row in table.rows], mode="lines", line=dict(width=0), hoverinfo="skip"),
        go.Scatter(x=months, y=[row[3] for row in table.rows], mode="lines", line=dict(width=0), fill="tonexty",
                   fillcolor=_BAND, hoverinfo="skip"),
        go.Scatter(x=months, y=[row[2] for row in table.rows], mode="lines", line=dict(color=_COLOUR, width=3),
                   hovertemplate="%{x}: %{y}<extra></extra>"),
    ])
    _layout(figure, height=360)
    figure.update_xaxes(title_text=table.columns[0])
    figure.update_yaxes(title_text=table.columns[2], rangemode="tozero")
    return figure


def _chart(figure: go.Figure, div_id: str, label: str) -> dict[str, str]:
    return {"id": div_id, "label": label, "html": figure_html(figure, div_id)}


def _charts(overview: RegionOverview, msg: Messages) -> dict[str, dict[str, str] | None]:
    has_cases = bool(overview.case_patterns)
    return {
        "patterns": _chart(patterns_figure(overview), "chart-patterns", msg("region.html.patterns_heading")) if has_cases else None,
        "time": _chart(time_figure(overview.time), "chart-time", msg("region.html.time_heading")) if overview.time.rows else None,
        "court": _chart(_bars(overview.court), "chart-court", msg("region.html.court_heading")) if has_cases else None,
        "themes": _chart(_bars(overview.themes, horizontal=True), "chart-themes", msg("region.html.themes_heading"))
        if overview.themes.rows else None,
    }


def _number(value: Any) -> Any:
    return round(value, 1) if isinstance(value, float) else value


def _rows(table: Table) -> list[list[Any]]:
    return [["" if v is None else _number(v) for v in row] for row in table.rows]


def region_page(overview: RegionOverview, msg: Messages) -> str:
    tables: Sequence[str] = ("totals", "cases", "patterns", "years", "time", "court", "themes", "skipped")
    context = {
        "lang": overview.lang, "plotly_js": plotly_js(), "o": overview, "t": msg.section("region"),
        "tables": {name: {"columns": getattr(overview, name).columns, "rows": _rows(getattr(overview, name))}
                   for name in tables},
        "charts": _charts(overview, msg),
        "title": msg("region.title"), "subtitle": msg("region.subtitle", cases=len(overview.case_patterns)),
        "time_text": msg("region.html.time_text", min_count=overview.min_count),
        "below_note": msg("region.html.below_note", below=overview.below, min_count=overview.min_count),
        "groups": [{"heading": msg("region.html.lessons_group", theme=g.theme, audience=g.audience, count=g.count),
                    "lessons": g.lessons} for g in overview.lessons],
    }
    return render_page("region/overview.html", context)


def write_region_html(overview: RegionOverview, path: Path, msg: Messages) -> Path:
    path.write_text(region_page(overview, msg), encoding="utf-8")
    return path
