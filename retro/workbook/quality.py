"""Warnings about a case: allowed, but probably worth a second look before the session.

They are shown together with the errors of a workbook, not only once every error is fixed; so they
are computed from the rows that loaded, and where a row that did not load could change them they
count it too: an actor named in such a row is not unused, and long gaps are not looked for while a
timeline row did not load (its date could fill the gap)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..config import Settings
from ..errors import Problem
from ..model import Case
from ..schema import normalise
from .cells import split_ids

# the columns of rows that name actors: (table key, column keys)
_ACTOR_COLUMNS = (("timeline", ("actor", "with", "sides_with")), ("relations", ("from", "to")))


def _where(tables: Mapping[str, Any], key: str) -> str | None:
    table = tables.get(key)
    return table.name if table else None


def hindsight_pattern(words: Sequence[str]) -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def quality_warnings(case: Case, tables: Mapping[str, Any], settings: Settings) -> list[Problem]:
    """Events with no source, hindsight or blame in descriptions, long gaps, unused actors."""
    sheet = _where(tables, "timeline")
    found: list[Problem] = []
    words = hindsight_pattern(settings.quality.hindsight_words)
    parents = {a.id for a in case.parents}
    for event in case.events:
        if not event.source:
            found.append(
                Problem("no_source", "warning", sheet=sheet, row=event.row, value=event.id)
            )
        if match := words.search(event.description):
            found.append(
                Problem(
                    "hindsight_wording",
                    "warning",
                    sheet=sheet,
                    row=event.row,
                    value=match.group(0),
                    params={"event": event.id},
                )
            )
        if event.sides_with and event.sides_with not in parents:
            found.append(
                Problem(
                    "sides_with_not_parent",
                    "warning",
                    sheet=sheet,
                    row=event.row,
                    value=event.sides_with,
                )
            )
    gap_days = settings.reading.gap_warning_days
    timeline = tables.get("timeline")
    complete = timeline is None or not any(row.errors for row in timeline.rows)
    for before, after in zip(case.events, case.events[1:]) if complete else ():
        days = (after.start - before.end).days
        if days >= gap_days:
            found.append(
                Problem(
                    "long_gap",
                    "warning",
                    sheet=sheet,
                    row=after.row,
                    params={
                        "days": days,
                        "after": before.id,
                        "before": after.id,
                        "start": str(before.date),
                        "end": str(after.date),
                    },
                )
            )
    used = {a for e in case.events for a in e.participants} | {
        a for r in case.relations for a in (r.source, r.target)
    }
    named = _named_in_rows_not_loaded(tables)
    for actor in case.actors:
        if actor.id not in used and normalise(actor.id) not in named:
            found.append(
                Problem(
                    "unused_actor",
                    "warning",
                    sheet=_where(tables, "actors"),
                    row=actor.row,
                    value=actor.id,
                )
            )
    return found


def _named_in_rows_not_loaded(tables: Mapping[str, Any]) -> set[str]:
    """The actor ids (normalised) written in timeline and relation rows that did not load."""
    named = set()
    for key, columns in _ACTOR_COLUMNS:
        table = tables.get(key)
        for row in table.rows if table is not None else ():
            if row.errors:
                named |= {normalise(i) for column in columns for i in split_ids(row.value(column))}
    return named
