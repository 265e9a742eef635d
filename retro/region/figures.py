"""The plotly figures of the regional overview, drawn from its tables as they may be shown.

A bar chart gets only :class:`~retro.region.counts.Bars`: the shown numbers, and for a hidden count
no number at all.  A hidden count is drawn as a grey box with its text (``"<5"`` or ``"verborgen"``)
on the axis, without height, whose hover text says what that text means; its true number is in no
trace, no text and no hover of the figure.  Every text goes through :func:`retro.html.plot_text`
(a lesson theme is a category label, and plotly would read a tag in it as markup)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go

from ..html import plot_text
from .counts import Bars, Table

COLOUR, BAND, HIDDEN, HIDDEN_FILL = "#2f5d62", "rgba(47, 93, 98, 0.2)", "#5b6b6d", "#e4eaea"
FONT = dict(family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif", size=13)


def _layout(figure: go.Figure, height: int, **extra: Any) -> go.Figure:
    figure.update_layout(
        template="plotly_white",
        height=height,
        margin=dict(l=10, r=10, t=10, b=10),
        font=FONT,
        showlegend=False,
        **extra,
    )
    return figure


def _hidden_label(figure: go.Figure, label: str, text: str, hover: str, horizontal: bool) -> None:
    """The '<5' of a hidden count: a grey box at the foot of its bar, no height."""
    place = (
        dict(x=0, y=label, xanchor="left") if horizontal else dict(x=label, y=0, yanchor="bottom")
    )
    figure.add_annotation(
        **place,
        text=plot_text(text),
        showarrow=False,
        font=dict(color=HIDDEN, size=12),
        bgcolor=HIDDEN_FILL,
        bordercolor=HIDDEN,
        borderwidth=1,
        borderpad=2,
        hovertext=plot_text(hover),
    )


def bar_figure(
    bars: Bars,
    *,
    hidden_hovers: Mapping[str, str],
    horizontal: bool = False,
    value_title: str = "",
    label_title: str = "",
    percent: bool = False,
) -> go.Figure:
    """One bar per label; a hidden count (value ``None``) gets no bar, only its labelled grey box,
    whose hover is ``hidden_hovers[text]``."""
    labels = [plot_text(label) for label in bars.labels]
    shown = list(bars.values)
    texts = [plot_text(t) if v is not None else "" for t, v in zip(bars.texts, bars.values)]
    axis = "x" if horizontal else "y"
    bar = go.Bar(
        **{axis: shown, ("y" if horizontal else "x"): labels},
        text=texts,
        textposition="outside",
        cliponaxis=False,
        marker_color=COLOUR,
        orientation="h" if horizontal else "v",
        hovertemplate=("%{y}" if horizontal else "%{x}") + ": %{text}<extra></extra>",
    )
    figure = _layout(go.Figure(bar), height=max(260, 34 * len(labels) + 90) if horizontal else 380)
    for label, value, text in zip(labels, bars.values, bars.texts):
        if value is None:
            _hidden_label(figure, label, text, hidden_hovers[text], horizontal)
    values_axis: dict[str, Any] = dict(
        rangemode="tozero", title_text=plot_text(value_title), ticksuffix="%" if percent else ""
    )
    if percent:
        values_axis["range"] = [0, 108]
    elif max((v for v in shown if v is not None), default=0) <= 10:
        values_axis["dtick"] = 1  # whole numbers: no tick at 0.5 lessons or cases
    labels_axis = dict(
        type="category",
        categoryorder="array",
        categoryarray=labels,
        title_text=plot_text(label_title),
    )
    if horizontal:
        figure.update_xaxes(**values_axis)
        figure.update_yaxes(**labels_axis, autorange="reversed", automargin=True)
    else:
        figure.update_yaxes(**values_axis)
        figure.update_xaxes(**labels_axis)
    return figure


def time_figure(table: Table) -> go.Figure:
    """The median number of professionals per month since the start, with the middle half of the
    cases."""
    months = [row[0] for row in table.rows]
    figure = go.Figure(
        [
            go.Scatter(
                x=months,
                y=[row[4] for row in table.rows],
                mode="lines",
                line=dict(width=0),
                hoverinfo="skip",
            ),
            go.Scatter(
                x=months,
                y=[row[3] for row in table.rows],
                mode="lines",
                line=dict(width=0),
                fill="tonexty",
                fillcolor=BAND,
                hoverinfo="skip",
            ),
            go.Scatter(
                x=months,
                y=[row[2] for row in table.rows],
                mode="lines",
                line=dict(color=COLOUR, width=3),
                hovertemplate="%{x}: %{y}<extra></extra>",
            ),
        ]
    )
    _layout(figure, height=360)
    figure.update_xaxes(title_text=plot_text(table.columns[0]))
    figure.update_yaxes(title_text=plot_text(table.columns[2]), rangemode="tozero")
    return figure
