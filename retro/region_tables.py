"""The regional overview as plain tables: computed once, written as a workbook and as a web page.

Every number of cases or lessons that share something (a pattern, a start year, a theme, a
time to court) below ``min_count`` becomes the text ``"<5"``; a start year is shown only
when ``min_count`` cases share it; the percentiles of professionals over time only for
months in which ``min_count`` cases were still open.  Lesson texts are rendered from their
scrubbed parts here, in the overview's language.  Cases are in the order of their codes.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable, Sequence

from .anonymise import AnonymousCase, CaseCode
from .findings import FLAG_KINDS
from .messages import Messages
from .scrub import ScrubbedText

Cell = int | float | str | None
COURT_BINS = (0, 6, 12, 24, 36)  # lower bounds, in months, of the bins of time to the first court moment


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class LessonGroup:
    theme: str
    audience: str
    count: int | str
    lessons: tuple[str, ...]


@dataclass(frozen=True)
class RegionOverview:
    lang: str
    generated: str  # the generation time, as the reader reads it
    generated_at: datetime
    min_count: int
    below: str
    intro: tuple[str, ...]
    totals: Table
    cases: Table
    case_patterns: tuple[tuple[str, tuple[int, ...]], ...]  # (code, flags per kind) for the chart
    patterns: Table
    years: Table
    time: Table  # month, open cases, median, p25, p75
    court: Table
    compulsory: tuple[str, ...]
    themes: Table
    lessons: tuple[LessonGroup, ...]
    skipped: Table


class _Counts:
    """Counts as they may be shown: the number, or '<5'."""

    def __init__(self, min_count: int, msg: Messages) -> None:
        self.min_count = min_count
        self.below = msg("region.below", min_count=min_count)

    def __call__(self, n: int) -> int | str:
        return n if n >= self.min_count else self.below


def _case_table(cases: Sequence[AnonymousCase], shown_years: set[int], msg: Messages) -> Table:
    columns = tuple(msg(f"region.column.{c}") for c in (
        "code", "start_year", "events", "months", "professionals", "max_professionals", "handovers",
        "court_moments", "months_to_first_court", "compulsory_move")) + tuple(msg(f"region.pattern.{k}") for k in FLAG_KINDS)
    rows = []
    for case in cases:
        m = case.measures
        year = case.start_year if case.start_year in shown_years else msg("region.hidden")
        rows.append((str(case.code), year, m.events, m.months, m.professionals, m.max_professionals, m.handovers,
                     m.court_moments, m.months_to_first_court, m.compulsory_move_month, *case.patterns))
    return Table(columns, tuple(rows))


def _pattern_table(cases: Sequence[AnonymousCase], count: _Counts, msg: Messages) -> Table:
    rows = []
    for i, kind in enumerate(FLAG_KINDS):
        with_pattern = sum(1 for c in cases if c.patterns[i])
        shown = count(with_pattern)
        share = msg("region.percent", value=round(100 * with_pattern / len(cases))) if isinstance(shown, int) and cases else None
        rows.append((msg(f"region.pattern.{kind}"), shown, count(sum(c.patterns[i] for c in cases)), share))
    return Table(tuple(msg(f"region.column.{c}") for c in ("pattern", "cases_with", "flags", "share")), tuple(rows))


def _year_table(years: Counter[int], shown_years: set[int], count: _Counts, msg: Messages) -> Table:
    rows: list[tuple[Cell, ...]] = [(year, years[year]) for year in sorted(shown_years)]
    others = sum(n for year, n in years.items() if year not in shown_years)
    if others:
        rows.append((msg("region.other_years"), count(others)))
    return Table((msg("region.column.year"), msg("region.column.cases")), tuple(rows))


def _time_table(cases: Sequence[AnonymousCase], min_count: int, msg: Messages) -> Table:
    rows = []
    for month in range(max((len(c.measures.professionals_by_month) for c in cases), default=0)):
        values = [c.measures.professionals_by_month[month] for c in cases if len(c.measures.professionals_by_month) > month]
        if len(values) < min_count:
            break
        q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive") if len(values) > 1 else (values[0],) * 3
        rows.append((month, len(values), statistics.median(values), q1, q3))
    return Table(tuple(msg(f"region.column.{c}") for c in ("month", "open_cases", "median", "p25", "p75")), tuple(rows))


def _court_table(cases: Sequence[AnonymousCase], count: _Counts, msg: Messages) -> Table:
    months = [c.measures.months_to_first_court for c in cases]
    rows = []
    for low, high in zip(COURT_BINS, (*COURT_BINS[1:], None)):
        n = sum(1 for m in months if m is not None and m >= low and (high is None or m < high))
        label = msg("region.court.range", low=low, high=high - 1) if high else msg("region.court.from", low=low)
        rows.append((label, count(n)))
    rows.append((msg("region.court.never"), count(sum(1 for m in months if m is None))))
    return Table((msg("region.column.period"), msg("region.column.cases")), tuple(rows))


def _compulsory(cases: Sequence[AnonymousCase], count: _Counts, msg: Messages) -> tuple[str, ...]:
    moves = [c.measures.compulsory_move_month for c in cases if c.measures.compulsory_move_month is not None]
    lines = [msg("region.compulsory.cases", count=count(len(moves)))]
    if len(moves) >= count.min_count:
        lines.append(msg("region.compulsory.median", month=statistics.median(moves)))
    return tuple(lines)


def _label(text: ScrubbedText | None, empty: str, msg: Messages) -> str:
    rendered = " ".join(text.render(msg).split()).casefold() if text is not None else ""
    return rendered or empty


def _lesson_groups(cases: Sequence[AnonymousCase], count: _Counts, msg: Messages) -> tuple[LessonGroup, ...]:
    groups: dict[tuple[str, str], list[str]] = {}
    for case in cases:
        for lesson in case.lessons:
            key = (_label(lesson.theme, msg("region.no_theme"), msg), _label(lesson.audience, msg("region.no_audience"), msg))
            groups.setdefault(key, []).append(" ".join(lesson.text.render(msg).split()))
    return tuple(LessonGroup(theme, audience, count(len(texts)), tuple(sorted(texts)))
                 for (theme, audience), texts in sorted(groups.items()))


def _theme_table(groups: Sequence[LessonGroup], count: _Counts, msg: Messages) -> Table:
    themes: Counter[str] = Counter()
    for group in groups:
        themes[group.theme] += len(group.lessons)
    rows = tuple((theme, count(themes[theme])) for theme in sorted(themes))
    return Table((msg("region.column.theme"), msg("region.column.count")), rows)


def _intro(min_count: int, below: str, msg: Messages) -> tuple[str, ...]:
    return tuple(msg(f"region.intro.{key}", min_count=min_count, below=below)
                 for key in ("holds", "not_holds", "codes", "dates", "counts", "lessons", "formulas"))


def region_overview(cases: Sequence[AnonymousCase], skipped: Iterable[tuple[CaseCode, str]], min_count: int,
                    generated_at: datetime, msg: Messages) -> RegionOverview:
    """Every table of the overview, in the language of ``msg``."""
    cases = sorted(cases, key=lambda c: c.code)
    skipped = sorted(skipped)
    count = _Counts(min_count, msg)
    years = Counter(c.start_year for c in cases)
    shown_years = {year for year, n in years.items() if n >= min_count}
    groups = _lesson_groups(cases, count, msg)
    totals = Table(("", ""), ((msg("region.totals.cases"), len(cases)), (msg("region.totals.skipped"), len(skipped)),
                              (msg("region.totals.lessons"), sum(len(c.lessons) for c in cases)),
                              (msg("region.totals.min_count"), min_count)))
    skipped_table = Table((msg("region.column.code"), msg("region.column.reason")),
                          tuple((str(code), msg(f"region.reason.{reason}")) for code, reason in skipped))
    return RegionOverview(
        msg.lang, msg("region.generated", when=generated_at.strftime(msg("region.time_format"))), generated_at,
        min_count, count.below, _intro(min_count, count.below, msg), totals, _case_table(cases, shown_years, msg),
        tuple((str(c.code), c.patterns) for c in cases), _pattern_table(cases, count, msg),
        _year_table(years, shown_years, count, msg), _time_table(cases, min_count, msg), _court_table(cases, count, msg),
        _compulsory(cases, count, msg), _theme_table(groups, count, msg), groups, skipped_table)
