"""Running the app: uvicorn on ``127.0.0.1`` only, a free port, the browser opened on its address.

The socket is bound here, to the loopback interface, before uvicorn starts (so the port is known
for the Host check and no other program can take it in between); uvicorn's access log is off (an
address can hold a case's id, never more, but nothing of a request is logged).  While the app runs,
the process's temporary files (starlette spills a large upload to one) go to the app's private
folder, which is removed when the app stops, also after Ctrl+C."""

from __future__ import annotations

import contextlib
import errno
import socket
import tempfile
import threading
import time
import webbrowser
from collections.abc import Callable

import uvicorn

from retro.config import Settings
from retro.errors import UsageError

from .routes import create_app
from .security import Secrets
from .workspace import Workspace

HOST = "127.0.0.1"


def bound_socket(port: int) -> socket.socket:
    """A socket on the loopback interface at ``port`` (0: a free port the system chooses)."""
    if not 0 <= port <= 65535:
        raise UsageError("app_port", port=port)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind((HOST, port))
    except OSError as exc:
        sock.close()
        if exc.errno in (errno.EADDRINUSE, errno.EACCES):
            raise UsageError("app_port_in_use", port=port) from None
        raise
    sock.listen(128)
    return sock


def _open_when_started(server: uvicorn.Server, url: str) -> None:
    """Open the browser once the server answers (not before: it would show an error page)."""
    for _ in range(200):
        if server.started:
            webbrowser.open(url)
            return
        if server.should_exit:
            return
        time.sleep(0.05)


def serve(
    *,
    port: int,
    settings: Settings,
    lang: str,
    open_browser: bool,
    announce: Callable[[str], None],
) -> None:
    """Run the app until Ctrl+C (or SIGTERM); ``announce(address)`` is called with the address to
    open (with its token) before it starts."""
    sock = bound_socket(port)
    port = sock.getsockname()[1]
    secrets, workspace = Secrets.new(), Workspace()
    previous_tempdir, tempfile.tempdir = tempfile.tempdir, str(workspace.folder)
    try:
        app = create_app(
            port=port, settings=settings, secrets=secrets, workspace=workspace, lang=lang
        )
        config = uvicorn.Config(
            app,
            log_level="warning",
            access_log=False,
            server_header=False,
            lifespan="off",
            timeout_graceful_shutdown=3,
        )
        server = uvicorn.Server(config)
        url = f"http://{HOST}:{port}/?token={secrets.token}"
        announce(url)
        if open_browser:
            threading.Thread(target=_open_when_started, args=(server, url), daemon=True).start()
        # uvicorn stops on Ctrl+C, then raises it again: here it is the way to stop, not an error
        with contextlib.suppress(KeyboardInterrupt):
            server.run(sockets=[sock])
    finally:
        tempfile.tempdir = previous_tempdir
        workspace.close()
        sock.close()
