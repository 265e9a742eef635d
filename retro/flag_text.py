"""The sentences of a flag, from the ``flags`` catalogue: title, explanation, reflection question.

* title: ``flags.<kind>.title``;
* explanation: ``flags.<kind>.rules.<rule>``, then one sentence ``flags.<kind>.also.<name>``
  for each name in ``facts["also"]`` (the other signals that fired with it);
* question: ``flags.<kind>.questions.<rule>`` when the rule has its own, else ``flags.<kind>.question``;
* detection (per kind, for the report appendix and the notebook): ``flags.<kind>.detection``.

Facts are ids, numbers and vocabulary keys.  A fact whose value (or each element of a
list) is a key of ``flags.terms`` is shown in the reader's language (``pressure`` ->
``druk``); lists are joined with commas, and a list longer than :data:`NAMED` (the
evidence of a long case) names its first ones and counts the rest (``flags.more``).
"""

from __future__ import annotations

from typing import Any, Mapping, NamedTuple

from .config import defaults
from .findings import Flag
from .messages import Messages


NAMED = 12  # most elements of a list named in a sentence


class FlagText(NamedTuple):
    title: str
    explanation: str
    question: str


def _term(value: object, msg: Messages) -> object:
    if isinstance(value, str) and value and msg.has(f"flags.terms.{value}"):
        return msg(f"flags.terms.{value}")
    return value


def _shown(value: object, msg: Messages) -> object:
    if isinstance(value, (list, tuple)):
        named = ", ".join(str(_term(v, msg)) for v in value[:NAMED])
        return named + (" " + msg("flags.more", count=len(value) - NAMED) if len(value) > NAMED else "")
    return _term(value, msg)


def flag_facts(flag: Flag, msg: Messages) -> dict[str, object]:
    """The facts of a flag as the sentences show them, plus ``events`` and ``actors`` as text."""
    facts = {key: _shown(value, msg) for key, value in flag.facts.items() if key != "also"}
    return {**facts, "events": _shown(flag.events, msg), "actors": _shown(flag.actors, msg)}


def flag_text(flag: Flag, msg: Messages) -> FlagText:
    facts = flag_facts(flag, msg)
    sentences = [msg(f"flags.{flag.kind}.rules.{flag.rule}", **facts)]
    sentences += [msg(f"flags.{flag.kind}.also.{name}", **facts) for name in flag.facts.get("also", ())]  # type: ignore[union-attr]
    own = f"flags.{flag.kind}.questions.{flag.rule}"
    question = msg(own, **facts) if msg.has(own) else msg(f"flags.{flag.kind}.question", **facts)
    return FlagText(msg(f"flags.{flag.kind}.title"), " ".join(sentences), question)


def detection_text(kind: str, msg: Messages, settings: Mapping[str, Any] | None = None) -> str:
    """How a pattern is detected, in plain words, with the thresholds of ``settings`` (the ``[analysis]``
    table; the defaults when None) filled in.  For the report appendix and the notebook."""
    analysis = settings if settings is not None else defaults()["analysis"]
    values = {k: v for k, v in analysis.items() if not isinstance(v, (dict, list))}
    values.update({k: v for k, v in analysis.get(kind, {}).items() if not isinstance(v, (dict, list))})
    return msg(f"flags.{kind}.detection", **values)
