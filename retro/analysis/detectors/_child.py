"""The evidence behind ``child_in_the_middle`` (see its docstring): the child's voice before
decisions, the child refusing or kept from a parent, choosing, loyalty, carrying messages,
interviews, and help for the child for what is the parents' fight."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict

from ...config import ChildSettings
from ...model import Case, Event
from ..lexicon import Lexicon, child_before, names_a_child
from ._common import children_in, parent_side


def names_child(
    case: Case, event: Event, family: str, words: Lexicon, *, opinions: bool = True
) -> bool:
    """A phrase of ``family`` in the description with a child named before it in the sentence (the
    child is what it is about), or in an event the child takes part in; without ``opinions``, not
    a phrase that follows someone's opinion in its sentence (:func:`_as_opinion`)."""
    text = event.description
    for found in words.matches(text, family) if text else ():
        if not opinions and _as_opinion(text, found.start, words):
            continue
        if children_in(case, event) or child_before(text, found.start, case, words):
            return True
    return False


def is_voice(case: Case, event: Event, words: Lexicon) -> bool:
    """The child has its say: a child interview, the child acting, or an event where the child's
    refusal is told (by the child or relayed by a parent)."""
    return (
        (event.type == "child_interview" and bool(children_in(case, event)))
        or case.actor(event.actor).role == "child"
        or names_child(case, event, "refusal", words)
    )


def _contact_break_after(case: Case, breaks: list[int], index: int, window: int) -> Event | None:
    """The first contact break within ``window`` days after event ``index``."""
    for j in breaks[bisect.bisect_right(breaks, index) :]:
        if (case.events[j].start - case.events[index].start).days > window:
            return None
        return case.events[j]
    return None


def _about_the_child(case: Case, decision: Event, stop: Event | None, words: Lexicon) -> bool:
    """A decision about the child: it names a child or speaks of contact or where the child lives
    (lexicon ``contact_arrangement``), or contact stops right after it.  A plan for the parents a
    fortnight after the child was heard does not rest on the child's voice, nor does a decision
    that keeps the course (lexicon ``keeps_course``: "de regeling blijft staan")."""
    if stop is None and words.says(decision, "keeps_course") is not None:
        return False
    return (
        stop is not None
        or names_a_child(decision.description, case, words)
        or words.says(decision, "contact_arrangement") is not None
    )


def decisions_on_voice(
    case: Case, window: int, words: Lexicon
) -> list[tuple[Event | None, Event, Event | None]]:
    """(the child's voice before it, or None when the decision gives the child's wish as its own
    reason; a professional's decision about the child resting on it; the contact break that
    followed).  A shared analysis between the voice and the decision means the decision rests on
    the analysis."""
    found: list[tuple[Event | None, Event, Event | None]] = []
    voice: Event | None = None
    breaks = [i for i, e in enumerate(case.events) if e.type == "contact_break"]
    for i, event in enumerate(case.events):
        if (
            event.is_decision
            and event.basis != "ruling"
            and case.actor(event.actor).category == "professional"
        ):
            recent = voice if voice and (event.start - voice.start).days <= window else None
            stop = _contact_break_after(case, breaks, i, window)
            if names_child(case, event, "refusal", words) or (
                recent and _about_the_child(case, event, stop, words)
            ):
                found.append((recent, event, stop))
                voice = None
        if looks_back(event, words):
            voice = None  # a decision after a shared analysis rests on the analysis
        elif is_voice(case, event, words):
            voice = event
    return found


def refusing_or_kept(case: Case, words: Lexicon) -> list[Event]:
    """Contact moments the child refuses or breaks off, and events in which a parent's side keeps
    the child from the other parent."""
    found = []
    for event in case.events:
        moment = event.type in ("contact", "contact_break")
        refused = moment and (
            (case.actor(event.actor).role == "child" and event.type == "contact_break")
            or names_child(case, event, "refusal", words)
        )
        kept = names_child(case, event, "kept_from_parent", words) or (
            bool(words.says(event, "kept_from_parent")) and bool(children_in(case, event))
        )
        if refused or kept:
            found.append(event)
    return found


def looks_back(event: Event, words: Lexicon) -> bool:
    """An analysis, which tells what happened before ("steeds gevraagd te kiezen"): its words are
    no new moment of what they tell."""
    return event.type == "analysis" or words.says(event, "shared_analysis") is not None


def _as_opinion(text: str, position: int, words: Lexicon) -> bool:
    """Whether the phrase at ``position`` follows someone's opinion or accusation in its sentence
    ("vader vindt dat moeder de kinderen tegen hem opzet")."""
    sentence = re.split(r"[.!?;]", text[:position])[-1]
    return words.find(sentence, "opinion") is not None


def in_words(case: Case, families: tuple[str, ...], words: Lexicon) -> dict[str, list[Event]]:
    """Per family, the events that say, about a child, a phrase of it (choosing, loyalty,
    messages): not an analysis looking back, and not a phrase that is someone's opinion of the
    other parent."""
    told = [e for e in case.events if not looks_back(e, words)]
    return {
        family: [e for e in told if names_child(case, e, family, words, opinions=False)]
        for family in families
    }


def interviews_per_child(case: Case) -> dict[str, list[Event]]:
    per_child: dict[str, list[Event]] = defaultdict(list)
    for event in (e for e in case.events if e.type == "child_interview"):
        for child in children_in(case, event):
            per_child[child].append(event)
    return per_child


def _for_a_child(case: Case, event: Event, words: Lexicon) -> bool:
    """Help for a child: an offer or referral with a child taking part, or naming a child when no
    parent takes part (help with only a parent present is that parent's, even when the parent's
    child is mentioned: "om sterker te staan in het contact met zijn dochter").  Not with both
    parents: that is help for the family."""
    if event.type not in ("intervention", "referral"):
        return False
    parents = [a for a in event.participants if case.actor(a).role == "parent"]
    if children_in(case, event):
        return len({parent_side(case, a) for a in parents}) < 2
    return not parents and names_a_child(event.description, case, words)


def _about_the_fight(event: Event, words: Lexicon) -> bool:
    return bool(
        words.says(event, "about_the_fight", goal=True)
        or words.says(event, "processing", goal=True)
    )


def help_for_the_fight(
    case: Case, config: ChildSettings, words: Lexicon
) -> list[tuple[Event | None, Event]]:
    """(why, help for a child): help whose own words or goal are about the divorce or the fight,
    or devised by a case conference or decision that was, or starting within
    ``therapy_window_days`` after the parents clashed (``clash_types``)."""
    pairs: list[tuple[Event | None, Event]] = []
    clash: Event | None = None
    devised: Event | None = None
    for event in case.events:
        if _for_a_child(case, event, words) and case.actor(event.actor).category == "professional":
            recent_clash = (
                clash
                if clash and (event.start - clash.start).days <= config.therapy_window_days
                else None
            )
            recent_plan = (
                devised
                if devised and (event.start - devised.start).days <= config.therapy_window_days
                else None
            )
            if _about_the_fight(event, words):
                pairs.append((None, event))
            elif recent_plan is not None:
                pairs.append((recent_plan, event))
            elif recent_clash is not None and case.actor(event.actor).role in config.therapy_roles:
                pairs.append((recent_clash, event))
        if event.type in config.clash_types:
            clash = event
        if (event.type == "case_conference" or event.is_decision) and _about_the_fight(
            event, words
        ):
            devised = event
    return pairs
