"""The pages and downloads of ``retro app``: starlette routes over the public API.

Start (a blank workbook; drop a workbook) -> Controle (the check as a table) -> Patronen (verdicts,
written into the workbook as ``retro review`` writes) -> Rapport (the report in the page, its
download, the session view); Regio (several workbooks or a zip -> ``regio.xlsx`` and
``regio.html``).  Every page is rendered through retro's one jinja2 environment
(:func:`retro.html.render_page`: autoescape, a CSP with the hashes of the scripts retro ships), in
Dutch unless the user switched to English.  A user's mistake is a sentence on the page; a bug is a
page that says so, and the log gets only its kind, never case data."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import retro
from retro.config import Settings
from retro.errors import InvalidCaseError, RetroError
from retro.html import content_security_policy, render_page, texts
from retro.messages import DEFAULT_LANGUAGE, LANGUAGES, Messages
from retro.schema import VOCABULARIES

from . import pages
from .security import Guard, Secrets
from .uploads import (
    FORM_OVERHEAD,
    MB,
    Limits,
    Refused,
    TooLarge,
    is_zip,
    read_form,
    save,
    shown_name,
    stored_suffix,
    unpack_workbooks,
    uploads,
)
from .workspace import CaseEntry, RegionJob, Workspace, export

LOG = logging.getLogger("retro.app")
LANG_COOKIE = "retro_lang"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REGION_FILES = {"regio.xlsx": XLSX, "regio.html": "text/html; charset=utf-8"}
TOO_LARGE = ("file_too_large", "sheet_too_large")  # refusals of the reader that are about size


class Problem(Exception):
    """A user's mistake on a form: the page is shown again with ``message`` (and ``status``)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message, self.status = message, status


