"""The two sheets filled in around the session: ``Beoordeling`` (verdicts on retro's flags and the
facilitator's own patterns) and ``Acties`` (what the session agreed to do).

Here only what a row says on its own is checked: the verdict, the stage and the status come from
their lists (an unknown one gets the closest suggestion), dates are dates, ids are unique, an action
points to lessons that exist, and an adjusted verdict says what the flag should say.  Which flag a
review row belongs to, and whether the pattern and events of an own row exist, is checked against
the analysis (:mod:`retro.review.verdicts`): a row for a flag that no longer fires keeps the event
ids it was written with, and must not make the workbook invalid."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Action, Actor, Lesson, ReviewRow
from ..schema import normalise
from .cells import Checker, Table, optional, split_ids, unique_ids


def review_rows(table: Table | None, check: Checker) -> list[ReviewRow]:
    """Every row of the ``Beoordeling`` sheet without an error, in sheet order."""
    if table is None:
        return []
    unique_ids(table.rows, table, check, "id")
    rows = []
    for row in table.rows:
        verdict = check.vocabulary(table, row, "verdict") or "open"
        stage = check.vocabulary(table, row, "stage")
        note = optional(row, "note")
        if verdict == "adjusted" and not note:
            check.report("adjusted_without_note", table, row, "note", severity="warning")
        if row.errors == 0:
            rows.append(
                ReviewRow(
                    id=optional(row, "id"),
                    pattern=optional(row, "pattern"),
                    events=tuple(split_ids(row.value("events"))),
                    summary=optional(row, "summary"),
                    verdict=verdict,
                    note=note,
                    stage=stage,
                    row=row.number,
                )
            )
    return rows


def _lesson_refs(table: Table, row, check: Checker, lessons: dict[str, str]) -> tuple[str, ...]:
    found = []
    for part in split_ids(row.value("lesson")):
        known = lessons.get(normalise(part))
        if known is None:
            check.report(
                "unknown_lesson",
                table,
                row,
                "lesson",
                part,
                known=", ".join(lessons.values()) or "-",
            )
        else:
            found.append(known)
    return tuple(dict.fromkeys(found))


def _owner_named(owner: str | None, actors: Iterable[Actor]) -> Actor | None:
    """The actor whose real name the owner is, if it is one (an owner is a role, not a person)."""
    if not owner:
        return None
    return next((a for a in actors if a.name and normalise(a.name) == normalise(owner)), None)


def action_rows(
    table: Table | None, check: Checker, lessons: Iterable[Lesson], actors: Iterable[Actor]
) -> list[Action]:
    """Every row of the ``Acties`` sheet without an error, in sheet order."""
    if table is None:
        return []
    unique_ids(table.rows, table, check, "id")
    lesson_ids = {normalise(lesson.id): lesson.id for lesson in lessons}
    actors = tuple(actors)
    found = []
    for row in table.rows:
        text = check.required_text(table, row, "action")
        due = check.date(table, row, "due")
        status = check.vocabulary(table, row, "status") or "open"
        linked = _lesson_refs(table, row, check, lesson_ids)
        owner = optional(row, "owner")
        named = _owner_named(owner, actors)
        if named is not None:
            # the sentence names the actor by id: the report that shows it holds no names
            check.report("owner_is_name", table, row, "owner", severity="warning", actor=named.id)
        if row.errors == 0 and text:
            found.append(
                Action(
                    id=optional(row, "id") or f"A{row.number}",
                    text=text,
                    owner=owner,
                    due=due,
                    lessons=linked,
                    status=status,
                    row=row.number,
                )
            )
    return found
