"""``regio.xlsx``: the regional overview as a formatted workbook.

A cover sheet says what the workbook holds, how it was anonymised and when it was made; then one
sheet per table.  Every text cell is written as text (``data_type`` ``"s"``, with Excel's quote
prefix when it starts with ``=``, ``+``, ``-`` or ``@``), so no cell can ever be a formula.  The
file is deterministic: its document properties and the time stamps inside the zip are the generation
time, so two exports of the same cases differ only there."""

from __future__ import annotations

import contextlib
import os
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ..messages import Messages
from .counts import Cell, Table
from .tables import RegionOverview

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="2F5D62")
_GROUP_FONT = Font(bold=True)
_TITLE_FONT = Font(bold=True, size=16)
_THEME_FONT = Font(bold=True, size=12)
_THEME_FILL = PatternFill("solid", fgColor="E4EEEE")
_NOTE_FONT = Font(italic=True, color="3A4A4C")
_WARNING_FONT = Font(bold=True, color="9C2A00")
_WRAP = Alignment(wrap_text=True, vertical="top")
_LEFT, _RIGHT = Alignment(horizontal="left"), Alignment(horizontal="right")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def put(sheet: Worksheet, row: int, column: int, value: Cell):
    """Write one cell; text always as text, never as a formula."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"
        if value.startswith(_FORMULA_STARTS):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def _header(sheet: Worksheet, row: int, columns: Sequence[str]) -> None:
    for column, title in enumerate(columns, start=1):
        cell = put(sheet, row, column, title)
        cell.font, cell.fill, cell.alignment = (
            _HEADER_FONT,
            _HEADER_FILL,
            Alignment(wrap_text=True, vertical="center"),
        )


def _widths(sheet: Worksheet, widths: Sequence[int]) -> None:
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def _note(sheet: Worksheet, row: int, text: str, columns: int) -> None:
    """A sentence across the table's width: why it shows nothing (or nothing but hidden counts)."""
    cell = put(sheet, row, 1, text)
    cell.font, cell.alignment = _NOTE_FONT, _WRAP
    if columns > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)


def _table(sheet: Worksheet, top: int, table: Table, numbers: bool = True) -> int:
    """The table from row ``top``: header, rows, and its note (in the first data row when it has no
    rows, under the rows otherwise).  With ``numbers``, the columns after the first hold numbers and
    '<5': all right-aligned.  Returns the last row written."""
    _header(sheet, top, table.columns)
    row = top
    for row, values in enumerate(table.rows, start=top + 1):
        for c, value in enumerate(values, start=1):
            put(sheet, row, c, value).alignment = _RIGHT if numbers and c > 1 else _LEFT
    if table.note is not None:
        row += 1 if not table.rows else 2
        _note(sheet, row, table.note, len(table.columns))
    return row


def _table_sheet(
    book: Workbook,
    title: str,
    table: Table,
    widths: Sequence[int],
    freeze: str = "A2",
    numbers: bool = True,
) -> Worksheet:
    sheet = book.create_sheet(title)
    _table(sheet, 1, table, numbers)
    _widths(sheet, widths)
    sheet.freeze_panes = freeze
    if table.rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{len(table.rows) + 1}"
    return sheet


