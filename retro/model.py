"""The case model: frozen dataclasses, no I/O.

A :class:`Case` is what :func:`retro.load_case` returns and what the analysis, the report and the
regional export read.  Vocabulary values are held by their keys (see :mod:`retro.schema`):
``actor.role == "case_director"``, ``event.type == "case_conference"``, ``event.basis ==
"urgency"``.

Reprs are short and free of personal data (no names, no descriptions), because notebooks get shared.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from .errors import Problem
from .schema import category

if TYPE_CHECKING:
    import pandas as pd

Precision = Literal["day", "month", "year"]


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A date that keeps its precision: a day, a month or a year.

    ``start`` is the first day covered; :attr:`end` the last.  ``PartialDate(date(2023, 3, 1),
    "month")`` is March 2023 and covers 1 to 31 March."""

    start: date
    precision: Precision = "day"

    @property
    def end(self) -> date:
        if self.precision == "day":
            return self.start
        if self.precision == "month":
            last = calendar.monthrange(self.start.year, self.start.month)[1]
            return self.start.replace(day=last)
        return self.start.replace(month=12, day=31)

    def __str__(self) -> str:
        if self.precision == "day":
            return self.start.strftime("%d-%m-%Y")
        if self.precision == "month":
            return self.start.strftime("%m-%Y")
        return str(self.start.year)


@dataclass(frozen=True, slots=True)
class Actor:
    """Someone involved in the case.  ``name`` is personal data and never leaves the case."""

    id: str
    role: str
    name: str | None = None
    organisation: str | None = None
    framework: str | None = None  # "voluntary" | "compulsory"
    side: str | None = None  # id of the parent a family member or lawyer belongs to
    # the ``regie`` column: True held case direction at some time, False never; None: the role
    # decides
    direction: bool | None = None
    row: int | None = None
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def category(self) -> str:
        """``family``, ``professional`` or ``legal``."""
        return category(self.role)

    def __repr__(self) -> str:
        return f"Actor({self.id!r}, role={self.role!r})"


@dataclass(frozen=True, slots=True)
class Event:
    """One row of the timeline."""

    id: str
    date: PartialDate
    type: str
    actor: str
    description: str
    end_date: PartialDate | None = None
    with_actors: tuple[str, ...] = ()
    decision: bool = False
    basis: str | None = None
    sides_with: str | None = None
    goal: str | None = None  # the ``doel`` column: what help, a decision or a plan aims at
    questions: tuple[str, ...] = ()
    source: str | None = None
    row: int | None = None
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def start(self) -> datetime.date:  # ``date`` is the field here
        return self.date.start

    @property
    def end(self) -> datetime.date:
        """Last day the event covers (its end date, or the end of its partial date)."""
        return (self.end_date or self.date).end

    @property
    def participants(self) -> tuple[str, ...]:
        """The acting actor followed by everyone in ``met``/``with``, without repeats."""
        return tuple(dict.fromkeys((self.actor, *self.with_actors)))

    @property
    def is_decision(self) -> bool:
        return self.decision or self.type == "decision"

    def __repr__(self) -> str:
        return f"Event({self.id!r}, {str(self.date)!r}, {self.type!r}, actor={self.actor!r})"


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    text: str
    asked_by: str | None = None
    row: int | None = None
    # minutes the facilitator gives this question in the session's agenda; None: shared by weight
    minutes: int | None = None

    def __repr__(self) -> str:
        return f"Question({self.id!r})"


@dataclass(frozen=True, slots=True)
class Relation:
    source: str
    target: str
    kind: str  # cooperation | conflict | assignment | referral | represents
    note: str | None = None
    row: int | None = None


@dataclass(frozen=True, slots=True)
class Lesson:
    id: str
    text: str
    theme: str | None = None
    audience: str | None = None
    row: int | None = None

    def __repr__(self) -> str:
        return f"Lesson({self.id!r}, theme={self.theme!r})"


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """One row of the ``Beoordeling`` sheet: people's verdict on a flag of retro (``id`` is the
    flag's stable id), or a pattern the facilitator saw and retro did not (an own row).

    ``pattern``, ``events`` and ``summary`` are as written; which flag a row belongs to, and whether
    it is an own row, is decided against the analysis (:func:`retro.review.review_of`)."""

    id: str | None
    pattern: str | None = None
    events: tuple[str, ...] = ()
    summary: str | None = None
    verdict: str = "open"  # open | confirmed | adjusted | rejected
    note: str | None = None
    stage: str | None = None  # preparation | session
    row: int | None = None

    @property
    def written_by_people(self) -> bool:
        """Whether people wrote anything of their own in it: a verdict, a note or a stage."""
        return self.verdict != "open" or bool(self.note) or self.stage is not None

    def __repr__(self) -> str:
        return f"ReviewRow({self.id!r}, verdict={self.verdict!r})"


