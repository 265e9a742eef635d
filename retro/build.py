"""The model-building half of validation: checked rows become model objects.

Order matters: actors first (every other sheet refers to them), then learning
questions, then the timeline, relations and lessons.  A row with an error is
reported and not loaded; every other row is loaded.
"""

from __future__ import annotations

from typing import Any

from .model import Actor, Case, CaseMeta, Event, Lesson, Question, Relation
from .read import is_filled
from .schema import normalise, term_key
from .validate import _Checker, _Table, optional, split_ids, text


def _ids(rows, table, check, key: str) -> dict[str, str]:
    """Unique ids of a sheet (normalised -> as written); duplicates are reported."""
    seen: dict[str, str] = {}
    for row in rows:
        raw = row.value(key)
        if not is_filled(raw):
            continue
        ident = text(raw)
        if normalise(ident) in seen:
            check.report("duplicate_id", table, row, key, ident)
        else:
            seen[normalise(ident)] = ident
    return seen


def _actors(table: _Table | None, check: _Checker) -> tuple[list[Actor], dict[str, str]]:
    if table is None:
        return [], {}
    known = _ids(table.rows, table, check, "id")
    actors = []
    for row in table.rows:
        ident = check.required_text(table, row, "id")
        role = check.vocabulary(table, row, "role", required=True)
        framework = check.vocabulary(table, row, "framework")
        side = check.actor_ref(table, row, "side", known)
        if row.errors == 0:
            actors.append(Actor(ident, role, optional(row, "name"), optional(row, "organisation"), framework,  # type: ignore[arg-type]
                                side, row.number, row.extra))
    return actors, known


def _questions(table: _Table | None, check: _Checker) -> tuple[list[Question], dict[str, str]]:
    if table is None:
        return [], {}
    known = _ids(table.rows, table, check, "id")
    questions = []
    for row in table.rows:
        ident = check.required_text(table, row, "id")
        question = check.required_text(table, row, "question")
        if row.errors == 0:
            questions.append(Question(ident, question, optional(row, "asked_by"), row.number))  # type: ignore[arg-type]
    return questions, known


def _event(table: _Table, row, check: _Checker, actors: dict[str, str], questions: dict[str, str]) -> Event | None:
    start = check.date(table, row, "date", required=True)
    end = check.date(table, row, "end_date")
    if start and end and end.end < start.start:
        check.report("end_before_start", table, row, "end_date", row.value("end_date"), start=str(start))
    kind = check.vocabulary(table, row, "type", required=True)
    actor = check.actor_ref(table, row, "actor", actors) if is_filled(row.value("actor")) else None
    if not is_filled(row.value("actor")):
        check.report("empty_required", table, row, "actor")
    with_actors = [check.actor_ref(table, row, "with", actors, raw=part) for part in split_ids(row.value("with"))]
    description = check.required_text(table, row, "description")
    decision = check.vocabulary(table, row, "decision")
    basis = check.vocabulary(table, row, "basis")
    sides_with = check.actor_ref(table, row, "sides_with", actors)
    linked = []
    for part in split_ids(row.value("question")):
        found = questions.get(normalise(part))
        if found is None:
            check.report("unknown_question", table, row, "question", part, known=", ".join(questions.values()) or "-")
        linked.append(found)
    if row.errors:
        return None
    ident = optional(row, "id") or f"R{row.number}"
    return Event(ident, start, kind, actor, description, end, tuple(dict.fromkeys(a for a in with_actors if a != actor)),  # type: ignore[arg-type]
                 decision == "yes" or kind == "decision", basis, sides_with, tuple(linked), optional(row, "source"),  # type: ignore[arg-type]
                 row.number, row.extra)


def _events(table: _Table | None, check: _Checker, actors: dict[str, str], questions: dict[str, str]) -> list[Event]:
    if table is None:
        return []
    _ids(table.rows, table, check, "id")
    events = [e for row in table.rows if (e := _event(table, row, check, actors, questions))]
    return sorted(events, key=lambda e: (e.start, e.row or 0))


def _relations(table: _Table | None, check: _Checker, actors: dict[str, str]) -> list[Relation]:
    relations = []
    for row in table.rows if table else []:
        source = check.actor_ref(table, row, "from", actors)
        target = check.actor_ref(table, row, "to", actors)
        for key in ("from", "to"):
            if not is_filled(row.value(key)):
                check.report("empty_required", table, row, key)
        kind = check.vocabulary(table, row, "kind", required=True)
        if row.errors == 0:
            relations.append(Relation(source, target, kind, optional(row, "note"), row.number))  # type: ignore[arg-type]
    return relations


def _lessons(table: _Table | None, check: _Checker) -> list[Lesson]:
    lessons = []
    for row in table.rows if table else []:
        lesson = check.required_text(table, row, "lesson")
        if row.errors == 0:
            lessons.append(Lesson(optional(row, "id") or f"L{row.number}", lesson, optional(row, "theme"),  # type: ignore[arg-type]
                                  optional(row, "audience"), row.number))
    return lessons


def _meta(table: _Table | None, check: _Checker) -> tuple[CaseMeta, int]:
    values: dict[str, Any] = {}
    extra: dict[str, str] = {}
    loaded = 0
    for row in table.rows if table else []:
        name = check.required_text(table, row, "field")
        key = term_key("case_field", name) if name else None
        value = row.value("value")
        if key == "session_date" and is_filled(value):
            value = check.date(table, row, "value")
        elif key == "language" and is_filled(value) and text(value).lower() not in ("nl", "en"):
            check.report("unknown_language_value", table, row, "value", value)
        if row.errors == 0:
            loaded += 1
            if key:
                values[key] = value if key == "session_date" else (text(value) if is_filled(value) else None)
            elif name:
                extra[name] = text(value) if is_filled(value) else ""
    return CaseMeta(**values, extra=extra), loaded


def build_case(tables: dict[str, _Table], check: _Checker) -> tuple[Case | None, dict[str, int]]:
    """The case and the number of rows loaded per sheet."""
    meta, meta_loaded = _meta(tables.get("case"), check)
    actors, actor_ids = _actors(tables.get("actors"), check)
    questions, question_ids = _questions(tables.get("questions"), check)
    events = _events(tables.get("timeline"), check, actor_ids, question_ids)
    relations = _relations(tables.get("relations"), check, actor_ids)
    lessons = _lessons(tables.get("lessons"), check)
    loaded = {"case": meta_loaded, "actors": len(actors), "questions": len(questions), "timeline": len(events),
              "relations": len(relations), "lessons": len(lessons)}
    loaded = {k: v for k, v in loaded.items() if k in tables}
    if "actors" not in tables or "timeline" not in tables:
        return None, loaded
    return Case(meta, tuple(actors), tuple(events), tuple(questions), tuple(relations), tuple(lessons)), loaded
