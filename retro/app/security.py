"""Who may talk to the app: the browser that opened its address, on this computer, and no one else.

The app runs on a laptop that also browses the web.  A web page elsewhere can make that browser send
requests to ``127.0.0.1``, and a DNS name can be pointed at ``127.0.0.1`` (DNS rebinding).  So,
before any route runs, :class:`Guard` checks every request:

1. the ``Host`` header is ``127.0.0.1:PORT`` or ``localhost:PORT``, else **400** (a rebound name
   has another host);
2. the request carries the session cookie, else **403**; the one way to get the cookie is the
   secret token in the address ``retro app`` opened (``/?token=...``), exchanged on the first visit
   for a cookie that scripts cannot read (``HttpOnly``) and that no other site's page sends
   (``SameSite=Strict``), after which the address without the token is shown;
3. every POST carries the form's CSRF token (:func:`csrf_ok`, checked by each form's reader in
   :mod:`.uploads`), else **403**.

Every response gets headers that keep it out of other sites' frames, caches and referrers."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOKEN_PARAMETER = "token"
CSRF_FIELD = "csrf"
_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)
_DEFAULT_POLICY = b"default-src 'none'; frame-ancestors 'self'"


@dataclass(frozen=True, slots=True)
class Secrets:
    """The random secrets of one run of the app: ``token`` in the address that is opened,
    ``session`` the cookie's value, ``csrf`` in every form."""

    token: str
    session: str
    csrf: str

    @classmethod
    def new(cls) -> Secrets:
        return cls(*(secrets.token_urlsafe(32) for _ in range(3)))

    def __repr__(self) -> str:  # never in a log or a traceback
        return "<Secrets>"


def same(given: object, secret: str) -> bool:
    """Whether ``given`` is ``secret``, compared in constant time."""
    return isinstance(given, str) and hmac.compare_digest(given.encode(), secret.encode())


def csrf_ok(form: FormData, secrets: Secrets) -> bool:
    return same(form.get(CSRF_FIELD), secrets.csrf)


def cookie_name(port: int) -> str:
    """One cookie per port: two apps on one computer do not take each other's cookie."""
    return f"retro_session_{port}"


def _cookies(scope: Scope) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for name, value in scope.get("headers", ()):
        if name == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed cookie header is no cookie
                continue
    return {key: morsel.value for key, morsel in jar.items()}


def _header(scope: Scope, wanted: bytes) -> str | None:
    return next(
        (v.decode("latin-1") for k, v in scope.get("headers", ()) if k == wanted),
        None,
    )


class Guard:
    """ASGI middleware: the Host header, the token exchanged for a cookie, the cookie on every
    request (see the module); ``refusal(status, reason, scope)`` renders the page of a refusal."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        port: int,
        secrets: Secrets,
        refusal: Callable[[int, str, Scope], Response],
    ) -> None:
        self.app, self.secrets, self.refusal = app, secrets, refusal
        self.hosts = frozenset({f"127.0.0.1:{port}", f"localhost:{port}"})
        self.cookie = cookie_name(port)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":  # no websockets
            return
        response = self._refused(scope)
        if response is not None:
            await response(scope, receive, _with_headers(send))
            return
        await self.app(scope, receive, _with_headers(send))

    def _refused(self, scope: Scope) -> Response | None:
        """The response that refuses or redirects this request, or None to let it through."""
        if (_header(scope, b"host") or "").lower() not in self.hosts:
            return self.refusal(400, "host", scope)
        if same(_cookies(scope).get(self.cookie), self.secrets.session):
            return None
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        token = dict(query).get(TOKEN_PARAMETER)
        if scope["method"] in ("GET", "HEAD") and same(token, self.secrets.token):
            rest = urlencode([(k, v) for k, v in query if k != TOKEN_PARAMETER])
            response = RedirectResponse(scope["path"] + ("?" + rest if rest else ""), 303)
            response.set_cookie(
                self.cookie, self.secrets.session, httponly=True, samesite="strict", path="/"
            )
            return response
        return self.refusal(403, "token", scope)


def _with_headers(send: Send) -> Send:
    """``send`` that adds the security headers to the response (a page sets its own policy)."""

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers: list[Any] = list(message.get("headers", ()))
            names = {name.lower() for name, _ in headers}
            headers += [(k, v) for k, v in _HEADERS if k not in names]
            if b"content-security-policy" not in names:
                headers.append((b"content-security-policy", _DEFAULT_POLICY))
            message = {**message, "headers": headers}
        await send(message)

    return wrapped
