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


def _pairs(pairs) -> str:
    return "; ".join(f"{a} – {b}" for a, b in pairs)


def _measures(result: Analysis, out) -> None:
    msg, m = out.msg, result.measures
    out.line(msg("analysis.heading", title=result.case.meta.title or "-", events=len(result.case.events),
                 actors=len(result.case.actors)))
    if result.session_events:
        out.line(msg("analysis.session_events", count=len(result.session_events), events=", ".join(result.session_events)))
    if m.pivot:
        out.line(msg("analysis.pivot", pivot=m.pivot, presence=round(100 * m.pivot_presence),
                     months=result.settings["period_months"]))
    else:
        out.line(msg("analysis.pivot_none"))
    out.line(msg("analysis.helpers", max=m.max_helpers, care=m.max_care, handovers=m.handovers))
    holders = " → ".join(f"{h} ({first:%m-%Y} – {last:%m-%Y})" for h, first, last in m.direction)
    out.line(msg("analysis.direction", holders=holders) if holders else msg("analysis.direction_none"))
    for key, pairs in (("never_met", m.never_met), ("met_once", m.met_once)):
        if pairs:
            out.line(msg(f"analysis.{key}", pairs=_pairs(pairs)))
    if m.one_parent_only:
        out.line(msg("analysis.one_parent", pairs="; ".join(f"{a} ({p})" for a, p in m.one_parent_only)))
    counts = [f"{a.id} {a.professionals_met}/{a.professionals_alongside}" for a in m.actors
              if a.category == "professional" and a.professionals_alongside]
    if counts:
        out.line(msg("analysis.met", counts="; ".join(counts)))


def _flags(result: Analysis, out, quoted: int) -> None:
    msg = out.msg
    out.line()
    out.line(msg("analysis.flags_heading", count=len(result.flags)) if result.flags else msg("analysis.no_flags"))
    for flag in result.flags:
        text = flag_text(flag, msg)
        out.line(f"\n[{msg('analysis.severity.' + flag.severity)}] {text.title}")
        out.line("  " + text.explanation)
        for event_id in flag.events[:quoted]:
            event = result.case.events_by_id[event_id]
            out.line(f"    {event.id:<6} {str(event.date):<10}  {event.actor:<16} {event.description}")
        if len(flag.events) > quoted:
            out.line("    " + msg("flags.more", count=len(flag.events) - quoted))
        out.line("  " + msg("analysis.actors", actors=", ".join(flag.actors)))
        out.line("  " + msg("analysis.question", question=text.question))


def run(args: argparse.Namespace, out) -> int:
    config = load_config(args.config)
    result = analyse(load_case(args.workbook, config), config)
    if args.format == "json":
        out.line(json.dumps(result.to_dict(args.lang), ensure_ascii=False, indent=2, default=str))
    else:
        _measures(result, out)
        _flags(result, out, config["report"]["quoted_events"])
    return EXIT_OK
