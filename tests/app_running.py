"""``retro app`` as a user starts it: a real process on a free port, stopped with Ctrl+C (SIGINT).

:func:`running_app` starts ``python -m retro app --no-browser`` with its temporary folder pointed at
a folder of the test, reads the address it prints, and on leaving stops it and checks that it
stopped cleanly: exit code 0, no process of it left, its private folder removed."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import psutil

from tests.conftest import ROOT

_ADDRESS = re.compile(r"http://127\.0\.0\.1:(\d+)/\?token=(\S+)")


@dataclass
class RunningApp:
    process: subprocess.Popen[str]
    port: int
    token: str
    temp: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def address(self) -> str:
        return f"{self.base}/?token={self.token}"

    def log(self) -> str:
        """What the app wrote to its terminal so far (stdout and stderr), once it stopped."""
        return self.output


def _address(process: subprocess.Popen[str], deadline: float) -> tuple[int, str, list[str]]:
    lines: list[str] = []
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        found = _ADDRESS.search(line)
        if found:
            return int(found[1]), found[2], lines
    raise AssertionError("retro app printed no address: " + "".join(lines))


@contextmanager
def running_app(
    temp: Path, *args: str, lang: str | None = None, browser: str | None = None
) -> Iterator[RunningApp]:
    """``browser``: the command the app opens its address with (``$BROWSER``, which Python's
    webbrowser honours); without it the app runs with ``--no-browser``."""
    temp.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "TMPDIR": str(temp)}
    opening = ["--no-browser"]
    if browser is not None:
        env["BROWSER"], opening = browser, []
    command = [sys.executable, "-m", "retro", "app", *opening, *args]
    if lang:
        command += ["--lang", lang]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        port, token, lines = _address(process, time.monotonic() + 60)
        app = RunningApp(process, port, token, temp)
        app.output = "".join(lines)  # type: ignore[attr-defined]
        yield app
    finally:
        family = _family(process.pid)
        process.send_signal(signal.SIGINT)
        try:
            rest, _ = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            for member in [process.pid, *(p.pid for p in family)]:
                _kill(member)
            process.communicate()
            raise
    if "app" in locals():
        app.output += rest  # type: ignore[attr-defined]
    assert process.returncode == 0, rest
    _, alive = psutil.wait_procs(family, timeout=10)
    assert alive == [], f"processes left: {alive}"
    assert list(temp.glob("retro-app-*")) == [], "the private folder was not removed"


def _family(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def _kill(pid: int) -> None:
    with suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
