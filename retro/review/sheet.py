"""The ``Beoordeling`` sheet brought up to date with the analysis, cell by cell (openpyxl).

retro writes only its own columns (id, pattern, events, summary: ``REVIEW_RETRO_COLUMNS``) and only
on rows that are its own (a flag's row).  What people wrote (verdict, note, stage, own rows, their
order, the columns they added) stays as it is.  On each run:

* a flag that has no row yet gets one at the end;
* a flag's row gets the flag's current pattern, events and summary; where a cell held something
  else (people typed in retro's column, or the evidence changed), the old text is kept in a comment
  on the cell, so nothing is lost;
* the row of a flag retro no longer finds is marked "niet meer gevonden" in its summary and greyed,
  and kept with everything people wrote in it;
* a flag found again loses its mark."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..analysis import Analysis, Flag
from ..analysis.flag_text import flag_facts
from ..messages import LANGUAGES, Messages
from ..schema import REVIEW_RETRO_COLUMNS, SHEETS_BY_KEY, column_by_header, normalise
from ..workbook.blank import header_cell
from ..workbook.cells import split_ids
from .verdicts import is_flag_id, pattern_kind

SHEET = SHEETS_BY_KEY["review"]
_HEADER_SEARCH_ROWS = 5
_RETRO_FILL = PatternFill("solid", fgColor="F2F2F2")  # retro's columns: for reading
_GONE_FONT = Font(italic=True, color="808080")
_PLAIN_FONT = Font()
_FORMULA_STARTS = ("=", "+", "-", "@")
_LINE_HEIGHT = 15  # points per line of wrapped text
_SUMMARY_WIDTH = 70  # characters: the template's width of the summary column


@dataclass
class SheetChanges:
    """What one run changed in the sheet, by flag id."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)  # a retro cell of the row changed
    gone: list[str] = field(default_factory=list)  # newly marked as no longer found
    back: list[str] = field(default_factory=list)  # found again after being marked
    commented: int = 0  # cells whose earlier text is now kept in a comment


def summary(analysis: Analysis, flag: Flag, msg: Messages) -> str:
    """retro's one-line explanation of a flag: the sentence of the rule that fired."""
    key = f"flags.{flag.kind}.rules.{flag.rule}"
    if msg.has(key):
        return msg(key, **flag_facts(flag, msg, analysis.settings.most_listed))
    return analysis.flag_text(flag, msg).explanation


def retro_values(analysis: Analysis, flag: Flag, msg: Messages) -> dict[str, str]:
    """What retro writes in its columns for one flag."""
    return {
        "id": flag.id,
        "pattern": msg(f"flags.{flag.kind}.title"),
        "events": ", ".join(flag.events),
        "summary": summary(analysis, flag, msg),
    }


def header_row(ws: Worksheet) -> int:
    """The row of the sheet's headers (1 for a new sheet); the validation found it before."""
    best, found = 0, 1
    for number in range(1, min(ws.max_row, _HEADER_SEARCH_ROWS) + 1):
        hits = sum(
            1
            for cell in ws[number]
            if cell.value is not None and column_by_header(SHEET, cell.value) is not None
        )
        if hits > best:
            best, found = hits, number
    return found


def column_indexes(ws: Worksheet, header: int, msg: Messages) -> dict[str, int]:
    """Column key -> column number; retro's own columns that are missing are added at the end."""
    found: dict[str, int] = {}
    for cell in ws[header]:
        column = column_by_header(SHEET, cell.value) if cell.value is not None else None
        if column is not None and column.key not in found:
            found[column.key] = cell.column
    for key in REVIEW_RETRO_COLUMNS:
        if key not in found:
            found[key] = max([ws.max_column, *found.values()]) + 1
            header_cell(ws, found[key], SHEET, SHEET.column(key), msg)
    return found


def _text(value: object) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _gone_marks() -> tuple[str, ...]:
    return tuple(Messages(lang)("review.sheet.gone_mark") for lang in LANGUAGES)


def _same(key: str, old: str, new: str) -> bool:
    """Whether a cell already says what retro would write (in any of its ways of saying it)."""
    if key == "pattern":
        return pattern_kind(old) is not None and pattern_kind(old) == pattern_kind(new)
    if key == "id":
        return normalise(old) == normalise(new)
    if key == "events":
        return {normalise(e) for e in split_ids(old)} == {normalise(e) for e in split_ids(new)}
    return _text(old) == _text(new)


