"""`retro report`: the learning-session report as one offline HTML file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import load_config
from ..errors import EXIT_OK
from ..files import check_target
from ..messages import DEFAULT_LANGUAGE, LANGUAGES, Messages
from .output import Output

if TYPE_CHECKING:
    from ..model import Case


def add_arguments(parser: argparse.ArgumentParser, msg: Messages) -> None:
    parser.add_argument("workbook", metavar="CASE.xlsx")
    parser.add_argument("-o", "--output", metavar="REPORT.html", help=msg("report.cli.output_help"))
    parser.add_argument("--open", action="store_true", help=msg("report.cli.open_help"))
    parser.add_argument(
        "--verslag",
        "--record",
        dest="record",
        action="store_true",
        help=msg("record.cli.option_help"),
    )
    parser.add_argument("--force", action="store_true", help=msg("report.cli.force_help"))


def output_path(workbook: str, output: str | None, suffix: str = "") -> Path:
    """Where the report goes: ``-o``, or the workbook's name (plus ``suffix``) with ``.html`` beside
    it."""
    if output:
        return Path(output)
    path = Path(workbook)
    return path.with_name(path.stem + suffix + ".html")


def report_language(args: argparse.Namespace, case: Case) -> str:
    """``--lang`` when the user gave it, else the workbook's own ``taal``/``language``, else
    Dutch."""
    if args.lang_given:
        return args.lang
    wanted = (case.meta.language or "").strip().casefold()
    return wanted if wanted in LANGUAGES else DEFAULT_LANGUAGE


def run(args: argparse.Namespace, out: Output) -> int:
    from ..analysis import analyse
    from ..report import write_record, write_report
    from ..review import checked_review
    from ..workbook import load_case

    config = load_config(args.config)
    case = load_case(args.workbook, config)
    lang = report_language(args, case)
    out.msg = msg = Messages(lang)  # what follows is said in the report's language
    suffix = "-" + msg("record.cli.default_name") if args.record else ""
    target = output_path(args.workbook, args.output, suffix)
    check_target(target, (args.workbook, args.config), force=args.force)
    analysis = analyse(case, config)
    checked_review(analysis)  # the verdict rows match the flags, or nothing is written
    # a failed write is an OutputError (exit 2) and leaves the old file as it was
    if args.record:
        write_record(analysis, target, lang)
    else:
        write_report(analysis, target, lang)
    out.line(msg("record.cli.written" if args.record else "report.cli.written", path=target))
    if case.warnings and not args.record:  # the record has no appendix
        out.line(msg("report.cli.warnings", count=len(case.warnings)))
    if args.open:
        import webbrowser  # only for --open: it starts slowly

        opened = webbrowser.open(target.resolve().as_uri())
        out.line(msg("report.cli.opened") if opened else msg("report.cli.not_opened", path=target))
    return EXIT_OK
