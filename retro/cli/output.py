"""Writing to the terminal: results to stdout, problems and errors to stderr.

Every line goes through :func:`retro.characters.terminal_line`, so a cell that holds ESC, BEL, a
carriage return or a right-to-left override is shown as ``\x1b``, ``\x07``, ``\x0d``, ``\u202e``
instead of acting on the terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TextIO

from ..characters import terminal_line
from ..errors import Problem, RetroError
from ..messages import Messages, describe_error, describe_problem


class Output:
    def __init__(self, msg: Messages, out: TextIO | None = None, err: TextIO | None = None) -> None:
        self.msg = msg
        self.out = out or sys.stdout
        self.err = err or sys.stderr

    def line(self, text: str = "") -> None:
        print(terminal_line(text), file=self.out)

    def line_err(self, text: str) -> None:
        print(terminal_line(text), file=self.err)

    def error(self, error: RetroError) -> None:
        self.line_err(self.msg("cli.error_prefix") + describe_error(error, self.msg))

    def problems(self, problems: Iterable[Problem]) -> None:
        problems = list(problems)
        errors = [p for p in problems if p.is_error]
        warnings = [p for p in problems if not p.is_error]
        if errors:
            self.line_err(self.msg("cli.errors_heading", count=len(errors)))
            for problem in errors:
                self.line_err("  - " + describe_problem(problem, self.msg))
        if warnings:
            self.line_err(self.msg("cli.warnings_heading", count=len(warnings)))
            for problem in warnings:
                self.line_err("  - " + describe_problem(problem, self.msg))