@dataclass
class App:
    """The state every route reads: settings, the secrets, the private workspace, the language."""

    settings: Settings
    secrets: Secrets
    workspace: Workspace
    lang: str = DEFAULT_LANGUAGE

    # -- limits, from [import] -------------------------------------------------------------
    @property
    def workbook_limits(self) -> Limits:
        file = int(self.settings.reading.max_file_mb * MB)
        return Limits(file + FORM_OVERHEAD, file, file)

    @property
    def region_limits(self) -> Limits:
        """Several workbooks or a zip: at most what retro unpacks from one workbook, in all."""
        unpacked = int(self.settings.reading.max_unpacked_mb * MB)
        memory = int(self.settings.reading.max_file_mb * MB)
        return Limits(unpacked + FORM_OVERHEAD, unpacked, memory)

    # -- rendering ---------------------------------------------------------------------------
    def msg(self, request: Request | Scope) -> Messages:
        scope = request.scope if isinstance(request, Request) else request
        query = Request(scope).query_params.get("lang")
        cookie = Request(scope).cookies.get(LANG_COOKIE)
        lang = next((v for v in (query, cookie) if v in LANGUAGES), self.lang)
        return Messages(lang)

    def page(
        self,
        request: Request | Scope,
        template: str,
        status: int = 200,
        *,
        active: str = "",
        entry: CaseEntry | None = None,
        trusted: bool = True,
        **context: Any,
    ) -> HTMLResponse:
        """A page of the app; ``trusted=False`` (a refused request) leaves out the CSRF token and
        the navigation."""
        msg = self.msg(request)
        scope = request.scope if isinstance(request, Request) else request
        html = render_page(
            f"app/{template}",
            {
                "lang": msg.lang,
                "other_lang": next(code for code in LANGUAGES if code != msg.lang),
                "t": texts(msg.section("app")),
                "csrf": self.secrets.csrf if trusted else "",
                "trusted": trusted,
                "active": active,
                "entry": entry,
                "path": scope.get("path", "/"),
                "plotly_js": False,
                **context,
            },
            own_origin=True,
        )
        policy = content_security_policy(own_origin=True) + "; frame-ancestors 'self'"
        response = HTMLResponse(html, status, headers={"content-security-policy": policy})
        if Request(scope).query_params.get("lang") in LANGUAGES:
            response.set_cookie(LANG_COOKIE, msg.lang, httponly=True, samesite="strict")
        return response

    def refusal(self, status: int, reason: str, scope: Scope) -> Response:
        """The page of a request the guard refuses (400: wrong host, 403: no token)."""
        return self.page(scope, "refused.html", status, trusted=False, reason=reason)

    def entry(self, request: Request) -> CaseEntry:
        found = self.workspace.cases.get(request.path_params["case"])
        if found is None:
            raise HTTPException(404)
        return found

    def job(self, request: Request) -> RegionJob:
        found = self.workspace.jobs.get(request.path_params["job"])
        if found is None:
            raise HTTPException(404)
        return found

    # -- Start -------------------------------------------------------------------------------
    def start_page(self, request: Request, status: int = 200, message: str = "") -> HTMLResponse:
        return self.page(
            request,
            "start.html",
            status,
            active="start",
            message=message,
            recent=self.workspace.recent_cases(),
            max_mb=self.settings.reading.max_file_mb,
        )

    async def start(self, request: Request) -> Response:
        return self.start_page(request)

    async def blank(self, request: Request) -> Response:
        msg = self.msg(request)
        _, folder = self.workspace.new_folder()
        path = folder / "blanco.xlsx"
        await run_in_threadpool(retro.write_template, path, msg.lang)
        return FileResponse(path, media_type=XLSX, filename=msg("app.start.blank_file"))

    async def upload(self, request: Request) -> Response:
        msg, name = self.msg(request), ""
        try:
            form = await read_form(request, self.secrets, self.workbook_limits)
            chosen = uploads(form, "werkmap")
            if not chosen:
                raise Problem(msg("app.start.none_chosen"))
            name = shown_name(chosen[0].filename)
            ident, folder = self.workspace.new_folder()
            entry = CaseEntry(ident, name, folder / ("werkmap" + stored_suffix(name)))
            save(chosen[0], entry.path)
            await form.close()
            await run_in_threadpool(entry.check, self.settings)
        except TooLarge as exc:
            return self.start_page(request, 413, _too_large(exc, msg))
        except Problem as exc:
            return self.start_page(request, exc.status, exc.message)
        except RetroError as exc:
            status = 413 if exc.code in TOO_LARGE else 400
            return self.start_page(request, status, pages.error_text(exc, msg, name))
        self.workspace.add_case(entry)
        return RedirectResponse(f"/werkmap/{entry.id}", 303)

    # -- Controle ----------------------------------------------------------------------------
    async def check(self, request: Request) -> Response:
        entry = self.entry(request)
        msg = self.msg(request)
        return self.page(
            request,
            "check.html",
            active="check",
            entry=entry,
            check=pages.check_context(entry, msg),
            max_mb=self.settings.reading.max_file_mb,
        )

    # -- Patronen ----------------------------------------------------------------------------
    def patterns_page(
        self,
        request: Request,
        entry: CaseEntry,
        status: int = 200,
        *,
        message: str = "",
        problems: Iterable[Any] = (),
        given: dict[str, Any] | None = None,
    ) -> HTMLResponse:
        msg = self.msg(request)
        assert entry.analysis is not None
        return self.page(
            request,
            "patterns.html",
            status,
            active="patterns",
            entry=entry,
            patterns=pages.patterns_context(entry.analysis, msg, given),
            message=message,
            problems=pages.problem_rows(tuple(problems), msg),
            saved=request.query_params.get("bewaard") == "1",
        )

    async def patterns(self, request: Request) -> Response:
        entry = self.entry(request)
        if not entry.valid:
            return RedirectResponse(f"/werkmap/{entry.id}", 303)
        return self.patterns_page(request, entry)

    async def judge(self, request: Request) -> Response:
        entry = self.entry(request)
        msg = self.msg(request)
        if not entry.valid:
            return RedirectResponse(f"/werkmap/{entry.id}", 303)
        try:
            form = await read_form(request, self.secrets, self.workbook_limits)
        except TooLarge as exc:
            return self.patterns_page(request, entry, 413, message=_too_large(exc, msg))
        given = _given(form)
        try:
            judgements, own = _judgements(form, entry, msg)
            await run_in_threadpool(self._write_review, entry, judgements, own, msg.lang)
        except Problem as exc:
            return self.patterns_page(request, entry, exc.status, message=exc.message, given=given)
        except InvalidCaseError as exc:
            message = msg("app.patterns.not_written")
            return self.patterns_page(
                request, entry, 400, message=message, problems=exc.problems, given=given
            )
        except RetroError as exc:
            message = pages.error_text(exc, msg, entry.name)
            return self.patterns_page(request, entry, 400, message=message, given=given)
        return RedirectResponse(f"/werkmap/{entry.id}/patronen?bewaard=1#bewaard", 303)

    def _write_review(self, entry: CaseEntry, judgements: Any, own: Any, lang: str) -> None:
        """``retro review`` with the verdicts of the page, on the app's copy; then read it again."""
        with entry.lock:
            retro.review_workbook(
                entry.path, self.settings, judgements=judgements, own=own, lang=None
            )
            entry.check(self.settings)

    async def workbook(self, request: Request) -> Response:
        entry = self.entry(request)
        return FileResponse(entry.path, media_type=XLSX, filename=entry.name)

    # -- Rapport -----------------------------------------------------------------------------
    async def report_page(self, request: Request) -> Response:
        entry = self.entry(request)
        if not entry.valid:
            return RedirectResponse(f"/werkmap/{entry.id}", 303)
        return self.page(request, "report.html", active="report", entry=entry)

    async def report(self, request: Request) -> Response:
        entry = self.entry(request)
        if not entry.valid:
            raise HTTPException(404)
        msg = self.msg(request)
        html = await run_in_threadpool(entry.report, msg.lang)
        policy = content_security_policy() + "; frame-ancestors 'self'"
        headers = {"content-security-policy": policy}
        if request.query_params.get("download") == "1":
            headers.update(_attachment(entry.name.rsplit(".", 1)[0] + ".html"))
        return HTMLResponse(html, headers=headers)

    # -- Regio -------------------------------------------------------------------------------
    async def region_page(self, request: Request) -> Response:
        return self.page(
            request,
            "region.html",
            active="region",
            message="",
            max_mb=self.settings.reading.max_unpacked_mb,
        )

    async def region_start(self, request: Request) -> Response:
        msg = self.msg(request)
        try:
            form = await read_form(request, self.secrets, self.region_limits)
            ident, folder = self.workspace.new_folder()
            names, notes = await run_in_threadpool(_stored_workbooks, form, folder, self, msg)
            await form.close()
            if not names:
                raise Problem(msg("app.region.none_chosen"))
        except TooLarge as exc:
            return self.page(
                request,
                "region.html",
                413,
                active="region",
                message=_too_large(exc, msg),
                max_mb=self.settings.reading.max_unpacked_mb,
            )
        except Problem as exc:
            return self.page(
                request,
                "region.html",
                exc.status,
                active="region",
                message=exc.message,
                max_mb=self.settings.reading.max_unpacked_mb,
            )
        inbox = folder / "in"
        paths = [inbox / stored for stored in names]
        when = datetime.now()
        settings, lang = self.settings, msg.lang

        def run(job: RegionJob) -> None:
            export(job, paths, lang, settings, when)

        self.workspace.start_region(names, notes, folder, ident, run)
        return RedirectResponse(f"/regio/{ident}", 303)

    async def region_job(self, request: Request) -> Response:
        job = self.job(request)
        msg = self.msg(request)
        return self.page(
            request,
            "region_job.html",
            active="region",
            job=pages.region_context(job, msg, job.notes),
        )

    async def region_status(self, request: Request) -> Response:
        job = self.job(request)
        msg = self.msg(request)
        return JSONResponse(
            {
                "finished": job.finished,
                "done": job.done,
                "total": job.total,
                "text": msg(f"app.region.stage_{job.stage}_count", done=job.done, total=job.total),
            }
        )

    async def region_file(self, request: Request) -> Response:
        job = self.job(request)
        name = request.path_params["name"]
        if name not in REGION_FILES or job.summary is None:
            raise HTTPException(404)
        path = job.summary.xlsx if name.endswith(".xlsx") else job.summary.html
        return FileResponse(path, media_type=REGION_FILES[name], filename=name)

    # -- errors ------------------------------------------------------------------------------
    async def http_error(self, request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        return self.page(request, "error.html", status, code=status)

    async def bug(self, request: Request, exc: Exception) -> Response:
        """A bug in retro: a page that names its kind (starlette then raises it on to the shield,
        which logs only that kind)."""
        return self.page(request, "error.html", 500, code=500, kind=type(exc).__name__)

    async def refused(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Refused)
        return self.page(request, "refused.html", exc.status, reason="csrf")


def _attachment(name: str) -> dict[str, str]:
    from urllib.parse import quote

    plain = name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    disposition = f"attachment; filename=\"{plain}\"; filename*=utf-8''{quote(name)}"
    return {"content-disposition": disposition}


def _too_large(exc: TooLarge, msg: Messages) -> str:
    if exc.name:
        return msg("app.too_large_file", name=exc.name, size=exc.size_mb, limit=exc.limit_mb)
    return msg("app.too_large", limit=exc.limit_mb)


def _text(form: FormData, key: str) -> str:
    value = form.get(key)
    return value.strip() if isinstance(value, str) else ""


def _given(form: FormData) -> dict[str, Any]:
    """What was chosen on the page, to show it again when it could not be written."""
    given: dict[str, Any] = {
        key: value for key, value in form.multi_items() if isinstance(value, str)
    }
    given["own_events"] = [v for v in form.getlist("own_events") if isinstance(v, str)]
    return given


def _judgements(
    form: FormData, entry: CaseEntry, msg: Messages
) -> tuple[dict[str, Any], list[Any]]:
    """The verdicts of the page, checked: known verdicts and stages, an own pattern complete."""
    assert entry.analysis is not None
    verdicts = {t.key for t in VOCABULARIES["verdict"]}
    stages = {t.key for t in VOCABULARIES["stage"]} | {""}
    judgements = {}
    for flag in entry.analysis.flags:
        verdict = _text(form, f"verdict:{flag.id}") or "open"
        stage = _text(form, f"stage:{flag.id}")
        if verdict not in verdicts or stage not in stages:
            raise Problem(msg("app.patterns.unknown_choice"))
        judgements[flag.id] = retro.Judgement(verdict, _text(form, f"note:{flag.id}"), stage)
    own = []
    kind, note = _text(form, "own_kind"), _text(form, "own_note")
    events = [e for e in form.getlist("own_events") if isinstance(e, str) and e]
    if kind or events or note:
        known = entry.analysis.case.events_by_id
        if kind not in retro.FLAG_KINDS or not events or any(e not in known for e in events):
            raise Problem(msg("app.patterns.own_incomplete"))
        verdict, stage = _text(form, "own_verdict") or "open", _text(form, "own_stage")
        if verdict not in verdicts or stage not in stages:
            raise Problem(msg("app.patterns.unknown_choice"))
        own.append(retro.NewPattern(kind, tuple(events), note, verdict, stage))
    return judgements, own


def _stored_workbooks(
    form: FormData, folder: Any, app: App, msg: Messages
) -> tuple[dict[str, str], list[dict[str, str]]]:
    """The uploaded workbooks (and those in uploaded zips) stored as ``in/NNNN.xlsx``, with their
    names; a zip that cannot be opened is noted, not read."""
    import zipfile

    inbox = folder / "in"
    inbox.mkdir()
    names: dict[str, str] = {}
    notes: list[dict[str, str]] = []
    room = app.region_limits.file
    for upload in uploads(form, "werkmappen"):
        name = shown_name(upload.filename)
        head = upload.file.read(4)
        if is_zip(name, head):
            archive = save(upload, folder / f"upload-{len(names) + len(notes)}.zip")
            unpacked = inbox / f"zip-{archive.stem}"
            unpacked.mkdir()
            try:
                for path, inner in unpack_workbooks(archive, unpacked, room):
                    stored = path.rename(inbox / f"{len(names) + 1:04d}.xlsx")
                    names[stored.name] = f"{name}: {shown_name(inner)}"
            except zipfile.BadZipFile:
                notes.append({"name": name, "reason": msg("app.region.bad_zip"), "detail": ""})
            archive.unlink()
            continue
        stored = save(upload, inbox / f"{len(names) + 1:04d}.xlsx")
        names[stored.name] = name
    return names, notes


class _Shield:
    """The outermost layer: a bug anywhere below becomes a page that names its kind, and the log
    gets only that kind (a traceback could quote case data)."""

    def __init__(self, app: ASGIApp, page: Callable[[Scope, str], Response]) -> None:
        self.app, self.page = app, page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception as exc:
            LOG.error("retro app: a bug in retro (%s)", type(exc).__name__)
            if scope["type"] == "http" and not started:
                try:
                    response = self.page(scope, type(exc).__name__)
                except Exception:  # the page of the bug failed too: a line of plain text
                    response = PlainTextResponse(f"retro: {type(exc).__name__}", 500)
                await response(scope, receive, send)


def create_app(
    *, port: int, settings: Settings, secrets: Secrets, workspace: Workspace, lang: str
) -> ASGIApp:
    """The app: its routes behind the :class:`~retro.app.security.Guard`."""
    app = App(settings, secrets, workspace, lang)
    routes = [
        Route("/", app.start),
        Route("/blanco.xlsx", app.blank),
        Route("/werkmap", app.upload, methods=["POST"]),
        Route("/werkmap/{case}", app.check),
        Route("/werkmap/{case}/patronen", app.patterns),
        Route("/werkmap/{case}/patronen", app.judge, methods=["POST"]),
        Route("/werkmap/{case}/werkmap.xlsx", app.workbook),
        Route("/werkmap/{case}/rapport", app.report_page),
        Route("/werkmap/{case}/rapport.html", app.report),
        Route("/regio", app.region_page),
        Route("/regio", app.region_start, methods=["POST"]),
        Route("/regio/{job}", app.region_job),
        Route("/regio/{job}/status", app.region_status),
        Route("/regio/{job}/{name}", app.region_file),
    ]
    starlette = Starlette(
        routes=routes,
        exception_handlers={
            HTTPException: app.http_error,
            Refused: app.refused,
            Exception: app.bug,
        },
    )

    def bug_page(scope: Scope, kind: str) -> Response:
        return app.page(scope, "error.html", 500, code=500, kind=kind)

    guarded = Guard(starlette, port=port, secrets=secrets, refusal=app.refusal)
    return _Shield(guarded, bug_page)
