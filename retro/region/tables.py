"""The regional overview as plain tables: computed once, written as a workbook and as a web page.

Small counts are hidden as in :mod:`retro.region.counts`: a count of one case below ``min_count`` is
``"<5"``; the counts of a table whose total the reader knows (start years, the time to the first
court moment, the number of different patterns, the cases with each pattern, the move to the
compulsory framework) also hide the next smallest count where the total minus the shown ones would
tell a small one.  The row of one case shows only what these tables show
(:mod:`retro.region.cases`).  Patterns are counted across cases only.  The percentiles of
professionals over time are shown up to the last band edge of the durations (``[region.bands]
months``) at which ``min_count`` cases were still open (:func:`time_span`), so that where the table
ends tells no month in which a case ended; the number of open cases only where no difference with
another shown number (the cases that ended between) is small (:func:`open_shown`).  The end tells
that fewer than ``min_count`` cases lasted up to the next edge: rows of the time to the first court
moment from that edge on hold fewer than that, and say so (``"<5"``) when hidden
(:func:`court_hidden`).  Lessons are counted as they are
(:mod:`retro.region.lessons`). Cases are in the order of their codes."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import pairwise

from ..analysis import FLAG_KINDS
from ..config import RegionSettings, defaults
from ..messages import Messages
from .actions import actions_table
from .agreement import review_tables
from .anonymise import AnonymousCase, CaseCode
from .cases import COURT_BINS, case_table, court_row
from .counts import Cell, Counts, Table, all_hidden, hidden_cells, is_hidden
from .lessons import ThemeGroup, lesson_groups, theme_table
from .linked import hide_together

INTRO = (
    "holds",
    "not_holds",
    "codes",
    "dates",
    "counts",
    "tables",
    "per_case",
    "patterns",
    "lessons",
    "formulas",
)


@dataclass(frozen=True)
class RegionOverview:
    lang: str
    generated: str  # the generation time, as the reader reads it
    generated_at: datetime
    min_count: int
    below: str
    case_count: int
    intro: tuple[str, ...]
    key_warning: str | None  # set when the case codes were made with retro's public default key
    totals: Table
    cases: Table
    patterns: Table  # pattern, cases with it, share of the cases in percent
    pattern_spread: Table  # number of different patterns, cases with that many
    years: Table
    time: Table  # month, open cases, median, p25, p75
    court: Table
    moved: Cell  # cases that moved to the compulsory framework, as shown
    compulsory: tuple[str, ...]
    themes: Table
    lessons: tuple[ThemeGroup, ...]
    skipped: Table
    # what people judged (:mod:`.agreement`) and the actions of the sessions (:mod:`.actions`)
    confirmed: Table  # pattern, cases where people confirmed it, cases with only unjudged flags
    agreement: Table  # pattern, judged cases, share confirmed, cases with both judgements, kappa
    actions: Table  # theme, actions per status
    reviewed: Cell  # cases in which people judged something, as shown


def _pattern_counts(cases: Sequence[AnonymousCase]) -> tuple[list[int], list[int]]:
    """Cases with each pattern, and cases with 0, 1, 2, ... different patterns."""
    different = [sum(1 for n in c.patterns if n) for c in cases]
    return (
        [sum(1 for c in cases if c.patterns[i]) for i in range(len(FLAG_KINDS))],
        [different.count(k) for k in range(len(FLAG_KINDS) + 1)],
    )


def _pattern_table(
    cases: Sequence[AnonymousCase], count: Counts, msg: Messages, hidden: Sequence[bool]
) -> Table:
    """Cases with each pattern and their share, hidden together with the spread table
    (:mod:`retro.region.linked`)."""
    shown = count.shown(_pattern_counts(cases)[0], hidden)
    rows = tuple(
        (
            msg(f"flags.{kind}.title"),
            n,
            msg("region.hidden") if isinstance(n, str) else round(100 * n / len(cases)),
        )
        for kind, n in zip(FLAG_KINDS, shown)
    )
    note = count.nothing_shown(len(cases)) if all_hidden(shown) else None
    return Table(
        tuple(msg(f"region.column.{c}") for c in ("pattern", "cases_with", "share")), rows, note
    )


def _spread_table(
    cases: Sequence[AnonymousCase], count: Counts, msg: Messages, hidden: Sequence[bool]
) -> Table:
    """How many cases have 0, 1, 2, ... different patterns: every number a row, so the rows tell
    nothing; hidden together with the pattern table."""
    shown = count.shown(_pattern_counts(cases)[1], hidden)
    note = count.nothing_shown(len(cases)) if all_hidden(shown) else None
    return Table(
        (msg("region.column.different_patterns"), msg("region.column.cases")),
        tuple(enumerate(shown)),
        note,
    )


def _year_table(cases: Sequence[AnonymousCase], count: Counts, msg: Messages) -> Table:
    """The start years whose count is shown, then the other years together (0 or at least min_count
    cases, unless there are fewer cases than that at all)."""
    years = sorted({c.start_year for c in cases})
    counts = [sum(1 for c in cases if c.start_year == year) for year in years]
    shown = count.table(counts)
    rows: list[tuple[Cell, Cell]] = [(year, n) for year, n in zip(years, shown) if not is_hidden(n)]
    others = sum(n for n, cell in zip(counts, shown) if is_hidden(cell))
    if others:
        rows.append((msg("region.other_years"), count(others)))
    return Table((msg("region.column.year"), msg("region.column.cases")), tuple(rows))


def open_shown(open_cases: Sequence[int], total: int, min_count: int) -> list[bool]:
    """Which months' numbers of open cases to show.  Two shown numbers differ by the cases that
    ended between them, so one is shown only where it is the total (every case still open) or at
    least ``min_count`` below the number shown before (or the total): no difference of two shown
    numbers, nor one with the total, is then a small count or a 0."""
    shown: list[bool] = []
    last = total
    for n in open_cases:
        show = (n == total and not any(shown)) or n <= last - min_count
        shown.append(show)
        last = n if show else last
    return shown


def open_cases(cases: Sequence[AnonymousCase], month: int) -> int:
    """The cases still open in ``month`` since their start (a case is open in months 0 to its
    last)."""
    return sum(1 for c in cases if len(c.measures.professionals_by_month) > month)


@dataclass(frozen=True)
class TimeSpan:
    """Where the time table ends: its ``last`` month (``None``: no month shown) and the band edge
    after it (``beyond``, ``None`` after the last edge).  Both are band edges, so that the end tells
    no month in which a case ended, only that at least ``min_count`` cases lasted ``last`` months
    and fewer than ``min_count`` lasted ``beyond`` months or more."""

    last: int | None
    beyond: int | None


def time_span(cases: Sequence[AnonymousCase], edges: Sequence[int], min_count: int) -> TimeSpan:
    """The last band edge (of ``edges``, the duration bands, and 0) in which at least
    ``min_count`` cases were still open, and the edge after it."""
    bounds = sorted({0, *edges})
    reached = [e for e in bounds if open_cases(cases, e) >= min_count]
    if not reached:
        return TimeSpan(None, None)
    after = [e for e in bounds if e > reached[-1]]
    return TimeSpan(reached[-1], after[0] if after else None)


def _time_table(
    cases: Sequence[AnonymousCase], count: Counts, msg: Messages, span: TimeSpan
) -> Table:
    """Per month up to the ``span``'s last month (every one of them has at least ``min_count``
    cases open): the number of open cases (where :func:`open_shown` allows it, else hidden) and
    the percentiles of professionals."""
    rows: list[tuple[Cell, ...]] = []
    opened: list[int] = []
    for month in range(0 if span.last is None else span.last + 1):
        values = [
            c.measures.professionals_by_month[month]
            for c in cases
            if len(c.measures.professionals_by_month) > month
        ]
        q1, _, q3 = (
            statistics.quantiles(values, n=4, method="inclusive")
            if len(values) > 1
            else (values[0],) * 3
        )
        opened.append(len(values))
        rows.append((month, len(values), statistics.median(values), q1, q3))
    shown = open_shown(opened, len(cases), count.min_count)
    rows = [(row[0], row[1] if s else count.hidden, *row[2:]) for row, s in zip(rows, shown)]
    columns = tuple(
        msg(f"region.column.{c}") for c in ("month", "open_cases", "median", "p25", "p75")
    )
    return Table(columns, tuple(rows), None if rows else count.too_few)


def court_hidden(counts: Sequence[int], late: Sequence[bool], min_count: int) -> tuple[bool, ...]:
    """Which rows of the court table to hide, when the ``late`` rows are known to hold fewer than
    ``min_count`` cases together (the time table ends before them: a first court moment in month
    ``n`` means a case that lasted ``n`` months).  As one table (:func:`hidden_cells`), and then,
    while a small late row is hidden and the other hidden rows are fewer than two or hold fewer
    than ``min_count`` together, the smallest other row shown too: each other hidden row can then
    still be 0 and still ``min_count`` or more, whatever the small late rows hold."""
    hide = list(hidden_cells(counts, min_count))
    small = any(h and x and n < min_count for n, h, x in zip(counts, hide, late))

    def weak() -> bool:
        others = [n for n, h, x in zip(counts, hide, late) if h and not x]
        return len(others) < 2 or sum(others) < min_count

    while small and weak():
        shown = [(n, i) for i, (n, h, x) in enumerate(zip(counts, hide, late)) if not (h or x)]
        if not shown:
            break
        hide[min(shown)[1]] = True
    return tuple(hide)


def _court_table(
    cases: Sequence[AnonymousCase], count: Counts, msg: Messages, beyond: int | None
) -> Table:
    """Cases by the time to their first court moment.  Rows from ``beyond`` on (the band edge after
    the time table's end) hold fewer than ``min_count`` cases, as the time table tells: hidden,
    they say ``"<5"``, not ``"verborgen"`` (which would promise they might hold more)."""
    rows = [court_row(c.measures.months_to_first_court) for c in cases]
    counts = [rows.count(i) for i in range(len(COURT_BINS) + 1)]
    late = [beyond is not None and low >= beyond for low in COURT_BINS] + [False]
    hidden = court_hidden(counts, late, count.min_count)
    shown = tuple(
        (count.below if x and n < count.min_count else count.hidden) if h else n
        for n, h, x in zip(counts, hidden, late)
    )
    labels = [
        msg("region.court.range", low=low, high=high - 1) for low, high in pairwise(COURT_BINS)
    ]
    labels += [msg("region.court.from", low=COURT_BINS[-1]), msg("region.court.never")]
    note = count.nothing_shown(len(cases)) if all_hidden(shown) else None
    return Table(
        (msg("region.column.period"), msg("region.column.cases")), tuple(zip(labels, shown)), note
    )


def _moved(cases: Sequence[AnonymousCase], count: Counts) -> Cell:
    """The cases that moved to the compulsory framework, hidden with those that did not (their total
    is known)."""
    moved = sum(1 for c in cases if c.measures.compulsory_move_month is not None)
    return count.table([moved, len(cases) - moved])[0]


def _compulsory(cases: Sequence[AnonymousCase], moved: Cell, msg: Messages) -> tuple[str, ...]:
    lines = [msg("region.compulsory.cases", count=moved)]
    if not is_hidden(moved):
        months = [
            c.measures.compulsory_move_month
            for c in cases
            if c.measures.compulsory_move_month is not None
        ]
        lines.append(msg("region.compulsory.median", month=statistics.median(months)))
    return tuple(lines)


def _totals(cases: Sequence[AnonymousCase], skipped: int, min_count: int, msg: Messages) -> Table:
    return Table(
        ("", ""),
        (
            (msg("region.totals.cases"), len(cases)),
            (msg("region.totals.skipped"), skipped),
            (msg("region.totals.lessons"), sum(len(c.lessons) for c in cases)),
            (msg("region.totals.min_count"), min_count),
        ),
    )


def _skipped(skipped: Sequence[tuple[CaseCode, str]], msg: Messages) -> Table:
    return Table(
        (msg("region.column.code"), msg("region.column.reason")),
        tuple((str(code), msg(f"region.reason.{reason}")) for code, reason in skipped),
        None if skipped else msg("region.all_read"),
    )


def region_overview(
    cases: Sequence[AnonymousCase],
    skipped: Iterable[tuple[CaseCode, str]],
    min_count: int,
    generated_at: datetime,
    msg: Messages,
    *,
    default_key: bool = False,
    bands: RegionSettings | None = None,
) -> RegionOverview:
    """Every table of the overview, in the language of ``msg``; ``default_key`` says that the case
    codes were made with retro's public default key (the overview then says so); ``bands`` are the
    ``[region]`` settings of the rows of one case (the defaults when not given)."""
    bands = replace(bands or defaults().region, min_count=min_count)
    cases, skipped = sorted(cases, key=lambda c: c.code), sorted(skipped)
    count = Counts(min_count, msg)
    span = time_span(cases, bands.bands.months, min_count)
    years, court, moved = (
        _year_table(cases, count, msg),
        _court_table(cases, count, msg, span.beyond),
        _moved(cases, count),
    )
    groups = lesson_groups(cases, msg)
    hidden_patterns, hidden_spread = hide_together(*_pattern_counts(cases), min_count)
    review = review_tables(cases, count, msg, hidden_patterns)
    intro = tuple(
        msg(f"region.intro.{key}", min_count=min_count, below=count.below, hidden=count.hidden)
        for key in INTRO
    )
    return RegionOverview(
        msg.lang,
        msg("region.generated", when=generated_at.strftime(msg("region.time_format"))),
        generated_at,
        min_count,
        count.below,
        len(cases),
        intro,
        msg("region.key_warning") if default_key else None,
        _totals(cases, len(skipped), min_count, msg),
        case_table(cases, count, msg, years=years, court=court, moved=moved, bands=bands),
        _pattern_table(cases, count, msg, hidden_patterns),
        _spread_table(cases, count, msg, hidden_spread),
        years,
        _time_table(cases, count, msg, span),
        court,
        moved,
        _compulsory(cases, moved, msg),
        theme_table(groups, msg),
        groups,
        _skipped(skipped, msg),
        review.confirmed,
        review.agreement,
        actions_table(cases, count, msg),
        review.reviewed,
    )
