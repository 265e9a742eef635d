"""Self-contained HTML pages: one jinja2 environment, plotly.js inlined once, a strict CSP.

Shared by the case report (:mod:`retro.report`) and the regional overview.  Every page works with no
internet at all:

* templates come from ``templates/`` (in a checkout) or ``retro/templates`` (in a wheel), compiled
  once and kept in the user's cache folder (:mod:`retro.template_cache`);
* autoescape is on, so text from a workbook can never become markup;
* plotly.js (a partial bundle, :func:`plotly_js`) is inlined once per page, each figure is a
  ``<div>`` and a small inline script (:func:`figure_html`);
* :func:`render_page` adds a Content-Security-Policy that forbids every outside request
  and allows only the inline scripts the page was rendered with (by their sha256 hash),
  so an injected ``<script>`` or ``onerror=`` attribute would not run even if it got in.
  Templates therefore attach behaviour with ``addEventListener``, never ``onclick=``.
  Data for those scripts goes in ``<script type="application/json">`` blocks (``| tojson``),
  which the browser never runs and the policy therefore does not list.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2

from .template_cache import OPTIONS, template_cache

_PACKAGE = Path(__file__).resolve().parent
_TEMPLATE_FOLDERS = (_PACKAGE / "templates", _PACKAGE.parent / "templates")
_CSP_PLACEHOLDER = "__RETRO_CSP__"
# plotly.js-basic-dist-min from the npm registry, with its licence and package.json (its version)
PLOTLY_FOLDER = _PACKAGE / "vendor" / "plotly"
PLOTLY_TRACES = frozenset({"bar", "pie", "scatter"})  # the trace types that bundle registers
# inline scripts the browser runs: not ``src=``, not data blocks such as ``type="application/json"``
_INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*\btype=[\"']?application/json)[^>]*>(.*?)</script>",
    re.DOTALL | re.IGNORECASE,
)


def template_folder() -> Path:
    """The folder the templates are read from (the wheel's copy first, then the checkout's)."""
    return next(folder for folder in _TEMPLATE_FOLDERS if folder.is_dir())


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The one jinja2 environment of retro: autoescape on, undefined names are errors."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_folder())),
        undefined=jinja2.StrictUndefined,
        bytecode_cache=template_cache(),  # compiled once, kept in the user's cache folder
        **OPTIONS,  # autoescape, trim_blocks, lstrip_blocks
    )
    env.globals["csp"] = _CSP_PLACEHOLDER
    return env


@lru_cache(maxsize=1)
def plotly_js() -> str:
    """The partial plotly.js bundle in ``retro/vendor/plotly`` (no CDN): only the trace types of
    :data:`PLOTLY_TRACES`, a quarter of the full bundle."""
    return (PLOTLY_FOLDER / "plotly-basic.min.js").read_text("utf-8")


def figure_html(figure: Any, div_id: str) -> str:
    """One plotly figure (a dict of ``data`` and ``layout``, or a plotly ``Figure``) as a ``<div>``
    and its inline script, without plotly.js itself."""
    config = {
        "displaylogo": False,
        "responsive": True,
        "modeBarButtonsToRemove": ["sendDataToCloud", "lasso2d", "select2d"],
        "toImageButtonOptions": {"format": "png"},
    }
    return _plot_div(figure if isinstance(figure, Mapping) else figure.to_dict(), div_id, config)


def _script_json(value: Any) -> str:
    """JSON that cannot end or comment out the ``<script>`` it stands in (ASCII, as plotly writes
    it); dates as ISO text."""
    text = json.dumps(value, separators=(",", ":"), default=lambda v: v.isoformat())
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _plot_div(figure: Mapping[str, Any], div_id: str, config: Mapping[str, Any]) -> str:
    """The figure's ``<div>`` and the script that draws it; a trace type that the bundle of
    :func:`plotly_js` lacks would draw nothing, so it is refused here (a bug, found by any test that
    renders the figure)."""
    data, layout = figure["data"], figure.get("layout", {})
    missing = {trace.get("type", "scatter") for trace in data} - PLOTLY_TRACES
    if missing:
        raise ValueError(f"trace type(s) {sorted(missing)} are not in retro's plotly.js bundle")
    height = f"{layout['height']}px" if "height" in layout else "100%"
    args = ",".join(_script_json(v) for v in (div_id, data, layout, config))
    return (
        f'<div style="height:{height}; width:100%;"><div id="{div_id}" class="plotly-graph-div" '
        f'style="height:100%; width:100%;"></div><script>Plotly.newPlot({args});</script></div>'
    )


def _hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(page: str, *, own_origin: bool = False) -> str:
    """A policy that allows only this page's own inline scripts and styles, and no request
    anywhere; with ``own_origin`` (the pages of ``retro app``), forms, ``fetch`` and frames may
    reach the page's own origin, and nothing else."""
    scripts = " ".join(sorted({_hash(s) for s in _INLINE_SCRIPT.findall(page)}))
    reach = "'self'" if own_origin else "'none'"
    return (
        "default-src 'none'; "
        f"script-src {scripts or chr(39) + 'none' + chr(39)}; "
        "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; "
        f"connect-src {reach}; frame-src {reach}; form-action {reach}; base-uri 'none'"
    )


def render_page(template: str, context: Mapping[str, Any], *, own_origin: bool = False) -> str:
    """Render a page template; its ``<meta http-equiv="Content-Security-Policy" content="{{ csp
    }}">`` is filled in (see :func:`content_security_policy` for ``own_origin``)."""
    page = environment().get_template(template).render(**context)
    if _CSP_PLACEHOLDER not in page:
        raise ValueError(
            f"template {template} has no Content-Security-Policy meta tag ({{{{ csp }}}})"
        )
    policy = content_security_policy(page, own_origin=own_origin)
    return page.replace(_CSP_PLACEHOLDER, policy, 1)


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