def _put(ws: Worksheet, row: int, column: int, value: str, *, wrap: bool = False) -> None:
    """Write text, never a formula (an id typed as ``=...`` stays text); a wrapped text gets a row
    high enough for its lines (Excel and LibreOffice do not grow a row for it on their own)."""
    cell = ws.cell(row, column)
    cell.value = value
    if value.startswith(_FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
    cell.fill = _RETRO_FILL
    cell.alignment = Alignment(wrap_text=wrap, vertical="top")
    if wrap:
        width = ws.column_dimensions[get_column_letter(column)].width or _SUMMARY_WIDTH
        needed = _LINE_HEIGHT * (len(value) // max(10, int(width) - 5) + 1)
        ws.row_dimensions[row].height = max(ws.row_dimensions[row].height or 0, needed)


def _update(
    ws: Worksheet,
    row: int,
    columns: Mapping[str, int],
    values: Mapping[str, str],
    msg: Messages,
    changes: SheetChanges,
) -> bool:
    """Write retro's values on an existing row; returns whether a cell changed."""
    changed = False
    marks = _gone_marks()
    for key in REVIEW_RETRO_COLUMNS:
        cell = ws.cell(row, columns[key])
        old = _text(cell.value)
        if _same(key, old, values[key]):
            continue
        if old and not old.startswith(marks):
            cell.comment = Comment(msg("review.sheet.previous", value=old), "retro")
            changes.commented += 1
        _put(ws, row, columns[key], values[key], wrap=key == "summary")
        changed = True
    return changed


def _mark_gone(
    ws: Worksheet, row: int, columns: Mapping[str, int], msg: Messages, today: date
) -> bool:
    """Mark a row whose flag retro no longer finds; returns False when it was marked before."""
    cell = ws.cell(row, columns["summary"])
    old = _text(cell.value)
    if old.startswith(_gone_marks()):
        return False
    text = msg("review.sheet.gone", mark=msg("review.sheet.gone_mark"), date=f"{today:%d-%m-%Y}")
    if old:
        text += " " + msg("review.sheet.gone_before", summary=old)
    _put(ws, row, columns["summary"], text, wrap=True)
    for key in REVIEW_RETRO_COLUMNS:
        ws.cell(row, columns[key]).font = _GONE_FONT
    return True


def _rows_by_id(ws: Worksheet, header: int, id_column: int) -> tuple[dict[str, int], int]:
    """Folded id -> row number, and the last row that holds anything."""
    rows: dict[str, int] = {}
    last = header
    for number in range(header + 1, ws.max_row + 1):
        values = [c.value for c in ws[number]]
        if any(v is not None and str(v).strip() for v in values):
            last = number
        ident = ws.cell(number, id_column).value
        if ident is not None and str(ident).strip():
            rows.setdefault(normalise(ident), number)
    return rows, last


def updated_sheet(
    ws: Worksheet, analysis: Analysis, flags: Iterable[Flag], msg: Messages, today: date
) -> SheetChanges:
    """Bring the sheet up to date with ``flags`` (see the module); returns what changed."""
    header = header_row(ws)
    columns = column_indexes(ws, header, msg)
    rows, last = _rows_by_id(ws, header, columns["id"])
    changes = SheetChanges()
    current = set()
    for flag in flags:
        values = retro_values(analysis, flag, msg)
        current.add(normalise(flag.id))
        row = rows.get(normalise(flag.id))
        if row is None:
            last += 1
            for key in REVIEW_RETRO_COLUMNS:
                _put(ws, last, columns[key], values[key], wrap=key == "summary")
            changes.added.append(flag.id)
            continue
        was_gone = _text(ws.cell(row, columns["summary"]).value).startswith(_gone_marks())
        if _update(ws, row, columns, values, msg, changes):
            changes.updated.append(flag.id)
        if was_gone:
            for key in REVIEW_RETRO_COLUMNS:
                ws.cell(row, columns[key]).font = _PLAIN_FONT
            changes.back.append(flag.id)
    for ident, row in rows.items():
        text = str(ws.cell(row, columns["id"]).value)
        if ident not in current and is_flag_id(text) and _mark_gone(ws, row, columns, msg, today):
            changes.gone.append(text.strip())
    return changes
