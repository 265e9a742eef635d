"""Small helpers shared by detectors."""

from __future__ import annotations

import re
from typing import Iterable

from ..model import Case, Event


def holds_direction(case: Case, actor_id: str) -> bool:
    """Case director, or child protection in the compulsory framework."""
    actor = case.actor(actor_id)
    return actor.role == "case_director" or (actor.role == "child_protection" and actor.framework == "compulsory")


def mentions(event: Event, words: Iterable[str]) -> str | None:
    """The first of ``words`` in the event's description, or None."""
    text = event.description.casefold()
    return next((w for w in words if re.search(r"\b" + re.escape(w.casefold()) + r"\b", text)), None)


def is_professional(case: Case, actor_id: str) -> bool:
    return case.actor(actor_id).category == "professional"
