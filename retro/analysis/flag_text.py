"""The sentences of a flag, from the ``flags`` catalogue: title, explanation, reflection question.

* title: ``flags.<kind>.title``;
* explanation: ``flags.<kind>.rules.<rule>``, then one sentence ``flags.<kind>.also.<name>``
  for each name in ``facts["also"]`` (the other signals that fired with it);
* question: ``flags.<kind>.questions.<rule>`` when the rule has its own, else
  ``flags.<kind>.question``;
* detection (per kind, for the report appendix and the notebook): ``flags.<kind>.detection``.

Facts are data: ids, numbers, vocabulary keys, and lists of them.  This module writes them:

* a value that is a key of ``flags.terms`` is shown in the reader's language (``pressure`` ->
  ``druk``);
* a list is joined with ``flags.list.separator``; when the kind has a pattern
  ``flags.<kind>.items.<fact>`` each item is a group of values (a pair of actors, an actor and
  their events) written with that pattern (``{0} – {1}``) and the groups are joined with
  ``flags.list.group_separator``;
* a list longer than ``most`` (``[analysis] most_listed``) names its first ones and counts the
  rest (``flags.more``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from ..config import AnalysisSettings, defaults, plain_values
from ..dates import date_words, parse_date, period_words
from ..messages import Messages
from ..schema import VOCABULARIES, term_name
from .findings import Flag

# a list setting, or a fact, is shown by the names of its vocabulary, known from the end of its name
_VOCABULARY_BY_SUFFIX = {
    "_types": "event_type",
    "_type": "event_type",
    "_bases": "basis",
    "_roles": "role",
    "roles": "role",
}


class FlagText(NamedTuple):
    title: str
    explanation: str
    question: str
    basis: str  # why the flag fired, in words one can check: who and what was counted, the limits


def _default_most() -> int:
    return defaults().analysis.most_listed


def _term(value: object, msg: Messages) -> object:
    if isinstance(value, str) and value and msg.has(f"flags.terms.{value}"):
        return msg(f"flags.terms.{value}")
    return value


def _value(value: object, msg: Messages) -> str:
    """One value, or a short list inside a group (an actor's events), in words."""
    if isinstance(value, (list, tuple)):
        return msg("flags.list.separator").join(str(_term(v, msg)) for v in value)
    return str(_term(value, msg))


def listed(values: Sequence[Any], msg: Messages, most: int, item: str | None = None) -> str:
    """``values`` as a phrase of a sentence: the first ``most`` named, the rest counted
    (``flags.more``).

    With ``item`` (a pattern such as ``"{0} – {1}"``) each value is a group of values written with
    it.
    """
    if item is None:
        text = msg("flags.list.separator").join(_value(v, msg) for v in values[:most])
    else:
        text = msg("flags.list.group_separator").join(
            item.format(*(_value(v, msg) for v in group)) for group in values[:most]
        )
    return text + (" " + msg("flags.more", count=len(values) - most) if len(values) > most else "")


def _vocabulary(name: str) -> str | None:
    return next((v for suffix, v in _VOCABULARY_BY_SUFFIX.items() if name.endswith(suffix)), None)


def _named(name: str, value: object, msg: Messages) -> object:
    """A vocabulary key as a word of the reader's language, when the fact's name says which
    vocabulary (``roles``, ``trigger_type``); a key of ``flags.terms`` as that term; a date
    (``peak``) or a ``period`` (two dates) in words ("in juni 2021", "van juni tot augustus
    2021")."""
    if name == "peak" and isinstance(value, str):
        return date_words(parse_date(value), msg)
    if name == "period" and isinstance(value, (list, tuple)) and len(value) == 2:
        return period_words(parse_date(value[0]), parse_date(value[1]), msg)
    vocabulary = _vocabulary(name)
    if vocabulary and isinstance(value, str) and value in {t.key for t in VOCABULARIES[vocabulary]}:
        return term_name(vocabulary, value, msg.lang)
    return _term(value, msg)


def _shown(kind: str, name: str, value: object, msg: Messages, most: int) -> object:
    if isinstance(value, (list, tuple)) and name != "period":
        pattern = f"flags.{kind}.items.{name}"
        if _vocabulary(name) and not msg.has(pattern):
            value = [_named(name, v, msg) for v in value]
        return listed(value, msg, most, msg.raw(pattern) if msg.has(pattern) else None)
    return _named(name, value, msg)


def flag_facts(flag: Flag, msg: Messages, most: int | None = None) -> dict[str, object]:
    """The facts of a flag as the sentences show them, plus ``events`` and ``actors`` as text."""
    most = _default_most() if most is None else most
    facts = {
        key: _shown(flag.kind, key, value, msg, most)
        for key, value in flag.facts.items()
        if key != "also"
    }
    return {
        **facts,
        "events": listed(flag.events, msg, most),
        "actors": listed(flag.actors, msg, most),
    }


def flag_text(
    flag: Flag,
    msg: Messages,
    most: int | None = None,
    settings: AnalysisSettings | None = None,
    holders: Sequence[str] = (),
) -> FlagText:
    """Title, explanation, question and basis of a flag; lists name at most ``most`` items
    (default: ``[analysis] most_listed``).  The basis (why it fired) may name the settings of
    ``settings`` (the defaults when None) and ``holders``, who were counted as holding direction."""
    facts = flag_facts(flag, msg, most)
    sentences = [msg(f"flags.{flag.kind}.rules.{flag.rule}", **facts)]
    sentences += [msg(f"flags.{flag.kind}.also.{name}", **facts) for name in flag.also]
    own = f"flags.{flag.kind}.questions.{flag.rule}"
    question = msg(own, **facts) if msg.has(own) else msg(f"flags.{flag.kind}.question", **facts)
    known = _settings_shown(flag.kind, msg, settings)
    listed_holders = listed(list(holders), msg, most or _default_most()) or "-"
    own_basis = f"flags.{flag.kind}.bases.{flag.rule}"  # a rule of its own, else the kind's
    basis = msg(
        own_basis if msg.has(own_basis) else f"flags.{flag.kind}.basis",
        **{**known, "holders": listed_holders, **facts},
    )
    return FlagText(msg(f"flags.{flag.kind}.title"), " ".join(sentences), question, basis)


def _settings_shown(
    kind: str, msg: Messages, settings: AnalysisSettings | None
) -> dict[str, object]:
    """The values of the ``[analysis]`` table and the kind's own table, as texts show them."""
    analysis = settings or defaults().analysis
    own = analysis.detector(kind)
    values = {**plain_values(analysis), **(plain_values(own) if own is not None else {})}
    return {k: _setting_shown(k, v, msg) for k, v in values.items()}


def _setting_shown(name: str, value: object, msg: Messages) -> object:
    """A setting as the detection text shows it: a list of vocabulary keys by their names in
    ``msg``'s language."""
    if not isinstance(value, (list, tuple)):
        return value
    vocabulary = _vocabulary(name)
    known = {t.key for t in VOCABULARIES[vocabulary]} if vocabulary else set()
    return msg("flags.list.separator").join(
        term_name(vocabulary, v, msg.lang) if vocabulary and v in known else str(v) for v in value
    )


def detection_text(kind: str, msg: Messages, settings: AnalysisSettings | None = None) -> str:
    """How a pattern is detected, in plain words, with the thresholds and vocabularies of
    ``settings`` (the ``[analysis]`` table; the defaults when None) filled in.  For the report
    appendix and the notebook."""
    return msg(f"flags.{kind}.detection", **_settings_shown(kind, msg, settings))
