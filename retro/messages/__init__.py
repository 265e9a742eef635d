"""Message catalogues: every sentence a user reads, in Dutch and English.

Catalogues are TOML files, one per area, in ``retro/messages/<lang>/<area>.toml``. A key is
``<area>.<name>`` (``validate.unknown_actor``); nested tables add dots. Values are ``str.format``
templates.  Tests check that both languages hold the same keys."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..errors import Problem, RetroError, UsageError

if TYPE_CHECKING:
    from ..model import Case

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"


def _flatten(prefix: str, table: dict[str, Any], out: dict[str, Any]) -> None:
    for key, value in table.items():
        name = f"{prefix}.{key}"
        if isinstance(value, dict):
            _flatten(name, value, out)
        else:
            out[name] = value


@cache
def catalogue(lang: str) -> dict[str, Any]:
    """Every message of one language, by key."""
    if lang not in LANGUAGES:
        raise UsageError("unknown_language", lang=lang, languages=", ".join(LANGUAGES))
    out: dict[str, Any] = {}
    folder = resources.files(__package__) / lang
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            _flatten(entry.name[: -len(".toml")], tomllib.loads(entry.read_text("utf-8")), out)
    return out


class Messages:
    """The catalogue of one language: ``Messages('nl')('validate.unknown_actor', value='JB')``."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE) -> None:
        self.lang = lang
        self._table = catalogue(lang)

    def __call__(self, key: str, **params: object) -> str:
        return self._table[key].format(**params)

    def raw(self, key: str) -> Any:
        return self._table[key]

    def has(self, key: str) -> bool:
        return key in self._table

    def section(self, prefix: str) -> dict[str, Any]:
        """All messages under a prefix, keyed by the rest of their name (for templates)."""
        start = prefix + "."
        return {k[len(start) :]: v for k, v in self._table.items() if k.startswith(start)}


def describe_problem(problem: Problem, msg: Messages) -> str:
    """One validation problem as a sentence: where it is, what is wrong, what to do."""
    where = []
    if problem.sheet:
        where.append(msg("validate.where.sheet", sheet=problem.sheet))
    if problem.row:
        where.append(msg("validate.where.row", row=problem.row))
    if problem.column:
        where.append(msg("validate.where.column", column=problem.column))
    text = problem_text(problem, msg)
    return f"{', '.join(where)}: {text}" if where else text


def problem_text(problem: Problem, msg: Messages) -> str:
    """What is wrong and what to do, without where (for a table that shows sheet, row and column in
    columns of their own)."""
    params: dict[str, object] = {
        "value": problem.value,
        "sheet": problem.sheet,
        "row": problem.row,
        "column": problem.column,
    }
    params.update(problem.params)
    if "suggestion" in params:  # "Bedoelt u 'JB'?" only when there is a close match
        suggestion = params["suggestion"]
        params["did_you_mean"] = (
            msg("validate.hint.did_you_mean", suggestion=suggestion) if suggestion else ""
        )
    return msg(f"validate.problem.{problem.code}", **params)


def describe_error(error: RetroError, msg: Messages) -> str:
    """A domain error as a sentence."""
    return msg(f"errors.{error.code}", **error.params)


def case_summary(case: Case, msg: Messages) -> list[str]:
    """What ``retro validate`` (and the app's Controle page) says about a valid case: its title,
    its period and how many of each it holds."""
    from ..model import PartialDate

    lines = [
        msg("validate.summary.title", title=case.meta.title)
        if case.meta.title
        else msg("validate.summary.no_title")
    ]
    if case.events:
        end = PartialDate(max(e.end for e in case.events))
        lines.append(msg("validate.summary.period", start=case.events[0].date, end=end))
    lines.append(
        msg(
            "validate.summary.counts",
            events=len(case.events),
            actors=len(case.actors),
            questions=len(case.questions),
            relations=len(case.relations),
            lessons=len(case.lessons),
        )
    )
    return lines
