"""The patterns section: each flag with its sentences, its evidence quoted, and for each flagged
decision what its maker knew at that moment (once per decision: a later flag refers to it).

Works for a :class:`~retro.analysis.findings.Flag` of any kind: the sentences come from
:meth:`retro.analysis.Analysis.flag_text`, the evidence from ``flag.events``.  A pattern quotes at
most ``[analysis] most_listed`` events (the same cap as its sentences' lists)."""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from typing import Any

from ..analysis import Analysis
from ..analysis.findings import Flag
from ..config import ReportSettings
from ..dates import date_words
from ..messages import Messages
from ..model import Case
from ..schema import term_name
from .wording import event_quote, event_ref


def participation(case: Case) -> dict[str, list[int]]:
    """For each actor, the rows (in timeline order) of the events they took part in or were told
    of."""
    rows: dict[str, list[int]] = {}
    for number, event in enumerate(case.events):
        for actor in event.participants:
            rows.setdefault(actor, []).append(number)
    return rows


def known_before(
    case: Case, number: int, limit: int, rows: Mapping[str, list[int]]
) -> tuple[list[int], int]:
    """Rows of the events before decision ``number`` that its maker took part in or was told of.

    Returns the latest ``limit`` of them (in timeline order) and how many earlier ones were left
    out.
    """
    mine = rows.get(case.events[number].actor, [])
    earlier = bisect.bisect_left(mine, number)
    shown = mine[max(0, earlier - limit) : earlier] if limit > 0 else []
    return shown, earlier - len(shown)


def known_panel(
    case: Case, number: int, limit: int, msg: Messages, rows: Mapping[str, list[int]]
) -> dict[str, Any]:
    """What the maker of decision ``number`` knew then: their latest ``limit`` earlier events."""
    decision = case.events[number]
    shown, left_out = known_before(case, number, limit, rows)
    return {
        "decision": event_ref(decision, number),
        "anchor": f"known-{number}",
        "maker": decision.actor,
        "heading": msg(
            "report.patterns.known_heading",
            decision=decision.id,
            maker=decision.actor,
            date=date_words(decision.date, msg),
        ),
        "events": [event_quote(case, i, msg.lang) for i in shown],
        "left_out": msg("report.patterns.known_left_out", count=left_out) if left_out else "",
        "none": msg("report.patterns.known_none", maker=decision.actor) if not shown else "",
    }


