"""``regio.html``: the regional overview as one self-contained page with plotly charts.

The page is rendered through :func:`retro.html.render_page` (autoescape, a Content-Security- Policy
that forbids every outside request), plotly.js is inlined once, and every chart has a fixed ``div``
id and a table with the same numbers underneath (its text equivalent). Charts are drawn from the
tables as they may be shown (:mod:`retro.region.figures`); a chart that would show nothing but
hidden counts is replaced by a sentence saying why."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..html import figure_html, plotly_js, render_page
from ..messages import Messages
from .counts import Bars, Table, bars
from .figures import Figure, bar_figure, time_figure
from .tables import RegionOverview

TABLES = (
    "totals",
    "cases",
    "patterns",
    "pattern_spread",
    "years",
    "time",
    "court",
    "themes",
    "skipped",
    "confirmed",
    "agreement",
    "actions",
)


def _chart(figure: Figure, div_id: str, label: str) -> dict[str, str]:
    return {"id": div_id, "label": label, "html": figure_html(figure, div_id)}


def _bar_chart(
    data: Bars, div_id: str, label: str, hovers: dict[str, str], **options: Any
) -> dict[str, str]:
    """The chart, or only its ``note`` when it has nothing to draw."""
    if data.note is not None:
        return {"id": div_id, "label": label, "note": data.note}
    return _chart(bar_figure(data, hidden_hovers=hovers, **options), div_id, label)


def _hovers(o: RegionOverview, msg: Messages) -> dict[str, str]:
    """What the box of a hidden count says on hover, per hidden text ('<5', 'verborgen')."""
    return {
        o.below: msg("region.html.below_note", below=o.below, min_count=o.min_count),
        msg("region.hidden"): msg(
            "region.html.hidden_note", hidden=msg("region.hidden"), min_count=o.min_count
        ),
    }


def _charts(o: RegionOverview, msg: Messages) -> dict[str, dict[str, Any]]:
    cases, hovers = msg("region.column.cases"), _hovers(o, msg)
    shares = bars(o.patterns, 2, text=lambda share: msg("region.percent", value=share))
    time = (
        _chart(time_figure(o.time), "chart-time", msg("region.html.time_heading"))
        if o.time.rows
        else {"id": "chart-time", "label": msg("region.html.time_heading"), "note": o.time.note}
    )
    return {
        "patterns": _bar_chart(
            shares,
            "chart-patterns",
            msg("region.html.patterns_heading"),
            hovers,
            horizontal=True,
            percent=True,
            value_title=o.patterns.columns[2],
        ),
        "spread": _bar_chart(
            bars(o.pattern_spread),
            "chart-spread",
            msg("region.html.spread_heading"),
            hovers,
            value_title=cases,
            label_title=o.pattern_spread.columns[0],
        ),
        "time": time,
        "court": _bar_chart(
            bars(o.court),
            "chart-court",
            msg("region.html.court_heading"),
            hovers,
            value_title=cases,
        ),
        "themes": _bar_chart(
            bars(o.themes),
            "chart-themes",
            msg("region.html.themes_heading"),
            hovers,
            horizontal=True,
            value_title=o.themes.columns[1],
        ),
    }


def _number(value: Any) -> Any:
    return round(value, 1) if isinstance(value, float) else value


def _table(table: Table) -> dict[str, Any]:
    return {
        "columns": table.columns,
        "rows": [["" if v is None else _number(v) for v in row] for row in table.rows],
        "note": table.note,
    }


def region_page(overview: RegionOverview, msg: Messages) -> str:
    context = {
        "lang": overview.lang,
        "plotly_js": plotly_js(),
        "o": overview,
        "t": msg.section("region"),
        "tables": {name: _table(getattr(overview, name)) for name in TABLES},
        "charts": _charts(overview, msg),
        "title": msg("region.title"),
        "subtitle": msg("region.subtitle", cases=overview.case_count),
        "time_text": msg(
            "region.html.time_text", min_count=overview.min_count, hidden=msg("region.hidden")
        ),
        "below_note": msg(
            "region.html.below_note", below=overview.below, min_count=overview.min_count
        ),
        "hidden_note": msg(
            "region.html.hidden_note", hidden=msg("region.hidden"), min_count=overview.min_count
        ),
        "reviewed": msg("region.confirmed.reviewed", count=overview.reviewed),
        "agreement_text": msg("region.agreement.text", min_count=overview.min_count),
        "actions_text": msg(
            "region.actions.text", min_count=overview.min_count, below=overview.below
        ),
    }
    return render_page("region/overview.html", context)


def write_region_html(overview: RegionOverview, path: Path, msg: Messages) -> Path:
    path.write_text(region_page(overview, msg), encoding="utf-8")
    return path
