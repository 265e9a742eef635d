"""Self-contained HTML pages: one jinja2 environment, plotly.js inlined once, a strict CSP.

Shared by the case report (:mod:`retro.report`) and the regional overview.  Every page works with no
internet at all:

* templates come from ``templates/`` (in a checkout) or ``retro/templates`` (in a wheel), compiled
  once and kept in the user's cache folder (:mod:`retro.template_cache`);
* autoescape is on, so text from a workbook can never become markup, and every text a template
  writes has its control and bidirectional characters shown as escapes
  (:func:`retro.characters.visible`, the environment's ``finalize``);
* plotly.js (a partial bundle, :func:`plotly_js`) is inlined once per page; each figure is a
  ``<div>`` and its data in a ``<script type="application/json">`` block (:func:`figure_html`),
  which the browser never runs; retro's own ``figures.js`` draws them;
* :func:`render_page` adds a Content-Security-Policy that forbids every outside request and
  allows only the scripts retro ships (plotly.js and :data:`SHIPPED_SCRIPTS`, rendered from
  their templates with no data at all), by their sha256 hash.  The policy is known before any
  case text is rendered, so a ``<script>`` that got into a page would not run, whatever it
  holds.  Templates write a shipped script as ``<script>{{ script("name") }}</script>`` and
  attach behaviour with ``addEventListener``, never ``onclick=``; data for the scripts goes in
  ``application/json`` blocks (``| tojson``);
* :func:`plot_text` is the one escaping of every text plotly draws (plotly reads tags such as
  ``<a href>`` and ``<span style>`` in its labels and hover texts).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections.abc import Mapping
from functools import cache, lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2
from markupsafe import Markup

from .characters import visible
from .template_cache import OPTIONS, template_cache

_PACKAGE = Path(__file__).resolve().parent
_TEMPLATE_FOLDERS = (_PACKAGE / "templates", _PACKAGE.parent / "templates")
# plotly.js-basic-dist-min from the npm registry, with its licence and package.json (its version)
PLOTLY_FOLDER = _PACKAGE / "vendor" / "plotly"
PLOTLY_TRACES = frozenset({"bar", "pie", "scatter"})  # the trace types that bundle registers
# the scripts retro ships besides plotly.js, by template name: the only ones a page may run
SHIPPED_SCRIPTS = ("figures.js", "report/report.js", "report/session.js", "app/app.js")
_FIGURE_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["sendDataToCloud", "lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png"},
}


def template_folder() -> Path:
    """The folder the templates are read from (the wheel's copy first, then the checkout's)."""
    return next(folder for folder in _TEMPLATE_FOLDERS if folder.is_dir())


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The one jinja2 environment of retro: autoescape on, undefined names are errors, every value
    shown with its control characters visible."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_folder())),
        undefined=jinja2.StrictUndefined,
        bytecode_cache=template_cache(),  # compiled once, kept in the user's cache folder
        finalize=_shown,
        **OPTIONS,  # autoescape, trim_blocks, lstrip_blocks
    )
    env.globals["script"] = shipped_script
    return env


def _shown(value: Any) -> Any:
    """Every value a template writes: text with its control and bidirectional characters visible
    (markup retro made itself, such as a shipped script, stays as it is)."""
    return visible(value) if isinstance(value, str) and not isinstance(value, Markup) else value


@cache
def shipped_script(name: str) -> Markup:
    """The source of a script retro ships, rendered from its template without any data."""
    if name not in SHIPPED_SCRIPTS:
        raise ValueError(f"{name} is not a script retro ships (SHIPPED_SCRIPTS)")
    loader = jinja2.FileSystemLoader(str(template_folder()))
    source = jinja2.Environment(loader=loader, autoescape=False).get_template(name).render()
    return Markup(source)


@lru_cache(maxsize=1)
def plotly_js() -> str:
    """The partial plotly.js bundle in ``retro/vendor/plotly`` (no CDN): only the trace types of
    :data:`PLOTLY_TRACES`, a quarter of the full bundle."""
    return (PLOTLY_FOLDER / "plotly-basic.min.js").read_text("utf-8")


def plot_text(text: object) -> str:
    """Text for a plotly label, hover text or title: tags escaped (no link, no style can get in),
    control and bidirectional characters visible.  Every text from a workbook or a catalogue that
    plotly draws goes through here."""
    return html.escape(visible(str(text), one_line=True), quote=False)


def _script_json(value: Any) -> str:
    """JSON that cannot end or comment out the ``<script>`` block it stands in (ASCII, as plotly
    writes it); dates as ISO text."""
    text = json.dumps(value, separators=(",", ":"), default=lambda v: v.isoformat())
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def figure_html(figure: Any, div_id: str, *, mode_bar: bool = True) -> str:
    """One plotly figure (a dict of ``data`` and ``layout``, or a plotly ``Figure``) as a ``<div>``
    and its data as a JSON block (``figures.js`` draws it), without plotly.js itself.  A trace
    type that the bundle of :func:`plotly_js` lacks would draw nothing, so it is refused here (a
    bug, found by any test that renders the figure).

    ``mode_bar=False`` leaves out plotly's row of buttons (zoom, download) that appears over the
    top right of a chart, where it can cover the legend; dragging still zooms and a double click
    still resets."""
    spec = figure if isinstance(figure, Mapping) else figure.to_dict()
    data, layout = spec["data"], spec.get("layout", {})
    missing = {trace.get("type", "scatter") for trace in data} - PLOTLY_TRACES
    if missing:
        raise ValueError(f"trace type(s) {sorted(missing)} are not in retro's plotly.js bundle")
    height = f"{layout['height']}px" if "height" in layout else "100%"
    config = {**_FIGURE_CONFIG, "displayModeBar": mode_bar}
    blob = Markup(_script_json({"data": data, "layout": layout, "config": config}))
    return environment().get_template("figure.html").render(id=div_id, data=blob, height=height)


def _hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@lru_cache(maxsize=2)
def content_security_policy(*, own_origin: bool = False) -> str:
    """A policy that allows only the scripts retro ships (plotly.js and :data:`SHIPPED_SCRIPTS`),
    inline styles, and no request anywhere; with ``own_origin`` (the pages of ``retro app``), forms,
    ``fetch`` and frames may reach the page's own origin, and nothing else.  It depends on nothing
    a page shows."""
    sources = [plotly_js(), *(shipped_script(name) for name in SHIPPED_SCRIPTS)]
    scripts = " ".join(sorted({_hash(str(source)) for source in sources}))
    reach = "'self'" if own_origin else "'none'"
    return (
        "default-src 'none'; "
        f"script-src {scripts}; "
        "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; "
        f"connect-src {reach}; frame-src {reach}; form-action {reach}; base-uri 'none'"
    )


def render_page(template: str, context: Mapping[str, Any], *, own_origin: bool = False) -> str:
    """Render a page template with the policy of :func:`content_security_policy` in its
    ``<meta http-equiv="Content-Security-Policy" content="{{ csp }}">``."""
    policy = Markup(content_security_policy(own_origin=own_origin))  # retro's own: quotes stay
    page = environment().get_template(template).render(**context, csp=policy)
    if 'http-equiv="Content-Security-Policy"' not in page:
        raise ValueError(f"template {template} has no Content-Security-Policy meta tag")
    return page


def texts(flat: Mapping[str, str]) -> SimpleNamespace:
    """``{"a.b": "x"}`` -> ``t.a.b == "x"`` for templates.

    A namespace, not a dict, so that a message named ``clear`` or ``items`` is never mistaken by
    jinja for the dict method of that name."""
    tree: dict[str, Any] = {}
    for key, value in flat.items():
        *parents, last = key.split(".")
        node = tree
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value

    def space(node: dict[str, Any]) -> SimpleNamespace:
        return SimpleNamespace(
            **{k: space(v) if isinstance(v, dict) else v for k, v in node.items()}
        )

    return space(tree)
