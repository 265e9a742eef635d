"""The per-case table of the regional overview: what may be shown next to one case code.

Rules (the cover sheet and the page say them too):

* every count of a case (events, professionals, most active at once, handovers, court
  moments) below ``min_count`` is ``"<5"``, 0 included; the duration in months is shown;
* an attribute that sorts a case into a row of a table of the overview is shown next to the
  case only when that row of the table shows its count; otherwise the case says
  "verborgen".  So counting the column gives back the table's shown counts, and the cases
  that say "verborgen" are exactly those of the hidden rows, which hold 0 or at least
  ``min_count`` cases together (:meth:`retro.region.counts.Counts.table`).  The start year
  follows the table of start years, the months to the first court moment the table of the
  time to it, and the month of the move to the compulsory framework the number of cases
  that moved;
* patterns are never shown per case.
"""

from __future__ import annotations

from collections.abc import Sequence

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


def _court_column(cases: Sequence[AnonymousCase], court: Table, msg: Messages) -> list[Cell]:
    shown = [not is_hidden(row[1]) for row in court.rows]
    months = [c.measures.months_to_first_court for c in cases]
    return [
        (msg("region.none") if m is None else m) if shown[court_row(m)] else msg("region.hidden")
        for m in months
    ]


def _move_column(cases: Sequence[AnonymousCase], moved: Cell, msg: Messages) -> list[Cell]:
    if is_hidden(moved):
        return [msg("region.hidden")] * len(cases)
    months = [c.measures.compulsory_move_month for c in cases]
    return [msg("region.none") if m is None else m for m in months]


def case_table(
    cases: Sequence[AnonymousCase],
    count: Counts,
    msg: Messages,
    *,
    years: Table,
    court: Table,
    moved: Cell,
) -> Table:
    """One row per case, in the order of the cases given.  ``years`` and ``court`` are the
    overview's tables of start years and of the time to the first court moment, ``moved`` its shown
    number of cases that moved to the compulsory framework: a case's attribute shows only where
    these show its row."""
    year_shown = shown_years(years)
    courts, moves = _court_column(cases, court, msg), _move_column(cases, moved, msg)
    rows = []
    for case, court_month, move in zip(cases, courts, moves):
        m = case.measures
        year = case.start_year if case.start_year in year_shown else msg("region.hidden")
        rows.append(
            (
                str(case.code),
                year,
                count(m.events),
                m.months,
                count(m.professionals),
                count(m.max_professionals),
                count(m.handovers),
                count(m.court_moments),
                court_month,
                move,
            )
        )
    note = None if rows else msg("region.no_cases")
    return Table(tuple(msg(f"region.column.{c}") for c in COLUMNS), tuple(rows), note)
