"""The command line: the only place that prints or exits.

Each command lives in its own module in this package with ``add_arguments(parser, msg)`` and
``run(args, out) -> int``, listed by name in :data:`COMMANDS`.  The parser imports only the module
of the command being run (``retro --help`` imports none); a command module imports at its top only
what its arguments need, and what ``run`` needs (the analysis, the report, the regional export,
openpyxl...) inside ``run``, so a command loads only its own part of retro. :func:`main`
is the one boundary that turns domain errors into sentences from the catalogue and exit codes;
anything else is a bug, shown as one line (a traceback only with ``--debug``)."""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
import traceback
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

from ..errors import EXIT_BUG, InvalidCaseError, RetroError
from ..messages import DEFAULT_LANGUAGE, LANGUAGES, Messages
from .output import Output

# command -> its module in this package, imported only when that command runs
COMMANDS: dict[str, str] = {
    "template": "template_command",
    "validate": "validate_command",
    "analyse": "analyse_command",
    "report": "report_command",
    "review": "review_command",
    "region": "region_command",
    "app": "app_command",
}
# Commands that read workbooks: they take the settings of --config (limits, thresholds,
# the region's key).
CONFIGURED = ("validate", "analyse", "report", "review", "region")


def _language_from_argv(argv: Sequence[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGUAGES:
            return arg[7:]
    return DEFAULT_LANGUAGE


# argparse's own messages are English; these patterns let the catalogue say them in the
# user's language.
_ARGPARSE_MESSAGES = (
    ("required", re.compile(r"the following arguments are required: (?P<names>.+)")),
    ("unrecognized", re.compile(r"unrecognized arguments: (?P<names>.+)")),
    (
        "invalid_choice",
        re.compile(
            r"argument (?P<name>[^:]+): invalid choice: (?P<value>.+?) "
            r"\(choose from (?P<choices>.+)\)"
        ),
    ),
    ("expected_value", re.compile(r"argument (?P<name>[^:]+): expected one argument")),
)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake exits with 2 and a sentence in the user's language, never a
    traceback."""

    def __init__(self, *args: object, msg: Messages | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.msg = msg

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        if self.msg is not None:
            found = (
                (code, m)
                for code, pattern in _ARGPARSE_MESSAGES
                if (m := pattern.fullmatch(message))
            )
            code, match = next(found, ("other", None))
            message = self.msg(
                f"cli.usage.{code}", message=message, **(match.groupdict() if match else {})
            )
            message += " " + self.msg("cli.usage.help", prog=self.prog)
        self.exit(2, f"{self.prog}: {message}\n")


def command_module(name: str) -> ModuleType:
    """The module of command ``name``, imported now."""
    return importlib.import_module(f".{COMMANDS[name]}", __name__)


def _command_from_argv(argv: Sequence[str]) -> str | None:
    """The command asked for: the first argument that is not an option (``--debug`` takes no
    value)."""
    return next((arg for arg in argv if not arg.startswith("-")), None)


def build_parser(msg: Messages, command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command's name and help; only ``command`` (all with ``"*"``) gets its
    arguments and ``run``, so the other commands' modules are not imported."""
    parser = _Parser(prog="retro", description=msg("cli.description"), msg=msg)
    parser.add_argument("--debug", action="store_true", help=msg("cli.debug_help"))
    sub = parser.add_subparsers(
        dest="command", required=True, parser_class=_Parser, metavar="COMMAND"
    )
    for name in COMMANDS:
        sub_parser = sub.add_parser(
            name, help=msg(f"cli.{name}.help"), description=msg(f"cli.{name}.description"), msg=msg
        )
        if command not in (name, "*"):
            continue
        sub_parser.add_argument(
            "--lang", choices=LANGUAGES, default=None, help=msg("cli.lang_help")
        )
        if name in CONFIGURED:
            sub_parser.add_argument("--config", metavar="FILE", help=msg("cli.config_help"))
        module = command_module(name)
        module.add_arguments(sub_parser, msg)
        sub_parser.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    msg = Messages(_language_from_argv(argv))
    command = _command_from_argv(argv)
    args = build_parser(msg, command if command in COMMANDS else None).parse_args(argv)
    # ``lang_given``: whether the user chose; a command may then follow the workbook's own ``taal``.
    args.lang_given, args.lang = args.lang is not None, args.lang or DEFAULT_LANGUAGE
    msg = Messages(args.lang)
    out = Output(msg)
    try:
        return args.run(args, out)
    except InvalidCaseError as exc:
        out.problems(exc.problems)
        return exc.exit_code
    except RetroError as exc:
        out.error(exc)
        return exc.exit_code
    except BrokenPipeError:  # the reader (e.g. `head`) went away: not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (open until the process ends)
        return 0
    except KeyboardInterrupt:
        out.line_err(msg("cli.interrupted"))
        return 130
    except Exception as exc:  # a bug, not a user mistake
        if args.debug:
            traceback.print_exc()
        else:
            out.line_err(msg("cli.bug", kind=type(exc).__name__, reason=str(exc)[:200]))
        return EXIT_BUG


def entry() -> None:
    """Console-script entry point.  Ctrl-C before a command runs (while the catalogue loads) ends
    it quietly, with the exit code of an interrupt."""
    try:
        code = main()
    except KeyboardInterrupt:
        code = 130
    sys.exit(code)
