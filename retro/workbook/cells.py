"""Raw sheets as tables of rows under known columns, and the :class:`Checker` that collects
problems.

Validation is lazy: it never stops at the first problem.  :func:`table_of` finds a sheet's header
and keeps every non-empty row (a formula is reported here, once); :class:`Checker` turns cells into
values (vocabulary keys, dates, actor ids), reporting each problem with sheet, row, column, value
and a stable code, and counting the errors of each row so that :mod:`retro.workbook.build` loads
only rows without one."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ..config import Settings
from ..dates import DateProblem, parse_date
from ..errors import Problem, Severity
from ..model import PartialDate
from ..schema import (
    LIST_SEPARATORS,
    SHEETS,
    VOCABULARIES,
    Column,
    Sheet,
    column_by_header,
    normalise,
    term_key,
)
from .read import RawSheet, is_filled

_HEADER_SEARCH_ROWS = 5


@dataclass
class Row:
    """A non-empty row under its sheet's header.  ``cells`` holds only the filled cells
    (:func:`~retro.workbook.read.is_filled`), so :meth:`value` is ``None`` exactly for an empty
    cell."""

    number: int
    cells: dict[str, tuple[Any, str]]  # column key -> (value, header as written)
    extra: dict[str, str]
    errors: int = 0
    formulas: frozenset[str] = frozenset()  # column keys holding a formula (already reported)

    def value(self, key: str) -> Any:
        return self.cells.get(key, (None, ""))[0]

    def header(self, key: str) -> str:
        return self.cells.get(key, (None, key))[1]


@dataclass
class Table:
    sheet: Sheet
    name: str
    rows: list[Row]
    extra_headers: tuple[str, ...]
    headers: dict[str, str] = field(default_factory=dict)  # column key -> header as written


MOST_MINUTES = 600  # more minutes than a long session day: a typing error


class Checker:
    """Collects problems while building the model objects of one workbook."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.problems: list[Problem] = []

    def report(
        self,
        code: str,
        table: Table | None = None,
        row: Row | None = None,
        key: str | None = None,
        value: Any = None,
        severity: Severity = "error",
        **params: Any,
    ) -> None:
        if code == "empty_required" and row is not None and key in row.formulas:
            return  # the formula in this cell is the problem, reported once already
        if row is not None and severity == "error":
            row.errors += 1
        column = key
        if key and table is not None:
            column = (
                row.cells[key][1]
                if (row is not None and key in row.cells)
                else table.headers.get(key, key)
            )
        self.problems.append(
            Problem(
                code,
                severity,
                sheet=table.name if table else None,
                row=row.number if row else None,
                column=column,
                value=None if value is None else text(value),
                params=params,
            )
        )

    def vocabulary(self, table: Table, row: Row, key: str, required: bool = False) -> str | None:
        raw = row.value(key)
        if raw is None:
            if required:
                self.report("empty_required", table, row, key)
            return None
        vocabulary = table.sheet.column(key).vocabulary
        assert vocabulary is not None, f"column {key} has no vocabulary"
        found = term_key(vocabulary, text(raw))
        if found is None:
            terms = VOCABULARIES[vocabulary]
            names = [t.nl for t in terms] + [t.en for t in terms]
            close = difflib.get_close_matches(normalise(raw), names, n=1, cutoff=0.5)
            self.report(
                "unknown_value",
                table,
                row,
                key,
                raw,
                suggestion=close[0] if close else "",
                allowed=", ".join(t.nl for t in terms),
            )
        return found

    def date(self, table: Table, row: Row, key: str, required: bool = False) -> PartialDate | None:
        raw = row.value(key)
        if raw is None:
            if required:
                self.report("empty_required", table, row, key)
            return None
        limits = self.settings.reading
        try:
            return parse_date(raw, min_year=limits.min_year, max_year=limits.max_year)
        except DateProblem as problem:
            self.report(
                problem.code,
                table,
                row,
                key,
                raw,
                min_year=limits.min_year,
                max_year=limits.max_year,
            )
            return None

    def actor_ref(
        self, table: Table, row: Row, key: str, known: Mapping[str, str], raw: Any = None
    ) -> str | None:
        if raw is None:
            raw = row.value(key)
            if raw is None:
                return None
        elif not is_filled(raw):
            return None
        wanted = text(raw)
        found = known.get(normalise(wanted))
        if found is None:
            close = difflib.get_close_matches(wanted, list(known.values()), n=1, cutoff=0.5)
            self.report(
                "unknown_actor",
                table,
                row,
                key,
                wanted,
                suggestion=close[0] if close else "",
                known=", ".join(sorted(known.values())[:30]),
            )
        return found

    def minutes(self, table: Table, row: Row, key: str) -> int | None:
        """A number of minutes: a whole number from 1 to ``MOST_MINUTES``, or empty."""
        raw = row.value(key)
        if raw is None:
            return None
        try:
            number = float(text(raw).replace(",", "."))
        except ValueError:
            number = 0.0
        if not number.is_integer() or not 1 <= number <= MOST_MINUTES:
            self.report("not_minutes", table, row, key, raw, most=MOST_MINUTES)
            return None
        return int(number)

    def required_text(self, table: Table, row: Row, key: str) -> str | None:
        raw = row.value(key)
        if raw is None:
            self.report("empty_required", table, row, key)
            return None
        return text(raw)