def _wrapped(sheet: Worksheet, row: int, text: str):
    """A sentence across the cover's two columns, as high as its wrapped lines."""
    cell = put(sheet, row, 1, text)
    cell.alignment = _WRAP
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    sheet.row_dimensions[row].height = 15 * (1 + len(text) // 95)
    return cell


def _about(book: Workbook, overview: RegionOverview, msg: Messages) -> None:
    sheet = book.active
    sheet.title = msg("region.sheet.about")
    put(sheet, 1, 1, msg("region.title")).font = _TITLE_FONT
    put(sheet, 2, 1, overview.generated)
    row = 4
    if overview.key_warning:
        _wrapped(sheet, row, overview.key_warning).font = _WARNING_FONT
        row += 2
    for line in overview.intro:
        _wrapped(sheet, row, line)
        row += 1
    row += 1
    put(sheet, row, 1, msg("region.totals.heading")).font = _GROUP_FONT
    for label, value in overview.totals.rows:
        row += 1
        put(sheet, row, 1, label)
        put(sheet, row, 2, value)
    row = _table(sheet, row + 2, overview.years) + 2
    put(sheet, row, 1, msg("region.compulsory.heading")).font = _GROUP_FONT
    for line in overview.compulsory:
        row += 1
        put(sheet, row, 1, line)
    _widths(sheet, (60, 40))
    sheet.sheet_view.showGridLines = False


def _patterns(book: Workbook, overview: RegionOverview, msg: Messages) -> None:
    sheet = _table_sheet(book, msg("region.sheet.patterns"), overview.patterns, (34, 16, 16))
    _table(sheet, sheet.max_row + 2, overview.pattern_spread)


def _confirmed(book: Workbook, overview: RegionOverview, msg: Messages) -> None:
    """What people judged: confirmed patterns apart from retro's unjudged flags, then agreement."""
    sheet = _table_sheet(
        book, msg("region.confirmed.sheet"), overview.confirmed, (34, 18, 18, 18, 14)
    )
    top = sheet.max_row + 2
    put(sheet, top, 1, msg("region.agreement.heading")).font = _GROUP_FONT
    _table(sheet, top + 1, overview.agreement)
    put(sheet, sheet.max_row + 2, 1, msg("region.confirmed.reviewed", count=overview.reviewed))


def _group_row(sheet: Worksheet, row: int, text: str, count: str, level: int) -> None:
    """A theme (level 0) or audience (level 1) header row with the number of its lessons."""
    title, number = put(sheet, row, 1, text), put(sheet, row, 2, count)
    for cell in (title, number):
        cell.font = _THEME_FONT if level == 0 else _GROUP_FONT
        if level == 0:
            cell.fill = _THEME_FILL
    title.alignment = Alignment(horizontal="left", indent=2 * level, vertical="top")


def _lessons(book: Workbook, overview: RegionOverview, msg: Messages) -> None:
    sheet = book.create_sheet(msg("region.sheet.lessons"))
    _header(sheet, 1, (msg("region.column.lessons_heading"), msg("region.column.count")))
    row = 1
    for theme in overview.lessons:
        row += 1 if row == 1 else 2
        _group_row(sheet, row, theme.theme, theme.count_text, 0)
        for group in theme.audiences:
            row += 1
            _group_row(sheet, row, group.heading, group.count_text, 1)
            for line in group.lessons:
                row += 1
                put(sheet, row, 1, line.text).alignment = Alignment(
                    horizontal="left", wrap_text=True, vertical="top", indent=4
                )
                if line.times:
                    put(sheet, row, 2, line.times)
    if not overview.lessons:
        _note(sheet, 2, overview.themes.note or "", 2)
    _widths(sheet, (110, 16))
    sheet.freeze_panes = "A2"


class _StampedZip(zipfile.ZipFile):
    """A zip whose every entry carries one time stamp (openpyxl would stamp each with the clock)."""

    def __init__(self, path: Path, when: datetime) -> None:
        super().__init__(path, "w", zipfile.ZIP_DEFLATED)
        self.stamp = when.timetuple()[:6]

    def writestr(self, name, data, compress_type=None, compresslevel=None):
        if isinstance(name, str):
            name = zipfile.ZipInfo(name, date_time=self.stamp)
            name.compress_type, name.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
        super().writestr(name, data, compress_type, compresslevel)

    def abandon(self) -> None:
        """Close the file after a failed write, without the end of the zip (the file is thrown
        away), so that nothing tries to finish it later."""
        handle, self.fp = self.fp, None
        if handle is not None:
            with contextlib.suppress(OSError):
                handle.close()

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        self.writestr(arcname or os.path.basename(filename), Path(filename).read_bytes())


def write_region_xlsx(overview: RegionOverview, path: Path, msg: Messages) -> Path:
    """Write the workbook to ``path`` (the export writes it to a temporary file it then renames)."""
    book = Workbook()
    book.properties.creator = "retro"
    book.properties.title = msg("region.title")
    utc = overview.generated_at.astimezone(UTC).replace(tzinfo=None)  # Excel reads these as UTC
    book.properties.created = book.properties.modified = utc
    _about(book, overview, msg)
    cases = _table_sheet(
        book,
        msg("region.sheet.cases"),
        overview.cases,
        (13, 11, 15, 10, 13, 14, 14, 12, 18, 18),
        freeze="B2",
    )
    cases.row_dimensions[1].height = 45
    _patterns(book, overview, msg)
    _confirmed(book, overview, msg)
    _table_sheet(book, msg("region.sheet.time"), overview.time, (18, 18, 20, 14, 14))
    _table_sheet(book, msg("region.sheet.court"), overview.court, (30, 14))
    _lessons(book, overview, msg)
    _table_sheet(book, msg("region.actions.sheet"), overview.actions, (40, 12, 12, 12))
    _table_sheet(book, msg("region.sheet.skipped"), overview.skipped, (14, 40), numbers=False)
    for sheet in book.worksheets:  # printed, every sheet is one page wide
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    cases.page_setup.orientation = "landscape"
    archive = _StampedZip(path, overview.generated_at)
    try:
        ExcelWriter(book, archive).save()  # not book.save(), which sets "modified" to the clock
    except BaseException:  # a full disk, Ctrl-C: close the file without writing the zip's end
        archive.abandon()
        raise
    return path
