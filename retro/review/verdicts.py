"""People's verdicts on retro's flags, matched against the analysis: :func:`review_of`.

The ``Beoordeling`` sheet (``case.review``) is matched to the flags by their stable id
(:attr:`retro.analysis.Flag.id`).  A row is one of three things:

* the row of a flag retro finds now (its id is a flag's id): the flag with its verdict;
* the row of a flag retro no longer finds (its id has the shape of a flag id of a known kind, but no
  flag has it now): *gone*, kept with everything people wrote in it, never counted;
* any other row (no id, or an id of the facilitator's own): a pattern the facilitator saw and retro
  did not.  It needs a pattern (one of retro's kinds, by its name in either language) and events of
  the timeline; what is missing or unknown is an error with its row.

Only what people judged counts as agreement: ``confirmed`` and ``adjusted`` flags and own patterns
(unless the group rejected them) are *confirmed patterns*; ``open`` flags are retro's
suggestions."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..analysis import FLAG_KINDS, Analysis, Flag
from ..analysis.findings import flag_id
from ..errors import InvalidCaseError, Problem
from ..messages import LANGUAGES, Messages
from ..model import Case, ReviewRow
from ..schema import SHEETS_BY_KEY, normalise

CONFIRMING = ("confirmed", "adjusted")  # verdicts that confirm a flag
_FLAG_ID = re.compile(r"(?P<prefix>[A-Z]+)-[A-Z2-7]{4}(-\d+)?")


@dataclass(frozen=True, slots=True)
class JudgedFlag:
    """A flag of the analysis with what people said about it (``open`` when nothing yet)."""

    flag: Flag
    verdict: str = "open"
    note: str | None = None
    stage: str | None = None
    row: int | None = None  # its row in the Beoordeling sheet, None when it has none yet

    @property
    def confirmed(self) -> bool:
        return self.verdict in CONFIRMING


@dataclass(frozen=True, slots=True)
class OwnPattern:
    """A pattern the facilitator saw and retro did not: a kind of retro's, events, a note."""

    kind: str
    events: tuple[str, ...]
    note: str | None
    verdict: str
    stage: str | None
    row: int | None
    id: str | None = None

    @property
    def confirmed(self) -> bool:
        """An own pattern counts as confirmed unless the group rejected it."""
        return self.verdict != "rejected"


@dataclass(frozen=True, slots=True)
class Agreement:
    """For one kind of pattern: how many of retro's flags people confirmed, adjusted, rejected or
    left open, and how many patterns of that kind they added themselves."""

    kind: str
    confirmed: int = 0
    adjusted: int = 0
    rejected: int = 0
    open: int = 0
    own: int = 0

    @property
    def any(self) -> bool:
        return bool(self.confirmed + self.adjusted + self.rejected + self.open + self.own)


@dataclass(frozen=True)
class Review:
    """The verdicts of one case, matched to its analysis.  ``problems`` hold what could not be
    matched (with sheet, row and column); errors among them make the case invalid."""

    flags: tuple[JudgedFlag, ...]  # every flag of the analysis, in its order
    own: tuple[OwnPattern, ...]
    gone: tuple[ReviewRow, ...]  # rows of flags retro no longer finds
    problems: tuple[Problem, ...] = ()

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def judged(self) -> bool:
        """Whether people judged anything yet: a verdict on a flag, or a pattern of their own."""
        return bool(self.own) or any(j.verdict != "open" for j in self.flags)

    def agreement(self) -> tuple[Agreement, ...]:
        """One :class:`Agreement` per kind, in the order of ``FLAG_KINDS``."""
        counts: dict[str, dict[str, int]] = {kind: {} for kind in FLAG_KINDS}
        for judged in self.flags:
            tally = counts.setdefault(judged.flag.kind, {})
            tally[judged.verdict] = tally.get(judged.verdict, 0) + 1
        for own in self.own:
            if own.confirmed:
                tally = counts.setdefault(own.kind, {})
                tally["own"] = tally.get("own", 0) + 1
        return tuple(Agreement(kind, **tally) for kind, tally in counts.items())

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON values (``retro analyse --format json`` holds them under ``review``)."""
        return {
            "judged": self.judged,
            "flags": [
                {
                    "id": j.flag.id,
                    "kind": j.flag.kind,
                    "verdict": j.verdict,
                    "note": j.note,
                    "stage": j.stage,
                    "row": j.row,
                }
                for j in self.flags
            ],
            "own": [
                {
                    "id": o.id,
                    "kind": o.kind,
                    "events": list(o.events),
                    "verdict": o.verdict,
                    "note": o.note,
                    "stage": o.stage,
                    "row": o.row,
                }
                for o in self.own
            ],
            "gone": [
                {
                    "id": g.id,
                    "pattern": g.pattern,
                    "events": list(g.events),
                    "verdict": g.verdict,
                    "note": g.note,
                    "stage": g.stage,
                    "row": g.row,
                }
                for g in self.gone
            ],
            "agreement": {
                a.kind: {
                    "confirmed": a.confirmed,
                    "adjusted": a.adjusted,
                    "rejected": a.rejected,
                    "open": a.open,
                    "own": a.own,
                }
                for a in self.agreement()
            },
        }

    def __repr__(self) -> str:
        judged = sum(j.verdict != "open" for j in self.flags)
        return f"<Review: {judged} of {len(self.flags)} flags judged, {len(self.own)} own>"


@cache
def _prefixes() -> frozenset[str]:
    """The first part of the flag ids of every kind (``AHD`` for ``ad_hoc_decision``)."""
    return frozenset(flag_id(kind, ()).split("-")[0] for kind in FLAG_KINDS)


def is_flag_id(text: str) -> bool:
    """Whether ``text`` has the shape of a flag id of one of retro's kinds (``AHD-K3QF``)."""
    match = _FLAG_ID.fullmatch(text.strip().upper())
    return match is not None and match["prefix"] in _prefixes()


