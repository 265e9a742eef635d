"""`retro review`: write or update the verdict sheet (Beoordeling) in the workbook itself."""

from __future__ import annotations

import argparse

from ..config import load_config
from ..errors import EXIT_OK
from ..messages import Messages
from .output import Output


def add_arguments(parser: argparse.ArgumentParser, msg: Messages) -> None:
    parser.add_argument("workbook", metavar="CASE.xlsx")


def run(args: argparse.Namespace, out: Output) -> int:
    from ..review import review_workbook

    result = review_workbook(
        args.workbook, load_config(args.config), lang=args.lang if args.lang_given else None
    )
    if not args.lang_given:  # what follows is said in the language retro wrote the sheet in
        out.msg = Messages(result.lang)
    msg, changes = out.msg, result.changes
    out.line(msg("review.cli.written", path=result.path, sheet=result.sheet))
    for name in result.created:
        out.line("  " + msg("review.cli.created", sheet=name))
    out.line(
        "  "
        + msg(
            "review.cli.counts",
            added=len(changes.added),
            updated=len(changes.updated),
            gone=len(changes.gone),
            back=len(changes.back),
        )
    )
    out.line("  " + msg("review.cli.kept", judged=result.judged, own=result.own))
    if changes.commented:
        out.line("  " + msg("review.cli.commented", count=changes.commented))
    out.line("  " + msg("review.cli.previous", path=result.previous))
    out.problems(result.warnings)
    return EXIT_OK
