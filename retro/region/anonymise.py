"""From a case and its analysis to an anonymous case record: only what may leave the case.

The record is built so that it cannot hold a name: its fields are numbers, a case code that is a
number, pattern counts in the fixed order of :data:`retro.analysis.FLAG_KINDS`, what people judged
of each kind as counts (:class:`PatternReview`), lessons as
:class:`~retro.region.scrub.ScrubbedText`, which only the scrubber makes, and actions as a status
key and the number of the lesson they follow from (:class:`AnonymousAction`: never their text or
owner).  Dates become months since
the first event; only the year of that event is kept (and the regional export shows it only when
enough cases share it).

The case code is a keyed hash (HMAC-SHA256, key ``[region] code_key``) of the workbook's bytes:
stable for the same file and unrelated to its name.  Whoever has the key and the workbook can
compute it; nobody can without the key.  retro's default key is public, so a region should set its
own (the overview says so while the default is in use)."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from ..analysis import FLAG_KINDS, Flag
from ..analysis.result import Analysis
from ..analysis.timeseries import compulsory_move, court_moments
from ..config import Settings, defaults
from ..model import Case
from ..review import Review, checked_review
from ..schema import VOCABULARIES
from .scrub import ScrubbedText, Scrubber, first_pass
from .scrub_rules import Identifiers, Parts, known_identifiers

_CODE_BITS = 40


def _check_counts(owner: str, **values: object) -> None:
    for name, value in values.items():
        if value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise TypeError(
                f"{owner}.{name} must be a count (a non-negative int), not {type(value).__name__}"
            )


@dataclass(frozen=True, slots=True)
class CaseCode:
    """A pseudonymous case code: a number, written as two groups of four letters and digits
    (``K7QA-M3XD``)."""

    value: int

    def __post_init__(self) -> None:
        _check_counts("CaseCode", value=self.value)

    def __lt__(self, other: CaseCode) -> bool:  # in the order people read them
        return str(self) < str(other)

    def __str__(self) -> str:
        text = base64.b32encode(self.value.to_bytes(_CODE_BITS // 8, "big")).decode("ascii")
        return f"{text[:4]}-{text[4:8]}"


def _code(mac: hmac.HMAC) -> CaseCode:
    return CaseCode(int.from_bytes(mac.digest()[: _CODE_BITS // 8], "big"))


def case_code(content: bytes, key: str) -> CaseCode:
    """The code of a workbook: a keyed hash of its bytes."""
    return _code(hmac.new(key.encode("utf-8"), content, hashlib.sha256))


def file_code(path: Path, key: str) -> CaseCode:
    """:func:`case_code` of a file's bytes, read in blocks (never the whole file in memory).  Raises
    OSError."""
    mac = hmac.new(key.encode("utf-8"), digestmod=hashlib.sha256)
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            mac.update(block)
    return _code(mac)


@dataclass(frozen=True, slots=True)
class CaseMeasures:
    """What can be counted in a case, in months since its first event."""

    events: int
    months: int  # from the first event to the end of the last
    professionals: int
    max_professionals: int  # most professionals active at once
    handovers: int
    court_moments: int
    months_to_first_court: int | None
    compulsory_move_month: int | None  # the move from the voluntary to the compulsory framework
    professionals_by_month: tuple[int, ...]  # professionals active in month 0, 1, 2, ...

    def __post_init__(self) -> None:
        _check_counts(
            "CaseMeasures",
            events=self.events,
            months=self.months,
            professionals=self.professionals,
            max_professionals=self.max_professionals,
            handovers=self.handovers,
            court_moments=self.court_moments,
            months_to_first_court=self.months_to_first_court,
            compulsory_move_month=self.compulsory_move_month,
        )
        _check_counts(
            "CaseMeasures", **{f"month_{i}": n for i, n in enumerate(self.professionals_by_month)}
        )


@dataclass(frozen=True, slots=True)
class AnonymousLesson:
    text: ScrubbedText
    theme: ScrubbedText | None
    audience: ScrubbedText | None

    def __post_init__(self) -> None:
        for value in (self.text, self.theme, self.audience):
            if value is not None and not isinstance(value, ScrubbedText):
                raise TypeError("lesson texts must be ScrubbedText")


@dataclass(frozen=True, slots=True)
class PatternReview:
    """What people judged of one kind of pattern in a case, as counts: retro's flags of that kind
    they confirmed, adjusted or rejected, and patterns of that kind they added themselves (the
    flags left open are the kind's count minus the judged ones)."""

    confirmed: int = 0
    adjusted: int = 0
    rejected: int = 0
    own: int = 0

    def __post_init__(self) -> None:
        _check_counts(
            "PatternReview",
            confirmed=self.confirmed,
            adjusted=self.adjusted,
            rejected=self.rejected,
            own=self.own,
        )

    @property
    def judged(self) -> int:
        """retro's flags of this kind that people judged."""
        return self.confirmed + self.adjusted + self.rejected

    @property
    def recognised(self) -> bool:
        """People confirmed the pattern: a flag confirmed or adjusted, or an own pattern."""
        return bool(self.confirmed + self.adjusted + self.own)


ACTION_STATUSES: tuple[str, ...] = tuple(t.key for t in VOCABULARIES["action_status"])


@dataclass(frozen=True, slots=True)
class AnonymousAction:
    """An action of the session as it may leave the case: its status (a key of the vocabulary) and
    the position of the lesson it follows from in the record's lessons (its theme is that lesson's
    scrubbed theme); never its text or owner."""

    status: str
    lesson: int | None = None

    def __post_init__(self) -> None:
        if self.status not in ACTION_STATUSES:
            raise ValueError(f"an action's status is one of {', '.join(ACTION_STATUSES)}")
        _check_counts("AnonymousAction", lesson=self.lesson)


@dataclass(frozen=True, slots=True)
class AnonymousCase:
    """One case as it may leave the case: a code, the start year, measures, pattern counts, what
    people judged of them, scrubbed lessons, actions as statuses."""

    code: CaseCode
    start_year: int
    measures: CaseMeasures
    patterns: tuple[int, ...]  # number of flags of each kind, in the order of FLAG_KINDS
    lessons: tuple[AnonymousLesson, ...] = ()
    reviews: tuple[PatternReview, ...] = ()  # one per kind in FLAG_KINDS order; () when unjudged
    actions: tuple[AnonymousAction, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.code, CaseCode) or not isinstance(self.measures, CaseMeasures):
            raise TypeError("AnonymousCase needs a CaseCode and CaseMeasures")
        if len(self.patterns) != len(FLAG_KINDS) or len(self.reviews) not in (0, len(FLAG_KINDS)):
            raise ValueError("one pattern count (and review, if any) per flag kind")
        _check_counts(
            "AnonymousCase",
            start_year=self.start_year,
            **{kind: n for kind, n in zip(FLAG_KINDS, self.patterns)},
        )
        if not all(isinstance(lesson, AnonymousLesson) for lesson in self.lessons):
            raise TypeError("lessons must be AnonymousLesson")
        if not all(isinstance(r, PatternReview) for r in self.reviews):
            raise TypeError("reviews must be PatternReview")
        if not all(isinstance(a, AnonymousAction) for a in self.actions):
            raise TypeError("actions must be AnonymousAction")
        for review, flags in zip(self.reviews, self.patterns):
            if review.judged > flags:
                raise ValueError("more judged flags than flags of a kind")

    def review(self, index: int) -> PatternReview:
        """What people judged of the kind ``FLAG_KINDS[index]`` (nothing, when unjudged)."""
        return self.reviews[index] if self.reviews else PatternReview()

    @property
    def reviewed(self) -> bool:
        """Whether people judged anything in this case: a verdict or a pattern of their own."""
        return any(r.judged or r.own for r in self.reviews)

    def __repr__(self) -> str:
        events, lessons = self.measures.events, len(self.lessons)
        return f"<AnonymousCase {self.code}: {events} events, {lessons} lessons>"


@dataclass(frozen=True, slots=True)
class DraftLesson:
    """A lesson after the first layer of scrubbing (done where the case is); not part of any
    record."""

    text: Parts
    theme: Parts | None
    audience: Parts | None


def months_between(start: date, day: date) -> int:
    """Whole calendar months from ``start`` to ``day`` (March to May is 2)."""
    return max(0, (day.year - start.year) * 12 + day.month - start.month)


def case_measures(analysis: Analysis) -> CaseMeasures:
    case, measures = (
        analysis.history,
        analysis.measures,
    )  # the session itself is no part of the case's course
    start, end = case.start or date.min, case.end or date.min
    court = [e.start for e in court_moments(case)]
    move_event = compulsory_move(case)
    move = move_event.start if move_event else None
    return CaseMeasures(
        events=len(case.events),
        months=months_between(start, end),
        professionals=len(case.actors_in("professional")),
        max_professionals=measures.max_helpers,
        handovers=measures.handovers,
        court_moments=len(court),
        months_to_first_court=months_between(start, min(court)) if court else None,
        compulsory_move_month=months_between(start, move) if move else None,
        professionals_by_month=_by_relative_month(start, measures.helpers_over_time),
    )


def _by_relative_month(start: date, series: Iterable[tuple[date, int]]) -> tuple[int, ...]:
    """A series by calendar month as a tuple indexed by months since ``start`` (months missing count
    0)."""
    values = {months_between(start, month): n for month, n in series}
    return tuple(values.get(i, 0) for i in range(max(values, default=-1) + 1))


def pattern_counts(flags: Iterable[Flag]) -> tuple[int, ...]:
    kinds = [flag.kind for flag in flags]
    return tuple(kinds.count(kind) for kind in FLAG_KINDS)


def pattern_reviews(review: Review) -> tuple[PatternReview, ...]:
    """What people judged of each kind, in the order of FLAG_KINDS; () when nothing is judged."""
    if not review.judged:
        return ()
    by_kind = {a.kind: a for a in review.agreement()}
    return tuple(
        PatternReview(a.confirmed, a.adjusted, a.rejected, a.own)
        for a in (by_kind[kind] for kind in FLAG_KINDS)
    )


def anonymous_actions(case: Case) -> tuple[AnonymousAction, ...]:
    """Each action's status and the position of its lesson (the first it names that has a theme,
    else the first) among the lessons that go into the record."""
    kept = [lesson for lesson in case.lessons if lesson.text.strip()]  # as draft_lessons keeps them
    position = {lesson.id: i for i, lesson in enumerate(kept)}
    found = []
    for action in case.actions:
        named = [position[i] for i in action.lessons if i in position]
        themed = [i for i in named if kept[i].theme]
        first = (themed or named)[:1]
        found.append(AnonymousAction(action.status, first[0] if first else None))
    return tuple(found)


def draft_lessons(case: Case, identifiers: Identifiers) -> tuple[DraftLesson, ...]:
    def draft(text: str | None) -> Parts | None:
        return first_pass(text, identifiers) if text and text.strip() else None

    return tuple(
        DraftLesson(
            first_pass(lesson.text, identifiers), draft(lesson.theme), draft(lesson.audience)
        )
        for lesson in case.lessons
        if lesson.text.strip()
    )


def finish_lessons(
    drafts: Iterable[DraftLesson], scrubber: Scrubber
) -> tuple[AnonymousLesson, ...]:
    """The last layers of scrubbing (deduce), where deduce is loaded."""

    def finish(parts: Parts | None) -> ScrubbedText | None:
        return scrubber.finish(parts) if parts is not None else None

    return tuple(
        AnonymousLesson(scrubber.finish(d.text), finish(d.theme), finish(d.audience))
        for d in drafts
    )


def draft_case(
    analysis: Analysis, code: CaseCode, keep_words: Iterable[str], file_stem: str = ""
) -> tuple[AnonymousCase, tuple[DraftLesson, ...]]:
    """The record without lessons, and the lessons after the first layer of scrubbing.  Raises
    :class:`~retro.errors.InvalidCaseError` when the Beoordeling sheet does not match the flags
    (the case is then skipped as invalid, as ``retro report`` would refuse it)."""
    case = analysis.case
    start_year = case.start.year if case.start else 0
    record = AnonymousCase(
        code,
        start_year,
        case_measures(analysis),
        pattern_counts(analysis.flags),
        reviews=pattern_reviews(checked_review(analysis)),
        actions=anonymous_actions(case),
    )
    return record, draft_lessons(case, known_identifiers(case, keep_words, file_stem))


def with_lessons(
    record: AnonymousCase, drafts: Iterable[DraftLesson], scrubber: Scrubber
) -> AnonymousCase:
    """The record with its draft lessons finished by the scrubber (deduce is loaded only if there is
    one)."""
    drafts = tuple(drafts)
    return replace(record, lessons=finish_lessons(drafts, scrubber)) if drafts else record


def anonymous_case(
    analysis: Analysis,
    content: bytes,
    *,
    file_stem: str = "",
    config: Settings | None = None,
    scrubber: Scrubber | None = None,
) -> AnonymousCase:
    """The anonymous record of one analysed case, in one process; ``content`` is the workbook's
    bytes (for its code).  :func:`retro.region.export_region` makes the same record in two steps
    across processes."""
    settings = (config or defaults()).region
    record, drafts = draft_case(
        analysis, case_code(content, settings.code_key), settings.keep_words, file_stem
    )
    return with_lessons(record, drafts, scrubber or Scrubber(settings.keep_words))
