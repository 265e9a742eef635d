"""The actions of the sessions, as counts per theme and status: never their text or owner.

An action's theme is the scrubbed theme of the lesson it follows from (an action without a lesson,
or whose lesson has no theme, counts under "(geen thema)").  Every count hides below ``min_count``
as in :mod:`.counts`; the table shows no totals, so no hidden count follows from one."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..messages import Messages
from ..schema import term_name
from .anonymise import ACTION_STATUSES, AnonymousCase
from .counts import Counts, Table, all_hidden


def _theme(case: AnonymousCase, lesson: int | None, msg: Messages) -> str:
    theme = case.lessons[lesson].theme if lesson is not None else None
    rendered = " ".join(theme.render(msg).split()).casefold() if theme is not None else ""
    return rendered or msg("region.no_theme")


def actions_table(cases: Sequence[AnonymousCase], count: Counts, msg: Messages) -> Table:
    """Per theme (alphabetically), the actions that are open, running and done."""
    tally = Counter(
        (_theme(case, action.lesson, msg), action.status)
        for case in cases
        for action in case.actions
    )
    themes = sorted({theme for theme, _ in tally})
    rows = tuple(
        (theme, *(count(tally[(theme, status)]) for status in ACTION_STATUSES)) for theme in themes
    )
    columns = (
        msg("region.column.theme"),
        *(term_name("action_status", status, msg.lang) for status in ACTION_STATUSES),
    )
    if not rows:
        note: str | None = msg("region.actions.none")
    elif all_hidden(v for row in rows for v in row[1:]):
        note = msg("region.actions.too_few", min_count=count.min_count)
    else:
        note = None
    return Table(columns, rows, note)


def action_count(cases: Sequence[AnonymousCase]) -> int:
    return sum(len(case.actions) for case in cases)
