"""Dates as facilitators write them: read keeping their precision, and written back in words.

Accepted: Excel dates, ``dd-mm-jjjj`` (also ``/`` and ``.``), ``jjjj-mm-dd``, ``mm-jjjj``,
``jjjj-mm``, ``jjjj``, and a month name with a year (``maart 2023``, ``mrt 2023``, ``3 maart 2023``,
English names too).  A partial date keeps its precision.

For sentences, :func:`date_words` and :func:`period_words` write a date or a period as a reader
says it, with the words of the ``dates`` message catalogue: ``12 juni 2021``, ``in juni 2021``,
``van juni tot augustus 2021``, ``van 2018 tot 6 december 2022``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .messages import Messages
from .model import PartialDate

MONTHS = {
    "januari": 1,
    "jan": 1,
    "january": 1,
    "februari": 2,
    "feb": 2,
    "february": 2,
    "maart": 3,
    "mrt": 3,
    "mar": 3,
    "march": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "may": 5,
    "juni": 6,
    "jun": 6,
    "june": 6,
    "juli": 7,
    "jul": 7,
    "july": 7,
    "augustus": 8,
    "aug": 8,
    "august": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "oct": 10,
    "october": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}

_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_YEAR_FIRST = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[-/.](\d{4})$")
_YEAR_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})$")
_YEAR = re.compile(r"^(\d{4})$")
_NAMED = re.compile(r"^(?:(\d{1,2})\s+)?([a-z]+)\.?\s+(\d{4})$")
_EXCEL_EPOCH = date(1899, 12, 30)


@dataclass(frozen=True, slots=True)
class DateProblem(Exception):
    """Why a value is not a date: ``impossible`` (31-02-2023) or ``unreadable`` (13-2023)."""

    code: str


def _make(year: int, month: int, day: int, precision: str) -> PartialDate:
    try:
        return PartialDate(date(year, month, day), precision)  # type: ignore[arg-type]
    except ValueError:
        raise DateProblem("impossible_date") from None


def _month(year: int, month: int) -> PartialDate:
    if not 1 <= month <= 12:
        raise DateProblem("unreadable_date")
    return _make(year, month, 1, "month")


def _from_text(text: str) -> PartialDate:
    text = " ".join(text.strip().lower().split())
    if m := _DAY_FIRST.match(text):
        return _make(int(m[3]), int(m[2]), int(m[1]), "day")
    if m := _YEAR_FIRST.match(text):
        return _make(int(m[1]), int(m[2]), int(m[3]), "day")
    if m := _MONTH_YEAR.match(text):
        return _month(int(m[2]), int(m[1]))
    if m := _YEAR_MONTH.match(text):
        return _month(int(m[1]), int(m[2]))
    if m := _YEAR.match(text):
        return _make(int(m[1]), 1, 1, "year")
    if (m := _NAMED.match(text)) and m[2] in MONTHS:
        if m[1]:
            return _make(int(m[3]), MONTHS[m[2]], int(m[1]), "day")
        return _make(int(m[3]), MONTHS[m[2]], 1, "month")
    raise DateProblem("unreadable_date")


def parse_date(value: object, *, min_year: int = 1950, max_year: int = 2100) -> PartialDate:
    """A :class:`PartialDate` from a cell value, or :class:`DateProblem`."""
    if isinstance(value, datetime):
        result = PartialDate(value.date(), "day")
    elif isinstance(value, date):
        result = PartialDate(value, "day")
    elif isinstance(value, bool):
        raise DateProblem("unreadable_date")
    elif isinstance(value, (int, float)):
        if 1000 <= value <= 9999 and float(value).is_integer():
            result = _make(int(value), 1, 1, "year")
        elif 1 <= value < 2958466:
            result = PartialDate(_EXCEL_EPOCH + timedelta(days=int(value)), "day")
        else:
            raise DateProblem("unreadable_date")
    else:
        result = _from_text(str(value))
    if not min_year <= result.start.year <= max_year:
        raise DateProblem("year_out_of_range")
    return result


# ---- in words ---------------------------------------------------------------------------


def _partial(value: PartialDate | date) -> PartialDate:
    return value if isinstance(value, PartialDate) else PartialDate(value)


def date_words(value: PartialDate | date, msg: Messages, *, year: bool = True) -> str:
    """A date in words at its own precision: ``12 juni 2021``, ``juni 2021``, ``2021`` (without
    the year with ``year=False``: ``12 juni``, ``juni``)."""
    when = _partial(value)
    month = msg.raw("dates.months")[when.start.month - 1]
    key = "dates.year" if when.precision == "year" else f"dates.{when.precision}"
    text = msg(key, day=when.start.day, month=month, year=when.start.year)
    return (
        text
        if year or when.precision == "year"
        else msg(f"dates.{when.precision}_no_year", day=when.start.day, month=month)
    )


def period_words(start: PartialDate | date, end: PartialDate | date, msg: Messages) -> str:
    """A period as a phrase of a sentence: ``in juni 2021`` when it is one day, month or year at
    the precision of ``start``; ``van juni tot augustus 2021`` within a year; ``van 2018 tot 6
    december 2022`` otherwise."""
    first, last = _partial(start), _partial(end)
    if first.start == last.start and first.precision == last.precision:
        return msg(f"dates.in_{first.precision}", date=date_words(first, msg))
    if first.precision != "day" and first.end >= last.end and first.start <= last.start:
        return msg(f"dates.in_{first.precision}", date=date_words(first, msg))
    same_year = first.start.year == last.start.year and "year" not in (
        first.precision,
        last.precision,
    )
    if same_year:
        return msg(
            "dates.between",
            start=date_words(first, msg, year=False),
            end=date_words(last, msg),
        )
    return msg("dates.between", start=date_words(first, msg), end=date_words(last, msg))
