"""`retro validate`: a summary of a valid workbook, or every problem in it."""

from __future__ import annotations

import argparse

from ..config import load_config
from ..errors import EXIT_INVALID, EXIT_OK
from ..messages import Messages
from ..model import PartialDate
from ..schema import SHEETS_BY_KEY
from .output import Output


def add_arguments(parser: argparse.ArgumentParser, msg: Messages) -> None:
    parser.add_argument("workbook", metavar="CASE.xlsx")


def run(args: argparse.Namespace, out: Output) -> int:
    from ..workbook import validate_workbook

    msg = out.msg
    result = validate_workbook(args.workbook, load_config(args.config))
    out.problems(result.problems)
    case = result.case
    if case is not None:
        out.line(msg("validate.summary.valid"))
        out.line(
            msg("validate.summary.title", title=case.meta.title)
            if case.meta.title
            else msg("validate.summary.no_title")
        )
        if case.events:
            out.line(
                msg(
                    "validate.summary.period",
                    start=case.events[0].date,
                    end=PartialDate(max(e.end for e in case.events)),
                )
            )
        out.line(
            msg(
                "validate.summary.counts",
                events=len(case.events),
                actors=len(case.actors),
                questions=len(case.questions),
                relations=len(case.relations),
                lessons=len(case.lessons),
            )
        )
    out.line(msg("validate.summary.rows_heading"))
    for key, read in result.rows_read.items():
        out.line(
            msg(
                "validate.summary.rows_line",
                sheet=SHEETS_BY_KEY[key].name(msg.lang),
                read=read,
                loaded=result.rows_loaded.get(key, 0),
            )
        )
    if case is None:
        out.line_err(msg("validate.summary.invalid", errors=len(result.errors)))
        return EXIT_INVALID
    return EXIT_OK
