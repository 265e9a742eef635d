"""Verdicts given outside Excel (in ``retro app``) written into the ``Beoordeling`` sheet.

In Excel people type their verdict, note and stage in the sheet themselves; ``retro app`` lets them
choose these on a page instead, and then writes them for them, in the same places: the people's
columns (verdict, note, stage) of each flag's row, and a new row without an id for each pattern of
their own.  Nothing else is touched: retro's own columns stay as :mod:`.sheet` wrote them, and
every other sheet as it was.  A verdict is written by its name in the sheet's language
(``bevestigd``), "open" as an empty cell (which means open); text that starts like a formula stays
text."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from ..messages import Messages
from ..schema import SHEETS_BY_KEY, VOCABULARIES, column_by_header, normalise
from ..workbook.blank import header_cell
from .sheet import header_row

SHEET = SHEETS_BY_KEY["review"]
PEOPLE_COLUMNS = ("verdict", "note", "stage")
_FORMULA_STARTS = ("=", "+", "-", "@")


@dataclass(frozen=True, slots=True)
class Judgement:
    """What people say about one flag: ``verdict`` and ``stage`` by their keys (``confirmed``,
    ``session``; see the ``verdict`` and ``stage`` vocabularies), ``note`` in their own words."""

    verdict: str = "open"
    note: str = ""
    stage: str = ""


@dataclass(frozen=True, slots=True)
class NewPattern:
    """A pattern people saw and retro did not: one of retro's kinds, events of the timeline (by
    id), and what they say about it."""

    kind: str
    events: tuple[str, ...]
    note: str = ""
    verdict: str = "open"
    stage: str = ""


def _term(vocabulary: str, key: str, lang: str) -> str | None:
    """The name of a vocabulary key in the sheet's language; None for an empty or ``open``
    verdict."""
    if not key or (vocabulary == "verdict" and key == "open"):
        return None
    term = next((t for t in VOCABULARIES[vocabulary] if t.key == key), None)
    if term is None:
        raise ValueError(f"unknown {vocabulary} {key!r}")
    return term.name(lang)


def _columns(ws: Worksheet, header: int, msg: Messages) -> dict[str, int]:
    """Column key -> number for every column of the sheet; a missing one is added at the end."""
    found: dict[str, int] = {}
    for cell in ws[header]:
        if cell.value is None:
            continue
        column = column_by_header(SHEET, cell.value)
        if column is not None and column.key not in found:
            found[column.key] = cell.column
    for column in SHEET.columns:
        if column.key not in found:
            found[column.key] = max([ws.max_column, *found.values()]) + 1
            header_cell(ws, found[column.key], SHEET, column, msg)
    return found


def _put(ws: Worksheet, row: int, column: int, value: str | None) -> None:
    """A person's value, as text (never a formula), wrapped at the top of its cell."""
    cell = ws.cell(row, column)
    cell.value = value or None
    if value and value.startswith(_FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
    cell.alignment = Alignment(wrap_text=True, vertical="top")


def _values(judgement: Judgement | NewPattern, lang: str) -> dict[str, str | None]:
    return {
        "verdict": _term("verdict", judgement.verdict, lang),
        "note": judgement.note.strip() or None,
        "stage": _term("stage", judgement.stage, lang),
    }


def judged_sheet(
    ws: Worksheet,
    judgements: Mapping[str, Judgement],
    own: Sequence[NewPattern],
    msg: Messages,
) -> int:
    """Write ``judgements`` (by flag id) on the rows of their flags, which :mod:`.sheet` wrote, and
    add a row for each pattern in ``own``; returns the number of rows written."""
    header = header_row(ws)
    columns = _columns(ws, header, msg)
    wanted = {normalise(ident): j for ident, j in judgements.items()}
    last, written = header, 0
    for number in range(header + 1, ws.max_row + 1):
        if any(c.value is not None and str(c.value).strip() for c in ws[number]):
            last = number
        ident = ws.cell(number, columns["id"]).value
        judgement = wanted.get(normalise(ident)) if ident is not None else None
        if judgement is not None:
            for key, value in _values(judgement, msg.lang).items():
                _put(ws, number, columns[key], value)
            written += 1
    for pattern in own:
        last += 1
        values = {
            "pattern": msg(f"flags.{pattern.kind}.title"),
            "events": ", ".join(pattern.events),
            **_values(pattern, msg.lang),
        }
        for key, value in values.items():
            _put(ws, last, columns[key], value)
        written += 1
    return written
