"""The partial plotly.js bundle in ``retro/vendor/plotly``: shipped with its licence and version,
inlined once by every page, and no figure may use a trace type it lacks (the browser tests check
the list against the bundle itself)."""

from __future__ import annotations

import json
import re

import pytest

from retro.html import PLOTLY_FOLDER, PLOTLY_TRACES, figure_html, plotly_js


def test_the_bundle_ships_with_its_licence_and_version() -> None:
    package = json.loads((PLOTLY_FOLDER / "package.json").read_text("utf-8"))
    assert package["name"] == "plotly.js-basic-dist-min" and package["license"] == "MIT"
    assert "MIT License" in (PLOTLY_FOLDER / "LICENSE").read_text("utf-8")
    header = re.search(r"plotly\.js \(basic - minified\) v(\S+)", plotly_js()[:300])
    assert header and header.group(1) == package["version"]


def test_the_bundle_is_a_quarter_of_the_full_plotly_js() -> None:
    from plotly.offline import get_plotlyjs

    assert len(plotly_js()) < 0.3 * len(get_plotlyjs())
    assert "</script" not in plotly_js().lower()  # it can stand inline in a page


def test_a_figure_with_a_trace_type_the_bundle_lacks_is_refused() -> None:
    figure = {"data": [{"type": "scatter", "x": [1]}, {"type": "heatmap", "z": [[1]]}]}
    with pytest.raises(ValueError, match="heatmap"):
        figure_html(figure, "chart")
    assert {"scatter", "bar"} <= PLOTLY_TRACES


def test_a_figure_is_a_div_and_a_data_block_that_cannot_end_early() -> None:
    figure = {
        "data": [{"type": "scatter", "x": ["2024-01-15"], "hovertext": ["</script><b>x</b>"]}],
        "layout": {"height": 300},
    }
    html = figure_html(figure, "chart")
    assert html.startswith('<div style="height:300px; width:100%;"><div id="chart"')
    assert html.count("</script>") == 1 and "\\u003c/script\\u003e\\u003cb\\u003e" in html
    # the figure is data, not a script: a JSON block that retro's figures.js draws
    block = re.search(
        r'<script type="application/json" class="retro-figure" data-for="chart">(.*)</script>', html
    )
    spec = json.loads(block.group(1))
    assert (spec["data"], spec["layout"]) == (figure["data"], figure["layout"])
    assert spec["config"]["displaylogo"] is False and spec["config"]["responsive"] is True
