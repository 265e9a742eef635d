"""The model-building half of validation: checked rows become model objects.

Order matters: actors first (every other sheet refers to them), then learning questions, then the
timeline, relations and lessons.  A row with an error is reported and not loaded; every other row is
loaded."""

from __future__ import annotations

from typing import Any

from ..model import Actor, Case, CaseMeta, Event, Lesson, Question, Relation
from ..schema import normalise, term_key
from .cells import Checker, Table, optional, split_ids, text
from .cells import unique_ids as _ids
from .review_sheets import action_rows, review_rows


def _actors(table: Table | None, check: Checker) -> tuple[list[Actor], dict[str, str]]:
    if table is None:
        return [], {}
    known = _ids(table.rows, table, check, "id")
    actors = []
    for row in table.rows:
        ident = check.required_text(table, row, "id")
        role = check.vocabulary(table, row, "role", required=True)
        framework = check.vocabulary(table, row, "framework")
        side = check.actor_ref(table, row, "side", known)
        direction = check.vocabulary(table, row, "direction")
        if row.errors == 0 and ident and role:
            actors.append(
                Actor(
                    id=ident,
                    role=role,
                    name=optional(row, "name"),
                    organisation=optional(row, "organisation"),
                    framework=framework,
                    side=side,
                    direction=None if direction is None else direction == "yes",
                    row=row.number,
                    extra=row.extra,
                )
            )
    return actors, known


def _questions(table: Table | None, check: Checker) -> tuple[list[Question], dict[str, str]]:
    if table is None:
        return [], {}
    known = _ids(table.rows, table, check, "id")
    questions = []
    for row in table.rows:
        ident = check.required_text(table, row, "id")
        question = check.required_text(table, row, "question")
        minutes = check.minutes(table, row, "minutes")
        if row.errors == 0 and ident and question:
            questions.append(
                Question(
                    id=ident,
                    text=question,
                    asked_by=optional(row, "asked_by"),
                    row=row.number,
                    minutes=minutes,
                )
            )
    return questions, known


def _event(
    table: Table, row, check: Checker, actors: dict[str, str], questions: dict[str, str]
) -> Event | None:
    start = check.date(table, row, "date", required=True)
    end = check.date(table, row, "end_date")
    if start and end and end.end < start.start:
        check.report(
            "end_before_start", table, row, "end_date", row.value("end_date"), start=str(start)
        )
    kind = check.vocabulary(table, row, "type", required=True)
    actor = check.actor_ref(table, row, "actor", actors)
    if row.value("actor") is None:
        check.report("empty_required", table, row, "actor")
    with_actors = [
        check.actor_ref(table, row, "with", actors, raw=part)
        for part in split_ids(row.value("with"))
    ]
    description = check.required_text(table, row, "description")
    decision = check.vocabulary(table, row, "decision")
    basis = check.vocabulary(table, row, "basis")
    sides_with = check.actor_ref(table, row, "sides_with", actors)
    linked = []
    for part in split_ids(row.value("question")):
        found = questions.get(normalise(part))
        if found is None:
            check.report(
                "unknown_question",
                table,
                row,
                "question",
                part,
                known=", ".join(questions.values()) or "-",
            )
        linked.append(found)
    if row.errors or not (start and kind and actor and description):
        return None
    ident = optional(row, "id") or f"R{row.number}"
    return Event(
        id=ident,
        date=start,
        type=kind,
        actor=actor,
        description=description,
        end_date=end,
        with_actors=tuple(dict.fromkeys(a for a in with_actors if a and a != actor)),
        decision=decision == "yes" or kind == "decision",
        basis=basis,
        sides_with=sides_with,
        goal=optional(row, "goal"),
        questions=tuple(q for q in linked if q),
        source=optional(row, "source"),
        row=row.number,
        extra=row.extra,
    )


def _events(
    table: Table | None, check: Checker, actors: dict[str, str], questions: dict[str, str]
) -> list[Event]:
    if table is None:
        return []
    _ids(table.rows, table, check, "id")
    events = [e for row in table.rows if (e := _event(table, row, check, actors, questions))]
    return sorted(events, key=lambda e: (e.start, e.row or 0))


def _relations(table: Table | None, check: Checker, actors: dict[str, str]) -> list[Relation]:
    relations = []
    if table is None:
        return []
    for row in table.rows:
        source = check.actor_ref(table, row, "from", actors)
        target = check.actor_ref(table, row, "to", actors)
        for key in ("from", "to"):
            if row.value(key) is None:
                check.report("empty_required", table, row, key)
        kind = check.vocabulary(table, row, "kind", required=True)
        if row.errors == 0 and source and target and kind:
            relations.append(
                Relation(
                    source=source,
                    target=target,
                    kind=kind,
                    note=optional(row, "note"),
                    row=row.number,
                )
            )
    return relations


def _lessons(table: Table | None, check: Checker) -> list[Lesson]:
    lessons = []
    if table is None:
        return []
    for row in table.rows:
        lesson = check.required_text(table, row, "lesson")
        if row.errors == 0 and lesson:
            lessons.append(
                Lesson(
                    id=optional(row, "id") or f"L{row.number}",
                    text=lesson,
                    theme=optional(row, "theme"),
                    audience=optional(row, "audience"),
                    row=row.number,
                )
            )
    return lessons


def _meta(table: Table | None, check: Checker) -> tuple[CaseMeta, int]:
    values: dict[str, Any] = {}
    extra: dict[str, str] = {}
    loaded = 0
    if table is None:
        return CaseMeta(), 0
    for row in table.rows:
        name = check.required_text(table, row, "field")
        key = term_key("case_field", name) if name else None
        value = row.value("value")
        if key == "session_date" and value is not None:
            value = check.date(table, row, "value")
        elif key == "language" and value is not None and text(value).lower() not in ("nl", "en"):
            check.report("unknown_language_value", table, row, "value", value)
        if row.errors == 0:
            loaded += 1
            if key:
                values[key] = (
                    value if key == "session_date" else (None if value is None else text(value))
                )
            elif name:
                extra[name] = "" if value is None else text(value)
    return CaseMeta(**values, extra=extra), loaded


def build_case(tables: dict[str, Table], check: Checker) -> tuple[Case | None, dict[str, int]]:
    """The case and the number of rows loaded per sheet."""
    meta, meta_loaded = _meta(tables.get("case"), check)
    actors, actor_ids = _actors(tables.get("actors"), check)
    questions, question_ids = _questions(tables.get("questions"), check)
    events = _events(tables.get("timeline"), check, actor_ids, question_ids)
    relations = _relations(tables.get("relations"), check, actor_ids)
    lessons = _lessons(tables.get("lessons"), check)
    review = review_rows(tables.get("review"), check)
    actions = action_rows(tables.get("actions"), check, lessons, actors)
    loaded = {
        "case": meta_loaded,
        "actors": len(actors),
        "questions": len(questions),
        "timeline": len(events),
        "relations": len(relations),
        "lessons": len(lessons),
        "review": len(review),
        "actions": len(actions),
    }
    loaded = {k: v for k, v in loaded.items() if k in tables}
    if "actors" not in tables or "timeline" not in tables:
        return None, loaded
    return Case(
        meta=meta,
        actors=tuple(actors),
        events=tuple(events),
        questions=tuple(questions),
        relations=tuple(relations),
        lessons=tuple(lessons),
        review=tuple(review),
        actions=tuple(actions),
        sheet_names={key: table.name for key, table in tables.items()},
    ), loaded
