"""`retro analyse`: network measures and flags, as text for people or JSON for machines."""

from __future__ import annotations

import argparse
import json

from ..analysis import Analysis, analyse
from ..config import load_config
from ..errors import EXIT_OK
from ..flag_text import flag_text
from ..messages import Messages
from ..validate import load_case


def add_arguments(parser: argparse.ArgumentParser, msg: Messages) -> None:
    parser.add_argument("workbook", metavar="CASE.xlsx")
    parser.add_argument("--format", choices=("text", "json"), default="text", help=msg("cli.analyse.format_help"))
    parser.add_argument("--config", metavar="FILE", help=msg("cli.analyse.config_help"))


def _text(result: Analysis, out) -> None:
    msg, measures = out.msg, result.measures
    out.line(msg("analysis.heading", title=result.case.meta.title or "-", events=len(result.case.events),
                 actors=len(result.case.actors)))
    out.line(msg("analysis.pivot", pivot=measures.pivot or "-"))
    out.line(msg("analysis.helpers", max=measures.max_helpers, handovers=measures.handovers))
    if measures.never_met:
        out.line(msg("analysis.never_met", pairs="; ".join(f"{a} – {b}" for a, b in measures.never_met)))
    if measures.one_parent_only:
        out.line(msg("analysis.one_parent", pairs="; ".join(f"{a} ({p})" for a, p in measures.one_parent_only)))
    out.line()
    out.line(msg("analysis.flags_heading", count=len(result.flags)))
    for flag in result.flags:
        text = flag_text(flag, msg)
        out.line(f"\n[{msg('analysis.severity.' + flag.severity)}] {text.title}")
        out.line("  " + text.explanation)
        for event_id in flag.events:
            event = result.case.events_by_id[event_id]
            out.line(f"    {event.id:<6} {str(event.date):<10}  {event.actor:<16} {event.description}")
        out.line("  " + msg("analysis.question", question=text.question))


def run(args: argparse.Namespace, out) -> int:
    config = load_config(args.config)
    result = analyse(load_case(args.workbook, config), config)
    if args.format == "json":
        out.line(json.dumps(result.to_dict(args.lang), ensure_ascii=False, indent=2, default=str))
    else:
        _text(result, out)
    return EXIT_OK
