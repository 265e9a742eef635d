"""`retro report`: the learning-session report as one offline HTML file."""

from __future__ import annotations

import argparse
import webbrowser
from pathlib import Path

from ..analysis import analyse
from ..config import load_config
from ..errors import EXIT_OK, EXIT_UNUSABLE
from ..messages import Messages
from ..render import write_report
from ..validate import load_case


def add_arguments(parser: argparse.ArgumentParser, msg: Messages) -> None:
    parser.add_argument("workbook", metavar="CASE.xlsx")
    parser.add_argument("-o", "--output", metavar="REPORT.html", help=msg("report.cli.output_help"))
    parser.add_argument("--config", metavar="FILE", help=msg("report.cli.config_help"))
    parser.add_argument("--open", action="store_true", help=msg("report.cli.open_help"))


def output_path(workbook: str, output: str | None) -> Path:
    """Where the report goes: ``-o``, or the workbook's name with ``.html`` beside it."""
    return Path(output) if output else Path(workbook).with_suffix(".html")


def run(args: argparse.Namespace, out) -> int:
    msg = out.msg
    config = load_config(args.config)
    case = load_case(args.workbook, config)
    target = output_path(args.workbook, args.output)
    try:
        write_report(analyse(case, config), target, args.lang, config=config)
    except OSError as exc:
        out.line_err(msg("cli.error_prefix") + msg("report.cli.cannot_write", path=target, reason=exc.strerror or exc))
        return EXIT_UNUSABLE
    out.line(msg("report.cli.written", path=target))
    if case.warnings:
        out.line(msg("report.cli.warnings", count=len(case.warnings)))
    if args.open:
        opened = webbrowser.open(target.resolve().as_uri())
        out.line(msg("report.cli.opened") if opened else msg("report.cli.not_opened", path=target))
    return EXIT_OK
