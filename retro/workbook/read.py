"""Reading a workbook into raw rows that remember where they came from.

Fast by construction: python-calamine reads the cells; the zip is inspected first so that a file
that is not a workbook, is encrypted, or is far too large is refused with a clear error before any
cell is read.  Formulas are found by scanning the sheet XML, because calamine only sees their cached
values."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine as calamine

from ..config import ReadingSettings
from ..errors import UnusableFileError

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
_FORMULA_CELL = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"[^>]*?(?<!/)>\s*<f[\s>/]')
_SHEET_ENTRY = re.compile(r'<sheet [^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"')
_REL_ENTRY = re.compile(
    r'<Relationship [^>]*?Id="([^"]*)"[^>]*?Target="([^"]*)"'
    r'|<Relationship [^>]*?Target="([^"]*)"[^>]*?Id="([^"]*)"'
)


@dataclass(frozen=True, slots=True)
class RawSheet:
    """The cells of one sheet: ``rows[i]`` is Excel row ``i + 1``; ``formulas`` holds (row, column
    index)."""

    name: str
    rows: list[list[Any]]
    formulas: frozenset[tuple[int, int]] = field(default_factory=frozenset)


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + (ord(ch) - 64)
    return index - 1


def check_file(path: Path, limits: ReadingSettings) -> bytes:
    """Refuse a missing, folder, oversized, empty, encrypted or non-workbook file before reading it;
    return its first bytes."""
    if not path.exists():
        raise UnusableFileError("file_not_found", path=str(path))
    if path.is_dir():
        raise UnusableFileError("file_is_folder", path=str(path))
    size_mb = path.stat().st_size / 1_000_000
    if size_mb > limits.max_file_mb:
        raise UnusableFileError(
            "file_too_large", path=str(path), size=round(size_mb, 1), limit=limits.max_file_mb
        )
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(_OLE_MAGIC):
        if _ENCRYPTED_MARK in path.read_bytes():
            raise UnusableFileError("file_encrypted", path=str(path))
        return head  # an old .xls: calamine reads it
    if path.stat().st_size == 0:
        raise UnusableFileError("file_empty", path=str(path))
    if not head.startswith(b"PK"):
        raise UnusableFileError("not_a_workbook", path=str(path))
    return head


def _sheet_xml_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> path of its XML inside an .xlsx."""
    try:
        workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except KeyError:
        return {}
    targets = {}
    for m in _REL_ENTRY.finditer(rels):
        rid, target = (m[1], m[2]) if m[1] else (m[4], m[3])
        targets[rid] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return {_unescape(name): targets.get(rid, "") for name, rid in _SHEET_ENTRY.findall(workbook)}


def _unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def _formulas(path: Path, limits: ReadingSettings) -> dict[str, frozenset[tuple[int, int]]]:
    """Formula cells per sheet name (empty for non-xlsx files)."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise UnusableFileError("not_a_workbook", path=str(path)) from None
    with archive:
        unpacked_mb = sum(i.file_size for i in archive.infolist()) / 1_000_000
        if unpacked_mb > limits.max_unpacked_mb:
            raise UnusableFileError(
                "file_too_large",
                path=str(path),
                size=round(unpacked_mb, 1),
                limit=limits.max_unpacked_mb,
            )
        found = {}
        for name, member in _sheet_xml_paths(archive).items():
            try:
                xml = archive.read(member)
            except KeyError:
                continue
            found[name] = frozenset(
                (int(r), _column_index(c.decode())) for c, r in _FORMULA_CELL.findall(xml)
            )
        return found


def read_workbook(path: str | Path, limits: ReadingSettings) -> list[RawSheet]:
    """Every sheet of a workbook as raw rows.  Raises :class:`UnusableFileError`."""
    path = Path(path)
    head = check_file(path, limits)
    formulas = _formulas(path, limits) if head.startswith(b"PK") else {}
    try:
        workbook = calamine.CalamineWorkbook.from_path(str(path))
    except calamine.PasswordError:
        raise UnusableFileError("file_encrypted", path=str(path)) from None
    except Exception:  # calamine raises several error types for files it cannot parse
        raise UnusableFileError("not_a_workbook", path=str(path)) from None
    sheets = []
    for name in workbook.sheet_names:
        sheet = workbook.get_sheet_by_name(name)
        if sheet.total_height > limits.max_rows or sheet.total_width > limits.max_columns:
            raise UnusableFileError(
                "sheet_too_large",
                path=str(path),
                sheet=name,
                rows=sheet.total_height,
                limit=limits.max_rows,
            )
        try:
            rows = sheet.to_python(skip_empty_area=False)
        except Exception:
            raise UnusableFileError("not_a_workbook", path=str(path)) from None
        sheets.append(RawSheet(name, rows, formulas.get(name, frozenset())))
    if not sheets or all(not any(_filled(v) for row in s.rows for v in row) for s in sheets):
        raise UnusableFileError("file_empty", path=str(path))
    return sheets


def _filled(value: Any) -> bool:
    return not (value is None or (isinstance(value, str) and not value.strip()))


def is_filled(value: Any) -> bool:
    """Whether a cell holds something (not empty, not only spaces)."""
    return _filled(value)
