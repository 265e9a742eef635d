"""The per-case table of the regional overview: what may be shown next to one case code.

Exact counts and durations make nearly every case unique, and a reader who knows a few facts of a
family could find its row.  So (the cover sheet and the page say it too):

* every measure is shown as a band (``[region.bands]``: "25-49" events, "12-23" months), never as
  a number;
* an attribute that sorts a case into a row of a table of the overview (the start year, the time to
  the first court moment, the move to the compulsory framework) is shown only when that row of the
  table shows its count; otherwise it says "verborgen".  So counting the column gives back only
  counts the table shows;
* every row shows a combination of values that at least ``min_count`` cases share (k-anonymity
  with k = ``min_count`` over all columns but the code): while too many rows are rarer than that,
  the column with the most different values gets coarser bands, and then is hidden for every
  case; the few rows still rarer show "verborgen" in every column, and then so many more that the
  rows showing nothing are at least ``min_count`` too (or all of them);
* patterns are never shown per case.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from ..config import RegionSettings
from ..messages import Messages
from .anonymise import AnonymousCase
from .counts import Cell, Counts, Table, is_hidden

COLUMNS = (
    "code",
    "start_year",
    "events",
    "months",
    "professionals",
    "max_professionals",
    "handovers",
    "court_moments",
    "months_to_first_court",
    "compulsory_move",
)
BANDED = ("events", "months", "professionals", "max_professionals", "handovers")
COURT_BINS = (
    0,
    6,
    12,
    24,
    36,
)  # lower bounds, in months, of the rows of the time to the first court moment


def court_row(months: int | None) -> int:
    """The row of the court table a case counts in: its bin of months, or the last row (no court
    moment)."""
    if months is None:
        return len(COURT_BINS)
    return max(i for i, low in enumerate(COURT_BINS) if months >= low)


def shown_years(years: Table) -> set[int]:
    """The start years the table of start years shows (its other row is 'andere jaren')."""
    return {row[0] for row in years.rows if isinstance(row[0], int)}


@dataclass(frozen=True)
class ShownRows:
    """What the overview's tables show: the start years, which rows of the court table, and
    whether the number of cases that moved to the compulsory framework."""

    years: set[int]
    court: tuple[bool, ...]
    moved: bool


def band(value: int, bounds: Sequence[int], msg: Messages) -> str:
    """The band of ``bounds`` (lower bounds) that holds ``value``: '25-49', or '200+'."""
    index = max(i for i, low in enumerate(bounds) if value >= low) if value >= bounds[0] else 0
    if index == len(bounds) - 1:
        return msg("region.band.from", low=bounds[index])
    return msg("region.band.range", low=bounds[index], high=bounds[index + 1] - 1)


@lru_cache(maxsize=4096)
def _band(value: int, bounds: tuple[int, ...], msg: Messages) -> str:
    """:func:`band`, remembered: a thousand cases fall into a few bands, several times over."""
    return band(value, bounds, msg)


def _coarser(bounds: Sequence[int]) -> tuple[int, ...]:
    """Every other bound: two neighbouring bands become one."""
    return tuple(bounds[::2])


def _court_labels(msg: Messages) -> list[str]:
    labels = [
        msg("region.court.range", low=low, high=high - 1) for low, high in pairwise(COURT_BINS)
    ]
    return [*labels, msg("region.court.from", low=COURT_BINS[-1]), msg("region.court.never")]


def _values(
    case: AnonymousCase,
    levels: dict[str, int],
    bounds: dict[str, tuple[int, ...]],
    shown: ShownRows,
    msg: Messages,
    court_labels: Sequence[str],
) -> list[Cell]:
    """One case's row (without its code) at the given level of each column: 0 its own bands, 1
    coarser bands, 2 hidden; ``court_labels`` the rows of the court table
    (:func:`_court_labels`)."""
    m, hidden = case.measures, msg("region.hidden")
    court_shown = shown.court[court_row(m.months_to_first_court)]
    row: dict[str, Cell] = {
        "start_year": case.start_year if case.start_year in shown.years else hidden,
        "court_moments": None,
        "months_to_first_court": court_labels[court_row(m.months_to_first_court)]
        if court_shown
        else hidden,
    }
    for key in BANDED:
        row[key] = getattr(m, key)
    row["court_moments"] = m.court_moments if court_shown else None
    move = m.compulsory_move_month
    row["compulsory_move"] = (
        hidden if not shown.moved else msg("region.none") if move is None else move
    )
    out: list[Cell] = []
    for key in COLUMNS[1:]:
        value, level = row[key], levels.get(key, 0)
        if level >= 2 or value is None:
            out.append(hidden)
        elif key in bounds and isinstance(value, int):
            b = bounds[key] if level == 0 else _coarser(bounds[key])
            out.append(_band(value, b, msg))
        else:
            out.append(hidden if level >= 1 and key not in bounds else value)
    return out


def _bounds(settings: RegionSettings) -> dict[str, tuple[int, ...]]:
    b = settings.bands
    return {
        "events": b.events,
        "months": b.months,
        "professionals": b.professionals,
        "max_professionals": b.max_professionals,
        "handovers": b.handovers,
        "court_moments": b.court_moments,
        "compulsory_move": b.compulsory_move,
    }


def _rare(rows: Sequence[tuple[Cell, ...]], k: int) -> list[int]:
    groups = Counter(rows)
    return [i for i, row in enumerate(rows) if groups[row] < k]


def _coarsen(rows: Sequence[tuple[Cell, ...]], levels: dict[str, int]) -> bool:
    """One step coarser for the column with the most different values; False when all are
    hidden."""
    spread = {
        key: len({row[i] for row in rows})
        for i, key in enumerate(COLUMNS[1:])
        if levels.get(key, 0) < 2
    }
    if not spread:
        return False
    key = max(spread, key=lambda name: (spread[name], -COLUMNS.index(name)))
    levels[key] = levels.get(key, 0) + (1 if key in _BANDED_TOO else 2)
    return True


_BANDED_TOO = (*BANDED, "court_moments", "compulsory_move")


def anonymous_rows(
    cases: Sequence[AnonymousCase],
    settings: RegionSettings,
    msg: Messages,
    shown: ShownRows,
) -> list[tuple[Cell, ...]]:
    """Every case's row (without its code), each a combination at least ``min_count`` cases share,
    or hidden in every column (see the module)."""
    k, bounds = settings.min_count, _bounds(settings)
    levels: dict[str, int] = {}
    budget = max(k, int(settings.max_suppressed_share * len(cases)))
    while True:
        labels = _court_labels(msg)
        rows = [tuple(_values(c, levels, bounds, shown, msg, labels)) for c in cases]
        rare = _rare(rows, k)
        if len(rare) <= budget or not _coarsen(rows, levels):
            break
    hidden_row = (msg("region.hidden"),) * (len(COLUMNS) - 1)
    suppressed = set(rare)
    groups = Counter(row for i, row in enumerate(rows) if i not in suppressed)
    for row, _ in sorted(groups.items(), key=lambda item: (item[1], str(item[0]))):
        if not suppressed or len(suppressed) >= k or row == hidden_row:
            break
        suppressed |= {i for i, r in enumerate(rows) if r == row}
    return [hidden_row if i in suppressed else row for i, row in enumerate(rows)]


def case_table(
    cases: Sequence[AnonymousCase],
    count: Counts,
    msg: Messages,
    *,
    years: Table,
    court: Table,
    moved: Cell,
    bands: RegionSettings,
) -> Table:
    """One row per case, in the order of the cases given.  ``years`` and ``court`` are the
    overview's tables of start years and of the time to the first court moment, ``moved`` its shown
    number of cases that moved to the compulsory framework: a case's attribute shows only where
    these show its row; ``bands`` the ``[region]`` settings of the bands and of ``min_count``."""
    shown = ShownRows(
        shown_years(years), tuple(not is_hidden(row[1]) for row in court.rows), not is_hidden(moved)
    )
    rows = anonymous_rows(cases, bands, msg, shown)
    table_rows = tuple((str(case.code), *row) for case, row in zip(cases, rows))
    note = None if table_rows else msg("region.no_cases")
    return Table(tuple(msg(f"region.column.{c}") for c in COLUMNS), table_rows, note)