def text(value: Any) -> str:
    """A cell value as the text a user typed."""
    if value.__class__ is str:  # most cells: none of the types below
        return value.strip()
    if isinstance(
        value, bool
    ):  # a TRUE/FALSE cell: Excel's own words, read as yes/no where that is asked
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return str(value).strip()


def optional(row: Row, key: str) -> str | None:
    raw = row.value(key)
    return None if raw is None else text(raw)


def split_ids(value: Any) -> list[str]:
    return (
        [part.strip() for part in LIST_SEPARATORS.split(text(value)) if part.strip()]
        if is_filled(value)
        else []
    )


def unique_ids(rows: list[Row], table: Table, check: Checker, key: str) -> dict[str, str]:
    """Unique ids of a sheet (normalised -> as written); duplicates are reported."""
    seen: dict[str, str] = {}
    for row in rows:
        raw = row.value(key)
        if raw is None:
            continue
        ident = text(raw)
        folded = normalise(ident)
        if folded in seen:
            check.report("duplicate_id", table, row, key, ident)
        else:
            seen[folded] = ident
    return seen


def _find_header(raw: RawSheet, sheet: Sheet) -> int | None:
    best, best_row = 0, None
    for index, row in enumerate(raw.rows[:_HEADER_SEARCH_ROWS]):
        hits = sum(1 for v in row if is_filled(v) and column_by_header(sheet, v) is not None)
        if hits > best:
            best, best_row = hits, index
    return best_row


def resembled_sheet(raw: RawSheet, least: int = 3) -> Sheet | None:
    """The sheet of the contract whose headers a sheet of another name has (at least ``least`` of
    them in one of its first rows): a sheet people renamed, which retro would otherwise not read."""
    best, found = least - 1, None
    for sheet in SHEETS:
        for row in raw.rows[:_HEADER_SEARCH_ROWS]:
            hits = {c.key for v in row if is_filled(v) and (c := column_by_header(sheet, v))}
            if len(hits) > best:
                best, found = len(hits), sheet
    return found


def table_of(raw: RawSheet, sheet: Sheet, check: Checker) -> Table | None:
    header_index = _find_header(raw, sheet)
    if header_index is None:
        for column in sheet.columns:
            if column.required:
                check.problems.append(
                    Problem(
                        "missing_column",
                        sheet=raw.name,
                        row=1,
                        params={"name": column.nl, "alias": column.en},
                    )
                )
        return None
    header_row = raw.rows[header_index]
    columns: dict[int, tuple[Column | None, str]] = {}
    for index, value in enumerate(header_row):
        if is_filled(value):
            columns[index] = (column_by_header(sheet, value), text(value))
    found = {c.key for c, _ in columns.values() if c}
    missing = [c for c in sheet.columns if c.required and c.key not in found]
    for column in missing:
        check.problems.append(
            Problem(
                "missing_column",
                sheet=raw.name,
                row=header_index + 1,
                params={"name": column.nl, "alias": column.en},
            )
        )
    extra_headers = tuple(h for c, h in columns.values() if c is None)
    for header in extra_headers:
        check.problems.append(
            Problem(
                "unknown_column", "warning", sheet=raw.name, row=header_index + 1, column=header
            )
        )
    if missing:
        return None
    last = max([len(raw.rows)] + [r for r, _ in raw.formulas])
    formulas = _formulas_by_row(raw.formulas)
    known = [(i, c.key, h) for i, (c, h) in columns.items() if c]
    unknown = [(i, h) for i, (c, h) in columns.items() if c is None]
    rows = []
    for index in range(header_index + 1, last):
        values = raw.rows[index] if index < len(raw.rows) else []
        number = index + 1
        formula_columns = formulas.get(number, [])
        filled = _filled_cells(values)
        if not formula_columns and not filled:
            continue
        cells = {key: (filled[i], header) for i, key, header in known if i in filled}
        extra = {header: text(filled[i]) for i, header in unknown if i in filled}
        row = Row(number, cells, extra)
        if formula_columns:
            _formulas_in(row, formula_columns, columns, check, raw.name)
        rows.append(row)
    headers = {c.key: h for c, h in columns.values() if c}
    return Table(sheet, raw.name, rows, extra_headers, headers)


def _formulas_in(
    row: Row,
    formula_columns: list[int],
    columns: dict[int, tuple[Column | None, str]],
    check: Checker,
    sheet_name: str,
) -> None:
    """Report each formula of a row (an error of the row) and note the columns that hold one."""
    row.formulas = frozenset(
        known.key for c in formula_columns if c in columns and (known := columns[c][0])
    )
    for col_index in formula_columns:
        header = columns[col_index][1] if col_index in columns else f"#{col_index + 1}"
        row.errors += 1
        check.problems.append(Problem("formula", sheet=sheet_name, row=row.number, column=header))


def _formulas_by_row(formulas: frozenset[tuple[int, int]]) -> dict[int, list[int]]:
    """Row number -> the column indexes of its formulas, in order: looked up once per sheet, not
    searched for every row."""
    found: dict[int, list[int]] = {}
    for number, column in sorted(formulas):
        found.setdefault(number, []).append(column)
    return found


def _filled_cells(values: list[Any]) -> dict[int, Any]:
    """Column index -> value of every filled cell of a row: :func:`is_filled` written out, as it
    runs for every cell of every sheet."""
    return {
        index: value
        for index, value in enumerate(values)
        if value is not None and (not isinstance(value, str) or value.strip())
    }
