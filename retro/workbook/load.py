"""Reading and checking a workbook, from file to :class:`~retro.model.Case`: the one module above
:mod:`.cells` (tables and the checker), :mod:`.build` (model objects) and :mod:`.quality`
(warnings).

Every non-empty row is either loaded or reported (with sheet, row, column, value and a stable code),
so ``rows_read == rows_loaded + rows with errors`` for every sheet."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..config import Settings, defaults
from ..errors import InvalidCaseError, Problem
from ..model import Case
from ..schema import SHEETS, sheet_by_name
from .build import build_case
from .cells import Checker, Table, resembled_sheet, table_of
from .quality import quality_warnings
from .read import RawSheet, read_workbook


@dataclass(frozen=True)
class Validation:
    """The outcome of reading and checking a workbook."""

    case: Case | None
    problems: tuple[Problem, ...]
    rows_read: Mapping[str, int] = field(default_factory=dict)
    rows_loaded: Mapping[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)

    @property
    def is_valid(self) -> bool:
        return not self.errors


def validate_workbook(
    path: str | Path, config: Settings | None = None, *, warnings: bool = True
) -> Validation:
    """Read and check a workbook.  Raises :class:`~retro.errors.UnusableFileError` for a file that
    is no workbook.  ``warnings=False`` leaves out the warnings about the quality of the timeline
    (:mod:`.quality`), for a caller that shows none of them (the regional export)."""
    settings = config or defaults()
    raw_sheets = read_workbook(path, settings.reading)
    check = Checker(settings)
    tables: dict[str, Table] = {}
    first_named: dict[str, str] = {}
    for raw in raw_sheets:
        sheet = sheet_by_name(raw.name)
        if sheet is None:
            continue
        if sheet.key in first_named:  # which of the two holds the case? Only a person can say
            check.problems.append(
                Problem(
                    "duplicate_sheet",
                    sheet=raw.name,
                    params={"first": first_named[sheet.key], "second": raw.name},
                )
            )
            continue
        first_named[sheet.key] = raw.name
        table = table_of(raw, sheet, check)
        if table is not None:
            tables[sheet.key] = table
    present = {sheet.key for r in raw_sheets if (sheet := sheet_by_name(r.name))}
    check.problems += renamed_sheets(raw_sheets, present)
    for sheet in SHEETS:
        if sheet.required and sheet.key not in present:
            check.problems.append(
                Problem(
                    "missing_sheet",
                    params={
                        "name": sheet.nl,
                        "alias": sheet.en,
                        "found": ", ".join(r.name for r in raw_sheets),
                    },
                )
            )
    case, loaded = build_case(tables, check)
    rows_read = {key: len(table.rows) for key, table in tables.items()}
    order = {t.name: i for i, t in enumerate(tables.values())}
    problems = sorted(check.problems, key=lambda p: (order.get(p.sheet or "", -1), p.row or 0))
    if case is not None and warnings:  # with the errors, so that both are seen at once
        problems += quality_warnings(case, tables, settings)
    if case is None or any(p.is_error for p in problems):
        return Validation(None, tuple(problems), rows_read, loaded)
    case = replace(
        case,
        rows_read=rows_read,
        warnings=tuple(p for p in problems if not p.is_error),
        extra_columns={k: t.extra_headers for k, t in tables.items() if t.extra_headers},
    )
    return Validation(case, tuple(problems), rows_read, loaded)


def renamed_sheets(raw_sheets: list[RawSheet], present: set[str]) -> list[Problem]:
    """A warning for each sheet of another name that has the headers of a sheet the workbook
    lacks."""
    found = []
    for raw in raw_sheets:
        if sheet_by_name(raw.name) is None and raw.rows:
            sheet = resembled_sheet(raw)
            if sheet is not None and sheet.key not in present:
                found.append(
                    Problem(
                        "sheet_renamed",
                        "warning",
                        sheet=raw.name,
                        params={"name": sheet.nl, "alias": sheet.en, "sheet_key": sheet.key},
                    )
                )
    return found


def load_case(path: str | Path, config: Settings | None = None, *, warnings: bool = True) -> Case:
    """The validated case in a workbook.  Raises :class:`~retro.errors.InvalidCaseError` listing
    every error (``warnings`` as for :func:`validate_workbook`)."""
    result = validate_workbook(path, config, warnings=warnings)
    if result.case is None:
        raise InvalidCaseError(result.problems, result.rows_read)
    return result.case
