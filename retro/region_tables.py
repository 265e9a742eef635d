"""The regional overview as plain tables: computed once, written as a workbook and as a web page.

Every count of cases or lessons below ``min_count`` is the text ``"<5"`` (see
:mod:`retro.region_counts`), in the tables across cases and in the row of one case (see
:mod:`retro.region_cases` for what a case's row may show).  Patterns are counted across cases
only.  The percentiles of professionals over time are shown only for months in which
``min_count`` cases were still open.  Cases are in the order of their codes.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable, Sequence

from .anonymise import AnonymousCase, CaseCode
from .findings import FLAG_KINDS
from .messages import Messages
from .region_cases import case_table
from .region_counts import Counts, Table, all_hidden
from .region_lessons import ThemeGroup, lesson_groups, theme_table

COURT_BINS = (0, 6, 12, 24, 36)  # lower bounds, in months, of the bins of time to the first court moment
INTRO = ("holds", "not_holds", "codes", "dates", "counts", "per_case", "patterns", "lessons", "formulas")


@dataclass(frozen=True)
class RegionOverview:
    lang: str
    generated: str  # the generation time, as the reader reads it
    generated_at: datetime
    min_count: int
    below: str
    case_count: int
    intro: tuple[str, ...]
    totals: Table
    cases: Table
    patterns: Table  # pattern, cases with it, times found, share of the cases
    pattern_spread: Table  # number of different patterns, cases with that many
    years: Table
    time: Table  # month, open cases, median, p25, p75
    court: Table
    compulsory: tuple[str, ...]
    themes: Table
    lessons: tuple[ThemeGroup, ...]
    skipped: Table


def _pattern_table(cases: Sequence[AnonymousCase], count: Counts, msg: Messages) -> Table:
    rows = []
    for i, kind in enumerate(FLAG_KINDS):
        shown = count(sum(1 for c in cases if c.patterns[i]))
        if isinstance(shown, int):  # how often, and what share, only where the number of cases is shown
            flags, share = count(sum(c.patterns[i] for c in cases)), msg("region.percent", value=round(100 * shown / len(cases)))
        else:
            flags = share = msg("region.hidden")
        rows.append((msg(f"region.pattern.{kind}"), shown, flags, share))
    note = count.too_few if all_hidden(row[1] for row in rows) else None
    return Table(tuple(msg(f"region.column.{c}") for c in ("pattern", "cases_with", "flags", "share")), tuple(rows), note)


def _spread_table(cases: Sequence[AnonymousCase], count: Counts, msg: Messages) -> Table:
    """How many cases have 0, 1, 2, ... different patterns: every number a row, so the rows tell nothing."""
    different = [sum(1 for n in c.patterns if n) for c in cases]
    rows = tuple((k, count(different.count(k))) for k in range(len(FLAG_KINDS) + 1))
    note = count.too_few if all_hidden(n for _, n in rows) else None
    return Table((msg("region.column.different_patterns"), msg("region.column.cases")), rows, note)


def _year_table(cases: Sequence[AnonymousCase], count: Counts, msg: Messages) -> Table:
    years = [c.start_year for c in cases]
    shared = sorted({year for year in years if count.shows(years.count(year))})
    rows: list[tuple] = [(year, years.count(year)) for year in shared]
    others = sum(1 for year in years if year not in shared)
    if others:
        rows.append((msg("region.other_years"), count(others)))
    return Table((msg("region.column.year"), msg("region.column.cases")), tuple(rows))


def _time_table(cases: Sequence[AnonymousCase], count: Counts, msg: Messages) -> Table:
    rows = []
    for month in range(max((len(c.measures.professionals_by_month) for c in cases), default=0)):
        values = [c.measures.professionals_by_month[month] for c in cases if len(c.measures.professionals_by_month) > month]
        if not count.shows(len(values)):
            break
        q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive") if len(values) > 1 else (values[0],) * 3
        rows.append((month, len(values), statistics.median(values), q1, q3))
    columns = tuple(msg(f"region.column.{c}") for c in ("month", "open_cases", "median", "p25", "p75"))
    return Table(columns, tuple(rows), None if rows else count.too_few)


def _court_table(cases: Sequence[AnonymousCase], count: Counts, msg: Messages) -> Table:
    months = [c.measures.months_to_first_court for c in cases]
    rows = []
    for low, high in zip(COURT_BINS, (*COURT_BINS[1:], None)):
        n = sum(1 for m in months if m is not None and m >= low and (high is None or m < high))
        label = msg("region.court.range", low=low, high=high - 1) if high else msg("region.court.from", low=low)
        rows.append((label, count(n)))
    rows.append((msg("region.court.never"), count(sum(1 for m in months if m is None))))
    note = count.too_few if all_hidden(n for _, n in rows) else None
    return Table((msg("region.column.period"), msg("region.column.cases")), tuple(rows), note)


def _compulsory(cases: Sequence[AnonymousCase], count: Counts, msg: Messages) -> tuple[str, ...]:
    moves = [c.measures.compulsory_move_month for c in cases if c.measures.compulsory_move_month is not None]
    lines = [msg("region.compulsory.cases", count=count(len(moves)))]
    if count.shows(len(moves)):
        lines.append(msg("region.compulsory.median", month=statistics.median(moves)))
    return tuple(lines)


def _totals(cases: Sequence[AnonymousCase], skipped: int, min_count: int, msg: Messages) -> Table:
    return Table(("", ""), ((msg("region.totals.cases"), len(cases)), (msg("region.totals.skipped"), skipped),
                            (msg("region.totals.lessons"), sum(len(c.lessons) for c in cases)),
                            (msg("region.totals.min_count"), min_count)))


def region_overview(cases: Sequence[AnonymousCase], skipped: Iterable[tuple[CaseCode, str]], min_count: int,
                    generated_at: datetime, msg: Messages) -> RegionOverview:
    """Every table of the overview, in the language of ``msg``."""
    cases = sorted(cases, key=lambda c: c.code)
    skipped = sorted(skipped)
    count = Counts(min_count, msg)
    court = _court_table(cases, count, msg)
    groups = lesson_groups(cases, count, msg)
    skipped_table = Table((msg("region.column.code"), msg("region.column.reason")),
                          tuple((str(code), msg(f"region.reason.{reason}")) for code, reason in skipped),
                          None if skipped else msg("region.all_read"))
    intro = tuple(msg(f"region.intro.{key}", min_count=min_count, below=count.below, hidden=msg("region.hidden"))
                  for key in INTRO)
    return RegionOverview(
        msg.lang, msg("region.generated", when=generated_at.strftime(msg("region.time_format"))), generated_at,
        min_count, count.below, len(cases), intro, _totals(cases, len(skipped), min_count, msg),
        case_table(cases, count, court, msg), _pattern_table(cases, count, msg), _spread_table(cases, count, msg),
        _year_table(cases, count, msg), _time_table(cases, count, msg), court, _compulsory(cases, count, msg),
        theme_table(groups, count, msg), groups, skipped_table)
