"""Warnings about a valid case: allowed, but probably worth a second look before the session."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..config import Settings
from ..errors import Problem
from ..model import Case


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
    for before, after in zip(case.events, case.events[1:]):
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
    for actor in case.actors:
        if actor.id not in used:
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
