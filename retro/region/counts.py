"""How the regional overview hides small counts: the rules, used by every table and chart.

* A count on its own below ``min_count`` (0 included, else "0" next to "<5" would tell) is the
  text ``"<5"`` (:meth:`Counts.__call__`).
* The counts of a table add up to a total the reader knows or can work out (the number of
  cases).  Hiding a small cell is not enough then: the total minus the shown cells would tell
  it.  :meth:`Counts.table` hides every count below ``min_count`` and then, as long as the hidden
  cells together hold fewer than ``min_count`` (0 included: hidden cells that hold nothing would
  give away their zeros), the smallest shown cell too, until every cell is hidden if need be.
  Every hidden cell says the same, ``"verborgen"``: a reader cannot tell a small count from one
  hidden to protect it, so all that follows from the total is that the hidden cells together hold
  at least ``min_count``, and each of them anything from 0 to that sum.
* Tables linked by more than their total (the patterns and the number of different patterns per
  case: both count every pattern of every case) are hidden together, until no hidden cell can be
  worked out from both (:mod:`retro.region.linked`).

A :class:`Table` holds cells as they may be shown, so whatever is built from a table (a sheet, an
HTML table, a chart) cannot show more than the table does; ``note`` says why a table shows nothing,
or nothing but hidden counts."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..messages import Messages

Cell = int | float | str | None


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str | None = None  # why nothing is shown (for the sheet, and instead of the chart)


@dataclass(frozen=True)
class Bars:
    """A chart's bars from a table: a value per label, or ``None`` where the count is hidden;
    ``texts`` are what each bar says (the shown number, a percentage, or ``"<5"`` /
    ``"verborgen"``)."""

    labels: tuple[str, ...]
    values: tuple[int | float | None, ...]
    texts: tuple[str, ...]
    note: str | None = None  # set when there is nothing to draw: then no chart, this sentence


def hidden_cells(
    counts: Sequence[int], min_count: int, hidden: Sequence[bool] | None = None
) -> tuple[bool, ...]:
    """Which counts of one table to hide: those below ``min_count`` (and any already ``hidden``),
    then the smallest shown one (the first of equals) as long as some are hidden and the hidden ones
    together hold fewer than ``min_count``."""
    hide = [n < min_count or bool(hidden and hidden[i]) for i, n in enumerate(counts)]
    while any(hide) and not all(hide) and sum(n for n, h in zip(counts, hide) if h) < min_count:
        _, smallest = min((n, i) for i, (n, h) in enumerate(zip(counts, hide)) if not h)
        hide[smallest] = True
    return tuple(hide)


class Counts:
    """Counts as they may be shown: the number, ``"<5"``, or (hidden to protect a small one)
    ``"verborgen"``."""

    def __init__(self, min_count: int, msg: Messages) -> None:
        self.min_count = min_count
        self.below = msg("region.below", min_count=min_count)
        self.hidden = msg("region.hidden")
        self.too_few = msg("region.too_few", min_count=min_count)
        self.all_hidden = msg("region.all_hidden", min_count=min_count)

    def __call__(self, n: int) -> int | str:
        """One count on its own (a cell in the row of one case)."""
        return n if n >= self.min_count else self.below

    def nothing_shown(self, cases: int) -> str:
        """Why a table of ``cases`` cases shows no count: too few cases, or every count hidden."""
        return self.too_few if cases < self.min_count else self.all_hidden

    def shows(self, n: int) -> bool:
        return n >= self.min_count

    def table(self, counts: Sequence[int]) -> tuple[int | str, ...]:
        """The counts of one table whose total the reader knows, as they may be shown (see the
        module)."""
        return self.shown(counts, hidden_cells(counts, self.min_count))

    def shown(self, counts: Sequence[int], hidden: Sequence[bool]) -> tuple[int | str, ...]:
        """The counts with the hidden ones as ``"verborgen"``."""
        return tuple(self.hidden if h else n for n, h in zip(counts, hidden))


def _number(value: Cell) -> int | float:
    """A shown count or share (a hidden one is text)."""
    if not isinstance(value, (int, float)):
        raise TypeError(f"a shown count must be a number, not {value!r}")
    return value


def is_hidden(value: Cell) -> bool:
    """Whether a count cell was hidden (``"<5"`` or ``"verborgen"``) rather than shown."""
    return isinstance(value, str)


def all_hidden(values: Iterable[Cell]) -> bool:
    """True when no value is shown as a number (also when there are none)."""
    return not any(isinstance(v, int) and not isinstance(v, bool) for v in values)


def bars(table: Table, column: int = 1, *, text: Callable[[int | float], str] = str) -> Bars:
    """The bars of one column of a table whose second column holds counts: the counts themselves, or
    what follows from them (shares); ``text`` writes a shown value on its bar.  A hidden value gets
    no bar, only the text of its hidden count (``"<5"`` or ``"verborgen"``).  The table's ``note``
    replaces a chart that would show nothing."""
    labels = tuple(str(row[0]) for row in table.rows)
    values = tuple(None if is_hidden(row[column]) else _number(row[column]) for row in table.rows)
    texts = tuple(
        str(row[1]) if is_hidden(row[column]) else text(_number(row[column])) for row in table.rows
    )
    return Bars(labels, values, texts, table.note if all(v is None for v in values) else None)
