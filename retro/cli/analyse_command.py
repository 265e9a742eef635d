"""`retro analyse`: network measures and flags, as text for people or JSON for machines.

The text says what the report says: the network in the sentences of the report's network section
(:func:`retro.report.network.measure_sentences`), each flag in its catalogue sentences."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from ..config import load_config
from ..errors import EXIT_OK
from ..messages import Messages
from .output import Output

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..review import Review


def add_arguments(parser: argparse.ArgumentParser, msg: Messages) -> None:
    parser.add_argument("workbook", metavar="CASE.xlsx")
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help=msg("cli.analyse.format_help")
    )


def _measures(result: Analysis, out: Output) -> None:
    from ..report.network import measure_sentences

    msg = out.msg
    out.line(
        msg(
            "analysis.heading",
            title=result.case.meta.title or "-",
            events=len(result.case.events),
            actors=len(result.case.actors),
        )
    )
    if result.session_events:
        out.line(
            msg(
                "analysis.session_events",
                count=len(result.session_events),
                events=", ".join(result.session_events),
            )
        )
    out.line()
    out.line(msg("report.network.measures_title"))
    for sentence in measure_sentences(result, msg):
        out.line("  " + sentence)


def _flags(result: Analysis, out: Output, review: Review) -> None:
    msg, quoted = out.msg, result.settings.most_listed
    out.line()
    out.line(
        msg("analysis.flags_heading", count=len(result.flags))
        if result.flags
        else msg("analysis.no_flags")
    )
    for flag, judged in zip(result.flags, review.flags):
        text = result.flag_text(flag, msg)
        out.line(f"\n[{msg('flags.severity.' + flag.severity)}] {text.title} ({flag.id})")
        if judged.verdict != "open" or judged.note:
            verdict = msg(f"report.review.verdicts.{judged.verdict}")
            out.line(
                "  " + msg("analysis.review.verdict", verdict=verdict, note=judged.note or "-")
            )
        out.line("  " + text.explanation)
        out.line("  " + msg("analysis.basis", basis=text.basis))
        for event_id in flag.events[:quoted]:
            event = result.case.events_by_id[event_id]
            out.line(f"    {event.id:<6} {event.date!s:<10}  {event.actor:<16} {event.description}")
        if len(flag.events) > quoted:
            out.line("    " + msg("flags.more", count=len(flag.events) - quoted))
        for row in flag.relations:
            out.line("    " + msg("analysis.relation", row=row))
        out.line("  " + msg("analysis.actors", actors=", ".join(flag.actors)))
        out.line("  " + msg("analysis.question", question=text.question))


def _review(review: Review, out: Output) -> None:
    """Per kind of pattern, what people judged of retro's flags (the Beoordeling sheet)."""
    msg = out.msg
    out.line()
    if not review.judged:
        out.line(msg("analysis.review.none"))
        return
    out.line(msg("analysis.review.heading"))
    for a in review.agreement():
        if a.any:
            counts = msg(
                "analysis.review.counts",
                confirmed=a.confirmed,
                adjusted=a.adjusted,
                rejected=a.rejected,
                open=a.open,
                own=a.own,
            )
            out.line(f"  {msg(f'flags.{a.kind}.title')}: {counts}")
    for own in review.own:
        out.line(
            "  "
            + msg(
                "analysis.review.own",
                title=msg(f"flags.{own.kind}.title"),
                events=", ".join(own.events),
                note=own.note or "-",
            )
        )
    if review.gone:
        out.line("  " + msg("analysis.review.gone", ids=", ".join(g.id or "" for g in review.gone)))


def run(args: argparse.Namespace, out: Output) -> int:
    from ..analysis import analyse
    from ..review import checked_review
    from ..workbook import load_case

    config = load_config(args.config)
    result = analyse(load_case(args.workbook, config), config)
    review = checked_review(result)
    if args.format == "json":
        data = {**result.to_dict(args.lang), "review": review.to_dict()}
        out.line(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        _measures(result, out)
        _flags(result, out, review)
        _review(review, out)
    return EXIT_OK