def _known(
    case: Case,
    decisions: list[int],
    report: ReportSettings,
    msg: Messages,
    taking_part: Mapping[str, list[int]],
    shown_in: dict[int, int],
    number: int,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The panels first shown under flag ``number`` and references to panels shown under earlier
    flags (``shown_in``: decision row -> flag number, updated)."""
    panels: list[dict[str, Any]] = []
    refs: list[dict[str, Any]] = []
    for row in decisions:
        if row in shown_in:
            decision = case.events[row]
            refs.append(
                {
                    "anchor": f"known-{row}",
                    "text": msg(
                        "report.patterns.known_elsewhere",
                        decision=decision.id,
                        maker=decision.actor,
                        n=shown_in[row],
                    ),
                }
            )
        elif len(panels) < report.known_panels:
            panels.append(known_panel(case, row, report.known_events, msg, taking_part))
            shown_in[row] = number
    return panels, refs


def _mark_seen(
    quote: dict[str, Any], number: int, msg: Messages, quoted_in: dict[int, int]
) -> None:
    """``seen``: where an event quoted again was quoted first (print leaves out its description
    there), or ''; ``quoted_in`` (row -> flag number) is updated."""
    first = quoted_in.setdefault(quote["n"], number)
    quote["seen"] = msg("report.patterns.quoted_before", n=first) if first != number else ""


def _flag(
    analysis: Analysis,
    number: int,
    flag: Flag,
    report: ReportSettings,
    msg: Messages,
    numbers: Mapping[str, int],
    taking_part: Mapping[str, list[int]],
    full: bool,
    shown_in: dict[int, int],
    quoted_in: dict[int, int],
) -> dict[str, Any]:
    case, most = analysis.case, analysis.settings.most_listed
    text = analysis.flag_text(flag, msg)
    rows = sorted(numbers[e] for e in flag.events)
    quoted = rows[:most] if full else []
    rest = [case.events[i].id for i in rows[len(quoted) :]] if full else []
    named = ", ".join(rest[: report.named_events]) + (
        " …" if len(rest) > report.named_events else ""
    )
    decisions = [i for i in quoted if case.events[i].is_decision]
    known, known_refs = _known(case, decisions, report, msg, taking_part, shown_in, number)
    quotes = [event_quote(case, i, msg.lang) for i in quoted]
    for quote in [*quotes, *(e for k in known for e in k["events"])]:
        _mark_seen(quote, number, msg, quoted_in)
    return {
        "n": number,
        "anchor": f"flag-{number}",
        "id": flag.id,
        "kind": flag.kind,
        "rule": flag.rule,
        "severity": flag.severity,
        "severity_label": msg(f"flags.severity.{flag.severity}"),
        "title": text.title,
        "full": full,
        "explanation": text.explanation,
        "question": text.question,
        "basis": text.basis,
        "basis_label": msg("flags.basis_label"),
        "relations": _relation_rows(case, flag, msg),
        "actors": ", ".join(flag.actors),
        "rows": rows,
        "quoted": quotes,
        "refs": [] if full else [event_ref(case.events[i], i) for i in rows[:most]],
        "more": msg("report.patterns.more_events", count=len(rest), ids=named) if rest else "",
        "known": known,
        "known_refs": known_refs,
    }


def _relation_rows(case: Case, flag: Flag, msg: Messages) -> list[dict[str, Any]]:
    """The ``Relaties`` rows a flag rests on, each as a line and its note."""
    by_row = {r.row: r for r in case.relations}
    return [
        {
            "text": msg(
                "report.patterns.relation_row",
                row=row,
                source=r.source,
                target=r.target,
                kind=term_name("relation_kind", r.kind, msg.lang),
            ),
            "note": r.note or "",
        }
        for row in flag.relations
        if (r := by_row.get(row))
    ]


def patterns(
    analysis: Analysis,
    report: ReportSettings,
    msg: Messages,
    flags: Sequence[Flag] | None = None,
) -> list[dict[str, Any]]:
    """Every flag (or those of ``flags``), in the order of the analysis (timeline order), numbered
    from 1.

    The first ``flags_in_full`` flags of each kind are ``full`` (evidence quoted, what was known);
    the others carry their sentences and event references only (see :func:`compact_groups`).
    What was known at a decision is shown once, under the first flag that quotes it; later flags
    refer to it (``known_refs``).  An event quoted again carries ``seen``, the flag it was first
    quoted under: on paper its description is printed only there.
    """
    numbers, taking_part = analysis.case.event_positions, participation(analysis.case)
    seen: dict[str, int] = {}
    shown_in: dict[int, int] = {}
    quoted_in: dict[int, int] = {}
    shown = []
    for n, flag in enumerate(analysis.flags if flags is None else flags, start=1):
        seen[flag.kind] = seen.get(flag.kind, 0) + 1
        full = seen[flag.kind] <= report.flags_in_full
        shown.append(
            _flag(analysis, n, flag, report, msg, numbers, taking_part, full, shown_in, quoted_in)
        )
    return shown


def compact_groups(flags: list[dict[str, Any]], msg: Messages) -> list[dict[str, Any]]:
    """The flags not shown in full, per kind, in the order their kinds first appear."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for flag in flags:
        if not flag["full"]:
            groups.setdefault(flag["kind"], []).append(flag)
    return [
        {
            "kind": kind,
            "title": members[0]["title"],
            "flags": members,
            "summary": msg(
                "report.patterns.compact_summary", count=len(members), title=members[0]["title"]
            ),
        }
        for kind, members in groups.items()
    ]
