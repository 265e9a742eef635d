"""How the regional overview hides small counts: one rule, used by every table and chart.

Every count below ``min_count`` (0 included, else "0" next to "<5" would tell) becomes the
text ``"<5"``.  A :class:`Table` holds cells as they may be shown, so whatever is built
from a table (a sheet, an HTML table, a chart) cannot show more than the table does;
``note`` says why a table shows nothing, or nothing but hidden counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .messages import Messages

Cell = int | float | str | None


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str | None = None  # why nothing is shown (for the sheet, and instead of the chart)


@dataclass(frozen=True)
class Bars:
    """A chart's bars from a table: a value per label, or ``None`` where the count is hidden; ``texts`` are
    what each bar says (the shown number, a percentage, or ``"<5"``)."""

    labels: tuple[str, ...]
    values: tuple[float | None, ...]
    texts: tuple[str, ...]
    note: str | None = None  # set when there is nothing to draw: then no chart, this sentence


class Counts:
    """Counts as they may be shown: the number, or ``"<5"``."""

    def __init__(self, min_count: int, msg: Messages) -> None:
        self.min_count = min_count
        self.below = msg("region.below", min_count=min_count)
        self.too_few = msg("region.too_few", min_count=min_count)

    def __call__(self, n: int) -> int | str:
        return n if n >= self.min_count else self.below

    def shows(self, n: int) -> bool:
        return n >= self.min_count


def is_hidden(value: Cell) -> bool:
    """Whether a count cell was hidden (the ``"<5"`` text) rather than shown."""
    return isinstance(value, str)


def all_hidden(values: Iterable[Cell]) -> bool:
    """True when no value is shown as a number (also when there are none)."""
    return not any(isinstance(v, int) and not isinstance(v, bool) for v in values)


def bars(table: Table, column: int = 1, *, note: str | None = None, total: int | None = None,
         msg: Messages | None = None) -> Bars:
    """The bars of one column of counts.  With ``total`` (and ``msg``) each shown count becomes a share of
    it, in percent.  A hidden count gets no value, only its text.  ``note`` replaces a chart that would
    show nothing but hidden counts."""
    labels, values, texts = [], [], []
    for row in table.rows:
        value = row[column]
        labels.append(str(row[0]))
        if is_hidden(value) or value is None:
            values.append(None)
            texts.append(str(value or ""))
        elif total:
            share = round(100 * value / total)
            values.append(share)
            texts.append(msg("region.percent", value=share) if msg else str(share))
        else:
            values.append(value)
            texts.append(str(value))
    empty = all(v is None for v in values)
    return Bars(tuple(labels), tuple(values), tuple(texts), (note or table.note) if empty else None)
