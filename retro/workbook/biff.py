"""What the sheets of an old ``.xls`` hold, read from its record stream before calamine reads it.

An ``.xls`` is an OLE compound file (read with olefile) whose ``Workbook`` stream is a sequence of
BIFF records.  calamine lays each sheet out in memory from A1 to its farthest cell, and a record may
put a cell at column 65,535 (the field allows it, Excel does not): a tiny file could make it ask for
over a hundred gigabytes.  So each sheet's records are read here first, from where the workbook says
the sheet starts to the end of the sheet, as calamine reads them, and the farthest cell and the
formula cells are noted."""

from __future__ import annotations

import struct
from pathlib import Path

import olefile

from ..errors import UnusableFileError
from .sheet_xml import SheetFacts

_BOF, _EOF, _BOUNDSHEET = 0x0809, 0x000A, 0x0085
_FORMULA = 0x0006
_CELLS = {0x0006, 0x00FD, 0x0203, 0x027E, 0x0201, 0x0204, 0x0205, 0x00D6}  # row, column first
_RUNS = {0x00BD, 0x00BE}  # MULRK, MULBLANK: row, first column, ..., last column


def _records(stream: bytes, start: int = 0):
    """(offset, type, body) of each record from ``start`` on."""
    position = start
    while position + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, position)
        yield position, kind, stream[position + 4 : position + 4 + size]
        position += 4 + size


def _sheet_name(body: bytes, biff8: bool) -> str:
    """The name in a BOUNDSHEET record: after the sheet's offset and flags, its length, then (BIFF8)
    a flag for two-byte characters and the characters, or (BIFF5) the bytes."""
    length = body[6] if len(body) > 6 else 0
    if biff8 and len(body) > 7:
        wide = body[7] & 1
        return body[8 : 8 + length * (2 if wide else 1)].decode(
            "utf-16-le" if wide else "latin-1", "replace"
        )
    return body[7 : 7 + length].decode("latin-1", "replace")


def _sheet_facts(stream: bytes, start: int) -> SheetFacts:
    """The farthest cell and the formulas of the sheet whose BOF record is at ``start``; its end is
    the end-of-file record that closes it (charts inside it open and close their own)."""
    rows = columns = 0
    formulas = set()
    depth = 0
    for _, kind, body in _records(stream, start):
        if kind == _BOF:
            depth += 1
        elif kind == _EOF:
            depth -= 1
            if depth <= 0:
                break
        elif kind in _CELLS and len(body) >= 4:
            row, column = struct.unpack_from("<HH", body)
            rows, columns = max(rows, row + 1), max(columns, column + 1)
            if kind == _FORMULA:
                formulas.add((row + 1, column))
        elif kind in _RUNS and len(body) >= 6:
            row, first = struct.unpack_from("<HH", body)
            (last,) = struct.unpack_from("<H", body, len(body) - 2)
            rows, columns = max(rows, row + 1), max(columns, first + 1, last + 1)
    return SheetFacts(rows, columns, frozenset(formulas))


def _stream(path: Path, limit_mb: float) -> bytes | None:
    """The workbook stream of the compound file (None when it has none)."""
    with path.open("rb") as handle, olefile.OleFileIO(handle) as ole:
        name = next((n for n in ("Workbook", "Book") if ole.exists(n)), None)
        if name is None:
            return None
        if ole.get_size(name) > limit_mb * 1_000_000:
            raise UnusableFileError("file_unpacks_too_large", path=str(path), limit=limit_mb)
        return ole.openstream(name).read()


def xls_sheets(path: Path, limit_mb: float) -> dict[str, SheetFacts]:
    """The facts of each sheet of an ``.xls`` by its name.  Raises
    :class:`~retro.errors.UnusableFileError`."""
    try:
        stream = _stream(path, limit_mb)
    except UnusableFileError:
        raise
    except Exception:  # olefile's many ways of saying that a compound file is broken
        raise UnusableFileError("file_broken_zip", path=str(path)) from None
    if stream is None:
        raise UnusableFileError("not_a_workbook", path=str(path))
    sheets = {}
    biff8 = stream[4:6] == b"\x00\x06"  # the version in the first BOF record
    for _, kind, body in _records(stream):
        if kind == _BOUNDSHEET and len(body) >= 6:
            (start,) = struct.unpack_from("<I", body)
            sheets[_sheet_name(body, biff8)] = _sheet_facts(stream, start)
        elif kind == _EOF:
            break  # the end of the workbook globals: the sheets follow
    return sheets
