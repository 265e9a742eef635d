"""``offer_after_offer``: new help after new help, without a shared broad analysis.

What it looks like in the data, across the whole course of the case: help that starts (an
``aanbod``, or a professional's ``aanmelding`` of the family with a helper, or a case conference or
decision that sets up new help in its own words, lexicon ``help_starts``, when no helper of the case
starts it) by one helper after another, with no shared analysis in between (an ``analyse`` event, or
a case conference the timeline calls a shared analysis: lexicon ``shared_analysis``).  A run between
two analyses fires when at least ``min_new_offers`` different helpers started in it, and at least
``min_rounds`` of those starts followed within ``offer_window_days`` a case conference or a problem
(an escalation, complaint, report or contact break: "at every problem new help").  One flag per
case: the run with the most new helpers is explained, further runs are counted, all are cited;
strong from twice ``min_new_offers``.

A helper of the case starting again counts when a case conference had just asked for it and the
start says so in its words (``help_starts``: "tweede mediationtraject gestart"): a new track is
new help.  Help for one person's own need (lexicon ``own_need``: one family member alone, "voor
zichzelf", "haar eigen angstklachten") is not an offer of the case, even when a conference
pointed to it: the flag is read aloud, and a parent's own treatment is theirs.

Deliberately not flagged: a helper starting again of their own accord (the same help again is
``unreachable_goal``); help for one person's own need;
help started after a shared analysis (a new run begins); a few helpers one after another; a case
conference that led to no new help.

Settings: ``[analysis.offer_after_offer]`` ``offer_window_days``, ``min_new_offers``,
``min_rounds``; ``[analysis]`` ``helper_roles``.  Lexicon:
``shared_analysis``, ``help_starts``, ``own_need``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...config import AnalysisSettings, OfferSettings
from ...model import Case, Event
from ..findings import Flag, Severity
from ..lexicon import Lexicon, lexicon
from ._common import for_own_need, in_order, merged, unique

_PROBLEMS = ("escalation", "complaint", "report", "contact_break", "case_conference")


@dataclass
class _Run:
    """The help started between two shared analyses: each new helper's start, and the conference or
    problem it followed."""

    starts: list[tuple[str, Event, Event | None]] = field(default_factory=list)

    def helpers(self) -> list[str]:
        """Who started (a helper's id); ``#`` and the id of the conference or decision that set up
        help in its own words without a helper of the case starting it; ``+`` and the id of a
        known helper's new track a conference had just asked for."""
        return [helper for helper, _, _ in self.starts]

    def rounds(self) -> int:
        return sum(1 for _, _, before in self.starts if before is not None)


def _helpers_started(case: Case, event: Event, roles: tuple[str, ...]) -> list[str]:
    """The helpers this event starts: the one giving help (``aanbod``) or the ones a professional
    refers the family to (``aanmelding``)."""
    if event.type == "intervention" and case.actor(event.actor).role in roles:
        return [event.actor]
    if event.type == "referral" and case.actor(event.actor).category == "professional":
        return [a for a in event.with_actors if case.actor(a).role in roles]
    return []


def _is_analysis(event: Event, words: Lexicon) -> bool:
    return event.type == "analysis" or (
        event.type == "case_conference" and words.says(event, "shared_analysis") is not None
    )


def _devises_help(case: Case, event: Event, words: Lexicon) -> bool:
    """A case conference or a professional's decision that, in its own words, sets up new help
    (lexicon ``help_starts``: "besloten: speltherapie erbij", "aanmelden bij")."""
    devising = event.type == "case_conference" or event.is_decision
    return (
        devising
        and case.actor(event.actor).category == "professional"
        and words.says(event, "help_starts") is not None
    )


def _runs(case: Case, config: OfferSettings, roles: tuple[str, ...], words: Lexicon) -> list[_Run]:
    runs = [_Run()]
    seen: set[str] = set()
    problem: Event | None = None
    conference: Event | None = None
    devised: list[Event] = []  # help set up in words, not yet followed by a helper starting
    window = config.offer_window_days

    def close_devised(before: Event | None) -> None:
        if not devised:
            return
        for plan in [
            d for d in devised if before is None or (before.start - d.start).days > window
        ]:
            runs[-1].starts.append((f"#{plan.id}", plan, plan))
            devised.remove(plan)

    def within(before: Event | None, event: Event) -> Event | None:
        return before if before and (event.start - before.start).days <= window else None

    for event in case.events:
        close_devised(event)
        if _is_analysis(event, words):
            close_devised(None)
            runs.append(_Run())
            seen, problem, conference = set(), None, None
            continue
        asked = within(conference, event)
        started = _helpers_started(case, event, roles)
        if started and for_own_need(case, event, words):
            started = []  # a parent's own counselling is no offer of the case
        for helper in started:
            if helper not in seen:
                devised.clear()  # the help set up in words started: one offer, not two
                seen.add(helper)
                runs[-1].starts.append((helper, event, within(problem, event)))
            elif asked is not None and words.says(event, "help_starts") is not None:
                devised.clear()  # a new track of a known helper, asked for by the conference
                runs[-1].starts.append((f"+{event.id}", event, asked))
        if not started and _devises_help(case, event, words):
            devised.append(event)
        if event.type in _PROBLEMS:
            problem = event
        if event.type == "case_conference":
            conference = event
    close_devised(None)
    return [run for run in runs if run.starts]


def offer_after_offer(
    case: Case, graph: Any, measures: Any, settings: AnalysisSettings
) -> list[Flag]:
    config = settings.offer_after_offer
    flags = []
    for run in _runs(case, config, settings.helper_roles, lexicon()):
        helpers = run.helpers()
        if len(helpers) < config.min_new_offers or run.rounds() < config.min_rounds:
            continue
        starts = [e for _, e, _ in run.starts]
        evidence = in_order(case, [*starts, *(b for _, _, b in run.starts if b is not None)])
        severity: Severity = "high" if len(helpers) >= 2 * config.min_new_offers else "medium"
        facts = {
            "offers": len(helpers),
            "helpers": tuple(h for h in helpers if h[0] not in "#+"),
            "devised": tuple(h[1:] for h in helpers if h.startswith("#")),
            "again": tuple(h[1:] for h in helpers if h.startswith("+")),
            "rounds": run.rounds(),
            "first": starts[0].id,
            "last": starts[-1].id,
            "months": max(1, round((starts[-1].start - starts[0].start).days / 30.4)),
            "limit": config.min_new_offers,
            "window": config.offer_window_days,
            "also": tuple(
                name
                for name, mark in (("devised", "#"), ("again", "+"))
                if any(h.startswith(mark) for h in helpers)
            ),
        }
        flags.append(
            Flag(
                "offer_after_offer",
                "new_help_without_analysis",
                evidence,
                unique(h for h in helpers if h[0] not in "#+"),
                severity,
                facts,
            )
        )
    if not flags:
        return []
    widest = max(flags, key=lambda f: int(f.facts["offers"]))  # type: ignore[call-overload]
    return [
        merged(
            case,
            [widest, *(f for f in flags if f is not widest)],
            label=lambda f: str(f.facts["first"]),
            repeats_weigh=False,
        )
    ]
