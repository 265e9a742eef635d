"""Who held case direction (casusregie), from when to when, and why.

An actor holds direction:

* ``role``: by their role (``[analysis] direction_roles``: case director, child protection),
  unless the ``regie`` column of the actor sheet says ``nee``;
* ``column``: the ``regie`` column says ``ja``, whatever the role;
* ``handover``: a handover (``overdracht``) by a holder, or one whose description says the
  direction passes (lexicon family ``passes_direction``), makes the professionals it is addressed
  to holders from that day; the one who handed over stops holding it then;
* ``words``: an event in which a professional, in the timeline's own words, holds or takes
  direction (family ``holds_direction``: "zij houdt de regie") makes them a holder from then.

A holding runs from the holder's first event (or the day they received direction) to their last
event (or the day they handed it over): never before or after.  :func:`holdings` returns every
holding in time order; the report and ``retro analyse`` say who was counted, when and why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..model import Case, Event
from .involvement import Involvement, involvements
from .lexicon import Lexicon


@dataclass(frozen=True, slots=True)
class Holding:
    """One stretch of holding case direction: who, from, to, why (``role``, ``column``,
    ``handover`` or ``words``) and the event that gave it (for a handover or words)."""

    holder: str
    start: date
    end: date
    reason: str
    event: str | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


def _base_holders(case: Case, roles: Sequence[str]) -> dict[str, str]:
    """Holders by role or column, with their reason."""
    found = {}
    for actor in case.actors:
        if actor.direction is True:
            found[actor.id] = "column"
        elif actor.direction is None and actor.role in roles:
            found[actor.id] = "role"
    return found


def _receivers(case: Case, event: Event) -> list[str]:
    return [a for a in event.with_actors if case.actor(a).category == "professional"]


def _handover_gives(case: Case, event: Event, holding: dict[str, Holding], words: Lexicon) -> bool:
    """Whether this handover passes direction: by one holding it, or in the timeline's words."""
    return event.type == "handover" and (
        event.actor in holding or words.says(event, "passes_direction") is not None
    )


def holdings(case: Case, roles: Sequence[str], words: Lexicon) -> tuple[Holding, ...]:
    """Every stretch of holding case direction, in the order they start (see the module)."""
    involved = involvements(case)
    base = _base_holders(case, roles)
    professionals = {a.id for a in case.actors_in("professional")}
    holding: dict[str, Holding] = {}  # open holdings, by holder
    done: list[Holding] = []
    for event, participants in zip(case.events, case.participants_per_event):
        for actor in participants:  # a holder by role or column starts at their first event
            starts = actor in base and actor not in holding and involved[actor].first == event.start
            if starts and not any(h.holder == actor for h in done):
                holding[actor] = Holding(actor, event.start, involved[actor].last, base[actor])
        if _handover_gives(case, event, holding, words):
            giver = holding.pop(event.actor, None)
            if giver is not None:
                done.append(_ended(giver, event.start))
            elif words.says(event, "passes_direction"):  # the words say the giver held it
                done.append(_words_holding(event.actor, involved[event.actor], event, "handover"))
            for receiver in _receivers(case, event):
                holding[receiver] = Holding(
                    receiver, event.start, involved[receiver].last, "handover", event.id
                )
        elif (
            event.actor in professionals
            and event.actor not in holding
            and words.says(event, "holds_direction")
        ):
            holding[event.actor] = Holding(
                event.actor, event.start, involved[event.actor].last, "words", event.id
            )
    done += holding.values()
    return tuple(sorted(done, key=lambda h: (h.start, h.end, h.holder)))


def _ended(holding: Holding, day: date) -> Holding:
    return Holding(
        holding.holder, holding.start, max(holding.start, day), holding.reason, holding.event
    )


def _words_holding(actor: str, involved: Involvement, event: Event, reason: str) -> Holding:
    return Holding(actor, involved.first, event.start, reason, event.id)


def holders_on(holdings: Sequence[Holding], day: date) -> list[str]:
    """Who held direction on ``day``."""
    return list(dict.fromkeys(h.holder for h in holdings if h.covers(day)))
