"""The security rules of ``retro app``, tried with an HTTP client against the real running server.

No token -> 403; the token is exchanged once for an HttpOnly, SameSite=Strict cookie; a wrong Host
-> 400 (DNS rebinding); a POST without the form's CSRF token -> 403 on every form; an upload over
the command line's limit -> 413 with a Dutch sentence; two uploads at once -> two right answers;
no case data, no token and no address of a request in the app's log; started and stopped cleanly
(tests/app_running.py)."""

from __future__ import annotations

import re
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from retro.config import defaults
from tests.app_running import RunningApp, running_app
from tests.conftest import SAMPLES, run_cli
from tests.workbooks import valid_sheets, write_workbook

HENGELO = SAMPLES / "hengelo.xlsx"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    with running_app(tmp_path_factory.mktemp("app-security")) as running:
        yield running
        log = running.process  # stopped below by the context manager
        del log
    # after the stop: nothing of a request in the log
    output = running.log()
    assert running.token not in output.split("token=", 1)[1][len(running.token) :]
    for leak in ("hengelo", "Hengelo", "/werkmap/", "GET ", "POST ", "Verhoeven", "JB2"):
        assert leak not in output, leak


def client(app: RunningApp) -> httpx.Client:
    """A client that has visited the address with the token (and so holds the cookie)."""
    session = httpx.Client(base_url=app.base, timeout=60)
    session.get(app.address)
    return session


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "the page has no form"
    return found[1]


def upload(session: httpx.Client, path: Path, csrf: str | None) -> httpx.Response:
    data = {"csrf": csrf} if csrf is not None else {}
    with path.open("rb") as handle:
        return session.post("/werkmap", files={"werkmap": (path.name, handle)}, data=data)


def broken_workbook(folder: Path) -> Path:
    sheets = valid_sheets()
    sheets["Tijdlijn"][2][3] = "JB2"  # an unknown actor on row 3
    return write_workbook(folder / "kapot.xlsx", sheets)


def test_no_token_is_403_and_says_how_to_open(app: RunningApp) -> None:
    for url in ("/", "/regio", "/blanco.xlsx", "/werkmap/abc", "/?token=wrong"):
        response = httpx.get(app.base + url)
        assert response.status_code == 403, url
        assert "Geen toegang" in response.text
        assert 'name="csrf"' not in response.text
    assert httpx.post(app.base + "/werkmap").status_code == 403


def test_the_token_becomes_an_http_only_strict_cookie(app: RunningApp) -> None:
    first = httpx.get(app.address)
    assert first.status_code == 303
    assert first.headers["location"] == "/"  # the token leaves the address bar
    cookie = first.headers["set-cookie"]
    assert f"retro_session_{app.port}=" in cookie
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
    assert app.token not in cookie
    session = client(app)
    page = session.get("/")
    assert page.status_code == 200 and "Een casus voorbereiden" in page.text
    # every page carries headers that keep it out of other sites' frames and caches
    assert page.headers["x-frame-options"] == "SAMEORIGIN"
    assert page.headers["cache-control"] == "no-store"
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'self'" in policy
    assert "http" not in policy  # nothing may load from anywhere else


def test_a_wrong_host_is_400_even_with_the_cookie(app: RunningApp) -> None:
    session = client(app)
    for host in ("evil.example", f"evil.example:{app.port}", f"127.0.0.1:{app.port + 1}", ""):
        response = session.get("/", headers={"host": host})
        assert response.status_code == 400, host
        assert 'name="csrf"' not in response.text
    assert session.get("/", headers={"host": f"localhost:{app.port}"}).status_code == 200


def test_every_form_without_its_csrf_token_is_403(app: RunningApp, tmp_path: Path) -> None:
    session = client(app)
    csrf = csrf_of(session.get("/").text)
    case = upload(session, HENGELO, csrf).headers["location"]
    for url in ("/werkmap", f"{case}/patronen", "/regio"):
        for data in ({}, {"csrf": "wrong"}):
            with HENGELO.open("rb") as handle:
                response = session.post(url, data=data, files={"werkmap": ("a.xlsx", handle)})
            assert response.status_code == 403, (url, data)
            assert "Dit formulier kwam niet van een pagina van retro" in response.text
        assert session.post(url).status_code == 403


def test_an_upload_over_the_limit_is_413_in_dutch(app: RunningApp) -> None:
    session = client(app)
    csrf = csrf_of(session.get("/").text)
    limit = defaults().reading.max_file_mb
    too_large = b"PK" + b"0" * int((limit + 1) * 1_000_000)
    response = session.post(
        "/werkmap", files={"werkmap": ("groot.xlsx", too_large)}, data={"csrf": csrf}
    )
    assert response.status_code == 413
    assert "te groot" in response.text and f"hoogstens {limit:g} MB" in response.text
    # the app goes on
    assert session.get("/").status_code == 200


def test_two_uploads_at_once_get_two_right_answers(app: RunningApp, tmp_path: Path) -> None:
    broken = broken_workbook(tmp_path)
    answers: dict[str, httpx.Response] = {}

    def send(name: str, path: Path) -> None:
        session = client(app)
        csrf = csrf_of(session.get("/").text)
        posted = upload(session, path, csrf)
        answers[name] = session.get(posted.headers["location"])

    threads = [
        threading.Thread(target=send, args=("valid", HENGELO)),
        threading.Thread(target=send, args=("broken", broken)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert "De werkmap is in orde." in answers["valid"].text
    assert "hengelo.xlsx" in answers["valid"].text
    assert "De werkmap is nog niet in orde" in answers["broken"].text
    assert "kapot.xlsx" in answers["broken"].text and "JB2" in answers["broken"].text


def test_the_app_binds_loopback_only(app: RunningApp) -> None:
    connections = [
        c
        for c in __import__("psutil").Process(app.process.pid).net_connections("tcp")
        if c.status == "LISTEN"
    ]
    assert [c.laddr.ip for c in connections] == ["127.0.0.1"]
    assert connections[0].laddr.port == app.port


def test_a_port_in_use_is_a_sentence_not_a_traceback() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = run_cli("app", "--no-browser", "--port", str(port))
    assert result.returncode == 2
    assert f"Poort {port} is al in gebruik" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_chosen_port_is_used(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with running_app(tmp_path, "--port", str(port)) as running:
        assert running.port == port
        assert client(running).get("/").status_code == 200


def test_the_browser_is_opened_on_the_address_once_the_app_answers(tmp_path: Path) -> None:
    """Without ``--no-browser`` the app opens the default browser (here ``$BROWSER``: a script that
    notes the address it is given and visits it at once) on the address with its token; the page
    answers that very first visit, so the browser never shows an error page."""
    seen = tmp_path / "opened.txt"
    browser = tmp_path / "browser.py"
    browser.write_text(
        f"#!{sys.executable}\n"
        "import http.cookiejar, os, pathlib, sys, urllib.request\n"
        "url = sys.argv[1]\n"
        "visit = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())\n"
        "with visit.open(url, timeout=30) as answer:\n"
        f"    pathlib.Path({str(seen)!r} + '.part').write_text(url + ' ' + str(answer.status))\n"
        # the note appears whole or not at all: the test may look between open() and write()
        f"os.replace({str(seen)!r} + '.part', {str(seen)!r})\n"
    )
    browser.chmod(0o755)
    with running_app(tmp_path / "app", browser=str(browser)) as running:
        deadline = time.monotonic() + 60
        while not seen.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert seen.read_text() == f"{running.address} 200"
