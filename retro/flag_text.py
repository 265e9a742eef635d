"""The sentences of a flag, from the ``flags`` catalogue: title, explanation, reflection question."""

from __future__ import annotations

from typing import NamedTuple

from .findings import Flag
from .messages import Messages


class FlagText(NamedTuple):
    title: str
    explanation: str
    question: str


def flag_text(flag: Flag, msg: Messages) -> FlagText:
    facts = {**flag.facts, "events": ", ".join(flag.events), "actors": ", ".join(flag.actors)}
    explanation = msg(f"flags.{flag.kind}.rules.{flag.rule}", **facts)
    if facts.get("without_direction"):
        explanation += " " + msg(f"flags.{flag.kind}.without_direction", **facts)
    return FlagText(msg(f"flags.{flag.kind}.title"), explanation, msg(f"flags.{flag.kind}.question"))


def detection_text(kind: str, msg: Messages) -> str:
    """How a pattern is detected, in plain words (for the report appendix and the notebook)."""
    return msg(f"flags.{kind}.detection")
