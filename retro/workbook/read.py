"""Reading a workbook into raw rows that remember where they came from: the reading boundary.

Nothing a file holds gets past this module but raw rows or an
:class:`~retro.errors.UnusableFileError` naming what is wrong (exit 2, a sentence):

* the file is checked first (:func:`check_file`): missing, a folder, a link that loops, unreadable,
  too large, empty, encrypted, not a workbook;
* an ``.xls`` has its sheets' records read the same way (:mod:`.biff`);
* an ``.xlsx`` or ``.xlsm`` is streamed once with a hard cap (:mod:`.archive`), which refuses a
  damaged, encrypted or oddly packed member and XML with a DOCTYPE, and finds each sheet's extent,
  its formulas and numbers that can be no date (:mod:`.sheet_xml`);
* a sheet that reaches further than ``[import] max_rows``, ``max_columns`` or ``max_cells`` is
  refused before calamine lays it out in memory;
* python-calamine then reads the cells.  Whatever it raises, including the ``PanicException`` of
  its Rust code (a ``BaseException``, which ``except Exception`` misses), is caught here and
  nowhere else.  The file is handed to it open, so a file name in any encoding is read.

An old ``.xls`` is an OLE compound file of BIFF records: :mod:`.biff` finds each sheet's extent and
formulas in its records before calamine reads it."""

from __future__ import annotations

import errno
import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine as calamine

from ..config import ReadingSettings
from ..errors import UnusableFileError
from .archive import inspect_package
from .biff import xls_sheets
from .sheet_xml import SheetFacts

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
_RUST_PANIC = "pyo3_runtime.PanicException"


@dataclass(frozen=True, slots=True)
class RawSheet:
    """The cells of one sheet: ``rows[i]`` is Excel row ``i + 1``; ``formulas`` holds (row, column
    index)."""

    name: str
    rows: list[list[Any]]
    formulas: frozenset[tuple[int, int]] = field(default_factory=frozenset)


def _os_error(path: Path, exc: OSError) -> UnusableFileError:
    if exc.errno == errno.ENOENT:
        return UnusableFileError("file_not_found", path=str(path))
    if exc.errno == errno.ELOOP:
        return UnusableFileError("file_link_loop", path=str(path))
    if exc.errno == errno.EISDIR:
        return UnusableFileError("file_is_folder", path=str(path))
    return UnusableFileError("file_unreadable", path=str(path), reason=exc.strerror or exc)


def check_file(path: Path, limits: ReadingSettings) -> bytes:
    """Refuse a missing, folder, looping, unreadable, oversized, empty, encrypted or non-workbook
    file before reading it; return its first bytes."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise UnusableFileError("file_is_folder", path=str(path))
        if size / 1_000_000 > limits.max_file_mb:
            raise UnusableFileError(
                "file_too_large",
                path=str(path),
                size=round(size / 1_000_000, 1),
                limit=limits.max_file_mb,
            )
        with path.open("rb") as handle:
            head = handle.read(8)
            if head.startswith(_OLE_MAGIC):
                if _ENCRYPTED_MARK in handle.read():
                    raise UnusableFileError("file_encrypted", path=str(path))
                return head  # an old .xls: calamine reads it
    except OSError as exc:
        raise _os_error(path, exc) from None
    if size == 0:
        raise UnusableFileError("file_empty", path=str(path))
    if not head.startswith(b"PK"):
        raise UnusableFileError("not_a_workbook", path=str(path))
    return head


def check_extent(path: Path, name: str, facts: SheetFacts, limits: ReadingSettings) -> None:
    """Refuse a sheet whose cells reach further than retro reads, saying how far they reach."""
    where = {"path": str(path), "sheet": name, "cell": facts.last_cell}
    if facts.rows > limits.max_rows:
        raise UnusableFileError("sheet_too_long", rows=facts.rows, limit=limits.max_rows, **where)
    if facts.columns > limits.max_columns:
        raise UnusableFileError(
            "sheet_too_wide", columns=facts.columns, limit=limits.max_columns, **where
        )
    if facts.cells > limits.max_cells:
        raise UnusableFileError(
            "sheet_too_large",
            rows=facts.rows,
            columns=facts.columns,
            limit=limits.max_cells,
            **where,
        )


def _calamine_error(path: Path, sheet: str | None, exc: BaseException) -> UnusableFileError:
    if sheet is None:
        return UnusableFileError("file_broken_zip", path=str(path))
    if "shared string" in str(exc).lower():
        return UnusableFileError("file_shared_string", path=str(path), sheet=sheet)
    return UnusableFileError("sheet_unreadable", path=str(path), sheet=sheet)


@contextmanager
def _rust_panics_unprinted() -> Iterator[None]:
    """Standard error closed to calamine: a Rust panic prints its message and a backtrace hint there
    before it reaches Python as an exception, and the user should see a sentence instead."""
    sys.stderr.flush()
    try:
        saved = os.dup(2)
    except OSError:  # no standard error at all: nothing to keep quiet
        yield
        return
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _sheets(source: Path | io.BytesIO, facts: dict[str, SheetFacts], path: Path) -> list[RawSheet]:
    """The rows of every sheet, as calamine reads them from ``source`` (the file or its copy);
    ``facts`` are the sheets the scan saw."""
    sheet = None
    try:
        with (
            _rust_panics_unprinted(),
            source.open("rb") if isinstance(source, Path) else source as handle,
        ):
            workbook = calamine.CalamineWorkbook.from_filelike(handle)
            sheets = []
            for sheet in workbook.sheet_names:
                if sheet not in facts:  # a sheet the scan did not see is never read unchecked
                    raise UnusableFileError("sheet_unreadable", path=str(path), sheet=sheet)
                rows = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
                sheets.append(RawSheet(sheet, rows, facts[sheet].formulas))
            return sheets
    except calamine.PasswordError:
        raise UnusableFileError("file_encrypted", path=str(path)) from None
    except (calamine.CalamineError, ValueError, TypeError, OverflowError, UnicodeError) as exc:
        raise _calamine_error(path, sheet, exc) from None
    except OSError as exc:
        raise _os_error(path, exc) from None
    except BaseException as exc:  # calamine's Rust panics are no Exception
        if f"{type(exc).__module__}.{type(exc).__qualname__}" != _RUST_PANIC:
            raise
        raise _calamine_error(path, sheet, exc) from None


def read_workbook(path: str | Path, limits: ReadingSettings) -> list[RawSheet]:
    """Every sheet of a workbook as raw rows.  Raises :class:`UnusableFileError`."""
    path = Path(path)
    head = check_file(path, limits)
    facts: dict[str, SheetFacts] = {}
    source: Path | io.BytesIO = path
    if head.startswith(b"PK"):
        package = inspect_package(path, limits.max_unpacked_mb)
        facts, source = package.sheets, package.source
    else:
        facts = xls_sheets(path, limits.max_unpacked_mb)
    for name, sheet_facts in facts.items():
        check_extent(path, name, sheet_facts, limits)
    sheets = _sheets(source, facts, path)
    if not sheets or all(not any(is_filled(v) for row in s.rows for v in row) for s in sheets):
        raise UnusableFileError("file_empty", path=str(path))
    return sheets


def is_filled(value: Any) -> bool:
    """Whether a cell holds something (not empty, not only spaces)."""
    return not (value is None or (isinstance(value, str) and not value.strip()))
