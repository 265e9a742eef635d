"""`retro validate`: a summary of a valid workbook, or every problem in it."""

from __future__ import annotations

import argparse

from ..config import Settings, load_config
from ..errors import EXIT_INVALID, EXIT_OK, Problem
from ..messages import Messages, case_summary
from ..model import Case
from ..schema import SHEETS_BY_KEY
from .output import Output


def add_arguments(parser: argparse.ArgumentParser, msg: Messages) -> None:
    parser.add_argument("workbook", metavar="CASE.xlsx")


def _review_problems(case: Case, config: Settings) -> tuple[Problem, ...]:
    """What the Beoordeling sheet holds that does not match the analysis (only when it has rows:
    matching needs the flags)."""
    if not case.review:
        return ()
    from ..analysis import analyse
    from ..review import review_of

    return review_of(analyse(case, config)).problems


def run(args: argparse.Namespace, out: Output) -> int:
    from ..workbook import validate_workbook

    msg, config = out.msg, load_config(args.config)
    result = validate_workbook(args.workbook, config)
    case = result.case
    problems = result.problems + (_review_problems(case, config) if case is not None else ())
    if any(p.is_error for p in problems):
        case = None
    out.problems(problems)
    if case is not None:
        out.line(msg("validate.summary.valid"))
        for line in case_summary(case, msg):
            out.line(line)
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
        out.line_err(msg("validate.summary.invalid", errors=sum(p.is_error for p in problems)))
        return EXIT_INVALID
    return EXIT_OK