@cache
def _kinds_by_name() -> dict[str, str]:
    """Every name a pattern goes by (kind, Dutch and English title), folded -> its kind."""
    names = {}
    for lang in LANGUAGES:
        msg = Messages(lang)
        names.update({normalise(msg(f"flags.{kind}.title")): kind for kind in FLAG_KINDS})
    names.update({normalise(kind): kind for kind in FLAG_KINDS})
    return names


def pattern_kind(text: str) -> str | None:
    """The kind a pattern name stands for: ``'Besluit vanuit nood'`` or ``'ad_hoc_decision'`` ->
    ``'ad_hoc_decision'``; None when it is none."""
    return _kinds_by_name().get(normalise(text))


def pattern_names(lang: str) -> list[str]:
    """The display names of every kind, in ``FLAG_KINDS`` order."""
    msg = Messages(lang)
    return [msg(f"flags.{kind}.title") for kind in FLAG_KINDS]


class _Matcher:
    """Collects the problems of the own rows of one case (a sentence per problem comes later)."""

    def __init__(self, case: Case) -> None:
        self.case = case
        self.sheet = case.sheet_names.get("review")
        self.lang = "en" if normalise(self.sheet or "") == normalise("Review") else "nl"
        self.events = {normalise(e.id): e.id for e in case.events}
        self.problems: list[Problem] = []

    def problem(self, code: str, row: ReviewRow, key: str, **params: Any) -> None:
        severity = params.pop("severity", "error")
        column = SHEETS_BY_KEY["review"].column(key).name(self.lang)
        value = params.pop("value", None)
        self.problems.append(Problem(code, severity, self.sheet, row.row, column, value, params))

    def own(self, row: ReviewRow) -> OwnPattern | None:
        """The own pattern of a row, or None after reporting why it is none."""
        if not row.pattern or not row.events:
            self.problem("own_pattern_incomplete", row, "pattern" if not row.pattern else "events")
            return None
        kind = pattern_kind(row.pattern)
        if kind is None:
            names = pattern_names(self.lang)
            close = difflib.get_close_matches(row.pattern, names, n=1, cutoff=0.4)
            self.problem(
                "unknown_pattern",
                row,
                "pattern",
                value=row.pattern,
                suggestion=close[0] if close else "",
                allowed=", ".join(names),
            )
        events = []
        for ident in row.events:
            found = self.events.get(normalise(ident))
            if found is None:
                close = difflib.get_close_matches(
                    ident, list(self.events.values()), n=1, cutoff=0.5
                )
                self.problem(
                    "unknown_event",
                    row,
                    "events",
                    value=ident,
                    suggestion=close[0] if close else "",
                )
            events.append(found)
        if kind is None or None in events:
            return None
        own_events = tuple(dict.fromkeys(e for e in events if e))
        return OwnPattern(kind, own_events, row.note, row.verdict, row.stage, row.row, row.id)


def _verdicts_by_id(rows: Iterable[ReviewRow]) -> Mapping[str, ReviewRow]:
    return {normalise(row.id): row for row in rows if row.id}


def review_of(analysis: Analysis) -> Review:
    """The verdicts of the analysed case, matched to its flags (see the module)."""
    case = analysis.case
    by_id = _verdicts_by_id(case.review)
    flags = tuple(
        JudgedFlag(f, r.verdict, r.note, r.stage, r.row)
        if (r := by_id.get(normalise(f.id)))
        else JudgedFlag(f)
        for f in analysis.flags
    )
    current = {normalise(f.id) for f in analysis.flags}
    matcher, own, gone = _Matcher(case), [], []
    for row in case.review:
        if row.id and normalise(row.id) in current:
            continue
        if row.id and is_flag_id(row.id):
            gone.append(row)
            if row.written_by_people:
                matcher.problem("flag_gone", row, "id", value=row.id, severity="warning")
        elif (pattern := matcher.own(row)) is not None:
            own.append(pattern)
    return Review(flags, tuple(own), tuple(gone), tuple(matcher.problems))


def checked_review(analysis: Analysis) -> Review:
    """:func:`review_of`, raising :class:`~retro.errors.InvalidCaseError` (with the case's warnings)
    when a row could not be matched: what the command line uses before it shows or writes
    anything."""
    review = review_of(analysis)
    if review.errors:
        raise InvalidCaseError(analysis.case.warnings + review.problems, analysis.case.rows_read)
    return review
