"""Self-contained HTML pages: one jinja2 environment, plotly.js inlined once, a strict CSP.

Shared by the case report (:mod:`retro.report`) and the regional overview.  Every page works with no
internet at all:

* templates come from ``templates/`` (in a checkout) or ``retro/templates`` (in a wheel);
* autoescape is on, so text from a workbook can never become markup;
* plotly.js is inlined once per page (:func:`plotly_js`), each figure is a ``<div>`` and
  a small inline script (:func:`figure_html`);
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
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

_PACKAGE = Path(__file__).resolve().parent
_TEMPLATE_FOLDERS = (_PACKAGE / "templates", _PACKAGE.parent / "templates")
_CSP_PLACEHOLDER = "__RETRO_CSP__"
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
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["csp"] = _CSP_PLACEHOLDER
    return env


@lru_cache(maxsize=1)
def plotly_js() -> str:
    """The plotly.js bundle that ships with the plotly package (no CDN)."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def figure_html(figure: Any, div_id: str) -> str:
    """One plotly figure as a ``<div>`` and its inline script, without plotly.js itself."""
    config = {
        "displaylogo": False,
        "responsive": True,
        "modeBarButtonsToRemove": ["sendDataToCloud", "lasso2d", "select2d"],
        "toImageButtonOptions": {"format": "png"},
    }
    return figure.to_html(include_plotlyjs=False, full_html=False, div_id=div_id, config=config)


def _hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(page: str) -> str:
    """A policy that allows only this page's own inline scripts and styles, and no request
    anywhere."""
    scripts = " ".join(sorted({_hash(s) for s in _INLINE_SCRIPT.findall(page)}))
    return (
        "default-src 'none'; "
        f"script-src {scripts or chr(39) + 'none' + chr(39)}; "
        "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; "
        "connect-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'"
    )


def render_page(template: str, context: Mapping[str, Any]) -> str:
    """Render a page template; its ``<meta http-equiv="Content-Security-Policy" content="{{ csp
    }}">`` is filled in."""
    page = environment().get_template(template).render(**context)
    if _CSP_PLACEHOLDER not in page:
        raise ValueError(
            f"template {template} has no Content-Security-Policy meta tag ({{{{ csp }}}})"
        )
    return page.replace(_CSP_PLACEHOLDER, content_security_policy(page), 1)