@dataclass(frozen=True, slots=True)
class Action:
    """One row of the ``Acties`` sheet: what the session agreed to do.  ``owner`` is an
    organisation or role, not a person."""

    id: str
    text: str
    owner: str | None = None
    due: PartialDate | None = None
    lessons: tuple[str, ...] = ()  # ids of the lessons it follows from
    status: str = "open"  # open | in_progress | done
    row: int | None = None

    def __repr__(self) -> str:
        return f"Action({self.id!r}, status={self.status!r})"


@dataclass(frozen=True, slots=True)
class CaseMeta:
    """The ``Casus`` sheet.  ``title`` may name the family: it never leaves the case."""

    title: str | None = None
    region: str | None = None
    municipality: str | None = None
    facilitator: str | None = None
    session_date: PartialDate | None = None
    language: str | None = None
    extra: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class Case:
    """A validated case.  Events are in timeline order (start date, then row)."""

    meta: CaseMeta
    actors: tuple[Actor, ...]
    events: tuple[Event, ...]
    questions: tuple[Question, ...] = ()
    relations: tuple[Relation, ...] = ()
    lessons: tuple[Lesson, ...] = ()
    review: tuple[ReviewRow, ...] = ()  # the ``Beoordeling`` sheet, in sheet order
    actions: tuple[Action, ...] = ()
    rows_read: Mapping[str, int] = field(default_factory=dict)  # non-empty rows per sheet key
    warnings: tuple[Problem, ...] = ()  # validation warnings, for the report appendix
    extra_columns: Mapping[str, tuple[str, ...]] = field(
        default_factory=dict
    )  # unknown headers per sheet key
    sheet_names: Mapping[str, str] = field(default_factory=dict)  # sheet key -> name as written

    @cached_property
    def actors_by_id(self) -> dict[str, Actor]:
        return {a.id: a for a in self.actors}

    @cached_property
    def events_by_id(self) -> dict[str, Event]:
        return {e.id: e for e in self.events}

    @cached_property
    def event_positions(self) -> dict[str, int]:
        """Position of each event id in the timeline, from 0 (also the row of the report's event
        table)."""
        return {e.id: i for i, e in enumerate(self.events)}

    def actor(self, actor_id: str) -> Actor:
        return self.actors_by_id[actor_id]

    def actors_in(self, category_name: str) -> tuple[Actor, ...]:
        """Actors of one category: ``family``, ``professional`` or ``legal``."""
        return tuple(a for a in self.actors if a.category == category_name)

    @property
    def parents(self) -> tuple[Actor, ...]:
        return tuple(a for a in self.actors if a.role == "parent")

    @property
    def start(self) -> date | None:
        return self.events[0].start if self.events else None

    @cached_property
    def end(self) -> date | None:
        """The last day an event covers (worked out once: the analysis asks for it often)."""
        return max(e.end for e in self.events) if self.events else None

    @cached_property
    def participants_per_event(self) -> tuple[tuple[str, ...], ...]:
        """:attr:`Event.participants` of each event, in timeline order, worked out once: the
        analysis goes over every event's participants in a dozen passes."""
        return tuple(e.participants for e in self.events)

    @cached_property
    def timeline(self) -> pd.DataFrame:
        """The timeline as a DataFrame, one row per event, in timeline order."""
        import pandas as pd  # only for those who ask: the command line starts without it

        return pd.DataFrame(
            {
                "id": [e.id for e in self.events],
                "start": pd.to_datetime([e.start for e in self.events]),
                "end": pd.to_datetime([e.end for e in self.events]),
                "precision": [e.date.precision for e in self.events],
                "type": [e.type for e in self.events],
                "actor": [e.actor for e in self.events],
                "with": [", ".join(e.with_actors) for e in self.events],
                "decision": [e.is_decision for e in self.events],
                "basis": [e.basis for e in self.events],
                "sides_with": [e.sides_with for e in self.events],
                "questions": [", ".join(e.questions) for e in self.events],
                "description": [e.description for e in self.events],
                "source": [e.source for e in self.events],
                "row": [e.row for e in self.events],
            }
        )

    def __repr__(self) -> str:
        period = f"{self.start}..{self.end}" if self.events else "empty"
        return f"<Case: {len(self.events)} events, {len(self.actors)} actors, {period}>"
