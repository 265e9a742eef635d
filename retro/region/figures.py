"""The plotly figures of the regional overview, drawn from its tables as they may be shown.

Every figure is plain dicts in plotly.js's own figure format (``{"data": [...], "layout": {...}}``),
as the report's are (:mod:`retro.report.figures`): plotly's object layer would check every property
as it is set, and its first use in a process costs the export's last step more than the figures
take.  Property names are plotly.js's own (``title.text``, ``marker.line.width``).  plotly.js has no
template unless given one, so :func:`base_layout` and :func:`_value_axis` set what ``plotly_white``
gave these charts (white background, light grid and zero lines, blue-grey text, hover labels aligned
left) and :func:`bar_figure` the thin white outline of its bars.

A bar chart gets only :class:`~retro.region.counts.Bars`: the shown numbers, and for a hidden count
no number at all.  A hidden count is drawn as a grey box with its text (``"<5"`` or ``"verborgen"``)
on the axis, without height, whose hover text says what that text means; its true number is in no
trace, no text and no hover of the figure.  Every text goes through :func:`retro.html.plot_text`
(a lesson theme is a category label, and plotly would read a tag in it as markup)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..html import plot_text
from .counts import Bars, Table

Figure = dict[str, Any]  # one plotly.js figure: {"data": [trace, ...], "layout": {...}}

COLOUR, BAND, HIDDEN, HIDDEN_FILL = "#2f5d62", "rgba(47, 93, 98, 0.2)", "#5b6b6d", "#e4eaea"
TEXT, GRID = "#2a3f5f", "#EBF0F8"  # plotly_white's text colour and its grid and zero lines
FONT = dict(family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif", size=13, color=TEXT)


def base_layout(height: int, **extra: Any) -> dict[str, Any]:
    """The layout every regional chart starts from: what ``plotly_white`` set for these charts."""
    return dict(
        height=height,
        margin=dict(l=10, r=10, t=10, b=10),
        font=FONT,
        paper_bgcolor="white",
        plot_bgcolor="white",
        hovermode="closest",
        hoverlabel=dict(align="left"),
        showlegend=False,
        **extra,
    )


def _axis(title: str, **settings: Any) -> dict[str, Any]:
    """A cartesian axis as ``plotly_white`` set it, with its title (escaped here).

    No grid or zero-line property is set here: plotly.js draws the grid and zero line of an axis
    whose grid colour is given even where it would not by default (a category axis of bars)."""
    return dict(
        ticks="",
        automargin=True,
        title=dict(text=plot_text(title), standoff=15),
        **settings,
    )


def _value_axis(title: str, **settings: Any) -> dict[str, Any]:
    """An axis of numbers: :func:`_axis` with the light grid and zero line of ``plotly_white``."""
    return _axis(title, gridcolor=GRID, zerolinecolor=GRID, zerolinewidth=2, **settings)


def _hidden_label(label: str, text: str, hover: str, horizontal: bool) -> dict[str, Any]:
    """The '<5' of a hidden count: a grey box at the foot of its bar, no height."""
    place = (
        dict(x=0, y=label, xanchor="left") if horizontal else dict(x=label, y=0, yanchor="bottom")
    )
    return dict(
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
) -> Figure:
    """One bar per label; a hidden count (value ``None``) gets no bar, only its labelled grey box,
    whose hover is ``hidden_hovers[text]``."""
    labels = [plot_text(label) for label in bars.labels]
    shown = list(bars.values)
    texts = [plot_text(t) if v is not None else "" for t, v in zip(bars.texts, bars.values)]
    bar = {
        "type": "bar",
        "x" if horizontal else "y": shown,
        "y" if horizontal else "x": labels,
        "text": texts,
        "textposition": "outside",
        "cliponaxis": False,
        "marker": {"color": COLOUR, "line": {"color": "white", "width": 0.5}},
        "orientation": "h" if horizontal else "v",
        "hovertemplate": ("%{y}" if horizontal else "%{x}") + ": %{text}<extra></extra>",
    }
    hidden = [
        _hidden_label(label, text, hidden_hovers[text], horizontal)
        for label, value, text in zip(labels, bars.values, bars.texts)
        if value is None
    ]
    values_axis = _value_axis(value_title, rangemode="tozero", ticksuffix="%" if percent else "")
    if percent:
        values_axis["range"] = [0, 108]
    elif max((v for v in shown if v is not None), default=0) <= 10:
        values_axis["dtick"] = 1  # whole numbers: no tick at 0.5 lessons or cases
    labels_axis = _axis(label_title, type="category", categoryorder="array", categoryarray=labels)
    if horizontal:
        labels_axis["autorange"] = "reversed"
        axes = dict(xaxis=values_axis, yaxis=labels_axis)
    else:
        axes = dict(xaxis=labels_axis, yaxis=values_axis)
    height = max(260, 34 * len(labels) + 90) if horizontal else 380
    layout = base_layout(height, **axes)
    if hidden:
        layout["annotations"] = hidden
    return {"data": [bar], "layout": layout}


def time_figure(table: Table) -> Figure:
    """The median number of professionals per month since the start, with the middle half of the
    cases."""
    months = [row[0] for row in table.rows]
    band = dict(type="scatter", x=months, mode="lines", line=dict(width=0), hoverinfo="skip")
    data = [
        dict(band, y=[row[4] for row in table.rows]),
        dict(band, y=[row[3] for row in table.rows], fill="tonexty", fillcolor=BAND),
        dict(
            type="scatter",
            x=months,
            y=[row[2] for row in table.rows],
            mode="lines",
            line=dict(color=COLOUR, width=3),
            hovertemplate="%{x}: %{y}<extra></extra>",
        ),
    ]
    layout = base_layout(
        360,
        xaxis=_value_axis(table.columns[0]),
        yaxis=_value_axis(table.columns[2], rangemode="tozero"),
    )
    return {"data": data, "layout": layout}
