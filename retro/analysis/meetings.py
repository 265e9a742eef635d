"""Who met whom: the one definition of a meeting, for the network, its measures and every detector.

Two people met at an event when both were present and the event is one where people sit
together: its type is one of ``[analysis] meeting_types`` (a conversation, a case conference,
a child interview, a shared analysis), or it is a handover described as a meeting (a warm
handover, a handover conversation: the lexicon family ``meeting_words``).  A letter, an e-mail,
a referral, a report, a complaint or a copy of someone's report is contact, not a meeting.

Within a meeting, a description that says the others were spoken to each separately (family
``separately``) narrows who met: the one who acts met each of the others, who did not meet each
other; a conversation or handover that happened by phone, mail or letter (family ``remote``) is
no meeting (in a case conference or an analysis such words are about who sent something instead
of coming).
"""

from __future__ import annotations

from collections.abc import Collection
from itertools import combinations

from ..model import Event
from .lexicon import Lexicon


def is_meeting(event: Event, meeting_types: Collection[str], words: Lexicon) -> bool:
    """Whether the event is one where people sit together (see the module)."""
    if event.type in meeting_types:
        return True
    return event.type == "handover" and words.says(event, "meeting_words") is not None


def meeting_pairs(
    event: Event, meeting_types: Collection[str], words: Lexicon
) -> list[tuple[str, str]]:
    """The pairs (sorted ids) who met at this event: none for contact that is no meeting."""
    if not is_meeting(event, meeting_types, words):
        return []
    if event.type in ("meeting", "handover") and words.says(event, "remote"):
        return []
    if words.says(event, "separately"):
        return [_pair(event.actor, other) for other in event.with_actors]
    return list(combinations(sorted(event.participants), 2))


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)
