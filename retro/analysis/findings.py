"""What the analysis finds: flags and network measures, as ids and numbers, no prose.

The sentences (title, explanation, reflection question) come from the ``flags`` message catalogue,
keyed by ``kind`` and ``rule`` and filled with ``facts``."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from .direction import Holding

Severity = Literal["low", "medium", "high"]
SEVERITIES: tuple[Severity, ...] = ("low", "medium", "high")
# weakest 0, strongest 2: sort with ``-SEVERITY_RANK[...]`` to put the strongest first
SEVERITY_RANK: dict[str, int] = {severity: rank for rank, severity in enumerate(SEVERITIES)}


@dataclass(frozen=True, slots=True)
class Flag:
    """One pattern found in a case: a prompt for reflection, never a verdict.

    ``rule`` names the rule of the detector that fired (``after_escalation``, ``reversed``...),
    ``facts`` the numbers and ids the explanation cites."""

    kind: str  # the name of the detector that found it (``retro.analysis.detectors.FLAG_KINDS``)
    rule: str
    events: tuple[str, ...]
    actors: tuple[str, ...]
    severity: Severity = "medium"
    # ``facts["also"]``: names of extra sentences
    facts: Mapping[str, object] = field(default_factory=dict)
    # sheet row numbers of the ``Relaties`` rows the flag rests on
    relations: tuple[int, ...] = ()
    # what tells this flag apart from the other flags of its kind in a case (an actor, a rule): the
    # base of its stable ``id``; empty means its rule
    key: tuple[str, ...] = ()
    # stable id (``AHD-K3QF``): the same when the workbook is read again and ``key`` is the same;
    # given by :func:`retro.analysis.analyse`
    id: str = ""

    @property
    def also(self) -> tuple[str, ...]:
        """Names of the extra sentences of the explanation (``facts["also"]``): the other signals
        that fired."""
        names = self.facts.get("also", ())
        return tuple(names) if isinstance(names, (list, tuple)) else ()

    def __post_init__(self) -> None:
        if not self.events and not self.relations:
            raise ValueError("a flag needs evidence: events or rows of the Relaties sheet")


def flag_id(kind: str, key: Sequence[str]) -> str:
    """The stable id of a flag: the initials of its kind and four characters of a hash of its kind
    and key (``ad_hoc_decision`` of ``JB`` -> ``AHD-`` and four letters or digits)."""
    prefix = "".join(word[0] for word in kind.split("_")).upper()
    digest = hashlib.sha256("\x1f".join((kind, *key)).encode("utf-8")).digest()
    return f"{prefix}-{base64.b32encode(digest).decode('ascii')[:4]}"


@dataclass(frozen=True, slots=True)
class ActorMeasure:
    """Network measures of one actor."""

    id: str
    role: str
    category: str
    degree: int  # number of other actors this actor shared an event or relation with
    betweenness: float  # normalised betweenness in the co-presence graph
    events: int  # events the actor took part in
    first: date | None
    last: date | None
    # other professionals this actor met (see ``Measures.never_met`` for what counts as meeting)
    professionals_met: int = 0
    professionals_alongside: int = (
        0  # other professionals whose active period overlapped this actor's
    )
    periods: int = (
        0  # periods (see ``Measures.involved_over_time``) in which this actor took part in an event
    )


@dataclass(frozen=True, slots=True)
class Measures:
    """Network measures a facilitator can read."""

    actors: tuple[ActorMeasure, ...]
    # the helper (``helper_roles``) with the highest betweenness times presence (periods involved)
    pivot: str | None
    # Pairs of busy professionals (``min_events``) of different organisations, involved at the same
    # time for at least ``min_overlap_days``, for whom the timeline shows no meeting (as
    # :mod:`retro.analysis.meetings` defines it) while both were involved, between the two or
    # between one of them and a colleague (same organisation) of the other.  The one definition of
    # "met": the report, ``retro analyse`` and the ``never_met`` detector all read it here.
    never_met: tuple[tuple[str, str], ...]
    # such pairs that met at exactly one event: (a, b, that event)
    met_once: tuple[tuple[str, str, str], ...]
    handovers: int
    # (professional, the only parent they met)
    one_parent_only: tuple[tuple[str, str], ...]
    # (month start, most professionals involved on one day of it)
    helpers_over_time: tuple[tuple[date, int], ...]
    max_helpers: int
    # (month start, most helpers involved on one day of it: ``helper_roles`` only)
    care_over_time: tuple[tuple[date, int], ...] = ()
    max_care: int = 0
    # (period start, professionals with an event in it)
    involved_over_time: tuple[tuple[date, tuple[str, ...]], ...] = ()
    # share of the periods with professionals involved in which the pivot was involved
    pivot_presence: float = 0.0
    # who held case direction, from when to when and why (:mod:`retro.analysis.direction`)
    direction: tuple[Holding, ...] = ()
    # ids of the handover events
    handover_events: tuple[str, ...] = ()
