"""The workbook a facilitator fills in: every sheet of the contract, explained.

Sheet names, headers and drop-down lists come from :mod:`retro.schema`; every sentence from the
``template`` message catalogue.  ``content`` (used to build the sample cases) replaces the example
rows with real rows."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..dates import DateProblem, parse_date
from ..messages import Messages
from ..schema import SHEETS, VOCABULARIES, Column, Sheet
from .cells import MOST_MINUTES

_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_DATE_FORMAT = "dd-mm-yyyy"
_MAX_ROWS = 1000
_INSTRUCTIONS_WIDTH = 80  # characters; fits a printed A4 page
_WIDE = {
    "description": 60,
    "question": 60,
    "lesson": 60,
    "action": 60,
    "summary": 70,
    "pattern": 28,
    "note": 40,
    "value": 40,
    "name": 24,
    "organisation": 28,
}


def _vocabulary_ranges(book: Workbook, lang: str, title: str) -> dict[str, str]:
    """A hidden sheet with one column per vocabulary; returns vocabulary -> range formula."""
    sheet = book.create_sheet(title)
    ranges = {}
    for index, (name, terms) in enumerate(VOCABULARIES.items(), start=1):
        letter = get_column_letter(index)
        sheet.cell(1, index, name)
        for row, term in enumerate(terms, start=2):
            sheet.cell(row, index, term.name(lang))
        ranges[name] = f"{quote_sheetname(title)}!${letter}$2:${letter}${len(terms) + 1}"
    sheet.sheet_state = "hidden"
    return ranges


def _validation(
    formula: str, column_letter: str, msg: Messages, strict: bool = True
) -> DataValidation:
    check = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=strict)
    check.error = msg("template.validation_error")
    check.prompt = msg("template.validation_prompt")
    check.add(f"{column_letter}2:{column_letter}{_MAX_ROWS}")
    return check


def _whole_minutes(column_letter: str, msg: Messages) -> DataValidation:
    """A whole number of minutes, as ``Checker.minutes`` accepts."""
    check = DataValidation(
        type="whole", operator="between", formula1="1", formula2=str(MOST_MINUTES), allow_blank=True
    )
    check.error = msg("template.minutes_error", most=MOST_MINUTES)
    check.add(f"{column_letter}2:{column_letter}{_MAX_ROWS}")
    return check


def _cell_value(column_kind: str, value: Any) -> Any:
    if (
        column_kind == "date"
        and isinstance(value, str)
        and value.count("-") == 2
        and len(value) == 10
    ):
        try:
            parsed = parse_date(value)
        except DateProblem:
            return value
        if parsed.precision == "day":
            return datetime(parsed.start.year, parsed.start.month, parsed.start.day)
    return value


def header_cell(ws: Worksheet, index: int, sheet: Sheet, column: Column, msg: Messages) -> None:
    """The header of one column: its name, the template's colours, a comment explaining it and its
    width."""
    cell = ws.cell(1, index, column.name(msg.lang))
    cell.fill, cell.font = _HEADER_FILL, _HEADER_FONT
    cell.comment = Comment(
        msg(f"template.columns.{sheet.key}.{column.key}"), "retro", width=320, height=140
    )
    ws.column_dimensions[get_column_letter(index)].width = _WIDE.get(column.key, 16)


def inline_lists(lang: str) -> dict[str, str]:
    """Drop-down lists written into the validation itself (``"open,bevestigd,..."``), for a sheet
    added to a workbook that may have no ``Lijsten`` sheet."""
    return {
        name: '"' + ",".join(t.name(lang) for t in terms) + '"'
        for name, terms in VOCABULARIES.items()
    }


def format_sheet(
    ws: Worksheet,
    sheet: Sheet,
    msg: Messages,
    lists: Mapping[str, str],
    actor_range: str | None,
) -> None:
    """Headers with comments, column widths, drop-down lists (``lists``: vocabulary -> formula;
    ``actor_range``: the actor ids) and date formats of one sheet, as the template has them."""
    for index, column in enumerate(sheet.columns, start=1):
        header_cell(ws, index, sheet, column, msg)
        letter = get_column_letter(index)
        if column.vocabulary is not None:
            ws.add_data_validation(_validation(lists[column.vocabulary], letter, msg))
        elif actor_range is not None and (
            (column.kind in ("actor", "actors") and sheet.key != "actors")
            or (sheet.key == "actors" and column.key == "side")
        ):
            ws.add_data_validation(
                _validation(actor_range, letter, msg, strict=column.kind == "actor")
            )
        if column.kind == "minutes":
            ws.add_data_validation(_whole_minutes(letter, msg))
        if column.kind == "date":
            for number in range(2, _MAX_ROWS + 1):
                ws.cell(number, index).number_format = _DATE_FORMAT
    ws.freeze_panes = "A2"


def _data_sheet(
    book: Workbook,
    sheet: Sheet,
    rows: list[Mapping[str, Any]],
    lang: str,
    msg: Messages,
    ranges: dict[str, str],
    actor_range: str,
) -> None:
    ws = book.create_sheet(sheet.name(lang))
    format_sheet(ws, sheet, msg, ranges, actor_range)
    for row_index, row in enumerate(rows, start=2):
        for index, column in enumerate(sheet.columns, start=1):
            value = row.get(column.nl, row.get(column.en))
            if value not in (None, ""):
                cell = ws.cell(row_index, index, _cell_value(column.kind, value))
                cell.alignment = Alignment(wrap_text=column.key in _WIDE, vertical="top")


def _instructions(book: Workbook, msg: Messages) -> None:
    ws = book.active
    ws.title = msg("template.instructions_sheet")
    ws.column_dimensions["A"].width = _INSTRUCTIONS_WIDTH
    ws.cell(1, 1, msg("template.instructions_title")).font = Font(bold=True, size=16)
    ws.row_dimensions[1].height = 24
    for row, line in enumerate(msg.raw("template.instructions"), start=3):
        ws.cell(row, 1, line).alignment = Alignment(wrap_text=True, vertical="top")
        # Excel and LibreOffice do not grow a row for wrapped text on their own: give it room for
        # every line.
        ws.row_dimensions[row].height = 15 * (len(line) // (_INSTRUCTIONS_WIDTH - 10) + 1)
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _example_content(msg: Messages) -> dict[str, list[dict[str, Any]]]:
    return {
        key: [dict(row) for row in rows] for key, rows in msg.section("template.examples").items()
    }


def write_template(
    path: str | Path | BinaryIO, lang: str = "nl", *, content: Mapping[str, Any] | None = None
) -> Path | BinaryIO:
    """Write a ready-to-fill workbook (or, with ``content``, a filled one) to a path or an open
    binary file, and return it.

    ``content`` has the shape of a sample-case source: a ``casus`` table of field -> value and lists
    of rows per sheet (``betrokkenen``, ``tijdlijn``, ...), keyed by Dutch or English column names.
    """
    msg = Messages(lang)
    book = Workbook()
    _instructions(book, msg)
    data: dict[str, Any] = dict(content) if content is not None else _example_content(msg)
    actors_sheet = next(s for s in SHEETS if s.key == "actors").name(lang)
    actor_range = f"{quote_sheetname(actors_sheet)}!$A$2:$A${_MAX_ROWS}"
    lists_title = msg("template.lists_sheet")
    ranges = _vocabulary_ranges(book, lang, lists_title)
    for sheet in SHEETS:
        given = data.get(sheet.nl.lower(), data.get(sheet.en.lower(), data.get(sheet.key, [])))
        rows = (
            [{"veld": k, "waarde": v} for k, v in given.items()]
            if isinstance(given, Mapping)
            else list(given)
        )
        _data_sheet(book, sheet, rows, lang, msg, ranges, actor_range)
    book.move_sheet(lists_title, offset=len(book.sheetnames))
    if isinstance(path, str | Path):
        path = Path(path)
    book.save(path)
    return path
