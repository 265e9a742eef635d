"""The per-case table of the regional overview: what may be shown next to one case code.

Rules (the cover sheet and the page say them too):

* every count of a case (events, professionals, most active at once, handovers, court
  moments) below ``min_count`` is ``"<5"``, 0 included; the duration in months is shown;
* an attribute that marks a case as having something is shown per case only when at least
  ``min_count`` cases share it, and only when counting the column would not tell a number
  that a table of the overview hides as ``"<5"``; otherwise every case says "verborgen", so
  the column tells nothing.  The start year: the years that ``min_count`` cases share, when
  the cases of all other years together are none or at least ``min_count``.  The month of the
  move to the compulsory framework: when at least ``min_count`` cases moved.  The months to the
  first court moment: when at least ``min_count`` cases had one and the table of the time to
  the first court moment hides none of its rows;
* patterns are never shown per case.
"""

from __future__ import annotations

from collections import Counter
from typing import Sequence

from .anonymise import AnonymousCase
from .messages import Messages
from .region_counts import Cell, Counts, Table, is_hidden

COLUMNS = ("code", "start_year", "events", "months", "professionals", "max_professionals", "handovers",
           "court_moments", "months_to_first_court", "compulsory_move")


def shown_years(cases: Sequence[AnonymousCase], count: Counts) -> set[int]:
    """The start years that may be shown next to a case (none, when the other years would tell a small count)."""
    years = Counter(c.start_year for c in cases)
    shared = {year for year, n in years.items() if count.shows(n)}
    others = sum(n for year, n in years.items() if year not in shared)
    return shared if others == 0 or count.shows(others) else set()


def _month_column(values: Sequence[int | None], shown: bool, msg: Messages) -> list[Cell]:
    """Months per case when the column may be shown ('geen' for a case without), else the hidden word for all."""
    if not shown:
        return [msg("region.hidden")] * len(values)
    return [msg("region.none") if v is None else v for v in values]


def moves_shown(cases: Sequence[AnonymousCase], count: Counts) -> bool:
    return count.shows(sum(c.measures.compulsory_move_month is not None for c in cases))


def court_shown(cases: Sequence[AnonymousCase], count: Counts, court: Table) -> bool:
    with_court = sum(c.measures.months_to_first_court is not None for c in cases)
    return count.shows(with_court) and not any(is_hidden(row[1]) for row in court.rows)


def case_table(cases: Sequence[AnonymousCase], count: Counts, court: Table, msg: Messages) -> Table:
    """One row per case, in the order of the codes given; ``court`` is the overview's table of the time
    to the first court moment (the months per case are shown only when it hides nothing)."""
    years = shown_years(cases, count)
    moves = _month_column([c.measures.compulsory_move_month for c in cases], moves_shown(cases, count), msg)
    courts = _month_column([c.measures.months_to_first_court for c in cases], court_shown(cases, count, court), msg)
    rows = []
    for case, court_month, move in zip(cases, courts, moves):
        m = case.measures
        year = case.start_year if case.start_year in years else msg("region.hidden")
        rows.append((str(case.code), year, count(m.events), m.months, count(m.professionals),
                     count(m.max_professionals), count(m.handovers), count(m.court_moments), court_month, move))
    note = None if rows else msg("region.no_cases")
    return Table(tuple(msg(f"region.column.{c}") for c in COLUMNS), tuple(rows), note)

